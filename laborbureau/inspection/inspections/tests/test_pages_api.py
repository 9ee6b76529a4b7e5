"""Pages and API: the worklist, plan, field form and sync endpoint (idempotent), the
employer page's inspection history, the REST endpoints with their errors; list pages
and endpoints with constant query counts; another unit kept out (404)."""

import json

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from laborbureau.cases import services as case_services
from laborbureau.core.models import AccessLogEntry, Role
from laborbureau.core.services import api_token_create
from laborbureau.core.tests.factories import employer_user, staff
from laborbureau.inspection.inspections import services
from laborbureau.inspection.inspections.models import Finding, FindingPhoto, Inspection, ResumptionRequest
from laborbureau.inspection.inspections.tests.factories import TINY_PNG, lio, planned, recorded, site, started

pytestmark = pytest.mark.django_db


def api(user) -> Client:
    _, key = api_token_create(user=user, name="test")
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}")


def queries(callable_):
    with CaptureQueriesContext(connection) as context:
        callable_()
    return len(context.captured_queries)


def test_the_worklist_lists_my_open_inspections_in_constant_queries(client):
    inspector = lio()
    client.force_login(inspector)
    planned(inspector=inspector)
    few = queries(lambda: client.get("/staff/inspections/"))
    for _ in range(5):
        planned(inspector=inspector)
    started(inspector=inspector)
    response = client.get("/staff/inspections/")
    assert response.status_code == 200
    assert response.content.decode().count("/staff/cases/") >= 7
    assert queries(lambda: client.get("/staff/inspections/")) == few


def test_other_units_do_not_see_the_inspection_pages(client):
    client.force_login(staff(Role.CASE_OFFICER, "LS"))
    assert client.get("/staff/inspections/").status_code == 404
    inspection = started(inspector=lio())
    assert client.get(f"/staff/inspections/{inspection.case.number}/field/").status_code == 404


def test_the_chief_generates_and_reassigns_on_the_plan_page(client):
    chief, first, second = lio(Role.SECTION_CHIEF), lio(), lio()
    for industry in ("F", "C", "G"):
        site(industry=industry, headcount=50)
    client.force_login(chief)
    year = timezone.localdate().year
    response = client.post(f"/staff/inspections/plan/{year}/", {"action": "generate", "count": "3"})
    assert response.status_code == 302
    page = client.get(f"/staff/inspections/plan/{year}/").content.decode()
    assert "行業別：營造業（F）" in page and "僱用勞工50人" in page
    entry = Inspection.objects.filter(plan_year=year).order_by("-risk_score").first()
    target = second if entry.inspector_id == first.pk else first
    client.post(f"/staff/inspections/plan/{year}/", {"action": "reassign", "inspection": entry.case.number,
                                                     "inspector": target.pk})
    entry.refresh_from_db()
    assert entry.inspector_id == target.pk and entry.case.assignee_id == target.pk
    few = queries(lambda: client.get(f"/staff/inspections/plan/{year}/"))
    for industry in ("F", "C", "H", "B"):
        site(industry=industry, headcount=20)
    client.post(f"/staff/inspections/plan/{year}/", {"action": "generate", "count": "4"})
    assert queries(lambda: client.get(f"/staff/inspections/plan/{year}/")) == few


