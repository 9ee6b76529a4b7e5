"""The 丁類 review through its services: the employer's application (timing, thresholds,
documents), supplements, the inspector's approval with the chief's sign-off (project
flagged, notice issued, follow-up inspection scheduled), refusal with reasons."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from laborbureau.cases import services as case_services
from laborbureau.cases.models import Case, SignOff
from laborbureau.core.errors import ApplicationError, Conflict, Forbidden
from laborbureau.core.models import Role
from laborbureau.core.tests.factories import employer_user
from laborbureau.documents.models import IssuedDocument
from laborbureau.inspection.hazardous import services
from laborbureau.inspection.hazardous.models import TypeDReview
from laborbureau.inspection.hazardous.tests.factories import PDF, applied, project
from laborbureau.inspection.inspections.models import ConstructionProject, Inspection
from laborbureau.inspection.inspections.tests.factories import lio
from laborbureau.rules import working_days

pytestmark = pytest.mark.django_db


def test_the_employer_applies_with_the_assessment_report():
    review = applied()
    assert review.status == "SUBMITTED" and review.case.case_type == "hazardous_workplace_review"
    assert review.case.number.split("-")[1] == "HWR"
    assert review.criteria[0]["code"] == "BUILDING"
    assert [d["kind"] for d in review.documents] == ["SAFETY_ASSESSMENT"]
    assert review.case.due_date == working_days.deadline(timezone.localdate(), 30, "calendar")
    assert review.building_height_m == Decimal("92.50")


@pytest.mark.parametrize(("days_ahead", "measures", "documents", "field"), [
    (29, {"building_height_m": "90"}, True, "work_starts_on"),
    (-1, {"building_height_m": "90"}, True, "work_starts_on"),
    (40, {"building_height_m": "60"}, True, "measures"),
    (40, {"building_height_m": "abc"}, True, "building_height_m"),
    (40, {"building_height_m": "-3"}, True, "building_height_m"),
    (40, {"building_height_m": "90"}, False, "safety_assessment"),
])
def test_a_bad_application_is_refused_on_its_field_and_nothing_written(days_ahead, measures, documents, field):
    target = project()
    company = employer_user(target.establishment.employer)
    docs = [services.Document("SAFETY_ASSESSMENT", "r.pdf", PDF)] if documents else [
        services.Document("OTHER", "x.pdf", PDF)]
    with pytest.raises(ApplicationError) as error:
        services.review_apply(actor=company, project=target, measures=measures, documents=docs,
                              work_starts_on=timezone.localdate() + timedelta(days=days_ahead))
    assert error.value.field == field
    assert not TypeDReview.objects.exists() and not Case.objects.filter(case_type="hazardous_workplace_review").exists()


def test_only_the_projects_employer_and_one_live_review():
    target = project()
    with pytest.raises(Forbidden):
        applied(project_=target, company=employer_user())
    applied(project_=target)
    with pytest.raises(Conflict):
        applied(project_=target)
    assert TypeDReview.objects.count() == 1


def test_supplement_then_approval_with_the_chiefs_sign_off():
    inspector, chief = lio(), lio(Role.SECTION_CHIEF)
    review = applied()
    company = review.submitted_by
    services.review_act(review=review, actor=inspector, name="request_supplement", data={"reason": "補附施工架計算書"})
    review.refresh_from_db()
    assert review.status == "SUPPLEMENT_REQUESTED" and review.supplement_request == "補附施工架計算書"
    with pytest.raises(ApplicationError):
        services.review_supplement(review=review, actor=company, note="補附", documents=[])
    services.review_supplement(review=review, actor=company, note="已補附",
                               documents=[services.Document("OTHER", "施工架計算書.pdf", PDF)])
    review.refresh_from_db()
    assert review.status == "SUBMITTED" and len(review.documents) == 2
    with pytest.raises(ApplicationError):
        services.review_act(review=review, actor=inspector, name="propose_approval",
                            data={"site_checked_on": timezone.localdate() + timedelta(days=1), "note": "ok"})
    services.review_act(review=review, actor=inspector, name="propose_approval",
                        data={"site_checked_on": timezone.localdate(), "note": "文件審查及現場檢查合格"})
    assert review.status == "PENDING_APPROVAL"
    assert not ConstructionProject.objects.get(pk=review.project_id).type_d
    signoff = SignOff.objects.get(case=review.case, status=SignOff.Status.PENDING)
    case_services.signoff_decide(signoff=signoff, actor=chief, approve=True)
    review.refresh_from_db()
    assert review.status == "APPROVED" and review.decided_at is not None
    assert ConstructionProject.objects.get(pk=review.project_id).type_d
    assert IssuedDocument.objects.filter(case=review.case, title="丁類危險性工作場所審查結果通知書").count() == 1
    follow_up = Inspection.objects.get(case__number=review.follow_up_number)
    assert follow_up.inspection_type == "HAZARDOUS_WORKPLACE" and follow_up.inspector == inspector
    assert follow_up.scheduled_for == review.work_starts_on
    with pytest.raises(Conflict):
        applied(project_=ConstructionProject.objects.get(pk=review.project_id), company=company)
    later = services.follow_up_schedule(review=review, actor=inspector,
                                        scheduled_for=timezone.localdate() + timedelta(days=90))
    assert later.inspection_type == "HAZARDOUS_WORKPLACE"


def test_refusal_with_reasons_and_a_new_application_may_follow():
    inspector = lio()
    review = applied()
    with pytest.raises(ApplicationError) as error:
        services.review_act(review=review, actor=inspector, name="refuse", data={"reason": ""})
    assert error.value.field == "reason"
    services.review_act(review=review, actor=inspector, name="refuse", data={"reason": "開挖計畫未含土壓觀測系統"})
    assert review.status == "REFUSED" and review.refusal_reason == "開挖計畫未含土壓觀測系統"
    assert IssuedDocument.objects.filter(case=review.case, title="丁類危險性工作場所審查結果通知書（不合格）").exists()
    assert not ConstructionProject.objects.get(pk=review.project_id).type_d
    again = applied(project_=review.project, company=review.submitted_by)
    assert again.status == "SUBMITTED"
    with pytest.raises(Conflict):
        services.follow_up_schedule(review=again, actor=inspector, scheduled_for=timezone.localdate())


def test_the_employer_cannot_review_and_the_inspector_cannot_supplement():
    review = applied()
    with pytest.raises(Forbidden):
        services.review_act(review=review, actor=review.submitted_by, name="refuse", data={"reason": "x"})
    with pytest.raises(ApplicationError):
        services.review_act(review=review, actor=lio(), name="approve", data={})
