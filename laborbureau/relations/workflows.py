"""The labor-standards complaint (勞動條件申訴) workflow.

勞動基準法第74條: a worker may complain to the competent authority about an
employer's violation; the authority investigates and, within 60 days of receiving
the complaint, tells the worker in writing how it was handled (第3項); it keeps the
complainant's identity secret (第6項; 勞動基準法檢舉案件保密及處理辦法). Every open
state therefore carries the 60-calendar-day limit counted from receipt.

    SUBMITTED --accept--> INVESTIGATING --record_findings--> FINDINGS_RECORDED
    FINDINGS_RECORDED --close--> CLOSED
    FINDINGS_RECORDED --propose_fine--> FINE_PENDING_APPROVAL (chief -> director sign-off)
        --impose_fine (sign-off approved)--> FINED --close_after_fine--> CLOSED
        --return_fine (sign-off returned)--> FINDINGS_RECORDED
    SUBMITTED --not_accept--> NOT_ACCEPTED;  SUBMITTED/INVESTIGATING --withdraw--> WITHDRAWN
"""

from datetime import date

from django.utils import timezone

from laborbureau.cases import services as case_services
from laborbureau.cases.access import PARTY
from laborbureau.cases.models import Case
from laborbureau.cases.workflows import Deadline, FieldSpec, State, Transition, Workflow, register
from laborbureau.core.models import Role
from laborbureau.documents import services as document_services
from laborbureau.documents.models import DocumentKind
from laborbureau.fines import services as fine_services
from laborbureau.relations import panels
from laborbureau.rules import fine_ranges, roc_calendar

CASE_TYPE = "labor_standards_complaint"
SIGNOFF_SUBJECT = "complaint_fine"
SIGNOFF_CHAIN = [Role.SECTION_CHIEF, Role.DIRECTOR]

SIXTY_DAYS = Deadline(60, "calendar", basis="勞動基準法第74條第3項", from_opening=True)

OFFICERS = frozenset({Role.CASE_OFFICER, Role.SECTION_CHIEF})


def fine_article_choices(on: date) -> tuple[tuple[str, str], ...]:
    """The fining articles in force on `on`, as "LAW|article" keys for a select."""
    return tuple(
        (f"{item.law_code}|{item.article}",
         f"{item.basis.cite()}（{item.min:,}–{item.max:,}元）{'※修正條文施行日期待定' if item.caution_zh else ''}")
        for item in fine_ranges.list_articles(on)
    )


def _complaint(case: Case):
    from laborbureau.relations.models import LaborStandardsComplaint

    return LaborStandardsComplaint.objects.select_for_update().get(case=case)


# --- guards: None to allow, or (message_zh, message_en) ------------------------------


def _violation_found(case, actor, data):
    if not _complaint(case).violation_found:
        return ("調查結果未認定違法，不能提出裁罰。", "The findings found no violation; a fine cannot be proposed.")
    return None


def _fine_in_range(case, actor, data):
    law_code, _, article = data["fine_article"].partition("|")
    data["violated_article"] = fine_services.normalize_article(data["violated_article"], "violated_article")
    fine_services.fine_amount_check(
        law_code=law_code, article=article, violation_date=data["violation_date"], amount=data["amount"]
    )
    if data["violation_date"] > timezone.localdate(case.opened_at):  # the day it was received, in Taipei
        return ("違規日期不可晚於申訴收件日。", "The violation date cannot be after the complaint was received.")
    return None


# --- effects: update the domain record inside the transition's transaction ------------


def _take_case(case, actor, data):
    if case.assignee_id is None:
        Case.objects.filter(pk=case.pk).update(assignee=actor)
        case.assignee = actor


def _save_findings(case, actor, data):
    complaint = _complaint(case)
    complaint.findings = data["findings"]
    complaint.violation_found = data["violation_found"] == "yes"
    complaint.save(update_fields=["findings", "violation_found"])


