"""The job bank in a real browser: an employer posts a vacancy (a low pay is refused on
its field first), anyone finds it on the public list on a phone, a citizen registers as a
job seeker; each page passes axe-core with no serious or critical violation."""

from datetime import timedelta

import pytest
from django.utils import timezone

from laborbureau.conftest import axe_serious_violations
from laborbureau.core.tests.factories import citizen, employer_user
from laborbureau.employment.models import JobSeeker, Vacancy
from laborbureau.rules import wages

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


def test_an_employer_posts_and_the_public_finds_it_on_a_phone(browser, live_server, phone_page):
    owner = employer_user()
    desk = sign_in(browser, live_server, owner.username)
    desk.goto(f"{live_server.url}/portal/jobs/new/")
    assert axe_serious_violations(desk) == []
    desk.get_by_label("職缺名稱").fill("夜班保全人員")
    desk.get_by_label("職業類別（職業標準分類）").select_option("54")
    desk.get_by_label("工作地點行政區").select_option("63000020")
    desk.get_by_label("工作地址").fill("臺北市信義區松仁路100號")
    desk.get_by_label("月薪 Monthly").check()
    desk.get_by_label("薪資下限（元）").fill("25000")
    desk.locator("#id_hours").select_option("NIGHT")
    desk.get_by_label("需求人數").fill("2")
    desk.get_by_label("截止日期").fill((timezone.localdate() + timedelta(days=20)).isoformat())
    desk.get_by_label("工作內容").fill("負責大樓門禁管理、巡邏及訪客登記，需輪值夜班。")
    desk.get_by_role("button", name="送出求才登記").click()
    desk.wait_for_load_state()
    assert desk.locator(".field-error").first.is_visible()
    assert f"{wages.basic_wage(timezone.localdate()).monthly:,}" in desk.locator(".field-error").first.inner_text()
    assert not Vacancy.objects.exists()
    assert axe_serious_violations(desk) == []
    desk.get_by_label("薪資下限（元）").fill("34000")
    desk.get_by_role("button", name="送出求才登記").click()
    desk.wait_for_load_state()
    assert Vacancy.objects.get().status == "ACTIVE"
    assert "夜班保全人員" in desk.content()
    assert axe_serious_violations(desk) == []

    phone_page.goto(f"{live_server.url}/jobs/")
    assert axe_serious_violations(phone_page) == []
    phone_page.get_by_label("工作地點").select_option("63000020")
    phone_page.get_by_role("button", name="查詢").click()
    phone_page.wait_for_load_state()
    phone_page.get_by_role("link", name="夜班保全人員").click()
    phone_page.wait_for_load_state()
    assert "34,000" in phone_page.content()
    assert axe_serious_violations(phone_page) == []
    desk.context.close()


def test_a_citizen_registers_as_a_job_seeker(browser, live_server):
    worker = citizen()
    page = sign_in(browser, live_server, worker.username)
    page.goto(f"{live_server.url}/portal/job-seeker/")
    assert axe_serious_violations(page) == []
    page.get_by_label("52 銷售及展示工作人員").check()
    page.get_by_label("信義區").check()
    page.get_by_label("希望待遇（元）").fill("32000")
    page.get_by_label("全職 Full-time").check()
    page.get_by_label("最高學歷").select_option("SENIOR_HIGH")
    page.get_by_label("中高齡者 Middle-aged or older (45+)").check()
    page.get_by_label("我同意就業服務處為我媒合職缺", exact=False).check()
    page.get_by_role("button", name="送出求職登記").click()
    page.wait_for_load_state()
    seeker = JobSeeker.objects.get()
    assert (seeker.person, seeker.groups) == (worker.person, ["MIDDLE_AGED_OR_OLDER"])
    assert "已完成求職登記" in page.content()
    assert axe_serious_violations(page) == []
    page.context.close()


def test_a_job_seeker_searches_in_chinese_on_a_phone_with_everyday_words_and_variants(browser, live_server, phone_page):
    from laborbureau.employment.tests.test_search import accountant, courier, driver

    accountant()
    driver()
    courier()
    page = phone_page
    page.goto(f"{live_server.url}/jobs/")
    page.get_by_label("關鍵字").fill("外送")  # everyday word for the 送餐員 ad
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "送餐員" in page.content()
    assert "物流貨車司機" not in page.content()
    assert axe_serious_violations(page) == []

    page.get_by_label("關鍵字").fill("台北 司機")  # 台 finds 臺/台, a 2-character word
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "物流貨車司機" in page.content()
    assert "送餐員" not in page.content()
    assert axe_serious_violations(page) == []


def test_matches_with_reasons_a_referral_from_the_list_and_the_employers_answer(browser, live_server, phone_page):
    from laborbureau.core.tests.factories import PersonFactory
    from laborbureau.employment.models import Referral
    from laborbureau.employment.tests.factories import counsellor, seeker, vacancy

    owner = employer_user()
    vacancy(actor=owner, title="倉儲理貨員", occupation_code="93", district_code="63000120", hours="NIGHT",
            description="包裹分揀、上下架及搬運，需搬運重物。")
    job = vacancy(actor=owner, title="門市銷售人員", occupation_code="52", district_code="63000020", hours="FULL_TIME",
                  description="商品銷售、陳列補貨、POS收銀及顧客服務。")
    worker = citizen(PersonFactory())
    seeker(user=worker, desired_occupations=["52"], working_hours=["FULL_TIME"], skills="POS收銀、門市陳列")
    officer = counsellor()

    # The job seeker, on a phone: the best vacancy first, with its reasons.
    page = phone_page
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("#id_username").fill(worker.username)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="登入").click()
    page.wait_for_load_state()
    page.goto(f"{live_server.url}/portal/job-seeker/matches/")
    first = page.locator("li.match").first
    assert "門市銷售人員" in first.inner_text()
    first.get_by_text("配分說明").click()
    reasons = first.locator("ul.reasons").inner_text()
    assert "希望從事" in reasons and "相符技能" in reasons and "收銀" in reasons
    assert axe_serious_violations(page) == []

    # The counsellor refers from the seeker's match list.
    desk = sign_in(browser, live_server, officer.username)
    desk.goto(f"{live_server.url}/staff/employment/")
    desk.goto(f"{live_server.url}/staff/employment/seekers/{worker.person.job_seeker.pk}/")
    assert axe_serious_violations(desk) == []
    desk.get_by_role("button", name="推介至 門市銷售人員").click()
    desk.wait_for_load_state()
    referral = Referral.objects.get()
    assert referral.vacancy == job
    desk.context.close()

    # The employer answers; the job seeker sees the outcome.
    boss = sign_in(browser, live_server, owner.username)
    boss.goto(f"{live_server.url}/portal/jobs/referrals/{referral.pk}/")
    boss.get_by_label("錄取", exact=True).check()
    boss.get_by_role("button", name="送出結果").click()
    boss.wait_for_load_state()
    referral.refresh_from_db()
    assert referral.outcome == "HIRED"
    boss.context.close()
    page.goto(f"{live_server.url}/portal/job-seeker/referrals/")
    assert "錄取" in page.content()
