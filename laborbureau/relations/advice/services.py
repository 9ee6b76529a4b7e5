"""Writes of the advice desk: advisers, slots (published in bulk), bookings, their
cancellation and outcome, and the periodic sweep (reminders the day before; slots
nobody took closed once they start).

Races: a slot is booked under its row lock, and two partial unique constraints
back it (one active booking per slot; one per person per day), so two citizens who
press "book" at once get one booking and one 409, on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import hashlib
import mimetypes
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from laborbureau.cases.services import ALLOWED_ATTACHMENT_TYPES
from laborbureau.core import access
from laborbureau.core.errors import ApplicationError, Conflict, Forbidden
from laborbureau.core.models import Person, Unit, User, UserKind
from laborbureau.notify.models import Channel
from laborbureau.notify.services import outbox_write
from laborbureau.relations.advice import policy
from laborbureau.relations.advice.models import (
    ACTIVE_BOOKING,
    AdviceBooking,
    AdviceSlot,
    AdviceTopic,
    Adviser,
    AdviserKind,
    BookingDocument,
    BookingStatus,
    Language,
    Mode,
    Organisation,
    SlotStatus,
)
from laborbureau.rules import roc_calendar, working_days
from laborbureau.rules.base import RuleError

UNIT_CODE = "LR"
MAX_QUESTION = 2000
MAX_NOTE = 2000
MAX_DOCUMENTS = 5
MAX_SLOTS_PER_PUBLISH = 400
MAX_PUBLISH_DAYS = 180


# --- who may do what --------------------------------------------------------------


def _unit_id() -> int:
    return Unit.objects.values_list("pk", flat=True).get(code=UNIT_CODE)


def can_manage(user: User) -> bool:
    """Officers of the Labor Relations Section (and the director) run the desk."""
    return bool(user.is_authenticated and user.kind == UserKind.STAFF and access.can_act_on_unit(user, _unit_id()))


def can_read(user: User) -> bool:
    """Staff pages: the section, the director and the auditor."""
    return bool(user.is_authenticated and user.kind == UserKind.STAFF and access.can_read_unit(user, _unit_id()))


def require_manager(actor: User) -> None:
    if not can_manage(actor):
        raise Forbidden("只有勞資關係科人員可以管理諮詢時段。", "Only the Labor Relations Section manages advice slots.")


def adviser_of(user: User) -> Adviser | None:
    if not user.is_authenticated or user.kind == UserKind.STAFF:
        return None
    return Adviser.objects.filter(account=user, active=True).first()


def slot_start(slot: AdviceSlot) -> datetime:
    return timezone.make_aware(datetime.combine(slot.date, slot.start_time))


# --- advisers -----------------------------------------------------------------------


def _clean_choices(values, choices, field: str, label_zh: str, label_en: str) -> list[str]:
    chosen = [str(v) for v in dict.fromkeys(values or []) if v]
    if any(value not in choices.values for value in chosen):
        raise ApplicationError(f"{label_zh}的選項不正確。", f"{label_en}: unknown choice.", field=field)
    return chosen


def adviser_create(
    *, actor: User, kind: str, name: str, organisation: str, topics: list[str] | None = None,
    languages: list[str] | None = None, account: User | None = None,
) -> Adviser:
    """Register an adviser (a volunteer lawyer or a volunteer), optionally linked to the
    portal account they sign in with. Creates: Adviser."""
    require_manager(actor)
    if kind not in AdviserKind.values:
        raise ApplicationError("請選擇顧問類別。", "Choose the kind of adviser.", field="kind")
    if organisation not in Organisation.values:
        raise ApplicationError("請選擇所屬單位。", "Choose the organisation.", field="organisation")
    name = (name or "").strip()
    if not name or len(name) > 80:
        raise ApplicationError("請填寫姓名（80字以內）。", "Give a name (up to 80 characters).", field="name")
    topics = _clean_choices(topics, AdviceTopic, "topics", "諮詢主題", "Topics")
    languages = _clean_choices(languages or [Language.MANDARIN], Language, "languages", "語言", "Languages")
    if account is not None:
        if account.kind != UserKind.CITIZEN or not account.is_active:
            raise ApplicationError(
                "顧問帳號須為有效的民眾帳號（顧問不具機關人員權限）。",
                "An adviser signs in with an active portal account (advisers have no staff role).",
                field="account",
            )
        if Adviser.objects.filter(account=account).exists():
            raise ApplicationError("此帳號已連結其他顧問。", "This account is already linked to an adviser.", field="account")
    return Adviser.objects.create(
        kind=kind, name=name, organisation=organisation, topics=topics, languages=languages, account=account
    )


# --- slots --------------------------------------------------------------------------


@dataclass(frozen=True)
class PublishResult:
    created: list[AdviceSlot]
    skipped: list[tuple[date, time, str]]  # (day, start, reason)


def _parse_times(start_times: list[str | time]) -> list[time]:
    parsed = []
    for value in start_times:
        if isinstance(value, time):
            parsed.append(value)
            continue
        text = str(value).strip()
        try:
            hour, minute = text.split(":")
            parsed.append(time(int(hour), int(minute)))
        except ValueError:
            raise ApplicationError(
                f"開始時間「{text[:10]}」格式不正確，請用 14:00。", f"Start time {text[:10]!r}: use HH:MM.",
                field="start_times",
            ) from None
    if not parsed:
        raise ApplicationError("請至少填寫一個開始時間。", "Give at least one start time.", field="start_times")
    return sorted(set(parsed))


def slots_publish(
    *, actor: User, adviser: Adviser, date_from: date, date_to: date, weekdays: list[int],
    start_times: list[str | time], duration_minutes: int, mode: str, place: str,
) -> PublishResult:
    """Publish slots in bulk: every `start_times` on each `weekdays` (0 = Monday)
    between the dates, skipping the days government offices do not work
    (rules.working_days: weekends, holidays, make-up working Saturdays count as
    working) and any time the adviser already has a slot that overlaps.
    Creates: AdviceSlot rows."""
    require_manager(actor)
    if not adviser.active:
        raise ApplicationError("此顧問已停用。", "This adviser is inactive.", field="adviser")
    if date_from is None or date_to is None or date_to < date_from:
        raise ApplicationError("結束日期不可早於開始日期。", "The end date is before the start date.", field="date_to")
    today = timezone.localdate()
    if date_from < today:
        raise ApplicationError("不能開放過去的時段。", "Slots cannot be published in the past.", field="date_from")
    if (date_to - date_from).days > MAX_PUBLISH_DAYS:
        raise ApplicationError(
            f"一次最多開放{MAX_PUBLISH_DAYS}天。", f"At most {MAX_PUBLISH_DAYS} days at once.", field="date_to"
        )
    days = sorted({int(d) for d in weekdays or [] if str(d).lstrip("-").isdigit()})
    if not days or any(d < 0 or d > 6 for d in days):
        raise ApplicationError("請選擇星期。", "Choose the weekdays.", field="weekdays")
    if isinstance(duration_minutes, bool) or not isinstance(duration_minutes, int) or not 10 <= duration_minutes <= 180:
        raise ApplicationError("每段時間為10至180分鐘。", "A slot lasts 10 to 180 minutes.", field="duration_minutes")
    if mode not in Mode.values:
        raise ApplicationError("請選擇諮詢方式。", "Choose how the advice is given.", field="mode")
    place = (place or "").strip()
    if not place or len(place) > 120:
        raise ApplicationError("請填寫地點或聯繫方式（120字以內）。", "Give the place (up to 120 characters).", field="place")
    times = _parse_times(start_times)
    length = timedelta(minutes=duration_minutes)
    windows = []
    for start in times:
        end_dt = datetime.combine(today, start) + length
        if end_dt.date() != today:
            raise ApplicationError("時段不可跨日。", "A slot cannot run past midnight.", field="start_times")
        windows.append((start, end_dt.time()))
    for (_, first_end), (second_start, _) in zip(windows, windows[1:], strict=False):
        if second_start < first_end:
            raise ApplicationError(
                "開始時間彼此重疊，請加大間隔或縮短每段時間。",
                "The start times overlap; space them out or shorten the slots.",
                field="start_times",
            )
    created: list[AdviceSlot] = []
    skipped: list[tuple[date, time, str]] = []
    with transaction.atomic():
        # Lock the adviser: two officers publishing for one adviser at once cannot
        # both create overlapping slots.
        Adviser.objects.select_for_update().get(pk=adviser.pk)
        existing: dict[date, list[tuple[time, time]]] = {}
        for day, start, end in AdviceSlot.objects.filter(
            adviser=adviser, date__range=(date_from, date_to), status=SlotStatus.OPEN
        ).values_list("date", "start_time", "end_time"):
            existing.setdefault(day, []).append((start, end))
        day = date_from
        while day <= date_to:
            if day.weekday() in days:
                try:
                    working = working_days.is_working_day(day)
                except RuleError:
                    raise ApplicationError(
                        "行事曆尚未涵蓋此日期，無法判斷是否為上班日。",
                        "The official calendar does not cover this date yet.", field="date_to",
                    ) from None
                for start, end in windows:
                    if not working:
                        skipped.append((day, start, working_days.holiday_name(day) or "非上班日"))
                        continue
                    if any(start < other_end and other_start < end for other_start, other_end in existing.get(day, [])):
                        skipped.append((day, start, "與既有時段重疊"))
                        continue
                    if len(created) >= MAX_SLOTS_PER_PUBLISH:
                        raise ApplicationError(
                            f"一次最多開放{MAX_SLOTS_PER_PUBLISH}個時段。",
                            f"At most {MAX_SLOTS_PER_PUBLISH} slots at once.", field="date_to",
                        )
                    created.append(AdviceSlot(
                        adviser=adviser, date=day, start_time=start, end_time=end, mode=mode, place=place,
                        created_by=actor,
                    ))
                    existing.setdefault(day, []).append((start, end))
            day += timedelta(days=1)
        AdviceSlot.objects.bulk_create(created)
    return PublishResult(created=created, skipped=skipped)


def slot_close(*, actor: User, slot: AdviceSlot, reason: str) -> AdviceSlot:
    """Withdraw an open slot nobody has booked (cancel its booking first).
    Changes: the slot's status."""
    require_manager(actor)
    reason = (reason or "").strip()
    if not reason:
        raise ApplicationError("請說明關閉理由。", "Give the reason.", field="reason")
    with transaction.atomic():
        slot = AdviceSlot.objects.select_for_update().get(pk=slot.pk)
        if slot.status != SlotStatus.OPEN:
            raise Conflict("此時段已關閉。", "This slot is already closed.")
        if slot.bookings.filter(status__in=ACTIVE_BOOKING).exists():
            raise Conflict("此時段已有預約，請先取消預約。", "This slot is booked; cancel the booking first.")
        slot.status = SlotStatus.CLOSED
        slot.closed_reason = reason[:200]
        slot.save(update_fields=["status", "closed_reason"])
    return slot


