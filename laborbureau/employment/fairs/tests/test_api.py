"""The job fairs through the API: the public list (paginated, a fixed number of queries),
staff, employer and citizen endpoints with 4xx at the field's path, and the OpenAPI."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from laborbureau.core.models import AccessLogEntry, Role
from laborbureau.core.services import api_token_create
from laborbureau.core.tests.factories import EmployerFactory, citizen, employer_user, national_id, staff
from laborbureau.employment.fairs.models import CheckIn, Fair, FairEmployer, FairInterview, FairRegistration
from laborbureau.employment.fairs.tests.factories import approved_employer, counsellor, make_fair, tomorrow, vacancy
from laborbureau.employment.models import Referral

pytestmark = pytest.mark.django_db


def api(user) -> Client:
    _, key = api_token_create(user=user, name="test")
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}")


def fair_body(**overrides) -> dict:
    day = tomorrow()
    body = {"title": "臺北市中高齡就業博覽會", "date": day.isoformat(), "starts_at": "09:30", "ends_at": "16:00",
            "venue": "臺北市政府1樓中庭", "address": "臺北市信義區市府路1號", "district_code": "110", "capacity": 300,
            "registration_opens": timezone.localdate().isoformat(), "registration_closes": day.isoformat()}
    body.update(overrides)
    return body


def test_the_public_list_is_paginated_with_employers_and_a_fixed_number_of_queries(django_assert_max_num_queries):
    organiser = counsellor()
    fair = make_fair(organiser, day=tomorrow())
    approved_employer(fair, organiser, vacancies=2)
    with django_assert_max_num_queries(6):
        first = Client().get("/api/v1/job-fairs")
    for index in range(4):
        other = make_fair(organiser, day=tomorrow(), title=f"第{index}場就業博覽會")
        approved_employer(other, organiser, booth=f"B{index}", vacancies=2)
    make_fair(organiser, title="已取消的博覽會", day=tomorrow()).status = "CANCELLED"
    with django_assert_max_num_queries(6):
        response = Client().get("/api/v1/job-fairs?page_size=10")
    assert first.status_code == response.status_code == 200
    body = response.json()
    assert body["count"] == 6
    item = next(i for i in body["items"] if i["id"] == fair.pk)
    assert [len(e["vacancies"]) for e in item["employers"]] == [2]
    assert item["employers"][0]["booth"] == "A01"
    assert "person" not in str(body) and "id_number" not in str(body)


def test_a_closed_fair_is_not_public():
    organiser = counsellor()
    fair = make_fair(organiser)
    api(organiser).post(f"/api/v1/job-fairs/{fair.pk}/status", {"action": "cancel"}, content_type="application/json")
    assert Client().get(f"/api/v1/job-fairs/{fair.pk}").status_code == 404
    assert api(organiser).get(f"/api/v1/job-fairs/{fair.pk}").status_code == 200


def test_staff_create_a_fair_and_a_past_date_answers_422_at_its_field():
    organiser = counsellor()
    response = api(organiser).post("/api/v1/job-fairs", fair_body(), content_type="application/json")
    assert response.status_code == 201, response.content
    assert (response.json()["status"], response.json()["district_code"]) == ("PLANNED", "63000020")
    past = (timezone.localdate() - timedelta(days=1)).isoformat()
    response = api(organiser).post("/api/v1/job-fairs", fair_body(date=past, registration_opens=past,
                                                                   registration_closes=past),
                                   content_type="application/json")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "date"]
    response = api(organiser).post("/api/v1/job-fairs", fair_body(district_code="999"),
                                   content_type="application/json")
    assert (response.status_code, response.json()["detail"][0]["loc"]) == (422, ["body", "district_code"])
    assert api(citizen()).post("/api/v1/job-fairs", fair_body(), content_type="application/json").status_code == 403
    assert api(staff(Role.CASE_OFFICER, "LS")).post("/api/v1/job-fairs", fair_body(),
                                                    content_type="application/json").status_code == 403
    assert Fair.objects.count() == 1


def test_an_employer_joins_with_its_own_vacancy_and_staff_approve():
    organiser = counsellor()
    fair = make_fair(organiser, day=tomorrow())
    account = employer_user(EmployerFactory())
    mine, theirs = vacancy(actor=account), vacancy()
    response = api(account).post(f"/api/v1/job-fairs/{fair.pk}/employers", {"vacancy_ids": [theirs.pk]},
                                 content_type="application/json")
    assert (response.status_code, response.json()["detail"][0]["loc"]) == (422, ["body", "vacancy_ids"])
    assert not FairEmployer.objects.exists()
    response = api(account).post(f"/api/v1/job-fairs/{fair.pk}/employers", {"vacancy_ids": [mine.pk]},
                                 content_type="application/json")
    assert response.status_code == 201
    participation = response.json()
    assert (participation["status"], participation["vacancy_ids"]) == ("APPLIED", [mine.pk])
    url = f"/api/v1/job-fairs/{fair.pk}/employers/{participation['id']}/decision"
    assert api(account).post(url, {"approve": True, "booth": "A1"}, content_type="application/json"
                             ).status_code == 404
    response = api(organiser).post(url, {"approve": True, "booth": "A1"}, content_type="application/json")
    assert (response.status_code, response.json()["booth"]) == (200, "A1")


def test_register_check_in_interview_and_outcome_through_the_api():
    organiser = counsellor()
    fair = make_fair(organiser)
    account, (fair_vacancy,) = approved_employer(fair, organiser)
    person = citizen()
    response = api(person).post(f"/api/v1/job-fairs/{fair.pk}/registrations")
    assert response.status_code == 201
    code = response.json()["code"]
    assert api(person).post(f"/api/v1/job-fairs/{fair.pk}/registrations").status_code == 409
    assert api(account).post(f"/api/v1/job-fairs/{fair.pk}/check-ins", {"code": code},
                             content_type="application/json").status_code in (403, 404)
    response = api(organiser).post(f"/api/v1/job-fairs/{fair.pk}/check-ins", {"code": code.lower()},
                                   content_type="application/json")
    assert (response.status_code, response.json()["method"]) == (201, "CODE")
    assert response.json()["registration"]["checked_in_at"] is not None
    again = api(organiser).post(f"/api/v1/job-fairs/{fair.pk}/check-ins", {"code": code},
                                content_type="application/json")
    assert again.status_code == 409
    response = api(organiser).post(f"/api/v1/job-fairs/{fair.pk}/walk-ins",
                                   {"id_number": national_id(), "name": "現場王"}, content_type="application/json")
    assert (response.status_code, response.json()["registration"]["walk_in"]) == (201, True)
    bad = api(organiser).post(f"/api/v1/job-fairs/{fair.pk}/walk-ins", {"id_number": "A123456780", "name": "錯號"},
                              content_type="application/json")
    assert (bad.status_code, bad.json()["detail"][0]["loc"]) == (422, ["body", "id_number"])
    response = api(account).post(f"/api/v1/job-fairs/{fair.pk}/interviews",
                                 {"vacancy_id": fair_vacancy.vacancy_id, "code": code},
                                 content_type="application/json")
    assert response.status_code == 201, response.content
    interview = response.json()
    assert (interview["outcome"], interview["referral_id"]) == ("INTERVIEWED", None)
    url = f"/api/v1/job-fairs/{fair.pk}/interviews/{interview['id']}/outcome"
    missing = api(account).post(url, {"outcome": "NOT_HIRED"}, content_type="application/json")
    assert (missing.status_code, missing.json()["detail"][0]["loc"]) == (422, ["body", "reason"])
    response = api(account).post(url, {"outcome": "HIRED"}, content_type="application/json")
    assert (response.status_code, response.json()["outcome"]) == (200, "HIRED")
    listed = api(account).get(f"/api/v1/job-fairs/{fair.pk}/interviews").json()
    assert (listed["count"], listed["items"][0]["outcome"]) == (1, "HIRED")
    figures = api(organiser).get(f"/api/v1/job-fairs/{fair.pk}/figures").json()
    assert (figures["checked_in"], figures["checked_in_walk_in"], figures["interviews"], figures["hires"],
            figures["hire_rate"]) == (2, 1, 1, 1, 50)
    assert api(person).get(f"/api/v1/job-fairs/{fair.pk}/figures").status_code == 404
    assert api(account).get(f"/api/v1/job-fairs/{fair.pk}/figures").status_code == 404
    assert (CheckIn.objects.count(), FairInterview.objects.count(), Referral.objects.count()) == (2, 1, 0)


def test_the_registrants_are_read_by_the_service_only_and_logged():
    organiser = counsellor()
    fair = make_fair(organiser)
    for _ in range(3):
        api(citizen()).post(f"/api/v1/job-fairs/{fair.pk}/registrations")
    before = AccessLogEntry.objects.count()
    body = api(organiser).get(f"/api/v1/job-fairs/{fair.pk}/registrations?page_size=2").json()
    assert (body["count"], len(body["items"])) == (3, 2)
    assert {"name", "code", "checked_in_at"} <= set(body["items"][0])
    assert AccessLogEntry.objects.count() == before + 1
    assert api(citizen()).get(f"/api/v1/job-fairs/{fair.pk}/registrations").status_code == 404
    assert api(staff(Role.CASE_OFFICER, "LS")).get(f"/api/v1/job-fairs/{fair.pk}/registrations").status_code == 404
    assert FairRegistration.objects.count() == 3


def test_the_openapi_schema_documents_the_job_fairs():
    schema = Client().get("/api/openapi.json").json()
    paths = schema["paths"]
    for path in ("/api/v1/job-fairs", "/api/v1/job-fairs/{fair_id}", "/api/v1/job-fairs/{fair_id}/employers",
                 "/api/v1/job-fairs/{fair_id}/registrations", "/api/v1/job-fairs/{fair_id}/check-ins",
                 "/api/v1/job-fairs/{fair_id}/interviews", "/api/v1/job-fairs/{fair_id}/figures"):
        assert path in paths, path
    create = paths["/api/v1/job-fairs"]["post"]
    assert {"201", "403", "422"} <= set(create["responses"])
    fair_in = schema["components"]["schemas"]["FairIn"]["properties"]
    assert all(field.get("description") and field.get("examples") for field in fair_in.values())
    assert "job-fairs 現場徵才活動" in create["tags"]
