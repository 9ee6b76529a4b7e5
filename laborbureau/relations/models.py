"""Labor relations (勞資關係): the labor-standards complaint (勞動條件申訴) is the first
case type on the engine; disputes, mediation and mass layoffs follow (issue 4)."""

from django.db import models

from laborbureau.cases.models import Case
from laborbureau.core.models import Employer, Establishment, Person


class ComplaintCategory(models.TextChoices):
    UNPAID_WAGES = "UNPAID_WAGES", "積欠工資 Unpaid wages"
    OVERTIME_PAY = "OVERTIME_PAY", "加班費 Overtime pay"
    WORKING_HOURS = "WORKING_HOURS", "工時超時 Working hours"
    LEAVE = "LEAVE", "休假或請假 Leave and days off"
    MINIMUM_WAGE = "MINIMUM_WAGE", "低於基本工資 Below minimum wage"
    SEVERANCE = "SEVERANCE", "資遣費 Severance pay"
    PENSION = "PENSION", "勞工退休金提繳 Pension contributions"
    INSURANCE = "INSURANCE", "勞健保 Labor and health insurance"
    DISMISSAL = "DISMISSAL", "違法解僱 Unlawful dismissal"
    OTHER = "OTHER", "其他 Other"


class LaborStandardsComplaint(models.Model):
    """The domain record of a labor-standards complaint (勞動基準法第74條).

    The complainant's identity is confidential (第74條第6項, 勞動基準法檢舉案件保密及
    處理辦法): nothing sent to the employer may identify them unless they consent.
    """

    case = models.OneToOneField(Case, on_delete=models.PROTECT, primary_key=True, related_name="complaint")
    complainant = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="complaints")
    employer = models.ForeignKey(Employer, on_delete=models.PROTECT, related_name="complaints")
    establishment = models.ForeignKey(Establishment, null=True, blank=True, on_delete=models.PROTECT)
    categories = models.JSONField()  # list of ComplaintCategory values
    description = models.TextField()
    still_employed = models.BooleanField()
    identity_disclosure_consent = models.BooleanField(default=False)
    # Findings (調查結果), recorded by the officer.
    findings = models.TextField(blank=True)
    violation_found = models.BooleanField(null=True)
    # The fine proposed for sign-off, then the fine issued (fines ledger number).
    proposed_violated_article = models.CharField(max_length=100, blank=True)  # e.g. 勞動基準法第24條
    proposed_law_code = models.CharField(max_length=20, blank=True)
    proposed_article = models.CharField(max_length=60, blank=True)
    proposed_violation_date = models.DateField(null=True, blank=True)
    proposed_amount = models.PositiveIntegerField(null=True, blank=True)
    fine_number = models.CharField(max_length=40, blank=True)
    outcome_summary = models.TextField(blank=True)
