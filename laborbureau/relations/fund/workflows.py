"""The Labor Rights Fund application (勞工權益基金訴訟補助) workflow.

    SUBMITTED --accept--> UNDER_REVIEW --request_documents--> AWAITING_DOCUMENTS
        --documents_supplied (applicant or officer)--> UNDER_REVIEW
    UNDER_REVIEW --propose_grant--> PENDING_APPROVAL (chief; + director above
        DIRECTOR_THRESHOLD) --grant--> GRANTED (補助核定通知書) / --return_grant--> UNDER_REVIEW
    UNDER_REVIEW --propose_refusal--> PENDING_APPROVAL (chief) --refuse--> REFUSED
        (不予補助通知書) / --return_refusal--> UNDER_REVIEW
    GRANTED --record_final_judgment--> JUDGMENT_FINAL --close--> CLOSED (nothing to return)
        --require_reimbursement--> REIMBURSEMENT_DUE (返還通知書) --close_reimbursed--> CLOSED
    SUBMITTED / UNDER_REVIEW / AWAITING_DOCUMENTS --withdraw--> WITHDRAWN

Deadline: no rule sets a processing period for this aid, so 行政程序法第51條第2項
applies: two months from receipt; the engine counts days, so it is recorded as 60
calendar days from opening (never later than two months). The sign-off threshold
for the director is the department's delegation of authority (分層負責), not statute.
"""

from django.utils import timezone

from laborbureau.cases import services as case_services
from laborbureau.cases.access import PARTY
from laborbureau.cases.models import Case
from laborbureau.cases.workflows import Deadline, FieldSpec, State, Transition, Workflow, register
from laborbureau.core.errors import ApplicationError, rule_error_to_application_error
from laborbureau.core.models import Role
from laborbureau.documents import services as document_services
from laborbureau.documents.models import DocumentKind
from laborbureau.relations.fund import eligibility, panels
from laborbureau.rules import roc_calendar, wages
from laborbureau.rules.base import RuleError

CASE_TYPE = "labor_rights_fund"
GRANT_SUBJECT = "fund_grant"
REFUSAL_SUBJECT = "fund_refusal"
DIRECTOR_THRESHOLD = 100_000  # above this total the director signs too (分層負責明細表)
OFFICERS = frozenset({Role.CASE_OFFICER, Role.SECTION_CHIEF})
TWO_MONTHS = Deadline(60, "calendar", basis="行政程序法第51條第2項", from_opening=True)
# The failed outcomes of a mediation (relations.mediation's terminal states), read on
# the linked case's header.
FAILED_MEDIATION_STATES = ("NOT_SETTLED", "RESPONDENT_ABSENT")


def _application(case: Case):
    from laborbureau.relations.fund.models import FundApplication

    return FundApplication.objects.select_for_update().get(case=case)


def mediation_failed(application) -> bool:
    if application.mediation_case_id:
        return application.mediation_case.status in FAILED_MEDIATION_STATES
    return bool(application.mediation_reference.strip())


# --- guards -----------------------------------------------------------------------------


def _eligible(case, actor, data):
    application = _application(case)
    facts = eligibility.Facts(
        dispute_kind=application.dispute_kind, stage=application.stage,
        mediation_failed=mediation_failed(application), other_aid=application.other_aid,
        means_confirmed=data.get("means_confirmed") == "yes",
    )
    problems = eligibility.eligibility_problems(facts, timezone.localdate())
    if problems:
        return (problems[0].message_zh, problems[0].message_en)
    return None


def _within_caps(case, actor, data):
    application = _application(case)
    today = timezone.localdate()
    try:
        basic = wages.basic_wage(today).monthly
    except RuleError as error:
        raise rule_error_to_application_error(error) from None
    requested = {item.item: item for item in application.items.all()}
    proposed = _proposed(data)
    if not any(proposed.values()):
        return ("請至少核定一項補助金額。", "Grant at least one item.")
    for item, amount in proposed.items():
        if not amount:
            continue
        row = requested.get(item)
        if row is None:
            return (f"申請人未申請{_label(item)}。", f"The applicant did not ask for {item}.")
        if amount > row.requested:
            return (f"{_label(item)}核定金額不可超過申請金額{row.requested:,}元。",
                    f"{item}: more than the NT${row.requested:,} requested.")
        months = data.get("living_months") or 0
        cap = eligibility.item_cap(item, today, basic_wage=basic, complex_case=application.complex_case,
                                   months=months, receipt=row.requested)
        if cap is not None and amount > cap:
            return (f"{_label(item)}核定金額超過上限{cap:,}元。", f"{item}: above the cap of NT${cap:,}.")
    return None


