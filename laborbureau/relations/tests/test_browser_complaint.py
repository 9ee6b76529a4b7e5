"""A labor-standards complaint walked in a real browser from the portal to a fine and
closure, by the worker, the officer, the chief and the director; the main staff pages
pass axe-core with no serious or critical violation."""

from datetime import timedelta

import pytest
from django.utils import timezone

from laborbureau.cases.models import Case
from laborbureau.conftest import axe_serious_violations
from laborbureau.core.models import Role
from laborbureau.core.tests.factories import business_id, citizen, staff
from laborbureau.fines.models import Fine

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct horse battery staple"


def sign_in(browser, live_server, username):
    context = browser.new_context(locale="zh-TW", timezone_id="Asia/Taipei")
    page = context.new_page()
    page.set_default_timeout(15000)
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="登入").click()
    page.wait_for_load_state()
    return page


def step(page, name):
    """The form of one workflow step on the staff case page."""
    return page.locator("form.transition").filter(has=page.get_by_role("heading", name=name, exact=True))


def test_a_complaint_from_the_portal_to_a_fine_and_closure(browser, live_server):
    worker = citizen()
    officer = staff(Role.CASE_OFFICER, "LS", username="officer")
    staff(Role.SECTION_CHIEF, "LS", username="chief")
    staff(Role.DIRECTOR, "ADM", username="boss")

    # The worker files on the portal.
    portal = sign_in(browser, live_server, worker.username)
    portal.goto(f"{live_server.url}/portal/complaints/new/")
    portal.get_by_label("事業單位（公司）名稱").fill("信義餐飲有限公司")
    portal.get_by_label("統一編號").fill(business_id())
    portal.get_by_label("工作地點或公司地址").fill("臺北市信義區松仁路100號")
    portal.get_by_label("加班費 Overtime pay").check()
    portal.get_by_label("事實經過").fill("每月加班40小時，公司未給加班費。")
    portal.get_by_label("仍在職").check()
    portal.get_by_role("button", name="送出申訴").click()
    portal.wait_for_load_state()
    case = Case.objects.get()

    # The officer accepts, investigates and proposes a fine.
    desk = sign_in(browser, live_server, officer.username)
    assert axe_serious_violations(desk) == []  # the inbox
    desk.goto(f"{live_server.url}/staff/cases/{case.number}/")
    assert "信義餐飲有限公司" in desk.content()
    assert axe_serious_violations(desk) == []
    step(desk, "受理並開始調查").get_by_role("button", name="受理並開始調查").click()
    desk.wait_for_load_state()
    form = step(desk, "登錄調查結果")
    form.get_by_label("調查結果").fill("出勤紀錄顯示延長工時未給付加班費。")
    form.get_by_label("是否違法").select_option("yes")
    form.get_by_role("button", name="登錄調查結果").click()
    desk.wait_for_load_state()

    violation_day = (timezone.localdate() - timedelta(days=20)).strftime("%Y-%m-%d")
    form = step(desk, "擬處罰鍰（陳核）")
    form.get_by_label("違反之條文（同法，如 第24條）").fill("24")
    form.get_by_label("裁罰依據").select_option("LSA|第79條第1項")
    form.get_by_label("違規日期").fill(violation_day)
    form.get_by_label("罰鍰金額（新臺幣元）").fill("5000")  # below the NT$20,000 minimum
    form.get_by_role("button", name="擬處罰鍰（陳核）").click()
    desk.wait_for_load_state()
    assert desk.locator(".field-error").first.is_visible()
    assert Case.objects.get().status == "FINDINGS_RECORDED"
    form = step(desk, "擬處罰鍰（陳核）")
    form.get_by_label("違規日期").fill(violation_day)
    form.get_by_label("罰鍰金額（新臺幣元）").fill("30000")
    form.get_by_role("button", name="擬處罰鍰（陳核）").click()
    desk.wait_for_load_state()
    assert Case.objects.get().status == "FINE_PENDING_APPROVAL"

    # The chief and the director approve.
    for username in ("chief", "boss"):
        reviewer = sign_in(browser, live_server, username)
        reviewer.goto(f"{live_server.url}/staff/cases/{case.number}/")
        reviewer.get_by_role("button", name="核准").click()
        reviewer.wait_for_load_state()
        reviewer.context.close()
    assert Case.objects.get().status == "FINED"
    assert Fine.objects.get().amount == 30000

    # The officer closes with the outcome for the worker.
    desk.goto(f"{live_server.url}/staff/cases/{case.number}/")
    form = step(desk, "結案並通知申訴人")
    form.get_by_label("處理情形（將以書面通知申訴人）").fill("經查違反勞動基準法第24條，已依第79條裁處罰鍰。")
    form.get_by_role("button", name="結案並通知申訴人").click()
    desk.wait_for_load_state()
    assert Case.objects.get().status == "CLOSED"

    # The worker sees the outcome and the notices.
    portal.goto(f"{live_server.url}/portal/cases/{case.number}/")
    assert "已結案" in portal.content()
    assert "已依第79條裁處罰鍰" in portal.content()
    with portal.expect_download() as download:
        portal.get_by_role("link", name="勞動條件申訴處理結果通知書").click()
    assert download.value.suggested_filename.endswith(".pdf")
    assert axe_serious_violations(portal) == []
    portal.goto(f"{live_server.url}/notifications/")
    assert case.number in portal.content()
    assert axe_serious_violations(portal) == []
