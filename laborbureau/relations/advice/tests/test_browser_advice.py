"""A citizen books legal advice in a real browser (on a phone), the officer sees it in
the calendar and, after the slot, records the advice; the pages pass axe-core with
no serious or critical violation."""

import pytest

from laborbureau.conftest import axe_serious_violations
from laborbureau.core.tests.factories import citizen
from laborbureau.relations.advice.models import AdviceBooking
from laborbureau.relations.advice.tests.factories import adviser, lr_officer, move_to_past, slot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct horse battery staple"


def sign_in(page, live_server, username):
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="登入").click()
    page.wait_for_load_state()


def test_book_on_a_phone_then_the_officer_records_the_advice(phone_page, page, live_server):
    worker = citizen()
    officer = lr_officer(username="lr_desk")
    target = slot(who=adviser(name="林志明律師"), created_by=officer)

    phone_page.goto(f"{live_server.url}/portal/advice/")
    assert "林志明" not in phone_page.content()  # public list: no adviser names
    assert axe_serious_violations(phone_page) == []
    sign_in(phone_page, live_server, worker.username)
    phone_page.goto(f"{live_server.url}/portal/advice/slots/{target.pk}/book/")
    phone_page.get_by_label("想詢問的問題").fill("")
    phone_page.get_by_role("button", name="確認預約").click()
    phone_page.wait_for_load_state()
    assert phone_page.locator(".field-error").first.is_visible()
    assert AdviceBooking.objects.count() == 0
    phone_page.get_by_label("諮詢主題").select_option("SEVERANCE")
    phone_page.get_by_label("想詢問的問題").fill("工作六年被資遣，資遣費怎麼算？")
    phone_page.get_by_role("button", name="確認預約").click()
    phone_page.wait_for_load_state()
    assert "資遣費怎麼算" in phone_page.content()
    assert axe_serious_violations(phone_page) == []

    sign_in(page, live_server, officer.username)
    page.goto(f"{live_server.url}/staff/advice/?date_from={target.date:%Y-%m-%d}")
    assert "林志明律師" in page.content()
    assert axe_serious_violations(page) == []
    move_to_past(target)
    booking = AdviceBooking.objects.get()
    page.goto(f"{live_server.url}/staff/advice/bookings/{booking.pk}/")
    page.get_by_label("已完成諮詢").check()
    page.get_by_label("諮詢紀要（僅供本局存查，不提供民眾）").fill("說明資遣費計算方式及申請調解。")
    page.get_by_role("button", name="登錄").click()
    page.wait_for_load_state()
    assert AdviceBooking.objects.get().status == "ATTENDED"
    assert axe_serious_violations(page) == []
    for path in ("/staff/advice/figures/", "/staff/advice/no-shows/", "/staff/advice/publish/"):
        page.goto(f"{live_server.url}{path}")
        assert axe_serious_violations(page) == [], path