def _label(item: str) -> str:
    from laborbureau.relations.fund.models import AidItem

    return AidItem(item).label.split()[0]


def _proposed(data) -> dict:
    return {
        eligibility.COURT_FEE: data.get("court_fee") or 0,
        eligibility.ATTORNEY_FEE: data.get("attorney_fee") or 0,
        eligibility.LIVING: data.get("living_allowance") or 0,
        eligibility.ENFORCEMENT_FEE: data.get("enforcement_fee") or 0,
    }


def _reimbursement_owed(case, actor, data):
    if _application(case).reimbursement_due <= 0:
        return ("本案無應返還金額，請直接結案。", "Nothing is to be returned; close the case instead.")
    return None


def _nothing_owed(case, actor, data):
    if _application(case).reimbursement_due > 0:
        return ("本案有應返還之補助，請先通知返還。", "Aid is to be returned; require the reimbursement first.")
    return None


def _fully_reimbursed(case, actor, data):
    application = _application(case)
    received = sum(r.amount for r in application.reimbursements.all())
    if received < application.reimbursement_due:
        return (f"尚未返還完畢（應返還{application.reimbursement_due:,}元，已返還{received:,}元）。",
                f"Not fully returned (NT${received:,} of NT${application.reimbursement_due:,}).")
    return None


# --- effects ------------------------------------------------------------------------------


def _take_case(case, actor, data):
    if case.assignee_id is None:
        Case.objects.filter(pk=case.pk).update(assignee=actor)
        case.assignee = actor


def _request_grant(case, actor, data):
    application = _application(case)
    proposed = _proposed(data)
    total = sum(proposed.values())
    application.means_confirmed = True
    application.decision_reason = data.get("reason", "")
    application.save(update_fields=["means_confirmed", "decision_reason"])
    for row in application.items.all():
        row.granted = proposed.get(row.item) or 0
        if row.item == eligibility.LIVING:
            row.months = data.get("living_months") or 0
        row.save(update_fields=["granted", "months"])
    chain = [Role.SECTION_CHIEF] + ([Role.DIRECTOR] if total > DIRECTOR_THRESHOLD else [])
    case_services.signoff_request(
        case=case, actor=actor, subject=GRANT_SUBJECT, chain=chain,
        summary=f"勞工權益基金補助 新臺幣{total:,}元",
        payload={key: value for key, value in proposed.items() if value},
    )


def _request_refusal(case, actor, data):
    application = _application(case)
    application.decision_reason = data["reason"]
    if data.get("means_confirmed") == "no":
        application.means_confirmed = False
    application.save(update_fields=["decision_reason", "means_confirmed"])
    case_services.signoff_request(case=case, actor=actor, subject=REFUSAL_SUBJECT, chain=[Role.SECTION_CHIEF],
                                  summary="勞工權益基金 不予補助", payload={"reason": data["reason"][:300]})


def _clear_proposal(case, actor, data):
    application = _application(case)
    application.items.update(granted=None)


def _letter(case, actor, *, title: str, subject: str, items: list[str]):
    application = _application(case)
    document_services.document_issue(
        case=case, kind=DocumentKind.NOTICE, title=title, template_name="documents/generic.html",
        context={"recipient": f"{application.applicant.name} 君", "subject": subject,
                 "blocks": [{"heading": "說明", "items": items}]},
        actor=actor, person=application.applicant, visible_to_parties=True,
    )


def _grant(case, actor, data):
    application = _application(case)
    rows = [row for row in application.items.all() if row.granted]
    application.grant_total = sum(row.granted for row in rows)
    application.save(update_fields=["grant_total"])
    received = roc_calendar.format_long(timezone.localdate(case.opened_at))
    lines = [f"依據臺端{received}申請辦理，依{eligibility.rules_on(timezone.localdate()).name}核定補助如下："]
    lines += [f"{_label(row.item)}：新臺幣{row.granted:,}元" + (f"（{row.months}個月）" if row.months else "")
              for row in rows]
    lines.append(f"合計新臺幣{application.grant_total:,}元，將依檢據撥付。")
    if any(row.item == eligibility.LIVING for row in rows):
        lines.append("訴訟期間生活費用補助，於判決確定獲給付工資時，應於所獲金額範圍內返還。")
    lines.append("訴訟進度（開庭、判決、確定）請隨時通知本局或於線上補充。")
    _letter(case, actor, title="勞工權益基金補助核定通知書", subject="有關臺端申請勞工權益基金訴訟補助一案，"
            "核定如說明，請查照。", items=lines)


