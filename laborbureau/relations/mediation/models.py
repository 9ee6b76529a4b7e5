"""Labor-dispute mediation (勞資爭議調解, 勞資爭議處理法第9條至第24條).

A dispute (`Dispute`, one-to-one with the case header) is filed by a worker, a group
of workers, a union or an employer, with structured claims (`DisputeClaim`). The
applicant chooses a single mediator (調解人) or a mediation committee (調解委員會,
第11條第1項). Mediators (`MediatorProfile`, staff with the MEDIATOR role) meet the
parties in a room (`MeetingRoom`) at a `Meeting`; the outcome (成立 / 不成立 / 撤回 /
相對人未到場) closes the case with the mediation record (調解紀錄).

Party references here (the employer, the workers, a mediator's conflicts) follow
merges of persons and employers through `services.dispute_parties_repoint`.
"""

from django.db import models
from django.db.models import Q

from laborbureau.cases.models import Case
from laborbureau.core.models import District, Employer, Person, User


class ApplicantKind(models.TextChoices):
    WORKER = "WORKER", "勞工個人 A worker"
    WORKERS = "WORKERS", "勞工多人 A group of workers"
    UNION = "UNION", "工會 A union"
    EMPLOYER = "EMPLOYER", "雇主 An employer"


class Procedure(models.TextChoices):
    """勞資爭議處理法第11條第1項: the applicant chooses one."""

    MEDIATOR = "mediator", "調解人 A single mediator"
    COMMITTEE = "committee", "調解委員會 A mediation committee"


class ClaimType(models.TextChoices):
    UNPAID_WAGES = "UNPAID_WAGES", "積欠工資 Unpaid wages"
    OVERTIME = "OVERTIME", "加班費 Overtime pay"
    SEVERANCE = "SEVERANCE", "資遣費 Severance pay"
    ILLEGAL_DISMISSAL = "ILLEGAL_DISMISSAL", "違法解僱 Illegal dismissal"
    LEAVE = "LEAVE", "特休未休工資或請假 Leave"
    PENSION = "PENSION", "勞工退休金提繳 Pension contributions"
    OCCUPATIONAL_ACCIDENT = "OCCUPATIONAL_ACCIDENT", "職災補償 Occupational accident compensation"
    OTHER = "OTHER", "其他 Other"


# Claims that are about money and so carry an amount; a dismissal claim may ask for
# reinstatement only, and "other" may be anything.
MONEY_CLAIMS = frozenset(
    {
        ClaimType.UNPAID_WAGES,
        ClaimType.OVERTIME,
        ClaimType.SEVERANCE,
        ClaimType.LEAVE,
        ClaimType.PENSION,
        ClaimType.OCCUPATIONAL_ACCIDENT,
    }
)


class Outcome(models.TextChoices):
    SETTLED = "SETTLED", "調解成立 Settled"
    NOT_SETTLED = "NOT_SETTLED", "調解不成立 Not settled"
    WITHDRAWN = "WITHDRAWN", "撤回 Withdrawn"
    RESPONDENT_ABSENT = "RESPONDENT_ABSENT", "相對人未到場 Respondent absent"


class Language(models.TextChoices):
    ZH = "zh", "中文 Chinese"
    EN = "en", "英語 English"
    ID = "id", "印尼語 Indonesian"
    VI = "vi", "越南語 Vietnamese"
    TH = "th", "泰語 Thai"
    TL = "tl", "菲律賓語 Tagalog"


class Dispute(models.Model):
    """The domain record of a mediation case."""

    case = models.OneToOneField(Case, on_delete=models.PROTECT, primary_key=True, related_name="dispute")
    applicant_kind = models.CharField(max_length=10, choices=ApplicantKind.choices)
    procedure = models.CharField(max_length=10, choices=Procedure.choices)
    # The employer on the other side (or the applicant, when it applies); a record
    # without a 統一編號 is matched later by an employer merge.
    employer = models.ForeignKey(Employer, on_delete=models.PROTECT, related_name="disputes")
    union_name = models.CharField(max_length=120, blank=True)
    workplace_district = models.ForeignKey(District, null=True, blank=True, on_delete=models.PROTECT)
    language = models.CharField(max_length=2, choices=Language.choices, default=Language.ZH)
    description = models.TextField()
    received_on = models.DateField()  # the day the authority received the application (第12條第1項)
    mediator = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT, related_name="mediations")
    appointed_on = models.DateField(null=True, blank=True)
    committee_members = models.CharField(max_length=300, blank=True)  # 調解委員 (第13條、第14條)
    # Dates a side cannot attend (ISO strings), told to the officer by phone or portal.
    applicant_unavailable = models.JSONField(default=list, blank=True)
    respondent_unavailable = models.JSONField(default=list, blank=True)
    outcome = models.CharField(max_length=20, choices=Outcome.choices, blank=True)
    outcome_on = models.DateField(null=True, blank=True)
    settlement_terms = models.TextField(blank=True)
    record_summary = models.TextField(blank=True)  # the mediation record's account of the meeting

    class Meta:
        indexes = [models.Index(fields=["employer", "outcome"])]

    @property
    def is_money_claim(self) -> bool:
        return any(claim.claim_type in MONEY_CLAIMS for claim in self.claims.all())