# --- bookings -------------------------------------------------------------------------


@dataclass(frozen=True)
class BookingInput:
    topic: str
    question: str
    language: str = Language.MANDARIN
    phone: str = ""
    attachments: list[tuple[str, bytes]] | None = None


def _store_document(booking: AdviceBooking, actor: User, name: str, content: bytes) -> BookingDocument:
    if not content:
        raise ApplicationError("檔案是空的。", "The file is empty.", field="attachments")
    if len(content) > settings.ATTACHMENT_MAX_BYTES:
        limit_mb = settings.ATTACHMENT_MAX_BYTES // (1024 * 1024)
        raise ApplicationError(f"檔案超過 {limit_mb} MB 上限。", f"The file exceeds {limit_mb} MB.", field="attachments")
    content_type = next((kind for kind, magic in ALLOWED_ATTACHMENT_TYPES.items() if content.startswith(magic)), None)
    if content_type is None:
        raise ApplicationError("只接受 PDF、JPEG 或 PNG 檔案。", "Only PDF, JPEG or PNG files.", field="attachments")
    digest = hashlib.sha256(content).hexdigest()
    clean = (name or "attachment").replace("/", "_").replace("\\", "_").strip()[:150] or "attachment"
    document = BookingDocument(
        booking=booking, original_name=clean, content_type=content_type, size=len(content), sha256=digest,
        uploaded_by=actor,
    )
    document.file.save(f"{digest[:16]}{mimetypes.guess_extension(content_type) or ''}", ContentFile(content), save=False)
    try:
        document.save()
    except Exception:
        document.file.delete(save=False)
        raise
    return document


