"""The complaint through the API: a citizen's token, an officer's recording, the
employer kept out, and 422s with the field path."""

import pytest
from django.test import Client

from laborbureau.cases.models import Case
from laborbureau.core.models import Role
from laborbureau.core.services import api_token_create
from laborbureau.core.tests.factories import EmployerFactory, business_id, citizen, employer_user, national_id, staff

pytestmark = pytest.mark.django_db


def api(user) -> Client:
    _, key = api_token_create(user=user, name="test")
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}")


def body(**overrides):
    data = {
        "employer": {"name": "信義餐飲有限公司", "business_id": business_id()},
        "categories": ["OVERTIME_PAY"],
        "description": "每月加班40小時未給加班費。",
        "still_employed": True,
    }
    data.update(overrides)
    return data


def test_a_citizen_files_with_a_token_and_reads_the_record():
    worker = citizen()
    client = api(worker)
    response = client.post("/api/v1/complaints", body(), content_type="application/json")
    assert response.status_code == 201, response.content
    number = response.json()["number"]
    assert response.json()["status"] == "SUBMITTED"
    assert Case.objects.get(number=number).channel == "api"
    record = client.get(f"/api/v1/complaints/{number}")
    assert record.status_code == 200
    assert record.json()["categories"] == ["OVERTIME_PAY"]


def test_an_invalid_business_id_answers_422_at_its_path_and_saves_nothing():
    response = api(citizen()).post(
        "/api/v1/complaints", body(employer={"name": "某公司", "business_id": "12345678"}),
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-2:] == ["employer", "business_id"]
    assert not Case.objects.exists()


@pytest.mark.parametrize(
    "change",
    [
        {"categories": []},
        {"categories": ["NOT_A_SUBJECT"]},
        {"description": ""},
        {"description": "x" * 5001},
        {"still_employed": "perhaps"},
        {"employer": {"name": ""}},
    ],
)
def test_bad_bodies_answer_422_and_save_nothing(change):
    response = api(citizen()).post("/api/v1/complaints", body(**change), content_type="application/json")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][0] == "body"
    assert not Case.objects.exists()


def test_a_citizen_cannot_file_in_someone_elses_name():
    response = api(citizen()).post(
        "/api/v1/complaints", body(complainant={"id_number": national_id(), "name": "別人"}),
        content_type="application/json",
    )
    assert response.status_code == 403
    assert not Case.objects.exists()


def test_an_officer_records_a_phone_complaint_and_a_bad_complainant_id_is_422():
    client = api(staff(Role.CASE_OFFICER, "LS"))
    bad = client.post(
        "/api/v1/complaints", body(channel="phone", complainant={"id_number": "A123456788", "name": "林美華"}),
        content_type="application/json",
    )
    assert bad.status_code == 422
    assert bad.json()["detail"][0]["loc"][-2:] == ["complainant", "id_number"]
    good = client.post(
        "/api/v1/complaints", body(channel="phone", complainant={"id_number": national_id(2), "name": "林美華"}),
        content_type="application/json",
    )
    assert good.status_code == 201
    assert Case.objects.get().channel == "phone"


def test_the_employer_named_cannot_read_the_complaint():
    employer = EmployerFactory()
    response = api(citizen()).post(
        "/api/v1/complaints", body(employer={"name": employer.name, "business_id": employer.business_id}),
        content_type="application/json",
    )
    number = response.json()["number"]
    client = api(employer_user(employer))
    assert client.get(f"/api/v1/complaints/{number}").status_code == 404
    assert client.post("/api/v1/complaints", body(), content_type="application/json").status_code == 403


def test_another_units_officer_gets_404():
    response = api(citizen()).post("/api/v1/complaints", body(), content_type="application/json")
    other = api(staff(Role.CASE_OFFICER, "ES"))
    assert other.get(f"/api/v1/complaints/{response.json()['number']}").status_code == 404


def test_without_a_token_401():
    assert Client().post("/api/v1/complaints", body(), content_type="application/json").status_code == 401
