"""Occupational accidents (職業災害) and their alert chain, the duty roster, and
occupational disease determinations (職業疾病認定).

An accident is a case (type `occupational_accident`) with this domain record. Its
report is saved, with the outbox rows of its alerts, in the reporting request's
transaction: if the worker dies before delivering, the rows are still there and the
next worker delivers them (notify.delivery). Every step of the chain is a timestamp on
the record (and an entry on the case's timeline)."""

from django.db import models
from django.db.models import Q

from laborbureau.cases.models import Case
from laborbureau.core.models import District, Employer, Establishment, IndustryClass, Person, User
from laborbureau.notify.models import OutboxMessage


class AccidentType(models.TextChoices):
    """災害類型 (勞動部職業災害統計之分類, abridged to the common kinds)."""

    FALL = "FALL", "墜落、滾落 Fall from height"
    TRIP = "TRIP", "跌倒 Slip or trip"
    COLLAPSE = "COLLAPSE", "物體倒塌、崩塌 Collapse"
    STRUCK_BY_FALLING = "FALLING_OBJECT", "物體飛落 Falling object"
    STRUCK = "STRUCK", "被撞 Struck by"
    CAUGHT = "CAUGHT", "被夾、被捲 Caught in machinery"
    CUT = "CUT", "被切、割、擦傷 Cut"
    ELECTRIC = "ELECTRIC", "感電 Electric shock"
    FIRE = "FIRE", "火災、爆炸 Fire or explosion"
    HARMFUL = "HARMFUL", "與有害物等之接觸 Harmful substances"
    TEMPERATURE = "TEMPERATURE", "與高低溫之接觸 Extreme temperature"
    TRAFFIC = "TRAFFIC", "交通事故 Traffic accident"
    OTHER = "OTHER", "其他 Other"


class Severity(models.TextChoices):
    """The public map's severity: the worst outcome among the injured."""

    FATAL = "FATAL", "死亡 Fatal"
    HOSPITALISED = "HOSPITALISED", "住院 Hospitalised"
    INJURED = "INJURED", "受傷 Injured"
    UNKNOWN = "UNKNOWN", "待查 Not yet known"


class ReportChannel(models.TextChoices):
    PORTAL = "portal", "網路通報 Portal"
    API = "api", "系統介接 API"
    PHONE = "phone", "電話通報（承辦人登錄） Phone report"


class Accident(models.Model):
    """The domain record of an accident report (職業災害通報)."""

    case = models.OneToOneField(Case, on_delete=models.PROTECT, primary_key=True, related_name="accident")
    employer = models.ForeignKey(Employer, on_delete=models.PROTECT, related_name="accidents")
    establishment = models.ForeignKey(Establishment, null=True, blank=True, on_delete=models.PROTECT)
    industry = models.ForeignKey(IndustryClass, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    industry_section = models.CharField(max_length=1, blank=True)  # A–S, for the public filters
    channel = models.CharField(max_length=10, choices=ReportChannel.choices)
    reporter = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    reporter_name = models.CharField(max_length=80, blank=True)  # who phoned it in
    reporter_phone = models.CharField(max_length=30, blank=True)
    occurred_at = models.DateTimeField()
    known_at = models.DateTimeField()  # 施行細則第47條: when the employer knew or could have known
    reported_at = models.DateTimeField()
    # Where: a map point (validated inside 臺北市) or an address with its district
    # (point = the district's centroid, marked approximate). No geocoder is assumed.
    address = models.CharField(max_length=200, blank=True)
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="+")
    lon = models.FloatField()
    lat = models.FloatField()
    location_approximate = models.BooleanField(default=False)
    accident_type = models.CharField(max_length=16, choices=AccidentType.choices)
    description = models.TextField()
    deaths = models.PositiveSmallIntegerField(default=0)
    injured = models.PositiveSmallIntegerField(default=0)  # disabled (施行細則第48條第1項), the dead excluded
    hospitalised = models.PositiveSmallIntegerField(default=0)
    designated = models.BooleanField(default=False)  # 第37條第2項第4款
    severity = models.CharField(max_length=12, choices=Severity.choices)
    # The 8-hour rule (rules.occupational_accidents) at the time of the report.
    reportable = models.BooleanField()
    clauses = models.JSONField(default=list)
    deadline_at = models.DateTimeField(null=True, blank=True)
    late = models.BooleanField(default=False)
    minutes_late = models.PositiveIntegerField(default=0)
    victims_pending = models.BooleanField(default=False)  # accepted without the injured's data
    # The alert chain.
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    dispatched_at = models.DateTimeField(null=True, blank=True)
    dispatched_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    inspector = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    arrived_at = models.DateTimeField(null=True, blank=True)
    findings = models.TextField(blank=True)
    findings_at = models.DateTimeField(null=True, blank=True)
    stop_work_recommended = models.BooleanField(default=False)
    # The hook to the inspections sub-app: the number of the inspection (and any
    # stop-work order, 職業安全衛生法第36條) opened because of this accident.
    inspection_number = models.CharField(max_length=40, blank=True)
    proposed_amount = models.PositiveIntegerField(null=True, blank=True)
    fine_number = models.CharField(max_length=40, blank=True)
    # The public map's anonymised place and time: a 200 m cell and the month.
    month = models.DateField()  # first day of the month of occurred_at (Asia/Taipei)
    cell_x = models.IntegerField()
    cell_y = models.IntegerField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [
            models.Index(fields=["month", "district"], name="accident_month_district"),
            models.Index(fields=["updated_at"], name="accident_updated"),
            models.Index(fields=["employer", "occurred_at"], name="accident_employer"),
            models.Index(fields=["reported_at"], name="accident_reported"),
            # The public map's aggregation (selectors.map_data) reads only this index:
            # grouped by district and cell in index order, every filter column included.
            models.Index(fields=["district", "cell_x", "cell_y", "month", "severity", "accident_type",
                                 "industry_section"], name="accident_map_cover"),
        ]
        constraints = [
            models.CheckConstraint(name="accident_known_after_occurred", condition=Q(known_at__gte=models.F("occurred_at"))),
            models.CheckConstraint(name="accident_lat_lon_in_range",
                                   condition=Q(lat__gte=-90, lat__lte=90, lon__gte=-180, lon__lte=180)),
        ]


