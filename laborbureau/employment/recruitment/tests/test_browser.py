"""In a real browser: the employer records a referral's outcome with its reason on the
portal case page (on a phone), the officer judges it on the staff case page; both
pages pass axe-core with no serious or critical violation."""

import pytest

from laborbureau.conftest import axe_serious_violations
from laborbureau.core.tests.factories import EmployerFactory, employer_user
from laborbureau.employment.recruitment.models import RecruitmentReferralOutcome
from laborbureau.employment.recruitment.tests.factories import officer, refer, registered

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct horse battery staple"


def sign_in(page, live_server, username):
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="登入").click()
    page.wait_for_load_state()


def test_outcome_and_judgement_in_the_browser(browser, live_server):
    account = employer_user(EmployerFactory())
    counsellor = officer(username="eso_browser")
    recruitment = registered(account)
    referral = refer(recruitment, counsellor)
    number = recruitment.case.number
    phone = browser.new_context(locale="zh-TW", timezone_id="Asia/Taipei", viewport={"width": 390, "height": 844})
    page = phone.new_page()
    page.set_default_timeout(15000)
    sign_in(page, live_server, account.username)
    page.goto(f"{live_server.url}/portal/cases/{number}/")
    assert axe_serious_violations(page) == []
    page.locator(f"#decision-{referral.pk}").select_option("REFUSED")
    page.locator(f"#reason-{referral.pk}").select_option("NOT_QUALIFIED")
    page.locator(f"#detail-{referral.pk}").fill("求才登記已載明須具堆高機證照")
    page.get_by_role("button", name="登錄").click()
    page.wait_for_load_state()
    assert "已登錄推介結果" in page.content()
    phone.close()
    outcome = RecruitmentReferralOutcome.objects.get()
    assert (outcome.reason, outcome.judgement) == ("NOT_QUALIFIED", "PENDING")

    desk = browser.new_context(locale="zh-TW", timezone_id="Asia/Taipei")
    page = desk.new_page()
    page.set_default_timeout(15000)
    sign_in(page, live_server, counsellor.username)
    page.goto(f"{live_server.url}/staff/cases/{number}/")
    page.wait_for_load_state()
    assert "此類理由推定為正當理由" in page.content()
    assert axe_serious_violations(page) == []
    page.locator(f"#lawful-{outcome.pk}").select_option("1")
    page.get_by_role("button", name="認定", exact=True).click()
    page.wait_for_load_state()
    outcome.refresh_from_db()
    assert outcome.judgement == "LAWFUL"
    desk.close()