def _refuse(case, actor, data):
    application = _application(case)
    _letter(case, actor, title="勞工權益基金不予補助通知書",
            subject="有關臺端申請勞工權益基金訴訟補助一案，經審查不予補助，請查照。",
            items=[application.decision_reason,
                   "臺端如不服本處分，得於收受本通知書之次日起30日內，依訴願法第58條規定繕具訴願書，經由本局向"
                   "臺北市政府提起訴願。"])


def _record_judgment(case, actor, data):
    from laborbureau.relations.fund.models import AidItem

    application = _application(case)
    if data["final_on"] > timezone.localdate():
        raise ApplicationError("確定日期不可晚於今天。", "The date cannot be in the future.", field="final_on")
    paid = {item: 0 for item in AidItem.values}
    for payment in application.payments.all():
        paid[payment.item] += payment.amount
    awarded = data.get("awarded_amount") or 0
    recovered = data.get("costs_recovered") or 0
    application.outcome = data["outcome"]
    application.awarded_amount = awarded
    application.costs_recovered = recovered
    application.final_on = data["final_on"]
    application.reimbursement_due = eligibility.reimbursement_due(
        living_paid=paid[AidItem.LIVING] if data["outcome"] in ("WON", "PARTLY_WON", "SETTLED") else 0,
        court_fee_paid=paid[AidItem.COURT_FEE], awarded_amount=awarded, costs_recovered=recovered,
    )
    application.save(update_fields=["outcome", "awarded_amount", "costs_recovered", "final_on", "reimbursement_due"])


def _reimbursement_letter(case, actor, data):
    application = _application(case)
    _letter(case, actor, title="勞工權益基金補助返還通知書",
            subject="有關臺端受領勞工權益基金訴訟補助一案，請依說明返還，請查照。",
            items=[f"本案訴訟已於{roc_calendar.format_long(application.final_on)}確定，臺端獲判給付新臺幣"
                   f"{application.awarded_amount:,}元。",
                   f"依規定應返還補助新臺幣{application.reimbursement_due:,}元，請於收受本通知後30日內繳還。"])


OUTCOME_CHOICES = (("WON", "勝訴 Won"), ("PARTLY_WON", "一部勝訴 Partly won"), ("LOST", "敗訴 Lost"),
                   ("SETTLED", "和解 Settled"), ("WITHDRAWN", "撤回 Withdrawn"))
MEANS = FieldSpec("means_confirmed", "資力審查（依所得及財產清單）", "Means test (tax income and property lists)",
                  kind="choice", choices=(("yes", "非屬有資力者 Eligible"), ("no", "屬有資力者 Has means")))

