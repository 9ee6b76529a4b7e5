"""A worker applies for an occupational disease determination on the portal (and by
API): identity from the account, the documents kept with the case, bad input on its
field with nothing written, the employer never sees the medical data, and the officer
takes it from the unit's queue to a decision the worker reads."""

import base64
import io
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from laborbureau.cases import services as case_services
from laborbureau.cases.models import Attachment, Case
from laborbureau.core.errors import ApplicationError
from laborbureau.core.services import EmployerInput, api_token_create
from laborbureau.core.tests.factories import EmployerFactory, PersonFactory, UserFactory, citizen, employer_user
from laborbureau.inspection.accidents import services
from laborbureau.inspection.accidents.models import DiseaseDetermination
from laborbureau.notify.models import OutboxMessage

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def form(**overrides):
    data = {"disease": "職業性下背痛", "diagnosed_by": "臺大醫院職業醫學科", "diagnosed_on": "2026-10-02",
            "exposure": "搬運工，每日搬運30公斤貨物約200次，已12年。", "employer_name": "大安物流股份有限公司",
            "business_id": "", "consent": "on"}
    data.update(overrides)
    return data


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_worker_applies_on_the_portal_with_the_medical_certificate(team):
    worker = citizen()
    client = signed_in(worker)
    page = client.get("/portal/occupational-diseases/new/")
    assert page.status_code == 200 and worker.person.name in page.content.decode()
    answer = client.post("/portal/occupational-diseases/new/",
                         form(documents=SimpleUploadedFile("診斷證明書.pdf", PDF, "application/pdf")))
    determination = DiseaseDetermination.objects.select_related("case", "employer").get()
    assert answer.status_code == 302 and answer.url == f"/portal/cases/{determination.case.number}/"
    case = determination.case
    assert determination.person == worker.person and determination.employer.name == "大安物流股份有限公司"
    assert determination.received_on == timezone.localdate() and str(determination.diagnosed_on) == "2026-10-02"
    assert case.channel == "portal" and case.assignee is None and case.status == "APPLIED"
    assert Attachment.objects.get(case=case).content_type == "application/pdf"
    assert OutboxMessage.objects.filter(recipient=team["chief"], case_id=case.pk, channel="in_app").exists()
    mine = client.get(f"/portal/cases/{case.number}/").content.decode()
    assert "職業性下背痛" in mine and "診斷證明書" in mine
    # The employer is a party (the respondent) but never reads the worker's medical data.
    company = employer_user(determination.employer)
    assert signed_in(company).get(f"/portal/cases/{case.number}/").status_code == 404
    # The worker can withdraw from the portal case page: the step is offered there.
    assert "撤回申請" in mine


@pytest.mark.parametrize(("overrides", "field", "message"), [
    ({"consent": ""}, "consent", "請勾選同意"),
    ({"disease": ""}, "disease", "這個欄位是必須的"),
    ({"exposure": "  "}, "exposure", "這個欄位是必須的"),
    ({"business_id": "12345678"}, "business_id", "統一編號"),
    ({"diagnosed_on": (timezone.localdate() + timedelta(days=2)).isoformat()}, "diagnosed_on", "診斷日不可晚於今天"),
    ({"documents": SimpleUploadedFile("a.pdf", b"not a pdf", "application/pdf")}, "documents", "不是 PDF、JPEG 或 PNG"),
])
def test_bad_input_is_shown_on_its_field_and_nothing_is_written(team, overrides, field, message):
    client = signed_in(citizen())
    answer = client.post("/portal/occupational-diseases/new/", form(**overrides))
    assert answer.status_code == 422
    errors = answer.context["form"].errors
    assert field in errors and message in " ".join(errors[field]), errors
    assert not Case.objects.exists() and not DiseaseDetermination.objects.exists() and not Attachment.objects.exists()


def test_only_a_citizen_with_an_identity_applies_and_not_twice_for_the_same_disease(team):
    for user in (team["company"], team["officer"]):
        assert signed_in(user).get("/portal/occupational-diseases/new/").status_code == 404
    assert Client().get("/portal/occupational-diseases/new/").status_code == 302  # sign in first
    nobody = UserFactory(username="no_identity", person=None)
    data = services.DiseaseInput(disease="噪音性聽力損失", exposure="沖壓工廠作業員十年。", consent=True)
    with pytest.raises(ApplicationError) as caught:
        services.disease_apply(data=data, actor=nobody)
    assert caught.value.field == "person"
    worker = citizen()
    services.disease_apply(data=data, actor=worker)
    with pytest.raises(ApplicationError) as caught:
        services.disease_apply(data=services.DiseaseInput(disease=" 噪音性聽力損失", exposure="同上。", consent=True),
                               actor=worker)
    assert caught.value.field == "disease" and DiseaseDetermination.objects.count() == 1
    with pytest.raises(ApplicationError) as caught:
        services.disease_apply(data=data, actor=team["company"])
    assert caught.value.status == 403
    assert DiseaseDetermination.objects.count() == 1


def test_the_officer_takes_it_to_a_decision_the_worker_reads(team):
    worker = citizen()
    employer = EmployerFactory()
    determination = services.disease_apply(data=services.DiseaseInput(
        disease="職業性肺塵病", exposure="噴砂作業二十年。", consent=True,
        employer=EmployerInput(name=employer.name, business_id=employer.business_id)), actor=worker)
    assert determination.employer == employer  # found by its 統一編號, not duplicated
    fire = case_services.case_transition
    case = determination.case
    fire(case=case, name="record_evidence", actor=team["officer"], data={"evidence_summary": "診斷書、作業環境測定"})
    fire(case=case, name="decide", actor=team["officer"], data={"recognised": "yes", "decision_reason": "暴露足夠。"})
    page = signed_in(worker).get(f"/portal/cases/{case.number}/").content.decode()
    assert "認定為職業疾病" in page and "暴露足夠。" in page


def test_a_worker_applies_by_api_and_bad_base64_is_422_at_the_field(team):
    worker = citizen(PersonFactory())
    _, key = api_token_create(user=worker, name="test")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {key}")
    payload = {"disease": "腕道症候群", "exposure": "電子組裝線八年。", "consent": True,
               "documents": [{"name": "x.pdf", "content_base64": "***"}]}
    bad = client.post("/api/v1/accidents/diseases", payload, content_type="application/json")
    assert bad.status_code == 422 and bad.json()["detail"][0]["loc"] == ["body", "documents"]
    assert not DiseaseDetermination.objects.exists()
    payload["documents"] = [{"name": "x.pdf", "content_base64": base64.b64encode(PDF).decode()}]
    done = client.post("/api/v1/accidents/diseases", payload, content_type="application/json")
    assert done.status_code == 201 and done.json()["status"] == "APPLIED" and done.json()["employer_name"] is None
    assert Attachment.objects.filter(case__number=done.json()["number"]).count() == 1
    payload["consent"] = False
    payload["disease"] = "另一疾病"
    refused = client.post("/api/v1/accidents/diseases", payload, content_type="application/json")
    assert refused.status_code == 422 and refused.json()["detail"][0]["loc"] == ["body", "consent"]


def test_an_image_document_is_accepted(team):
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4)).save(buffer, format="PNG")
    client = signed_in(citizen())
    answer = client.post("/portal/occupational-diseases/new/",
                         form(documents=SimpleUploadedFile("scan.png", buffer.getvalue(), "image/png")))
    assert answer.status_code == 302
    assert Attachment.objects.get().content_type == "image/png"
