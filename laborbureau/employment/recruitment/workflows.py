"""The workflows of the Employment Services Office's foreign-worker and separation cases.
All three belong to ESO: the annual plan (seed 肆/陸, 「雇主申請聘僱外籍勞工國內招募」)
puts domestic recruitment and 「外籍勞工雇主轉換及承接作業」 with the employment
service office, and separation certificates are the office's unemployment work.

Domestic recruitment (國內招募, type DRC; 就業服務法第47條):

    RECRUITING --propose_certificate (period over, every referral answered and judged,
        no refusal without a proper reason, a shortfall)--> CERTIFICATE_PENDING
        --issue_certificate (sign-off approved: 求才證明書 PDF)--> CERTIFIED
        --return_certificate (returned)--> RECRUITING
    RECRUITING --propose_refusal (reasons)--> REFUSAL_PENDING
        --refuse (approved: 不予開具 decision PDF)--> REFUSED;  --return_refusal--> RECRUITING
    RECRUITING --withdraw (the employer or an officer)--> WITHDRAWN

Separation certificate help (離職證明協助開立, type SEP; 勞動基準法第19條):

    REQUESTED --take--> CONTACTING (contacts with the employer recorded by the service)
    CONTACTING --employer_issued--> RESOLVED
    CONTACTING --propose_certificate (the employer refused or cannot be reached)-->
        CERTIFICATE_PENDING --issue_certificate (approved: the PDF)--> ISSUED
        --return_certificate--> CONTACTING
    REQUESTED/CONTACTING --close--> CLOSED;  --withdraw (the worker)--> WITHDRAWN

Transfer of a foreign worker (轉換雇主及承接, type FWT; 就業服務法第59條):

    AWAITING_REGISTRATION (14 days from the transfer permit) --register--> SEEKING (60 days)
    SEEKING --extend (once)--> SEEKING_EXTENDED (60 more days)
    SEEKING/SEEKING_EXTENDED --take_over (new employer, 接續聘僱證明書 PDF)--> TAKEN_OVER
    SEEKING/SEEKING_EXTENDED --depart (no new employer; leaves Taiwan)--> DEPARTED
    AWAITING_REGISTRATION --close--> CLOSED

`register` and `extend` are fired by services.worker_transfer_register / _extend
(roles empty here), which set the case's due date from the rule
(rules.foreign_worker_recruitment.transfer_period): the period runs from the day of
registration or the end of the first period, which the engine's state deadlines
(counted from the day a state is entered) cannot express.
"""

from django.utils import timezone

from laborbureau.cases import services as case_services
from laborbureau.cases.access import PARTY
from laborbureau.cases.models import Case
from laborbureau.cases.workflows import Deadline, FieldSpec, State, Transition, Workflow, register
from laborbureau.core.errors import ApplicationError
from laborbureau.core.models import Role
from laborbureau.employment.recruitment import certificates, panels
from laborbureau.employment.recruitment.models import Verification

UNIT = "ESO"
OFFICERS = frozenset({Role.CASE_OFFICER, Role.SECTION_CHIEF})
SIGNOFF_CHAIN = [Role.SECTION_CHIEF]

RECRUITMENT_CASE_TYPE = "domestic_recruitment"
SEPARATION_CASE_TYPE = "separation_certificate"
TRANSFER_CASE_TYPE = "worker_transfer"

CERTIFICATE_SUBJECT = "recruitment_certificate"
REFUSAL_SUBJECT = "recruitment_refusal"
SEPARATION_SUBJECT = "separation_certificate"

REASON = FieldSpec("reason", "理由", "Reasons", kind="textarea")
NOTE = FieldSpec("note", "說明", "Remarks", kind="textarea", required=False)


def _take_case(case, actor, data):
    if case.assignee_id is None and actor is not None:
        Case.objects.filter(pk=case.pk).update(assignee=actor)
        case.assignee = actor


# --- domestic recruitment ------------------------------------------------------------------


def _recruitment(case):
    from laborbureau.employment.recruitment.models import DomesticRecruitment

    return (DomesticRecruitment.objects.select_for_update(of=("self",))
            .select_related("employer", "vacancy", "vacancy__occupation").get(case=case))