class Outcome(models.TextChoices):
    DEATH = "DEATH", "死亡 Died"
    HOSPITALISED = "HOSPITALISED", "住院治療 Hospitalised"
    DISABLED = "DISABLED", "失能傷害（未住院） Disabling injury, not hospitalised"
    MINOR = "MINOR", "輕傷 Minor injury"
    UNKNOWN = "UNKNOWN", "待查 Not yet known"


class Victim(models.Model):
    """One injured worker (罹災者). Name and ID may come later: the report is accepted
    without them, since time matters more."""

    accident = models.ForeignKey(Accident, on_delete=models.CASCADE, related_name="victims")
    person = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(max_length=80, blank=True)
    age = models.PositiveSmallIntegerField(null=True, blank=True)
    outcome = models.CharField(max_length=12, choices=Outcome.choices, default=Outcome.UNKNOWN)
    injury = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)


class DutyRole(models.TextChoices):
    SUPERVISOR = "SUPERVISOR", "值日主管 Duty supervisor"
    ON_CALL = "ON_CALL", "待命檢查員 On-call inspector"


class DutyShift(models.Model):
    """Who is on duty from `starts_at` to `ends_at` (勞動檢查處值勤表). The alert of an
    accident goes to everyone on duty at its report time."""

    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="duty_shifts")
    role = models.CharField(max_length=12, choices=DutyRole.choices)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    phone = models.CharField(max_length=30, blank=True)  # for the SMS alert
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["starts_at", "role"]
        indexes = [models.Index(fields=["starts_at", "ends_at"], name="duty_shift_window")]
        constraints = [models.CheckConstraint(name="duty_shift_ends_after_start",
                                              condition=Q(ends_at__gt=models.F("starts_at")))]


class AlertKind(models.TextChoices):
    REPORT = "REPORT", "通報 The report"
    DISPATCH = "DISPATCH", "派員 Dispatch"
    ESCALATION = "ESCALATION", "送達失敗轉知主管 Undelivered, escalated"


class AccidentAlert(models.Model):
    """One outbox row sent because of an accident, to whom and why: the delivery state
    and time are the outbox row's (first delivered = alerted_at)."""

    accident = models.ForeignKey(Accident, on_delete=models.CASCADE, related_name="alerts")
    outbox = models.OneToOneField(OutboxMessage, on_delete=models.PROTECT, related_name="+")
    recipient = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    duty_role = models.CharField(max_length=12, blank=True)  # SUPERVISOR, ON_CALL, CHIEF (fallback) or ""
    kind = models.CharField(max_length=12, choices=AlertKind.choices, default=AlertKind.REPORT)
    escalated_at = models.DateTimeField(null=True, blank=True)  # its failure was told to the chief
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["recipient", "created_at"], name="accident_alert_recipient")]


class DiseaseDetermination(models.Model):
    """The domain record of an occupational disease determination (職業疾病認定)."""

    case = models.OneToOneField(Case, on_delete=models.PROTECT, primary_key=True, related_name="disease_determination")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    employer = models.ForeignKey(Employer, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    disease = models.CharField(max_length=200)
    exposure = models.TextField()  # the work and the hazard the worker was exposed to
    diagnosed_by = models.CharField(max_length=200, blank=True)  # physician / hospital
    diagnosed_on = models.DateField(null=True, blank=True)
    received_on = models.DateField()
    evidence_summary = models.TextField(blank=True)
    review_opinion = models.TextField(blank=True)
    recognised = models.BooleanField(null=True)
    decision_reason = models.TextField(blank=True)
    decided_on = models.DateField(null=True, blank=True)
    referred_on = models.DateField(null=True, blank=True)  # to the central authority's 鑑定
