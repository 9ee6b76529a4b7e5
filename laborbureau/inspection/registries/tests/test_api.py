"""The registries API: apply by token, 422 at the field with nothing written, 404 for
another employer, steps and the chief's sign-off, the public lists without login, and
query counts on the lists."""

import base64

import pytest
from django.test import Client
from django.utils import timezone

from laborbureau.cases.models import Case
from laborbureau.core.services import api_token_create
from laborbureau.core.tests.factories import employer_user
from laborbureau.inspection.registries import services
from laborbureau.inspection.registries.models import Registration
from laborbureau.inspection.registries.tests.conftest import application, approve, jpeg

pytestmark = pytest.mark.django_db


def api(user) -> Client:
    _, key = api_token_create(user=user, name="test")
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}")


def body(**overrides):
    data = {"kind": "SITE_CERTIFICATION", "name": "信義區A1工地", "description": "地上12層RC造集合住宅新建工程。",
            "address": "臺北市信義區松仁路1號", "district": "110",
            "documents": [{"name": "plan.jpg", "content_base64": base64.b64encode(jpeg()).decode()}]}
    data.update(overrides)
    return data


def test_apply_review_and_sign_off_through_the_api(team):
    answer = api(team["company"]).post("/api/v1/osh-registries/applications", body(), content_type="application/json")
    assert answer.status_code == 201, answer.content
    number = answer.json()["number"]
    assert answer.json()["status"] == "APPLIED" and answer.json()["review_opinion"] == ""
    assert api(employer_user()).get(f"/api/v1/osh-registries/applications/{number}").status_code == 404
    officer = api(team["officer"])
    assert officer.post(f"/api/v1/osh-registries/applications/{number}/steps",
                        {"step": "review", "review_opinion": "現場查核符合。"},
                        content_type="application/json").status_code == 200
    answer = officer.post(f"/api/v1/osh-registries/applications/{number}/steps", {"step": "propose_approval"},
                          content_type="application/json")
    assert answer.json()["status"] == "APPROVAL_PENDING"
    assert officer.post(f"/api/v1/osh-registries/applications/{number}/signoff", {"approve": True},
                        content_type="application/json").status_code == 403
    answer = api(team["chief"]).post(f"/api/v1/osh-registries/applications/{number}/signoff", {"approve": True},
                                     content_type="application/json")
    assert answer.status_code == 200, answer.content
    data = answer.json()
    assert data["status"] == "APPROVED" and data["decision"] == "APPROVED" and data["document_code"]
    assert data["valid_from"] == timezone.localdate().isoformat()
    public = Client().get("/api/v1/osh-registries/public?kind=SITE_CERTIFICATION").json()
    assert public["count"] == 1 and public["items"][0]["name"] == "信義區A1工地"
    assert set(public["items"][0]) == {"kind", "name", "address", "district", "valid_from", "valid_until"}


def test_bad_input_is_422_at_its_field_and_nothing_written(team):
    client = api(team["company"])
    answer = client.post("/api/v1/osh-registries/applications", body(district="999"), content_type="application/json")
    assert answer.status_code == 422 and answer.json()["detail"][0]["loc"] == ["body", "district"]
    answer = client.post("/api/v1/osh-registries/applications",
                         body(documents=[{"name": "x.pdf", "content_base64": "%%%"}]), content_type="application/json")
    assert answer.status_code == 422
    answer = client.post("/api/v1/osh-registries/applications", body(kind="NOPE"), content_type="application/json")
    assert answer.status_code == 422
    assert not Case.objects.exists() and not Registration.objects.exists()
    assert client.post("/api/v1/osh-registries/applications/115-OSR-000001/steps", {"step": "review"},
                       content_type="application/json").status_code == 404


def test_another_unit_cannot_act(team):
    registration = services.registration_apply(data=application(), actor=team["company"])
    answer = api(team["other"]).post(f"/api/v1/osh-registries/applications/{registration.case.number}/steps",
                                     {"step": "review", "review_opinion": "x"}, content_type="application/json")
    assert answer.status_code == 404
    registration.case.refresh_from_db()
    assert registration.case.status == "APPLIED"


def test_list_query_counts_do_not_grow(team, django_assert_max_num_queries):
    for index in range(3):
        services.registration_apply(data=application(name=f"訓練中心{index}"), actor=team["company"])
    client = api(team["officer"])
    with django_assert_max_num_queries(12) as small:
        assert client.get("/api/v1/osh-registries/applications").json()["count"] == 3
    for index in range(6):
        approve(services.registration_apply(data=application(name=f"訓練單位{index}"), actor=team["company"]), team)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get("/api/v1/osh-registries/applications").json()["count"] == 9
    public = Client()
    with django_assert_max_num_queries(3):
        assert public.get("/api/v1/osh-registries/public").json()["count"] == 6


def test_audit_and_revocation_through_the_api(team):
    registration = approve(services.registration_apply(data=application(), actor=team["company"]), team)
    client = api(team["officer"])
    today = timezone.localdate().isoformat()
    answer = client.post("/api/v1/osh-registries/audits", {"registration_number": registration.case.number,
                                                           "scheduled_on": today, "inspector_id": team["inspector"].pk},
                         content_type="application/json")
    assert answer.status_code == 201, answer.content
    audit_id = answer.json()["id"]
    answer = api(team["inspector"]).post(f"/api/v1/osh-registries/audits/{audit_id}/result",
                                         {"conducted_on": today, "findings": "術科場地已改作他用。", "result": "REVOKE"},
                                         content_type="application/json")
    assert answer.status_code == 200 and answer.json()["result"] == "REVOKE"
    answer = api(team["chief"]).post(f"/api/v1/osh-registries/applications/{registration.case.number}/signoff",
                                     {"approve": True}, content_type="application/json")
    assert answer.json()["status"] == "REVOKED" and answer.json()["revoked_on"] == today
    assert api(team["company"]).get("/api/v1/osh-registries/audits").status_code == 403


def test_newsletter_subscription_and_archive(team):
    anonymous = Client()
    answer = anonymous.post("/api/v1/osh-registries/newsletter/subscriptions", {"email": "r@example.tw"},
                            content_type="application/json")
    assert answer.status_code == 202
    assert anonymous.post("/api/v1/osh-registries/newsletter/subscriptions", {"email": "bad"},
                          content_type="application/json").status_code == 422
    client = api(team["officer"])
    answer = client.post("/api/v1/osh-registries/newsletter/issues",
                         {"month": timezone.localdate().isoformat(), "title": "電子報",
                          "items": [{"title": "防墜", "body": "設置護欄。"}]}, content_type="application/json")
    assert answer.status_code == 201
    issue_id = answer.json()["id"]
    assert anonymous.get("/api/v1/osh-registries/newsletter/issues").json() == []
    assert client.post(f"/api/v1/osh-registries/newsletter/issues/{issue_id}/send").json()["status"] == "SENDING"
    services.newsletter_dispatch()
    assert [i["id"] for i in anonymous.get("/api/v1/osh-registries/newsletter/issues").json()] == [issue_id]


def test_openapi_documents_every_field():
    schema = Client().get("/api/openapi.json").json()
    paths = [p for p in schema["paths"] if p.startswith("/api/v1/osh-registries")]
    assert len(paths) >= 12
    for name, component in schema["components"]["schemas"].items():
        if name in {"PublicRegistrationOut", "ApplicationIn", "ApplicationOut", "AuditOut", "WorkIn", "IssueOut",
                    "EntryIn", "StepIn"}:
            for field, spec in component["properties"].items():
                assert spec.get("description"), (name, field)