def person_block(person: Person, today: date | None = None) -> policy.Block | None:
    """The no-show block on online booking, if any (policy.booking_block)."""
    today = today or timezone.localdate()
    since = today - timedelta(days=policy.NO_SHOW_WINDOW_DAYS + policy.BLOCK_DAYS)
    dates = list(
        AdviceBooking.objects.filter(person=person, status=BookingStatus.NO_SHOW, slot_date__gte=since)
        .values_list("slot_date", flat=True)
    )
    return policy.booking_block(dates, today)


def booking_create(
    *, actor: User, slot: AdviceSlot, data: BookingInput, person: Person | None = None, channel: str = "portal"
) -> AdviceBooking:
    """Book `slot` for the signed-in citizen (or, for an officer taking a phone call,
    for `person`). Refuses a slot that is closed, taken, too close to its start, a
    second booking the same day, and — online only — a person blocked by no-shows.
    Writes the booking, its documents and the confirmation notice in one transaction."""
    if actor.kind == UserKind.CITIZEN:
        if actor.person_id is None:
            raise ApplicationError("請先完成身分資料。", "Complete your identity details first.", field="person")
        person = actor.person
        channel = channel if channel in ("portal", "api") else "portal"
    elif actor.kind == UserKind.STAFF:
        require_manager(actor)
        if person is None:
            raise ApplicationError("請指定預約人。", "Name the person booking.", field="person")
        channel = channel if channel in ("phone", "counter") else "phone"
    else:
        raise Forbidden("事業單位帳號不能預約勞工法律諮詢。", "Employer accounts cannot book advice for workers.")
    if data.topic not in AdviceTopic.values:
        raise ApplicationError("請選擇諮詢主題。", "Choose a topic.", field="topic")
    if data.language not in Language.values:
        raise ApplicationError("語言選項不正確。", "Unknown language.", field="language")
    question = (data.question or "").strip()
    if not question:
        raise ApplicationError("請簡述想詢問的問題。", "Describe your question briefly.", field="question")
    if len(question) > MAX_QUESTION:
        raise ApplicationError(f"問題請在{MAX_QUESTION}字以內。", f"Keep it within {MAX_QUESTION} characters.",
                               field="question")
    attachments = data.attachments or []
    if len(attachments) > MAX_DOCUMENTS:
        raise ApplicationError(f"附件最多{MAX_DOCUMENTS}個。", f"At most {MAX_DOCUMENTS} files.", field="attachments")
    phone = (data.phone or "").strip()[:30]
    now = timezone.now()
    with transaction.atomic():
        slot = AdviceSlot.objects.select_for_update().select_related("adviser").get(pk=slot.pk)
        if slot.adviser.account_id is not None and slot.adviser.account_id == actor.pk:
            raise ApplicationError("不能預約自己的時段。", "You cannot book your own slot.", field="slot")
        if slot.status != SlotStatus.OPEN:
            raise Conflict("此時段已關閉，請選擇其他時段。", "This slot is closed; choose another.")
        if not policy.can_book(slot_start(slot), now):
            raise ApplicationError(
                f"此時段已無法預約（須於開始前{policy.BOOKING_LEAD_MINUTES}分鐘、{policy.BOOKING_HORIZON_DAYS}日內預約）。",
                f"This slot can no longer be booked (book at least {policy.BOOKING_LEAD_MINUTES} minutes ahead, "
                f"within {policy.BOOKING_HORIZON_DAYS} days).",
                field="slot",
            )
        if slot.mode == Mode.PHONE and not (phone or person.phone):
            raise ApplicationError("電話諮詢請留下聯絡電話。", "Give a phone number for a phone consultation.",
                                   field="phone")
        if slot.bookings.filter(status__in=ACTIVE_BOOKING).exists():
            raise Conflict("此時段剛被預約，請選擇其他時段。", "This slot has just been booked; choose another.")
        same_day = AdviceBooking.objects.filter(person=person, slot_date=slot.date, status__in=ACTIVE_BOOKING).first()
        if same_day is not None:
            raise ApplicationError(
                "同一天只能預約一個時段；請先取消原預約。",
                "One booking per day; cancel the other booking first.", field="slot", code="duplicate",
            )
        if actor.kind == UserKind.CITIZEN:
            block = person_block(person, timezone.localdate())
            if block is not None:
                raise ApplicationError(
                    f"您於{policy.NO_SHOW_WINDOW_DAYS}日內已有{block.no_shows}次預約未到，"
                    f"線上預約暫停至{roc_calendar.format_long(block.until)}；如需諮詢請來電本局。",
                    f"You missed {block.no_shows} bookings within {policy.NO_SHOW_WINDOW_DAYS} days; online booking "
                    f"is paused until {block.until.isoformat()}. Please phone us.",
                    field="slot", code="blocked",
                )
        try:
            with transaction.atomic():
                booking = AdviceBooking.objects.create(
                    slot=slot, person=person, slot_date=slot.date, booked_by=actor, channel=channel,
                    topic=data.topic, question=question, language=data.language, phone=phone,
                )
        except IntegrityError:
            raise Conflict("此時段剛被預約，請選擇其他時段。", "This slot has just been booked; choose another.") from None
        for name, content in attachments:
            _store_document(booking, actor, name, content)
        _notify_person(
            booking,
            subject_zh=f"法律諮詢預約成功：{roc_calendar.format_short(slot.date)} {slot.start_time:%H:%M}",
            subject_en=f"Legal advice booked: {slot.date.isoformat()} {slot.start_time:%H:%M}",
            body_zh=f"地點／方式：{slot.place}（{Mode(slot.mode).label.split()[0]}）。如需取消，請於開始前"
            f"{policy.CANCEL_CUTOFF_HOURS}小時於線上取消。",
            body_en=f"Place: {slot.place}. Cancel online at least {policy.CANCEL_CUTOFF_HOURS} hours before.",
        )
    return booking


