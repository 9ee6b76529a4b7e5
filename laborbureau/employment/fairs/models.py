"""現場徵才活動 Job fairs of the city job bank (Employment Services Office, unit ESO).

A fair is organised by the service's staff; employers apply to take part with their own
open vacancies and the staff approve them (a booth number); citizens pre-register on the
portal and get a registration code to show at the door; staff check people in at the door
(by code, by a name or ID search, or registering a walk-in on the spot); interviews at the
booths are recorded on the day and their outcomes afterwards, in the job bank's vocabulary
(`employment.ReferralOutcome`, `employment.NotHiredReason`). Where the job seeker is
registered with the job bank and consented to referrals, an interview recorded by the
staff is also an `employment.Referral`, so a hire counts in the job bank's placement figures.

Not cases: a fair has no statutory deadline. Status changes only through `services`.
"""

from django.db import models
from django.db.models import F, Q

from laborbureau.core.models import District, Employer, Person, User
from laborbureau.employment.models import JobSeeker, NotHiredReason, Referral, ReferralOutcome, Vacancy


class FairStatus(models.TextChoices):
    PLANNED = "PLANNED", "籌備中 Planned"
    OPEN = "OPEN", "開放報名 Open for registration"
    CLOSED = "CLOSED", "已結束 Closed"
    CANCELLED = "CANCELLED", "已取消 Cancelled"


LIVE_FAIR = (FairStatus.PLANNED, FairStatus.OPEN)


class Fair(models.Model):
    title = models.CharField(max_length=80)
    description = models.TextField(blank=True)  # plain text, rendered escaped
    date = models.DateField()
    starts_at = models.TimeField()
    ends_at = models.TimeField()
    venue = models.CharField(max_length=100)  # e.g. 臺北市政府1樓中庭
    address = models.CharField(max_length=200)
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="+")
    # The pre-registrations accepted; walk-ins are admitted at the door as space allows.
    capacity = models.PositiveIntegerField()
    registration_opens = models.DateField()
    registration_closes = models.DateField()  # the last day to pre-register
    status = models.CharField(max_length=10, choices=FairStatus.choices, default=FairStatus.PLANNED)
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-date", "-pk"]
        constraints = [
            models.CheckConstraint(name="fair_ends_after_start", condition=Q(ends_at__gt=F("starts_at"))),
            models.CheckConstraint(name="fair_registration_window",
                                   condition=Q(registration_closes__gte=F("registration_opens"))
                                   & Q(registration_closes__lte=F("date"))),
            models.CheckConstraint(name="fair_has_capacity", condition=Q(capacity__gte=1)),
        ]
        indexes = [models.Index(fields=["status", "date"], name="fair_status_date")]

    def __str__(self) -> str:
        return self.title


class ParticipationStatus(models.TextChoices):
    APPLIED = "APPLIED", "待審核 Awaiting approval"
    APPROVED = "APPROVED", "已核准 Approved"
    REJECTED = "REJECTED", "未核准 Not approved"
    WITHDRAWN = "WITHDRAWN", "已撤回 Withdrawn"


class FairEmployer(models.Model):
    """An employer's application to take part; the staff approve it with a booth."""

    fair = models.ForeignKey(Fair, on_delete=models.PROTECT, related_name="employers")
    employer = models.ForeignKey(Employer, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=10, choices=ParticipationStatus.choices, default=ParticipationStatus.APPLIED)
    booth = models.CharField(max_length=20, blank=True)
    contact_note = models.CharField(max_length=300, blank=True)  # from the employer: who comes, what they need
    decision_note = models.CharField(max_length=300, blank=True)
    applied_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    decided_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["booth", "pk"]
        constraints = [models.UniqueConstraint(fields=["fair", "employer"], name="fair_employer_once")]
        indexes = [models.Index(fields=["employer", "-created_at"], name="fair_employer_by_employer")]


class FairVacancy(models.Model):
    """A vacancy the employer brings to the fair (its own, open when it applied)."""

    fair = models.ForeignKey(Fair, on_delete=models.PROTECT, related_name="vacancies")
    fair_employer = models.ForeignKey(FairEmployer, on_delete=models.CASCADE, related_name="vacancies")
    vacancy = models.ForeignKey(Vacancy, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["fair", "vacancy"], name="fair_vacancy_once")]


class RegistrationStatus(models.TextChoices):
    REGISTERED = "REGISTERED", "已報名 Registered"
    CANCELLED = "CANCELLED", "已取消 Cancelled"


class FairRegistration(models.Model):
    """One person's registration for one fair (pre-registered on the portal, or a walk-in
    registered at the door), with the code they show at the door. Cancelled and registered
    again, it is the same row and the same code."""

    fair = models.ForeignKey(Fair, on_delete=models.PROTECT, related_name="registrations")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    seeker = models.ForeignKey(JobSeeker, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    code = models.CharField(max_length=12, unique=True)
    status = models.CharField(max_length=10, choices=RegistrationStatus.choices, default=RegistrationStatus.REGISTERED)
    walk_in = models.BooleanField(default=False)
    registered_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["fair", "person"], name="fair_registration_once_per_person")]
        indexes = [models.Index(fields=["fair", "status", "walk_in"], name="fair_registration_counts"),
                   models.Index(fields=["person", "-created_at"], name="fair_registration_person")]


class CheckInMethod(models.TextChoices):
    CODE = "CODE", "報名序號 Registration code"
    SEARCH = "SEARCH", "姓名或證號查詢 Name or ID search"
    WALK_IN = "WALK_IN", "現場登記 Walk-in"


class CheckIn(models.Model):
    """Arrival at the door: once per registration."""

    registration = models.OneToOneField(FairRegistration, on_delete=models.PROTECT, related_name="check_in")
    fair = models.ForeignKey(Fair, on_delete=models.PROTECT, related_name="check_ins")
    method = models.CharField(max_length=8, choices=CheckInMethod.choices)
    by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField()

    class Meta:
        ordering = ["-at", "-pk"]


class FairInterview(models.Model):
    """An interview at a booth (a checked-in person × a vacancy at the fair) and its
    outcome, recorded on the day as INTERVIEWED and afterwards HIRED or NOT_HIRED with the
    job bank's reasons. `referral` is the job bank's referral made for it, if any."""

    fair = models.ForeignKey(Fair, on_delete=models.PROTECT, related_name="interviews")
    registration = models.ForeignKey(FairRegistration, on_delete=models.PROTECT, related_name="interviews")
    fair_vacancy = models.ForeignKey(FairVacancy, on_delete=models.PROTECT, related_name="interviews")
    # Denormalised for the figures: the vacancy's occupation (sub-major group).
    occupation = models.ForeignKey("employment.Occupation", on_delete=models.PROTECT, related_name="+")
    outcome = models.CharField(max_length=12, choices=ReferralOutcome.choices, default=ReferralOutcome.INTERVIEWED)
    not_hired_reason = models.CharField(max_length=10, choices=NotHiredReason.choices, blank=True)
    outcome_note = models.CharField(max_length=300, blank=True)
    referral = models.OneToOneField(Referral, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="fair_interview")
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    answered_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["registration", "fair_vacancy"], name="fair_interview_once"),
            models.CheckConstraint(name="fair_interview_not_hired_has_reason",
                                   condition=~Q(outcome="NOT_HIRED") | ~Q(not_hired_reason="")),
            models.CheckConstraint(name="fair_interview_outcome_known",
                                   condition=Q(outcome__in=["INTERVIEWED", "HIRED", "NOT_HIRED"])),
        ]
        indexes = [models.Index(fields=["fair", "outcome"], name="fair_interview_outcome")]
