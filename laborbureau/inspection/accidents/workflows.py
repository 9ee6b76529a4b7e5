"""The workflows of the accidents sub-app (勞動檢查處).

The accident (職業災害通報, type OAC): reported by the employer (portal, API) or recorded
by an officer from a phone report; a reportable one (職業安全衛生法第37條第2項) alerts
the duty supervisor and the on-call inspectors at once (services.accident_report). The
supervisor acknowledges and dispatches an inspector (第37條第3項: an inspector is sent to
a death or serious injury), who records arrival and findings. A report that came after
the 8 hours is fined under 第43條第2款 (NT$30,000–300,000) with the chief's and the
director's sign-off. A stop-work order (第36條) is the inspections sub-app's: the
findings name the inspection opened for it (`inspection_number`).

    REPORTED --acknowledge--> ACKNOWLEDGED --dispatch--> DISPATCHED --arrive--> ON_SITE
        --record_findings--> FINDINGS --close--> CLOSED
    REPORTED --dispatch--> DISPATCHED (acknowledged by the same act)
    FINDINGS --propose_fine--> FINE_PENDING_APPROVAL --impose_fine--> FINED --close--> CLOSED
                                                     --return_fine--> FINDINGS
    REPORTED/ACKNOWLEDGED --file_away (not reportable)--> CLOSED

The occupational disease determination (職業疾病認定, type ODD): a worker (or the
employer) asks whether a disease is occupational; the officer gathers the medical
evidence, a specialist or the committee reviews it, and the department decides — or,
where it cannot, refers it to the central authority's 職業病鑑定 (勞工職業災害保險及保護法
第75條; the central committee decides on written review by two thirds of its members,
勞工職業災害保險職業病鑑定作業實施辦法第8條).

    APPLIED --request_evidence--> EVIDENCE --record_evidence--> REVIEW
    REVIEW --record_review--> REVIEW;  REVIEW --decide--> DECIDED;  REVIEW --refer--> REFERRED
    APPLIED/EVIDENCE/REVIEW --withdraw--> WITHDRAWN
"""

from django.utils import timezone

from laborbureau.cases import services as case_services
from laborbureau.cases.access import PARTY
from laborbureau.cases.models import Case
from laborbureau.cases.workflows import FieldSpec, State, Transition, Workflow, register
from laborbureau.core.models import Role, User, UserKind
from laborbureau.fines import services as fine_services
from laborbureau.inspection.accidents import panels
from laborbureau.rules import occupational_accidents as oa

ACCIDENT_CASE_TYPE = "occupational_accident"
DISEASE_CASE_TYPE = "occupational_disease"
UNIT = "LIO"
SIGNOFF_SUBJECT = "accident_late_report_fine"
SIGNOFF_CHAIN = [Role.SECTION_CHIEF, Role.DIRECTOR]
LIO_STAFF = frozenset({Role.CASE_OFFICER, Role.INSPECTOR, Role.SECTION_CHIEF})
OFFICERS = frozenset({Role.CASE_OFFICER, Role.SECTION_CHIEF})


def _accident(case: Case):
    from laborbureau.inspection.accidents.models import Accident

    return Accident.objects.select_for_update(of=("self",)).select_related("employer").get(case=case)


def _determination(case: Case):
    from laborbureau.inspection.accidents.models import DiseaseDetermination

    return DiseaseDetermination.objects.select_for_update(of=("self",)).get(case=case)


def inspector_choices(on) -> tuple[tuple[str, str], ...]:
    """The active inspectors of the inspection office (the dispatch list)."""
    users = User.objects.filter(kind=UserKind.STAFF, is_active=True, unit__code=UNIT,
                                role__in=(Role.INSPECTOR, Role.SECTION_CHIEF)).order_by("role", "username")
    return tuple((str(user.pk), user.label) for user in users)


def _is_duty_supervisor(case, actor, data):
    from laborbureau.inspection.accidents import selectors

    if actor.role in (Role.SECTION_CHIEF, Role.DIRECTOR) or selectors.is_on_duty(actor, role="SUPERVISOR"):
        return None
    return ("只有值日主管或主管可以簽收及派員。", "Only the duty supervisor or a chief acknowledges and dispatches.")


