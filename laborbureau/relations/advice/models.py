"""義務律師法令諮詢 and the volunteers' desk (seed 貳.二.<一>.4-5).

Volunteer lawyers (from 臺北律師公會 and 法律扶助基金會) and trained volunteers (志工)
give short, free consultations in slots the Labor Relations Section publishes. A
citizen books one slot; the adviser records a short note for the department's
records. A booking is an appointment, not a case: it has no statutory deadline and
no workflow of its own, so it does not run on the case engine.

Who the advisers are in the system: an `Adviser` record; one who signs in does so
with a portal account (UserKind.CITIZEN) linked here (`Adviser.account`). That gives
them their own day's bookings and nothing else: no staff role, no case access (the
core Role list stays unchanged). Officers of the section can do everything an
adviser can, for any adviser.
"""

from django.db import models
from django.db.models import Q

from laborbureau.core.models import Person, User


class AdviserKind(models.TextChoices):
    LAWYER = "LAWYER", "義務律師 Volunteer lawyer"
    VOLUNTEER = "VOLUNTEER", "志工 Volunteer"


class Organisation(models.TextChoices):
    TAIPEI_BAR = "TAIPEI_BAR", "臺北律師公會 Taipei Bar Association"
    LEGAL_AID = "LEGAL_AID", "法律扶助基金會 Legal Aid Foundation"
    DEPARTMENT = "DEPARTMENT", "本局志工隊 The department's volunteers"
    OTHER = "OTHER", "其他 Other"


class AdviceTopic(models.TextChoices):
    """What the question is about (the complaint's categories, plus disputes)."""

    UNPAID_WAGES = "UNPAID_WAGES", "積欠工資 Unpaid wages"
    OVERTIME_PAY = "OVERTIME_PAY", "加班費 Overtime pay"
    WORKING_HOURS = "WORKING_HOURS", "工時 Working hours"
    LEAVE = "LEAVE", "休假或請假 Leave and days off"
    SEVERANCE = "SEVERANCE", "資遣費 Severance pay"
    DISMISSAL = "DISMISSAL", "解僱 Dismissal"
    PENSION = "PENSION", "退休金 Pension"
    INSURANCE = "INSURANCE", "勞健保 Labor and health insurance"
    OCCUPATIONAL_ACCIDENT = "OCCUPATIONAL_ACCIDENT", "職業災害 Occupational accident"
    MEDIATION = "MEDIATION", "勞資爭議調解 Dispute mediation"
    LITIGATION = "LITIGATION", "訴訟程序 Going to court"
    OTHER = "OTHER", "其他 Other"


class Language(models.TextChoices):
    MANDARIN = "zh", "華語 Mandarin"
    TAIWANESE = "nan", "臺語 Taiwanese"
    HAKKA = "hak", "客語 Hakka"
    ENGLISH = "en", "英語 English"
    INDONESIAN = "id", "印尼語 Indonesian"
    VIETNAMESE = "vi", "越南語 Vietnamese"
    THAI = "th", "泰語 Thai"
    TAGALOG = "tl", "菲律賓語 Tagalog"


class Mode(models.TextChoices):
    IN_PERSON = "IN_PERSON", "現場 In person"
    PHONE = "PHONE", "電話 By phone"
    VIDEO = "VIDEO", "視訊 By video"


class Adviser(models.Model):
    kind = models.CharField(max_length=10, choices=AdviserKind.choices)
    name = models.CharField(max_length=80)
    organisation = models.CharField(max_length=12, choices=Organisation.choices)
    topics = models.JSONField(default=list)  # AdviceTopic values; empty: any
    languages = models.JSONField(default=list)  # Language values
    account = models.OneToOneField(
        User, null=True, blank=True, on_delete=models.PROTECT, related_name="adviser"
    )  # a portal account, when the adviser signs in
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class SlotStatus(models.TextChoices):
    OPEN = "OPEN", "開放 Open"
    CLOSED = "CLOSED", "已關閉 Closed"  # its start passed without a booking, or withdrawn


class AdviceSlot(models.Model):
    """A time an adviser gives advice. Taken when it holds an active booking."""

    adviser = models.ForeignKey(Adviser, on_delete=models.PROTECT, related_name="slots")
    date = models.DateField()
    start_time = models.TimeField()
    end_time = models.TimeField()
    mode = models.CharField(max_length=10, choices=Mode.choices)
    place = models.CharField(max_length=120)  # room, or "phone: we call you"
    status = models.CharField(max_length=8, choices=SlotStatus.choices, default=SlotStatus.OPEN)
    closed_reason = models.CharField(max_length=200, blank=True)
    created_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["date", "start_time"]
        constraints = [
            models.UniqueConstraint(fields=["adviser", "date", "start_time"], name="advice_one_slot_per_adviser_start"),
            models.CheckConstraint(name="advice_slot_ends_after_start", condition=Q(end_time__gt=models.F("start_time"))),
        ]
        indexes = [models.Index(fields=["date", "status"])]


class BookingStatus(models.TextChoices):
    BOOKED = "BOOKED", "已預約 Booked"
    CANCELLED = "CANCELLED", "已取消 Cancelled"
    ATTENDED = "ATTENDED", "已諮詢 Advice given"
    NO_SHOW = "NO_SHOW", "未到 Did not come"


ACTIVE_BOOKING = ("BOOKED", "ATTENDED", "NO_SHOW")  # what holds a slot


class AdviceBooking(models.Model):
    slot = models.ForeignKey(AdviceSlot, on_delete=models.PROTECT, related_name="bookings")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="advice_bookings")
    slot_date = models.DateField()  # the slot's date, for the one-a-day constraint
    booked_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    channel = models.CharField(max_length=10, default="portal")  # portal, api, phone, counter
    topic = models.CharField(max_length=24, choices=AdviceTopic.choices)
    question = models.TextField()
    language = models.CharField(max_length=4, choices=Language.choices, default=Language.MANDARIN)
    phone = models.CharField(max_length=30, blank=True)  # where to call for a phone slot
    status = models.CharField(max_length=10, choices=BookingStatus.choices, default=BookingStatus.BOOKED)
    created_at = models.DateTimeField(auto_now_add=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancelled_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    cancel_reason = models.CharField(max_length=200, blank=True)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)
    outcome_recorded_at = models.DateTimeField(null=True, blank=True)
    outcome_recorded_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    # The adviser's note: for the department's records only (律師倫理規範 confidentiality
    # and 個人資料保護法): the citizen sees that advice was given, not the note.
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["slot_date", "slot__start_time"]
        constraints = [
            # A slot holds one booking at a time; a cancelled one frees it.
            models.UniqueConstraint(
                fields=["slot"], condition=Q(status__in=ACTIVE_BOOKING), name="advice_one_active_booking_per_slot"
            ),
            # One active booking per person per day.
            models.UniqueConstraint(
                fields=["person", "slot_date"], condition=Q(status__in=ACTIVE_BOOKING),
                name="advice_one_booking_per_person_per_day",
            ),
        ]
        indexes = [models.Index(fields=["person", "status", "slot_date"])]


class BookingDocument(models.Model):
    """A file the citizen attached to the booking (contract, pay slips)."""

    booking = models.ForeignKey(AdviceBooking, on_delete=models.PROTECT, related_name="documents")
    file = models.FileField(upload_to="advice/%Y/%m/")
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