def _certificate_ready(case, actor, data):
    from laborbureau.employment.recruitment import selectors

    assessment = selectors.recruitment_assess(_recruitment(case), timezone.localdate())
    if assessment.blockers:
        zh, en = assessment.blockers[0]
        return (f"尚不能開具求才證明書：{zh}", f"The certificate cannot be issued yet: {en}")
    return None


def _request_certificate_signoff(case, actor, data):
    from laborbureau.employment.recruitment import selectors

    recruitment = _recruitment(case)
    assessment = selectors.recruitment_assess(recruitment, timezone.localdate())
    case_services.signoff_request(
        case=case, actor=actor, subject=CERTIFICATE_SUBJECT,
        summary=f"開具求才證明書：{recruitment.employer.name}，招募本國勞工不足額 {assessment.shortfall} 人",
        payload={"hired": assessment.hired, "shortfall": assessment.shortfall}, chain=list(SIGNOFF_CHAIN),
    )


def _issue_recruitment_certificate(case, actor, data):
    from laborbureau.employment.recruitment import selectors

    recruitment = _recruitment(case)
    assessment = selectors.recruitment_assess(recruitment, timezone.localdate())
    if assessment.blockers:
        # Something changed since the proposal (e.g. a late referral awaits its outcome):
        # the approval fails and nothing is issued; the chief returns it instead.
        zh, en = assessment.blockers[0]
        raise ApplicationError(f"陳核後情形已變動，請退回重新陳核：{zh}", f"Things changed since the proposal; return it: {en}")
    document = certificates.recruitment_certificate(case=case, recruitment=recruitment, assessment=assessment, actor=actor)
    recruitment.hired_count = assessment.hired
    recruitment.shortfall = assessment.shortfall
    recruitment.certificate_code = document.code
    recruitment.decided_on = timezone.localdate()
    recruitment.save(update_fields=["hired_count", "shortfall", "certificate_code", "decided_on"])


def _refusal_allowed(case, actor, data):
    from laborbureau.employment.recruitment import selectors

    assessment = selectors.recruitment_assess(_recruitment(case), timezone.localdate())
    if not assessment.refusal_grounds:
        return ("目前沒有不予開具求才證明書的事由（招募期間未滿、推介結果待回覆或待認定，或無無正當理由拒絕之情形）。",
                "No ground for refusing the certificate yet (the period is running, outcomes or judgements are "
                "pending, or no refusal lacked a proper reason).")
    return None


def _request_refusal_signoff(case, actor, data):
    recruitment = _recruitment(case)
    recruitment.refusal_reasons = data["reason"]
    recruitment.save(update_fields=["refusal_reasons"])
    case_services.signoff_request(
        case=case, actor=actor, subject=REFUSAL_SUBJECT,
        summary=f"不予開具求才證明書：{recruitment.employer.name}", payload={"reason": data["reason"][:500]},
        chain=list(SIGNOFF_CHAIN),
    )


def _issue_refusal(case, actor, data):
    from laborbureau.employment.recruitment import selectors

    recruitment = _recruitment(case)
    assessment = selectors.recruitment_assess(recruitment, timezone.localdate())
    certificates.recruitment_refusal(case=case, recruitment=recruitment, assessment=assessment, actor=actor)
    recruitment.hired_count = assessment.hired
    recruitment.decided_on = timezone.localdate()
    recruitment.save(update_fields=["hired_count", "decided_on"])


def _withdraw_vacancy(case, actor, data):
    from laborbureau.employment import services as employment_services
    from laborbureau.employment.models import OPEN_VACANCY

    recruitment = _recruitment(case)
    if recruitment.vacancy.status in OPEN_VACANCY:
        employment_services.vacancy_transition(vacancy=recruitment.vacancy, action="withdraw", actor=None,
                                               note="國內招募撤回")


