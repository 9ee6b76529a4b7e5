"""The inspection services end to end: the plan by risk with reasons and workloads, the
field record (idempotent), completion, the corrective notice with its re-inspection,
the fine through the ledger, refusals that write nothing."""

from datetime import timedelta

import pytest
from django.utils import timezone

from laborbureau.cases import services as case_services
from laborbureau.cases.models import Case, CaseParty, SignOff
from laborbureau.core.errors import ApplicationError, Conflict, Forbidden
from laborbureau.core.models import Role
from laborbureau.core.tests.factories import staff
from laborbureau.fines.models import Fine
from laborbureau.inspection.inspections import services
from laborbureau.inspection.inspections.models import (
    ConstructionProject,
    CorrectiveNotice,
    Finding,
    FindingPhoto,
    Inspection,
    NoticeStatus,
)
from laborbureau.inspection.inspections.tests.factories import (
    TINY_JPEG_BYTES,
    TINY_PNG,
    lio,
    planned,
    record_all,
    recorded,
    site,
    started,
)

pytestmark = pytest.mark.django_db


def test_the_plan_takes_the_riskiest_sites_with_reasons_and_balances_workloads():
    chief = lio(Role.SECTION_CHIEF)
    first, second = lio(), lio()
    risky = site(industry="F", headcount=150)
    ConstructionProject.objects.create(establishment=risky, name="信義區新建工程", starts_on=timezone.localdate(),
                                       ends_on=timezone.localdate() + timedelta(days=300), recorded_by=chief)
    middling = site(industry="C", headcount=40)
    quiet = site(industry="K", headcount=3)
    year = timezone.localdate().year
    result = services.plan_generate(year=year, count=2, actor=chief)
    assert [i.establishment_id for i in result.created] == [risky.pk, middling.pk]
    top = result.created[0]
    assert top.risk_score == 30 + 15 + 15 + 5  # industry F, construction, 100–299 workers, not inspected
    assert [r["code"] for r in top.risk_reasons] == ["industry", "construction", "size", "not_inspected"]
    assert top.inspection_type == "CONSTRUCTION"
    assert top.case.status == "PLANNED" and top.plan_year == year
    assert {i.inspector_id for i in result.created} == {first.pk, second.pk}
    # The employer is not told before the visit (勞動檢查法第13條).
    assert not CaseParty.objects.filter(case=top.case).exists()
    # Again: the sites already planned are left out.
    again = services.plan_generate(year=year, count=5, actor=chief)
    assert [i.establishment_id for i in again.created] == [quiet.pk]


def test_only_the_chief_generates_the_plan():
    inspector = lio()
    site()
    with pytest.raises(Forbidden):
        services.plan_generate(year=timezone.localdate().year, count=3, actor=inspector)
    assert not Inspection.objects.exists()


def test_a_bad_count_is_refused_on_its_field():
    with pytest.raises(ApplicationError) as error:
        services.plan_generate(year=timezone.localdate().year, count=0, actor=lio(Role.SECTION_CHIEF))
    assert error.value.field == "count"


def test_starting_makes_the_employer_a_party():
    inspector = lio()
    inspection = started(inspector=inspector)
    assert inspection.status == "IN_PROGRESS"
    assert CaseParty.objects.filter(case=inspection.case, employer=inspection.employer, role="EMPLOYER").exists()


def test_a_finding_is_recorded_once_per_key_and_replaced_by_a_new_answer():
    inspector = lio()
    inspection = started(inspector=inspector)
    finding, applied = services.finding_record(inspection=inspection, item_code="C01", result="VIOLATION",
                                               note="開口未設護欄", actor=inspector, idempotency_key="key-00000001")
    assert applied
    _, applied = services.finding_record(inspection=inspection, item_code="C01", result="VIOLATION",
                                         note="開口未設護欄", actor=inspector, idempotency_key="key-00000001")
    assert not applied
    services.finding_record(inspection=inspection, item_code="C01", result="COMPLIANT", note="",
                            actor=inspector, idempotency_key="key-00000002")
    assert Finding.objects.filter(inspection=inspection).count() == 1
    assert Finding.objects.get(inspection=inspection).result == "COMPLIANT"


@pytest.mark.parametrize(("item", "result", "note", "field"), [
    ("X99", "COMPLIANT", "", "item_code"),
    ("C01", "MAYBE", "", "result"),
    ("C01", "VIOLATION", "", "note"),
])
def test_bad_findings_are_refused_on_their_field(item, result, note, field):
    inspector = lio()
    inspection = started(inspector=inspector)
    with pytest.raises(ApplicationError) as error:
        services.finding_record(inspection=inspection, item_code=item, result=result, note=note, actor=inspector)
    assert error.value.field == field
    assert not Finding.objects.exists()


