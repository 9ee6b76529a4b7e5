"""A 丁類 hazardous-workplace review in a real browser: the employer finds the application
on the portal's services page and files it (first with a height below the threshold,
refused on the field), the inspector asks for a supplement, the employer supplies it, the
inspector passes the documents and the site check, the section chief signs the approval
off, and the employer sees the result and the review-result notice. While the approval
awaits sign-off the employer reads "under review", never the internal step. Every page
passes axe-core; no page logs a console error."""

from datetime import timedelta

import pytest
from django.utils import timezone

from laborbureau.conftest import axe_serious_violations, sign_in, watch_console
from laborbureau.core.models import Role
from laborbureau.core.tests.factories import employer_user
from laborbureau.documents.models import IssuedDocument
from laborbureau.inspection.hazardous.models import TypeDReview
from laborbureau.inspection.hazardous.tests.factories import PDF, project
from laborbureau.inspection.inspections.tests.factories import lio
from laborbureau.rules import roc_calendar

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
DESKTOP = {"locale": "zh-TW", "timezone_id": "Asia/Taipei", "viewport": {"width": 1280, "height": 900}}


def fact(page, term):
    """The text of the first `<dt>term</dt><dd>…</dd>` pair on the page."""
    return page.locator(f"dt:text-is('{term}') + dd").first.inner_text().strip()


def open_queue(page, live_server, number):
    """From the workspace's programs page to the 丁類 queue, and the review step of `number`."""
    page.goto(f"{live_server.url}/staff/programs/")
    page.get_by_role("link", name="登錄申請").click()
    page.get_by_role("link", name="丁類危險性工作場所審查").click()
    page.wait_for_load_state()
    row = page.locator("tr", has=page.get_by_role("link", name=number))
    return row


def my_reviews(page, live_server):
    page.goto(f"{live_server.url}/portal/services/")
    page.get_by_role("link", name="我的丁類審查").click()
    page.wait_for_load_state()
    return page


