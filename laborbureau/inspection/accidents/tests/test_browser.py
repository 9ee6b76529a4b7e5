"""The whole alert chain on phone-sized screens, in a real browser, as its people would
use it: an employer reports a fatal accident on the portal (with the phone's location,
nine hours after learning of it, so late); the duty supervisor's live alerts page shows
it within seconds without a reload; the supervisor acknowledges and dispatches; the
inspector records arrival and findings; the public map shows the new point, anonymised;
the late-report fine is proposed with its range and caution. Every page passes axe-core
with no serious or critical violation."""

import json
import time
from datetime import timedelta

import pytest
from django.utils import timezone

from laborbureau.cases.models import SignOff
from laborbureau.conftest import axe_serious_violations, sign_in
from laborbureau.core.models import Role
from laborbureau.core.tests.factories import citizen, employer_user, staff
from laborbureau.inspection.accidents import geo
from laborbureau.inspection.accidents.models import Accident, DiseaseDetermination, DutyShift

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"locale": "zh-TW", "timezone_id": "Asia/Taipei", "viewport": {"width": 390, "height": 844},
         "is_mobile": True, "has_touch": True}
SITE = {"latitude": 25.0330, "longitude": 121.5654}  # 信義區, beside Taipei 101


def phone(browser, live_server, username):
    """Another person's phone (the same screen as the phone_page fixture), signed in."""
    return sign_in(browser.new_context(**PHONE).new_page(), live_server, username)


def step(page, name):
    """The form of one field step on the alert page or the case page."""
    return page.locator("form.transition").filter(has=page.get_by_role("heading", name=name, exact=True))


def assert_fits_the_screen(page):
    """Nothing wider than the phone: no sideways scrolling of the whole page."""
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1"), page.url