def test_another_units_staff_cannot_record():
    inspection = started(inspector=lio())
    with pytest.raises(Forbidden):
        services.finding_record(inspection=inspection, item_code="C01", result="COMPLIANT", note="",
                                actor=staff(Role.CASE_OFFICER, "LS"))
    assert not Finding.objects.exists()


def test_no_record_before_the_visit_starts():
    inspector = lio()
    inspection = planned(inspector=inspector)
    with pytest.raises(Conflict):
        services.finding_record(inspection=inspection, item_code="C01", result="COMPLIANT", note="", actor=inspector)


def test_a_photo_keeps_time_and_place_and_a_retry_stores_it_once():
    inspector = lio()
    inspection = started(inspector=inspector)
    services.finding_record(inspection=inspection, item_code="C01", result="VIOLATION", note="開口", actor=inspector)
    at = timezone.now()
    photo, created = services.finding_photo_add(inspection=inspection, item_code="C01", content=TINY_JPEG_BYTES,
                                                name="c01.jpg", captured_at=at, actor=inspector,
                                                idempotency_key="photo-0001", latitude=25.0330, longitude=121.5654,
                                                accuracy_m=12)
    again, created_again = services.finding_photo_add(inspection=inspection, item_code="C01", content=TINY_JPEG_BYTES,
                                                      name="c01.jpg", captured_at=at, actor=inspector,
                                                      idempotency_key="photo-0001")
    assert created and not created_again and again.pk == photo.pk
    assert FindingPhoto.objects.count() == 1
    assert str(photo.latitude) == "25.033000" and photo.attachment.sha256


def test_a_photo_out_of_range_is_refused():
    inspector = lio()
    inspection = started(inspector=inspector)
    services.finding_record(inspection=inspection, item_code="C01", result="COMPLIANT", note="", actor=inspector)
    with pytest.raises(ApplicationError) as error:
        services.finding_photo_add(inspection=inspection, item_code="C01", content=TINY_JPEG_BYTES, name="a.jpg",
                                   captured_at=timezone.now(), actor=inspector, idempotency_key="photo-0002",
                                   latitude=123)
    assert error.value.field == "latitude"
    assert not FindingPhoto.objects.exists()


def test_completion_needs_every_item_and_the_acknowledgement():
    inspector = lio()
    inspection = started(inspector=inspector)
    services.finding_record(inspection=inspection, item_code="C01", result="COMPLIANT", note="", actor=inspector)
    with pytest.raises(ApplicationError) as error:
        case_services.case_transition(case=inspection.case, name="complete", actor=inspector)
    assert "未填寫" in error.value.message_zh
    record_all(inspection, inspector)
    with pytest.raises(ApplicationError) as error:
        case_services.case_transition(case=inspection.case, name="complete", actor=inspector)
    assert "簽認" in error.value.message_zh
    services.acknowledgement_record(inspection=inspection, actor=inspector, name="王大明", title="", method="signature",
                                    signature=TINY_PNG)
    case_services.case_transition(case=inspection.case, name="complete", actor=inspector)
    inspection.refresh_from_db()
    assert inspection.status == "RECORDED" and inspection.violations == 1


def test_a_signature_must_be_drawn():
    inspector = lio()
    inspection = started(inspector=inspector)
    with pytest.raises(ApplicationError) as error:
        services.acknowledgement_record(inspection=inspection, actor=inspector, name="王大明", title="",
                                        method="signature", signature="")
    assert error.value.field == "signature"


def test_the_corrective_notice_schedules_a_reinspection_that_settles_it():
    inspector = lio()
    inspection = recorded(inspector=inspector, violations=("C01", "C03"))
    deadline = timezone.localdate() + timedelta(days=14)
    case_services.case_transition(case=inspection.case, name="issue_notice", actor=inspector,
                                  data={"deadline": deadline})
    notice = CorrectiveNotice.objects.get(inspection=inspection)
    assert [item["code"] for item in notice.items] == ["C01", "C03"]
    follow = notice.reinspection
    assert follow.origin == "REINSPECTION" and follow.scheduled_for == deadline + timedelta(days=1)
    assert follow.inspector_id == inspector.pk
    # The re-inspection checks only the provisions of the notice.
    assert [item.code for item in services.checklist_items(follow)] == ["C01", "C03"]
    case_services.case_transition(case=follow.case, name="start", actor=inspector)
    record_all(follow, inspector, violations=())
    services.acknowledgement_record(inspection=follow, actor=inspector, name="王大明", title="", method="refused")
    case_services.case_transition(case=follow.case, name="complete", actor=inspector)
    notice.refresh_from_db()
    assert notice.status == NoticeStatus.COMPLIED
    case_services.case_transition(case=inspection.case, name="confirm_corrected", actor=inspector)
    assert Inspection.objects.get(pk=inspection.pk).status == "CLOSED"


