"""In a phone-sized browser: the field form survives a lost connection (drafts kept in
the browser, the page reopens offline, the queue syncs once when the connection
returns); then the stop-work order, the employer's resumption request on the portal, its
review and the chief's approval; the pages pass axe-core."""

import pytest

from laborbureau.cases import services as case_services
from laborbureau.cases.models import SignOff
from laborbureau.conftest import axe_serious_violations
from laborbureau.core.models import Role
from laborbureau.core.tests.factories import employer_user
from laborbureau.inspection.inspections.models import Finding, ResumptionRequest, StopWorkOrder
from laborbureau.inspection.inspections.tests.factories import TINY_JPEG_BYTES, lio, started

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct horse battery staple"


def sign_in(page, live_server, username):
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="登入").click()
    page.wait_for_load_state()


def test_the_field_form_survives_going_offline_and_syncs_once(phone_page, live_server):
    inspector = lio(username="lio_browser")
    inspection = started(inspector=inspector)
    page = phone_page
    sign_in(page, live_server, inspector.username)
    url = f"{live_server.url}/staff/inspections/{inspection.case.number}/field/"
    page.goto(url)
    page.wait_for_selector("html[data-offline-ready='1']")
    assert axe_serious_violations(page) == []
    page.context.set_offline(True)
    item = page.locator("fieldset[data-item='C01']")
    item.locator("input[value=VIOLATION]").check()
    item.locator("textarea").fill("7樓樓板開口未設護欄。")
    item.locator("textarea").blur()
    page.wait_for_function("document.getElementById('sync-status').textContent.includes('待同步')")
    assert not Finding.objects.exists()
    page.reload()  # offline: the service worker answers with the stored page
    item = page.locator("fieldset[data-item='C01']")
    assert item.locator("input[value=VIOLATION]").is_checked()
    assert item.locator("textarea").input_value() == "7樓樓板開口未設護欄。"
    page.context.set_offline(False)
    page.evaluate("window.dispatchEvent(new Event('online'))")
    page.wait_for_function("document.getElementById('sync-status').textContent.includes('已全部同步')")
    assert Finding.objects.filter(inspection=inspection).count() == 1
    assert Finding.objects.get().note == "7樓樓板開口未設護欄。"
    page.reload()
    page.wait_for_function("document.getElementById('sync-status').textContent.includes('已全部同步')")
    assert Finding.objects.filter(inspection=inspection).count() == 1


def test_stop_work_resumption_and_approval_on_phones(browser, live_server):
    inspector, chief = lio(username="lio_field"), lio(Role.SECTION_CHIEF, username="lio_boss")
    inspection = started(inspector=inspector)
    company = employer_user(inspection.employer)
    phone = {"locale": "zh-TW", "timezone_id": "Asia/Taipei", "viewport": {"width": 390, "height": 844},
             "is_mobile": True, "has_touch": True}
    staff_context = browser.new_context(**phone)
    page = staff_context.new_page()
    page.set_default_timeout(15000)
    sign_in(page, live_server, inspector.username)
    page.goto(f"{live_server.url}/staff/inspections/{inspection.case.number}/stop-work/")
    page.get_by_label("停工之作業或場所").fill("7樓樓板開口周邊作業")
    page.get_by_label("立即發生危險之虞的情形").fill("開口未設護欄，勞工有墜落之虞。")
    page.get_by_role("button", name="開立停工通知").click()
    page.wait_for_load_state()
    order = StopWorkOrder.objects.get()
    assert "停工中" in page.content()
    assert axe_serious_violations(page) == []

    employer_context = browser.new_context(**phone)
    portal = employer_context.new_page()
    portal.set_default_timeout(15000)
    sign_in(portal, live_server, company.username)
    portal.goto(f"{live_server.url}/portal/stop-work-orders/")
    assert "停工中" in portal.content()
    portal.get_by_role("link", name="申請復工").first.click()
    portal.get_by_label("改善情形").fill("已設置護欄及護蓋。")
    portal.get_by_label("改善照片（JPEG、PNG，最多10張）").set_input_files(
        files=[{"name": "after.jpg", "mimeType": "image/jpeg", "buffer": TINY_JPEG_BYTES}])
    portal.get_by_role("button", name="送出申請").click()
    portal.wait_for_load_state()
    assert "復工申請審查中" in portal.content()
    assert axe_serious_violations(portal) == []

    request = ResumptionRequest.objects.get()
    page.goto(f"{live_server.url}/staff/resumptions/{request.pk}/review/")
    page.get_by_label("改善完成，擬同意復工（送主管核定）").check()
    page.get_by_label("現場複查").check()
    page.get_by_label("審查意見或退回理由").fill("現場確認已改善。")
    page.get_by_role("button", name="送出").click()
    page.wait_for_load_state()
    order.refresh_from_db()
    assert order.status == "RESUMPTION_PENDING_APPROVAL"
    case_services.signoff_decide(signoff=SignOff.objects.get(case=order.case), actor=chief, approve=True)
    portal.reload()
    assert "已核准復工" in portal.content()
    staff_context.close()
    employer_context.close()