def _acknowledge(case, actor, data):
    accident = _accident(case)
    if accident.acknowledged_at is None:
        accident.acknowledged_at = timezone.now()
        accident.acknowledged_by = actor
        accident.save(update_fields=["acknowledged_at", "acknowledged_by", "updated_at"])


def _dispatch(case, actor, data):
    from laborbureau.inspection.accidents import services

    _acknowledge(case, actor, data)
    inspector = User.objects.get(pk=int(data["inspector"]))
    accident = _accident(case)
    accident.dispatched_at = timezone.now()
    accident.dispatched_by = actor
    accident.inspector = inspector
    accident.save(update_fields=["dispatched_at", "dispatched_by", "inspector", "updated_at"])
    Case.objects.filter(pk=case.pk).update(assignee=inspector)
    case.assignee = inspector
    services.dispatch_alert(accident=accident, inspector=inspector, note=data.get("note") or "")


def _arrive(case, actor, data):
    accident = _accident(case)
    accident.arrived_at = timezone.now()
    accident.save(update_fields=["arrived_at", "updated_at"])


def _findings(case, actor, data):
    accident = _accident(case)
    accident.findings = data["findings"]
    accident.findings_at = timezone.now()
    accident.stop_work_recommended = bool(data.get("stop_work_recommended"))
    accident.inspection_number = (data.get("inspection_number") or "")[:40]
    accident.save(update_fields=["findings", "findings_at", "stop_work_recommended", "inspection_number",
                                 "updated_at"])


def _violation_date(accident):
    from laborbureau.inspection.accidents.selectors import late_report_violation_date

    return late_report_violation_date(accident)


def _fine_allowed(case, actor, data):
    accident = _accident(case)
    if not accident.late:
        return ("本案已於八小時內通報，不能依第43條處罰逾期通報。",
                "The report came within the 8 hours; there is no late report to fine.")
    fine_services.fine_amount_check(law_code=oa.FINE_LAW_CODE, article=oa.FINE_ARTICLE,
                                    violation_date=_violation_date(accident), amount=data["amount"])
    return None


def _request_fine_signoff(case, actor, data):
    from laborbureau.inspection.accidents.selectors import late_report_fine_range

    accident = _accident(case)
    accident.proposed_amount = data["amount"]
    accident.save(update_fields=["proposed_amount", "updated_at"])
    found = late_report_fine_range(accident)
    # The chief and the director see the caution too (a pending amendment of 第43條).
    caution = (f"；注意：第43條已於{found.amendment_promulgated.isoformat()}修正公布，施行日期待行政院令定，依修正前額度"
               if found is not None and found.amendment_promulgated else "")
    case_services.signoff_request(
        case=case, actor=actor, subject=SIGNOFF_SUBJECT,
        summary=f"裁處 {accident.employer.name} 罰鍰 {data['amount']:,} 元（職業安全衛生法第43條第2款，逾時通報{caution}）",
        payload={"amount": data["amount"]}, chain=list(SIGNOFF_CHAIN),
    )


def _issue_fine(case, actor, data):
    accident = _accident(case)
    fine = fine_services.fine_issue(
        employer=accident.employer, unit=case.unit, law_code=oa.FINE_LAW_CODE, article=oa.FINE_ARTICLE,
        violation_date=_violation_date(accident), amount=accident.proposed_amount, decided_on=timezone.localdate(),
        actor=actor, case=case, violated_article=oa.VIOLATED_ARTICLE,
    )
    accident.fine_number = fine.number
    accident.save(update_fields=["fine_number", "updated_at"])


def _not_reportable(case, actor, data):
    if _accident(case).reportable:
        return ("應於八小時內通報之職業災害須派員檢查，不能逕行存查。",
                "A reportable accident is inspected; it cannot be filed away.")
    return None


NOTE = FieldSpec("note", "說明", "Note", kind="textarea", required=False)

