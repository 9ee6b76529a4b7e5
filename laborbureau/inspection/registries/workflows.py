"""The workflow of the office's registrations (勞動檢查處登錄／認可申請, type OSR): one
shared workflow, the registry in the record's `kind` (site self-management certification,
training unit, health-check medical institution, safety and health personnel).

The applicant (an employer account: the builder, the training unit, the institution, or
the employer reporting its personnel) applies on the portal; an officer reviews; the
decision — to register, to refuse, or later to revoke — is an administrative act
(行政程序法第92條) and is signed off by the section chief; each issues its PDF.

    APPLIED --request_supplement--> SUPPLEMENT --resubmit (the applicant)--> APPLIED
    APPLIED --review--> REVIEWED
    REVIEWED --propose_approval--> APPROVAL_PENDING --approve (signed off: certificate,
        validity from rules.osh_registrations)--> APPROVED;  --return_approval--> REVIEWED
    REVIEWED --propose_refusal (reasons)--> REFUSAL_PENDING --refuse (decision PDF)--> REFUSED
        --return_refusal--> REVIEWED
    APPROVED --propose_revocation (reasons; e.g. an audit's REVOKE result)--> REVOCATION_PENDING
        --revoke (decision PDF)--> REVOKED;  --return_revocation--> APPROVED
    APPLIED/SUPPLEMENT/REVIEWED --withdraw--> WITHDRAWN
"""

from django.utils import timezone

from laborbureau.cases import services as case_services
from laborbureau.cases.access import PARTY
from laborbureau.cases.workflows import Deadline, FieldSpec, State, Transition, Workflow, register
from laborbureau.core.models import Role
from laborbureau.inspection.registries import certificates, panels
from laborbureau.rules import osh_registrations as rule

CASE_TYPE = "osh_registration"
UNIT = "LIO"
OFFICERS = frozenset({Role.CASE_OFFICER, Role.INSPECTOR, Role.SECTION_CHIEF})
SIGNOFF_CHAIN = [Role.SECTION_CHIEF]
APPROVAL_SUBJECT = "osh_registration_approval"
REFUSAL_SUBJECT = "osh_registration_refusal"
REVOCATION_SUBJECT = "osh_registration_revocation"

NOTE = FieldSpec("note", "說明", "Remarks", kind="textarea", required=False)
REASON = FieldSpec("reason", "理由", "Reasons", kind="textarea")


def _registration(case):
    from laborbureau.inspection.registries.models import Registration

    return Registration.objects.select_for_update(of=("self",)).select_related("employer").get(case=case)


def _label(registration) -> str:
    return f"{registration.get_kind_display().split(' ')[0]}：{registration.name}"


def _review(case, actor, data):
    registration = _registration(case)
    registration.review_opinion = data["review_opinion"]
    registration.save(update_fields=["review_opinion", "updated_at"])
    if case.assignee_id is None:
        type(case).objects.filter(pk=case.pk).update(assignee=actor)
        case.assignee = actor


def _signoff(subject: str, verb: str, reason_field: str | None = None):
    def effect(case, actor, data):
        registration = _registration(case)
        if reason_field:
            setattr(registration, reason_field, data["reason"])
            registration.save(update_fields=[reason_field, "updated_at"])
        case_services.signoff_request(case=case, actor=actor, subject=subject, summary=f"{verb}{_label(registration)}",
                                      payload={"kind": registration.kind, "reason": (data.get("reason") or "")[:500]},
                                      chain=list(SIGNOFF_CHAIN))

    return effect


def _approve(case, actor, data):
    registration = _registration(case)
    today = timezone.localdate()
    registration.decision = "APPROVED"
    registration.decided_on = today
    registration.valid_from = today
    registration.valid_until = rule.valid_until(registration.kind, today)
    document = certificates.registration_certificate(case=case, registration=registration, actor=actor)
    registration.certificate_code = document.code
    registration.save(update_fields=["decision", "decided_on", "valid_from", "valid_until", "certificate_code",
                                     "updated_at"])


def _refuse(case, actor, data):
    registration = _registration(case)
    registration.decision = "REFUSED"
    registration.decided_on = timezone.localdate()
    document = certificates.registration_refusal(case=case, registration=registration, actor=actor)
    registration.certificate_code = document.code
    registration.save(update_fields=["decision", "decided_on", "certificate_code", "updated_at"])


def _revoke(case, actor, data):
    registration = _registration(case)
    registration.revoked_on = timezone.localdate()
    certificates.registration_revocation(case=case, registration=registration, actor=actor)
    registration.save(update_fields=["revoked_on", "updated_at"])


def _in_force(case, actor, data):
    registration = _registration(case)
    if not registration.in_force:
        return ("此登錄已屆期或已廢止，無須再廢止。", "The registration has expired or was revoked already.")
    return None


