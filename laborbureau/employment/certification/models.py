"""失業認定 Unemployment certification under the Employment Insurance Act (就業保險法), run by
the Employment Services Office (unit ESO).

A claim (`Certification`) starts with the worker's application (on the portal or at the
counter) and the in-person first certification (第25條第1項: documents, separation reason,
counselling); the service then has 14 days to refer the worker to a job or training
(第25條第2項) before recognising the unemployment at the first date (`CertificationDate`
month 1). Each further benefit month needs an in-person re-certification (失業再認定,
第29條第1項) with at least two job-search records (第30條); the dates come from
`rules.unemployment.unemployment_benefit`'s schedule. Offers made at a date (`Offer`) are
real job-bank referrals (`employment.Referral`) or a recorded training placement.

The Bureau of Labor Insurance (勞動部勞工保險局) pays the benefit, not the city: the amount
here is for information and the certified dates are exported to the Bureau (`export.py`).

Not cases of the case engine: a claim's rhythm is a monthly schedule of dates, not one
statutory deadline per state; status changes only through `services`.
"""

from django.db import models
from django.db.models import Q

from laborbureau.core.models import Person, User
from laborbureau.employment.models import Channel, JobSeeker, Referral


class SeparationReason(models.TextChoices):
    """就業保險法第11條第3項 (非自願離職) and 第2項 (定期契約屆滿, deemed involuntary)."""

    CLOSURE = "CLOSURE", "投保單位關廠、遷廠、休業、解散、破產宣告 Closure, relocation, suspension, dissolution, bankruptcy"
    LSA_11 = "LSA_11", "勞動基準法第11條（雇主預告終止） Dismissal with notice, LSA Art. 11"
    LSA_13 = "LSA_13", "勞動基準法第13條但書（不可抗力） Force majeure, LSA Art. 13 proviso"
    LSA_14 = "LSA_14", "勞動基準法第14條（勞工不經預告終止） Worker's termination, LSA Art. 14"
    LSA_20 = "LSA_20", "勞動基準法第20條（改組或轉讓） Reorganisation or transfer, LSA Art. 20"
    FIXED_TERM = "FIXED_TERM", "定期契約屆滿 Fixed-term contract ended"
    VOLUNTARY = "VOLUNTARY", "自願離職 Resigned"
    OTHER = "OTHER", "其他 Other"


INVOLUNTARY_REASONS = ("CLOSURE", "LSA_11", "LSA_13", "LSA_14", "LSA_20", "FIXED_TERM")


class CertificationStatus(models.TextChoices):
    SUBMITTED = "SUBMITTED", "已申請，待親自辦理 Applied; to come in person"
    WAITING = "WAITING", "已求職登記，推介期間 Registered; 14-day referral period"
    RECEIVING = "RECEIVING", "已失業認定 Certified unemployed"
    REJECTED = "REJECTED", "不予認定 Refused"
    CLOSED = "CLOSED", "已結案 Closed"


OPEN_STATUSES = (CertificationStatus.SUBMITTED, CertificationStatus.WAITING, CertificationStatus.RECEIVING)


class CloseReason(models.TextChoices):
    EMPLOYED = "EMPLOYED", "已就業 Found work"
    TRAINING = "TRAINING", "參加職業訓練 In vocational training"
    COMPLETED = "COMPLETED", "給付月數屆滿 All benefit months certified"
    REFUSED_OFFER = "REFUSED_OFFER", "無正當理由拒絕推介或訓練 Refused an offer without cause"
    WITHDRAWN = "WITHDRAWN", "申請人撤回 Withdrawn by the worker"
    NOT_CURED = "NOT_CURED", "屆期未補正，視為未申請 Documents not completed in time: deemed not applied"


class MissingDocument(models.TextChoices):
    """The documents of 第25條第1項 a worker must bring to the first certification; one
    missing is completed within seven days (第25條第5項). A separation certificate
    without the name, the employer or the reason (第25條第4項) counts as missing."""

    SEPARATION = "SEPARATION", "離職或定期契約證明文件 Separation or fixed-term contract certificate"
    IDENTITY = "IDENTITY", "國民身分證或其他身分證明文件 National ID card or other proof of identity"


