"""Stop-work orders and resumption: issued on the spot with the employer told, the
employer applies on the portal with photos, the inspector sends it back with reasons or
approves, the chief's sign-off lifts the order; the state on the employer page."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from laborbureau.cases import services as case_services
from laborbureau.cases.models import SignOff
from laborbureau.core.errors import ApplicationError, Conflict, Forbidden
from laborbureau.core.models import Role
from laborbureau.core.tests.factories import employer_user
from laborbureau.documents.models import IssuedDocument
from laborbureau.inspection.inspections import services
from laborbureau.inspection.inspections.models import ResumptionRequest, StopWorkOrder
from laborbureau.inspection.inspections.tests.factories import TINY_JPEG_BYTES, lio, planned, started
from laborbureau.notify.models import OutboxMessage

pytestmark = pytest.mark.django_db


def issue(inspector, inspection):
    return services.stop_work_order_issue(inspection=inspection, actor=inspector, basis="LIA_28", scope="PARTIAL",
                                          area="7樓外牆施工架作業", danger="施工架未設護欄，勞工有墜落之虞。",
                                          item_codes=["C01"])


def test_an_order_is_issued_on_the_spot_and_the_employer_told():
    inspector = lio()
    inspection = started(inspector=inspector)
    company = employer_user(inspection.employer)
    order = issue(inspector, inspection)
    assert order.status == "IN_FORCE" and order.case.case_type == "stop_work_order"
    assert IssuedDocument.objects.filter(case=order.case, title="停工通知書").exists()
    assert OutboxMessage.objects.filter(recipient=company, subject_zh__startswith="停工通知").exists()


def test_no_order_before_the_visit():
    inspector = lio()
    inspection = planned(inspector=inspector)
    with pytest.raises(Conflict):
        issue(inspector, inspection)
    assert not StopWorkOrder.objects.exists()


def test_an_order_needs_its_danger_described():
    inspector = lio()
    inspection = started(inspector=inspector)
    with pytest.raises(ApplicationError) as error:
        services.stop_work_order_issue(inspection=inspection, actor=inspector, basis="LIA_28", scope="FULL",
                                       area="全廠", danger=" ")
    assert error.value.field == "danger"
    assert not StopWorkOrder.objects.exists()


def test_resumption_sent_back_then_approved_with_sign_off():
    inspector, chief = lio(), lio(Role.SECTION_CHIEF)
    inspection = started(inspector=inspector)
    order = issue(inspector, inspection)
    company = employer_user(inspection.employer)
    request = services.resumption_apply(order=order, actor=company, improvements="已設置護欄。",
                                        photos=[("after.jpg", TINY_JPEG_BYTES)])
    order.refresh_from_db()
    assert order.status == "RESUMPTION_REQUESTED" and len(request.attachment_ids) == 1
    services.resumption_decide(request=request, actor=inspector, approve=False, review_method="EVIDENCE",
                               note="照片未見安全網。")
    order.refresh_from_db()
    request.refresh_from_db()
    assert order.status == "IN_FORCE" and request.status == "RETURNED" and request.review_note == "照片未見安全網。"
    second = services.resumption_apply(order=order, actor=company, improvements="已加設安全網。",
                                       photos=[("net.jpg", TINY_JPEG_BYTES)])
    services.resumption_decide(request=second, actor=inspector, approve=True, review_method="ON_SITE",
                               note="現場確認改善完成。")
    order.refresh_from_db()
    assert order.status == "RESUMPTION_PENDING_APPROVAL"
    case_services.signoff_decide(signoff=SignOff.objects.get(case=order.case), actor=chief, approve=True)
    order.refresh_from_db()
    second.refresh_from_db()
    assert order.status == "LIFTED" and order.lifted_at is not None and second.status == "APPROVED"
    assert IssuedDocument.objects.filter(case=order.case, title="同意復工通知書").exists()


def test_another_employer_cannot_apply():
    inspector = lio()
    order = issue(inspector, started(inspector=inspector))
    with pytest.raises(Forbidden):
        services.resumption_apply(order=order, actor=employer_user(), improvements="x")
    assert not ResumptionRequest.objects.exists()


def test_the_employer_applies_on_the_portal(client):
    inspector = lio()
    inspection = started(inspector=inspector)
    order = issue(inspector, inspection)
    company = employer_user(inspection.employer)
    client.force_login(company)
    listing = client.get("/portal/stop-work-orders/").content.decode()
    assert order.case.number in listing and "停工中" in listing
    url = f"/portal/stop-work-orders/{order.case.number}/resume/"
    assert client.post(url, {"improvements": ""}).status_code == 422
    assert not ResumptionRequest.objects.exists()
    response = client.post(url, {"improvements": "已設置護欄。",
                                 "photos": [SimpleUploadedFile("a.jpg", TINY_JPEG_BYTES, content_type="image/jpeg")]})
    assert response.status_code == 302
    assert ResumptionRequest.objects.get().attachment_ids
    page = client.get(f"/portal/cases/{order.case.number}/").content.decode()
    assert "復工申請審查中" in page


def test_another_employer_gets_404_on_the_portal(client):
    inspector = lio()
    order = issue(inspector, started(inspector=inspector))
    client.force_login(employer_user())
    assert client.get(f"/portal/stop-work-orders/{order.case.number}/resume/").status_code == 404
