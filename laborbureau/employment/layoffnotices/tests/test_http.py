"""The layoff notices over HTTP: the API (4xx at the field's path, the upload round trip,
another employer's upload 404, list query counts) and the pages (the acceptance story:
a messy Big5 file, its report, the fixed file confirmed, the workers in the staff queue
with matches; the fine in one step; personal data logged and hidden from other units)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from laborbureau.core.models import AccessLogEntry, Role
from laborbureau.core.services import api_token_create
from laborbureau.core.tests.factories import PersonFactory, citizen, national_id, staff
from laborbureau.employment.layoffnotices.models import LayoffNotice, LayoffUpload, LayoffWorker, UploadStatus
from laborbureau.employment.layoffnotices.tests.factories import (
    committed,
    counsellor,
    csv_bytes,
    employer_account,
    file_notice,
    in_days,
    vacancy,
    worker_values,
)

pytestmark = pytest.mark.django_db


def api(user) -> Client:
    _, key = api_token_create(user=user, name="test")
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}")


def browser(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_api_files_a_notice_and_answers_field_errors():
    account = employer_account()
    client = api(account)
    body = {"establishment_name": "內湖廠", "workers": [worker_values()]}
    with committed():
        response = client.post("/api/v1/layoff-notices", body, content_type="application/json")
    assert response.status_code == 201, response.content
    assert response.json()["worker_count"] == 1 and response.json()["channel"] == "API"
    bad = {"establishment_name": "內湖廠", "workers": [worker_values(), worker_values(last_day="2026-02-30")]}
    response = client.post("/api/v1/layoff-notices", bad, content_type="application/json")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "workers", "1", "last_day"]
    assert LayoffNotice.objects.count() == 1
    assert api(counsellor()).post("/api/v1/layoff-notices", body, content_type="application/json").status_code == 403


def test_api_upload_report_and_confirm():
    account = employer_account()
    client = api(account)
    content = csv_bytes([worker_values(), worker_values(id_number="B1")], encoding="cp950")
    with committed():
        response = client.post("/api/v1/layoff-notices/uploads",
                               {"file": SimpleUploadedFile("名冊.csv", content), "establishment_name": "總公司"})
    assert response.status_code == 201, response.content
    upload_id = response.json()["id"]
    report = client.get(f"/api/v1/layoff-notices/uploads/{upload_id}").json()
    assert (report["status"], report["encoding"], report["error_count"]) == ("INVALID", "cp950", 1)
    assert report["errors"][0]["row"] == 3 and report["errors"][0]["column"] == "id_number"
    assert client.post(f"/api/v1/layoff-notices/uploads/{upload_id}/confirm").status_code == 409
    assert api(employer_account()).get(f"/api/v1/layoff-notices/uploads/{upload_id}").status_code == 404
    fixed = csv_bytes([worker_values(), worker_values()])
    with committed():
        upload_id = client.post("/api/v1/layoff-notices/uploads",
                                {"file": SimpleUploadedFile("名冊.csv", fixed), "establishment_name": "總公司"}).json()["id"]
    with committed():
        response = client.post(f"/api/v1/layoff-notices/uploads/{upload_id}/confirm")
    assert response.status_code == 201 and response.json()["worker_count"] == 2
    again = client.post("/api/v1/layoff-notices/uploads", {"file": SimpleUploadedFile("名冊.csv", fixed)})
    assert again.status_code == 409 and again.json()["detail"][0]["loc"] == ["body", "file"]


def test_api_list_has_a_fixed_number_of_queries_and_scopes(django_assert_max_num_queries):
    account = employer_account()
    file_notice(account)
    officer = counsellor()
    client = api(officer)
    client.get("/api/v1/layoff-notices")  # warm the token row
    with django_assert_max_num_queries(8) as first:
        client.get("/api/v1/layoff-notices")
    for _ in range(4):
        file_notice()
    with django_assert_max_num_queries(len(first.captured_queries)):
        response = client.get("/api/v1/layoff-notices")
    assert response.json()["count"] == 5
    assert api(account).get("/api/v1/layoff-notices").json()["count"] == 1
    assert api(staff(Role.CASE_OFFICER, "LS")).get("/api/v1/layoff-notices").json()["count"] == 0


def test_workers_endpoint_is_logged_and_hidden_from_other_units():
    notice = file_notice()
    officer = counsellor()
    response = api(officer).get(f"/api/v1/layoff-notices/{notice.pk}/workers")
    assert response.status_code == 200 and len(response.json()["items"]) == 1 and response.json()["count"] == 1
    assert AccessLogEntry.objects.filter(object_type="layoff_notice", object_id=str(notice.pk),
                                         username=officer.username).count() == 1
    assert api(staff(Role.CASE_OFFICER, "LS")).get(f"/api/v1/layoff-notices/{notice.pk}/workers").status_code == 404


def test_the_openapi_documents_every_field():
    schema = Client().get("/api/openapi.json").json()
    for name in ("NoticeIn", "WorkerIn", "NoticeOut", "UploadOut", "WorkerOut", "CounterNoticeIn", "WorkerPage"):
        for field_name, spec in schema["components"]["schemas"][name]["properties"].items():
            assert spec.get("description"), (name, field_name)
    assert "/api/v1/layoff-notices/uploads/{upload_id}/confirm" in schema["paths"]


def test_acceptance_a_messy_big5_file_fixed_confirmed_and_the_workers_queued_with_matches():
    job = vacancy(occupation_code="51")
    account = employer_account()
    person = PersonFactory()
    worker_user = citizen(person)
    client = browser(account)
    duplicate = national_id()
    messy = csv_bytes([worker_values(id_number=duplicate), worker_values(id_number=duplicate),
                       worker_values(id_number=person.id_number, last_day="115/13/01")], encoding="cp950")
    with committed():
        response = client.post("/portal/employer/layoff-notices/upload/",
                               {"file": SimpleUploadedFile("資遣名冊.csv", messy), "establishment_name": "總廠"})
    upload = LayoffUpload.objects.get()
    assert response.status_code == 302
    page = client.get(f"/portal/employer/layoff-notices/uploads/{upload.pk}/").content.decode()
    assert "與第2列為同一員工" in page and "離職日「115/13/01」格式不正確" in page and "cp950" in page
    report = client.get(f"/portal/employer/layoff-notices/uploads/{upload.pk}/report.csv")
    assert report.content.decode("utf-8-sig").count("\n") == 3
    fixed = csv_bytes([worker_values(id_number=duplicate), worker_values(id_number=person.id_number)],
                      encoding="cp950")
    with committed():
        client.post("/portal/employer/layoff-notices/upload/",
                    {"file": SimpleUploadedFile("資遣名冊.csv", fixed), "establishment_name": "總廠"})
    good = LayoffUpload.objects.get(status=UploadStatus.VALID)
    assert "確認通報" in client.get(f"/portal/employer/layoff-notices/uploads/{good.pk}/").content.decode()
    with committed():
        response = client.post(f"/portal/employer/layoff-notices/uploads/{good.pk}/confirm/")
    notice = LayoffNotice.objects.get()
    assert response.status_code == 302 and notice.worker_count == 2
    # The worker accepts on the portal and is matched.
    mine = browser(worker_user)
    assert notice.employer.name in mine.get("/portal/layoff-invitations/").content.decode()
    worker = LayoffWorker.objects.get(id_number=person.id_number)
    mine.post(f"/portal/layoff-invitations/{worker.pk}/answer/",
              {"answer": "accept", "desired_occupations": "51", "consent_to_matching": "on"})
    assert job.title in mine.get("/portal/layoff-invitations/").content.decode()
    # The service's queue shows the workers, their invitations and matches; the read is logged.
    officer = counsellor()
    queue = browser(officer).get(f"/staff/employment/layoff-notices/{notice.pk}/").content.decode()
    assert person.id_number in queue and job.title in queue and "已接受" in queue
    assert AccessLogEntry.objects.filter(object_type="layoff_notice", username=officer.username).exists()
    assert browser(staff(Role.CASE_OFFICER, "LS")).get(f"/staff/employment/layoff-notices/{notice.pk}/").status_code \
        == 404
    assert browser(employer_account()).get(f"/portal/employer/layoff-notices/{notice.pk}/").status_code == 404


def test_the_officer_opens_the_fine_from_the_late_notice_page():
    notice = file_notice(workers=[worker_values(last_day=in_days(2))])
    officer = counsellor()
    client = browser(officer)
    page = client.get(f"/staff/employment/layoff-notices/{notice.pk}/").content.decode()
    assert "開立查處案件並送陳核" in page and 'value="30000"' in page
    response = client.post(f"/staff/employment/layoff-notices/{notice.pk}/fine/",
                           {"violation_date": in_days(0).isoformat(), "amount": "30000"})
    notice.refresh_from_db()
    assert response.status_code == 302 and notice.fine_case.status == "FINE_PENDING_APPROVAL"
    assert response["Location"].endswith(f"/{notice.fine_case.number}/")


def test_the_staff_list_has_a_fixed_number_of_queries(django_assert_max_num_queries):
    client = browser(counsellor())
    file_notice()
    client.get("/staff/employment/layoff-notices/")
    with django_assert_max_num_queries(20) as first:
        client.get("/staff/employment/layoff-notices/")
    for _ in range(5):
        file_notice(workers=[worker_values(last_day=in_days(1))])
    with django_assert_max_num_queries(len(first.captured_queries)):
        response = client.get("/staff/employment/layoff-notices/?late=1")
    assert response.content.decode().count("LN-") >= 5
