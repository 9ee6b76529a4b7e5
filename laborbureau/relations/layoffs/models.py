"""Mass layoffs (大量解僱, 大量解僱勞工保護法): the layoff plans employers file (解僱計畫書),
the layoffs the department learns of per establishment (資遣通報 and officers' entries),
the threshold crossings found in them, and the monitoring cases those open."""

from django.db import models
from django.db.models import Q

from laborbureau.cases.models import Case
from laborbureau.core.models import Employer, Establishment, User


class LegalGround(models.TextChoices):
    """Why the workers are laid off: 大量解僱勞工保護法第2條第1項 covers the grounds of
    勞動基準法第11條 and mergers or reorganisations."""

    CLOSURE = "LSA11_1", "歇業或轉讓（勞基法第11條第1款） Closure or transfer"
    LOSS = "LSA11_2", "虧損或業務緊縮（第11條第2款） Losses or contraction"
    FORCE_MAJEURE = "LSA11_3", "不可抗力暫停工作一個月以上（第11條第3款） Force majeure"
    BUSINESS_CHANGE = "LSA11_4", "業務性質變更（第11條第4款） Change in the nature of the business"
    INCOMPETENT = "LSA11_5", "勞工不能勝任工作（第11條第5款） Workers not up to the job"
    MERGER = "MERGER", "併購或改組 Merger or reorganisation"


class NotifiedParty(models.TextChoices):
    """Whom the plan was sent to, in the order of 大量解僱勞工保護法第4條第2項."""

    UNION = "UNION", "涉及部門勞工所屬之工會 The union of the affected workers"
    LMC_REPS = "LMC_REPS", "勞資會議之勞方代表 Workers' representatives of the labor-management meeting"
    WORKERS = "WORKERS", "涉及部門之勞工 The affected workers themselves"


class LayoffPlan(models.Model):
    """The domain record of a layoff plan (解僱計畫書, 大量解僱勞工保護法第4條).

    The plan's content is what 第4條第3項 requires: the reason, the departments, the
    layoff dates and numbers (`schedule`), the selection criteria, the severance
    computation and the re-employment assistance. The assessment fields are the
    snapshot of rules.mass_layoff.assess at filing: whether the plan was legally
    required, by which clause, the notice date, and whether it came late."""

    case = models.OneToOneField(Case, on_delete=models.PROTECT, primary_key=True, related_name="layoff_plan")
    employer = models.ForeignKey(Employer, on_delete=models.PROTECT, related_name="layoff_plans")
    establishment = models.ForeignKey(Establishment, on_delete=models.PROTECT, related_name="layoff_plans")
    legal_ground = models.CharField(max_length=10, choices=LegalGround.choices)
    reason = models.TextField()  # 解僱理由
    departments = models.CharField(max_length=300)  # 解僱部門
    schedule = models.JSONField()  # [{"day": "2026-12-01", "count": 12}, ...] 解僱日期及人數
    total_count = models.PositiveIntegerField()
    first_day = models.DateField()
    last_day = models.DateField()
    selection_criteria = models.TextField()  # 解僱對象之選定標準
    severance_method = models.TextField()  # 資遣費計算方式
    reemployment_plan = models.TextField()  # 輔導轉業方案
    headcount = models.PositiveIntegerField()  # the site's workers before the layoffs (fixed-term excluded)
    sudden_event = models.BooleanField(default=False)  # 第4條第1項但書
    sudden_event_note = models.TextField(blank=True)
    notified_party = models.CharField(max_length=10, choices=NotifiedParty.choices, blank=True)
    notified_on = models.DateField(null=True, blank=True)
    posted_on = models.DateField(null=True, blank=True)  # 公告揭示
    received_on = models.DateField()  # the day the plan reached the department
    # Assessment at filing (rules.mass_layoff).
    required = models.BooleanField()
    clause = models.CharField(max_length=30, blank=True)
    crossing_date = models.DateField(null=True, blank=True)
    notice_due = models.DateField(null=True, blank=True)
    late = models.BooleanField(default=False)
    days_late = models.PositiveIntegerField(default=0)
    assessment = models.JSONField(default=list)  # the rule's steps, for the panel
    # Negotiation (第5條, 第6條).
    negotiation_started_on = models.DateField(null=True, blank=True)
    committee_requested_on = models.DateField(null=True, blank=True)
    committee_convened_on = models.DateField(null=True, blank=True)
    committee_members = models.PositiveSmallIntegerField(null=True, blank=True)
    committee_meetings = models.PositiveSmallIntegerField(default=0)
    agreement_summary = models.TextField(blank=True)

    class Meta:
        indexes = [models.Index(fields=["employer", "first_day"])]
        constraints = [
            models.CheckConstraint(name="layoff_plan_days_in_order", condition=Q(first_day__lte=models.F("last_day"))),
            models.CheckConstraint(name="layoff_plan_counts_positive", condition=Q(total_count__gte=1, headcount__gte=1)),
        ]