def _notify_person(booking: AdviceBooking, *, subject_zh: str, subject_en: str, body_zh: str = "",
                   body_en: str = "") -> None:
    accounts = list(User.objects.filter(person_id=booking.person_id, is_active=True, kind=UserKind.CITIZEN))
    for account in accounts:
        outbox_write(recipient=account, subject_zh=subject_zh, subject_en=subject_en, body_zh=body_zh,
                     body_en=body_en, link="/portal/advice/bookings/")
    if not accounts and booking.person.email:
        outbox_write(email=booking.person.email, subject_zh=subject_zh, subject_en=subject_en, body_zh=body_zh,
                     body_en=body_en, channels=(Channel.EMAIL,))


def booking_cancel(*, actor: User, booking: AdviceBooking, reason: str = "") -> AdviceBooking:
    """Cancel a booking and free its slot. The citizen may cancel their own up to
    policy.CANCEL_CUTOFF_HOURS before the start; an officer any time before it.
    Changes: the booking's status (the slot is free again)."""
    with transaction.atomic():
        booking = AdviceBooking.objects.select_for_update().select_related("slot", "person").get(pk=booking.pk)
        own = actor.kind == UserKind.CITIZEN and actor.person_id == booking.person_id
        if not own and not can_manage(actor):
            raise Forbidden("您不能取消此預約。", "You may not cancel this booking.")
        if booking.status != BookingStatus.BOOKED:
            raise Conflict("此預約已取消或已結束。", "This booking is already cancelled or over.")
        now = timezone.now()
        start = slot_start(booking.slot)
        if own and now > policy.cancel_deadline(start):
            raise ApplicationError(
                f"開始前{policy.CANCEL_CUTOFF_HOURS}小時內無法線上取消，請來電本局。",
                f"Within {policy.CANCEL_CUTOFF_HOURS} hours of the start, please phone us to cancel.",
                field="booking",
            )
        if now >= start:
            raise ApplicationError("時段已開始，無法取消。", "The slot has started.", field="booking")
        booking.status = BookingStatus.CANCELLED
        booking.cancelled_at = now
        booking.cancelled_by = actor
        booking.cancel_reason = (reason or "").strip()[:200]
        booking.save(update_fields=["status", "cancelled_at", "cancelled_by", "cancel_reason"])
        if not own:
            _notify_person(
                booking,
                subject_zh=f"您的法律諮詢預約已由本局取消：{roc_calendar.format_short(booking.slot_date)}",
                subject_en=f"Your legal advice booking was cancelled by the department: {booking.slot_date}",
                body_zh=booking.cancel_reason,
            )
    return booking


