"""The inspection workflows (勞動檢查法, 職業安全衛生法).

The inspection (勞動檢查, type INS): planned from the yearly risk-based plan or opened
for a complaint, campaign, accident or re-inspection. The visit is unannounced
(勞動檢查法第13條), so the employer becomes a party only when it starts. The inspector
records a finding per checklist provision on a phone, photos with time and place, and
the employer representative's acknowledgement. Violations are notified with a deadline
to correct them (勞動檢查法第25條第1項) and a re-inspection is scheduled for the day after
it; violations are fined under 職業安全衛生法第43、45條 or 勞動基準法第79條 with the
chief's and the director's sign-off.

    PLANNED --start--> IN_PROGRESS --complete (every item, acknowledgement)--> RECORDED
    RECORDED --close (no violation)--> CLOSED
    RECORDED/FINED --issue_notice (deadline; re-inspection opened)--> CORRECTION
    RECORDED/CORRECTION --propose_fine--> FINE_PENDING_APPROVAL --impose_fine--> FINED
        --return_fine--> RECORDED
    CORRECTION/RECORDED/FINED --confirm_corrected (re-inspection found it corrected)--> CLOSED
    FINED --close_after_fine--> CLOSED;  PLANNED --cancel--> CANCELLED

The stop-work order (停工通知, type SWO): issued by the inspector on the spot where
there is imminent danger (勞動檢查法第28條, 職業安全衛生法第36條第1項; after an accident
第27條). The employer applies on the portal to resume with the improvements and photos
(勞動檢查法第29條: 停工之事業單位於停工之原因消滅後，得向勞動檢查機構申請復工); the
inspector reviews on site or on the evidence and proposes approval, which the chief
signs off, or sends it back with reasons.

    IN_FORCE --apply_resumption (employer)--> RESUMPTION_REQUESTED
    RESUMPTION_REQUESTED --propose_resumption--> RESUMPTION_PENDING_APPROVAL --lift (sign-off)--> LIFTED
    RESUMPTION_REQUESTED --return_resumption (reasons)--> IN_FORCE
    RESUMPTION_PENDING_APPROVAL --signoff_returned--> RESUMPTION_REQUESTED
"""

from datetime import date, timedelta

from django.utils import timezone

from laborbureau.cases import services as case_services
from laborbureau.cases.access import PARTY
from laborbureau.cases.models import Case, CaseParty
from laborbureau.cases.workflows import FieldSpec, State, Transition, Workflow, register
from laborbureau.core.models import Role
from laborbureau.fines import services as fine_services
from laborbureau.inspection.inspections import panels
from laborbureau.rules import fine_ranges

INSPECTION_CASE_TYPE = "labor_inspection"
STOP_WORK_CASE_TYPE = "stop_work_order"
UNIT = "LIO"
FINE_SIGNOFF = "inspection_fine"
FINE_CHAIN = [Role.SECTION_CHIEF, Role.DIRECTOR]
RESUMPTION_SIGNOFF = "resumption_approval"
RESUMPTION_CHAIN = [Role.SECTION_CHIEF]
INSPECTORS = frozenset({Role.INSPECTOR, Role.CASE_OFFICER, Role.SECTION_CHIEF})
FINE_LAWS = ("OSHA", "LSA")
# 勞動檢查法第25條 leaves the deadline to the authority; a notice longer than this is a typo.
MAX_CORRECTION_DAYS = 180


def _inspection(case: Case):
    from laborbureau.inspection.inspections.models import Inspection

    return Inspection.objects.select_for_update(of=("self",)).select_related("employer").get(case=case)


def _order(case: Case):
    from laborbureau.inspection.inspections.models import StopWorkOrder

    return StopWorkOrder.objects.select_for_update(of=("self",)).select_related("employer").get(case=case)


def _mirror(target: str, record):
    """Keep the domain record's status copy equal to the case's (see Inspection)."""

    def effect(case, actor, data):
        row = record(case)
        type(row).objects.filter(pk=row.pk).update(status=target)

    return effect


