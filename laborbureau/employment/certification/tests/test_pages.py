"""The pages: a worker applies on the portal, uploads job-search records and sees the
dates and outcomes through the first certification and two re-certifications recorded by a
counsellor on the staff page; the queue lists due dates in a fixed number of queries;
another unit's staff get 404; the export downloads and is logged."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from laborbureau.core.models import AccessLogEntry, Role
from laborbureau.core.tests.factories import PersonFactory, citizen, staff
from laborbureau.employment.certification import services
from laborbureau.employment.certification.models import Certification, JobSearchRecord
from laborbureau.employment.certification.tests.factories import PDF, certified_claim, claimant, counsellor

pytestmark = pytest.mark.django_db


def test_a_worker_applies_on_the_portal_and_goes_through_three_certifications(client, monkeypatch):
    user = claimant()
    client.force_login(user)
    assert client.get("/portal/certification/").status_code == 200
    today = timezone.localdate()
    response = client.post("/portal/certification/apply/", {
        "separation_date": (today - timedelta(days=3)).isoformat(), "separation_reason": "LSA_11",
        "last_employer_name": "信義餐飲有限公司", "salaries": "45800,45800,45800,45800,45800,45800",
        "insured_months_in_three_years": "30", "birth_date": "1990-05-05"})
    assert response.status_code == 302, response.content.decode()[:2000]
    claim = Certification.objects.get()
    officer = counsellor()
    client.force_login(officer)
    assert client.post(f"/staff/employment/certifications/{claim.pk}/first/",
                       {"documents_checked": "on", "able_and_willing": "on"}).status_code == 302
    claim.refresh_from_db()
    assert claim.status == "WAITING"
    for month in (1, 2, 3):
        row = claim.dates.get(month=month)
        monkeypatch.setattr(timezone, "localdate", lambda row=row: row.due_date)
        ids = []
        if month > 1:
            client.force_login(user)
            for n in range(2):
                response = client.post(f"/portal/certification/{claim.pk}/", {
                    "searched_on": (row.due_date - timedelta(days=n + 1)).isoformat(),
                    "employer_name": f"大安科技{n}公司", "position": "門市人員", "method": "ONLINE",
                    "result": "AWAITING", "file": SimpleUploadedFile("proof.pdf", PDF)})
                assert response.status_code == 302, response.content.decode()[:3000]
            ids = list(JobSearchRecord.objects.filter(certification=claim, date__isnull=True).values_list("pk",
                                                                                                       flat=True))
            client.force_login(officer)
        response = client.post(f"/staff/employment/certifications/{claim.pk}/date/",
                               {"certified": "yes", "in_person": "on", "record_ids": [str(i) for i in ids]})
        assert response.status_code == 302
        assert claim.dates.get(month=month).status == "CERTIFIED", month
    client.force_login(user)
    page = client.get(f"/portal/certification/{claim.pk}/").content.decode()
    assert page.count("已認定") >= 3 and "勞保局" in page and "27,480" in page


def test_the_portal_apply_form_shows_a_field_error(client):
    client.force_login(claimant())
    response = client.post("/portal/certification/apply/", {
        "separation_date": timezone.localdate().isoformat(), "separation_reason": "LSA_11",
        "last_employer_name": "信義餐飲有限公司", "salaries": "45800,45800", "insured_months_in_three_years": "30",
        "birth_date": "1990-05-05"})
    assert response.status_code == 422 and "六個月" in response.content.decode()
    assert not Certification.objects.exists()


def test_the_queue_lists_due_dates_in_a_fixed_number_of_queries(client, django_assert_max_num_queries,
                                                                  monkeypatch):
    officer = counsellor()
    claim = certified_claim(officer)
    due = claim.dates.get().due_date
    monkeypatch.setattr(timezone, "localdate", lambda: due)
    client.force_login(officer)
    with django_assert_max_num_queries(16):
        assert client.get("/staff/employment/certifications/").status_code == 200
    for _ in range(4):
        certified_claim(officer, start=due - timedelta(days=14))
    with django_assert_max_num_queries(16):
        page = client.get("/staff/employment/certifications/").content.decode()
    assert page.count("/staff/employment/certifications/") >= 5


def test_the_claim_page_is_logged_and_hidden_from_other_units_and_citizens(client):
    claim = certified_claim()
    officer = counsellor()
    client.force_login(officer)
    assert client.get(f"/staff/employment/certifications/{claim.pk}/").status_code == 200
    assert AccessLogEntry.objects.filter(user=officer, object_type="unemployment_certification",
                                         object_id=str(claim.pk)).exists()
    client.force_login(staff(Role.CASE_OFFICER, "LS"))
    assert client.get(f"/staff/employment/certifications/{claim.pk}/").status_code == 404
    client.force_login(citizen(PersonFactory()))
    assert client.get(f"/portal/certification/{claim.pk}/").status_code == 404


def test_the_export_page_downloads_csv(client):
    officer = counsellor()
    client.force_login(officer)
    today = timezone.localdate().isoformat()
    response = client.get(f"/staff/employment/certifications/export/?date_from={today}&date_to={today}")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")


def test_events_on_the_portal_and_attendance_on_the_staff_page(client):
    officer = counsellor()
    today = timezone.localdate()
    event = services.event_create(actor=officer, data=services.EventInput(
        kind="WORKSHOP", title="求職技巧工作坊：面試準備", date=today, starts_at=timezone.datetime(2000, 1, 1, 9).time(),
        ends_at=timezone.datetime(2000, 1, 1, 12).time(), venue="就業服務處3樓", capacity=10))
    person = citizen(PersonFactory())
    client.force_login(person)
    assert "求職技巧工作坊" in client.get("/portal/certification/events/").content.decode()
    assert client.post(f"/portal/certification/events/{event.pk}/register/").status_code == 302
    assert "您已報名" in client.get("/portal/certification/events/").content.decode()
    client.force_login(officer)
    registration = event.registrations.get()
    assert client.post(f"/staff/employment/certifications/events/{event.pk}/",
                       {"registration_id": registration.pk, "attended": "yes"}).status_code == 302
    registration.refresh_from_db()
    assert registration.attended is True
