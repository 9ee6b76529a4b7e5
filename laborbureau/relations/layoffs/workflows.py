"""The mass-layoff workflows (大量解僱勞工保護法).

The layoff plan (解僱計畫書, type MLP): the employer notifies the plan 60 days before
the day a 第2條 threshold is met (第4條第1項; not for a natural disaster, incident
or sudden event, 但書), to the authority and, in the order of 第4條第2項, the union,
the labor-management meeting's workers' representatives or the affected workers,
and posts it. Within 10 days of the plan the parties negotiate (第5條第1項); when
one refuses or they cannot agree, the authority convenes a negotiation committee
within 10 days (第5條第2項) of 5 to 11 members (第6條第1項), which meets at least
every two weeks (第6條第3項).

    FILED --review (notice PDF)--> NEGOTIATING --record_agreement--> AGREED
    NEGOTIATING --request_committee--> COMMITTEE_CONVENING --convene_committee--> COMMITTEE
    COMMITTEE --record_committee_meeting--> COMMITTEE (the two-week clock restarts)
    COMMITTEE --record_agreement--> AGREED;  COMMITTEE --close_without_agreement--> CLOSED
    FILED --file_away (not a mass layoff)--> CLOSED;  FILED/NEGOTIATING --withdraw--> WITHDRAWN

The monitoring case (大量解僱監測, type MLM): opened by the system when the layoffs
recorded for an employer cross a 第2條 threshold with no plan on file, or when a plan
arrives after its 第4條第1項 date. Failing 第4條第1項 is fined NT$100,000–500,000
under 第17條 (rules.fine_ranges AWPMR), with the chief's and director's sign-off.

    OPEN --take--> INVESTIGATING --propose_fine--> FINE_PENDING_APPROVAL
        --impose_fine (sign-off approved)--> FINED --close_after_fine--> CLOSED
        --return_fine (sign-off returned)--> INVESTIGATING
    INVESTIGATING --close--> CLOSED (no violation: e.g. not a 第11條 ground, fixed-term workers)
"""

from datetime import timedelta

from django.utils import timezone

from laborbureau.cases import services as case_services
from laborbureau.cases.access import PARTY
from laborbureau.cases.models import Case
from laborbureau.cases.workflows import Deadline, FieldSpec, State, Transition, Workflow, register
from laborbureau.core.models import Role
from laborbureau.documents import services as document_services
from laborbureau.documents.models import DocumentKind
from laborbureau.fines import services as fine_services
from laborbureau.relations.layoffs import panels
from laborbureau.rules import roc_calendar

PLAN_CASE_TYPE = "mass_layoff_plan"
MONITORING_CASE_TYPE = "mass_layoff_monitoring"
UNIT = "LR"
FINE_LAW = "AWPMR"
FINE_ARTICLE = "第17條"
VIOLATED_ARTICLE = "第4條第1項"
SIGNOFF_SUBJECT = "mass_layoff_fine"
SIGNOFF_CHAIN = [Role.SECTION_CHIEF, Role.DIRECTOR]
OFFICERS = frozenset({Role.CASE_OFFICER, Role.SECTION_CHIEF})

NEGOTIATION_START = Deadline(10, "calendar", basis="大量解僱勞工保護法第5條第1項", from_opening=True)
COMMITTEE_CONVENE = Deadline(10, "calendar", basis="大量解僱勞工保護法第5條第2項")
COMMITTEE_FORTNIGHT = Deadline(14, "calendar", basis="大量解僱勞工保護法第6條第3項")


def _plan(case: Case):
    from laborbureau.relations.layoffs.models import LayoffPlan

    return LayoffPlan.objects.select_for_update(of=("self",)).select_related("employer", "establishment").get(case=case)


def _monitoring(case: Case):
    from laborbureau.relations.layoffs.models import LayoffMonitoring

    return LayoffMonitoring.objects.select_for_update(of=("self",)).select_related("employer").get(case=case)


def _take_case(case, actor, data):
    if case.assignee_id is None:
        Case.objects.filter(pk=case.pk).update(assignee=actor)
        case.assignee = actor


def _not_future(name: str, label_zh: str, label_en: str):
    def guard(case, actor, data):
        if data.get(name) and data[name] > timezone.localdate():
            return (f"{label_zh}不可晚於今天。", f"{label_en} cannot be in the future.")
        return None

    return guard


# --- the plan ---------------------------------------------------------------------------