RECRUITMENT_WORKFLOW = register(
    Workflow(
        case_type=RECRUITMENT_CASE_TYPE,
        type_code="DRC",
        unit_code=UNIT,
        name_zh="雇主聘僱外國人國內招募",
        name_en="Domestic recruitment before hiring foreign workers",
        initial="RECRUITING",
        open_roles=OFFICERS,
        portal_party_roles=frozenset({"EMPLOYER"}),
        staff_panel=panels.recruitment_staff_panel,
        portal_panel=panels.recruitment_portal_panel,
        states=(
            State("RECRUITING", "國內招募中", "Recruiting locally"),
            State("CERTIFICATE_PENDING", "求才證明書陳核中", "Certificate awaiting approval",
                  label_public_zh="審核中", label_public_en="Under review"),
            State("REFUSAL_PENDING", "不予開具陳核中", "Refusal awaiting approval",
                  label_public_zh="審核中", label_public_en="Under review"),
            State("CERTIFIED", "已開具求才證明書", "Recruitment certificate issued", terminal=True),
            State("REFUSED", "不予開具求才證明書", "Certificate refused", terminal=True),
            State("WITHDRAWN", "已撤回", "Withdrawn", terminal=True),
        ),
        transitions=(
            Transition("propose_certificate", ("RECRUITING",), "CERTIFICATE_PENDING", OFFICERS,
                       "擬開具求才證明書（陳核）", "Propose the certificate (for approval)", fields=(NOTE,),
                       guards=(_certificate_ready,), effects=(_take_case, _request_certificate_signoff)),
            Transition("issue_certificate", ("CERTIFICATE_PENDING",), "CERTIFIED", frozenset(), "開具求才證明書",
                       "Issue the certificate", effects=(_issue_recruitment_certificate,), notify_parties=True,
                       public_note_zh="本處已開具求才證明書，請於線上服務下載，據以向勞動部申請聘僱外國人。",
                       public_note_en="The recruitment certificate is issued; download it online."),
            Transition("return_certificate", ("CERTIFICATE_PENDING",), "RECRUITING", frozenset(), "退回", "Returned"),
            Transition("propose_refusal", ("RECRUITING",), "REFUSAL_PENDING", OFFICERS,
                       "擬不予開具求才證明書（陳核）", "Propose refusing the certificate (for approval)",
                       fields=(REASON,), guards=(_refusal_allowed,), effects=(_take_case, _request_refusal_signoff)),
            Transition("refuse", ("REFUSAL_PENDING",), "REFUSED", frozenset(), "不予開具求才證明書",
                       "Refuse the certificate", effects=(_issue_refusal,), notify_parties=True,
                       public_note_zh="本處不予開具求才證明書，理由詳見處分書。",
                       public_note_en="The certificate is refused; the decision gives the reasons."),
            Transition("return_refusal", ("REFUSAL_PENDING",), "RECRUITING", frozenset(), "退回", "Returned"),
            Transition("withdraw", ("RECRUITING",), "WITHDRAWN", frozenset({PARTY, *OFFICERS}), "撤回國內招募",
                       "Withdraw the recruitment", fields=(FieldSpec("reason", "撤回理由", "Reason", kind="textarea"),),
                       effects=(_withdraw_vacancy,), notify_parties=True, party_roles=frozenset({"EMPLOYER"})),
        ),
    )
)


# --- separation certificates ---------------------------------------------------------------


def _separation(case):
    from laborbureau.employment.recruitment.models import SeparationCertificateRequest

    return (SeparationCertificateRequest.objects.select_for_update(of=("self",))
            .select_related("worker", "employer").get(case=case))


def _employer_did_not_issue(case, actor, data):
    request = _separation(case)
    last = request.contacts.order_by("-contacted_on", "-pk").first()
    if last is None:
        return ("請先登錄與雇主聯繫的結果：協助開立須雇主拒絕開立或無法聯繫。",
                "Record the contact with the employer first: the service helps only when the employer refuses "
                "or cannot be reached.")
    if last.result == "WILL_ISSUE":
        return ("最近一次聯繫時雇主同意開立，請待雇主開立或再次聯繫。",
                "At the last contact the employer agreed to issue it; wait for it or contact them again.")
    return None


def _request_separation_signoff(case, actor, data):
    request = _separation(case)
    request.verification = data["verification"]
    request.verification_note = data["verification_note"]
    request.save(update_fields=["verification", "verification_note"])
    case_services.signoff_request(
        case=case, actor=actor, subject=SEPARATION_SUBJECT, summary=f"協助開立離職證明書：{request.employer.name}",
        payload={"ground": request.ground, "verification": request.verification}, chain=list(SIGNOFF_CHAIN),
    )