def fine_article_choices(on: date) -> tuple[tuple[str, str], ...]:
    """The fining articles of 職業安全衛生法 and 勞動基準法 in force on `on`."""
    return tuple(
        (f"{item.law_code}|{item.article}", f"{item.basis.cite()}（{item.min:,}–{item.max:,}元）")
        for item in fine_ranges.list_articles(on) if item.law_code in FINE_LAWS
    )


# --- the inspection's effects and guards -------------------------------------------------


def _start(case, actor, data):
    inspection = _inspection(case)
    inspection.started_at = timezone.now()
    if inspection.inspector_id is None:
        inspection.inspector = actor
    inspection.save(update_fields=["started_at", "inspector"])
    if case.assignee_id is None:
        Case.objects.filter(pk=case.pk).update(assignee=actor)
        case.assignee = actor
    # The visit has begun: the employer is told now, not before (勞動檢查法第13條).
    if not CaseParty.objects.filter(case=case, employer=inspection.employer).exists():
        CaseParty.objects.create(case=case, role="EMPLOYER", employer=inspection.employer)


def _every_item_recorded(case, actor, data):
    from laborbureau.inspection.inspections import services

    inspection = _inspection(case)
    missing = services.items_missing(inspection)
    if missing:
        return (f"尚有{len(missing)}項檢查項目未填寫結果（{', '.join(missing[:5])}）。",
                f"{len(missing)} checklist items have no finding yet ({', '.join(missing[:5])}).")
    if not inspection.acknowledgement:
        return ("請先請事業單位代表簽認檢查結果（或記錄拒絕簽認）。",
                "Record the employer representative's acknowledgement (or refusal) first.")
    return None


def _complete(case, actor, data):
    from laborbureau.inspection.inspections import services

    services.inspection_completed(_inspection(case), summary=data.get("summary", ""))


def _has_violations(case, actor, data):
    if not _inspection(case).violations:
        return ("本次檢查未發現違反事項。", "No violation was found in this inspection.")
    return None


def _no_violations(case, actor, data):
    if _inspection(case).violations:
        return ("本次檢查有違反事項，請先通知限期改善或裁處。",
                "Violations were found: issue a corrective notice or a fine first.")
    return None


def _deadline_valid(case, actor, data):
    from laborbureau.inspection.inspections.models import CorrectiveNotice

    today = timezone.localdate()
    if CorrectiveNotice.objects.filter(inspection__case=case).exists():
        return ("本次檢查已通知限期改善。", "A corrective notice was already issued for this inspection.")
    if data["deadline"] <= today:
        return ("改善期限應晚於今天。", "The deadline must be after today.")
    if data["deadline"] > today + timedelta(days=MAX_CORRECTION_DAYS):
        return (f"改善期限不宜超過{MAX_CORRECTION_DAYS}日。", f"The deadline cannot be more than {MAX_CORRECTION_DAYS} days away.")
    return None


def _issue_notice(case, actor, data):
    from laborbureau.inspection.inspections import services

    services.corrective_notice_issue(_inspection(case), deadline=data["deadline"], actor=actor,
                                     note=data.get("note", ""))


def _corrected(case, actor, data):
    from laborbureau.inspection.inspections.models import CorrectiveNotice, NoticeStatus

    notice = CorrectiveNotice.objects.filter(inspection__case=case).first()
    if notice is None or notice.status != NoticeStatus.COMPLIED:
        return ("複查尚未確認已改善。", "The re-inspection has not found the violations corrected.")
    return None


def _fine_valid(case, actor, data):
    if not _inspection(case).violations:
        return ("本次檢查未發現違反事項，不能裁罰。", "No violation was found; there is nothing to fine.")
    if data["violation_date"] > timezone.localdate():
        return ("違規日期不可晚於今天。", "The violation date cannot be in the future.")
    law_code, _, article = data["fine_article"].partition("|")
    data["violated_article"] = fine_services.normalize_article(data["violated_article"], "violated_article")
    fine_services.fine_amount_check(law_code=law_code, article=article, violation_date=data["violation_date"],
                                    amount=data["amount"])
    return None