def _send_review_notice(case, actor, data):
    """The notice to the employer after review: whether the plan was required, the
    notice date, a late filing, and the duty to negotiate within 10 days (第5條)."""
    plan = _plan(case)
    received = roc_calendar.format_long(plan.received_on)
    items = [f"貴單位於{received}提出之解僱計畫書（{plan.establishment.name}，預定解僱{plan.total_count}人），本局已審查。"]
    if plan.required:
        items.append(
            f"依大量解僱勞工保護法{plan.clause}，本次解僱屬大量解僱勞工，"
            f"符合該條規定情形之日為{roc_calendar.format_long(plan.crossing_date)}。"
        )
        if plan.sudden_event:
            items.append("貴單位主張係因天災、事變或突發事件，依同法第4條第1項但書不受六十日之限制。")
        elif plan.late:
            items.append(
                f"依同法第4條第1項，解僱計畫書應於{roc_calendar.format_long(plan.notice_due)}以前通知本局及相關單位或人員，"
                f"貴單位逾期{plan.days_late}日提出，本局將依同法第17條另案查處。"
            )
        else:
            items.append(f"解僱計畫書已於同法第4條第1項所定期限（{roc_calendar.format_long(plan.notice_due)}）前提出。")
    else:
        items.append("依所載人數，本次解僱未達大量解僱勞工保護法第2條所定人數，本局予以備查。")
    items.append("請貴單位自提出解僱計畫書之日起十日內，本於勞資自治精神與勞方進行協商（同法第5條第1項）；拒絕協商或無法達成協議時，本局將召集勞雇雙方組成協商委員會（同法第5條第2項）。")
    if data.get("note"):
        items.append(data["note"])
    document_services.document_issue(
        case=case,
        kind=DocumentKind.NOTICE,
        title="解僱計畫書審查結果通知書",
        template_name="documents/generic.html",
        context={
            "recipient": f"{plan.employer.name}（負責人：{plan.employer.representative or '—'}）",
            "subject": "有關貴單位提出之解僱計畫書，審查結果如說明，請查照。",
            "blocks": [{"heading": "說明", "items": items}],
        },
        actor=actor,
        visible_to_parties=True,
    )


def _save_negotiation_start(case, actor, data):
    plan = _plan(case)
    plan.negotiation_started_on = data["started_on"]
    plan.save(update_fields=["negotiation_started_on"])


def _save_committee_request(case, actor, data):
    plan = _plan(case)
    plan.committee_requested_on = timezone.localdate()
    plan.save(update_fields=["committee_requested_on"])


def _members_in_range(case, actor, data):
    if not 5 <= data["members"] <= 11:
        return ("協商委員會置委員五人至十一人（大量解僱勞工保護法第6條第1項）。",
                "A negotiation committee has 5 to 11 members (Art. 6(1)).")
    return None


def _save_committee(case, actor, data):
    plan = _plan(case)
    plan.committee_convened_on = data["meeting_date"]
    plan.committee_members = data["members"]
    plan.committee_meetings = 1
    plan.save(update_fields=["committee_convened_on", "committee_members", "committee_meetings"])


def _count_meeting(case, actor, data):
    plan = _plan(case)
    plan.committee_meetings += 1
    plan.save(update_fields=["committee_meetings"])


def _save_agreement(case, actor, data):
    plan = _plan(case)
    plan.agreement_summary = data["agreement_summary"]
    plan.save(update_fields=["agreement_summary"])


def _plan_not_required(case, actor, data):
    if _plan(case).required:
        return ("本計畫已達大量解僱門檻，不能以非屬大量解僱存查。",
                "This plan crosses a mass-layoff threshold; it cannot be filed away as not one.")
    return None


REASON = FieldSpec("reason", "理由", "Reason", kind="textarea")
NOTE = FieldSpec("note", "補充說明", "Remarks", kind="textarea", required=False)
MEETING_DATE = FieldSpec("meeting_date", "會議日期", "Meeting date", kind="date")

