"""Mass layoffs through the API: an employer's token files and reads its own plan,
the late flag, 422s at their paths with nothing written, other employers and units
kept out, staff-only events and monitor, transitions, and the list's query count."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from laborbureau.cases.models import Case
from laborbureau.core.models import Role
from laborbureau.core.services import api_token_create
from laborbureau.core.tests.factories import EstablishmentFactory, citizen, employer_user, staff
from laborbureau.relations.layoffs.models import LayoffEvent, LayoffMonitoring, LayoffPlan

pytestmark = pytest.mark.django_db


def api(user) -> Client:
    _, key = api_token_create(user=user, name="test")
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}")


def body(days_ahead=90, **overrides):
    data = {
        "establishment_name": "內湖廠",
        "legal_ground": "LSA11_2",
        "reason": "訂單減少。",
        "departments": "生產部",
        "schedule": [{"day": (timezone.localdate() + timedelta(days=days_ahead)).isoformat(), "count": 40}],
        "selection_criteria": "依年資。",
        "severance_method": "依法計給。",
        "reemployment_plan": "轉介就業服務站。",
        "headcount": 100,
        "notified_party": "UNION",
    }
    data.update(overrides)
    return data


def test_an_employer_files_a_late_plan_and_reads_it():
    client = api(employer_user())
    response = client.post("/api/v1/mass-layoff-plans", body(days_ahead=20), content_type="application/json")
    assert response.status_code == 201, response.content
    answer = response.json()
    assert (answer["status"], answer["required"], answer["clause"]) == ("FILED", True, "第2條第1項第2款")
    assert (answer["late"], answer["days_late"]) == (True, 40)
    assert Case.objects.get(number=answer["number"]).channel == "api"
    assert client.get(f"/api/v1/mass-layoff-plans/{answer['number']}").json()["late"] is True
    listed = client.get("/api/v1/mass-layoff-plans").json()
    assert (listed["count"], listed["items"][0]["number"]) == (1, answer["number"])


@pytest.mark.parametrize(
    ("change", "loc"),
    [
        ({"schedule": []}, ["body", "schedule"]),
        ({"schedule": [{"day": "2026-13-01", "count": 3}]}, ["body", "schedule", 0, "day"]),
        ({"schedule": [{"day": "2027-01-01", "count": 0}]}, ["body", "schedule", 0, "count"]),
        ({"headcount": -1}, ["body", "headcount"]),
        ({"legal_ground": "WHIM"}, ["body", "legal_ground"]),
        ({"reason": ""}, ["body", "reason"]),
        ({"reason": "a\x00b"}, ["body", "reason"]),
        ({"sudden_event": True}, ["body", "sudden_event_note"]),
        ({"schedule": [{"day": "2001-01-01", "count": 40}]}, ["body", "schedule"]),
        ({"schedule": [{"day": "2027-01-01", "count": 400}]}, ["body", "schedule"]),
    ],
)
def test_bad_plans_answer_422_at_their_path_and_save_nothing(change, loc):
    response = api(employer_user()).post("/api/v1/mass-layoff-plans", body(**change), content_type="application/json")
    assert response.status_code == 422, response.content
    assert response.json()["detail"][0]["loc"] == loc
    assert not Case.objects.exists()
    assert not LayoffPlan.objects.exists()


def test_another_employer_and_another_unit_get_404_and_citizens_cannot_file():
    response = api(employer_user()).post("/api/v1/mass-layoff-plans", body(), content_type="application/json")
    number = response.json()["number"]
    assert api(employer_user()).get(f"/api/v1/mass-layoff-plans/{number}").status_code == 404
    assert api(staff(Role.CASE_OFFICER, "ES")).get(f"/api/v1/mass-layoff-plans/{number}").status_code == 404
    assert api(staff(Role.CASE_OFFICER, "LR")).get(f"/api/v1/mass-layoff-plans/{number}").status_code == 200
    assert api(citizen()).post("/api/v1/mass-layoff-plans", body(), content_type="application/json").status_code == 403


def test_an_employer_cannot_file_for_another():
    response = api(employer_user()).post(
        "/api/v1/mass-layoff-plans", body(employer={"name": "別家公司"}), content_type="application/json"
    )
    assert response.status_code == 403
    assert not Case.objects.exists()


def test_the_officer_reviews_through_the_api_and_a_missing_field_is_422_under_data():
    number = api(employer_user()).post("/api/v1/mass-layoff-plans", body(), content_type="application/json").json()[
        "number"]
    officer = api(staff(Role.CASE_OFFICER, "LR"))
    reviewed = officer.post(f"/api/v1/mass-layoff-plans/{number}/transitions", {"name": "review"},
                            content_type="application/json")
    assert reviewed.status_code == 200, reviewed.content
    assert reviewed.json()["status"] == "NEGOTIATING"
    bad = officer.post(f"/api/v1/mass-layoff-plans/{number}/transitions", {"name": "request_committee", "data": {}},
                       content_type="application/json")
    assert bad.status_code == 422
    assert bad.json()["detail"][0]["loc"] == ["body", "data", "reason"]
    again = officer.post(f"/api/v1/mass-layoff-plans/{number}/transitions", {"name": "review"},
                         content_type="application/json")
    assert again.status_code == 409


def test_a_system_records_layoffs_and_the_crossing_opens_a_monitoring_case():
    system = api(staff(Role.CASE_OFFICER, "ESO"))
    site = EstablishmentFactory()
    day = timezone.localdate().isoformat()
    first = system.post("/api/v1/mass-layoff-plans/events", {"establishment_id": site.pk, "day": day, "count": 8,
                        "source": "EMPLOYMENT_NOTICE", "headcount": 25}, content_type="application/json")
    assert first.status_code == 201, first.content
    assert (first.json()["crossed"], first.json()["monitoring_case"]) == (False, "")
    second = system.post("/api/v1/mass-layoff-plans/events", {"establishment_id": site.pk, "day": day, "count": 3,
                         "source": "EMPLOYMENT_NOTICE"}, content_type="application/json")
    assert second.json()["crossed"] is True
    assert second.json()["monitoring_case"] == LayoffMonitoring.objects.get().case.number
    rows = api(staff(Role.CASE_OFFICER, "LR")).get("/api/v1/mass-layoff-plans/monitor").json()
    assert [(r["counted"], r["limit"], r["over"]) for r in rows] == [(11, 10, True)]


@pytest.mark.parametrize(
    ("change", "status", "loc"),
    [
        ({"establishment_id": 999999}, 422, ["body", "establishment_id"]),
        ({"count": 0}, 422, ["body", "count"]),
        ({"day": "2099-01-01"}, 422, ["body", "day"]),
        ({"source": "RUMOUR"}, 422, ["body", "source"]),
    ],
)
def test_bad_events_answer_422_and_write_nothing(change, status, loc):
    site = EstablishmentFactory()
    data = {"establishment_id": site.pk, "day": timezone.localdate().isoformat(), "count": 3, "headcount": 20}
    data.update(change)
    response = api(staff(Role.CASE_OFFICER, "LR")).post("/api/v1/mass-layoff-plans/events", data,
                                                         content_type="application/json")
    assert response.status_code == status
    assert response.json()["detail"][0]["loc"] == loc
    assert not LayoffEvent.objects.exists()


def test_employers_cannot_record_events_or_see_the_monitor():
    company = employer_user()
    site = EstablishmentFactory(employer=company.employer)
    client = api(company)
    response = client.post("/api/v1/mass-layoff-plans/events", {"establishment_id": site.pk,
                           "day": timezone.localdate().isoformat(), "count": 3}, content_type="application/json")
    assert response.status_code == 403
    assert client.get("/api/v1/mass-layoff-plans/monitor").status_code == 403
    assert not LayoffEvent.objects.exists()


def test_the_list_takes_the_same_number_of_queries_for_one_plan_or_five():
    officer = api(staff(Role.CASE_OFFICER, "LR"))
    api(employer_user()).post("/api/v1/mass-layoff-plans", body(), content_type="application/json")
    with CaptureQueriesContext(connection) as one:
        assert officer.get("/api/v1/mass-layoff-plans").status_code == 200
    for _ in range(4):
        api(employer_user()).post("/api/v1/mass-layoff-plans", body(), content_type="application/json")
    with CaptureQueriesContext(connection) as five:
        assert officer.get("/api/v1/mass-layoff-plans").json()["count"] == 5
    assert len(five) == len(one)