def _issue_separation_certificate(case, actor, data):
    request = _separation(case)
    document = certificates.separation_certificate(case=case, request=request, actor=actor)
    request.certificate_code = document.code
    request.save(update_fields=["certificate_code"])


SEPARATION_WORKFLOW = register(
    Workflow(
        case_type=SEPARATION_CASE_TYPE,
        type_code="SEP",
        unit_code=UNIT,
        name_zh="協助開立離職證明",
        name_en="Help with a separation certificate",
        initial="REQUESTED",
        open_roles=OFFICERS,
        portal_party_roles=frozenset({"APPLICANT", "EMPLOYER"}),
        staff_panel=panels.separation_staff_panel,
        portal_panel=panels.separation_portal_panel,
        states=(
            State("REQUESTED", "已收件", "Received"),
            State("CONTACTING", "聯繫雇主中", "Contacting the employer"),
            State("CERTIFICATE_PENDING", "證明書陳核中", "Certificate awaiting approval",
                  label_public_zh="審核中", label_public_en="Under review"),
            State("ISSUED", "已協助開立離職證明", "Certificate issued by the service", terminal=True),
            State("RESOLVED", "雇主已自行開立", "The employer issued it", terminal=True),
            State("CLOSED", "已結案", "Closed", terminal=True),
            State("WITHDRAWN", "已撤回", "Withdrawn", terminal=True),
        ),
        transitions=(
            Transition("take", ("REQUESTED",), "CONTACTING", OFFICERS, "受理並聯繫雇主", "Take and contact the employer",
                       effects=(_take_case,), notify_parties=True,
                       public_note_zh="本處已受理，將聯繫雇主開立離職證明。",
                       public_note_en="Taken: the service will contact the employer."),
            Transition("employer_issued", ("CONTACTING",), "RESOLVED", OFFICERS, "雇主已開立，結案",
                       "The employer issued it: close", fields=(NOTE,), notify_parties=True),
            Transition("propose_certificate", ("CONTACTING",), "CERTIFICATE_PENDING", OFFICERS,
                       "擬協助開立離職證明（陳核）", "Propose issuing the certificate (for approval)",
                       fields=(FieldSpec("verification", "離職事由查證依據", "How the separation was verified",
                                         kind="choice", choices=tuple(Verification.choices)),
                               FieldSpec("verification_note", "查證情形（如通報、調解案號）",
                                         "What was checked (notice, mediation number…)", kind="textarea")),
                       guards=(_employer_did_not_issue,), effects=(_request_separation_signoff,)),
            Transition("issue_certificate", ("CERTIFICATE_PENDING",), "ISSUED", frozenset(), "開具離職證明",
                       "Issue the certificate", effects=(_issue_separation_certificate,), notify_parties=True,
                       public_note_zh="本處已協助開立離職證明，請於線上服務下載。",
                       public_note_en="The certificate is issued; download it online."),
            Transition("return_certificate", ("CERTIFICATE_PENDING",), "CONTACTING", frozenset(), "退回", "Returned"),
            Transition("close", ("REQUESTED", "CONTACTING"), "CLOSED", OFFICERS, "結案", "Close", fields=(REASON,),
                       notify_parties=True),
            Transition("withdraw", ("REQUESTED", "CONTACTING"), "WITHDRAWN", frozenset({PARTY}), "撤回申請",
                       "Withdraw the request", fields=(FieldSpec("reason", "撤回理由", "Reason", kind="textarea"),),
                       notify_parties=True, party_roles=frozenset({"APPLICANT"})),
        ),
    )
)


# --- transfers of foreign workers -------------------------------------------------------------

TRANSFER_BASIS = "外國人受聘僱從事就業服務法第四十六條第一項第八款至第十一款規定工作之轉換雇主或工作程序準則"


def _transfer(case):
    from laborbureau.employment.recruitment.models import WorkerTransfer

    return (WorkerTransfer.objects.select_for_update(of=("self",))
            .select_related("worker", "original_employer").get(case=case))


def _take_over(case, actor, data):
    from laborbureau.employment.recruitment import services

    services.transfer_take_over_apply(case=case, transfer=_transfer(case), actor=actor, data=data)