PLAN_WORKFLOW = register(
    Workflow(
        case_type=PLAN_CASE_TYPE,
        type_code="MLP",
        unit_code=UNIT,
        name_zh="解僱計畫書",
        name_en="Mass-layoff plan",
        initial="FILED",
        open_roles=OFFICERS,
        portal_party_roles=frozenset({"EMPLOYER"}),
        staff_panel=panels.plan_staff_panel,
        portal_panel=panels.plan_portal_panel,
        states=(
            State("FILED", "已收件，待審查", "Filed; to be reviewed", NEGOTIATION_START),
            State("NEGOTIATING", "勞雇協商中", "Parties negotiating", NEGOTIATION_START),
            State("COMMITTEE_CONVENING", "協商委員會召集中", "Negotiation committee being convened", COMMITTEE_CONVENE),
            State("COMMITTEE", "協商委員會協商中", "Negotiation committee meeting", COMMITTEE_FORTNIGHT),
            State("AGREED", "協商達成協議", "Agreement reached", terminal=True),
            State("CLOSED", "已結案", "Closed", terminal=True),
            State("WITHDRAWN", "已撤回", "Withdrawn", terminal=True),
        ),
        transitions=(
            Transition(
                "review", ("FILED",), "NEGOTIATING", OFFICERS, "審查並通知事業單位", "Review and notify the employer",
                fields=(NOTE,), effects=(_take_case, _send_review_notice), notify_parties=True,
                public_note_zh="本局已審查解僱計畫書並寄發審查結果通知書；請於提出計畫書之日起十日內與勞方協商。",
                public_note_en="The plan was reviewed and the notice issued; negotiate with the workers within 10 days of the plan.",
            ),
            Transition(
                "record_negotiation_start", ("NEGOTIATING",), "NEGOTIATING", OFFICERS, "登錄協商開始日",
                "Record when negotiation began",
                fields=(FieldSpec("started_on", "勞雇雙方開始協商日", "Negotiation began on", kind="date"),),
                guards=(_not_future("started_on", "協商開始日", "The start date"),),
                effects=(_save_negotiation_start,),
            ),
            Transition(
                "request_committee", ("NEGOTIATING",), "COMMITTEE_CONVENING", OFFICERS,
                "拒絕協商或未達協議：召集協商委員會", "Refused or no agreement: convene a committee",
                fields=(REASON,), effects=(_save_committee_request,), notify_parties=True,
                public_note_zh="勞雇雙方未能達成協議，本局將於十日內召集協商委員會（大量解僱勞工保護法第5條第2項）。",
                public_note_en="No agreement: the department will convene a negotiation committee within 10 days (Art. 5(2)).",
            ),
            Transition(
                "convene_committee", ("COMMITTEE_CONVENING",), "COMMITTEE", OFFICERS, "召開協商委員會",
                "Convene the committee",
                fields=(MEETING_DATE, FieldSpec("members", "委員人數（5至11人）", "Members (5 to 11)", kind="int"), NOTE),
                guards=(_members_in_range,), effects=(_save_committee,), notify_parties=True,
            ),
            Transition(
                "record_committee_meeting", ("COMMITTEE",), "COMMITTEE", OFFICERS, "登錄協商委員會會議",
                "Record a committee meeting",
                fields=(MEETING_DATE, FieldSpec("note", "會議紀要", "Minutes", kind="textarea")),
                guards=(_not_future("meeting_date", "會議日期", "The meeting date"),), effects=(_count_meeting,),
            ),
            Transition(
                "record_agreement", ("NEGOTIATING", "COMMITTEE"), "AGREED", OFFICERS, "登錄協議內容並結案",
                "Record the agreement and close",
                fields=(FieldSpec("agreement_summary", "協議內容摘要", "Summary of the agreement", kind="textarea"),),
                effects=(_save_agreement,), notify_parties=True,
            ),
            Transition(
                "close_without_agreement", ("COMMITTEE",), "CLOSED", OFFICERS, "協商未達協議結案",
                "Close without agreement", fields=(REASON,), notify_parties=True,
            ),
            Transition(
                "file_away", ("FILED",), "CLOSED", OFFICERS, "非屬大量解僱，備查結案", "Not a mass layoff: file away",
                fields=(REASON,), guards=(_plan_not_required,), notify_parties=True,
            ),
            Transition(
                "withdraw", ("FILED", "NEGOTIATING"), "WITHDRAWN", frozenset({PARTY, *OFFICERS}), "撤回解僱計畫",
                "Withdraw the plan", fields=(FieldSpec("reason", "撤回理由", "Reason", kind="textarea"),),
                notify_parties=True,
            ),
        ),
    )
)


# --- the monitoring case -----------------------------------------------------------------


def _violation_date(monitoring) -> object:
    """The first day the duty of 第4條第1項 was unmet: the day after the notice date."""
    return monitoring.notice_due + timedelta(days=1) if monitoring.notice_due else monitoring.crossing_date


def _fine_in_range(case, actor, data):
    monitoring = _monitoring(case)
    if monitoring.notice_due is None:
        return ("此案屬天災、事變或突發事件，不受六十日通知期限限制，不能依第17條裁罰。",
                "A sudden event is not bound by the 60-day notice; Art. 17 does not apply.")
    if data["violation_date"] > timezone.localdate():
        return ("違規日期不可晚於今天。", "The violation date cannot be in the future.")
    fine_services.fine_amount_check(
        law_code=FINE_LAW, article=FINE_ARTICLE, violation_date=data["violation_date"], amount=data["amount"]
    )
    return None


