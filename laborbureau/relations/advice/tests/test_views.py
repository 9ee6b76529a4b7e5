"""The advice pages: the public slot list, booking on the portal, the staff pages
(query counts on the lists), and who gets 404."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from laborbureau.core.models import AccessLogEntry, Role
from laborbureau.core.tests.factories import citizen, staff
from laborbureau.relations.advice import services
from laborbureau.relations.advice.models import AdviceBooking
from laborbureau.relations.advice.tests.factories import adviser, lr_officer, move_to_past, slot

pytestmark = pytest.mark.django_db


def test_the_slot_list_is_public(client):
    target = slot()
    response = client.get("/portal/advice/")
    assert response.status_code == 200
    assert f"/portal/advice/slots/{target.pk}/book/" in response.content.decode()


def test_a_citizen_books_on_the_portal_and_sees_the_booking(client):
    worker = citizen()
    target = slot()
    client.force_login(worker)
    response = client.post(f"/portal/advice/slots/{target.pk}/book/",
                           {"topic": "SEVERANCE", "question": "資遣費怎麼算？", "language": "zh"})
    assert response.status_code == 302
    assert AdviceBooking.objects.get().person == worker.person
    page = client.get("/portal/advice/bookings/").content.decode()
    assert "資遣費怎麼算？" in page


def test_a_booking_refused_by_the_service_shows_the_message(client):
    target = slot()
    services.booking_create(actor=citizen(), slot=target,
                            data=services.BookingInput(topic="OTHER", question="q"))
    client.force_login(citizen())
    response = client.post(f"/portal/advice/slots/{target.pk}/book/",
                           {"topic": "SEVERANCE", "question": "資遣費怎麼算？", "language": "zh"})
    assert response.status_code == 422
    assert "剛被預約" in response.content.decode()
    assert AdviceBooking.objects.count() == 1


@pytest.mark.parametrize("path", ["/staff/advice/", "/staff/advice/bookings/", "/staff/advice/no-shows/",
                                  "/staff/advice/figures/", "/staff/advice/advisers/"])
def test_staff_lists_run_in_a_fixed_number_of_queries(client, path):
    officer = lr_officer()
    client.force_login(officer)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        return len(queries)

    booking_slot = slot(created_by=officer)
    services.booking_create(actor=citizen(), slot=booking_slot,
                            data=services.BookingInput(topic="OTHER", question="q"))
    count()  # warm up: the first access-log entry creates the chain head
    few = count()
    for _ in range(4):
        services.booking_create(actor=citizen(), slot=slot(who=adviser(), created_by=officer),
                                data=services.BookingInput(topic="OTHER", question="q"))
    assert count() == few


def test_other_units_and_citizens_get_404_on_staff_pages(client):
    for user in (staff(Role.CASE_OFFICER, "LS"), citizen()):
        client.force_login(user)
        assert client.get("/staff/advice/").status_code == 404


def test_the_booking_page_logs_the_read_and_records_a_no_show(client):
    officer = lr_officer()
    target = slot(created_by=officer)
    booking = services.booking_create(actor=citizen(), slot=target,
                                      data=services.BookingInput(topic="OTHER", question="q"))
    move_to_past(target)
    client.force_login(officer)
    assert client.get(f"/staff/advice/bookings/{booking.pk}/").status_code == 200
    assert AccessLogEntry.objects.filter(object_type="advice_booking", object_id=str(booking.pk)).count() == 1
    response = client.post(f"/staff/advice/bookings/{booking.pk}/", {"outcome": "NO_SHOW", "note": ""})
    assert response.status_code == 302
    assert AdviceBooking.objects.get().status == "NO_SHOW"


def test_the_adviser_desk_shows_only_their_own_day(client):
    account = citizen()
    mine = slot(who=adviser(account=account))
    other = slot(who=adviser(name="別人"))
    for target in (mine, other):
        services.booking_create(actor=citizen(), slot=target,
                                data=services.BookingInput(topic="OTHER", question="q"))
    client.force_login(account)
    page = client.get(f"/portal/advice/desk/?date_from={mine.date:%Y-%m-%d}").content.decode()
    assert page.count("/portal/advice/desk/") >= 1
    assert AdviceBooking.objects.get(slot=mine).person.name in page
    assert AdviceBooking.objects.get(slot=other).person.name not in page
    client.force_login(citizen())
    assert client.get("/portal/advice/desk/").status_code == 404
