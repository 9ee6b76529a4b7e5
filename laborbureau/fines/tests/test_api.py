"""/api/v1/fines: same permissions as the pages; refusals are 4xx with field paths."""

from datetime import date

import pytest

from laborbureau.core.models import Unit
from laborbureau.fines import services
from laborbureau.fines.models import Fine

pytestmark = pytest.mark.django_db

URL = "/api/v1/fines"


def issue_payload(employer, **overrides):
    payload = {"employer_id": employer.pk, "unit": "LS", "law_code": "LSA", "article": "第79條第1項第1款",
               "violation_date": "2024-02-01", "amount": 50_000, "decided_on": "2024-03-01",
               "served_on": "2024-03-04"}
    payload.update(overrides)
    return payload


def test_issue_then_detail_with_entries(login, officer, employer):
    client = login(officer)
    response = client.post(URL, issue_payload(employer), content_type="application/json")
    assert response.status_code == 201
    body = response.json()
    assert (body["number"], body["due_date"], body["balance"], body["status"]) == (
        "北市勞罰-113-000001", "2024-04-03", 50_000, "UNPAID"
    )
    assert [entry["kind"] for entry in body["entries"]] == ["ASSESSED", "SERVED"]
    assert client.get(f"{URL}/{body['id']}").json()["entries"][0]["actor"] == "ls_officer"


def test_amount_out_of_range_is_422_at_body_amount(login, officer, employer):
    response = login(officer).post(URL, issue_payload(employer, amount=1_000_001), content_type="application/json")
    assert response.status_code == 422
    assert [(item["loc"], item["type"]) for item in response.json()["detail"]] == [(["body", "amount"], "invalid")]
    assert Fine.objects.count() == 0


def test_schema_errors_are_422_with_field_paths(login, officer, employer):
    payload = issue_payload(employer, violation_date="2024-02-30", amount="many")
    del payload["unit"]
    response = login(officer).post(URL, payload, content_type="application/json")
    assert response.status_code == 422
    assert sorted(tuple(item["loc"][-1:]) for item in response.json()["detail"]) == [
        ("amount",), ("unit",), ("violation_date",)
    ]


def test_unknown_employer_is_422_on_employer_id(login, officer, employer):
    response = login(officer).post(URL, issue_payload(employer, employer_id=999999), content_type="application/json")
    assert (response.status_code, response.json()["detail"][0]["loc"]) == (422, ["body", "employer_id"])


def test_other_units_fine_is_404_and_auditor_cannot_pay(login, issue, outsider, auditor, client):
    fine = issue(served_on=date(2024, 3, 4))
    assert login(outsider).get(f"{URL}/{fine.pk}").status_code == 404
    client = login(auditor)
    assert client.get(f"{URL}/{fine.pk}").status_code == 200
    response = client.post(f"{URL}/{fine.pk}/payments", {"amount": 1, "paid_on": "2024-03-10", "reference": "R"},
                           content_type="application/json")
    assert response.status_code == 403
    assert fine.entries.count() == 2


def test_overpayment_is_422_at_body_amount(login, officer, issue):
    fine = issue(served_on=date(2024, 3, 4))
    client = login(officer)
    response = client.post(f"{URL}/{fine.pk}/payments", {"amount": 100_001, "paid_on": "2024-03-10",
                                                         "reference": "R"}, content_type="application/json")
    assert (response.status_code, response.json()["detail"][0]["loc"]) == (422, ["body", "amount"])
    response = client.post(f"{URL}/{fine.pk}/payments", {"amount": 40_000, "paid_on": "2024-03-10",
                                                         "reference": "R"}, content_type="application/json")
    assert (response.status_code, response.json()["balance"]) == (201, 60_000)


def test_appeal_then_revocation(login, officer, issue):
    fine = issue(served_on=date(2024, 3, 4))
    client = login(officer)
    response = client.post(f"{URL}/{fine.pk}/appeal", {"filed_on": "2024-03-20"}, content_type="application/json")
    assert (response.status_code, response.json()["remedy"], response.json()["collection_suspended"]) == (
        201, "APPEAL_PENDING", True
    )
    response = client.post(f"{URL}/{fine.pk}/appeal/decision", {"outcome": "maybe", "decided_on": "2024-06-01"},
                           content_type="application/json")
    assert (response.status_code, response.json()["detail"][0]["loc"]) == (422, ["body", "outcome"])
    response = client.post(f"{URL}/{fine.pk}/appeal/decision", {"outcome": "revoked", "decided_on": "2024-06-01"},
                           content_type="application/json")
    assert (response.status_code, response.json()["status"], response.json()["balance"]) == (201, "CANCELLED", 0)


def test_list_is_scoped_filtered_and_bounded(login, officer, issue, employer, outsider,
                                             django_assert_max_num_queries):
    for _ in range(8):
        issue(served_on=date(2024, 3, 4))
    services.fine_issue(employer=employer, unit=Unit.objects.get(code="LR"), law_code="LSA", article="第79條第1項",
                        violation_date=date(2024, 2, 1), amount=50_000, decided_on=date(2024, 3, 1), actor=outsider)
    client = login(officer)
    with django_assert_max_num_queries(5):
        response = client.get(f"{URL}?status=overdue")
    body = response.json()
    assert (response.status_code, body["count"], {item["unit"] for item in body["items"]}) == (200, 8, {"LS"})
    assert client.get(f"{URL}?status=bogus").status_code == 422


def test_employer_account_lists_its_own_fines(client, employer_account, issue):
    issue()
    client.force_login(employer_account)
    assert client.get(URL).json()["count"] == 1


def test_anonymous_gets_401_on_the_ledger(client):
    assert client.get(URL).status_code == 401
