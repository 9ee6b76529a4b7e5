"""A new employer in a real browser: signs up from the login page (a wrong 統一編號 is
refused on its field first), lands on its job bank page and posts a vacancy; the pages
pass axe-core with no serious or critical violation."""

from datetime import timedelta

import pytest
from django.utils import timezone

from laborbureau.conftest import axe_serious_violations
from laborbureau.core.models import EmployerSignup, User
from laborbureau.core.tests.factories import business_id
from laborbureau.employment.models import Vacancy

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "a-long-pass-phrase-2026"


def test_a_new_employer_signs_up_and_posts_a_vacancy(page, live_server):
    number = business_id()  # a valid 統一編號 from the check-digit rule
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_role("link", name="事業單位註冊").click()
    page.wait_for_load_state()
    assert axe_serious_violations(page) == []
    page.get_by_label("統一編號").fill("04595258")  # wrong check digit
    page.get_by_label("事業單位名稱").fill("信義好食餐飲有限公司")
    page.get_by_label("事業單位地址").fill("臺北市信義區松仁路100號")
    page.get_by_label("聯絡人姓名").fill("陳小華")
    page.get_by_label("聯絡人電子郵件").fill("hr@haoshi.example.tw")
    page.get_by_label("聯絡電話").fill("02-27208889")
    page.locator("#id_username").fill("haoshi_hr")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name="建立事業單位帳號").click()
    page.wait_for_load_state()
    assert page.locator(".field-error").first.is_visible()
    assert not User.objects.filter(username="haoshi_hr").exists()
    assert axe_serious_violations(page) == []

    page.get_by_label("統一編號").fill(number)
    page.locator("#id_password1").fill(PASSWORD)  # password inputs are not refilled
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name="建立事業單位帳號").click()
    page.wait_for_load_state()
    assert page.url == f"{live_server.url}/portal/jobs/mine/"
    assert "事業單位帳號已建立" in page.content()
    user = User.objects.get(username="haoshi_hr")
    assert (user.employer.business_id, EmployerSignup.objects.get(user=user).verified_at) == (number, None)

    page.goto(f"{live_server.url}/portal/jobs/new/")
    page.get_by_label("職缺名稱").fill("內場廚房助手")
    page.get_by_label("職業類別（職業標準分類）").select_option("51")
    page.get_by_label("工作地點行政區").select_option("63000020")
    page.get_by_label("工作地址").fill("臺北市信義區松仁路100號")
    page.get_by_label("月薪 Monthly").check()
    page.get_by_label("薪資下限（元）").fill("33000")
    page.locator("#id_hours").select_option("FULL_TIME")
    page.get_by_label("需求人數").fill("1")
    page.get_by_label("截止日期").fill((timezone.localdate() + timedelta(days=20)).isoformat())
    page.get_by_label("工作內容").fill("協助備料、清洗餐具及維持廚房整潔，週休二日。")
    page.get_by_role("button", name="送出求才登記").click()
    page.wait_for_load_state()
    vacancy = Vacancy.objects.get()
    assert (vacancy.employer, vacancy.title) == (user.employer, "內場廚房助手")
    assert "內場廚房助手" in page.content()
    assert axe_serious_violations(page) == []