WORKFLOW = register(
    Workflow(
        case_type=CASE_TYPE,
        type_code="LRF",
        unit_code="LR",
        name_zh="勞工權益基金訴訟補助",
        name_en="Labor Rights Fund litigation aid",
        initial="SUBMITTED",
        open_roles=OFFICERS,
        portal_party_roles=frozenset({"APPLICANT"}),
        staff_panel=panels.staff_panel,
        portal_panel=panels.portal_panel,
        states=(
            State("SUBMITTED", "已收件", "Received", TWO_MONTHS, label_public_zh="已收件，待審查",
                  label_public_en="Received"),
            State("UNDER_REVIEW", "審查中", "Under review", TWO_MONTHS),
            State("AWAITING_DOCUMENTS", "待補件", "Awaiting documents", label_public_zh="請補正文件",
                  label_public_en="Please send the documents asked for"),
            State("PENDING_APPROVAL", "陳核中", "Awaiting approval", TWO_MONTHS, label_public_zh="審查中",
                  label_public_en="Under review"),
            State("GRANTED", "已核定補助（訴訟中）", "Aid granted (in court)"),
            State("REFUSED", "不予補助", "Refused", terminal=True),
            State("JUDGMENT_FINAL", "判決確定", "Judgment final"),
            State("REIMBURSEMENT_DUE", "待返還補助", "Aid to be returned"),
            State("CLOSED", "已結案", "Closed", terminal=True),
            State("WITHDRAWN", "已撤回", "Withdrawn", terminal=True),
        ),
        transitions=(
            Transition("accept", ("SUBMITTED",), "UNDER_REVIEW", OFFICERS, "受理審查", "Accept for review",
                       effects=(_take_case,), notify_parties=True),
            Transition("request_documents", ("UNDER_REVIEW",), "AWAITING_DOCUMENTS", OFFICERS, "通知補件",
                       "Ask for documents",
                       fields=(FieldSpec("note", "應補正之文件與期限", "Documents needed and by when", kind="textarea"),),
                       notify_parties=True, assignee_only=True),
            Transition("documents_supplied", ("AWAITING_DOCUMENTS",), "UNDER_REVIEW", frozenset({PARTY, *OFFICERS}),
                       "已補正文件", "Documents supplied",
                       fields=(FieldSpec("note", "說明", "Note", kind="textarea", required=False),),
                       notify_parties=True),
            Transition(
                "propose_grant", ("UNDER_REVIEW",), "PENDING_APPROVAL", OFFICERS, "擬准補助（陳核）",
                "Propose a grant (for approval)",
                fields=(
                    MEANS,
                    FieldSpec("court_fee", "裁判費（元）", "Court fees (NT$)", kind="int", required=False),
                    FieldSpec("attorney_fee", "律師費（元）", "Attorney fees (NT$)", kind="int", required=False),
                    FieldSpec("living_months", "生活費用月數", "Living allowance: months", kind="int", required=False),
                    FieldSpec("living_allowance", "生活費用（元）", "Living allowance (NT$)", kind="int",
                              required=False),
                    FieldSpec("enforcement_fee", "強制執行費（元）", "Enforcement fees (NT$)", kind="int",
                              required=False),
                    FieldSpec("reason", "審查意見", "Review notes", kind="textarea"),
                ),
                guards=(_eligible, _within_caps), effects=(_request_grant,), assignee_only=True,
            ),
            Transition(
                "propose_refusal", ("UNDER_REVIEW",), "PENDING_APPROVAL", OFFICERS, "擬不予補助（陳核）",
                "Propose a refusal (for approval)",
                fields=(FieldSpec("means_confirmed", "資力審查", "Means test", kind="choice", required=False,
                                  choices=MEANS.choices),
                        FieldSpec("reason", "不予補助理由（將通知申請人）", "Reason (sent to the applicant)",
                                  kind="textarea")),
                effects=(_request_refusal,), assignee_only=True,
            ),
            Transition("grant", ("PENDING_APPROVAL",), "GRANTED", frozenset(), "核定補助", "Grant",
                       effects=(_grant,), notify_parties=True),
            Transition("return_grant", ("PENDING_APPROVAL",), "UNDER_REVIEW", frozenset(), "退回補正", "Returned",
                       effects=(_clear_proposal,)),
            Transition("refuse", ("PENDING_APPROVAL",), "REFUSED", frozenset(), "不予補助", "Refuse",
                       effects=(_refuse,), notify_parties=True),
            Transition("return_refusal", ("PENDING_APPROVAL",), "UNDER_REVIEW", frozenset(), "退回補正",
                       "Returned"),
            Transition(
                "record_final_judgment", ("GRANTED",), "JUDGMENT_FINAL", OFFICERS, "登錄判決確定",
                "Record the final judgment",
                fields=(
                    FieldSpec("outcome", "訴訟結果", "Outcome", kind="choice", choices=OUTCOME_CHOICES),
                    FieldSpec("final_on", "確定日期", "Final on", kind="date"),
                    FieldSpec("awarded_amount", "獲判（和解）給付金額（元）", "Amount awarded (NT$)", kind="int",
                              required=False),
                    FieldSpec("costs_recovered", "向雇主取回之訴訟費用（元）", "Court costs recovered from the "
                              "employer (NT$)", kind="int", required=False),
                ),
                effects=(_record_judgment,), notify_parties=True,
            ),
            Transition("close", ("JUDGMENT_FINAL",), "CLOSED", OFFICERS, "結案", "Close", guards=(_nothing_owed,),
                       notify_parties=True),
            Transition("require_reimbursement", ("JUDGMENT_FINAL",), "REIMBURSEMENT_DUE", OFFICERS,
                       "通知返還補助", "Require reimbursement", guards=(_reimbursement_owed,),
                       effects=(_reimbursement_letter,), notify_parties=True),
            Transition("close_reimbursed", ("REIMBURSEMENT_DUE",), "CLOSED", OFFICERS, "返還完畢結案",
                       "Close (returned)", guards=(_fully_reimbursed,), notify_parties=True),
            Transition("withdraw", ("SUBMITTED", "UNDER_REVIEW", "AWAITING_DOCUMENTS"), "WITHDRAWN",
                       frozenset({PARTY, *OFFICERS}), "撤回申請", "Withdraw the application",
                       fields=(FieldSpec("reason", "撤回理由", "Reason", kind="textarea", required=False),),
                       notify_parties=True),
        ),
    )
)

case_services.SIGNOFF_OUTCOMES[GRANT_SUBJECT] = ("grant", "return_grant")
case_services.SIGNOFF_OUTCOMES[REFUSAL_SUBJECT] = ("refuse", "return_refusal")
