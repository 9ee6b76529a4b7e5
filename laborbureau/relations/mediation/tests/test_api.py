"""/api/v1/disputes: filing with tokens (worker, employer, officer), both sides read,
strangers get 404, 422s at their paths, scheduling, double booking, the outcome,
statistics, query counts and the OpenAPI documentation."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from laborbureau.cases.models import Case
from laborbureau.core.services import api_token_create
from laborbureau.core.tests.factories import business_id, citizen, employer_user, national_id
from laborbureau.relations.mediation.models import Meeting
from laborbureau.relations.mediation.tests.factories import (
    assign,
    file_dispute,
    hold_meeting_yesterday,
    lr_officer,
    mediator,
)

pytestmark = pytest.mark.django_db


def api(user) -> Client:
    _, key = api_token_create(user=user, name="test")
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}")


def body(**overrides):
    data = {
        "applicant_kind": "WORKER",
        "procedure": "mediator",
        "employer": {"name": "信義餐飲有限公司", "business_id": business_id()},
        "claims": [{"claim_type": "OVERTIME", "amount": 48000}, {"claim_type": "ILLEGAL_DISMISSAL"}],
        "description": "每月加班40小時未給加班費，後遭解僱。",
    }
    data.update(overrides)
    return data


def post(client, url, data):
    return client.post(url, data, content_type="application/json")


def test_a_worker_files_and_both_sides_read_it_while_a_stranger_gets_404():
    worker = citizen()
    account = employer_user()
    employer = account.employer
    response = post(api(worker), "/api/v1/disputes",
                    body(employer={"name": employer.name, "business_id": employer.business_id}))
    assert response.status_code == 201, response.content
    number = response.json()["number"]
    assert response.json()["status"] == "SUBMITTED"
    assert response.json()["claims"][0] == {
        "claim_type": "OVERTIME", "label": "加班費 Overtime pay", "amount": 48000, "note": "",
        "settled_amount": None, "settled_over_claim_confirmed": False,
    }
    assert Case.objects.get(number=number).channel == "api"
    seen_by_employer = api(account).get(f"/api/v1/disputes/{number}")
    assert seen_by_employer.status_code == 200
    assert seen_by_employer.json()["transitions"] == []  # withdrawing is the applicant side's step
    assert [row["number"] for row in api(account).get("/api/v1/disputes").json()["items"]] == [number]
    assert api(citizen()).get(f"/api/v1/disputes/{number}").status_code == 404
    assert api(citizen()).get("/api/v1/disputes").json()["count"] == 0


@pytest.mark.parametrize(
    ("change", "loc"),
    [
        ({"claims": [{"claim_type": "OVERTIME"}]}, ["body", "claims", "0", "amount"]),
        ({"claims": [{"claim_type": "OVERTIME", "amount": -1}]}, ["body", "claims", 0, "amount"]),
        ({"claims": [{"claim_type": "NOPE", "amount": 1}]}, ["body", "claims", 0, "claim_type"]),
        ({"claims": []}, ["body", "claims"]),
        ({"procedure": "court"}, ["body", "procedure"]),
        ({"employer": {"name": "某公司", "business_id": "12345678"}}, ["body", "employer", "business_id"]),
        ({"employer": None}, ["body", "employer"]),
        ({"workplace_district_code": "99999999"}, ["body", "workplace_district_code"]),
        ({"applicant_kind": "WORKERS"}, ["body", "workers"]),
        ({"description": ""}, ["body", "description"]),
        ({"applicant": {"id_number": national_id(), "name": "別人"}}, ["body", "applicant"]),
    ],
)
def test_bad_input_answers_422_at_its_path_and_writes_nothing(change, loc):
    response = post(api(citizen()), "/api/v1/disputes", body(**change))
    assert response.status_code == 422, response.content
    assert response.json()["detail"][0]["loc"] == loc
    assert response.json()["detail"][0]["msg"]
    assert not Case.objects.exists()


def test_a_duplicate_answers_422_with_the_existing_number():
    worker = citizen()
    client = api(worker)
    data = body()
    first = post(client, "/api/v1/disputes", data).json()["number"]
    again = post(client, "/api/v1/disputes", data)
    assert again.status_code == 422
    assert again.json()["detail"][0]["loc"] == ["body", "claims"]
    assert first in again.json()["detail"][0]["msg"]
    assert Case.objects.count() == 1


def test_an_employer_files_about_its_workers_and_an_officer_records_for_a_worker():
    account = employer_user()
    response = post(api(account), "/api/v1/disputes", body(
        applicant_kind="EMPLOYER", employer=None, workers=[{"id_number": national_id(), "name": "陳小美"}]))
    assert response.status_code == 201, response.content
    assert response.json()["employer_name"] == account.employer.name
    officer = lr_officer()
    recorded = post(api(officer), "/api/v1/disputes", body(
        applicant={"id_number": national_id(), "name": "林小華"}, channel="counter"))
    assert recorded.status_code == 201, recorded.content
    assert Case.objects.get(number=recorded.json()["number"]).channel == "counter"


def test_assignment_slots_scheduling_double_booking_and_outcome_through_the_api():
    officer = lr_officer()
    mediator_user = mediator()
    client = api(officer)
    number = post(api(citizen()), "/api/v1/disputes", body()).json()["number"]
    other = post(api(citizen()), "/api/v1/disputes", body()).json()["number"]
    for case_number in (number, other):
        assigned = post(client, f"/api/v1/disputes/{case_number}/transitions",
                        {"name": "assign_mediator", "data": {"mediator": str(mediator_user.pk)}})
        assert assigned.status_code == 200, assigned.content
        assert assigned.json()["status"] == "MEDIATOR_ASSIGNED"
    bad = post(client, f"/api/v1/disputes/{number}/transitions", {"name": "record_settled", "data": {}})
    assert (bad.status_code, bad.json()["detail"][0]["loc"]) == (422, ["body", "name"])
    slots = client.get(f"/api/v1/disputes/{number}/slots").json()
    assert slots["deadline"]["basis"] == "勞資爭議處理法第12條第2項"
    slot = slots["slots"][0]
    assert slot["within_deadline"] is True
    booked = post(client, f"/api/v1/disputes/{number}/meetings",
                  {"starts_at": slot["starts_at"], "room_id": slot["room_id"]})
    assert booked.status_code == 201, booked.content
    assert booked.json()["sequence"] == 1
    twice = post(client, f"/api/v1/disputes/{other}/meetings",
                 {"starts_at": slot["starts_at"], "room_id": slot["room_id"] + 1})
    assert twice.status_code == 409
    assert Meeting.objects.count() == 1
    hold_meeting_yesterday(Case.objects.get(number=number).dispute)
    outcome = {"outcome": "SETTLED", "applicant_attended": True, "respondent_attended": True,
               "record_summary": "達成共識。", "settlement_terms": "給付50,000元。",
               "settled_amounts": {"OVERTIME": 50000}}
    over = post(api(mediator_user), f"/api/v1/disputes/{number}/outcome", outcome)
    assert over.status_code == 422
    assert over.json()["detail"][0]["loc"] == ["body", "settled_amounts", "OVERTIME"]
    done = post(api(mediator_user), f"/api/v1/disputes/{number}/outcome", {**outcome, "confirm_over_claim": ["OVERTIME"]})
    assert done.status_code == 200, done.content
    assert done.json()["status"] == "SETTLED"
    assert done.json()["claims"][0]["settled_amount"] == 50000


def test_a_citizen_cannot_schedule_or_read_statistics():
    worker = citizen()
    number = file_dispute(worker).case.number
    client = api(worker)
    assert client.get(f"/api/v1/disputes/{number}/slots").status_code == 403
    assert post(client, f"/api/v1/disputes/{number}/meetings",
                {"starts_at": "2026-12-02T09:00:00+08:00", "room_id": 1}).status_code == 403
    assert client.get("/api/v1/disputes/statistics").status_code == 403


def test_statistics_query_errors_answer_422():
    response = api(lr_officer()).get("/api/v1/disputes/statistics?date_from=2026-12-01&date_to=2026-01-01")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", "date_to"]
    assert api(lr_officer()).get("/api/v1/disputes/statistics?date_from=nope").status_code == 422


def test_the_list_takes_the_same_number_of_queries_for_one_or_many_disputes():
    officer = lr_officer()
    client = api(officer)
    file_dispute(citizen())
    client.get("/api/v1/disputes")  # the token's first use writes its last-used time
    with CaptureQueriesContext(connection) as one:
        assert client.get("/api/v1/disputes").status_code == 200
    for _ in range(5):
        file_dispute(citizen())
    with CaptureQueriesContext(connection) as many:
        response = client.get("/api/v1/disputes")
    assert response.json()["count"] == 6
    assert len(many) == len(one), [q["sql"][:120] for q in many.captured_queries]


def test_an_unknown_number_and_another_case_type_answer_404():
    client = api(lr_officer())
    assert client.get("/api/v1/disputes/115-DSP-999999").status_code == 404
    assert client.get("/api/v1/disputes/..%2F..").status_code == 404


def test_every_dispute_schema_field_is_documented_with_a_description():
    schema = Client().get("/api/openapi.json").json()
    paths = [path for path in schema["paths"] if path.startswith("/api/v1/disputes")]
    assert {"/api/v1/disputes", "/api/v1/disputes/statistics", "/api/v1/disputes/{number}",
            "/api/v1/disputes/{number}/meetings", "/api/v1/disputes/{number}/outcome",
            "/api/v1/disputes/{number}/transitions", "/api/v1/disputes/{number}/slots"} <= set(paths)
    names = ("ClaimIn", "DisputeIn", "MeetingIn", "OutcomeIn", "DisputeOut", "StatisticsOut", "StatisticsRowOut",
             "SlotsOut", "MeetingOut", "ClaimOut")
    components = schema["components"]["schemas"]
    for name in names:
        for field, spec in components[name]["properties"].items():
            assert spec.get("description"), f"{name}.{field}"


@pytest.mark.parametrize(
    ("path", "data", "loc"),
    [
        ("meetings", {"starts_at": "0001-01-01T00:00:00+14:00", "room_id": 1}, ["body", "starts_at"]),
        ("meetings", {"starts_at": "3000-01-01T09:00:00+08:00", "room_id": 1}, ["body", "starts_at"]),
        ("meetings", {"starts_at": "2026-12-01T09:00:00", "room_id": 999999}, ["body", "room_id"]),
        ("meetings", {"starts_at": "2026-12-01T09:00:00", "room_id": 10**12}, ["body", "room_id"]),
        ("outcome", {"outcome": "SETTLED", "applicant_attended": True, "respondent_attended": True,
                     "record_summary": "x", "settled_amounts": {"OVERTIME": -5}}, ["body", "settled_amounts", "OVERTIME"]),
        ("outcome", {"outcome": "SETTLED", "applicant_attended": True, "respondent_attended": True,
                     "record_summary": "x", "settled_amounts": {"OVERTIME": 10**30}},
         ["body", "settled_amounts", "OVERTIME"]),
        ("outcome", {"outcome": "WON", "applicant_attended": True, "respondent_attended": True,
                     "record_summary": "x"}, ["body", "outcome"]),
        ("transitions", {"name": "assign_mediator", "data": {"mediator": "999999"}}, ["body", "data", "mediator"]),
    ],
)
def test_out_of_range_input_answers_422_at_its_path_never_500(path, data, loc):
    officer = lr_officer()
    number = assign(file_dispute(citizen()), officer, mediator()).case.number if path != "transitions" else (
        file_dispute(citizen()).case.number)
    response = post(api(officer), f"/api/v1/disputes/{number}/{path}", data)
    assert response.status_code == 422, response.content
    assert response.json()["detail"][0]["loc"] == loc
    assert not Meeting.objects.exists()