def _not_future(name, label_zh, label_en):
    def guard(case, actor, data):
        if data.get(name) and data[name] > timezone.localdate():
            return (f"{label_zh}不可晚於今天。", f"{label_en} cannot be in the future.")
        return None

    return guard


def _save_outcome(case, actor, data):
    transfer = _transfer(case)
    transfer.outcome_note = data.get("reason") or data.get("note") or ""
    transfer.save(update_fields=["outcome_note"])


TRANSFER_WORKFLOW = register(
    Workflow(
        case_type=TRANSFER_CASE_TYPE,
        type_code="FWT",
        unit_code=UNIT,
        name_zh="外國人轉換雇主及承接",
        name_en="Foreign worker transfer and takeover",
        initial="AWAITING_REGISTRATION",
        open_roles=OFFICERS,
        portal_party_roles=frozenset({"EMPLOYER", "WORKER"}),
        staff_panel=panels.transfer_staff_panel,
        portal_panel=panels.transfer_portal_panel,
        states=(
            State("AWAITING_REGISTRATION", "待辦理轉換登記", "Awaiting the transfer registration",
                  Deadline(14, "calendar", basis=f"{TRANSFER_BASIS}（轉出函送達後十四日內登記）")),
            State("SEEKING", "轉換作業中", "Seeking a new employer",
                  Deadline(60, "calendar", basis=f"{TRANSFER_BASIS}（轉換作業期間六十日）")),
            State("SEEKING_EXTENDED", "轉換作業中（已延長）", "Seeking a new employer (extended)"),
            State("TAKEN_OVER", "已由新雇主承接", "Taken over by a new employer", terminal=True),
            State("DEPARTED", "未能轉換，出國", "Not transferred; leaves Taiwan", terminal=True),
            State("CLOSED", "已結案", "Closed", terminal=True),
        ),
        transitions=(
            Transition("register", ("AWAITING_REGISTRATION",), "SEEKING", frozenset(), "辦理轉換登記",
                       "Register for transfer", fields=(FieldSpec("registered_on", "轉換登記日", "Registered on",
                                                                  kind="date"),), notify_parties=True),
            Transition("extend", ("SEEKING",), "SEEKING_EXTENDED", frozenset(), "延長轉換期間（一次）",
                       "Extend the transfer period (once)", fields=(REASON,), notify_parties=True),
            Transition(
                "take_over", ("SEEKING", "SEEKING_EXTENDED"), "TAKEN_OVER", OFFICERS, "新雇主承接",
                "Takeover by a new employer",
                fields=(
                    FieldSpec("new_employer_name", "新雇主名稱", "New employer's name"),
                    FieldSpec("new_employer_business_id", "新雇主統一編號", "New employer's business ID"),
                    FieldSpec("agreed_on", "接續聘僱合意日", "Day the takeover was agreed", kind="date"),
                    NOTE,
                ),
                guards=(_not_future("agreed_on", "合意日", "The day agreed"),), effects=(_take_case, _take_over),
                notify_parties=True,
                public_note_zh="新雇主已承接，本處開具接續聘僱證明書；新雇主應於合意之翌日起十五日內向勞動部申請接續聘僱許可。",
                public_note_en="A new employer takes over; it applies for the permit within 15 days of the agreement.",
            ),
            Transition("depart", ("SEEKING", "SEEKING_EXTENDED"), "DEPARTED", OFFICERS, "未能轉換，辦理出國",
                       "Not transferred: departure", fields=(REASON,), effects=(_save_outcome,), notify_parties=True),
            Transition("close", ("AWAITING_REGISTRATION",), "CLOSED", OFFICERS, "結案（未辦理登記等）",
                       "Close (not registered, etc.)", fields=(REASON,), effects=(_save_outcome,),
                       notify_parties=True),
        ),
    )
)

case_services.SIGNOFF_OUTCOMES[CERTIFICATE_SUBJECT] = ("issue_certificate", "return_certificate")
case_services.SIGNOFF_OUTCOMES[REFUSAL_SUBJECT] = ("refuse", "return_refusal")
case_services.SIGNOFF_OUTCOMES[SEPARATION_SUBJECT] = ("issue_certificate", "return_certificate")
