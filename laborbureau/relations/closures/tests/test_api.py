"""Closure determinations through the API: a worker applies, a second joins, the
employer is kept out, 422s at their paths with nothing written, transitions."""

import pytest
from django.test import Client
from django.utils import timezone

from laborbureau.cases.models import Case
from laborbureau.core.models import Role
from laborbureau.core.services import api_token_create
from laborbureau.core.tests.factories import EmployerFactory, citizen, employer_user, national_id, staff
from laborbureau.relations.closures.models import ClosureApplicant

pytestmark = pytest.mark.django_db


def api(user) -> Client:
    _, key = api_token_create(user=user, name="test")
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}")


def body(company, **overrides):
    data = {"employer": {"name": company.name, "business_id": company.business_id},
            "statement": "公司停業，負責人失聯。"}
    data.update(overrides)
    return data


def test_two_workers_apply_and_share_one_case_the_employer_cannot_read_it():
    employer = EmployerFactory()
    first = api(citizen()).post("/api/v1/closure-determinations", body(employer), content_type="application/json")
    assert first.status_code == 201, first.content
    assert (first.json()["joined"], first.json()["applicants"]) == (False, 1)
    second = api(citizen()).post("/api/v1/closure-determinations", body(employer), content_type="application/json")
    assert (second.json()["number"], second.json()["joined"], second.json()["applicants"]) == (
        first.json()["number"], True, 2)
    number = first.json()["number"]
    assert api(employer_user(employer)).get(f"/api/v1/closure-determinations/{number}").status_code == 404
    assert api(staff(Role.CASE_OFFICER, "LS")).get(f"/api/v1/closure-determinations/{number}").status_code == 404
    assert api(staff(Role.CASE_OFFICER, "LR")).get("/api/v1/closure-determinations").json()["count"] == 1


@pytest.mark.parametrize(
    ("change", "loc"),
    [
        ({"statement": ""}, ["body", "statement"]),
        ({"claimed_since": "2099-01-01"}, ["body", "claimed_since"]),
        ({"claimed_since": "yesterday"}, ["body", "claimed_since"]),
        ({"employer": {"name": "某公司", "business_id": "12345678"}}, ["body", "employer", "business_id"]),
        ({"channel": "pigeon"}, ["body", "channel"]),
    ],
)
def test_bad_applications_answer_422_and_save_nothing(change, loc):
    response = api(citizen()).post("/api/v1/closure-determinations", body(EmployerFactory(), **change),
                                   content_type="application/json")
    assert response.status_code == 422, response.content
    assert response.json()["detail"][0]["loc"] == loc
    assert not Case.objects.exists()


def test_a_citizen_cannot_apply_for_someone_else_and_an_officer_can():
    employer = EmployerFactory()
    other = {"id_number": national_id(), "name": "林美華"}
    assert api(citizen()).post("/api/v1/closure-determinations", body(employer, applicant=other),
                               content_type="application/json").status_code == 403
    officer = api(staff(Role.CASE_OFFICER, "LR"))
    response = officer.post("/api/v1/closure-determinations", body(employer, applicant=other, channel="counter"),
                            content_type="application/json")
    assert response.status_code == 201
    assert ClosureApplicant.objects.count() == 1


def test_the_officer_accepts_and_records_the_visit_through_the_api():
    number = api(citizen()).post("/api/v1/closure-determinations", body(EmployerFactory()),
                                 content_type="application/json").json()["number"]
    officer = api(staff(Role.CASE_OFFICER, "LR"))
    assert officer.post(f"/api/v1/closure-determinations/{number}/transitions", {"name": "accept"},
                        content_type="application/json").json()["status"] == "INVESTIGATING"
    bad = officer.post(f"/api/v1/closure-determinations/{number}/transitions",
                       {"name": "record_visit", "data": {"visit_date": "not a date", "findings": "x"}},
                       content_type="application/json")
    assert bad.status_code == 422
    assert bad.json()["detail"][0]["loc"] == ["body", "data", "visit_date"]
    good = officer.post(f"/api/v1/closure-determinations/{number}/transitions",
                        {"name": "record_visit", "data": {"visit_date": timezone.localdate().isoformat(),
                                                          "findings": "大門深鎖"}},
                        content_type="application/json")
    assert good.json()["visit_date"] == timezone.localdate().isoformat()