def test_the_field_form_and_its_sync_apply_each_key_once(client):
    inspector = lio()
    inspection = started(inspector=inspector)
    client.force_login(inspector)
    page = client.get(f"/staff/inspections/{inspection.case.number}/field/")
    assert page.status_code == 200 and "職業安全衛生設施規則第224條第1項" in page.content.decode()
    assert AccessLogEntry.objects.filter(object_type="inspection", object_id=inspection.case.number).exists()
    ops = [
        {"kind": "finding", "key": "k-finding-01", "item_code": "C01", "result": "VIOLATION", "note": "開口未設護欄"},
        {"kind": "photo", "key": "k-photo-0001", "item_code": "C01", "name": "c01.png", "data": TINY_PNG,
         "captured_at": timezone.now().isoformat(), "latitude": 25.04, "longitude": 121.56, "accuracy": 8},
        {"kind": "finding", "key": "k-finding-02", "item_code": "C02", "result": "VIOLATION", "note": ""},
        {"kind": "ack", "key": "k-ack-000001", "name": "王大明", "title": "工地主任", "method": "signature",
         "signature": TINY_PNG},
    ]
    url = f"/staff/inspections/{inspection.case.number}/sync/"
    first = client.post(url, json.dumps({"operations": ops}), content_type="application/json").json()["results"]
    assert [(r["ok"], r["applied"]) for r in first] == [(True, True), (True, True), (False, False), (True, True)]
    assert first[2]["field"] == "note"
    again = client.post(url, json.dumps({"operations": ops}), content_type="application/json").json()["results"]
    assert [r["applied"] for r in again] == [False, False, False, False]
    assert Finding.objects.filter(inspection=inspection).count() == 1
    assert FindingPhoto.objects.count() == 1
    inspection.refresh_from_db()
    assert inspection.acknowledgement == "signature" and inspection.representative_name == "王大明"
    assert client.post(url, "not json", content_type="application/json").status_code == 400


def test_the_employer_page_shows_the_history_and_the_order_state_in_constant_queries(client):
    inspector = lio()
    inspection = started(inspector=inspector)
    services.stop_work_order_issue(inspection=inspection, actor=inspector, basis="OSHA_36", scope="FULL", area="全工地",
                                   danger="模板支撐未依設計施作。")
    client.force_login(inspector)
    url = f"/staff/employers/{inspection.employer_id}/?purpose=勞動檢查"
    page = client.get(url).content.decode()
    assert "勞動檢查紀錄" in page and "停工中" in page and inspection.case.number in page
    few = queries(lambda: client.get(url))
    for _ in range(4):
        recorded(inspector=inspector, establishment=inspection.establishment)
    page = client.get(url).content.decode()
    assert page.count("-INS-") >= 5
    assert queries(lambda: client.get(url)) == few


def test_another_unit_sees_no_inspection_history_on_the_employer_page(client):
    inspection = started(inspector=lio())
    client.force_login(staff(Role.CASE_OFFICER, "LS"))
    page = client.get(f"/staff/employers/{inspection.employer_id}/?purpose=查核").content.decode()
    assert "勞動檢查紀錄" not in page


# --- API ------------------------------------------------------------------------------------


def test_api_schedule_record_and_stop_work():
    inspector = lio()
    establishment = site()
    client = api(inspector)
    response = client.post("/api/v1/inspections", {"establishment_id": establishment.pk, "inspection_type": "CONSTRUCTION",
                                                   "origin": "COMPLAINT", "complaint_number": "115-LSC-000001"},
                           content_type="application/json")
    assert response.status_code == 201, response.content
    number = response.json()["number"]
    inspection = Inspection.objects.get(case__number=number)
    case_services.case_transition(case=inspection.case, name="start", actor=inspector)
    url = f"/api/v1/inspections/{number}/findings"
    bad = client.post(url, {"item_code": "C01", "result": "VIOLATION", "note": ""}, content_type="application/json")
    assert bad.status_code == 400 or bad.status_code == 422
    assert bad.json()["detail"][0]["loc"] == ["body", "note"]
    assert not Finding.objects.exists()
    ok = client.post(url, {"item_code": "C01", "result": "VIOLATION", "note": "開口", "idempotency_key": "api-key-0001"},
                     content_type="application/json")
    assert ok.json() == {"item_code": "C01", "result": "VIOLATION", "applied": True}
    again = client.post(url, {"item_code": "C01", "result": "VIOLATION", "note": "開口", "idempotency_key": "api-key-0001"},
                        content_type="application/json")
    assert again.json()["applied"] is False
    order = client.post(f"/api/v1/inspections/{number}/stop-work-orders",
                        {"basis": "LIA_28", "scope": "PARTIAL", "area": "3樓開口", "danger": "無護欄", "item_codes": ["C01"]},
                        content_type="application/json")
    assert order.status_code == 201 and order.json()["status"] == "IN_FORCE"
    detail = client.get(f"/api/v1/inspections/{number}").json()
    assert detail["findings"][0]["provision"] == "職業安全衛生設施規則第224條第1項"


