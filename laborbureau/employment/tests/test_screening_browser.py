"""The scam screening in a real browser: an employer posts two vacancies on the portal,
one of them a scam (a deposit asked for); the plain one is published, the scam is held;
an officer finds it in the review queue with the signal highlighted and refuses it with a
reason; the employer sees the refusal and its reason. Each page passes axe-core."""

from datetime import timedelta

import pytest
from django.utils import timezone

from laborbureau.conftest import axe_serious_violations
from laborbureau.core.models import Role
from laborbureau.core.tests.factories import employer_user, staff
from laborbureau.employment.models import ScreeningReview, Vacancy
from laborbureau.employment.tests.test_browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def post_vacancy(page, live_server, *, title, description):
    page.goto(f"{live_server.url}/portal/jobs/new/")
    page.get_by_label("職缺名稱").fill(title)
    page.get_by_label("職業類別（職業標準分類）").select_option("52")
    page.get_by_label("工作地點行政區").select_option("63000020")
    page.get_by_label("工作地址").fill("臺北市信義區松仁路100號")
    page.get_by_label("月薪 Monthly").check()
    page.get_by_label("薪資下限（元）").fill("34000")
    page.locator("#id_hours").select_option("FULL_TIME")
    page.get_by_label("需求人數").fill("1")
    page.get_by_label("截止日期").fill((timezone.localdate() + timedelta(days=20)).isoformat())
    page.get_by_label("工作內容").fill(description)
    page.get_by_role("button", name="送出求才登記").click()
    page.wait_for_load_state()


def test_an_employer_posts_a_scam_it_is_held_and_an_officer_refuses_it(browser, live_server):
    owner = employer_user()
    desk = sign_in(browser, live_server, owner.username)
    post_vacancy(desk, live_server, title="門市銷售人員", description="負責商品銷售、陳列補貨、收銀及顧客服務，週休二日。")
    assert "已刊登" in desk.content()
    post_vacancy(desk, live_server, title="門市儲備幹部",
                 description="到職前需繳交保證金５０００元，離職時退還，公司提供完整升遷管道。")
    assert "待審核後刊登" in desk.content()
    assert dict(Vacancy.objects.values_list("title", "status")) == {"門市銷售人員": "ACTIVE", "門市儲備幹部": "HELD"}
    assert "防騙篩檢待審核" in desk.content()
    assert axe_serious_violations(desk) == []

    officer = staff(Role.CASE_OFFICER, "ESO")
    desk_officer = sign_in(browser, live_server, officer.username)
    desk_officer.goto(f"{live_server.url}/staff/employment/")
    desk_officer.get_by_role("link", name="防騙審核").click()
    desk_officer.wait_for_load_state()
    held = desk_officer.get_by_role("article", name="門市儲備幹部")
    assert held.locator("mark", has_text="保證金").count() >= 1
    assert "就業服務法第5條第2項第3款" in held.inner_text()
    assert desk_officer.get_by_role("article").count() == 1  # the published one is not in the queue
    assert axe_serious_violations(desk_officer) == []
    held.get_by_label("不予刊登", exact=True).check()
    held.get_by_label("不予刊登理由").select_option("DEPOSIT")
    held.get_by_label("說明（不予刊登時通知雇主）").fill("要求求職人繳交保證金，違反就業服務法。")
    held.get_by_role("button", name="送出審核").click()
    desk_officer.wait_for_load_state()
    assert "不予刊登，已通知雇主" in desk_officer.content()
    assert "目前沒有待審核的職缺" in desk_officer.content()
    assert ScreeningReview.objects.get().outcome == "REJECT"
    assert axe_serious_violations(desk_officer) == []

    desk.goto(f"{live_server.url}/portal/jobs/mine/")
    text = desk.content()
    assert "不予刊登" in text and "收取保證金或費用" in text and "要求求職人繳交保證金" in text
    assert axe_serious_violations(desk) == []
    desk.context.close()
    desk_officer.context.close()
