"""A test-only case type ("TST", unit LS) that exercises every feature of the engine:
a working-day deadline, a terminal state, a transition with a required field, a
guard, an effect that raises after writing, a PARTY transition and a sign-off
subject. Registered by the conftests of cases/tests and api/tests, never in the app.

    NEW --start (note required)--> IN_PROGRESS (10 working days)
    IN_PROGRESS --close (guard: amount <= 100)--> CLOSED
    IN_PROGRESS --explode (effect writes, then raises)--> CLOSED
    IN_PROGRESS --submit (effect: sign-off chief -> director)--> PENDING_APPROVAL
    PENDING_APPROVAL --approve / send_back (fired by the sign-off)--> CLOSED / IN_PROGRESS
    NEW, IN_PROGRESS --withdraw (PARTY)--> WITHDRAWN
"""

from laborbureau.cases import services as case_services
from laborbureau.cases import workflows
from laborbureau.cases.access import PARTY
from laborbureau.cases.models import TimelineEntry
from laborbureau.cases.workflows import Deadline, FieldSpec, State, Transition, Workflow
from laborbureau.core.models import Role
from laborbureau.notify.services import outbox_write

CASE_TYPE = "test_engine_case"
TYPE_CODE = "TST"
UNIT_CODE = "LS"
SIGNOFF_SUBJECT = "tst_decision"
SIGNOFF_CHAIN = [Role.SECTION_CHIEF, Role.DIRECTOR]
NEW_DEADLINE = Deadline(3, "working", basis="測試")
IN_PROGRESS_DEADLINE = Deadline(10, "working", basis="測試")
WORKERS = frozenset({Role.CASE_OFFICER, Role.MEDIATOR, Role.INSPECTOR, Role.SECTION_CHIEF})


class EffectFailure(RuntimeError):
    """Raised by the `explode` transition's effect after it has written rows."""


def amount_within_limit(case, actor, data):
    if data.get("amount", 0) > 100:
        return ("金額超過上限。", "The amount exceeds the limit.")
    return None


def write_then_raise(case, actor, data):
    outbox_write(recipient=actor, subject_zh="不應留下", case_id=case.pk)
    case_services.timeline_append(case=case, actor=actor, kind=TimelineEntry.Kind.NOTE, text="不應留下")
    raise EffectFailure("boom")


def request_signoff(case, actor, data):
    case_services.signoff_request(
        case=case, actor=actor, subject=SIGNOFF_SUBJECT, summary=data["summary"], payload={}, chain=SIGNOFF_CHAIN
    )


WORKFLOW = Workflow(
    case_type=CASE_TYPE,
    type_code=TYPE_CODE,
    unit_code=UNIT_CODE,
    name_zh="測試案件",
    name_en="Test case",
    initial="NEW",
    open_roles=frozenset({Role.CASE_OFFICER, Role.SECTION_CHIEF}),
    states=(
        State("NEW", "新案", "New", deadline=NEW_DEADLINE, label_public_zh="已收件", label_public_en="Received"),
        State("IN_PROGRESS", "處理中", "In progress", deadline=IN_PROGRESS_DEADLINE),
        State("PENDING_APPROVAL", "陳核中", "Awaiting approval"),
        State("CLOSED", "結案", "Closed", terminal=True),
        State("WITHDRAWN", "撤回", "Withdrawn", terminal=True),
    ),
    transitions=(
        Transition(
            "start",
            ("NEW",),
            "IN_PROGRESS",
            WORKERS,
            "開始處理",
            "Start",
            fields=(FieldSpec("note", "說明", "Note"),),
        ),
        Transition(
            "close",
            ("IN_PROGRESS",),
            "CLOSED",
            WORKERS,
            "結案",
            "Close",
            fields=(
                FieldSpec("amount", "金額", "Amount", kind="int", required=False),
                FieldSpec(
                    "outcome",
                    "結果",
                    "Outcome",
                    kind="choice",
                    required=False,
                    choices=(("ok", "完成 Done"), ("moot", "無須處理 Moot")),
                ),
            ),
            guards=(amount_within_limit,),
        ),
        Transition("explode", ("IN_PROGRESS",), "CLOSED", WORKERS, "爆炸", "Explode", effects=(write_then_raise,)),
        Transition(
            "submit",
            ("IN_PROGRESS",),
            "PENDING_APPROVAL",
            frozenset({Role.CASE_OFFICER, Role.SECTION_CHIEF}),
            "陳核",
            "Submit for approval",
            fields=(FieldSpec("summary", "摘要", "Summary"),),
            effects=(request_signoff,),
        ),
        Transition("approve", ("PENDING_APPROVAL",), "CLOSED", frozenset({Role.DIRECTOR}), "核准", "Approve"),
        Transition(
            "send_back", ("PENDING_APPROVAL",), "IN_PROGRESS", frozenset({Role.SECTION_CHIEF}), "退回", "Return"
        ),
        Transition(
            "withdraw",
            ("NEW", "IN_PROGRESS"),
            "WITHDRAWN",
            frozenset({PARTY}),
            "撤回",
            "Withdraw",
            notify_parties=True,
        ),
    ),
)


def register() -> None:
    workflows.register(WORKFLOW)
    case_services.SIGNOFF_OUTCOMES[SIGNOFF_SUBJECT] = ("approve", "send_back")


def unregister() -> None:
    workflows._REGISTRY.pop(CASE_TYPE, None)
    case_services.SIGNOFF_OUTCOMES.pop(SIGNOFF_SUBJECT, None)


def open_case(actor, *, person=None, employer=None, title="測試案件", assignee=None):
    """Open a TST case with the person (complainant) and/or employer (respondent)."""
    from laborbureau.cases.models import PartyRole
    from laborbureau.cases.services import PartyLink, case_open

    parties = []
    if person is not None:
        parties.append(PartyLink(role=PartyRole.COMPLAINANT, person=person))
    if employer is not None:
        parties.append(PartyLink(role=PartyRole.RESPONDENT, employer=employer))
    return case_open(
        case_type=CASE_TYPE, title=title, actor=actor, parties=parties, channel="counter", assignee=assignee
    )
