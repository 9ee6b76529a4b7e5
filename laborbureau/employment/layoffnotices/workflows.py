"""The late-notice fine case (資遣通報逾期查處, type LNF).

就業服務法第33條第1項: the employer notifies each layoff at least ten days before the
worker leaves (天災、事變或其他不可抗力: within three days after). 第68條第1項: violating
第33條第1項 is fined NT$30,000–150,000 (rules.fine_ranges ESA 第68條第1項; 臺北市政府
勞動局「資遣通報」問答, 桃園市政府就業職訓服務處問答). The officer opens the case from a late
notice in one step (the proposal is prefilled); the chief and the director sign off, as
for the department's other fines (relations complaints, mass-layoff monitoring).

    (open + propose_fine) --> FINE_PENDING_APPROVAL --impose_fine (approved)--> FINED
        --close_after_fine--> CLOSED
    FINE_PENDING_APPROVAL --return_fine (returned)--> OPEN --propose_fine--> ...
    OPEN --close--> CLOSED (no fine: e.g. the notice was in fact timely by post)
"""

from datetime import timedelta

from django.utils import timezone

from laborbureau.cases import services as case_services
from laborbureau.cases.models import Case
from laborbureau.cases.workflows import FieldSpec, State, Transition, Workflow, register
from laborbureau.core.models import Role
from laborbureau.fines import services as fine_services

CASE_TYPE = "layoff_notice_fine"
UNIT = "ESO"
FINE_LAW = "ESA"
FINE_ARTICLE = "第68條第1項"
VIOLATED_ARTICLE = "第33條第1項"
SIGNOFF_SUBJECT = "layoff_notice_fine"
SIGNOFF_CHAIN = [Role.SECTION_CHIEF, Role.DIRECTOR]
OFFICERS = frozenset({Role.CASE_OFFICER, Role.SECTION_CHIEF})


def violation_date(notice) -> object:
    """The first day the duty of 第33條第1項 was unmet: the day after the notice was due
    (the earliest due date among the notice's late workers)."""
    return notice.earliest_due + timedelta(days=1)


def _proposal(case: Case):
    from laborbureau.employment.layoffnotices.models import FineProposal

    return FineProposal.objects.select_for_update(of=("self",)).select_related("employer", "notice").get(case=case)


def _take_case(case, actor, data):
    if case.assignee_id is None and actor is not None:
        Case.objects.filter(pk=case.pk).update(assignee=actor)
        case.assignee = actor


def _fine_in_range(case, actor, data):
    proposal = _proposal(case)
    if data["violation_date"] > timezone.localdate():
        return ("違規日期不可晚於今天。", "The violation date cannot be in the future.")
    if data["violation_date"] <= proposal.notice.earliest_due:
        return ("違規日期應在通報期限之後。", "The violation date must be after the notice was due.")
    fine_services.fine_amount_check(
        law_code=FINE_LAW, article=FINE_ARTICLE, violation_date=data["violation_date"], amount=data["amount"]
    )
    return None


def _request_fine_signoff(case, actor, data):
    proposal = _proposal(case)
    proposal.violation_date = data["violation_date"]
    proposal.amount = data["amount"]
    if data.get("findings"):
        proposal.findings = data["findings"]
    proposal.save(update_fields=["violation_date", "amount", "findings"])
    case_services.signoff_request(
        case=case,
        actor=actor,
        subject=SIGNOFF_SUBJECT,
        summary=f"裁處 {proposal.employer.name} 罰鍰 {data['amount']:,} 元（就業服務法第68條第1項；資遣通報 {proposal.notice.number} 逾期）",
        payload={"violation_date": data["violation_date"].isoformat(), "amount": data["amount"],
                 "notice": proposal.notice.number},
        chain=list(SIGNOFF_CHAIN),
    )


def _issue_fine(case, actor, data):
    proposal = _proposal(case)
    fine = fine_services.fine_issue(
        employer=proposal.employer,
        unit=case.unit,
        law_code=FINE_LAW,
        article=FINE_ARTICLE,
        violation_date=proposal.violation_date,
        amount=proposal.amount,
        decided_on=timezone.localdate(),
        actor=actor,
        case=case,
        violated_article=VIOLATED_ARTICLE,
    )
    proposal.fine_number = fine.number
    proposal.save(update_fields=["fine_number"])


def _save_outcome(case, actor, data):
    proposal = _proposal(case)
    proposal.outcome_summary = data["outcome_summary"]
    proposal.save(update_fields=["outcome_summary"])


def staff_panel(case, viewer):
    from laborbureau.employment.layoffnotices.models import FineProposal

    proposal = FineProposal.objects.select_related("notice", "employer").get(case=case)
    return "layoffnotices/fine_panel.html", {"proposal": proposal, "notice": proposal.notice}


PROPOSAL_FIELDS = (
    FieldSpec("violation_date", "違規日期（通報期限之次日）", "Date of the violation (day after the due date)", kind="date"),
    FieldSpec("amount", "罰鍰金額（新臺幣3萬至15萬元）", "Amount (NT$30,000–150,000)", kind="int"),
    FieldSpec("findings", "查處情形", "Findings", kind="textarea", required=False),
)
OUTCOME = FieldSpec("outcome_summary", "查處結果", "Outcome", kind="textarea")

WORKFLOW = register(
    Workflow(
        case_type=CASE_TYPE,
        type_code="LNF",
        unit_code=UNIT,
        name_zh="資遣通報逾期查處",
        name_en="Late layoff notice",
        initial="OPEN",
        open_roles=OFFICERS,
        portal_party_roles=frozenset(),  # internal enforcement: the fine itself reaches the employer
        staff_panel=staff_panel,
        states=(
            State("OPEN", "查處中", "Investigating"),
            State("FINE_PENDING_APPROVAL", "裁罰陳核中", "Fine awaiting approval"),
            State("FINED", "已裁處罰鍰", "Fine imposed"),
            State("CLOSED", "已結案", "Closed", terminal=True),
        ),
        transitions=(
            Transition(
                "propose_fine", ("OPEN",), "FINE_PENDING_APPROVAL", OFFICERS,
                "擬依就業服務法第68條第1項處罰鍰（陳核）", "Propose a fine under ESA art. 68(1) (for approval)",
                fields=PROPOSAL_FIELDS, guards=(_fine_in_range,), effects=(_take_case, _request_fine_signoff),
            ),
            Transition("impose_fine", ("FINE_PENDING_APPROVAL",), "FINED", frozenset(), "裁處罰鍰", "Impose the fine",
                       effects=(_issue_fine,)),
            Transition("return_fine", ("FINE_PENDING_APPROVAL",), "OPEN", frozenset(), "退回補正", "Returned"),
            Transition("close", ("OPEN",), "CLOSED", OFFICERS, "不予裁罰結案", "Close without a fine",
                       fields=(OUTCOME,), effects=(_save_outcome,)),
            Transition("close_after_fine", ("FINED",), "CLOSED", OFFICERS, "裁罰後結案", "Close after the fine",
                       fields=(OUTCOME,), effects=(_save_outcome,)),
        ),
    )
)

case_services.SIGNOFF_OUTCOMES[SIGNOFF_SUBJECT] = ("impose_fine", "return_fine")