def _request_fine_signoff(case, actor, data):
    monitoring = _monitoring(case)
    monitoring.proposed_violation_date = data["violation_date"]
    monitoring.proposed_amount = data["amount"]
    monitoring.save(update_fields=["proposed_violation_date", "proposed_amount"])
    case_services.signoff_request(
        case=case,
        actor=actor,
        subject=SIGNOFF_SUBJECT,
        summary=f"裁處 {monitoring.employer.name} 罰鍰 {data['amount']:,} 元（大量解僱勞工保護法第17條）",
        payload={"violation_date": data["violation_date"].isoformat(), "amount": data["amount"]},
        chain=list(SIGNOFF_CHAIN),
    )


def _issue_fine(case, actor, data):
    monitoring = _monitoring(case)
    fine = fine_services.fine_issue(
        employer=monitoring.employer,
        unit=case.unit,
        law_code=FINE_LAW,
        article=FINE_ARTICLE,
        violation_date=monitoring.proposed_violation_date,
        amount=monitoring.proposed_amount,
        decided_on=timezone.localdate(),
        actor=actor,
        case=case,
        violated_article=VIOLATED_ARTICLE,
    )
    monitoring.fine_number = fine.number
    monitoring.save(update_fields=["fine_number"])


def _save_findings(case, actor, data):
    monitoring = _monitoring(case)
    monitoring.findings = data["findings"]
    monitoring.save(update_fields=["findings"])


def _save_outcome(case, actor, data):
    monitoring = _monitoring(case)
    monitoring.outcome_summary = data["outcome_summary"]
    monitoring.save(update_fields=["outcome_summary"])


OUTCOME = FieldSpec("outcome_summary", "查處結果", "Outcome", kind="textarea")

MONITORING_WORKFLOW = register(
    Workflow(
        case_type=MONITORING_CASE_TYPE,
        type_code="MLM",
        unit_code=UNIT,
        name_zh="大量解僱監測",
        name_en="Mass-layoff monitoring",
        initial="OPEN",
        open_roles=OFFICERS,
        portal_party_roles=frozenset(),  # an internal enforcement case: the fine reaches the employer itself
        staff_panel=panels.monitoring_staff_panel,
        states=(
            State("OPEN", "待查處", "To be investigated"),
            State("INVESTIGATING", "查處中", "Investigating"),
            State("FINE_PENDING_APPROVAL", "裁罰陳核中", "Fine awaiting approval"),
            State("FINED", "已裁處罰鍰", "Fine imposed"),
            State("CLOSED", "已結案", "Closed", terminal=True),
        ),
        transitions=(
            Transition("take", ("OPEN",), "INVESTIGATING", OFFICERS, "開始查處", "Start investigating",
                       effects=(_take_case,)),
            Transition(
                "record_findings", ("INVESTIGATING",), "INVESTIGATING", OFFICERS, "登錄查處情形", "Record findings",
                fields=(FieldSpec("findings", "查處情形", "Findings", kind="textarea"),), effects=(_save_findings,),
            ),
            Transition(
                "propose_fine", ("INVESTIGATING",), "FINE_PENDING_APPROVAL", OFFICERS,
                "擬依第17條處罰鍰（陳核）", "Propose an Art. 17 fine (for approval)",
                fields=(
                    FieldSpec("violation_date", "違規日期（通知期限之次日）", "Date of the violation (day after the notice date)",
                              kind="date"),
                    FieldSpec("amount", "罰鍰金額（新臺幣10萬至50萬元）", "Amount (NT$100,000–500,000)", kind="int"),
                ),
                guards=(_fine_in_range,), effects=(_request_fine_signoff,), assignee_only=True,
            ),
            Transition("impose_fine", ("FINE_PENDING_APPROVAL",), "FINED", frozenset(), "裁處罰鍰", "Impose the fine",
                       effects=(_issue_fine,)),
            Transition("return_fine", ("FINE_PENDING_APPROVAL",), "INVESTIGATING", frozenset(), "退回補正", "Returned"),
            Transition("close", ("INVESTIGATING",), "CLOSED", OFFICERS, "查無違法結案", "Close: no violation",
                       fields=(OUTCOME,), effects=(_save_outcome,), assignee_only=True),
            Transition("close_after_fine", ("FINED",), "CLOSED", OFFICERS, "裁罰後結案", "Close after the fine",
                       fields=(OUTCOME,), effects=(_save_outcome,), assignee_only=True),
        ),
    )
)

case_services.SIGNOFF_OUTCOMES[SIGNOFF_SUBJECT] = ("impose_fine", "return_fine")