def _request_fine_signoff(case, actor, data):
    complaint = _complaint(case)
    law_code, _, article = data["fine_article"].partition("|")
    complaint.proposed_law_code = law_code
    complaint.proposed_article = article
    complaint.proposed_violation_date = data["violation_date"]
    complaint.proposed_amount = data["amount"]
    complaint.proposed_violated_article = data["violated_article"]
    complaint.save(
        update_fields=[
            "proposed_law_code", "proposed_article", "proposed_violation_date", "proposed_amount",
            "proposed_violated_article",
        ]
    )
    case_services.signoff_request(
        case=case,
        actor=actor,
        subject=SIGNOFF_SUBJECT,
        summary=f"裁處 {complaint.employer.name} 罰鍰 {data['amount']:,} 元（{law_code} {article}）",
        payload={
            "law_code": law_code,
            "article": article,
            "violation_date": data["violation_date"].isoformat(),
            "amount": data["amount"],
            "violated_article": data["violated_article"],
        },
        chain=list(SIGNOFF_CHAIN),
    )


def _issue_fine(case, actor, data):
    complaint = _complaint(case)
    fine = fine_services.fine_issue(
        employer=complaint.employer,
        unit=case.unit,
        law_code=complaint.proposed_law_code,
        article=complaint.proposed_article,
        violation_date=complaint.proposed_violation_date,
        amount=complaint.proposed_amount,
        decided_on=timezone.localdate(),
        actor=actor,
        case=case,
        violated_article=complaint.proposed_violated_article,
    )
    complaint.fine_number = fine.number
    complaint.save(update_fields=["fine_number"])


def _save_outcome(case, actor, data):
    complaint = _complaint(case)
    complaint.outcome_summary = data["outcome_summary"]
    complaint.save(update_fields=["outcome_summary"])


def _send_result_letter(case, actor, data):
    """The written notice of how the complaint was handled (第74條第3項). Its title is
    public on the verification page, so it names nobody; the PDF does."""
    complaint = _complaint(case)
    received = roc_calendar.format_long(timezone.localdate(case.opened_at))
    items = [
        f"依據臺端{received}申訴事項辦理。",
        complaint.outcome_summary,
    ]
    if complaint.fine_number:
        items.append(f"本局已依法裁處該事業單位（裁處書字號：{complaint.fine_number}）。")
    if not complaint.identity_disclosure_consent:
        items.append("本局依勞動基準法第74條第6項規定，對臺端身分資料嚴守秘密。")
    items.append("臺端如對處理情形有疑義，得於收受本通知後洽本局勞動基準科。")
    document_services.document_issue(
        case=case,
        kind=DocumentKind.NOTICE,
        title="勞動條件申訴處理結果通知書",
        template_name="documents/generic.html",
        context={
            "recipient": f"{complaint.complainant.name} 君",
            "subject": f"有關臺端申訴{complaint.employer.name}違反勞動法令案，處理情形如說明，請查照。",
            "blocks": [{"heading": "說明", "items": items}],
        },
        actor=actor,
        person=complaint.complainant,
        visible_to_parties=True,
    )


REASON = FieldSpec("reason", "理由", "Reason", kind="textarea")
OUTCOME = FieldSpec(
    "outcome_summary", "處理情形（將以書面通知申訴人）", "Outcome (sent to the complainant in writing)", kind="textarea"
)