def test_a_deadline_in_the_past_is_refused_and_nothing_is_written():
    inspector = lio()
    inspection = recorded(inspector=inspector)
    with pytest.raises(ApplicationError):
        case_services.case_transition(case=inspection.case, name="issue_notice", actor=inspector,
                                      data={"deadline": timezone.localdate()})
    assert not CorrectiveNotice.objects.exists()
    assert Inspection.objects.filter(origin="REINSPECTION").count() == 0


def test_a_labor_conditions_violation_is_fined_after_sign_off():
    inspector, chief = lio(), lio(Role.SECTION_CHIEF)
    director = staff(Role.DIRECTOR, "DIR") if _has_unit("DIR") else None
    inspection = recorded(inspector=inspector, inspection_type="LABOR_CONDITIONS", violations=("L04",))
    violation_date = timezone.localdate() - timedelta(days=20)
    case_services.case_transition(case=inspection.case, name="propose_fine", actor=inspector, data={
        "fine_article": "LSA|第79條第1項", "violated_article": "第24條", "violation_date": violation_date,
        "amount": 20000})
    signoff = SignOff.objects.get(case=inspection.case)
    case_services.signoff_decide(signoff=signoff, actor=chief, approve=True)
    signoff.refresh_from_db()
    approver = director or _any_director()
    case_services.signoff_decide(signoff=signoff, actor=approver, approve=True)
    inspection.refresh_from_db()
    assert inspection.status == "FINED"
    fine = Fine.objects.get(case=inspection.case)
    assert (fine.law_code, fine.article, fine.amount, fine.violated_article) == ("LSA", "第79條第1項", 20000, "第24條")
    assert inspection.fine_number == fine.number


def test_a_fine_out_of_range_is_refused():
    inspector = lio()
    inspection = recorded(inspector=inspector, inspection_type="LABOR_CONDITIONS", violations=("L04",))
    with pytest.raises(ApplicationError) as error:
        case_services.case_transition(case=inspection.case, name="propose_fine", actor=inspector, data={
            "fine_article": "LSA|第79條第1項", "violated_article": "第24條",
            "violation_date": timezone.localdate() - timedelta(days=3), "amount": 5000})
    assert error.value.field == "amount"
    assert not SignOff.objects.exists()
    assert Case.objects.get(pk=inspection.case_id).status == "RECORDED"


def _has_unit(code):
    from laborbureau.core.models import Unit

    return Unit.objects.filter(code=code).exists()


def _any_director():
    from laborbureau.core.models import Unit

    return staff(Role.DIRECTOR, Unit.objects.order_by("pk").first().code)


def test_a_machinery_certificate_gets_its_validity_and_shows_on_the_employer_page(client):
    inspector = lio()
    inspection = started(inspector=inspector, inspection_type="MACHINERY")
    inspected = timezone.localdate() - timedelta(days=700)
    cert = services.machinery_certificate_record(establishment=inspection.establishment, kind="MOBILE_CRANE",
                                                 serial="北市起字第1234號", inspected_on=inspected, actor=inspector,
                                                 inspection=inspection)
    assert cert.basis.startswith("危險性機械及設備安全檢查規則第28條第1項")
    assert cert.apply_by < timezone.localdate() <= cert.valid_until
    with pytest.raises(ApplicationError) as error:
        services.machinery_certificate_record(establishment=inspection.establishment, kind="GONDOLA", serial="x",
                                              inspected_on=inspected, months=13, actor=inspector)
    assert error.value.field == "months"
    client.force_login(inspector)
    page = client.get(f"/staff/employers/{inspection.employer_id}/?purpose=勞動檢查").content.decode()
    assert "北市起字第1234號" in page and "應申請定期檢查" in page


def test_complaints_against_the_employer_raise_its_risk_and_turn_the_plan_to_labor_conditions():
    from laborbureau.core.services import EmployerInput
    from laborbureau.core.tests.factories import citizen
    from laborbureau.inspection.inspections import selectors
    from laborbureau.relations import services as relations_services

    establishment = site(industry="G", headcount=12)
    employer = establishment.employer
    complaint = relations_services.complaint_file(data=relations_services.ComplaintInput(
        employer=EmployerInput(name=employer.name, business_id=employer.business_id or ""),
        categories=["OVERTIME_PAY"], description="加班未給加班費。", still_employed=True), actor=citizen())
    assert complaint.employer_id == employer.pk
    _, facts = selectors.risk_facts(on=timezone.localdate())[establishment.pk]
    assert facts.complaints == 1 and facts.industry_section == "G" and facts.headcount == 12
    assert facts.accidents == 0  # until the accidents app offers its selector
    lio()  # an inspector to assign
    result = services.plan_generate(year=timezone.localdate().year, count=1, actor=lio(Role.SECTION_CHIEF))
    entry = result.created[0]
    assert entry.inspection_type == "LABOR_CONDITIONS"
    assert "complaints" in [r["code"] for r in entry.risk_reasons]
