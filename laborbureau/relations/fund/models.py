"""勞工權益基金 Labor Rights Fund: litigation aid for workers after a failed mediation
(seed 貳.二.<一>.7). The application runs on the case engine (type LRF, unit LR);
this app keeps the domain record, the aid items, the court milestones, the payments
and any reimbursement. Eligibility and caps: fund.eligibility."""

from django.db import models
from django.db.models import Q

from laborbureau.cases.models import Case
from laborbureau.core.models import Employer, Person, User


class DisputeKind(models.TextChoices):
    """The disputes the aid covers (勞資爭議法律及生活費用扶助辦法第3條, used for the city's rules)."""

    TERMINATION_WAGES = "TERMINATION_WAGES", "終止契約、積欠工資、資遣費或退休金 Termination, wages, severance, pension"
    OCCUPATIONAL_ACCIDENT = "OCCUPATIONAL_ACCIDENT", "職業災害未獲補償或賠償 Occupational accident"
    INSURANCE = "INSURANCE", "未加保或以多報少致受損失 Uninsured or under-declared"
    OTHER = "OTHER", "其他 Other"


class Stage(models.TextChoices):
    LABOR_MEDIATION = "LABOR_MEDIATION", "勞動調解 Court labor mediation"
    FIRST = "FIRST", "第一審 First instance"
    SECOND = "SECOND", "第二審 Appeal"
    THIRD = "THIRD", "第三審 Final appeal"
    RETRIAL = "RETRIAL", "再審 Retrial"
    ENFORCEMENT = "ENFORCEMENT", "強制執行 Enforcement"


class AidItem(models.TextChoices):
    COURT_FEE = "COURT_FEE", "裁判費 Court fees"
    ATTORNEY_FEE = "ATTORNEY_FEE", "律師費 Attorney fees"
    LIVING = "LIVING", "訴訟期間生活費用 Living allowance during litigation"
    ENFORCEMENT_FEE = "ENFORCEMENT_FEE", "強制執行費 Enforcement fees"


class Outcome(models.TextChoices):
    WON = "WON", "勝訴 Won"
    PARTLY_WON = "PARTLY_WON", "一部勝訴 Partly won"
    LOST = "LOST", "敗訴 Lost"
    SETTLED = "SETTLED", "和解 Settled"
    WITHDRAWN = "WITHDRAWN", "撤回 Withdrawn"


class FundApplication(models.Model):
    case = models.OneToOneField(Case, on_delete=models.PROTECT, primary_key=True, related_name="fund_application")
    applicant = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="fund_applications")
    employer = models.ForeignKey(Employer, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    employer_name = models.CharField(max_length=120)
    dispute_kind = models.CharField(max_length=24, choices=DisputeKind.choices)
    stage = models.CharField(max_length=16, choices=Stage.choices)
    # The failed mediation: a free-text reference (e.g. a paper record number), and
    # the mediation case on the platform when there is one.
    mediation_reference = models.CharField(max_length=80, blank=True)
    mediation_case = models.ForeignKey(Case, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    court = models.CharField(max_length=60, blank=True)
    docket = models.CharField(max_length=60, blank=True)  # e.g. 115年度勞訴字第12號
    claim_amount = models.PositiveIntegerField(default=0)  # what the worker sues for
    annual_income = models.PositiveIntegerField(null=True, blank=True)  # declared (tax income list)
    other_aid = models.BooleanField(default=False)  # declared: aid from another government body
    complex_case = models.BooleanField(default=False)
    means_confirmed = models.BooleanField(null=True)  # the officer's means test
    decision_reason = models.TextField(blank=True)
    grant_total = models.PositiveIntegerField(default=0)
    # After the final judgment.
    outcome = models.CharField(max_length=12, choices=Outcome.choices, blank=True)
    awarded_amount = models.PositiveIntegerField(default=0)
    costs_recovered = models.PositiveIntegerField(default=0)
    final_on = models.DateField(null=True, blank=True)
    reimbursement_due = models.PositiveIntegerField(default=0)


class FundItem(models.Model):
    application = models.ForeignKey(FundApplication, on_delete=models.CASCADE, related_name="items")
    item = models.CharField(max_length=16, choices=AidItem.choices)
    requested = models.PositiveIntegerField()
    months = models.PositiveSmallIntegerField(default=0)  # living allowance
    granted = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["application", "item"], name="fund_one_row_per_item")]


class MilestoneKind(models.TextChoices):
    FILED = "FILED", "起訴／上訴 Filed"
    HEARING = "HEARING", "開庭 Hearing"
    JUDGMENT = "JUDGMENT", "判決 Judgment"
    SETTLEMENT = "SETTLEMENT", "和解／調解成立 Settlement"
    FINAL = "FINAL", "判決確定 Final"


class CourtMilestone(models.Model):
    application = models.ForeignKey(FundApplication, on_delete=models.PROTECT, related_name="milestones")
    stage = models.CharField(max_length=16, choices=Stage.choices)
    kind = models.CharField(max_length=12, choices=MilestoneKind.choices)
    on = models.DateField()
    court = models.CharField(max_length=60, blank=True)
    docket = models.CharField(max_length=60, blank=True)
    outcome = models.CharField(max_length=12, choices=Outcome.choices, blank=True)
    note = models.CharField(max_length=300, blank=True)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["on", "pk"]


class FundPayment(models.Model):
    """A payment of granted aid. Append-only; the total per item never exceeds the
    amount granted for it (fund.services.payment_record)."""

    application = models.ForeignKey(FundApplication, on_delete=models.PROTECT, related_name="payments")
    item = models.CharField(max_length=16, choices=AidItem.choices)
    amount = models.PositiveIntegerField()
    paid_on = models.DateField()
    reference = models.CharField(max_length=60, blank=True)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["paid_on", "pk"]
        constraints = [models.CheckConstraint(name="fund_payment_positive", condition=Q(amount__gt=0))]


class FundReimbursement(models.Model):
    application = models.ForeignKey(FundApplication, on_delete=models.PROTECT, related_name="reimbursements")
    amount = models.PositiveIntegerField()
    received_on = models.DateField()
    reference = models.CharField(max_length=60, blank=True)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["received_on", "pk"]
        constraints = [models.CheckConstraint(name="fund_reimbursement_positive", condition=Q(amount__gt=0))]
