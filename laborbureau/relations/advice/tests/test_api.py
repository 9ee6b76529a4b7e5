"""The advice desk through the API: the public list carries no personal data, a
citizen books and cancels with a token, refusals answer 4xx with the field path."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from laborbureau.core.services import api_token_create
from laborbureau.core.tests.factories import citizen
from laborbureau.relations.advice.models import AdviceBooking, AdviceSlot
from laborbureau.relations.advice.tests.factories import adviser, lr_officer, move_to_past, slot

pytestmark = pytest.mark.django_db


def api(user) -> Client:
    _, key = api_token_create(user=user, name="test")
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}")


BOOK = {"topic": "DISMISSAL", "question": "公司口頭解僱，未給資遣費。"}


def test_open_slots_are_public_without_personal_data_in_a_fixed_number_of_queries():
    officer = lr_officer()
    for n in range(3):
        slot(who=adviser(name=f"王律師{n}"), created_by=officer)
    with CaptureQueriesContext(connection) as queries:
        response = Client().get("/api/v1/advice-slots")
    assert response.status_code == 200
    assert len(queries) == 1
    rows = response.json()
    assert len(rows) == 3
    assert set(rows[0]) == {"id", "date", "start_time", "end_time", "mode", "place", "adviser_kind", "organisation",
                            "languages", "topics"}
    assert "王律師" not in response.content.decode()


def test_a_booked_slot_leaves_the_public_list():
    free, taken = slot(), slot()
    api(citizen()).post(f"/api/v1/advice-slots/{taken.pk}/bookings", BOOK, content_type="application/json")
    assert [row["id"] for row in Client().get("/api/v1/advice-slots").json()] == [free.pk]


def test_a_citizen_books_reads_and_cancels_with_a_token():
    target = slot()
    client = api(citizen())
    response = client.post(f"/api/v1/advice-slots/{target.pk}/bookings", BOOK, content_type="application/json")
    assert response.status_code == 201, response.content
    booking = response.json()
    assert (booking["status"], booking["advice_given"], booking["slot"]["id"]) == ("BOOKED", False, target.pk)
    assert AdviceBooking.objects.get().channel == "api"
    mine = client.get("/api/v1/advice-slots/bookings").json()
    assert [b["id"] for b in mine] == [booking["id"]]
    cancelled = client.post(f"/api/v1/advice-slots/bookings/{booking['id']}/cancel", {"reason": "有事"},
                            content_type="application/json")
    assert cancelled.json()["status"] == "CANCELLED"


def test_a_taken_slot_answers_409_and_someone_elses_booking_404():
    target = slot()
    first = api(citizen()).post(f"/api/v1/advice-slots/{target.pk}/bookings", BOOK, content_type="application/json")
    other = api(citizen())
    second = other.post(f"/api/v1/advice-slots/{target.pk}/bookings", BOOK, content_type="application/json")
    assert second.status_code == 409
    assert other.post(f"/api/v1/advice-slots/bookings/{first.json()['id']}/cancel", {},
                      content_type="application/json").status_code == 404
    assert AdviceBooking.objects.count() == 1


@pytest.mark.parametrize(
    ("payload", "loc"),
    [
        ({"topic": "ASTROLOGY", "question": "?"}, ["body", "topic"]),
        ({"topic": "DISMISSAL", "question": ""}, ["body", "question"]),
        ({"topic": "DISMISSAL"}, ["body", "question"]),
        ({"topic": "DISMISSAL", "question": "x" * 2001}, ["body", "question"]),
    ],
)
def test_bad_bookings_answer_422_at_the_field(payload, loc):
    response = api(citizen()).post(f"/api/v1/advice-slots/{slot().pk}/bookings", payload,
                                   content_type="application/json")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == loc
    assert AdviceBooking.objects.count() == 0


def test_an_unknown_slot_answers_404():
    assert api(citizen()).post("/api/v1/advice-slots/999999/bookings", BOOK,
                               content_type="application/json").status_code == 404


def test_staff_publish_and_citizens_may_not():
    who = adviser()
    start = timezone.localdate() + timezone.timedelta(days=1)
    body = {"adviser_id": who.pk, "date_from": start.isoformat(), "date_to": (start + timezone.timedelta(days=13)).isoformat(),
            "weekdays": [0, 1, 2, 3, 4], "start_times": ["14:00"], "duration_minutes": 30, "mode": "VIDEO",
            "place": "視訊連結另行通知"}
    assert api(citizen()).post("/api/v1/advice-slots", body, content_type="application/json").status_code == 403
    assert AdviceSlot.objects.count() == 0
    response = api(lr_officer()).post("/api/v1/advice-slots", body, content_type="application/json")
    assert response.status_code == 201, response.content
    assert len(response.json()["created"]) == AdviceSlot.objects.count() > 0
    bad = api(lr_officer()).post("/api/v1/advice-slots", {**body, "start_times": ["2x:00"]},
                                 content_type="application/json")
    assert bad.status_code == 422
    assert bad.json()["detail"][0]["loc"] == ["body", "start_times"]


def test_the_adviser_records_the_outcome_through_the_api():
    account = citizen()
    target = slot(who=adviser(account=account))
    booking = api(citizen()).post(f"/api/v1/advice-slots/{target.pk}/bookings", BOOK,
                                  content_type="application/json").json()
    move_to_past(target)
    response = api(account).post(f"/api/v1/advice-slots/bookings/{booking['id']}/outcome",
                                 {"outcome": "ATTENDED", "note": "說明調解程序"}, content_type="application/json")
    assert response.status_code == 200, response.content
    assert response.json()["advice_given"] is True
    assert "note" not in response.json()