def can_record_outcome(user: User, booking: AdviceBooking) -> bool:
    if can_manage(user):
        return True
    adviser = adviser_of(user)
    return adviser is not None and booking.slot.adviser_id == adviser.pk


def booking_outcome_record(*, actor: User, booking: AdviceBooking, outcome: str, note: str = "") -> AdviceBooking:
    """After the slot has started: record that the advice was given (with the
    adviser's short note, kept for the department's records) or that the person did
    not come (a no-show counts against future online bookings, policy.booking_block).
    Changes: the booking's status and note; tells the citizen that advice was given
    (never the note)."""
    if outcome not in (BookingStatus.ATTENDED, BookingStatus.NO_SHOW):
        raise ApplicationError("請選擇結果。", "Choose the outcome.", field="outcome")
    note = (note or "").strip()
    if outcome == BookingStatus.ATTENDED and not note:
        raise ApplicationError("請填寫諮詢紀要。", "Write the advice note.", field="note")
    if len(note) > MAX_NOTE:
        raise ApplicationError(f"紀要請在{MAX_NOTE}字以內。", f"Keep the note within {MAX_NOTE} characters.",
                               field="note")
    with transaction.atomic():
        booking = AdviceBooking.objects.select_for_update().select_related("slot", "person").get(pk=booking.pk)
        if not can_record_outcome(actor, booking):
            raise Forbidden("只有該時段的顧問或承辦人可以登錄。", "Only the slot's adviser or an officer may record this.")
        if booking.status != BookingStatus.BOOKED:
            raise Conflict("此預約已登錄結果或已取消。", "This booking already has an outcome or was cancelled.")
        if timezone.now() < slot_start(booking.slot):
            raise ApplicationError("時段開始後才能登錄結果。", "Record the outcome once the slot has started.",
                                   field="outcome")
        booking.status = outcome
        booking.note = note
        booking.outcome_recorded_at = timezone.now()
        booking.outcome_recorded_by = actor
        booking.save(update_fields=["status", "note", "outcome_recorded_at", "outcome_recorded_by"])
        if outcome == BookingStatus.ATTENDED:
            _notify_person(
                booking,
                subject_zh="感謝您使用本局法律諮詢服務",
                subject_en="Thank you for using our legal advice service",
                body_zh="如需後續協助（調解、申訴、訴訟補助），請於本局網站提出申請。",
                body_en="For further help (mediation, complaints, litigation aid), apply on our website.",
            )
    return booking