def test_a_fatal_accident_from_the_employers_phone_to_the_fine(browser, phone_page, live_server):
    chief = staff(Role.SECTION_CHIEF, "LIO", username="lio_chief")
    supervisor = staff(Role.CASE_OFFICER, "LIO", username="lio_duty")
    inspector = staff(Role.INSPECTOR, "LIO", username="lio_inspector")
    company = employer_user()
    now = timezone.now()
    for user, role in ((supervisor, "SUPERVISOR"), (inspector, "ON_CALL")):
        DutyShift.objects.create(user=user, role=role, starts_at=now - timedelta(hours=2),
                                 ends_at=now + timedelta(hours=10), created_by=chief)

    # The duty supervisor keeps the live alerts page open on the phone.
    duty = phone(browser, live_server, supervisor.username)
    duty.goto(f"{live_server.url}/staff/accidents/alerts/")
    assert duty.locator("#no-alerts").is_visible()
    assert axe_serious_violations(duty) == []
    assert_fits_the_screen(duty)

    # The employer reports on the portal, from the site, with the phone's position.
    phone_page.context.grant_permissions(["geolocation"], origin=live_server.url)
    phone_page.context.set_geolocation(SITE)
    portal = sign_in(phone_page, live_server, company.username)
    portal.goto(f"{live_server.url}/portal/accidents/new/")
    assert axe_serious_violations(portal) == []
    assert_fits_the_screen(portal)
    known = timezone.localtime() - timedelta(hours=9)
    portal.get_by_role("textbox", name="發生時間", exact=True).fill(known.strftime("%Y-%m-%dT%H:%M"))
    portal.get_by_label("災害類型").select_option("FALL")
    portal.get_by_role("spinbutton", name="死亡人數", exact=True).fill("1")
    portal.get_by_label("工作場所（廠場、工地）名稱").fill("信義路五段工地")
    portal.get_by_label("災害經過").fill("勞工於施工架第三層拆除作業時墜落，送醫不治。")
    portal.get_by_role("button", name="使用目前位置").click()
    portal.locator("#location-status").filter(has_text="已取得目前位置").wait_for()
    assert float(portal.locator("#id_lat").input_value()) == pytest.approx(SITE["latitude"])
    portal.get_by_role("button", name="送出通報").click()
    portal.wait_for_load_state()
    reported = time.monotonic()
    accident = Accident.objects.select_related("case", "district").get()
    number = accident.case.number
    assert accident.late and accident.district.zip3 == "110" and not accident.location_approximate
    assert number in portal.content() and "逾時" in portal.content()  # told at once that it is late
    assert axe_serious_violations(portal) == []

    # Within seconds, without a reload, the supervisor's page shows it.
    duty.locator("#alerts li", has_text=number).wait_for(timeout=12000)
    shown_after = time.monotonic() - reported
    assert shown_after < 10, f"the alert took {shown_after:.1f} s"
    assert duty.locator("#no-alerts").count() == 0
    assert axe_serious_violations(duty) == []

    # Acknowledge, then dispatch the on-call inspector.
    duty.locator("#alerts li", has_text=number).get_by_role("link").click()
    duty.wait_for_load_state()
    assert "逾時通報" in duty.content() and "信義區" in duty.content()
    assert axe_serious_violations(duty) == []
    assert_fits_the_screen(duty)
    step(duty, "簽收通報").get_by_role("button", name="簽收通報").click()
    duty.wait_for_load_state()
    form = step(duty, "派員檢查")
    form.get_by_label("派遣檢查員").select_option(str(inspector.pk))
    form.get_by_role("button", name="派員檢查").click()
    duty.wait_for_load_state()
    accident.refresh_from_db()
    assert accident.acknowledged_by == supervisor and accident.inspector == inspector
    assert accident.case.status == "DISPATCHED"

    # The inspector, on the phone: arrival, then findings.
    field = phone(browser, live_server, inspector.username)
    field.goto(f"{live_server.url}/staff/accidents/{number}/")
    assert axe_serious_violations(field) == []
    assert_fits_the_screen(field)
    step(field, "到達現場").get_by_role("button", name="到達現場").click()
    field.wait_for_load_state()
    form = step(field, "登錄檢查結果")
    form.get_by_label("檢查結果及災害原因").fill("施工架未設置護欄，勞工未使用安全帶。")
    form.get_by_label("建議停工（職業安全衛生法第36條）").check()
    form.get_by_role("button", name="登錄檢查結果").click()
    field.wait_for_load_state()
    assert "施工架未設置護欄" in field.locator("#findings").inner_text()
    assert field.locator("#t-arrival").inner_text() != "—"
    accident.refresh_from_db()
    assert accident.case.status == "FINDINGS" and accident.stop_work_recommended
    assert accident.reported_at <= accident.acknowledged_at <= accident.dispatched_at <= accident.arrived_at

    # The public map: the new point, at its district's centroid (a lone accident in its
    # 200 m cell could single out the site), with no name, address or site.
    public = browser.new_context(**PHONE).new_page()
    public.goto(f"{live_server.url}/accidents/map/")
    row = public.locator("table tr", has=public.get_by_role("rowheader", name="信義區"))
    assert row.locator("td").inner_text() == "1"
    assert public.locator("svg circle").count() == 1
    text = public.content()
    assert "信義路五段工地" not in text and company.employer.name not in text and number not in text
    assert axe_serious_violations(public) == []
    assert_fits_the_screen(public)
    payload = json.loads(public.request.get(f"{live_server.url}/api/v1/open-data/accidents/map").text())
    centroid = geo.district_by_zip("110").centroid
    assert payload["total"] == 1
    assert payload["points"] == [{"lon": round(centroid[0], 5), "lat": round(centroid[1], 5), "count": 1,
                                  "district": "110", "at_centroid": True}]

    # The late-report fine: the range on the violation day with its caution, proposed
    # for the chief's and the director's sign-off.
    duty.goto(f"{live_server.url}/staff/cases/{number}/")
    fine = duty.locator("#late-report-fine")
    assert "30,000" in fine.inner_text() and "300,000" in fine.inner_text()
    assert "修正條文施行日期待定" in fine.inner_text()
    assert axe_serious_violations(duty) == []
    assert_fits_the_screen(duty)
    form = step(duty, "逾時通報擬處罰鍰（陳核）")
    form.get_by_label("罰鍰金額（新臺幣元；法定額度見本案說明）").fill("400000")
    form.get_by_role("button", name="逾時通報擬處罰鍰（陳核）").click()
    duty.wait_for_load_state()
    assert duty.locator(".field-error").first.is_visible()
    assert not SignOff.objects.exists()
    form = step(duty, "逾時通報擬處罰鍰（陳核）")
    form.get_by_label("罰鍰金額（新臺幣元；法定額度見本案說明）").fill("60000")
    form.get_by_role("button", name="逾時通報擬處罰鍰（陳核）").click()
    duty.wait_for_load_state()
    accident.refresh_from_db()
    assert accident.case.status == "FINE_PENDING_APPROVAL" and accident.proposed_amount == 60_000
    assert "依修正前額度" in SignOff.objects.get(case=accident.case).summary


def test_a_worker_applies_for_a_disease_determination_on_the_phone(phone_page, live_server, tmp_path):
    worker = citizen()
    certificate = tmp_path / "診斷證明書.pdf"
    certificate.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")
    page = sign_in(phone_page, live_server, worker.username)
    page.goto(f"{live_server.url}/portal/services/")
    page.get_by_role("link", name="職業疾病認定申請").click()
    page.wait_for_load_state()
    assert axe_serious_violations(page) == []
    assert_fits_the_screen(page)
    page.get_by_role("textbox", name="疾病名稱（依診斷證明書）").fill("職業性下背痛")
    page.get_by_role("textbox", name="工作內容及暴露情形").fill("倉儲搬運工，每日搬運重物約200次，已12年。")
    page.get_by_label("診斷證明書及相關資料（PDF、JPEG、PNG，最多6件）").set_input_files(str(certificate))
    page.get_by_role("button", name="送出申請").click()
    page.wait_for_load_state()
    assert page.locator(".field-error").first.is_visible()  # the acknowledgement was not ticked
    assert not DiseaseDetermination.objects.exists()
    page.get_by_label("我同意臺北市政府勞動局").check()
    page.get_by_label("診斷證明書及相關資料（PDF、JPEG、PNG，最多6件）").set_input_files(str(certificate))
    page.get_by_role("button", name="送出申請").click()
    page.wait_for_load_state()
    determination = DiseaseDetermination.objects.select_related("case").get()
    assert determination.case.number in page.content() and "職業性下背痛" in page.content()
    assert axe_serious_violations(page) == []
