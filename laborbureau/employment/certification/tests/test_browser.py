"""Unemployment certification in a real browser. A worker applies on the portal; the
counsellor records the first certification on the staff page; the initial recognition
follows on the 15th day; then for two months the worker enters two job-search records with
a proof file on the portal and the counsellor verifies them at the re-certification. At each
step the worker's page shows the status and the dates. A second test: documents missing at
the first visit, the deadline on the worker's phone, the first certification once they are
completed. The clock is frozen the way test_pages.py does it (`timezone.localdate`, which the
live server's thread shares); each page passes axe-core with no serious or critical
violation."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from laborbureau.conftest import axe_serious_violations
from laborbureau.employment.certification import services
from laborbureau.employment.certification.models import Certification
from laborbureau.employment.certification.tests.factories import PDF, apply, claimant, counsellor
from laborbureau.rules import roc_calendar
from laborbureau.rules import unemployment as rules

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct horse battery staple"
START = date(2026, 3, 2)  # a Monday; the minimum wage and the office calendar of 2026 are recorded
SEPARATION = START - timedelta(days=3)


def sign_in(browser, live_server, username, *, phone=False):
    size = {"width": 390, "height": 844} if phone else {"width": 1280, "height": 900}
    context = browser.new_context(locale="zh-TW", timezone_id="Asia/Taipei", viewport=size, is_mobile=phone)
    page = context.new_page()
    page.set_default_timeout(15000)
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="登入").click()
    page.wait_for_load_state()
    return page


def freeze(monkeypatch, day: date) -> None:
    monkeypatch.setattr(timezone, "localdate", lambda: day)


def roc(day: date) -> str:
    return roc_calendar.format_long(day)


def visit(page, url: str) -> str:
    page.goto(url)
    page.wait_for_load_state()
    return page.locator("main").inner_text()


def next_date(page) -> str:
    """The worker's "your next date" card."""
    return page.get_by_role("region", name="下次認定").inner_text()


def submit(page, name: str) -> None:
    page.get_by_role("button", name=name, exact=True).click()
    page.wait_for_load_state()


def test_a_worker_goes_through_the_first_certification_and_two_re_certifications(browser, live_server, monkeypatch):
    freeze(monkeypatch, START)
    user = claimant()
    officer = counsellor(username="eso_certification")
    schedule = rules.unemployment_benefit(on=START, separation_date=SEPARATION, insured_salaries=[45_800] * 6,
                                          birth_date=date(1990, 5, 5)).schedule

    # The worker applies on the portal.
    worker = sign_in(browser, live_server, user.username)
    visit(worker, f"{live_server.url}/portal/certification/")
    worker.get_by_role("link", name="申請失業給付").click()
    worker.wait_for_load_state()
    assert axe_serious_violations(worker) == []
    worker.locator("#id_separation_date").fill(SEPARATION.isoformat())
    worker.locator("#id_separation_reason").select_option("LSA_11")
    worker.locator("#id_last_employer_name").fill("信義餐飲有限公司")
    worker.locator("#id_salaries").fill("45800,45800,45800,45800,45800,45800")
    worker.locator("#id_insured_months_in_three_years").fill("30")
    worker.locator("#id_birth_date").fill("1990-05-05")
    submit(worker, "送出申請")
    claim = Certification.objects.get()
    mine = f"{live_server.url}/portal/certification/{claim.pk}/"
    assert worker.url == mine
    text = worker.locator("main").inner_text()
    assert "已收到申請" in text and "已申請，待親自辦理" in text
    assert "尚未排定（待親自辦理初次失業認定）" in text
    assert axe_serious_violations(worker) == []

    # The counsellor records the first certification in person, from the queue.
    desk = sign_in(browser, live_server, officer.username)
    visit(desk, f"{live_server.url}/staff/employment/certifications/")
    desk.get_by_role("link", name=claim.number).click()
    desk.wait_for_load_state()
    assert axe_serious_violations(desk) == []
    desk.get_by_label("已核對離職證明及身分證件").check()
    assert desk.get_by_label("具工作能力及繼續工作意願").is_checked()
    desk.get_by_label("就業諮詢紀錄").fill("已說明失業再認定及求職紀錄規定")
    submit(desk, "完成初次認定")
    assert "已記錄初次失業認定" in desk.locator("main").inner_text()

    text = visit(worker, mine)
    assert "已求職登記，推介期間" in text and "每月 27,480 元" in text
    assert f"{roc(schedule[0].office_day)}（可辦理至 {roc(schedule[0].period_end)}）" in next_date(worker)
    assert axe_serious_violations(worker) == []

    # Month 1, the 15th day: the initial recognition (no job-search records needed).
    freeze(monkeypatch, schedule[0].office_day)
    visit(desk, f"{live_server.url}/staff/employment/certifications/{claim.pk}/")
    assert "失業認定（第1個月" in desk.locator("main").inner_text()
    submit(desk, "記錄")
    assert "已失業認定" in visit(worker, mine)
    assert roc(schedule[1].office_day) in next_date(worker)
    assert "並提供2次以上求職紀錄（就業保險法第30條）" in next_date(worker)

    # Months 2 and 3: two records with a proof file on the portal, verified in person.
    for month, employers in ((2, ("大安科技股份有限公司", "中正門市有限公司")), (3, ("松山物流有限公司", "內湖電子股份有限公司"))):
        item = schedule[month - 1]
        freeze(monkeypatch, item.office_day)
        for n, employer in enumerate(employers):
            worker.locator("#id_searched_on").fill((item.office_day - timedelta(days=n + 1)).isoformat())
            worker.locator("#id_employer_name").fill(employer)
            worker.locator("#id_position").fill("門市人員")
            worker.locator("#id_method").select_option("ONLINE")
            worker.locator("#id_result").select_option("AWAITING")
            worker.locator("#id_file").set_input_files(files=[{"name": "proof.pdf", "mimeType": "application/pdf",
                                                                 "buffer": PDF}])
            submit(worker, "登錄求職紀錄")
            text = worker.locator("main").inner_text()
            assert "已登錄求職紀錄" in text and f"{employer} · 門市人員 · 等待通知 · 已附檔" in text
        assert axe_serious_violations(worker) == []

        visit(desk, f"{live_server.url}/staff/employment/certifications/{claim.pk}/")
        section = desk.get_by_role("region", name=f"失業再認定（第{month}個月")
        for employer in employers:
            section.get_by_label(employer, exact=False).check()
        submit(desk, "記錄")
        assert "已記錄" in desk.locator("main").inner_text()

        text = visit(worker, mine)
        rows = worker.locator("table tbody tr")
        assert rows.nth(month - 1).inner_text().split("\t")[:5] == [
            f"再認定 {month}", roc_calendar.format_short(item.office_day),
            f"{roc_calendar.format_short(item.period_start)}–{roc_calendar.format_short(item.period_end)}",
            f"已認定 {roc_calendar.format_short(item.office_day)}", "2"]
        assert roc(schedule[month].office_day) in next_date(worker)
        assert text.count("已核對") == 2 * (month - 1)
    assert [row.inner_text().split("\t")[3][:3] for row in worker.locator("table tbody tr").all()] == [
        "已認定", "已認定", "已認定", "待辦理"]
    assert axe_serious_violations(desk) == []
    desk.context.close()
    worker.context.close()


