"""Demo advisers, slots and bookings through the real services: slots for the next
three weeks; past slots (published, then moved back, as the complaint demo backdates
its cases) with advice given and no-shows, so the monthly figures and the no-show
list have rows.

Logins relied on: `lr_officer` (publishes, records outcomes), the demo citizens.
Creates `lawyer_lin` (the demo password; a portal account linked to an adviser: the
adviser desk at /portal/advice/desk/)."""

import random
from datetime import time, timedelta

from django.utils import timezone

from laborbureau.core.models import User, UserKind
from laborbureau.relations.advice import services
from laborbureau.relations.advice.models import AdviceSlot, Adviser

ADVISER_LOGIN = "lawyer_lin"
QUESTIONS = [
    ("DISMISSAL", "公司說業務緊縮要我明天離職，沒有給資遣費，這樣合法嗎？"),
    ("OVERTIME_PAY", "每天加班2小時都沒有加班費，可以怎麼請求？"),
    ("SEVERANCE", "工作6年被資遣，資遣費怎麼算？"),
    ("OCCUPATIONAL_ACCIDENT", "上班途中車禍受傷，公司不准請公傷病假。"),
    ("MEDIATION", "調解不成立後要怎麼提告？可以申請補助嗎？"),
    ("UNPAID_WAGES", "公司已經兩個月沒發薪水，老闆說下個月再發。"),
]


def seed(*, rng: random.Random, citizens: list[User], employers, staff: dict[str, User]) -> int:
    officer = staff["lr_officer"]
    if Adviser.objects.exists():
        return 0
    account = User.objects.filter(username=ADVISER_LOGIN).first()
    if account is None and citizens:
        account = User(username=ADVISER_LOGIN, kind=UserKind.CITIZEN, display_name="林律師（義務律師）",
                       email="lawyer_lin@example.tw", password=citizens[0].password)
        account.save()
    advisers = [
        services.adviser_create(actor=officer, kind="LAWYER", name="林志明律師", organisation="TAIPEI_BAR",
                                languages=["zh", "nan"], account=account),
        services.adviser_create(actor=officer, kind="LAWYER", name="陳怡君律師", organisation="LEGAL_AID",
                                languages=["zh", "en"], topics=["OCCUPATIONAL_ACCIDENT", "DISMISSAL", "LITIGATION"]),
        services.adviser_create(actor=officer, kind="VOLUNTEER", name="黃美玲（志工）", organisation="DEPARTMENT",
                                languages=["zh", "id", "vi"]),
    ]
    today = timezone.localdate()
    created = 0
    for index, adviser in enumerate(advisers):
        result = services.slots_publish(
            actor=officer, adviser=adviser, date_from=today + timedelta(days=1), date_to=today + timedelta(days=21),
            weekdays=[1, 3] if index != 2 else [0, 2, 4], start_times=["14:00", "14:40", "15:20"],
            duration_minutes=30, mode="PHONE" if index == 2 else "IN_PERSON",
            place="電話諮詢（由志工致電）" if index == 2 else "勞動局勞資關係科諮詢室（市府路1號北區1樓）",
        )
        created += len(result.created)
    booked = 0
    open_slots = list(AdviceSlot.objects.order_by("date", "start_time"))
    people = citizens[1:] or citizens
    # Upcoming bookings.
    for person_index, slot in enumerate(open_slots[::4][: min(8, len(people))]):
        topic, question = QUESTIONS[person_index % len(QUESTIONS)]
        services.booking_create(actor=people[person_index % len(people)], slot=slot,
                                data=services.BookingInput(topic=topic, question=question, phone="0912345678"))
        booked += 1
    # History: book, move back, record the outcome.
    history = [s for s in open_slots if not s.bookings.exists()][-12:]
    for number, slot in enumerate(history):
        user = people[(number + 3) % len(people)]
        topic, question = QUESTIONS[number % len(QUESTIONS)]
        try:
            booking = services.booking_create(actor=user, slot=slot,
                                              data=services.BookingInput(topic=topic, question=question,
                                                                         phone="0912345678"))
        except Exception:  # noqa: BLE001, S112 - the same person twice on one day in the demo: skip
            continue
        day = today - timedelta(days=7 * (number + 1))
        AdviceSlot.objects.filter(pk=slot.pk).update(date=day, start_time=time(14, 0), end_time=time(14, 30))
        booking.__class__.objects.filter(pk=booking.pk).update(slot_date=day)
        booking.refresh_from_db()
        outcome = "NO_SHOW" if number % 5 == 4 else "ATTENDED"
        services.booking_outcome_record(actor=officer, booking=booking, outcome=outcome,
                                        note="" if outcome == "NO_SHOW" else "說明相關法令及申請調解程序。")
        booked += 1
    return created + booked
