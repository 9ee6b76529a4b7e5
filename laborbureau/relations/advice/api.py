"""REST endpoints of 義務律師諮詢 Volunteer-lawyer advice (`/api/v1/advice-slots`).

Open slots are public and carry no personal data. A citizen books and cancels
their own with their token; the section's officers publish slots; the slot's
adviser (a portal account linked to an adviser) or an officer records the outcome.
"""

import datetime as dt
from typing import Literal

from django.http import Http404
from ninja import Field, Query, Router, Schema
from ninja.responses import Status

from laborbureau.api.errors import errors
from laborbureau.api.schemas import Text
from laborbureau.core.errors import ApplicationError
from laborbureau.core.services import access_log_record
from laborbureau.relations.advice import selectors, services
from laborbureau.relations.advice.models import AdviceSlot, AdviceTopic, Adviser, Language, Mode

router = Router(tags=["advice 義務律師法令諮詢"])


class SlotOut(Schema):
    id: int = Field(description="時段編號 Slot id.", examples=[42])
    date: dt.date = Field(description="日期 Date.", examples=["2026-12-03"])
    start_time: dt.time = Field(description="開始 Start (Asia/Taipei).", examples=["14:00:00"])
    end_time: dt.time = Field(description="結束 End.", examples=["14:30:00"])
    mode: str = Field(description="方式 IN_PERSON, PHONE or VIDEO.", examples=["IN_PERSON"])
    place: str = Field(description="地點或聯繫方式 Place.", examples=["勞動局勞資關係科諮詢室"])
    adviser_kind: str = Field(description="顧問類別 LAWYER or VOLUNTEER.", examples=["LAWYER"])
    organisation: str = Field(description="所屬 TAIPEI_BAR, LEGAL_AID, DEPARTMENT, OTHER.", examples=["TAIPEI_BAR"])
    languages: list[str] = Field(description="語言代碼 Languages.", examples=[["zh", "nan"]])
    topics: list[str] = Field(description="擅長主題（空為不限） Topics (empty: any).", examples=[["DISMISSAL"]])


def _slot_out(slot: AdviceSlot) -> dict:
    return {
        "id": slot.pk, "date": slot.date, "start_time": slot.start_time, "end_time": slot.end_time,
        "mode": slot.mode, "place": slot.place, "adviser_kind": slot.adviser.kind,
        "organisation": slot.adviser.organisation, "languages": slot.adviser.languages, "topics": slot.adviser.topics,
    }


class SlotFilter(Schema):
    date_from: dt.date | None = Field(None, description="起日 From.", examples=["2026-12-01"])
    date_to: dt.date | None = Field(None, description="迄日 To.", examples=["2026-12-31"])
    topic: AdviceTopic | None = Field(None, description="主題 Topic.", examples=["DISMISSAL"])
    language: Language | None = Field(None, description="語言 Language.", examples=["vi"])
    mode: Mode | None = Field(None, description="方式 Mode.", examples=["PHONE"])


@router.get(
    "", auth=None, response={200: list[SlotOut], **errors(422)},
    summary="可預約時段 Open slots (public)",
    description="不含個人資料；最多200筆。 No personal data; at most 200 rows.",
)
def slot_list(request, filters: Query[SlotFilter]):
    slots = selectors.open_slots(
        date_from=filters.date_from, date_to=filters.date_to, topic=filters.topic or "",
        language=filters.language or "", mode=filters.mode or "",
    )[:200]
    return [_slot_out(slot) for slot in slots]


class PublishIn(Schema):
    adviser_id: int = Field(description="顧問編號 Adviser id.", examples=[3])
    date_from: dt.date = Field(description="起日 First day.", examples=["2026-12-01"])
    date_to: dt.date = Field(description="迄日 Last day.", examples=["2026-12-31"])
    weekdays: list[int] = Field(min_length=1, max_length=7, description="星期（0=週一） Weekdays, 0 = Monday.",
                                examples=[[1, 3]])
    start_times: list[Text(5, 4)] = Field(min_length=1, max_length=24, description="開始時間 HH:MM.",
                                          examples=[["14:00", "14:40"]])
    duration_minutes: int = Field(ge=10, le=180, description="每段分鐘數 Minutes per slot.", examples=[30])
    mode: Mode = Field(description="方式 Mode.", examples=["IN_PERSON"])
    place: Text(120, 1) = Field(description="地點 Place.", examples=["勞動局勞資關係科諮詢室"])


class PublishOut(Schema):
    created: list[SlotOut] = Field(description="新開放的時段 Slots created.")
    skipped: int = Field(description="略過數（非上班日或重疊） Skipped (days off, overlaps).", examples=[2])


@router.post(
    "", response={201: PublishOut, **errors(401, 403, 404, 409, 422)},
    summary="批次開放時段 Publish slots (staff)",
    description="勞資關係科人員依每週固定時間開放；非上班日自動略過。 Officers of the section publish a weekly "
    "pattern; days off are skipped.",
)
def slot_publish(request, payload: PublishIn):
    adviser = Adviser.objects.filter(pk=payload.adviser_id).first()
    services.require_manager(request.user)
    if adviser is None:
        raise ApplicationError("找不到此顧問。", "Unknown adviser.", field="adviser_id")
    result = services.slots_publish(
        actor=request.user, adviser=adviser, date_from=payload.date_from, date_to=payload.date_to,
        weekdays=payload.weekdays, start_times=list(payload.start_times), duration_minutes=payload.duration_minutes,
        mode=payload.mode, place=payload.place,
    )
    for slot in result.created:
        slot.adviser = adviser
    return Status(201, {"created": [_slot_out(s) for s in result.created], "skipped": len(result.skipped)})


