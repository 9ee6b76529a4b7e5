"""The three endpoints through HTTP, every answer checked against the OpenAPI document:
an employer's domestic recruitment to a certificate, 422s at their fields with nothing
written, other employers and units kept out (404), and list query counts."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from laborbureau.api.tests.conftest import ApiClient
from laborbureau.cases import services as case_services
from laborbureau.cases.models import Case, SignOff
from laborbureau.core.models import AccessLogEntry
from laborbureau.core.services import api_token_create
from laborbureau.core.tests.factories import EmployerFactory, PersonFactory, business_id, citizen, employer_user, staff
from laborbureau.employment.models import Vacancy
from laborbureau.employment.recruitment.models import DomesticRecruitment
from laborbureau.employment.recruitment.tests.factories import arc_number, backdate, chief, officer, refer

pytestmark = pytest.mark.django_db


@pytest.fixture
def as_user(client):
    def make(user):
        _, key = api_token_create(user=user, name="test")
        return ApiClient(client, user, key)

    return make


def recruitment_body(**overrides):
    body = {
        "work_category": "MANUFACTURING", "title": "電子零件組裝作業員",
        "description": "負責電子零件組裝、品質目視檢查及產線清潔。", "occupation_code": "81", "district_code": "114",
        "address": "臺北市內湖區瑞光路100號", "pay_unit": "MONTHLY", "pay_min": 30000, "pay_max": 34000,
        "hours": "SHIFT", "openings": 2, "closing_date": (timezone.localdate() + timedelta(days=30)).isoformat(),
        "union_notified_on": timezone.localdate().isoformat(),
    }
    body.update(overrides)
    return body


def test_acceptance_over_the_api(as_user):
    account = employer_user(EmployerFactory())
    employer_api = as_user(account)
    counsellor, the_chief = officer(), chief()
    response = employer_api.post("/domestic-recruitments", recruitment_body())
    assert response.status_code == 201, response.content
    answer = response.json()
    number = answer["number"]
    today = timezone.localdate()
    assert answer["status"] == "RECRUITING" and answer["vacancy_status"] == "ACTIVE"
    assert answer["period"]["last_day"] == (today + timedelta(days=8)).isoformat()
    assert answer["period"]["basis"] == "雇主聘僱外國人許可及管理辦法第17條第1項"
    recruitment = DomesticRecruitment.objects.get(case__number=number)
    first, second = refer(recruitment, counsellor), refer(recruitment, counsellor)
    response = employer_api.post(f"/domestic-recruitments/{number}/referral-outcomes",
                                 {"referral_id": first.pk, "decision": "HIRED"})
    assert response.status_code == 201, response.content
    response = employer_api.post(f"/domestic-recruitments/{number}/referral-outcomes",
                                 {"referral_id": second.pk, "decision": "REFUSED", "reason": "SEEKER_DECLINED"})
    assert response.status_code == 201
    outcome_id = next(r["id"] for r in response.json()["referrals"] if r["referral_id"] == second.pk)
    staff_api = as_user(counsellor)
    response = staff_api.post(f"/domestic-recruitments/{number}/referral-outcomes/{outcome_id}/judgement",
                              {"lawful": True})
    assert response.status_code == 200, response.content
    response = staff_api.post(f"/domestic-recruitments/{number}/certificate", {})
    assert response.status_code == 400  # a rule of the case, not a field: the period is running
    assert "尚未期滿" in response.json()["detail"][0]["msg"]
    backdate(recruitment, 9)
    response = staff_api.post(f"/domestic-recruitments/{number}/certificate", {})
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "CERTIFICATE_PENDING"
    case_services.signoff_decide(signoff=SignOff.objects.get(case__number=number), actor=the_chief, approve=True)
    answer = employer_api.get(f"/domestic-recruitments/{number}").json()
    assert answer["status"] == "CERTIFIED" and answer["shortfall"] == 1 and answer["hired"] == 1
    assert len(answer["certificate_code"]) == 12
    # The certificate is the employer's to download through the documents API.
    documents = employer_api.get(f"/cases/{number}")
    assert documents.status_code == 200


def test_field_errors_and_nothing_written(as_user):
    employer_api = as_user(employer_user(EmployerFactory()))
    response = employer_api.post("/domestic-recruitments", recruitment_body(
        closing_date=(timezone.localdate() + timedelta(days=3)).isoformat()))
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "closing_date"]
    response = employer_api.post("/domestic-recruitments", recruitment_body(pay_min=100))
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "pay_min"]
    response = employer_api.post("/domestic-recruitments", recruitment_body(work_category="HOME_CARE"))
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "work_category"]
    assert Vacancy.objects.count() == 0 and Case.objects.count() == 0


def test_other_employers_and_units_get_404(as_user):
    account = employer_user(EmployerFactory())
    number = as_user(account).post("/domestic-recruitments", recruitment_body()).json()["number"]
    assert as_user(employer_user(EmployerFactory())).get(f"/domestic-recruitments/{number}").status_code == 404
    assert as_user(staff("CASE_OFFICER", "LS")).get(f"/domestic-recruitments/{number}").status_code == 404
    assert as_user(citizen()).get(f"/domestic-recruitments/{number}").status_code == 404
    reader = officer()
    assert as_user(reader).get(f"/domestic-recruitments/{number}").status_code == 200
    assert AccessLogEntry.objects.filter(user=reader, object_id=number).count() == 1


def test_recruitment_list_query_count_does_not_grow(as_user):
    counsellor = officer()
    client = as_user(counsellor)
    from laborbureau.employment.recruitment.tests.factories import registered

    registered()
    client.get("/domestic-recruitments")  # warm caches (units)
    with CaptureQueriesContext(connection) as one:
        assert client.get("/domestic-recruitments").json()["count"] == 1
    for _ in range(3):
        registered()
    with CaptureQueriesContext(connection) as four:
        assert client.get("/domestic-recruitments").json()["count"] == 4
    assert len(four) == len(one)


def test_separation_over_the_api(as_user):
    worker = citizen(PersonFactory())
    body = {
        "employer": {"name": "大同小吃店", "business_id": business_id()},
        "employed_from": (timezone.localdate() - timedelta(days=300)).isoformat(),
        "separated_on": (timezone.localdate() - timedelta(days=3)).isoformat(),
        "ground": "LSA11", "ground_detail": "雇主以業務緊縮為由資遣。", "employer_refusal": "拒絕開立",
    }
    worker_api = as_user(worker)
    response = worker_api.post("/separation-certificates", body)
    assert response.status_code == 201, response.content
    number = response.json()["number"]
    assert response.json()["involuntary"] is True
    counsellor = officer()
    staff_api = as_user(counsellor)
    assert staff_api.post(f"/cases/{number}/transitions", {"name": "take"}).status_code == 200
    response = staff_api.post(f"/separation-certificates/{number}/contacts", {
        "contacted_on": timezone.localdate().isoformat(), "method": "PHONE", "result": "REFUSED"})
    assert response.status_code == 201, response.content
    assert response.json()["contacts"][0]["result"] == "REFUSED"
    assert as_user(citizen(PersonFactory())).get(f"/separation-certificates/{number}").status_code == 404
    bad = dict(body, ground="NOPE")
    assert worker_api.post("/separation-certificates", bad).status_code == 422
    client = staff_api
    with CaptureQueriesContext(connection) as one:
        assert client.get("/separation-certificates").json()["count"] == 1
    worker_api.post("/separation-certificates", dict(body, employer={"name": "另一家店", "business_id": business_id()}))
    with CaptureQueriesContext(connection) as two:
        assert client.get("/separation-certificates").json()["count"] == 2
    assert len(two) == len(one)


def test_transfer_over_the_api(as_user):
    counsellor = officer()
    client = as_user(counsellor)
    body = {
        "worker": {"id_number": arc_number(2345678), "name": "NGUYEN THI HOA"}, "nationality": "VNM",
        "work_category": "MANUFACTURING", "original_employer": {"name": "永豐精密", "business_id": business_id()},
        "ground": "CLOSURE", "permit_served_on": timezone.localdate().isoformat(),
    }
    response = client.post("/worker-transfers", body)
    assert response.status_code == 201, response.content
    answer = response.json()
    assert answer["due_date"] == (timezone.localdate() + timedelta(days=14)).isoformat()
    number = answer["number"]
    response = client.post(f"/worker-transfers/{number}/registration",
                           {"registered_on": timezone.localdate().isoformat()})
    assert response.status_code == 200
    assert response.json()["due_date"] == (timezone.localdate() + timedelta(days=60)).isoformat()
    response = client.post(f"/worker-transfers/{number}/extension", {"reason": "原雇主申請"})
    assert response.json()["extended"] is True
    assert client.post(f"/worker-transfers/{number}/extension", {"reason": "再延"}).status_code == 409
    national = dict(body, worker={"id_number": "A123456789", "name": "王"})
    response = client.post("/worker-transfers", national)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "worker", "id_number"]
    assert as_user(employer_user(EmployerFactory())).get(f"/worker-transfers/{number}").status_code == 404
    assert as_user(staff("CASE_OFFICER", "LS")).post("/worker-transfers", body).status_code == 403