ACCIDENT_WORKFLOW = register(
    Workflow(
        case_type=ACCIDENT_CASE_TYPE,
        type_code="OAC",
        unit_code=UNIT,
        name_zh="職業災害通報",
        name_en="Occupational accident report",
        initial="REPORTED",
        open_roles=LIO_STAFF,
        portal_party_roles=frozenset({"EMPLOYER"}),
        staff_panel=panels.accident_staff_panel,
        portal_panel=panels.accident_portal_panel,
        states=(
            State("REPORTED", "已通報，待簽收", "Reported; awaiting acknowledgement"),
            State("ACKNOWLEDGED", "主管已簽收，待派員", "Acknowledged; awaiting dispatch"),
            State("DISPATCHED", "已派員前往", "Inspector on the way"),
            State("ON_SITE", "檢查員已到場", "Inspector on site"),
            State("FINDINGS", "已登錄檢查結果", "Findings recorded"),
            State("FINE_PENDING_APPROVAL", "逾時通報裁罰陳核中", "Late-report fine awaiting approval"),
            State("FINED", "已裁處罰鍰", "Fine imposed"),
            State("CLOSED", "已結案", "Closed", terminal=True),
        ),
        transitions=(
            Transition("acknowledge", ("REPORTED",), "ACKNOWLEDGED", LIO_STAFF, "簽收通報", "Acknowledge",
                       fields=(NOTE,), guards=(_is_duty_supervisor,), effects=(_acknowledge,)),
            Transition(
                "dispatch", ("REPORTED", "ACKNOWLEDGED"), "DISPATCHED", LIO_STAFF, "派員檢查", "Dispatch an inspector",
                fields=(FieldSpec("inspector", "派遣檢查員", "Inspector", kind="choice", choices=inspector_choices), NOTE),
                guards=(_is_duty_supervisor,), effects=(_dispatch,), notify_parties=True,
                public_note_zh="勞動檢查處已派員前往現場檢查（職業安全衛生法第37條第3項）；除必要之急救、搶救外，請勿移動或破壞現場（同條第4項）。",
                public_note_en="An inspector is on the way (OSH Act art. 37(3)); do not move or disturb the scene except for rescue (art. 37(4)).",
            ),
            Transition("arrive", ("DISPATCHED",), "ON_SITE", frozenset({Role.INSPECTOR, Role.SECTION_CHIEF}),
                       "到達現場", "Arrived on site", fields=(NOTE,), effects=(_arrive,), assignee_only=True),
            Transition(
                "record_findings", ("ON_SITE",), "FINDINGS", frozenset({Role.INSPECTOR, Role.SECTION_CHIEF}),
                "登錄檢查結果", "Record findings",
                fields=(
                    FieldSpec("findings", "檢查結果及災害原因", "Findings and causes", kind="textarea"),
                    FieldSpec("stop_work_recommended", "建議停工（職業安全衛生法第36條）", "Stop-work recommended (art. 36)",
                              kind="bool", required=False),
                    FieldSpec("inspection_number", "相關檢查／停工案號", "Related inspection or stop-work case",
                              required=False),
                ),
                effects=(_findings,), assignee_only=True,
            ),
            Transition(
                "propose_fine", ("FINDINGS",), "FINE_PENDING_APPROVAL", OFFICERS | {Role.INSPECTOR},
                "逾時通報擬處罰鍰（陳核）", "Propose a late-report fine (for approval)",
                fields=(FieldSpec("amount", "罰鍰金額（新臺幣元；法定額度見本案說明）", "Amount (NTD; the range is shown above)",
                                  kind="int"),),
                guards=(_fine_allowed,), effects=(_request_fine_signoff,),
            ),
            Transition("impose_fine", ("FINE_PENDING_APPROVAL",), "FINED", frozenset(), "裁處罰鍰", "Impose the fine",
                       effects=(_issue_fine,)),
            Transition("return_fine", ("FINE_PENDING_APPROVAL",), "FINDINGS", frozenset(), "退回補正", "Returned"),
            Transition("close", ("FINDINGS", "FINED"), "CLOSED", LIO_STAFF, "結案", "Close",
                       fields=(FieldSpec("note", "結案說明", "Closing note", kind="textarea"),), notify_parties=True),
            Transition("file_away", ("REPORTED", "ACKNOWLEDGED"), "CLOSED", LIO_STAFF, "非屬應通報災害，存查",
                       "Not reportable: file away", fields=(FieldSpec("note", "理由", "Reason", kind="textarea"),),
                       guards=(_not_reportable,)),
        ),
    )
)

