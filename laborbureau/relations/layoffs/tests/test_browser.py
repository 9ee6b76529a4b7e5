"""In a real browser: an employer files a layoff plan too late on the portal and is
flagged; the officer sees the flag on the case page and the monitoring page; a worker
applies for a closure determination on a phone and the officer records the visit;
the main pages pass axe-core with no serious or critical violation."""

from datetime import timedelta

import pytest
from django.utils import timezone

from laborbureau.cases.models import Case
from laborbureau.conftest import axe_serious_violations
from laborbureau.core.models import Role
from laborbureau.core.tests.factories import EmployerFactory, EstablishmentFactory, citizen, employer_user, staff
from laborbureau.relations.layoffs import services

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct horse battery staple"


def sign_in(page, live_server, username):
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="登入").click()
    page.wait_for_load_state()


def test_a_late_plan_is_flagged_and_the_pages_pass_axe(browser, live_server):
    company = employer_user()
    officer = staff(Role.CASE_OFFICER, "LR", username="lr_browser")
    context = browser.new_context(locale="zh-TW", timezone_id="Asia/Taipei")
    portal = context.new_page()
    portal.set_default_timeout(15000)
    sign_in(portal, live_server, company.username)
    portal.goto(f"{live_server.url}/portal/layoff-plans/new/")
    assert axe_serious_violations(portal) == []
    portal.get_by_label("廠場名稱").fill("內湖廠")
    portal.get_by_label("廠場僱用勞工人數（解僱前，不含定期契約勞工）").fill("100")
    portal.get_by_label("解僱理由").fill("訂單減少，業務緊縮。")
    portal.get_by_label("解僱部門").fill("生產部")
    portal.get_by_label("解僱日期（一）").fill((timezone.localdate() + timedelta(days=20)).isoformat())
    portal.get_by_label("解僱人數（一）").fill("40")
    portal.get_by_label("解僱對象之選定標準").fill("依年資。")
    portal.get_by_label("資遣費計算方式").fill("依法計給。")
    portal.get_by_label("輔導轉業方案").fill("轉介就業服務站。")
    portal.get_by_role("button", name="送出").click()
    portal.wait_for_load_state()
    assert "逾期40日" in portal.content()
    assert "逾期提出" in portal.content()
    assert axe_serious_violations(portal) == []
    plan_case = Case.objects.get(case_type="mass_layoff_plan")
    portal.goto(f"{live_server.url}/portal/layoff-plans/")
    assert plan_case.number in portal.content()
    assert axe_serious_violations(portal) == []
    context.close()

    services.layoff_event_record(establishment=EstablishmentFactory(), day=timezone.localdate(), count=9,
                                 source="OFFICER", actor=officer, headcount=25)
    context = browser.new_context(locale="zh-TW", timezone_id="Asia/Taipei")
    desk = context.new_page()
    desk.set_default_timeout(15000)
    sign_in(desk, live_server, officer.username)
    desk.goto(f"{live_server.url}/staff/cases/{plan_case.number}/")
    assert "逾期提出" in desk.content()
    assert axe_serious_violations(desk) == []
    desk.goto(f"{live_server.url}/staff/mass-layoffs/")
    assert "接近" in desk.content()
    assert axe_serious_violations(desk) == []
    desk.goto(f"{live_server.url}/staff/layoff-plans/new/")
    assert axe_serious_violations(desk) == []
    context.close()


def test_a_worker_applies_on_a_phone_and_the_officer_records_the_visit(browser, phone_page, live_server):
    employer = EmployerFactory()
    worker = citizen()
    officer = staff(Role.CASE_OFFICER, "LR", username="lr_browser2")
    sign_in(phone_page, live_server, worker.username)
    phone_page.goto(f"{live_server.url}/portal/closures/new/")
    assert axe_serious_violations(phone_page) == []
    phone_page.get_by_label("事業單位（公司）名稱").fill(employer.name)
    phone_page.get_by_label("統一編號").fill(employer.business_id)
    phone_page.get_by_label("停業情形").fill("公司停業，負責人失聯。")
    phone_page.get_by_role("button", name="送出申請").click()
    phone_page.wait_for_load_state()
    case = Case.objects.get()
    assert case.number in phone_page.content()
    assert axe_serious_violations(phone_page) == []

    context = browser.new_context(locale="zh-TW", timezone_id="Asia/Taipei")
    desk = context.new_page()
    desk.set_default_timeout(15000)
    sign_in(desk, live_server, officer.username)
    desk.goto(f"{live_server.url}/staff/cases/{case.number}/")
    desk.locator("form.transition").filter(has=desk.get_by_role("heading", name="受理並開始調查", exact=True)) \
        .get_by_role("button", name="受理並開始調查").click()
    desk.wait_for_load_state()
    form = desk.locator("form.transition").filter(has=desk.get_by_role("heading", name="登錄實地訪查", exact=True))
    form.get_by_label("訪查日期").fill(timezone.localdate().isoformat())
    form.get_by_label("訪查情形（照片請以附件上傳）").fill("大門深鎖，招牌已拆除。")
    form.get_by_role("button", name="登錄實地訪查").click()
    desk.wait_for_load_state()
    assert "大門深鎖" in desk.content()
    assert axe_serious_violations(desk) == []
    desk.goto(f"{live_server.url}/staff/closures/new/")
    assert axe_serious_violations(desk) == []
    context.close()
