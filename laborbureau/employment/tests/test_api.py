"""The job bank through the API: the public list (shape, filters, a fixed number of
queries), posting with 422s at the field's path, registrations read only by the service
staff or the person, counselling notes never shown outside the service, referrals."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from laborbureau.core.models import Role
from laborbureau.core.services import api_token_create
from laborbureau.core.tests.factories import business_id, citizen, employer_user, national_id, staff
from laborbureau.employment import services
from laborbureau.employment.models import JobSeeker, Referral, Vacancy
from laborbureau.employment.tests.factories import counsellor, seeker, vacancy
from laborbureau.rules import wages

pytestmark = pytest.mark.django_db


def api(user) -> Client:
    _, key = api_token_create(user=user, name="test")
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}")


def vacancy_body(**overrides) -> dict:
    body = {
        "title": "保全人員（夜班）",
        "description": "負責大樓門禁管理、巡邏及訪客登記，需輪值夜班。",
        "occupation_code": "54",
        "district_code": "114",
        "address": "臺北市內湖區瑞光路100號",
        "pay_unit": "MONTHLY",
        "pay_min": 36000,
        "pay_max": 42000,
        "hours": "NIGHT",
        "openings": 2,
        "closing_date": (timezone.localdate() + timedelta(days=20)).isoformat(),
    }
    body.update(overrides)
    return body


def test_the_public_list_needs_no_login_and_runs_in_a_fixed_number_of_queries():
    client = Client()

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/api/v1/vacancies?page_size=50")
            assert response.status_code == 200
        return len(queries)

    vacancy()
    few = count()
    for _ in range(6):
        vacancy()
    assert count() == few == 6  # count, page, 2 facet counts, 2 facet labels
    data = client.get("/api/v1/vacancies?district=110&occupation=51&pay_min=30000&posted_within=7").json()
    assert data["count"] == 7
    assert data["pages"] == 1
    item = data["items"][0]
    assert set(item) >= {"id", "title", "employer_name", "pay_min", "pay_max", "closing_date", "status"}
    assert "counselling" not in str(item)


@pytest.mark.parametrize(
    ("query", "loc"),
    [("page=0", ["query", "page"]), ("page=1000001", ["query", "page"]), ("pay_min=-1", ["query", "pay_min"]),
     ("posted_within=abc", ["query", "posted_within"]), ("pay_unit=WEEKLY", ["query", "pay_unit"])],
)
def test_bad_list_queries_answer_422_with_the_path(query, loc):
    response = Client().get(f"/api/v1/vacancies?{query}")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == loc


def test_an_employer_posts_and_pay_below_the_minimum_wage_answers_422_with_the_figure():
    client = api(employer_user())
    floor = wages.basic_wage(timezone.localdate()).monthly
    response = client.post("/api/v1/vacancies", vacancy_body(pay_min=floor - 1, pay_max=None),
                           content_type="application/json")
    assert response.status_code == 422
    error = response.json()["detail"][0]
    assert error["loc"] == ["body", "pay_min"]
    assert f"{floor:,}" in error["msg"] and f"{floor:,}" in error["msg_en"]
    assert error["type"] == "below_minimum_wage"
    assert not Vacancy.objects.exists()
    created = client.post("/api/v1/vacancies", vacancy_body(), content_type="application/json")
    assert created.status_code == 201, created.content
    assert created.json()["status"] == "ACTIVE"
    assert created.json()["district_name"] == "內湖區"


@pytest.mark.parametrize(
    ("change", "loc"),
    [
        ({"title": "<b>高薪</b>"}, ["body", "title"]),
        ({"description": "<script>alert(1)</script>工作內容說明"}, ["body", "description"]),
        ({"description": "x" * 3001}, ["body", "description"]),
        ({"description": ""}, ["body", "description"]),
        ({"occupation_code": "88"}, ["body", "occupation_code"]),
        ({"district_code": "999"}, ["body", "district_code"]),
        ({"closing_date": "2020-01-01"}, ["body", "closing_date"]),
        ({"closing_date": "2026-02-30"}, ["body", "closing_date"]),
        ({"pay_unit": "DAILY"}, ["body", "pay_unit"]),
        ({"openings": 0}, ["body", "openings"]),
        ({"pay_min": 10**12}, ["body", "pay_min"]),
        ({"title": "保全\x00人員"}, ["body", "title"]),
    ],
)
def test_bad_vacancies_answer_422_at_the_field_and_save_nothing(change, loc):
    response = api(employer_user()).post("/api/v1/vacancies", vacancy_body(**change), content_type="application/json")
    assert response.status_code == 422, response.content
    assert response.json()["detail"][0]["loc"] == loc
    assert not Vacancy.objects.exists()


def test_a_counsellor_posts_for_an_employer_whose_business_id_must_validate():
    client = api(counsellor())
    bad = client.post("/api/v1/vacancies", vacancy_body(employer={"name": "某人力公司", "business_id": "12345678"}),
                      content_type="application/json")
    assert bad.status_code == 422
    assert bad.json()["detail"][0]["loc"] == ["body", "employer", "business_id"]
    good = client.post("/api/v1/vacancies",
                       vacancy_body(employer={"name": "內湖保全股份有限公司", "business_id": business_id()}),
                       content_type="application/json")
    assert good.status_code == 201
    assert Vacancy.objects.get().employer.name == "內湖保全股份有限公司"


def test_employers_manage_only_their_vacancies():
    owner = employer_user()
    job = vacancy(actor=owner)
    other = api(employer_user())
    assert other.put(f"/api/v1/vacancies/{job.pk}", vacancy_body(), content_type="application/json").status_code == 404
    assert other.post(f"/api/v1/vacancies/{job.pk}/withdraw", {}, content_type="application/json").status_code == 404
    assert other.get("/api/v1/vacancies/mine").json() == []
    mine = api(owner)
    updated = mine.put(f"/api/v1/vacancies/{job.pk}", vacancy_body(title="大樓保全"), content_type="application/json")
    assert updated.json()["title"] == "大樓保全"
    withdrawn = mine.post(f"/api/v1/vacancies/{job.pk}/withdraw", {"note": "已補足"}, content_type="application/json")
    assert withdrawn.json()["status"] == "WITHDRAWN"
    assert Client().get(f"/api/v1/vacancies/{job.pk}").status_code == 404  # no longer public
    assert mine.get(f"/api/v1/vacancies/{job.pk}").status_code == 200
    again = mine.post(f"/api/v1/vacancies/{job.pk}/withdraw", {}, content_type="application/json")
    assert again.status_code == 409


def test_a_citizen_registers_and_reads_only_themself_and_never_the_notes():
    user = citizen()
    client = api(user)
    body = {"desired_occupations": ["51"], "districts": ["110"], "expected_pay": 32000,
            "groups": ["DISABLED"], "consent_to_matching": True}
    created = client.post("/api/v1/jobseekers", body, content_type="application/json")
    assert created.status_code == 201, created.content
    seeker_id = created.json()["id"]
    assert created.json()["districts"] == ["63000020"]
    assert client.post("/api/v1/jobseekers", body, content_type="application/json").status_code == 409
    services.counselling_note_add(seeker=JobSeeker.objects.get(), text="機密諮詢紀錄", actor=counsellor())
    mine = client.get(f"/api/v1/jobseekers/{seeker_id}")
    assert mine.status_code == 200
    assert "機密諮詢紀錄" not in mine.content.decode()
    assert client.get("/api/v1/jobseekers/me").json()["id"] == seeker_id
    assert client.get(f"/api/v1/jobseekers/{seeker_id}/notes").status_code == 404
    for outsider in (citizen(), employer_user(), staff(Role.CASE_OFFICER, "LS")):
        assert api(outsider).get(f"/api/v1/jobseekers/{seeker_id}").status_code == 404
        assert api(outsider).get(f"/api/v1/jobseekers/{seeker_id}/notes").status_code == 404
    notes = api(counsellor()).get(f"/api/v1/jobseekers/{seeker_id}/notes")
    assert [n["text"] for n in notes.json()] == ["機密諮詢紀錄"]
    updated = client.put(f"/api/v1/jobseekers/{seeker_id}", {**body, "desired_occupations": ["52"]},
                         content_type="application/json")
    assert updated.json()["desired_occupations"] == ["52"]


def test_registration_422s_carry_the_path():
    client = api(citizen())
    for body, loc in [
        ({"desired_occupations": []}, ["body", "desired_occupations"]),
        ({"desired_occupations": ["88"]}, ["body", "desired_occupations"]),
        ({"desired_occupations": ["51"], "groups": ["VIP"]}, ["body", "groups", 0]),
        ({"desired_occupations": ["51"], "skills": "<script>"}, ["body", "skills"]),
    ]:
        response = client.post("/api/v1/jobseekers", body, content_type="application/json")
        assert response.status_code == 422, body
        assert response.json()["detail"][0]["loc"] == loc
    assert not JobSeeker.objects.exists()


def test_a_counsellor_registers_at_the_counter_and_reads_with_an_access_log_entry():
    from laborbureau.core.models import AccessLogEntry

    client = api(counsellor())
    created = client.post("/api/v1/jobseekers", {"desired_occupations": ["91"], "person": {
        "id_number": national_id(), "name": "陳阿土"}}, content_type="application/json")
    assert created.status_code == 201, created.content
    assert client.get(f"/api/v1/jobseekers/{created.json()['id']}").status_code == 200
    assert AccessLogEntry.objects.filter(object_type="job_seeker").count() == 1


def test_referrals_through_the_api():
    owner = employer_user()
    job = vacancy(actor=owner)
    registered = seeker()
    officer = api(counsellor())
    assert api(staff(Role.CASE_OFFICER, "LS")).post(
        "/api/v1/referrals", {"seeker_id": registered.pk, "vacancy_id": job.pk}, content_type="application/json"
    ).status_code == 403
    created = officer.post("/api/v1/referrals", {"seeker_id": registered.pk, "vacancy_id": job.pk},
                           content_type="application/json")
    assert created.status_code == 201, created.content
    referral_id = created.json()["id"]
    assert officer.post("/api/v1/referrals", {"seeker_id": registered.pk, "vacancy_id": job.pk},
                        content_type="application/json").status_code == 409
    assert officer.post("/api/v1/referrals", {"seeker_id": registered.pk, "vacancy_id": 999999},
                        content_type="application/json").status_code == 404
    answer = api(employer_user()).post(f"/api/v1/referrals/{referral_id}/answer", {"outcome": "HIRED"},
                                       content_type="application/json")
    assert answer.status_code == 404
    no_reason = api(owner).post(f"/api/v1/referrals/{referral_id}/answer", {"outcome": "NOT_HIRED"},
                                content_type="application/json")
    assert no_reason.status_code == 422
    assert no_reason.json()["detail"][0]["loc"] == ["body", "reason"]
    answered = api(owner).post(f"/api/v1/referrals/{referral_id}/answer",
                               {"outcome": "NOT_HIRED", "reason": "HOURS"}, content_type="application/json")
    assert answered.json()["outcome"] == "NOT_HIRED"
    seen = api(citizen(registered.person)).get("/api/v1/referrals").json()
    assert [(r["id"], r["outcome"], r["not_hired_reason"]) for r in seen] == [(referral_id, "NOT_HIRED", "HOURS")]
    assert Referral.objects.count() == 1


def test_the_openapi_schema_documents_the_endpoints():
    schema = Client().get("/api/openapi.json").json()
    for path in ("/api/v1/vacancies", "/api/v1/vacancies/{vacancy_id}", "/api/v1/jobseekers",
                 "/api/v1/jobseekers/{seeker_id}/notes", "/api/v1/referrals", "/api/v1/referrals/{referral_id}/answer"):
        assert path in schema["paths"], path
    vacancy_in = schema["components"]["schemas"]["VacancyIn"]["properties"]
    for name, spec in vacancy_in.items():
        assert spec.get("description") or "$ref" in str(spec) or spec.get("anyOf"), name
    assert "422" in schema["paths"]["/api/v1/vacancies"]["post"]["responses"]
