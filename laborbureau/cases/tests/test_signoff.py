"""Sign-off chains (陳核): officer -> section chief -> director, on the TST workflow."""

import pytest

from laborbureau.cases.models import Case, SignOff, SignOffStep, TimelineEntry
from laborbureau.cases.services import case_transition, signoff_decide
from laborbureau.cases.tests.tst_workflow import SIGNOFF_SUBJECT, open_case
from laborbureau.core.errors import ApplicationError, Conflict, Forbidden
from laborbureau.core.models import Role
from laborbureau.core.tests import factories
from laborbureau.notify.models import OutboxMessage

pytestmark = pytest.mark.django_db


def _submitted(maker, person) -> tuple[Case, SignOff]:
    case = open_case(maker, person=person)
    case = case_transition(case=case, name="start", actor=maker, data={"note": "開始"})
    case = case_transition(case=case, name="submit", actor=maker, data={"summary": "擬結案"})
    return case, SignOff.objects.get(case=case)


def _status(case: Case) -> str:
    case.refresh_from_db()
    return case.status


def test_submitting_starts_a_chain_awaiting_the_chief(officer, chief, person):
    case, signoff = _submitted(officer, person)

    assert (_status(case), signoff.subject, signoff.status, signoff.step, signoff.awaited_role) == (
        "PENDING_APPROVAL",
        SIGNOFF_SUBJECT,
        "PENDING",
        0,
        Role.SECTION_CHIEF,
    )
    assert signoff.chain == [Role.SECTION_CHIEF, Role.DIRECTOR]
    assert OutboxMessage.objects.filter(case_id=case.pk, recipient=chief, channel="in_app").count() == 1


def test_chief_then_director_approve_and_the_approve_transition_fires(officer, chief, director, person):
    case, signoff = _submitted(officer, person)

    signoff = signoff_decide(signoff=signoff, actor=chief, approve=True, comment="")
    assert (signoff.status, signoff.step, signoff.awaited_role, _status(case)) == (
        "PENDING",
        1,
        Role.DIRECTOR,
        "PENDING_APPROVAL",
    )

    signoff = signoff_decide(signoff=signoff, actor=director, approve=True, comment="同意")

    assert (signoff.status, signoff.decided_at is not None, _status(case)) == ("APPROVED", True, "CLOSED")
    assert list(signoff.steps.order_by("step").values_list("role", "decision", "decided_by")) == [
        (Role.SECTION_CHIEF, "APPROVE", chief.pk),
        (Role.DIRECTOR, "APPROVE", director.pk),
    ]
    last = TimelineEntry.objects.filter(case=case).order_by("-seq").first()
    assert (last.kind, last.transition, last.to_status, last.actor) == ("transition", "approve", "CLOSED", director)
    assert OutboxMessage.objects.filter(case_id=case.pk, recipient=officer, subject_zh__contains="已核准").exists()


def test_a_return_needs_a_reason_and_fires_the_return_transition(officer, chief, person):
    case, signoff = _submitted(officer, person)

    with pytest.raises(ApplicationError) as raised:
        signoff_decide(signoff=signoff, actor=chief, approve=False, comment="  ")
    assert raised.value.field == "comment"
    assert (SignOffStep.objects.count(), _status(case)) == (0, "PENDING_APPROVAL")

    signoff = signoff_decide(signoff=signoff, actor=chief, approve=False, comment="請補充事證")

    assert (signoff.status, _status(case)) == ("RETURNED", "IN_PROGRESS")
    case.refresh_from_db()
    assert case.due_date is not None  # back in a state with a deadline
    # The maker can submit again: a new chain starts.
    case_transition(case=case, name="submit", actor=officer, data={"summary": "補正後再陳"})
    assert SignOff.objects.filter(case=case, status="PENDING").count() == 1


def test_the_maker_cannot_approve_their_own_request(chief, person):
    case, signoff = _submitted(chief, person)  # a chief may submit too

    with pytest.raises(Forbidden) as raised:
        signoff_decide(signoff=signoff, actor=chief, approve=True)

    assert raised.value.message_en == "You cannot approve your own request."
    signoff.refresh_from_db()
    assert (signoff.status, signoff.step, SignOffStep.objects.count(), _status(case)) == (
        "PENDING",
        0,
        0,
        "PENDING_APPROVAL",
    )


@pytest.mark.parametrize("who", ["officer", "director_too_early", "other_unit_chief", "auditor"])
def test_a_step_is_decided_only_by_the_awaited_role_of_the_unit(officer, chief, director, auditor, person, who):
    case, signoff = _submitted(officer, person)
    actor = {
        "officer": factories.staff(Role.CASE_OFFICER, "LS"),
        "director_too_early": director,
        "other_unit_chief": factories.staff(Role.SECTION_CHIEF, "LR"),
        "auditor": auditor,
    }[who]

    with pytest.raises(Forbidden):
        signoff_decide(signoff=signoff, actor=actor, approve=True)

    signoff.refresh_from_db()
    assert (signoff.status, signoff.step, SignOffStep.objects.count(), _status(case)) == (
        "PENDING",
        0,
        0,
        "PENDING_APPROVAL",
    )


def test_a_decided_chain_cannot_be_decided_again(officer, chief, person):
    case, signoff = _submitted(officer, person)
    signoff_decide(signoff=signoff, actor=chief, approve=False, comment="退回")

    with pytest.raises(Conflict):
        signoff_decide(signoff=signoff, actor=chief, approve=True)

    assert SignOffStep.objects.count() == 1


def test_the_approve_transition_cannot_be_fired_by_hand_by_an_officer(officer, person):
    case, _ = _submitted(officer, person)

    with pytest.raises(Forbidden):
        case_transition(case=case, name="approve", actor=officer, data={})

    assert _status(case) == "PENDING_APPROVAL"
