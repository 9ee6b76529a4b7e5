"""A registration in a real browser, as its people would do it: the employer finds the
application on the portal's services page and files it (first without the documents,
which is refused on the field), the office's officer reviews it and proposes approval on
the staff pages, the section chief signs it off, and the employer sees it registered with
its validity and certificate. Every page passes axe-core; no page logs a console error."""

import pytest
from django.utils import timezone

from laborbureau.conftest import axe_serious_violations, sign_in, watch_console
from laborbureau.core.models import Role
from laborbureau.core.tests.factories import employer_user, staff
from laborbureau.inspection.registries.models import Registration
from laborbureau.inspection.registries.tests.conftest import jpeg
from laborbureau.rules import osh_registrations as rule
from laborbureau.rules import roc_calendar

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
DESKTOP = {"locale": "zh-TW", "timezone_id": "Asia/Taipei", "viewport": {"width": 1280, "height": 900}}


def step(page, name):
    """The form of one workflow step on the staff case page."""
    return page.locator("form.transition").filter(has=page.get_by_role("heading", name=name, exact=True))


def fact(page, term):
    """The text of a `<dt>term</dt><dd>…</dd>` pair on the page."""
    return page.locator(f"dt:text-is('{term}') + dd").first.inner_text().strip()


def test_a_training_unit_is_registered_from_the_portal_to_the_certificate(browser, page, live_server, tmp_path):
    company = employer_user()
    officer = staff(Role.CASE_OFFICER, "LIO", username="lio_registrar")
    chief = staff(Role.SECTION_CHIEF, "LIO", username="lio_registrar_chief")
    venue = tmp_path / "訓練場地照片.jpg"
    venue.write_bytes(jpeg())
    errors: list[str] = []
    watch_console(page, errors)

    # The employer finds the application from the services page and files it.
    portal = sign_in(page, live_server, company.username)
    portal.goto(f"{live_server.url}/portal/services/")
    portal.get_by_role("link", name="自主管理標章、訓練單位、健檢醫療機構、安衛人員登錄申請").click()
    portal.wait_for_load_state()
    assert portal.get_by_role("heading", level=1).inner_text() == "申請登錄（勞動檢查處）"
    assert axe_serious_violations(portal) == []
    portal.get_by_label("登錄類別").select_option("TRAINING_UNIT")
    portal.get_by_label("工地、訓練單位或醫療機構名稱").fill("臺北安全衛生訓練中心")
    portal.get_by_label("申請內容（工程概要、訓練課程、檢查類別或人員職務）").fill("營造作業主管安全衛生教育訓練，教室40人。")
    portal.get_by_label("地址（人員登錄免填）").fill("臺北市中山區民生東路一段1號")
    portal.get_by_label("行政區").select_option("104")
    portal.get_by_label("聯絡電子郵件").fill("train@example.tw")
    portal.get_by_role("button", name="送出申請").click()
    portal.wait_for_load_state()
    assert "請上傳申請文件" in portal.locator(".field-error").inner_text()  # on the documents' field
    assert not Registration.objects.exists()
    assert portal.get_by_label("工地、訓練單位或醫療機構名稱").input_value() == "臺北安全衛生訓練中心"  # kept
    portal.get_by_label("申請文件（PDF、JPEG、PNG）").set_input_files(str(venue))
    portal.get_by_role("button", name="送出申請").click()
    portal.wait_for_load_state()
    registration = Registration.objects.select_related("case").get()
    number = registration.case.number
    assert f"已收件，案號 {number}。" in portal.locator(".message").inner_text()
    assert fact(portal, "目前進度") == "已收件，待審查"
    assert fact(portal, "名稱") == "臺北安全衛生訓練中心"
    assert portal.get_by_role("link", name="訓練場地照片.jpg").is_visible()
    assert axe_serious_violations(portal) == []

    # The officer finds it on the registries' staff list and reviews it.
    desk = browser.new_context(**DESKTOP).new_page()
    watch_console(desk, errors)
    sign_in(desk, live_server, officer.username)
    desk.goto(f"{live_server.url}/staff/osh-registries/")
    row = desk.locator("tr", has=desk.get_by_role("link", name=number))
    assert "臺北安全衛生訓練中心" in row.inner_text() and "已收件，待審查" in row.inner_text()
    assert axe_serious_violations(desk) == []
    row.get_by_role("link", name=number).click()
    desk.wait_for_load_state()
    assert fact(desk, "狀態") == "已收件，待審查"
    assert axe_serious_violations(desk) == []
    form = step(desk, "登錄審查意見")
    form.get_by_label("審查意見（書面、現場）").fill("書面審查及場地會勘均符合職業安全衛生教育訓練規則。")
    form.get_by_role("button", name="登錄審查意見").click()
    desk.wait_for_load_state()
    assert fact(desk, "狀態") == "已審查，待決定"
    assert fact(desk, "審查意見") == "書面審查及場地會勘均符合職業安全衛生教育訓練規則。"
    step(desk, "擬予核准（陳核）").get_by_role("button", name="擬予核准（陳核）").click()
    desk.wait_for_load_state()
    assert fact(desk, "狀態") == "核准陳核中"
    assert "核准登錄安全衛生教育訓練單位：臺北安全衛生訓練中心" in desk.locator("#signoffs").inner_text()
    assert desk.locator("#signoffs").get_by_role("button", name="核准").count() == 0  # not the officer's to sign

    # The section chief signs it off.
    boss = browser.new_context(**DESKTOP).new_page()
    watch_console(boss, errors)
    sign_in(boss, live_server, chief.username)
    boss.goto(f"{live_server.url}/staff/cases/{number}/")
    assert axe_serious_violations(boss) == []
    boss.locator("#signoffs").get_by_role("button", name="核准").click()
    boss.wait_for_load_state()
    today = timezone.localdate()
    until = rule.valid_until(rule.TRAINING_UNIT, today)
    assert fact(boss, "狀態") == "已核准登錄"
    assert fact(boss, "有效期間") == f"{roc_calendar.format_long(today)} – {roc_calendar.format_long(until)}"
    registration.refresh_from_db()
    assert registration.decision == "APPROVED" and registration.valid_until == until and registration.in_force

    # The employer sees it registered, with its validity and the certificate.
    portal.goto(f"{live_server.url}/portal/services/")
    portal.get_by_role("link", name="自主管理標章、訓練單位、健檢醫療機構、安衛人員登錄申請").click()
    portal.get_by_role("link", name="我的登錄申請及有效期限").click()
    portal.wait_for_load_state()
    row = portal.locator("tr", has=portal.get_by_role("link", name=number))
    assert "已核准登錄" in row.inner_text() and roc_calendar.format_long(until) in row.inner_text()
    assert "即將屆期" not in row.inner_text()
    assert axe_serious_violations(portal) == []
    row.get_by_role("link", name=number).click()
    portal.wait_for_load_state()
    assert fact(portal, "目前進度") == "已核准登錄"
    assert fact(portal, "決定") == f"核准（{roc_calendar.format_long(today)}）"
    assert fact(portal, "有效期間") == f"{roc_calendar.format_long(today)} – {roc_calendar.format_long(until)}"
    assert "已核准登錄：已核准登錄，證明書請於案件頁下載。" in portal.locator(".timeline").inner_text()
    certificate = portal.locator("dt:text-is('證明書／處分書') + dd").get_by_role("link", name="PDF")
    assert certificate.get_attribute("href") == f"/documents/{registration.certificate_code}/pdf"
    answer = portal.request.get(f"{live_server.url}{certificate.get_attribute('href')}")
    assert answer.status == 200 and answer.body().startswith(b"%PDF")
    assert axe_serious_violations(portal) == []

    # The public list names it (no login).
    public = browser.new_context(**DESKTOP).new_page()
    watch_console(public, errors)
    public.goto(f"{live_server.url}/osh-registries/")
    assert "臺北安全衛生訓練中心" in public.locator("main").inner_text()
    assert errors == []
