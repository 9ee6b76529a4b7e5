"""The portal in a real browser: every public page passes axe-core with no serious or
critical violation, in both languages and on a phone; a citizen files a complaint."""

import pytest

from laborbureau.cases.models import Case
from laborbureau.conftest import axe_serious_violations
from laborbureau.core.tests.factories import business_id, citizen

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PUBLIC_PAGES = [
    "/", "/accounts/login/", "/portal/register/", "/portal/register/employer/", "/portal/services/", "/jobs/", "/documents/verify/", "/fines/open-data/",
]


def sign_in(page, live_server, username, password="correct horse battery staple"):
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.get_by_role("button", name="登入").click()
    page.wait_for_load_state()


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_pages_have_no_serious_accessibility_violations(page, live_server, path):
    page.goto(f"{live_server.url}{path}")
    assert page.locator("html").get_attribute("lang") == "zh-Hant-TW"
    assert axe_serious_violations(page) == []


def test_the_language_switch_turns_the_page_english_and_it_stays_accessible(page, live_server):
    page.goto(f"{live_server.url}/")
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", level=1).inner_text() == "Department of Labor online services"
    assert axe_serious_violations(page) == []


def test_a_citizen_files_a_complaint_on_a_phone(phone_page, live_server):
    page = phone_page
    user = citizen()
    sign_in(page, live_server, user.username)
    page.goto(f"{live_server.url}/portal/complaints/new/")
    assert axe_serious_violations(page) == []
    page.get_by_label("事業單位（公司）名稱").fill("信義餐飲有限公司")
    page.get_by_label("統一編號").fill("1234567")  # one digit short: refused on the field
    page.get_by_label("工作地點或公司地址").fill("臺北市信義區松仁路100號")
    page.get_by_label("加班費 Overtime pay").check()
    page.get_by_label("事實經過").fill("每月加班40小時，公司未給加班費。")
    page.get_by_label("仍在職").check()
    page.get_by_role("button", name="送出申訴").click()
    page.wait_for_load_state()
    assert page.locator(".field-error").first.is_visible()
    assert not Case.objects.exists()

    page.get_by_label("統一編號").fill(business_id())
    page.get_by_role("button", name="送出申訴").click()
    page.wait_for_load_state()
    case = Case.objects.get()
    assert case.number in page.get_by_role("heading", level=1).inner_text()
    assert "已收件" in page.content()
    assert axe_serious_violations(page) == []
