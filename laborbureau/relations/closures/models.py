"""Closure determinations (關廠歇業事實認定): workers ask the department to find that
their employer has closed or stopped business, the proof 積欠工資墊償基金提繳及墊償管理辦法
第8條 requires for an advance from the arrears-wage fund (勞動基準法第28條) and that
severance claims rest on (勞動基準法第11條第1款、第17條; 勞工退休金條例第12條)."""

from django.db import models

from laborbureau.cases.models import Case
from laborbureau.core.models import Employer, Establishment, Person


class Outcome(models.TextChoices):
    """The determination, in the words of 管理辦法第8條."""

    DEREGISTERED = "DEREGISTERED", "已註銷、撤銷或廢止工廠、商業或營利事業登記 Registration cancelled or revoked"
    CEASED = "CEASED", "確已終止生產、營業、倒閉或解散 Production or business has in fact ceased"
    NOT_CLOSED = "NOT_CLOSED", "不符歇業事實 Not closed"


class EvidenceKind(models.TextChoices):
    TAX_REGISTRATION = "TAX", "稅籍或營業登記狀態 Tax or business registration status"
    COMPANY_REGISTRATION = "COMPANY", "公司或商業登記狀態 Company registration status"
    UTILITIES = "UTILITIES", "水電停止供應 Utilities cut off"
    LANDLORD = "LANDLORD", "出租人或管理單位說明 Landlord's or building manager's statement"
    INVOICES = "INVOICES", "統一發票領用或申報情形 Invoice use and tax returns"
    INSURANCE = "INSURANCE", "勞工保險退保情形 Labor insurance withdrawals"
    OTHER = "OTHER", "其他 Other"


class ClosureDetermination(models.Model):
    """The domain record of a closure-determination case. One per employer while open:
    a second worker joins the open case (管理辦法第10條第2項: the workers of one
    employer apply together)."""

    case = models.OneToOneField(Case, on_delete=models.PROTECT, primary_key=True, related_name="closure")
    employer = models.ForeignKey(Employer, on_delete=models.PROTECT, related_name="closure_determinations")
    establishment = models.ForeignKey(Establishment, null=True, blank=True, on_delete=models.PROTECT)  # a branch (第8條第2項)
    claimed_since = models.DateField(null=True, blank=True)  # when the applicants say it stopped
    mediation_reference = models.CharField(max_length=40, blank=True)  # 勞資爭議調解案號 (注意事項第2點)
    visit_date = models.DateField(null=True, blank=True)
    visit_findings = models.TextField(blank=True)
    outcome = models.CharField(max_length=12, choices=Outcome.choices, blank=True)
    closed_since = models.DateField(null=True, blank=True)
    reasons = models.TextField(blank=True)


class ClosureApplicant(models.Model):
    """A worker who applied (or joined the application)."""

    determination = models.ForeignKey(ClosureDetermination, on_delete=models.CASCADE, related_name="applicants")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="closure_applications")
    statement = models.TextField()
    still_owed = models.BooleanField(default=True)  # wages, retirement or severance still unpaid (第8條第1項)
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["joined_at", "id"]
        constraints = [models.UniqueConstraint(fields=["determination", "person"], name="one_application_per_worker")]


class Evidence(models.Model):
    """A piece of evidence the officer recorded (documents as case attachments)."""

    determination = models.ForeignKey(ClosureDetermination, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(max_length=10, choices=EvidenceKind.choices)
    observed_on = models.DateField()
    note = models.TextField()
    supports_closure = models.BooleanField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["observed_on", "id"]