class Certification(models.Model):
    """A claim for unemployment benefit (失業給付) and its certification."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    seeker = models.ForeignKey(JobSeeker, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=10, choices=CertificationStatus.choices,
                              default=CertificationStatus.SUBMITTED)
    close_reason = models.CharField(max_length=14, choices=CloseReason.choices, blank=True)
    decision_note = models.CharField(max_length=500, blank=True)  # why refused or closed
    # The separation (離職退保).
    separation_date = models.DateField()
    separation_reason = models.CharField(max_length=10, choices=SeparationReason.choices)
    last_employer_name = models.CharField(max_length=100)
    last_employer_tax_id = models.CharField(max_length=8, blank=True)  # 統一編號
    fixed_term_months_last_year = models.PositiveSmallIntegerField(null=True, blank=True)  # 第11條第2項
    # The insurance facts, from the worker's insurance record (the Bureau confirms them).
    insured_salaries = models.JSONField(default=list)  # six monthly insured salaries, latest last
    insured_months_in_three_years = models.PositiveSmallIntegerField()
    dependants = models.JSONField(default=list)  # rules.unemployment.DEPENDANT_KINDS
    disability_certificate = models.BooleanField(default=False)
    birth_date = models.DateField()
    # The first certification in person (第25條第1項).
    registration_date = models.DateField(null=True, blank=True)  # 求職登記日 (the in-person visit)
    documents_checked = models.BooleanField(default=False)  # 離職證明, ID
    able_and_willing = models.BooleanField(default=False)
    intake_note = models.CharField(max_length=1000, blank=True)
    intake_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    # Documents missing at the first visit (第25條第5項): the visit's day, what is missing and
    # the last day to complete them (行政程序法第48條). The deadline is cleared when they are
    # completed; a claim closed as not cured keeps it.
    documents_requested_on = models.DateField(null=True, blank=True)
    missing_documents = models.JSONField(default=list, blank=True)  # MissingDocument values
    missing_documents_note = models.CharField(max_length=300, blank=True)
    cure_deadline = models.DateField(null=True, blank=True)
    cure_deadline_morning_only = models.BooleanField(default=False)  # ends Monday morning (第48條第4項後段)
    # The benefit as computed for information (rules.unemployment.unemployment_benefit).
    monthly_benefit = models.PositiveIntegerField(null=True, blank=True)
    max_months = models.PositiveSmallIntegerField(null=True, blank=True)
    first_benefit_day = models.DateField(null=True, blank=True)
    channel = models.CharField(max_length=8, choices=Channel.choices, default=Channel.PORTAL)
    applied_on = models.DateField()
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            # One open claim per person at a time.
            models.UniqueConstraint(fields=["person"], condition=Q(status__in=["SUBMITTED", "WAITING", "RECEIVING"]),
                                    name="certification_one_open_per_person"),
            models.CheckConstraint(name="certification_closed_has_reason",
                                   condition=~Q(status="CLOSED") | ~Q(close_reason="")),
            models.CheckConstraint(name="certification_cure_from_a_visit",
                                   condition=Q(cure_deadline__isnull=True) | Q(documents_requested_on__isnull=False)),
        ]
        indexes = [models.Index(fields=["status", "-created_at"], name="certification_status")]

    def __str__(self) -> str:
        return f"UC{self.pk:06d}"

    @property
    def number(self) -> str:
        return f"UC{self.pk:06d}"

    @property
    def awaiting_documents(self) -> bool:
        """Missing documents asked for at the first visit, not yet completed (第25條第5項)."""
        return self.status == CertificationStatus.SUBMITTED and self.cure_deadline is not None

    def missing_documents_labels(self) -> list[str]:
        return [MissingDocument(code).label for code in self.missing_documents if code in MissingDocument.values]


class DateStatus(models.TextChoices):
    SCHEDULED = "SCHEDULED", "待辦理 Scheduled"
    CERTIFIED = "CERTIFIED", "已認定 Certified"
    NOT_CERTIFIED = "NOT_CERTIFIED", "不予認定 Not certified"
    MISSED = "MISSED", "未到 Missed"
    CANCELLED = "CANCELLED", "已取消 Cancelled"  # the claim closed before the date


class CertificationDate(models.Model):
    """One benefit month's certification date: month 1 the initial recognition (失業認定),
    months 2.. the monthly re-certification in person (失業再認定, 第29條第1項)."""

    certification = models.ForeignKey(Certification, on_delete=models.PROTECT, related_name="dates")
    month = models.PositiveSmallIntegerField()
    period_start = models.DateField()  # the earliest day it may be made
    period_end = models.DateField()  # the month's last day: not made by then, missed
    due_date = models.DateField()  # the first office working day from period_start
    status = models.CharField(max_length=14, choices=DateStatus.choices, default=DateStatus.SCHEDULED)
    attended_on = models.DateField(null=True, blank=True)
    in_person = models.BooleanField(default=True)
    proxy_reason = models.CharField(max_length=300, blank=True)  # 第29條第1項但書: illness, by a proxy
    job_search_records = models.PositiveSmallIntegerField(default=0)  # verified at this date
    work_income = models.PositiveIntegerField(null=True, blank=True)  # declared (第31條)
    payable = models.PositiveIntegerField(null=True, blank=True)  # after 第17條, for information
    outcome_note = models.CharField(max_length=500, blank=True)
    decided_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["month"]
        constraints = [
            models.UniqueConstraint(fields=["certification", "month"], name="certification_date_once_per_month"),
            models.CheckConstraint(name="certification_date_period", condition=Q(period_end__gte=models.F("period_start"))),
        ]
        indexes = [models.Index(fields=["status", "due_date"], name="certification_date_queue")]

    @property
    def initial(self) -> bool:
        return self.month == 1


class SearchMethod(models.TextChoices):
    IN_PERSON = "IN_PERSON", "親自前往 In person"
    ONLINE = "ONLINE", "網路投遞 Online application"
    PHONE = "PHONE", "電話 Phone"
    MAIL = "MAIL", "郵寄 Mail"
    FAIR = "FAIR", "徵才活動 Job fair"


class SearchResult(models.TextChoices):
    AWAITING = "AWAITING", "等待通知 Awaiting an answer"
    INTERVIEWED = "INTERVIEWED", "已面試 Interviewed"
    NOT_HIRED = "NOT_HIRED", "未錄取 Not hired"
    NO_OPENING = "NO_OPENING", "無職缺 No opening"
    HIRED = "HIRED", "錄取 Hired"


class JobSearchRecord(models.Model):
    """求職紀錄: one job search by the worker (第30條), entered on the portal or at the
    counter, with an optional proof file; the counsellor verifies it at the date."""

    certification = models.ForeignKey(Certification, on_delete=models.PROTECT, related_name="search_records")
    date = models.ForeignKey(CertificationDate, null=True, blank=True, on_delete=models.PROTECT,
                             related_name="search_records")  # the date it was verified at
    searched_on = models.DateField()
    employer_name = models.CharField(max_length=100)
    position = models.CharField(max_length=60)
    method = models.CharField(max_length=10, choices=SearchMethod.choices)
    result = models.CharField(max_length=12, choices=SearchResult.choices)
    file = models.FileField(upload_to="certification/%Y/%m/", blank=True)
    original_name = models.CharField(max_length=200, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    size = models.PositiveIntegerField(default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    added_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    verified = models.BooleanField(default=False)
    verified_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["searched_on", "pk"]
        indexes = [models.Index(fields=["certification", "date"], name="search_record_claim")]


class OfferKind(models.TextChoices):
    JOB = "JOB", "推介就業 Job referral"
    TRAINING = "TRAINING", "安排職業訓練 Vocational training"


class OfferResponse(models.TextChoices):
    PENDING = "PENDING", "待回覆 Awaiting the answer"
    ACCEPTED = "ACCEPTED", "接受 Accepted"
    REFUSED = "REFUSED", "不接受 Refused"


class RefusalGround(models.TextChoices):
    """第13條 (a job) and 第14條第1項 (counselling or training): refusals that keep the benefit."""

    WAGE_BELOW_BENEFIT = "WAGE_BELOW_BENEFIT", "工資低於每月失業給付（第13條第1款） Pay below the monthly benefit"
    DISTANCE = "DISTANCE", "工作地點距住處30公里以上（第13條第2款） Workplace 30 km or more from home"
    ILLNESS = "ILLNESS", "傷病診療、懷孕或分娩期間（第14條第1項第1款） Illness, pregnancy or childbirth"
    RELOCATION = "RELOCATION", "需變更住所顯有困難（第14條第1項第2款） Would have to move home"
    NONE = "NONE", "無正當理由 No justified reason"


class Offer(models.Model):
    """A referral offered at the first certification or a date: a job (a real job-bank
    referral) or a training course. The vocational academy's course records are not in
    the platform yet, so a training offer records the course name and provider as text."""

    certification = models.ForeignKey(Certification, on_delete=models.PROTECT, related_name="offers")
    date = models.ForeignKey(CertificationDate, null=True, blank=True, on_delete=models.PROTECT,
                             related_name="offers")
    kind = models.CharField(max_length=8, choices=OfferKind.choices)
    referral = models.OneToOneField(Referral, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="certification_offer")
    course_name = models.CharField(max_length=100, blank=True)
    provider = models.CharField(max_length=100, blank=True)
    response = models.CharField(max_length=8, choices=OfferResponse.choices, default=OfferResponse.PENDING)
    refusal_ground = models.CharField(max_length=20, choices=RefusalGround.choices, blank=True)
    offered_wage = models.PositiveIntegerField(null=True, blank=True)
    distance_km = models.PositiveIntegerField(null=True, blank=True)
    justified = models.BooleanField(null=True)  # a refusal: kept the benefit (True) or barred it (False)
    note = models.CharField(max_length=300, blank=True)
    offered_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    answered_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(name="offer_job_has_referral",
                                   condition=~Q(kind="JOB") | Q(referral__isnull=False)),
            models.CheckConstraint(name="offer_training_has_course",
                                   condition=~Q(kind="TRAINING") | ~Q(course_name="")),
            models.CheckConstraint(name="offer_refusal_has_ground",
                                   condition=~Q(response="REFUSED") | ~Q(refusal_ground="")),
        ]


class EventKind(models.TextChoices):
    BRIEFING = "BRIEFING", "就業資源說明會 Resource briefing for laid-off workers"
    WORKSHOP = "WORKSHOP", "求職技巧工作坊 Job-search workshop"


class EventStatus(models.TextChoices):
    OPEN = "OPEN", "開放報名 Open"
    CLOSED = "CLOSED", "已結束 Closed"
    CANCELLED = "CANCELLED", "已取消 Cancelled"


class Event(models.Model):
    """A briefing for laid-off workers (就業資源說明會) or a job-search workshop."""

    kind = models.CharField(max_length=8, choices=EventKind.choices)
    title = models.CharField(max_length=80)
    description = models.TextField(blank=True)  # plain text, rendered escaped
    date = models.DateField()
    starts_at = models.TimeField()
    ends_at = models.TimeField()
    venue = models.CharField(max_length=100)
    capacity = models.PositiveIntegerField()
    status = models.CharField(max_length=10, choices=EventStatus.choices, default=EventStatus.OPEN)
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "starts_at", "pk"]
        constraints = [
            models.CheckConstraint(name="event_ends_after_start", condition=Q(ends_at__gt=models.F("starts_at"))),
            models.CheckConstraint(name="event_has_capacity", condition=Q(capacity__gte=1)),
        ]
        indexes = [models.Index(fields=["status", "date"], name="event_status_date")]

    def __str__(self) -> str:
        return self.title


class EventRegistration(models.Model):
    """One person's place at an event; cancelled and taken again, the same row."""

    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="registrations")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    cancelled = models.BooleanField(default=False)
    attended = models.BooleanField(null=True)  # None: not yet recorded
    registered_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["event", "person"], name="event_registration_once")]
        indexes = [models.Index(fields=["person", "-created_at"], name="event_registration_person")]
