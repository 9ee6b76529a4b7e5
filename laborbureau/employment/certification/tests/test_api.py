"""The API of unemployment certification: apply, first certification, two
re-certifications, records, offers, export, events; scope (404), errors (422) and query
counts of the list."""

from datetime import timedelta

import pytest
from django.utils import timezone

from laborbureau.core.models import AccessLogEntry, Role
from laborbureau.core.tests.factories import PersonFactory, citizen, staff
from laborbureau.employment.certification.models import Certification, CertificationDate
from laborbureau.employment.certification.tests.factories import certified_claim, claimant, counsellor, vacancy

pytestmark = pytest.mark.django_db

URL = "/api/v1/unemployment-certifications"


def body(**overrides):
    values = {"separation_date": str(timezone.localdate() - timedelta(days=3)), "separation_reason": "LSA_11",
              "last_employer_name": "信義餐飲有限公司", "insured_salaries": [45800] * 6,
              "insured_months_in_three_years": 30, "birth_date": "1975-05-05", "dependants": ["spouse"]}
    values.update(overrides)
    return values


def test_apply_and_first_certification_through_the_api(client):
    user = claimant()
    client.force_login(user)
    response = client.post(URL, body(), content_type="application/json")
    assert response.status_code == 201, response.content
    claim = response.json()
    assert (claim["status"], claim["dates"], claim["name"]) == ("SUBMITTED", [], user.person.name)
    officer = counsellor()
    client.force_login(officer)
    response = client.post(f"{URL}/{claim['id']}/first-certification",
                           {"documents_checked": True, "able_and_willing": True}, content_type="application/json")
    assert response.status_code == 200
    data = response.json()
    assert (data["status"], data["monthly_benefit_estimate"], data["max_months"]) == ("WAITING", 32060, 9)
    assert AccessLogEntry.objects.filter(user=officer, object_type="unemployment_certification",
                                         object_id=str(claim["id"])).exists()


def test_bad_input_answers_422_on_the_field_and_writes_nothing(client):
    client.force_login(claimant())
    response = client.post(URL, body(insured_salaries=[45800] * 5), content_type="application/json")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "insured_salaries"]
    response = client.post(URL, body(separation_date=str(timezone.localdate() + timedelta(days=2))),
                           content_type="application/json")
    assert response.status_code == 422 and response.json()["detail"][0]["loc"] == ["body", "separation_date"]
    assert not Certification.objects.exists()


def test_re_certification_needs_records_then_passes(client):
    officer = counsellor()
    claim = certified_claim(officer)
    first = claim.dates.get()
    client.force_login(officer)
    # Before its month: 422 with the field.
    response = client.post(f"{URL}/{claim.pk}/recertifications", {"certified": True}, content_type="application/json")
    assert response.status_code == 422 and response.json()["detail"][0]["loc"] == ["body", "date"]
    from laborbureau.employment.certification import services

    services.date_record(date_row=first, data=services.DateRecordInput(certified=True), actor=officer,
                         today=first.due_date)
    response = client.get(f"{URL}/{claim.pk}/recertifications")
    assert [row["status"] for row in response.json()] == ["CERTIFIED", "SCHEDULED"]


def test_records_and_offers_through_the_api(client):
    officer = counsellor()
    claim = certified_claim(officer)
    client.force_login(citizen(claim.person))
    response = client.post(f"{URL}/{claim.pk}/job-search-records",
                           {"searched_on": str(timezone.localdate()), "employer_name": "大安科技公司",
                            "position": "門市人員", "method": "ONLINE", "result": "AWAITING"},
                           content_type="application/json")
    assert response.status_code == 201 and response.json()["verified"] is False
    client.force_login(officer)
    job = vacancy(pay_min=40000, pay_max=None)
    response = client.post(f"{URL}/{claim.pk}/offers", {"kind": "JOB", "vacancy_id": job.pk},
                           content_type="application/json")
    assert response.status_code == 201
    offer = response.json()
    assert offer["referral_id"] and offer["vacancy_title"] == job.title
    response = client.post(f"{URL}/{claim.pk}/offers/{offer['id']}/answer",
                           {"accepted": False, "offered_wage": 40000, "distance_km": 31},
                           content_type="application/json")
    assert response.status_code == 200 and response.json()["justified"] is True


def test_another_citizen_and_another_unit_get_404(client):
    claim = certified_claim()
    client.force_login(citizen(PersonFactory()))
    assert client.get(f"{URL}/{claim.pk}").status_code == 404
    client.force_login(staff(Role.CASE_OFFICER, "LS"))
    assert client.get(f"{URL}/{claim.pk}").status_code == 404
    assert client.get(f"{URL}/export?date_from=2026-01-01&date_to=2026-01-31").status_code == 404


def test_the_list_takes_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    officer = counsellor()
    certified_claim(officer)
    client.force_login(officer)
    with django_assert_max_num_queries(15):
        first = client.get(URL)
    for _ in range(4):
        certified_claim(officer)
    with django_assert_max_num_queries(15):
        response = client.get(URL)
    assert response.status_code == first.status_code == 200
    assert response.json()["count"] == 5


def test_export_csv(client):
    officer = counsellor()
    client.force_login(officer)
    today = timezone.localdate()
    response = client.get(f"{URL}/export?date_from={today}&date_to={today}")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert response.content.decode().startswith("layout,claim_number,id_number")
    response = client.get(f"{URL}/export?date_from={today}&date_to={today - timedelta(days=1)}")
    assert response.status_code == 422


def test_events_registration_and_attendance(client):
    officer = counsellor()
    client.force_login(officer)
    today = timezone.localdate()
    response = client.post("/api/v1/employment-events", {
        "kind": "WORKSHOP", "title": "求職技巧工作坊：履歷撰寫", "date": str(today), "starts_at": "14:00",
        "ends_at": "16:00", "venue": "就業服務處3樓", "capacity": 1}, content_type="application/json")
    assert response.status_code == 201, response.content
    event_id = response.json()["id"]
    person = citizen(PersonFactory())
    client.force_login(person)
    response = client.post(f"/api/v1/employment-events/{event_id}/registrations", {}, content_type="application/json")
    assert response.status_code == 201
    registration = response.json()["id"]
    assert client.post(f"/api/v1/employment-events/{event_id}/registrations", {},
                       content_type="application/json").status_code == 409
    client.force_login(citizen(PersonFactory()))
    full = client.post(f"/api/v1/employment-events/{event_id}/registrations", {}, content_type="application/json")
    assert full.status_code == 422
    client.force_login(officer)
    response = client.post(f"/api/v1/employment-events/registrations/{registration}/attendance", {"attended": True},
                           content_type="application/json")
    assert response.status_code == 200 and response.json()["attended"] is True
    assert client.get("/api/v1/employment-events").json()["count"] == 1
    assert CertificationDate.objects.count() == 0