class BookingIn(Schema):
    topic: AdviceTopic = Field(description="諮詢主題 Topic.", examples=["DISMISSAL"])
    question: Text(2000, 1) = Field(description="問題 The question.", examples=["公司口頭解僱，未給資遣費，該怎麼辦？"])
    language: Language = Field(Language.MANDARIN, description="使用語言 Language.", examples=["zh"])
    phone: Text(30) = Field("", description="聯絡電話（電話諮詢必填） Phone (phone slots).", examples=["0912345678"])


class BookingOut(Schema):
    id: int = Field(description="預約編號 Booking id.", examples=[7])
    slot: SlotOut
    status: str = Field(description="BOOKED, CANCELLED, ATTENDED, NO_SHOW.", examples=["BOOKED"])
    topic: str = Field(description="主題 Topic.", examples=["DISMISSAL"])
    question: str = Field(description="問題 Question.", examples=["公司口頭解僱，未給資遣費。"])
    language: str = Field(description="語言 Language.", examples=["zh"])
    advice_given: bool = Field(description="是否已完成諮詢（紀要僅供本局存查，不提供） Whether advice was given "
                               "(the note is kept for the department's records and not shown).", examples=[False])


def _booking_out(booking) -> dict:
    return {
        "id": booking.pk, "slot": _slot_out(booking.slot), "status": booking.status, "topic": booking.topic,
        "question": booking.question, "language": booking.language, "advice_given": booking.status == "ATTENDED",
    }


def _slot_or_404(slot_id: int) -> AdviceSlot:
    slot = AdviceSlot.objects.filter(pk=slot_id).first()
    if slot is None:
        raise Http404
    return slot


@router.post(
    "/{slot_id}/bookings", response={201: BookingOut, **errors(401, 403, 404, 409, 422)},
    summary="預約時段 Book a slot (citizen)",
    description="民眾以本人身分預約；每人每日一個。已被預約回 409。 A citizen books for themself, one a day; a taken "
    "slot answers 409.",
)
def booking_create(request, slot_id: int, payload: BookingIn):
    slot = _slot_or_404(slot_id)
    booking = services.booking_create(
        actor=request.user, slot=slot, channel="api",
        data=services.BookingInput(topic=payload.topic, question=payload.question, language=payload.language,
                                   phone=payload.phone),
    )
    return Status(201, _booking_out(booking))


@router.get(
    "/bookings", response={200: list[BookingOut], **errors(401)},
    summary="預約清單 Bookings",
    description="民眾：自己的預約；顧問：自己時段的預約；勞資關係科：全部（最多500筆）。 Citizens: their own; "
    "advisers: their slots'; the section: all (500 at most).",
)
def booking_list(request, date_from: dt.date | None = None, date_to: dt.date | None = None):
    bookings = list(selectors.bookings_for(user=request.user, date_from=date_from, date_to=date_to)[:500])
    if bookings and (services.can_read(request.user) or services.adviser_of(request.user)):
        access_log_record(user=request.user, action="api", object_type="advice_bookings", object_id="list",
                          purpose="義務律師諮詢預約清單（API）", object_label=f"{len(bookings)} bookings")
    return [_booking_out(b) for b in bookings]


def _booking_or_404(request, booking_id: int):
    booking = selectors.booking_get(user=request.user, pk=booking_id)
    if booking is None:
        raise Http404
    return booking


class CancelIn(Schema):
    reason: Text(200) = Field("", description="取消理由 Reason.", examples=["臨時有事"])


@router.post(
    "/bookings/{booking_id}/cancel", response={200: BookingOut, **errors(401, 403, 404, 409, 422)},
    summary="取消預約 Cancel a booking",
    description="民眾於開始前3小時內不能線上取消（422）。 A citizen cannot cancel online within 3 hours of the start.",
)
def booking_cancel(request, booking_id: int, payload: CancelIn):
    booking = _booking_or_404(request, booking_id)
    return _booking_out(services.booking_cancel(actor=request.user, booking=booking, reason=payload.reason))


class OutcomeIn(Schema):
    outcome: Literal["ATTENDED", "NO_SHOW"] = Field(description="結果 Outcome.", examples=["ATTENDED"])
    note: Text(2000) = Field("", description="諮詢紀要（已諮詢時必填，僅供本局存查） Advice note (required when "
                             "attended; department records only).", examples=["說明資遣費計算及申請調解程序。"])


@router.post(
    "/bookings/{booking_id}/outcome", response={200: BookingOut, **errors(401, 403, 404, 409, 422)},
    summary="登錄諮詢結果 Record the outcome (adviser or officer)",
)
def booking_outcome(request, booking_id: int, payload: OutcomeIn):
    booking = _booking_or_404(request, booking_id)
    return _booking_out(services.booking_outcome_record(actor=request.user, booking=booking,
                                                        outcome=payload.outcome, note=payload.note))