def test_documents_missing_at_the_first_visit_then_completed(browser, live_server, monkeypatch):
    freeze(monkeypatch, START)
    user = claimant()
    claim = apply(user, today=START, separation_date=SEPARATION)
    officer = counsellor(username="eso_cure")
    deadline = services.cure_deadline(START).due

    desk = sign_in(browser, live_server, officer.username)
    page = f"{live_server.url}/staff/employment/certifications/{claim.pk}/"
    visit(desk, page)
    submit(desk, "記錄並通知補正")  # nothing ticked: refused on the field
    assert desk.locator("#id_cure_missing_documents_error").inner_text() == "請勾選未檢齊之文件（就業保險法第25條第1項）。"
    assert axe_serious_violations(desk) == []
    desk.get_by_label("離職或定期契約證明文件", exact=False).check()
    desk.locator("#id_cure_note").fill("離職證明未載明離職原因")
    submit(desk, "記錄並通知補正")
    text = desk.locator("main").inner_text()
    assert "已記錄未檢齊之文件並通知補正期限" in text and f"補正期限 {roc(deadline)}" in text

    phone = sign_in(browser, live_server, user.username, phone=True)
    text = visit(phone, f"{live_server.url}/portal/certification/{claim.pk}/")
    assert f"請於 {roc(deadline)}前攜至就業服務處補正" in text
    assert "離職或定期契約證明文件 Separation" not in text and "離職或定期契約證明文件" in text
    assert "離職證明未載明離職原因" in text
    assert axe_serious_violations(phone) == []

    # Two days later the worker brings the certificate: the first certification, as of the visit.
    freeze(monkeypatch, START + timedelta(days=2))
    visit(desk, page)
    desk.get_by_label("已核對離職證明及身分證件").check()
    submit(desk, "完成初次認定")
    claim.refresh_from_db()
    assert (claim.status, claim.registration_date, claim.cure_deadline) == ("WAITING", START, None)
    text = visit(phone, f"{live_server.url}/portal/certification/{claim.pk}/")
    assert "請補正文件" not in text and "已求職登記，推介期間" in text
    assert roc(claim.dates.get().due_date) in next_date(phone)
    phone.context.close()
    desk.context.close()
