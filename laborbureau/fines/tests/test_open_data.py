"""Open data (勞動基準法第80條之1): only final fines, only the published fields, never
a worker's name; HTML, CSV, JSON and the public API agree."""

from datetime import date, timedelta

import pytest

from laborbureau.core.tests import factories
from laborbureau.fines import services

pytestmark = pytest.mark.django_db

WORKER = "林美麗"


@pytest.fixture
def fines(issue, officer, employer):
    case = factories.open_test_case(actor=officer, assignee=officer, employer=employer,
                                    person=factories.PersonFactory(name=WORKER), title=f"{WORKER}申訴加班費")
    final = issue(served_on=date(2024, 3, 4), case=case)  # appeal period ended 2024-04-03
    unserved = issue()
    appealed = issue(served_on=date(2024, 3, 4))
    services.fine_appeal_file(fine=appealed, filed_on=date(2024, 3, 20), actor=officer)
    revoked = issue(served_on=date(2024, 3, 4))
    services.fine_appeal_file(fine=revoked, filed_on=date(2024, 3, 20), actor=officer)
    services.fine_appeal_decide(fine=revoked, outcome="revoked", decided_on=date(2024, 6, 1), actor=officer)
    recent = date.today() - timedelta(days=3)
    fresh = issue(violation_date=recent - timedelta(days=10), decided_on=recent, served_on=recent)
    upheld = issue(served_on=date(2024, 3, 4), law_code="OSHA", article="第43條", amount=30_000)
    services.fine_appeal_file(fine=upheld, filed_on=date(2024, 3, 20), actor=officer)
    services.fine_appeal_decide(fine=upheld, outcome="partially_revoked", new_amount=30_000 - 1,
                                decided_on=date(2024, 6, 3), actor=officer)
    return {"final": final, "unserved": unserved, "appealed": appealed, "revoked": revoked, "fresh": fresh,
            "upheld": upheld}


def test_html_lists_only_final_fines(client, fines):
    response = client.get("/fines/open-data/")
    assert response.status_code == 200
    html = response.content.decode()
    shown = {name for name, fine in fines.items() if fine.number in html}
    assert shown == {"final", "upheld"}
    assert WORKER not in html
    assert "陳大文" in html and "勞動基準法第79條第1項第1款" in html and "100,000" in html


def test_csv_has_a_bom_a_chinese_header_and_only_published_fields(client, fines):
    response = client.get("/fines/open-data.csv?law=LSA")
    assert response.status_code == 200
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff處分書號,事業單位或事業主名稱,統一編號,負責人,處分日期,違反法規,違反條文,罰鍰金額")
    lines = text.strip().splitlines()
    assert lines[1:] == [
        f"{fines['final'].number},信義測試有限公司,{fines['final'].business_id},陳大文,2024-03-01,勞動基準法,"
        "勞動基準法第79條第1項第1款,100000"
    ]
    assert WORKER not in text


def test_json_and_public_api_agree_and_show_the_amount_after_partial_revocation(client, fines):
    body = client.get("/fines/open-data.json").json()
    assert [row["number"] for row in body["results"]] == [fines["upheld"].number, fines["final"].number]
    assert body["results"][0]["amount"] == 29_999
    assert set(body["results"][0]) == {"number", "employer_name", "business_id", "representative", "decided_on",
                                       "law", "legal_basis", "amount"}
    api = client.get("/api/v1/fines/public")  # no authentication
    assert api.status_code == 200
    assert [row["number"] for row in api.json()["items"]] == [row["number"] for row in body["results"]]
    assert WORKER not in api.content.decode() and WORKER not in str(body)


def test_upheld_appeal_is_published_only_after_the_period_for_a_suit(issue, officer, client):
    fine = issue(served_on=date(2024, 3, 4))
    services.fine_appeal_file(fine=fine, filed_on=date(2024, 3, 20), actor=officer)
    services.fine_appeal_decide(fine=fine, outcome="upheld", decided_on=date.today() - timedelta(days=5),
                                actor=officer)
    assert client.get("/fines/open-data.json").json()["count"] == 0


def test_filters_by_year_and_law_and_bad_input_is_not_an_error(client, fines):
    assert client.get("/fines/open-data.json?year=2023").json()["count"] == 0
    assert client.get("/fines/open-data.json?year=2024&law=OSHA").json()["count"] == 1
    assert client.get("/fines/open-data/?year=abc&law=<x>&page=zzz").status_code == 200
    assert client.get("/api/v1/fines/public?year=abc").status_code == 422


def test_public_html_is_paginated(issue, client, django_assert_max_num_queries):
    for _ in range(51):
        issue(served_on=date(2024, 3, 4))
    with django_assert_max_num_queries(6):
        first = client.get("/fines/open-data/")
    assert first.content.decode().count("北市勞罰-113-") == 50
    assert client.get("/fines/open-data/?page=2").content.decode().count("北市勞罰-113-") == 1