def _request_fine_signoff(case, actor, data):
    inspection = _inspection(case)
    law_code, _, article = data["fine_article"].partition("|")
    inspection.proposed_law_code = law_code
    inspection.proposed_article = article
    inspection.proposed_violated_article = data["violated_article"]
    inspection.proposed_violation_date = data["violation_date"]
    inspection.proposed_amount = data["amount"]
    inspection.save(update_fields=["proposed_law_code", "proposed_article", "proposed_violated_article",
                                   "proposed_violation_date", "proposed_amount"])
    case_services.signoff_request(
        case=case, actor=actor, subject=FINE_SIGNOFF,
        summary=f"裁處 {inspection.employer.name} 罰鍰 {data['amount']:,} 元（{law_code} {article}）",
        payload={"law_code": law_code, "article": article, "amount": data["amount"],
                 "violation_date": data["violation_date"].isoformat(), "violated_article": data["violated_article"]},
        chain=list(FINE_CHAIN),
    )


def _issue_fine(case, actor, data):
    inspection = _inspection(case)
    fine = fine_services.fine_issue(
        employer=inspection.employer, unit=case.unit, law_code=inspection.proposed_law_code,
        article=inspection.proposed_article, violation_date=inspection.proposed_violation_date,
        amount=inspection.proposed_amount, decided_on=timezone.localdate(), actor=actor, case=case,
        violated_article=inspection.proposed_violated_article,
    )
    inspection.fine_number = fine.number
    inspection.save(update_fields=["fine_number"])


REASON = FieldSpec("reason", "理由", "Reason", kind="textarea")
NOTE = FieldSpec("note", "補充說明", "Remarks", kind="textarea", required=False)


def _record(case):
    from laborbureau.inspection.inspections.models import Inspection

    return Inspection.objects.only("pk").get(case=case)


def _mirrored(target: str, *effects):
    return (*effects, _mirror(target, _record))


INSPECTION_WORKFLOW = register(
    Workflow(
        case_type=INSPECTION_CASE_TYPE,
        type_code="INS",
        unit_code=UNIT,
        name_zh="勞動檢查",
        name_en="Labor inspection",
        initial="PLANNED",
        open_roles=INSPECTORS,
        portal_party_roles=frozenset({"EMPLOYER"}),
        staff_panel=panels.inspection_staff_panel,
        portal_panel=panels.inspection_portal_panel,
        states=(
            State("PLANNED", "已排定", "Planned"),
            State("IN_PROGRESS", "檢查中", "Inspection under way"),
            State("RECORDED", "檢查完成，待處理", "Recorded; to be followed up", label_public_zh="檢查完成",
                  label_public_en="Inspection recorded"),
            State("CORRECTION", "限期改善中", "Correction period"),
            State("FINE_PENDING_APPROVAL", "裁罰陳核中", "Fine awaiting approval", label_public_zh="處理中",
                  label_public_en="Being processed"),
            State("FINED", "已裁處罰鍰", "Fine imposed"),
            State("CLOSED", "已結案", "Closed", terminal=True),
            State("CANCELLED", "已取消", "Cancelled", terminal=True),
        ),
        transitions=(
            Transition("start", ("PLANNED",), "IN_PROGRESS", INSPECTORS, "開始檢查（到場）", "Start the visit",
                       effects=_mirrored("IN_PROGRESS", _start)),
            Transition(
                "complete", ("IN_PROGRESS",), "RECORDED", INSPECTORS, "完成檢查紀錄", "Complete the record",
                fields=(FieldSpec("summary", "檢查概要", "Summary", kind="textarea", required=False),),
                guards=(_every_item_recorded,), effects=_mirrored("RECORDED", _complete), notify_parties=True,
                public_note_zh="本局勞動檢查處已完成檢查，檢查結果如紀錄。",
                public_note_en="The inspection was completed; its findings are on record.",
            ),
            Transition("close", ("RECORDED",), "CLOSED", INSPECTORS, "未發現違規，結案", "Close: no violation",
                       fields=(NOTE,), guards=(_no_violations,), effects=_mirrored("CLOSED"), notify_parties=True),
            Transition(
                "issue_notice", ("RECORDED", "FINED"), "CORRECTION", INSPECTORS,
                "通知限期改善並排定複查", "Issue a corrective notice and schedule a re-inspection",
                fields=(FieldSpec("deadline", "改善期限", "Deadline to correct", kind="date"), NOTE),
                guards=(_has_violations, _deadline_valid), effects=_mirrored("CORRECTION", _issue_notice),
                notify_parties=True,
                public_note_zh="本局已寄發檢查結果通知書，請於期限內改善（勞動檢查法第25條）。",
                public_note_en="The results were notified; correct the violations by the deadline (Art. 25).",
            ),
            Transition(
                "propose_fine", ("RECORDED", "CORRECTION"), "FINE_PENDING_APPROVAL", INSPECTORS,
                "擬處罰鍰（陳核）", "Propose a fine (for approval)",
                fields=(
                    FieldSpec("fine_article", "裁罰依據", "Penalty article", kind="choice", choices=fine_article_choices),
                    FieldSpec("violated_article", "違反條文", "Provision violated"),
                    FieldSpec("violation_date", "違規日期", "Date of the violation", kind="date"),
                    FieldSpec("amount", "罰鍰金額（新臺幣元）", "Amount (NTD)", kind="int"),
                ),
                guards=(_fine_valid,), effects=_mirrored("FINE_PENDING_APPROVAL", _request_fine_signoff),
            ),
            Transition("impose_fine", ("FINE_PENDING_APPROVAL",), "FINED", frozenset(), "裁處罰鍰", "Impose the fine",
                       effects=_mirrored("FINED", _issue_fine), notify_parties=True),
            Transition("return_fine", ("FINE_PENDING_APPROVAL",), "RECORDED", frozenset(), "退回補正", "Returned",
                       effects=_mirrored("RECORDED")),
            Transition("confirm_corrected", ("CORRECTION", "RECORDED", "FINED"), "CLOSED", INSPECTORS,
                       "複查已改善，結案", "Corrected on re-inspection: close", fields=(NOTE,),
                       guards=(_corrected,), effects=_mirrored("CLOSED"), notify_parties=True),
            Transition("close_after_fine", ("FINED",), "CLOSED", INSPECTORS, "裁罰後結案", "Close after the fine",
                       fields=(NOTE,), effects=_mirrored("CLOSED"), notify_parties=True),
            Transition("cancel", ("PLANNED",), "CANCELLED", frozenset({Role.SECTION_CHIEF}), "取消排定之檢查",
                       "Cancel the planned inspection", fields=(REASON,), effects=_mirrored("CANCELLED")),
        ),
    )
)