WORKFLOW = register(
    Workflow(
        case_type=CASE_TYPE,
        type_code="OSR",
        unit_code=UNIT,
        name_zh="職業安全衛生登錄／認可申請",
        name_en="OSH registration application",
        initial="APPLIED",
        open_roles=OFFICERS,
        portal_party_roles=frozenset({"APPLICANT"}),
        staff_panel=panels.registration_staff_panel,
        portal_panel=panels.registration_portal_panel,
        states=(
            # 行政程序法第51條第2項: without a set period, an application is decided within two months.
            State("APPLIED", "已收件，待審查", "Received; awaiting review",
                  deadline=Deadline(60, "calendar", "行政程序法第51條第2項", from_opening=True)),
            State("SUPPLEMENT", "待申請人補正", "Awaiting the applicant's supplement"),
            State("REVIEWED", "已審查，待決定", "Reviewed; awaiting the decision"),
            State("APPROVAL_PENDING", "核准陳核中", "Approval awaiting sign-off"),
            State("REFUSAL_PENDING", "不予核准陳核中", "Refusal awaiting sign-off"),
            State("APPROVED", "已核准登錄", "Registered"),
            State("REVOCATION_PENDING", "廢止陳核中", "Revocation awaiting sign-off"),
            State("REFUSED", "不予核准", "Refused", terminal=True),
            State("REVOKED", "已廢止登錄", "Revoked", terminal=True),
            State("WITHDRAWN", "已撤回", "Withdrawn", terminal=True),
        ),
        transitions=(
            Transition("request_supplement", ("APPLIED",), "SUPPLEMENT", OFFICERS, "通知補正", "Ask for a supplement",
                       fields=(FieldSpec("note", "應補正事項", "What is missing", kind="textarea"),),
                       notify_parties=True),
            Transition("resubmit", ("SUPPLEMENT",), "APPLIED", frozenset({PARTY}), "已補正，重新送審",
                       "Supplemented; submit again", fields=(NOTE,), party_roles=frozenset({"APPLICANT"})),
            Transition("review", ("APPLIED",), "REVIEWED", OFFICERS, "登錄審查意見", "Record the review",
                       fields=(FieldSpec("review_opinion", "審查意見（書面、現場）", "Review (papers, site)",
                                         kind="textarea"),), effects=(_review,)),
            Transition("propose_approval", ("REVIEWED",), "APPROVAL_PENDING", OFFICERS, "擬予核准（陳核）",
                       "Propose approval (for sign-off)", fields=(NOTE,),
                       effects=(_signoff(APPROVAL_SUBJECT, "核准登錄"),)),
            Transition("approve", ("APPROVAL_PENDING",), "APPROVED", frozenset(), "核准登錄", "Approved",
                       effects=(_approve,), notify_parties=True,
                       public_note_zh="已核准登錄，證明書請於案件頁下載。",
                       public_note_en="Registered; download the certificate from the case page."),
            Transition("return_approval", ("APPROVAL_PENDING",), "REVIEWED", frozenset(), "退回", "Returned"),
            Transition("propose_refusal", ("REVIEWED",), "REFUSAL_PENDING", OFFICERS, "擬不予核准（陳核）",
                       "Propose refusal (for sign-off)", fields=(REASON,),
                       effects=(_signoff(REFUSAL_SUBJECT, "不予核准", "decision_reasons"),)),
            Transition("refuse", ("REFUSAL_PENDING",), "REFUSED", frozenset(), "不予核准", "Refused",
                       effects=(_refuse,), notify_parties=True),
            Transition("return_refusal", ("REFUSAL_PENDING",), "REVIEWED", frozenset(), "退回", "Returned"),
            Transition("propose_revocation", ("APPROVED",), "REVOCATION_PENDING", OFFICERS, "擬廢止登錄（陳核）",
                       "Propose revocation (for sign-off)", fields=(REASON,), guards=(_in_force,),
                       effects=(_signoff(REVOCATION_SUBJECT, "廢止", "revocation_reasons"),)),
            Transition("revoke", ("REVOCATION_PENDING",), "REVOKED", frozenset(), "廢止登錄", "Revoked",
                       effects=(_revoke,), notify_parties=True),
            Transition("return_revocation", ("REVOCATION_PENDING",), "APPROVED", frozenset(), "退回", "Returned"),
            Transition("withdraw", ("APPLIED", "SUPPLEMENT", "REVIEWED"), "WITHDRAWN", frozenset({PARTY, *OFFICERS}),
                       "撤回申請", "Withdraw", fields=(REASON,), notify_parties=True,
                       party_roles=frozenset({"APPLICANT"})),
        ),
    )
)

case_services.SIGNOFF_OUTCOMES[APPROVAL_SUBJECT] = ("approve", "return_approval")
case_services.SIGNOFF_OUTCOMES[REFUSAL_SUBJECT] = ("refuse", "return_refusal")
case_services.SIGNOFF_OUTCOMES[REVOCATION_SUBJECT] = ("revoke", "return_revocation")
