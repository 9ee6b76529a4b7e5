"""The Labor Rights Fund through the API: a citizen applies with a token and follows
the case; 422 with field paths; the employer and other citizens get 404; staff
record milestones and payments; the list endpoint runs in a fixed number of queries."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from laborbureau.cases import services as case_services
from laborbureau.cases.models import Case, SignOff
from laborbureau.core.models import Role
from laborbureau.core.services import api_token_create
from laborbureau.core.tests.factories import business_id, citizen, employer_user, staff
from laborbureau.relations.fund.models import FundApplication

pytestmark = pytest.mark.django_db


def api(user) -> Client:
    _, key = api_token_create(user=user, name="test")
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}")


def body(**overrides):
    data = {
        "employer": {"name": "信義餐飲有限公司", "business_id": business_id()},
        "dispute_kind": "TERMINATION_WAGES", "stage": "FIRST",
        "requested": {"COURT_FEE": 12000, "ATTORNEY_FEE": 40000},
        "mediation_reference": "北市勞資字第1150001234號",
    }
    data.update(overrides)
    return data


def test_a_citizen_applies_with_a_token_and_reads_it_back():
    client = api(citizen())
    response = client.post("/api/v1/labor-rights-fund", body(), content_type="application/json")
    assert response.status_code == 201, response.content
    number = response.json()["number"]
    assert response.json()["status"] == "SUBMITTED"
    assert Case.objects.get(number=number).channel == "api"
    record = client.get(f"/api/v1/labor-rights-fund/{number}").json()
    assert [(i["item"], i["requested"], i["granted"]) for i in record["items"]] == [
        ("COURT_FEE", 12000, None), ("ATTORNEY_FEE", 40000, None)]


@pytest.mark.parametrize(
    ("changes", "loc"),
    [
        ({"requested": {"COURT_FEE": -5}}, ["body", "requested", "COURT_FEE"]),
        ({"requested": {}}, ["body", "requested"]),
        ({"stage": "FOURTH"}, ["body", "stage"]),
        ({"mediation_reference": ""}, ["body", "mediation_reference"]),
        ({"employer": {"name": "某公司", "business_id": "12345678"}}, ["body", "employer", "business_id"]),
    ],
)
def test_bad_input_answers_422_at_the_field_and_saves_nothing(changes, loc):
    response = api(citizen()).post("/api/v1/labor-rights-fund", body(**changes), content_type="application/json")
    assert response.status_code == 422, response.content
    assert response.json()["detail"][0]["loc"] == loc
    assert FundApplication.objects.count() == 0


def test_others_get_404_and_employers_403():
    number = api(citizen()).post("/api/v1/labor-rights-fund", body(), content_type="application/json").json()["number"]
    employer = FundApplication.objects.get().employer
    assert api(citizen()).get(f"/api/v1/labor-rights-fund/{number}").status_code == 404
    assert api(employer_user(employer)).get(f"/api/v1/labor-rights-fund/{number}").status_code == 404
    assert api(employer_user(employer)).post("/api/v1/labor-rights-fund", body(),
                                             content_type="application/json").status_code == 403
    assert api(staff(Role.CASE_OFFICER, "LS")).get(f"/api/v1/labor-rights-fund/{number}").status_code == 404


def test_staff_record_milestones_and_payments_after_the_grant():
    worker, officer, chief = citizen(), staff(Role.CASE_OFFICER, "LR"), staff(Role.SECTION_CHIEF, "LR")
    number = api(worker).post("/api/v1/labor-rights-fund", body(), content_type="application/json").json()["number"]
    case = Case.objects.get(number=number)
    early = api(officer).post(f"/api/v1/labor-rights-fund/{number}/payments",
                              {"item": "COURT_FEE", "amount": 100, "paid_on": timezone.localdate().isoformat()},
                              content_type="application/json")
    assert early.status_code == 409
    case_services.case_transition(case=case, name="accept", actor=officer)
    case_services.case_transition(case=Case.objects.get(pk=case.pk), name="propose_grant", actor=officer,
                                  data={"means_confirmed": "yes", "court_fee": "12000", "attorney_fee": "40000",
                                        "reason": "符合"})
    case_services.signoff_decide(signoff=SignOff.objects.get(case=case), actor=chief, approve=True)
    client = api(officer)
    response = client.post(f"/api/v1/labor-rights-fund/{number}/milestones",
                           {"stage": "FIRST", "kind": "FILED", "on": timezone.localdate().isoformat(),
                            "court": "臺灣臺北地方法院", "docket": "115年度勞訴字第12號"},
                           content_type="application/json")
    assert response.status_code == 201, response.content
    too_much = client.post(f"/api/v1/labor-rights-fund/{number}/payments",
                           {"item": "ATTORNEY_FEE", "amount": 40001, "paid_on": timezone.localdate().isoformat()},
                           content_type="application/json")
    assert too_much.status_code == 422
    assert too_much.json()["detail"][0]["loc"] == ["body", "amount"]
    paid = client.post(f"/api/v1/labor-rights-fund/{number}/payments",
                       {"item": "ATTORNEY_FEE", "amount": 40000, "paid_on": timezone.localdate().isoformat()},
                       content_type="application/json")
    assert paid.status_code == 201
    mine = api(worker).get(f"/api/v1/labor-rights-fund/{number}").json()
    assert mine["grant_total"] == 52000
    assert [(i["item"], i["paid"]) for i in mine["items"]] == [("COURT_FEE", 0), ("ATTORNEY_FEE", 40000)]
    assert mine["milestones"][0]["docket"] == "115年度勞訴字第12號"
    assert api(worker).post(f"/api/v1/labor-rights-fund/{number}/payments",
                            {"item": "COURT_FEE", "amount": 1, "paid_on": timezone.localdate().isoformat()},
                            content_type="application/json").status_code == 403


def test_the_list_runs_in_a_fixed_number_of_queries():
    officer = staff(Role.CASE_OFFICER, "LR")
    client = api(officer)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/api/v1/labor-rights-fund").status_code == 200
        return len(queries)

    api(citizen()).post("/api/v1/labor-rights-fund", body(), content_type="application/json")
    count()
    few = count()
    for _ in range(3):
        api(citizen()).post("/api/v1/labor-rights-fund", body(), content_type="application/json")
    assert count() == few
    assert len(client.get("/api/v1/labor-rights-fund").json()) == 4