# --- the periodic sweep ---------------------------------------------------------------


def reminders_send(now: datetime | None = None) -> int:
    """Remind everyone booked for tomorrow (calendar day), once: the conditional
    update claims each booking, so two schedulers or a rerun send nothing twice."""
    now = now or timezone.now()
    tomorrow = timezone.localdate(now) + timedelta(days=1)
    sent = 0
    for booking in AdviceBooking.objects.filter(
        status=BookingStatus.BOOKED, slot_date=tomorrow, reminder_sent_at__isnull=True
    ).select_related("slot", "person"):
        with transaction.atomic():
            claimed = AdviceBooking.objects.filter(
                pk=booking.pk, status=BookingStatus.BOOKED, reminder_sent_at__isnull=True
            ).update(reminder_sent_at=now)
            if not claimed:
                continue
            slot = booking.slot
            _notify_person(
                booking,
                subject_zh=f"提醒：明天 {slot.start_time:%H:%M} 法律諮詢",
                subject_en=f"Reminder: legal advice tomorrow at {slot.start_time:%H:%M}",
                body_zh=f"地點／方式：{slot.place}。如無法前往，請於開始前{policy.CANCEL_CUTOFF_HOURS}小時取消，"
                "未到將影響日後線上預約。",
                body_en=f"Place: {slot.place}. If you cannot come, cancel {policy.CANCEL_CUTOFF_HOURS} hours ahead; "
                "missed bookings affect future online booking.",
            )
            sent += 1
    return sent


def slots_close_untaken(now: datetime | None = None) -> int:
    """Close the open slots whose start has passed without a booking."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    local_now = timezone.localtime(now).time()
    taken = AdviceBooking.objects.filter(slot=OuterRef("pk"), status__in=ACTIVE_BOOKING)
    started = AdviceSlot.objects.filter(status=SlotStatus.OPEN).exclude(Exists(taken))
    started = started.filter(date__lt=today) | started.filter(date=today, start_time__lte=local_now)
    return AdviceSlot.objects.filter(pk__in=started.values("pk"), status=SlotStatus.OPEN).update(
        status=SlotStatus.CLOSED, closed_reason="時段開始時無人預約 Not booked by its start"
    )


def advice_sweep() -> int:
    """The periodic sweep registered from AdviceConfig.ready()."""
    return reminders_send() + slots_close_untaken()
