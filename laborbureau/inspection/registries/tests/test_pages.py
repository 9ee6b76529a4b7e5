"""The registries' pages: the employer applies on the portal, the public list without
login, the newsletter's double opt-in by pages, the staff pages (and 404 for others),
query counts on the lists."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from laborbureau.core.tests.factories import employer_user
from laborbureau.inspection.registries import services
from laborbureau.inspection.registries.models import Registration, Subscriber
from laborbureau.inspection.registries.tests.conftest import application, approve, closed_fatal_accident, jpeg

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_an_employer_applies_on_the_portal(team):
    client = client_for(team["company"])
    form = {"kind": "TRAINING_UNIT", "name": "臺北安全衛生訓練中心", "description": "營造作業主管訓練。",
            "address": "臺北市中山區民生東路一段1號", "district": "104"}
    answer = client.post("/portal/osh-registries/new/", {**form, "district": "999"})
    assert answer.status_code == 200 and not Registration.objects.exists()
    answer = client.post("/portal/osh-registries/new/", form)  # no documents
    assert answer.status_code == 200 and "請上傳申請文件" in answer.content.decode()
    answer = client.post("/portal/osh-registries/new/",
                         {**form, "files": SimpleUploadedFile("venue.jpg", jpeg(), content_type="image/jpeg")})
    registration = Registration.objects.get()
    assert answer.status_code == 302 and answer.url == f"/portal/cases/{registration.case.number}/"
    page = client.get("/portal/osh-registries/").content.decode()
    assert registration.case.number in page
    assert client.get(f"/portal/cases/{registration.case.number}/").status_code == 200
    assert client_for(employer_user()).get(f"/portal/cases/{registration.case.number}/").status_code == 404


def test_public_list_needs_no_login_and_shows_no_personnel(team, django_assert_max_num_queries):
    approve(services.registration_apply(data=application(name="甲訓練中心"), actor=team["company"]), team)
    approve(services.registration_apply(
        data=application(kind="SAFETY_PERSONNEL", name="大安營造", personnel_name="陳大文", personnel_role="MANAGER",
                         personnel_certificate="安管師字第1號", address="", district=""), actor=team["company"]), team)
    with django_assert_max_num_queries(6) as small:
        page = Client().get("/osh-registries/").content.decode()
    assert "甲訓練中心" in page and "陳大文" not in page and "大安營造" not in page
    for index in range(4):
        approve(services.registration_apply(data=application(name=f"乙訓練中心{index}"), actor=team["company"]), team)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert "乙訓練中心3" in Client().get("/osh-registries/?kind=TRAINING_UNIT").content.decode()


def test_newsletter_double_opt_in_by_pages(team):
    anonymous = Client()
    assert anonymous.post("/portal/osh-newsletter/", {"email": "reader@example.tw"}).status_code == 302
    subscriber = Subscriber.objects.get()
    assert anonymous.get(f"/portal/osh-newsletter/confirm/{subscriber.confirm_token}/").status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.confirmed_at is None  # a GET (a mail scanner) confirms nothing
    anonymous.post(f"/portal/osh-newsletter/confirm/{subscriber.confirm_token}/")
    subscriber.refresh_from_db()
    assert subscriber.confirmed_at is not None
    assert anonymous.post("/portal/osh-newsletter/confirm/not-a-token/").status_code == 404
    # One-click unsubscribe: a POST without a CSRF token (the mail client's).
    Client(enforce_csrf_checks=True).post(f"/portal/osh-newsletter/unsubscribe/{subscriber.unsubscribe_token}/")
    subscriber.refresh_from_db()
    assert subscriber.unsubscribed_at is not None


def test_staff_pages_and_others_get_404(team, django_assert_max_num_queries):
    for index in range(3):
        services.registration_apply(data=application(name=f"訓練中心{index}"), actor=team["company"])
    officer = client_for(team["officer"])
    with django_assert_max_num_queries(20) as small:
        assert officer.get("/staff/osh-registries/").status_code == 200
    for index in range(5):
        services.registration_apply(data=application(name=f"訓練單位{index}"), actor=team["company"])
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert "訓練單位4" in officer.get("/staff/osh-registries/").content.decode()
    for url in ("/staff/osh-registries/", "/staff/osh-registries/audits/", "/staff/osh-registries/monitored-works/",
                "/staff/osh-registries/compilation/", "/staff/osh-newsletter/"):
        assert officer.get(url).status_code == 200, url
        assert client_for(team["other"]).get(url).status_code == 404, url
        assert client_for(team["company"]).get(url).status_code == 404, url


def test_staff_writes_the_compilation_and_composes_an_issue(team):
    accident = closed_fatal_accident(team)
    year = accident.month.year
    officer = client_for(team["officer"])
    url = f"/staff/osh-registries/compilation/{year}/{accident.case.number}/"
    assert officer.get(url).status_code == 200
    answer = officer.post(url, {"summary": "勞工於施工架墜落。", "causes": "未設護欄。", "prevention": "設置護欄。"})
    assert answer.status_code == 302
    answer = officer.post(f"/staff/osh-registries/compilation/{year}/")
    assert answer.status_code == 302
    page = officer.get(f"/staff/osh-registries/compilation/{year}/").content.decode()
    assert "1案" in page
    answer = officer.post("/staff/osh-newsletter/", {
        "month": timezone.localdate().isoformat(), "title": "本月電子報",
        "items": "高處作業\n請設置護欄。\nhttps://www.osha.gov.tw/\n\n局限空間\n作業前應測定氧氣濃度。"})
    assert answer.status_code == 302
    from laborbureau.inspection.registries.models import NewsletterIssue

    issue = NewsletterIssue.objects.get()
    assert [item["title"] for item in issue.items] == ["高處作業", "局限空間"]
    assert issue.items[0]["link"] == "https://www.osha.gov.tw/"
    officer.post(f"/staff/osh-newsletter/{issue.pk}/", {"action": "send"})
    issue.refresh_from_db()
    assert issue.status == "SENDING"


def test_audit_and_monitored_work_pages(team):
    registration = approve(services.registration_apply(data=application(), actor=team["company"]), team)
    officer = client_for(team["officer"])
    today = timezone.localdate().isoformat()
    answer = officer.post("/staff/osh-registries/audits/", {"registration_number": "115-OSR-999999",
                                                            "scheduled_on": today, "inspector": team["inspector"].pk})
    assert answer.status_code == 200 and "找不到此登錄案" in answer.content.decode()
    answer = officer.post("/staff/osh-registries/audits/", {"registration_number": registration.case.number,
                                                            "scheduled_on": today, "inspector": team["inspector"].pk})
    assert answer.status_code == 302
    audit = registration.audits.get()
    answer = officer.post(f"/staff/osh-registries/audits/{audit.pk}/",
                          {"conducted_on": today, "findings": "符合。", "result": "PASS"})
    assert answer.status_code == 302
    audit.refresh_from_db()
    assert audit.result == "PASS"
    answer = officer.post("/staff/osh-registries/monitored-works/", {
        "employer_id": team["company"].employer_id, "site_name": "捷運萬大線", "address": "臺北市萬華區",
        "district": "108", "stream_url": "https://cctv.example.tw/1", "starts_on": today})
    assert answer.status_code == 302
    answer = officer.post(answer.url, {"stream_available": "on", "observations": "正常。"})
    assert answer.status_code == 302


def test_the_staff_case_page_shows_the_record_and_logs_personnel_reads(team):
    from laborbureau.core.models import AccessLogEntry

    registration = services.registration_apply(
        data=application(kind="SAFETY_PERSONNEL", name="大安營造", personnel_name="陳大文", personnel_role="OFFICER",
                         personnel_certificate="安管員字第9號", address="", district=""), actor=team["company"])
    before = AccessLogEntry.objects.count()
    page = client_for(team["officer"]).get(f"/staff/cases/{registration.case.number}/")
    assert page.status_code == 200 and "陳大文" in page.content.decode()
    assert AccessLogEntry.objects.count() > before
    assert client_for(team["other"]).get(f"/staff/cases/{registration.case.number}/").status_code == 404


def test_the_services_page_and_the_staff_menu_link_here(team):
    assert "/portal/osh-newsletter/" in Client().get("/portal/services/").content.decode()
    home = client_for(team["officer"]).get("/staff/programs/").content.decode()
    assert "/staff/osh-registries/" in home