class DisputeWorker(models.Model):
    """A worker the dispute is about: the applicant(s), or the respondents when an
    employer applies. Duplicate applications are found through these rows."""

    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="workers")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="disputes")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["dispute", "person"], name="one_row_per_dispute_worker")]


class DisputeClaim(models.Model):
    """One claim (請求事項), with the amount asked and, when settled, the amount agreed."""

    dispute = models.ForeignKey(Dispute, on_delete=models.CASCADE, related_name="claims")
    claim_type = models.CharField(max_length=30, choices=ClaimType.choices)
    amount = models.PositiveBigIntegerField(null=True, blank=True)  # NT$ claimed
    note = models.CharField(max_length=300, blank=True)
    settled_amount = models.PositiveBigIntegerField(null=True, blank=True)
    # A settlement above the claim happens (interest, later months) but must be said.
    settled_over_claim_confirmed = models.BooleanField(default=False)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["dispute", "claim_type"], name="one_claim_per_type_per_dispute"),
            models.CheckConstraint(
                name="settled_over_claim_is_confirmed",
                condition=Q(settled_amount__isnull=True)
                | Q(amount__isnull=True)
                | Q(settled_amount__lte=models.F("amount"))
                | Q(settled_over_claim_confirmed=True),
            ),
        ]


class MediatorProfile(models.Model):
    """A mediator on the roster: a staff member with the MEDIATOR role (or an officer
    who also mediates), the languages spoken, the weekdays available and the most
    open cases they take."""

    user = models.OneToOneField(User, on_delete=models.PROTECT, primary_key=True, related_name="mediator_profile")
    languages = models.JSONField(default=list)  # Language values
    weekdays = models.JSONField(default=list)  # 0 = Monday ... 4 = Friday
    max_open_cases = models.PositiveSmallIntegerField(default=20)
    active = models.BooleanField(default=True)


class MediatorConflict(models.Model):
    """利益衝突: a mediator must not mediate a dispute with this employer (勞資爭議調解
    辦法: 調解人 shall recuse where impartiality is in doubt)."""

    mediator = models.ForeignKey(MediatorProfile, on_delete=models.CASCADE, related_name="conflicts")
    employer = models.ForeignKey(Employer, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(max_length=200)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["mediator", "employer"], name="one_conflict_per_employer")]


class MediatorAbsence(models.Model):
    """A day a mediator is away (leave, training)."""

    mediator = models.ForeignKey(MediatorProfile, on_delete=models.CASCADE, related_name="absences")
    day = models.DateField()
    reason = models.CharField(max_length=200, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["mediator", "day"], name="one_absence_per_mediator_day")]


class MeetingRoom(models.Model):
    name = models.CharField(max_length=60, unique=True)
    location = models.CharField(max_length=200, blank=True)
    active = models.BooleanField(default=True)

    def __str__(self) -> str:
        return self.name


class Meeting(models.Model):
    """One mediation meeting (調解會議). A mediator and a room hold one scheduled
    meeting at a time: the booking service locks both rows before checking overlaps
    (race-safe on both databases), and the unique constraints below refuse the same
    start twice even if a write bypassed the service."""

    class Status(models.TextChoices):
        SCHEDULED = "SCHEDULED", "已排定 Scheduled"
        HELD = "HELD", "已召開 Held"
        CANCELLED = "CANCELLED", "已取消 Cancelled"

    dispute = models.ForeignKey(Dispute, on_delete=models.PROTECT, related_name="meetings")
    sequence = models.PositiveSmallIntegerField()
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    room = models.ForeignKey(MeetingRoom, on_delete=models.PROTECT, related_name="meetings")
    mediator = models.ForeignKey(User, on_delete=models.PROTECT, related_name="mediation_meetings")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.SCHEDULED)
    deadline = models.DateField()  # the statutory day the meeting had to be held by
    applicant_attended = models.BooleanField(null=True)
    respondent_attended = models.BooleanField(null=True)
    attendance_note = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(name="meeting_ends_after_start", condition=Q(ends_at__gt=models.F("starts_at"))),
            models.UniqueConstraint(
                fields=["mediator", "starts_at"], condition=Q(status="SCHEDULED"), name="mediator_one_meeting_at_a_time"
            ),
            models.UniqueConstraint(
                fields=["room", "starts_at"], condition=Q(status="SCHEDULED"), name="room_one_meeting_at_a_time"
            ),
            models.UniqueConstraint(fields=["dispute", "sequence"], name="one_meeting_per_sequence"),
        ]
        indexes = [models.Index(fields=["mediator", "starts_at"]), models.Index(fields=["room", "starts_at"])]
