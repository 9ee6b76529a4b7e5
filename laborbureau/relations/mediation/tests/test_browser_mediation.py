"""A mediation walked in a real browser: the worker applies on the portal, the officer
appoints the mediator and schedules within the statutory days, both sides see the
meeting, the mediator records a settlement, the worker sees it; the main pages pass
axe-core with no serious or critical violation."""

from datetime import timedelta

import pytest
from django.utils import timezone

from laborbureau.cases.models import Case
from laborbureau.conftest import axe_serious_violations
from laborbureau.core.models import Role
from laborbureau.core.tests.factories import EmployerFactory, citizen, employer_user, staff
from laborbureau.relations.mediation.models import Dispute, MediatorProfile, Meeting, MeetingRoom

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


def test_a_mediation_from_the_portal_to_a_settlement(browser, live_server):
    worker = citizen()
    employer = EmployerFactory()
    boss = employer_user(employer)
    officer = staff(Role.CASE_OFFICER, "LR", username="lrofficer")
    mediator = staff(Role.MEDIATOR, "LR", username="lrmediator")
    MediatorProfile.objects.create(user=mediator, languages=["zh"], weekdays=[0, 1, 2, 3, 4])
    for name in ("調解室一", "調解室二"):
        MeetingRoom.objects.get_or_create(name=name, defaults={"location": "6樓"})

    # The worker applies on the portal.
    portal = sign_in(browser, live_server, worker.username)
    portal.goto(f"{live_server.url}/portal/disputes/new/")
    assert axe_serious_violations(portal) == []
    portal.get_by_label("事業單位（公司）名稱").fill(employer.name)
    portal.get_by_label("統一編號").fill(employer.business_id)
    portal.get_by_label("加班費 Overtime pay").check()
    portal.get_by_label("加班費：請求金額（新臺幣元）").fill("48000")
    portal.get_by_label("爭議內容").fill("每月加班40小時，公司未給加班費。")
    portal.get_by_role("button", name="送出申請").click()
    portal.wait_for_load_state()
    case = Case.objects.get()
    assert case.number in portal.content()

    # The officer appoints the mediator and schedules a proposed slot.
    desk = sign_in(browser, live_server, officer.username)
    desk.goto(f"{live_server.url}/staff/cases/{case.number}/")
    assert axe_serious_violations(desk) == []
    form = desk.locator("form.transition").filter(has=desk.get_by_role("heading", name="指派調解人", exact=True))
    form.get_by_label("調解人").select_option(str(mediator.pk))
    form.get_by_role("button", name="指派調解人").click()
    desk.wait_for_load_state()
    assert Case.objects.get().status == "MEDIATOR_ASSIGNED"
    desk.get_by_role("link", name="排定調解會議").click()
    desk.wait_for_load_state()
    assert "勞資爭議處理法第12條第2項" in desk.content()
    assert axe_serious_violations(desk) == []
    desk.locator("input[name=slot]").first.check()
    desk.get_by_role("button", name="排定並寄發開會通知").click()
    desk.wait_for_load_state()
    meeting = Meeting.objects.get()
    assert meeting.deadline >= timezone.localdate(meeting.starts_at)
    assert Case.objects.get().status == "MEETING_SCHEDULED"

    # Both sides see the meeting and the notice.
    for page in (portal, sign_in(browser, live_server, boss.username)):
        page.goto(f"{live_server.url}/portal/cases/{case.number}/")
        assert "調解會議時間" in page.content()
        assert "勞資爭議調解會議開會通知" in page.content()

    # The meeting is held; the mediator records a settlement above the claim, confirmed.
    start = timezone.now() - timedelta(days=1)
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=start, ends_at=start + timedelta(minutes=90))
    Dispute.objects.filter(pk=case.pk).update(received_on=timezone.localdate() - timedelta(days=4),
                                              appointed_on=timezone.localdate() - timedelta(days=3))
    room = sign_in(browser, live_server, mediator.username)
    room.goto(f"{live_server.url}/staff/disputes/{case.number}/outcome/")
    assert axe_serious_violations(room) == []
    room.get_by_label("調解成立 Settled").check()
    room.get_by_label("申請人出席").check()
    room.get_by_label("相對人出席").check()
    room.get_by_label("調解經過").fill("雙方就加班費達成共識。")
    room.get_by_label("調解方案（成立時）").fill("相對人於115年12月31日前給付50,000元。")
    room.locator("#id_settled_OVERTIME").fill("50000")
    room.get_by_role("button", name="登錄結果").click()
    room.wait_for_load_state()
    assert room.locator(".message.error, .field-error").first.is_visible()
    assert Case.objects.get().status == "MEETING_SCHEDULED"
    room.locator("#id_confirm_OVERTIME").check()
    room.get_by_role("button", name="登錄結果").click()
    room.wait_for_load_state()
    assert Case.objects.get().status == "SETTLED"

    # The worker sees the outcome and the mediation record.
    portal.goto(f"{live_server.url}/portal/cases/{case.number}/")
    assert "調解成立" in portal.content()
    with portal.expect_download() as download:
        portal.get_by_role("link", name="勞資爭議調解紀錄").click()
    assert download.value.suggested_filename.endswith(".pdf")
    assert axe_serious_violations(portal) == []

    # The statistics and the roster pages.
    desk.goto(f"{live_server.url}/staff/disputes/statistics/")
    assert "調解成立" in desk.content()
    assert axe_serious_violations(desk) == []
    desk.goto(f"{live_server.url}/staff/disputes/mediators/")
    assert axe_serious_violations(desk) == []
    desk.goto(f"{live_server.url}/staff/disputes/")
    assert axe_serious_violations(desk) == []