WORKFLOW = register(
    Workflow(
        case_type=CASE_TYPE,
        type_code="LSC",
        unit_code="LS",
        name_zh="勞動條件申訴",
        name_en="Labor-standards complaint",
        initial="SUBMITTED",
        open_roles=OFFICERS,
        portal_party_roles=frozenset({"COMPLAINANT"}),
        staff_panel=panels.staff_panel,
        portal_panel=panels.portal_panel,
        states=(
            State("SUBMITTED", "已收件", "Received", SIXTY_DAYS, label_public_zh="已收件，待受理", label_public_en="Received"),
            State("INVESTIGATING", "調查中", "Under investigation", SIXTY_DAYS),
            State("FINDINGS_RECORDED", "調查完成", "Findings recorded", SIXTY_DAYS, label_public_zh="調查完成，處理中", label_public_en="Investigated; being decided"),
            State("FINE_PENDING_APPROVAL", "裁罰陳核中", "Fine awaiting approval", SIXTY_DAYS, label_public_zh="調查完成，處理中", label_public_en="Investigated; being decided"),
            State("FINED", "已裁處罰鍰", "Fine imposed", SIXTY_DAYS, label_public_zh="已依法裁處", label_public_en="The employer was fined"),
            State("CLOSED", "已結案", "Closed", terminal=True),
            State("NOT_ACCEPTED", "不受理", "Not accepted", terminal=True),
            State("WITHDRAWN", "已撤回", "Withdrawn", terminal=True),
        ),
        transitions=(
            Transition(
                "accept", ("SUBMITTED",), "INVESTIGATING", OFFICERS, "受理並開始調查", "Accept and investigate",
                effects=(_take_case,), notify_parties=True,
                public_note_zh="本局已受理您的申訴，將進行調查，並於收件後60日內以書面通知處理情形。",
                public_note_en="We have accepted your complaint and will investigate it; you will hear the outcome in writing within 60 days of receipt.",
            ),
            Transition(
                "not_accept", ("SUBMITTED",), "NOT_ACCEPTED", OFFICERS, "不予受理", "Do not accept",
                fields=(REASON,), notify_parties=True,
            ),
            Transition(
                "record_findings", ("INVESTIGATING",), "FINDINGS_RECORDED", OFFICERS, "登錄調查結果", "Record findings",
                fields=(
                    FieldSpec("findings", "調查結果", "Findings", kind="textarea"),
                    FieldSpec("violation_found", "是否違法", "Violation found", kind="choice",
                              choices=(("yes", "是，認定違法 Yes"), ("no", "否，未違法 No"))),
                ),
                effects=(_save_findings,), assignee_only=True,
            ),
            Transition(
                "reinvestigate", ("FINDINGS_RECORDED",), "INVESTIGATING", OFFICERS, "補充調查", "Investigate further",
                fields=(REASON,),
            ),
            Transition(
                "close", ("FINDINGS_RECORDED",), "CLOSED", OFFICERS, "結案並通知申訴人", "Close and inform the complainant",
                fields=(OUTCOME,), effects=(_save_outcome, _send_result_letter), notify_parties=True,
                assignee_only=True,
            ),
            Transition(
                "propose_fine", ("FINDINGS_RECORDED",), "FINE_PENDING_APPROVAL", OFFICERS, "擬處罰鍰（陳核）",
                "Propose a fine (for approval)",
                fields=(
                    FieldSpec("violated_article", "違反之條文（同法，如 第24條）", "Article violated (same act, e.g. 24)"),
                    FieldSpec("fine_article", "裁罰依據", "Penalty article", kind="choice", choices=fine_article_choices),
                    FieldSpec("violation_date", "違規日期", "Date of the violation", kind="date"),
                    FieldSpec("amount", "罰鍰金額（新臺幣元）", "Amount (NT$)", kind="int"),
                ),
                guards=(_violation_found, _fine_in_range), effects=(_request_fine_signoff,), assignee_only=True,
            ),
            # Fired by the engine when the sign-off chain completes or returns.
            Transition(
                "impose_fine", ("FINE_PENDING_APPROVAL",), "FINED", frozenset(), "裁處罰鍰", "Impose the fine",
                effects=(_issue_fine,), notify_parties=True,
            ),
            Transition(
                "return_fine", ("FINE_PENDING_APPROVAL",), "FINDINGS_RECORDED", frozenset(), "退回補正", "Returned",
            ),
            Transition(
                "close_after_fine", ("FINED",), "CLOSED", OFFICERS, "結案並通知申訴人", "Close and inform the complainant",
                fields=(OUTCOME,), effects=(_save_outcome, _send_result_letter), notify_parties=True,
                assignee_only=True,
            ),
            Transition(
                "withdraw", ("SUBMITTED", "INVESTIGATING"), "WITHDRAWN", frozenset({PARTY, *OFFICERS}), "撤回申訴",
                "Withdraw the complaint", fields=(FieldSpec("reason", "撤回理由", "Reason", kind="textarea", required=False),),
                notify_parties=True,
            ),
        ),
    )
)

case_services.SIGNOFF_OUTCOMES[SIGNOFF_SUBJECT] = ("impose_fine", "return_fine")