class EventSource(models.TextChoices):
    EMPLOYMENT_NOTICE = "EMPLOYMENT_NOTICE", "資遣通報 Layoff notice to the employment service"
    OFFICER = "OFFICER", "承辦人登錄 Recorded by an officer"
    API = "API", "系統介接 Another system"


class LayoffEvent(models.Model):
    """Workers laid off on one day at one establishment, as the department learned of it
    (fixed-term workers excluded, 第2條第2項). Append-only."""

    employer = models.ForeignKey(Employer, on_delete=models.PROTECT, related_name="layoff_events")
    establishment = models.ForeignKey(Establishment, on_delete=models.PROTECT, related_name="layoff_events")
    day = models.DateField()
    count = models.PositiveIntegerField()
    source = models.CharField(max_length=20, choices=EventSource.choices)
    reference = models.CharField(max_length=60, blank=True)  # e.g. the notice's number
    recorded_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-day", "-id"]
        indexes = [models.Index(fields=["employer", "day"]), models.Index(fields=["establishment", "day"])]
        constraints = [models.CheckConstraint(name="layoff_event_count_positive", condition=Q(count__gte=1))]


class Trigger(models.TextChoices):
    THRESHOLD = "THRESHOLD", "門檻已達而未提出解僱計畫書 Threshold crossed without a plan"
    LATE_PLAN = "LATE_PLAN", "解僱計畫書逾期提出 Plan filed late"


class LayoffMonitoring(models.Model):
    """The domain record of a monitoring case (大量解僱監測): a threshold of 第2條 was
    crossed with no plan on file, or a plan came after the 第4條第1項 date. Each
    crossing opens at most one (the unique window below)."""

    case = models.OneToOneField(Case, on_delete=models.PROTECT, primary_key=True, related_name="layoff_monitoring")
    employer = models.ForeignKey(Employer, on_delete=models.PROTECT, related_name="layoff_monitorings")
    establishment = models.ForeignKey(Establishment, null=True, blank=True, on_delete=models.PROTECT)
    trigger = models.CharField(max_length=10, choices=Trigger.choices)
    plan = models.ForeignKey(LayoffPlan, null=True, blank=True, on_delete=models.PROTECT, related_name="monitorings")
    clause = models.CharField(max_length=30)
    crossing_date = models.DateField()
    window_start = models.DateField()
    counted = models.PositiveIntegerField()
    limit = models.PositiveIntegerField()
    single_day = models.BooleanField(default=False)
    notice_due = models.DateField(null=True, blank=True)
    # The officer's findings and the fine (大量解僱勞工保護法第17條).
    findings = models.TextField(blank=True)
    proposed_violation_date = models.DateField(null=True, blank=True)
    proposed_amount = models.PositiveIntegerField(null=True, blank=True)
    fine_number = models.CharField(max_length=40, blank=True)
    outcome_summary = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["employer", "crossing_date"])]