case_services.SIGNOFF_OUTCOMES[SIGNOFF_SUBJECT] = ("impose_fine", "return_fine")


# --- occupational disease determination --------------------------------------------------


def _save(field: str, data_key: str):
    def effect(case, actor, data):
        determination = _determination(case)
        setattr(determination, field, data[data_key])
        determination.save(update_fields=[field])

    return effect


def _decide(case, actor, data):
    determination = _determination(case)
    determination.recognised = data["recognised"] == "yes"
    determination.decision_reason = data["decision_reason"]
    determination.decided_on = timezone.localdate()
    determination.save(update_fields=["recognised", "decision_reason", "decided_on"])


def _refer(case, actor, data):
    determination = _determination(case)
    determination.referred_on = timezone.localdate()
    determination.save(update_fields=["referred_on"])


DISEASE_WORKFLOW = register(
    Workflow(
        case_type=DISEASE_CASE_TYPE,
        type_code="ODD",
        unit_code=UNIT,
        name_zh="職業疾病認定",
        name_en="Occupational disease determination",
        initial="APPLIED",
        open_roles=OFFICERS,
        portal_party_roles=frozenset({"APPLICANT"}),
        staff_panel=panels.disease_panel,
        portal_panel=panels.disease_panel,
        states=(
            State("APPLIED", "已收件", "Application received"),
            State("EVIDENCE", "補充醫學證據中", "Gathering medical evidence"),
            State("REVIEW", "專科醫師／委員會審查中", "Specialist or committee review"),
            State("DECIDED", "已作成認定", "Decided", terminal=True),
            State("REFERRED", "已送中央主管機關鑑定", "Referred to the central authority", terminal=True),
            State("WITHDRAWN", "已撤回", "Withdrawn", terminal=True),
        ),
        transitions=(
            Transition("request_evidence", ("APPLIED",), "EVIDENCE", OFFICERS, "通知補充醫學證據",
                       "Ask for medical evidence", fields=(FieldSpec("note", "應補資料", "What is needed", kind="textarea"),),
                       notify_parties=True),
            Transition("record_evidence", ("APPLIED", "EVIDENCE"), "REVIEW", OFFICERS, "登錄醫學證據，送審查",
                       "Record the evidence; send to review",
                       fields=(FieldSpec("evidence_summary", "醫學證據摘要（診斷書、作業環境、暴露資料）",
                                         "Evidence (diagnosis, workplace, exposure)", kind="textarea"),),
                       effects=(_save("evidence_summary", "evidence_summary"),)),
            Transition("record_review", ("REVIEW",), "REVIEW", OFFICERS, "登錄專科醫師或委員會意見",
                       "Record the specialist's or committee's opinion",
                       fields=(FieldSpec("review_opinion", "審查意見", "Opinion", kind="textarea"),),
                       effects=(_save("review_opinion", "review_opinion"),)),
            Transition(
                "decide", ("REVIEW",), "DECIDED", OFFICERS, "作成認定", "Decide",
                fields=(FieldSpec("recognised", "是否認定為職業疾病", "Occupational disease?", kind="choice",
                                  choices=(("yes", "是 Yes"), ("no", "否 No"))),
                        FieldSpec("decision_reason", "理由", "Reasons", kind="textarea")),
                effects=(_decide,), notify_parties=True,
            ),
            Transition("refer", ("REVIEW",), "REFERRED", OFFICERS, "送中央主管機關職業病鑑定",
                       "Refer to the central authority's determination",
                       fields=(FieldSpec("note", "認定困難之理由", "Why it cannot be decided here", kind="textarea"),),
                       effects=(_refer,), notify_parties=True),
            Transition("withdraw", ("APPLIED", "EVIDENCE", "REVIEW"), "WITHDRAWN", frozenset({PARTY, *OFFICERS}),
                       "撤回申請", "Withdraw", fields=(FieldSpec("note", "理由", "Reason", kind="textarea"),),
                       notify_parties=True),
        ),
    )
)