def test_a_type_d_review_from_the_application_to_the_result_notice(browser, page, live_server, tmp_path):
    inspector = lio(username="lio_typed_inspector")
    chief = lio(Role.SECTION_CHIEF, username="lio_typed_chief")
    works = project(inspector=inspector)
    company = employer_user(works.establishment.employer)
    report = tmp_path / "施工安全評估報告書.pdf"
    report.write_bytes(PDF)
    calculation = tmp_path / "結構計算書.pdf"
    calculation.write_bytes(PDF)
    today = timezone.localdate()
    starts = today + timedelta(days=40)
    errors: list[str] = []
    watch_console(page, errors)

    # The employer finds the application on the services page and files it.
    portal = sign_in(page, live_server, company.username)
    portal.goto(f"{live_server.url}/portal/services/")
    portal.get_by_role("link", name="丁類危險性工作場所審查申請").click()
    portal.wait_for_load_state()
    assert portal.get_by_role("heading", level=1).inner_text() == "申請丁類危險性工作場所審查"
    assert axe_serious_violations(portal) == []
    portal.get_by_role("combobox", name="工程").select_option(str(works.pk))
    portal.get_by_label("預定使勞工作業日（應於30日前申請）").fill(starts.isoformat())
    portal.get_by_label("建築物高度（公尺）").fill("50")
    portal.get_by_label("施工安全評估報告書（PDF）").set_input_files(str(report))
    portal.get_by_role("button", name="送出申請").click()
    portal.wait_for_load_state()
    error = portal.locator(".has-error", has=portal.get_by_label("建築物高度（公尺）")).locator(".field-error")
    assert "未達丁類危險性工作場所標準" in error.inner_text()
    assert not TypeDReview.objects.exists()
    # The refused form answers 422 (the app's choice for invalid input), which Chromium
    # reports on the console: expected here, and the only entry.
    assert len(errors) == 1 and "status of 422" in errors[0], errors
    errors.clear()
    portal.get_by_label("建築物高度（公尺）").fill("92.5")
    portal.get_by_label("施工安全評估報告書（PDF）").set_input_files(str(report))
    portal.get_by_role("button", name="送出申請").click()
    portal.wait_for_load_state()
    review = TypeDReview.objects.select_related("case").get()
    number = review.case.number
    assert f"已送出審查申請 {number}。" in portal.locator(".message").inner_text()
    assert fact(portal, "目前進度") == "審查中"
    assert fact(portal, "預定作業日") == roc_calendar.format_long(starts)
    assert "建築物高度在80公尺以上之建築工程" in fact(portal, "符合標準")
    assert axe_serious_violations(portal) == []

    # The inspector finds it in the queue and asks for a supplement.
    desk = browser.new_context(**DESKTOP).new_page()
    watch_console(desk, errors)
    sign_in(desk, live_server, inspector.username)
    row = open_queue(desk, live_server, number)
    assert works.name in row.inner_text() and "審查中" in row.inner_text()
    assert axe_serious_violations(desk) == []
    row.get_by_role("link", name="審查").click()
    desk.wait_for_load_state()
    assert axe_serious_violations(desk) == []
    desk.get_by_label("通知補正").check()
    desk.get_by_label("審查意見、補正事項或不合格理由").fill("請補附模板支撐結構計算書。")
    desk.get_by_role("button", name="送出").click()
    desk.wait_for_load_state()
    assert "已送出審查結果。" in desk.locator(".message").inner_text()
    assert desk.url.endswith(f"/staff/cases/{number}/")
    assert fact(desk, "狀態") == "通知補正中"

    # The employer reads what is missing and supplies it.
    my_reviews(portal, live_server)
    item = portal.locator("li", has=portal.get_by_role("link", name=number))
    assert "通知補正中" in item.inner_text()
    item.get_by_role("link", name="補正資料").click()
    portal.wait_for_load_state()
    assert "請補附模板支撐結構計算書。" in portal.locator("main").inner_text()
    assert axe_serious_violations(portal) == []
    portal.get_by_label("補正說明").fill("補附結構計算書。")
    portal.get_by_label("補正文件").set_input_files(str(calculation))
    portal.get_by_role("button", name="送出").click()
    portal.wait_for_load_state()
    assert fact(portal, "目前進度") == "審查中"
    assert "已收到補正資料" in portal.locator(".timeline").inner_text()
    assert "結構計算書.pdf" in fact(portal, "檢附文件")

    # The inspector passes the documents and the site check: to the chief's sign-off.
    row = open_queue(desk, live_server, number)
    row.get_by_role("link", name="審查").click()
    desk.wait_for_load_state()
    desk.get_by_label("文件審查及現場檢查合格，送主管核定").check()
    desk.get_by_label("現場檢查日期（合格時）").fill(today.isoformat())
    desk.get_by_label("審查意見、補正事項或不合格理由").fill("施工安全評估報告書及現場檢查均符合。")
    desk.get_by_role("button", name="送出").click()
    desk.wait_for_load_state()
    assert fact(desk, "狀態") == "審查合格陳核中"
    assert "丁類危險性工作場所審查合格：" in desk.locator("#signoffs").inner_text()

    # Meanwhile the employer reads "under review", not the internal step.
    portal.goto(f"{live_server.url}/portal/cases/{number}/")
    assert fact(portal, "目前進度") == "審查中"
    assert "陳核" not in portal.locator("main").inner_text()
    my_reviews(portal, live_server)
    assert "審查中" in portal.locator("li", has=portal.get_by_role("link", name=number)).inner_text()
    assert "陳核" not in portal.locator("main").inner_text()

    # The section chief signs the approval off.
    boss = browser.new_context(**DESKTOP).new_page()
    watch_console(boss, errors)
    sign_in(boss, live_server, chief.username)
    boss.goto(f"{live_server.url}/staff/cases/{number}/")
    assert axe_serious_violations(boss) == []
    boss.locator("#signoffs").get_by_role("button", name="核准").click()
    boss.wait_for_load_state()
    assert fact(boss, "狀態") == "審查合格"
    review.refresh_from_db()
    works.refresh_from_db()
    assert review.status == "APPROVED" and works.type_d and review.follow_up_number
    assert fact(boss, "追蹤檢查") == review.follow_up_number
    notice = IssuedDocument.objects.get(case=review.case)
    assert notice.title == "丁類危險性工作場所審查結果通知書"

    # The employer sees the result and downloads the notice.
    my_reviews(portal, live_server)
    assert "審查合格" in portal.locator("li", has=portal.get_by_role("link", name=number)).inner_text()
    assert axe_serious_violations(portal) == []
    portal.get_by_role("link", name=number).click()
    portal.wait_for_load_state()
    assert fact(portal, "目前進度") == "審查合格"
    assert fact(portal, "現場檢查日") == roc_calendar.format_long(today)
    assert "審查合格：審查合格，已核發審查結果通知書。" in portal.locator(".timeline").inner_text()
    link = portal.get_by_role("link", name="丁類危險性工作場所審查結果通知書")
    answer = portal.request.get(f"{live_server.url}{link.get_attribute('href')}")
    assert answer.status == 200 and answer.body().startswith(b"%PDF")
    assert "追蹤檢查" not in portal.locator("main").inner_text()  # the inspection plan is the office's
    assert axe_serious_violations(portal) == []
    assert errors == []