def test_api_another_unit_gets_404():
    inspection = started(inspector=lio())
    response = api(staff(Role.CASE_OFFICER, "LS")).get(f"/api/v1/inspections/{inspection.case.number}")
    assert response.status_code == 404


def test_api_the_list_costs_the_same_for_more_rows():
    inspector = lio()
    client = api(inspector)
    planned(inspector=inspector)
    client.get("/api/v1/inspections")  # the token's first use is recorded once
    few = queries(lambda: client.get("/api/v1/inspections"))
    for _ in range(6):
        planned(inspector=inspector)
    response = client.get("/api/v1/inspections")
    assert response.json()["count"] == 7
    assert queries(lambda: client.get("/api/v1/inspections")) == few


def test_api_my_worklist_costs_the_same_for_more_rows():
    inspector = lio()
    client = api(inspector)
    planned(inspector=inspector)
    client.get("/api/v1/inspections?mine=true")
    few = queries(lambda: client.get("/api/v1/inspections?mine=true"))
    for _ in range(4):
        planned(inspector=inspector)
    assert client.get("/api/v1/inspections?mine=true").json()["count"] == 5
    assert queries(lambda: client.get("/api/v1/inspections?mine=true")) == few


def test_api_plan_and_resumption_decision():
    chief, inspector = lio(Role.SECTION_CHIEF), lio()
    site(industry="F", headcount=30)
    year = timezone.localdate().year
    plan = api(chief).post("/api/v1/inspections/plan", {"year": year, "count": 1}, content_type="application/json")
    assert plan.status_code == 201 and plan.json()["entries"][0]["risk_reasons"][0]["code"] == "industry"
    assert plan.json()["workloads"] == [{"inspector_id": inspector.pk, "username": inspector.username, "open": 1}]
    assert api(inspector).post("/api/v1/inspections/plan", {"year": year, "count": 1},
                               content_type="application/json").status_code == 403
    inspection = started(inspector=inspector)
    order = services.stop_work_order_issue(inspection=inspection, actor=inspector, basis="LIA_28", scope="FULL",
                                           area="全工地", danger="危險")
    company = employer_user(inspection.employer)
    applied = api(company).post("/api/v1/resumptions", {"stop_work_order": order.case.number, "improvements": "已改善",
                                                        "photos": [{"name": "a.png", "content_base64": TINY_PNG.split(",")[1]}]},
                                content_type="application/json")
    assert applied.status_code == 201, applied.content
    assert applied.json()["order_status"] == "RESUMPTION_REQUESTED" and applied.json()["photos"] == 1
    request_id = applied.json()["id"]
    assert api(employer_user()).post("/api/v1/resumptions", {"stop_work_order": order.case.number, "improvements": "x"},
                                     content_type="application/json").status_code == 404
    decided = api(inspector).post(f"/api/v1/resumptions/{request_id}/decision",
                                  {"decision": "return", "review_method": "EVIDENCE", "note": "照片不清楚"},
                                  content_type="application/json")
    assert decided.status_code == 200 and decided.json()["status"] == "RETURNED"
    assert decided.json()["order_status"] == "IN_FORCE"
    assert ResumptionRequest.objects.get(pk=request_id).review_note == "照片不清楚"


def test_api_schema_documents_every_input_field():
    schema = Client().get("/api/openapi.json").json()
    for name in ("InspectionIn", "FindingIn", "StopWorkIn", "ResumptionIn", "DecisionIn", "PlanIn"):
        for field, spec in schema["components"]["schemas"][name]["properties"].items():
            assert spec.get("description"), (name, field)