case_services.SIGNOFF_OUTCOMES[FINE_SIGNOFF] = ("impose_fine", "return_fine")


# --- the stop-work order -------------------------------------------------------------------


def _order_record(case):
    from laborbureau.inspection.inspections.models import StopWorkOrder

    return StopWorkOrder.objects.only("pk").get(case=case)


def _order_mirrored(target: str, *effects):
    return (*effects, _mirror(target, _order_record))


def _open_request(case):
    from laborbureau.inspection.inspections.models import ResumptionRequest, ResumptionStatus

    return (ResumptionRequest.objects.select_for_update()
            .filter(order__case=case, status__in=[ResumptionStatus.SUBMITTED, ResumptionStatus.PENDING_APPROVAL])
            .first())


def _has_request(case, actor, data):
    if _open_request(case) is None:
        return ("沒有待審查的復工申請。", "There is no resumption request to review.")
    return None


def _propose_resumption(case, actor, data):
    from laborbureau.inspection.inspections.models import ResumptionStatus

    request = _open_request(case)
    request.status = ResumptionStatus.PENDING_APPROVAL
    request.review_method = data["review_method"]
    request.reviewed_by = actor
    request.review_note = data["note"]
    request.save(update_fields=["status", "review_method", "reviewed_by", "review_note"])
    order = _order(case)
    case_services.signoff_request(
        case=case, actor=actor, subject=RESUMPTION_SIGNOFF,
        summary=f"同意 {order.employer.name} 復工（{order.area}）",
        payload={"resumption_id": request.pk, "review_method": data["review_method"]},
        chain=list(RESUMPTION_CHAIN),
    )


def _return_resumption(case, actor, data):
    from laborbureau.inspection.inspections.models import ResumptionStatus

    request = _open_request(case)
    request.status = ResumptionStatus.RETURNED
    request.review_method = data.get("review_method", "")
    request.reviewed_by = actor
    request.review_note = data["reason"]
    request.decided_at = timezone.now()
    request.save(update_fields=["status", "review_method", "reviewed_by", "review_note", "decided_at"])


