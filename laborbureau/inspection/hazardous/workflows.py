"""The type D hazardous-workplace review (丁類危險性工作場所審查, type HWR).

勞動檢查法第26條第1項第6款: the designated construction works may not be worked in
before the labor inspection authority's review passes (breach: 第34條第1項第1款).
The employer applies on the portal 30 days before workers start, with the 施工安全評估
報告書 and the other documents; the inspector reviews the documents and checks the site,
may ask for supplements, and proposes approval, which the section chief signs off
(the review-result notice is issued and the project flagged 丁類), or refuses with
reasons.

    SUBMITTED --request_supplement--> SUPPLEMENT_REQUESTED --supplement (employer)--> SUBMITTED
    SUBMITTED --propose_approval (site check)--> PENDING_APPROVAL --approve (sign-off)--> APPROVED
    PENDING_APPROVAL --signoff_returned--> SUBMITTED;  SUBMITTED --refuse (reasons)--> REFUSED
"""

from django.utils import timezone

from laborbureau.cases import services as case_services
from laborbureau.cases.access import PARTY
from laborbureau.cases.workflows import Deadline, FieldSpec, State, Transition, Workflow, register
from laborbureau.core.models import Role
from laborbureau.inspection.hazardous import panels
from laborbureau.inspection.hazardous.models import CASE_TYPE

UNIT = "LIO"
INSPECTORS = frozenset({Role.INSPECTOR, Role.CASE_OFFICER, Role.SECTION_CHIEF})
APPROVAL_SIGNOFF = "type_d_review_approval"
APPROVAL_CHAIN = [Role.SECTION_CHIEF]
# The authority's time to answer a 丁類 application (the 辦法 gives 30 days for 丁類 as for
# 甲類; article number not re-checked against law.moj.gov.tw). Counted from receipt.
REVIEW_DAYS = 30
REVIEW_BASIS = "危險性工作場所審查及檢查辦法（丁類工作場所之審查：30日）"


def _review(case, *, lock: bool = True):
    from laborbureau.inspection.hazardous.models import TypeDReview

    queryset = TypeDReview.objects.select_for_update() if lock else TypeDReview.objects
    return queryset.select_related("employer", "establishment", "project").get(case=case)


def _mirror(target: str):
    def effect(case, actor, data):
        from laborbureau.inspection.hazardous.models import TypeDReview

        TypeDReview.objects.filter(case=case).update(status=target)

    return effect


def _site_check_valid(case, actor, data):
    checked = data.get("site_checked_on")
    review = _review(case, lock=False)
    if checked is None or checked > timezone.localdate():
        return ("現場檢查日期不可晚於今天。", "The site check cannot be in the future.")
    if checked < timezone.localtime(review.submitted_at).date():
        return ("現場檢查日期不可早於申請日。", "The site check cannot precede the application.")
    return None


def _request_supplement(case, actor, data):
    review = _review(case)
    review.supplement_request = data["reason"]
    review.inspector = review.inspector or actor
    review.save(update_fields=["supplement_request", "inspector"])


def _propose_approval(case, actor, data):
    review = _review(case)
    review.site_checked_on = data["site_checked_on"]
    review.review_note = data["note"]
    review.inspector = actor
    review.save(update_fields=["site_checked_on", "review_note", "inspector"])
    case_services.signoff_request(
        case=case, actor=actor, subject=APPROVAL_SIGNOFF,
        summary=f"丁類危險性工作場所審查合格：{review.project.name}",
        payload={"project_id": review.project_id, "site_checked_on": data["site_checked_on"].isoformat()},
        chain=list(APPROVAL_CHAIN),
    )


def _approve(case, actor, data):
    from laborbureau.inspection.hazardous import services

    services.review_approved(_review(case), actor=actor)


def _refuse(case, actor, data):
    from laborbureau.inspection.hazardous import services

    services.review_refused(_review(case), actor=actor, reason=data["reason"])


REASON = FieldSpec("reason", "理由", "Reasons", kind="textarea")

REVIEW_WORKFLOW = register(
    Workflow(
        case_type=CASE_TYPE,
        type_code="HWR",
        unit_code=UNIT,
        name_zh="丁類危險性工作場所審查",
        name_en="Type D hazardous workplace review",
        initial="SUBMITTED",
        open_roles=frozenset(),  # opened by the employer's application (services.review_apply)
        portal_party_roles=frozenset({"EMPLOYER"}),
        staff_panel=panels.review_staff_panel,
        portal_panel=panels.review_portal_panel,
        states=(
            State("SUBMITTED", "審查中", "Under review",
                  deadline=Deadline(REVIEW_DAYS, "calendar", REVIEW_BASIS, from_opening=True)),
            State("SUPPLEMENT_REQUESTED", "通知補正中", "Supplement requested"),
            State("PENDING_APPROVAL", "審查合格陳核中", "Approval awaiting sign-off",
                  label_public_zh="審查中", label_public_en="Under review"),
            State("APPROVED", "審查合格", "Approved", terminal=True),
            State("REFUSED", "審查不合格", "Refused", terminal=True),
        ),
        transitions=(
            Transition("request_supplement", ("SUBMITTED",), "SUPPLEMENT_REQUESTED", INSPECTORS, "通知補正",
                       "Ask for a supplement", fields=(REASON,),
                       effects=(_request_supplement, _mirror("SUPPLEMENT_REQUESTED")), notify_parties=True,
                       public_note_zh="審查需補正資料，請依通知內容補正。",
                       public_note_en="The review needs more documents; please supplement them."),
            Transition("supplement", ("SUPPLEMENT_REQUESTED",), "SUBMITTED", frozenset({PARTY}), "補正資料",
                       "Supplement", fields=(FieldSpec("note", "補正說明", "What was supplemented", kind="textarea"),),
                       party_roles=frozenset({"EMPLOYER"}), effects=(_mirror("SUBMITTED"),),
                       # Shown to the employer (its timeline, and a receipt): without it the public
                       # note below was never seen, and the employer's own step was missing.
                       notify_parties=True,
                       public_note_zh="已收到補正資料。", public_note_en="The supplement was received."),
            Transition("propose_approval", ("SUBMITTED",), "PENDING_APPROVAL", INSPECTORS,
                       "審查及現場檢查合格（陳核）", "Documents and site check pass: propose approval (sign-off)",
                       fields=(FieldSpec("site_checked_on", "現場檢查日期", "Site check date", kind="date"),
                               FieldSpec("note", "審查意見", "Review note", kind="textarea")),
                       guards=(_site_check_valid,), effects=(_propose_approval, _mirror("PENDING_APPROVAL"))),
            Transition("approve", ("PENDING_APPROVAL",), "APPROVED", frozenset(), "審查合格", "Approved",
                       effects=(_approve, _mirror("APPROVED")), notify_parties=True,
                       public_note_zh="審查合格，已核發審查結果通知書。",
                       public_note_en="Approved: the review-result notice was issued."),
            Transition("signoff_returned", ("PENDING_APPROVAL",), "SUBMITTED", frozenset(), "陳核退回",
                       "Sign-off returned", effects=(_mirror("SUBMITTED"),)),
            Transition("refuse", ("SUBMITTED",), "REFUSED", INSPECTORS, "審查不合格", "Refuse", fields=(REASON,),
                       effects=(_refuse, _mirror("REFUSED")), notify_parties=True,
                       public_note_zh="審查不合格，請依通知書所列理由辦理。",
                       public_note_en="Refused; see the reasons in the notice."),
        ),
    )
)

case_services.SIGNOFF_OUTCOMES[APPROVAL_SIGNOFF] = ("approve", "signoff_returned")
