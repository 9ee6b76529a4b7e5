"""A job fair in a real browser: a citizen pre-registers and gets a code, the staff check
them in at the door on a phone, record an interview and its outcome, and the figures
show it; each page passes axe-core with no serious or critical violation."""

import re

import pytest

from laborbureau.conftest import axe_serious_violations
from laborbureau.core.tests.factories import citizen
from laborbureau.employment.fairs.models import CheckIn, FairInterview, FairRegistration
from laborbureau.employment.fairs.tests.factories import approved_employer, counsellor, make_fair

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct horse battery staple"


def sign_in(page, live_server, username):
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="登入").click()
    page.wait_for_load_state()


def test_pre_register_check_in_on_a_phone_interview_and_the_figures(live_server, page, phone_page):
    organiser = counsellor()
    fair = make_fair(organiser, title="臺北市青年就業博覽會")
    approved_employer(fair, organiser, title="門市儲備幹部")
    worker = citizen()

    sign_in(page, live_server, worker.username)
    page.goto(f"{live_server.url}/jobs/fairs/")
    assert "門市儲備幹部" in page.content()
    assert axe_serious_violations(page) == []
    page.get_by_role("link", name="臺北市青年就業博覽會").click()
    page.wait_for_load_state()
    assert axe_serious_violations(page) == []
    page.get_by_role("button", name="預約報名").click()
    page.wait_for_load_state()
    code = FairRegistration.objects.get(person=worker.person).code
    assert code in page.content()
    assert axe_serious_violations(page) == []

    phone = phone_page
    sign_in(phone, live_server, organiser.username)
    phone.goto(f"{live_server.url}/staff/employment/fairs/{fair.pk}/door/")
    assert axe_serious_violations(phone) == []
    phone.get_by_role("textbox", name="報名序號").fill(code.lower())
    phone.get_by_role("button", name="報到", exact=True).click()
    phone.wait_for_load_state()
    assert "已報到" in phone.content()
    assert CheckIn.objects.get().registration.code == code
    assert axe_serious_violations(phone) == []

    phone.goto(f"{live_server.url}/staff/employment/fairs/{fair.pk}/interviews/")
    phone.get_by_label("求職人報名序號").fill(code)
    phone.get_by_label("職缺").select_option(index=1)
    phone.get_by_role("button", name="記錄面試").click()
    phone.wait_for_load_state()
    assert FairInterview.objects.get().outcome == "INTERVIEWED"
    assert axe_serious_violations(phone) == []
    phone.get_by_role("link", name="回覆結果").click()
    phone.wait_for_load_state()
    phone.get_by_label("錄取", exact=True).check()
    phone.get_by_role("button", name="送出結果").click()
    phone.wait_for_load_state()
    assert FairInterview.objects.get().outcome == "HIRED"

    phone.goto(f"{live_server.url}/staff/employment/fairs/{fair.pk}/figures/")
    assert phone.locator("#figures-totals tr", has_text="入場（預約）").inner_text().split()[-1] == "1"
    hires = phone.locator("#figures-totals tr", has_text=re.compile(r"^\s*錄取人次")).inner_text()
    assert hires.split()[-1] == "1"
    assert phone.locator("#figures-totals tr", has_text="媒合率").inner_text().split()[-1] == "100"
    assert axe_serious_violations(phone) == []