def _lift(case, actor, data):
    from laborbureau.inspection.inspections import services

    services.resumption_approved(_order(case), _open_request(case), actor=actor)


def _signoff_returned(case, actor, data):
    from laborbureau.inspection.inspections.models import ResumptionStatus

    request = _open_request(case)
    request.status = ResumptionStatus.SUBMITTED
    request.save(update_fields=["status"])


REVIEW_METHOD = FieldSpec("review_method", "審查方式", "Review method", kind="choice",
                          choices=(("ON_SITE", "現場複查 On site"), ("EVIDENCE", "書面及照片審查 On the evidence")))

STOP_WORK_WORKFLOW = register(
    Workflow(
        case_type=STOP_WORK_CASE_TYPE,
        type_code="SWO",
        unit_code=UNIT,
        name_zh="停工通知",
        name_en="Stop-work order",
        initial="IN_FORCE",
        open_roles=INSPECTORS,
        portal_party_roles=frozenset({"EMPLOYER"}),
        staff_panel=panels.stop_work_staff_panel,
        portal_panel=panels.stop_work_portal_panel,
        states=(
            State("IN_FORCE", "停工中", "Work stopped"),
            State("RESUMPTION_REQUESTED", "復工申請審查中", "Resumption request under review"),
            State("RESUMPTION_PENDING_APPROVAL", "同意復工陳核中", "Resumption awaiting sign-off",
                  label_public_zh="復工申請審查中", label_public_en="Resumption request under review"),
            State("LIFTED", "已核准復工", "Resumption approved", terminal=True),
        ),
        transitions=(
            Transition(
                "apply_resumption", ("IN_FORCE",), "RESUMPTION_REQUESTED", frozenset({PARTY}), "申請復工",
                "Apply to resume", fields=(FieldSpec("improvements", "改善情形", "Improvements made", kind="textarea"),),
                party_roles=frozenset({"EMPLOYER"}), effects=_order_mirrored("RESUMPTION_REQUESTED"),
                notify_parties=True, public_note_zh="已收到復工申請，檢查員將審查改善情形。",
                public_note_en="The resumption request was received; an inspector will review the improvements.",
            ),
            Transition(
                "propose_resumption", ("RESUMPTION_REQUESTED",), "RESUMPTION_PENDING_APPROVAL", INSPECTORS,
                "審查合格，擬同意復工（陳核）", "Improvements verified: propose approval (sign-off)",
                fields=(REVIEW_METHOD, FieldSpec("note", "審查意見", "Review note", kind="textarea")),
                guards=(_has_request,), effects=_order_mirrored("RESUMPTION_PENDING_APPROVAL", _propose_resumption),
            ),
            Transition(
                "return_resumption", ("RESUMPTION_REQUESTED",), "IN_FORCE", INSPECTORS, "退回復工申請",
                "Send the request back", fields=(REVIEW_METHOD, FieldSpec("reason", "退回理由", "Reasons", kind="textarea")),
                guards=(_has_request,), effects=_order_mirrored("IN_FORCE", _return_resumption), notify_parties=True,
                public_note_zh="復工申請經審查未符合，請依退回理由改善後再申請。",
                public_note_en="The request was sent back; make the improvements given and apply again.",
            ),
            Transition("lift", ("RESUMPTION_PENDING_APPROVAL",), "LIFTED", frozenset(), "核准復工", "Resumption approved",
                       effects=_order_mirrored("LIFTED", _lift), notify_parties=True,
                       public_note_zh="復工申請已核准，停工令解除。", public_note_en="Resumption approved: the order is lifted."),
            Transition("signoff_returned", ("RESUMPTION_PENDING_APPROVAL",), "RESUMPTION_REQUESTED", frozenset(),
                       "陳核退回", "Sign-off returned", effects=_order_mirrored("RESUMPTION_REQUESTED", _signoff_returned)),
        ),
    )
)

case_services.SIGNOFF_OUTCOMES[RESUMPTION_SIGNOFF] = ("lift", "signoff_returned")
