"""Pages and API: construction projects and machinery certificates (list, create, edit;
the 60-day expiry list), the 丁類 review queue and the inspector's step, the employer's
application and supplement on the portal; constant query counts on lists; other units
and other employers kept out."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from laborbureau.core.models import Role
from laborbureau.core.services import api_token_create
from laborbureau.core.tests.factories import employer_user, staff
from laborbureau.inspection.hazardous.models import TypeDReview
from laborbureau.inspection.hazardous.tests.factories import PDF, applied, project
from laborbureau.inspection.inspections import services as inspection_services
from laborbureau.inspection.inspections.models import ConstructionProject, MachineryCertificate
from laborbureau.inspection.inspections.tests.factories import lio, site

pytestmark = pytest.mark.django_db


def api(user) -> Client:
    _, key = api_token_create(user=user, name="test")
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}")


def queries(callable_):
    with CaptureQueriesContext(connection) as context:
        response = callable_()
    assert response.status_code == 200, response.content[:500]
    return len(context.captured_queries)


def certificate(inspector, *, days_ago=700, kind="MOBILE_CRANE", establishment=None):
    return inspection_services.machinery_certificate_record(
        establishment=establishment or site(), kind=kind, serial=f"北市移起字第{days_ago}號",
        inspected_on=timezone.localdate() - timedelta(days=days_ago), actor=inspector)


def test_project_pages_list_create_and_edit(client):
    inspector = lio()
    client.force_login(inspector)
    project(inspector=inspector)
    few = queries(lambda: client.get("/staff/inspections/construction-projects/"))
    for _ in range(4):
        project(inspector=inspector)
    assert queries(lambda: client.get("/staff/inspections/construction-projects/")) == few
    target = site()
    today = timezone.localdate()
    response = client.post("/staff/inspections/construction-projects/new/", {
        "establishment_id": target.pk, "name": "內湖捷運聯開大樓", "starts_on": today.isoformat(),
        "ends_on": (today - timedelta(days=1)).isoformat()})
    assert response.status_code == 422 and "完工日不可早於開工日" in response.content.decode()
    assert not ConstructionProject.objects.filter(name="內湖捷運聯開大樓").exists()
    response = client.post("/staff/inspections/construction-projects/new/", {
        "establishment_id": target.pk, "name": "內湖捷運聯開大樓", "starts_on": today.isoformat(),
        "ends_on": (today + timedelta(days=300)).isoformat()})
    assert response.status_code == 302
    created = ConstructionProject.objects.get(name="內湖捷運聯開大樓")
    assert created.establishment == target and not created.type_d
    response = client.post(f"/staff/inspections/construction-projects/{created.pk}/edit/", {
        "name": "內湖捷運聯合開發大樓", "starts_on": today.isoformat(), "ends_on": (today + timedelta(days=400)).isoformat()})
    assert response.status_code == 302
    created.refresh_from_db()
    assert created.name == "內湖捷運聯合開發大樓" and created.ends_on == today + timedelta(days=400)
    assert "內湖捷運聯合開發大樓" in client.get("/staff/inspections/construction-projects/?q=聯合").content.decode()


def test_certificate_pages_show_validity_and_the_expiring_list(client):
    inspector = lio()
    client.force_login(inspector)
    soon = certificate(inspector, days_ago=700)  # a two-year certificate ends in about 30 days
    later = certificate(inspector, days_ago=100)
    assert soon.valid_until - timezone.localdate() <= timedelta(days=60)
    page = client.get("/staff/inspections/machinery-certificates/?expiring=1").content.decode()
    assert soon.serial in page and later.serial not in page
    full = client.get("/staff/inspections/machinery-certificates/").content.decode()
    assert soon.serial in full and later.serial in full and "第28條第1項" in full
    few = queries(lambda: client.get("/staff/inspections/machinery-certificates/"))
    for days in (200, 300, 400):
        certificate(inspector, days_ago=days)
    assert queries(lambda: client.get("/staff/inspections/machinery-certificates/")) == few
    target = site()
    response = client.post("/staff/inspections/machinery-certificates/new/", {
        "establishment_id": target.pk, "kind": "GONDOLA", "serial": "G-1",
        "inspected_on": timezone.localdate().isoformat(), "months": 13})
    assert response.status_code == 422 and not MachineryCertificate.objects.filter(serial="G-1").exists()
    response = client.post(f"/staff/inspections/machinery-certificates/{later.pk}/edit/", {
        "serial": "北市移起字第9號", "inspected_on": (timezone.localdate() - timedelta(days=10)).isoformat()})
    assert response.status_code == 302
    later.refresh_from_db()
    assert later.serial == "北市移起字第9號" and later.inspected_on == timezone.localdate() - timedelta(days=10)


def test_other_units_and_employers_are_kept_out(client):
    target = project()
    client.force_login(staff(Role.CASE_OFFICER, "LS"))
    for url in ("/staff/inspections/construction-projects/", f"/staff/inspections/construction-projects/{target.pk}/edit/",
                "/staff/inspections/machinery-certificates/", "/staff/inspections/type-d-reviews/"):
        assert client.get(url).status_code == 404
    assert api(staff(Role.CASE_OFFICER, "LS")).get("/api/v1/construction-projects").status_code == 403
    review = applied(project_=target)
    client.force_login(employer_user())
    assert client.get(f"/portal/type-d-reviews/{review.case.number}/supplement/").status_code == 404


def test_the_inspector_reviews_on_the_page(client):
    inspector = lio()
    review = applied()
    client.force_login(inspector)
    few = queries(lambda: client.get("/staff/inspections/type-d-reviews/"))
    applied()
    applied()
    assert queries(lambda: client.get("/staff/inspections/type-d-reviews/")) == few
    url = f"/staff/inspections/type-d-reviews/{review.case.number}/review/"
    response = client.post(url, {"action": "propose_approval", "note": "合格"})
    assert response.status_code == 422 and "現場檢查" in response.content.decode()
    response = client.post(url, {"action": "propose_approval", "note": "合格",
                                 "site_checked_on": timezone.localdate().isoformat()})
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.status == "PENDING_APPROVAL"


def test_the_employer_applies_and_supplements_on_the_portal(client):
    target = project()
    company = employer_user(target.establishment.employer)
    client.force_login(company)
    start = timezone.localdate() + timedelta(days=45)
    form = {"project": target.pk, "work_starts_on": start.isoformat(), "building_height_m": "50"}
    response = client.post("/portal/type-d-reviews/new/", {**form, "safety_assessment": SimpleUploadedFile("a.pdf", PDF)})
    assert response.status_code == 422 and "未達丁類" in response.content.decode()
    assert not TypeDReview.objects.exists()
    response = client.post("/portal/type-d-reviews/new/", {**form, "building_height_m": "88",
                                                          "safety_assessment": SimpleUploadedFile("a.pdf", PDF)})
    assert response.status_code == 302
    review = TypeDReview.objects.get()
    assert review.employer == target.establishment.employer and review.work_starts_on == start
    from laborbureau.inspection.hazardous import services

    services.review_act(review=review, actor=lio(), name="request_supplement", data={"reason": "補附結構計算書"})
    assert "補附結構計算書" in client.get(f"/portal/type-d-reviews/{review.case.number}/supplement/").content.decode()
    response = client.post(f"/portal/type-d-reviews/{review.case.number}/supplement/",
                           {"note": "已補", "documents": [SimpleUploadedFile("b.pdf", PDF)]})
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.status == "SUBMITTED" and len(review.documents) == 2
    assert review.case.number in client.get("/portal/type-d-reviews/").content.decode()


def test_project_api_list_create_update_with_constant_queries():
    inspector = lio()
    client = api(inspector)
    project(inspector=inspector)
    client.get("/api/v1/construction-projects")  # the token's first use is recorded once
    few = queries(lambda: client.get("/api/v1/construction-projects"))
    for _ in range(4):
        project(inspector=inspector)
    assert queries(lambda: client.get("/api/v1/construction-projects")) == few
    target = site()
    today = timezone.localdate()
    bad = client.post("/api/v1/construction-projects", {"establishment_id": target.pk, "name": " ",
                                                        "starts_on": today.isoformat(), "ends_on": today.isoformat()},
                      content_type="application/json")
    assert bad.status_code == 422 and bad.json()["detail"][0]["loc"] == ["body", "name"]
    created = client.post("/api/v1/construction-projects", {
        "establishment_id": target.pk, "name": "南港橋梁工程", "starts_on": today.isoformat(),
        "ends_on": (today + timedelta(days=30)).isoformat()}, content_type="application/json")
    assert created.status_code == 201 and created.json()["type_d"] is False
    pk = created.json()["id"]
    updated = client.put(f"/api/v1/construction-projects/{pk}", {
        "name": "南港跨河橋梁工程", "starts_on": today.isoformat(), "ends_on": (today + timedelta(days=60)).isoformat()},
        content_type="application/json")
    assert updated.status_code == 200 and updated.json()["name"] == "南港跨河橋梁工程"
    assert client.get("/api/v1/construction-projects/999999").status_code == 404
    assert client.get("/api/v1/construction-projects?type_d=true").json()["count"] == 0


def test_certificate_api_with_validity_and_expiring_filter():
    inspector = lio()
    client = api(inspector)
    soon = certificate(inspector, days_ago=700)
    certificate(inspector, days_ago=100)
    client.get("/api/v1/machinery-certificates")  # the token's first use is recorded once
    few = queries(lambda: client.get("/api/v1/machinery-certificates"))
    certificate(inspector, days_ago=200)
    certificate(inspector, days_ago=300)
    assert queries(lambda: client.get("/api/v1/machinery-certificates")) == few
    expiring = client.get("/api/v1/machinery-certificates?expiring=true").json()
    assert [row["id"] for row in expiring["items"]] == [soon.pk]
    row = expiring["items"][0]
    assert row["valid"] is True and row["apply_by"] == soon.apply_by.isoformat()
    assert row["days_left"] == (soon.valid_until - timezone.localdate()).days
    target = site()
    created = client.post("/api/v1/machinery-certificates", {
        "establishment_id": target.pk, "kind": "GONDOLA", "serial": "G-7",
        "inspected_on": timezone.localdate().isoformat()}, content_type="application/json")
    assert created.status_code == 201 and created.json()["basis"].startswith("危險性機械及設備安全檢查規則第66條第2項")
    future = client.post("/api/v1/machinery-certificates", {
        "establishment_id": target.pk, "kind": "GONDOLA", "serial": "G-8",
        "inspected_on": (timezone.localdate() + timedelta(days=1)).isoformat()}, content_type="application/json")
    assert future.status_code == 422 and future.json()["detail"][0]["loc"] == ["body", "inspected_on"]
    assert not MachineryCertificate.objects.filter(serial="G-8").exists()
    put = client.put(f"/api/v1/machinery-certificates/{soon.pk}", {
        "serial": soon.serial, "inspected_on": timezone.localdate().isoformat()}, content_type="application/json")
    assert put.status_code == 200 and put.json()["days_left"] > 700


def test_review_api_for_staff_and_the_employer():
    inspector = lio()
    review = applied()
    other = applied()
    client = api(inspector)
    client.get("/api/v1/type-d-reviews")
    few = queries(lambda: client.get("/api/v1/type-d-reviews"))
    applied()
    assert queries(lambda: client.get("/api/v1/type-d-reviews")) == few
    assert client.get("/api/v1/type-d-reviews?status=SUBMITTED").json()["count"] == 3
    bad = client.post(f"/api/v1/type-d-reviews/{review.case.number}/actions",
                      {"action": "propose_approval", "note": "合格"}, content_type="application/json")
    assert bad.status_code == 422
    done = client.post(f"/api/v1/type-d-reviews/{review.case.number}/actions",
                       {"action": "propose_approval", "note": "合格",
                        "site_checked_on": timezone.localdate().isoformat()}, content_type="application/json")
    assert done.status_code == 200 and done.json()["status"] == "PENDING_APPROVAL"
    company = api(review.submitted_by)
    mine = company.get("/api/v1/type-d-reviews").json()
    assert [row["number"] for row in mine["items"]] == [review.case.number]
    assert mine["items"][0]["criteria"][0]["code"] == "BUILDING"
    assert company.get(f"/api/v1/type-d-reviews/{other.case.number}").status_code == 404
    assert company.post(f"/api/v1/type-d-reviews/{review.case.number}/actions",
                        {"action": "refuse", "note": "x"}, content_type="application/json").status_code == 403
    assert api(staff(Role.CASE_OFFICER, "LS")).get("/api/v1/type-d-reviews").status_code == 403


def test_the_case_pages_show_the_review_panel(client):
    review = applied()
    client.force_login(lio())
    page = client.get(f"/staff/cases/{review.case.number}/")
    assert page.status_code == 200 and "建築物高度在80公尺以上之建築工程" in page.content.decode()
    client.force_login(review.submitted_by)
    page = client.get(f"/portal/cases/{review.case.number}/")
    assert page.status_code == 200 and review.project.name in page.content.decode()


def test_the_employer_reads_the_public_status_and_its_own_supplement(client):
    from laborbureau.inspection.hazardous import services

    review = applied()
    inspector = lio()
    services.review_act(review=review, actor=inspector, name="request_supplement", data={"reason": "補附計算書"})
    services.review_supplement(review=review, actor=review.submitted_by, note="已補",
                               documents=[services.Document("OTHER", "計算書.pdf", PDF)])
    services.review_act(review=review, actor=inspector, name="propose_approval",
                        data={"site_checked_on": timezone.localdate(), "note": "合格"})
    client.force_login(review.submitted_by)
    # Awaiting the chief's sign-off: "under review" to the employer, as the case header says.
    for url in ("/portal/type-d-reviews/", f"/portal/cases/{review.case.number}/"):
        page = client.get(url).content.decode()
        assert "審查中" in page and "陳核" not in page, url
    assert "通知補正中：審查需補正資料" in page and "審查中：已收到補正資料。" in page
    client.force_login(inspector)
    assert "審查合格陳核中" in client.get(f"/staff/cases/{review.case.number}/").content.decode()
