"""A worker applies for litigation aid in a real browser; the officer reviews and
proposes a grant on the generic case page, the chief approves, the officer records a
court milestone; the worker sees the grant. Pages pass axe-core."""

import pytest

from laborbureau.cases.models import Case
from laborbureau.conftest import axe_serious_violations
from laborbureau.core.models import Role
from laborbureau.core.tests.factories import citizen, staff
from laborbureau.relations.fund.models import CourtMilestone

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
    return page.locator("form.transition").filter(has=page.get_by_role("heading", name=name, exact=True))


def test_apply_review_grant_and_follow(browser, live_server):
    worker = citizen()
    officer = staff(Role.CASE_OFFICER, "LR", username="lr_fund")
    staff(Role.SECTION_CHIEF, "LR", username="lr_boss")

    portal = sign_in(browser, live_server, worker.username)
    portal.goto(f"{live_server.url}/portal/fund/apply/")
    assert axe_serious_violations(portal) == []
    portal.get_by_label("雇主（事業單位）名稱").fill("信義餐飲有限公司")
    portal.get_by_label("申請裁判費（元）").fill("12000")
    portal.get_by_label("申請律師費（元）").fill("40000")
    portal.get_by_role("button", name="送出申請").click()
    portal.wait_for_load_state()
    assert portal.locator(".field-error").first.is_visible()  # the mediation reference
    assert Case.objects.count() == 0
    portal.get_by_label("調解不成立紀錄字號").fill("北市勞資字第1150001234號")
    portal.get_by_role("button", name="送出申請").click()
    portal.wait_for_load_state()
    case = Case.objects.get()

    desk = sign_in(browser, live_server, officer.username)
    desk.goto(f"{live_server.url}/staff/fund/")
    assert case.number in desk.content()
    assert axe_serious_violations(desk) == []
    desk.goto(f"{live_server.url}/staff/cases/{case.number}/")
    step(desk, "受理審查").get_by_role("button", name="受理審查").click()
    desk.wait_for_load_state()
    form = step(desk, "擬准補助（陳核）")
    form.get_by_label("資力審查（依所得及財產清單）").select_option("yes")
    form.get_by_label("裁判費（元）").fill("12000")
    form.get_by_label("律師費（元）").fill("40000")
    form.get_by_label("審查意見").fill("符合補助資格。")
    form.get_by_role("button", name="擬准補助（陳核）").click()
    desk.wait_for_load_state()
    assert Case.objects.get().status == "PENDING_APPROVAL"

    chief = sign_in(browser, live_server, "lr_boss")
    chief.goto(f"{live_server.url}/staff/cases/{case.number}/")
    chief.get_by_role("button", name="核准").click()
    chief.wait_for_load_state()
    assert Case.objects.get().status == "GRANTED"

    desk.goto(f"{live_server.url}/staff/cases/{case.number}/")
    desk.get_by_text("登錄訴訟進度", exact=True).first.click()
    desk.locator("#id_milestone-stage").select_option("FIRST")
    desk.locator("#id_milestone-kind").select_option("FILED")
    desk.locator("#id_milestone-on").fill(case.opened_at.date().isoformat())
    desk.locator("#id_milestone-docket").fill("115年度勞訴字第12號")
    desk.get_by_role("button", name="登錄進度").click()
    desk.wait_for_load_state()
    assert CourtMilestone.objects.get().docket == "115年度勞訴字第12號"
    assert axe_serious_violations(desk) == []

    portal.goto(f"{live_server.url}/portal/cases/{case.number}/")
    assert "52,000" in portal.content()
    assert "115年度勞訴字第12號" in portal.content()
    assert axe_serious_violations(portal) == []
