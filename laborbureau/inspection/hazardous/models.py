"""Type D hazardous-workplace reviews (丁類危險性工作場所審查, 勞動檢查法第26條第1項第6款,
危險性工作場所審查及檢查辦法): the employer's application for a construction project, the
inspector's document review and site check, supplements asked for, and the decision."""

from django.db import models
from django.db.models import Q

from laborbureau.cases import workflows
from laborbureau.cases.models import Case
from laborbureau.core.i18n import pick
from laborbureau.core.models import Employer, Establishment, User
from laborbureau.inspection.inspections.models import ConstructionProject

CASE_TYPE = "hazardous_workplace_review"

# The documents the employer files (辦法 丁類: 申請書、工程概要、安全衛生管理計畫、
# 施工安全評估報告書 …); each filed document is a case attachment tagged with its kind.
DOCUMENT_KINDS = (
    ("SAFETY_ASSESSMENT", "施工安全評估報告書 Construction safety assessment report"),
    ("PROJECT_OUTLINE", "工程概要 Project outline"),
    ("SAFETY_PLAN", "安全衛生管理計畫 Safety and health management plan"),
    ("OTHER", "其他 Other"),
)


class ReviewStatus(models.TextChoices):
    SUBMITTED = "SUBMITTED", "審查中 Under review"
    SUPPLEMENT_REQUESTED = "SUPPLEMENT_REQUESTED", "補正中 Supplement requested"
    PENDING_APPROVAL = "PENDING_APPROVAL", "審查合格陳核中 Approval awaiting sign-off"
    APPROVED = "APPROVED", "審查合格 Approved"
    REFUSED = "REFUSED", "審查不合格 Refused"


class TypeDReview(models.Model):
    """The domain record of a 丁類 review case (type HWR). `status` mirrors the case's,
    written only by the workflow's effects. The measures are the employer's statement,
    checked against 辦法第2條第4款 (rules.hazardous_workplaces) when it applies."""

    case = models.OneToOneField(Case, on_delete=models.PROTECT, primary_key=True, related_name="type_d_review")
    employer = models.ForeignKey(Employer, on_delete=models.PROTECT, related_name="type_d_reviews")
    establishment = models.ForeignKey(Establishment, on_delete=models.PROTECT, related_name="type_d_reviews")
    project = models.ForeignKey(ConstructionProject, on_delete=models.PROTECT, related_name="type_d_reviews")
    status = models.CharField(max_length=24, choices=ReviewStatus.choices)
    work_starts_on = models.DateField()  # the day workers are to start at the site
    building_height_m = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    bridge_span_m = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    bridge_multi_span = models.BooleanField(default=False)
    compressed_air = models.BooleanField(default=False)
    tunnel_length_m = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    shaft_depth_m = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    excavation_depth_m = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    excavation_area_m2 = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)
    formwork_height_m = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    formwork_area_m2 = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)
    criteria = models.JSONField(default=list)  # the 第2條第4款 items met, from the rule
    documents = models.JSONField(default=list)  # [{"kind", "attachment_id", "name"}]
    submitted_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    submitted_at = models.DateTimeField()
    inspector = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    site_checked_on = models.DateField(null=True, blank=True)
    review_note = models.TextField(blank=True)
    supplement_request = models.TextField(blank=True)  # what the inspector last asked for
    refusal_reason = models.TextField(blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    follow_up_number = models.CharField(max_length=40, blank=True)  # the HAZARDOUS_WORKPLACE inspection

    class Meta:
        indexes = [models.Index(fields=["status", "submitted_at"], name="typed_review_queue"),
                   models.Index(fields=["employer", "-submitted_at"], name="typed_review_employer")]
        constraints = [
            # One live review per project: a refused project may apply again.
            models.UniqueConstraint(fields=["project"], condition=~Q(status="REFUSED"),
                                    name="typed_review_one_live_per_project"),
        ]

    @property
    def status_label(self) -> str:
        try:
            return pick(*(lambda s: (s.label_zh, s.label_en))(workflows.get(CASE_TYPE).state(self.status)))
        except KeyError:
            return self.status

    @property
    def public_status_label(self) -> str:
        """The status in the employer's words: the workflow's public label where it has one
        (an approval awaiting the chief's sign-off is still "under review" to the employer,
        as on the portal's case page: the chief may return it)."""
        try:
            state = workflows.get(CASE_TYPE).state(self.status)
        except KeyError:
            return self.status
        return pick(state.label_public_zh or state.label_zh, state.label_public_en or state.label_en)
