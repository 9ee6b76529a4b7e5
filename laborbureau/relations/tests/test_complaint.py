"""The labor-standards complaint, end to end through the services: filing, the
workflow, the fine with sign-off, and what the complainant is told."""

from datetime import timedelta

import pytest
from django.utils import timezone

from laborbureau.cases import services as case_services
from laborbureau.cases.models import Case, SignOff, TimelineEntry
from laborbureau.core.errors import ApplicationError, Forbidden
from laborbureau.core.models import Employer, Person, Role
from laborbureau.core.services import EmployerInput, PersonInput
from laborbureau.core.tests.factories import EmployerFactory, business_id, citizen, employer_user, national_id, staff
from laborbureau.documents.models import IssuedDocument
from laborbureau.fines.models import Fine
from laborbureau.notify.models import OutboxMessage
from laborbureau.relations import services
from laborbureau.relations.models import LaborStandardsComplaint
from laborbureau.rules import roc_calendar, working_days

pytestmark = pytest.mark.django_db


def complaint_input(**overrides) -> services.ComplaintInput:
    values = {
        "employer": EmployerInput(name="信義餐飲有限公司", business_id=business_id(), address="臺北市信義區松仁路100號"),
        "categories": ["OVERTIME_PAY", "UNPAID_WAGES"],
        "description": "113年9月起每月加班約40小時，公司未給加班費。",
        "still_employed": True,
    }
    values.update(overrides)
    return services.ComplaintInput(**values)


@pytest.fixture
def worker():
    return citizen()


@pytest.fixture
def officer():
    return staff(Role.CASE_OFFICER, "LS")


def test_a_citizen_files_a_complaint_and_gets_a_case_number_and_the_60_day_limit(worker):
    complaint = services.complaint_file(data=complaint_input(), actor=worker)

    case = complaint.case
    roc_year = roc_calendar.to_roc(timezone.localdate())[0]
    assert case.number == f"{roc_year}-LSC-000001"
    assert case.status == "SUBMITTED"
    assert case.unit.code == "LS"
    assert case.channel == "portal"
    assert case.due_date == working_days.deadline(timezone.localdate(), 60, "calendar")
    assert complaint.complainant == worker.person
    assert sorted(p.role for p in case.parties.all()) == ["COMPLAINANT", "RESPONDENT"]
    assert list(case.timeline.values_list("kind", flat=True)) == ["opened"]


def test_an_invalid_business_id_is_refused_on_its_field_and_nothing_is_saved(worker):
    with pytest.raises(ApplicationError) as error:
        services.complaint_file(
            data=complaint_input(employer=EmployerInput(name="某公司", business_id="12345678")), actor=worker
        )
    assert error.value.field == "employer.business_id"
    assert Case.objects.count() == 0
    assert Employer.objects.count() == 0


def test_an_employer_without_a_business_id_is_still_accepted(worker):
    complaint = services.complaint_file(
        data=complaint_input(employer=EmployerInput(name="巷口小吃店", address="臺北市萬華區")), actor=worker
    )
    assert complaint.employer.business_id is None


def test_a_second_open_complaint_against_the_same_employer_is_refused_with_the_case_number(worker):
    bid = business_id()
    first = services.complaint_file(data=complaint_input(employer=EmployerInput(name="甲公司", business_id=bid)), actor=worker)
    with pytest.raises(ApplicationError) as error:
        services.complaint_file(data=complaint_input(employer=EmployerInput(name="甲公司", business_id=bid)), actor=worker)
    assert first.case.number in error.value.message_zh
    assert Case.objects.count() == 1


def test_no_subject_chosen_is_refused(worker):
    with pytest.raises(ApplicationError) as error:
        services.complaint_file(data=complaint_input(categories=[]), actor=worker)
    assert error.value.field == "categories"


def test_an_officer_records_a_phone_complaint_and_the_person_is_registered_once(officer):
    person_id = national_id(2)
    data = complaint_input(
        channel="phone", complainant=PersonInput(id_number=person_id.lower(), name="林美華", phone="0922000111")
    )
    complaint = services.complaint_file(data=data, actor=officer)
    assert complaint.complainant.id_number == person_id
    assert complaint.complainant.sex == "F"
    assert complaint.case.created_by == officer
    assert Person.objects.filter(id_number=person_id).count() == 1


def test_a_phone_complaint_with_a_bad_id_names_the_complainant_field(officer):
    data = complaint_input(channel="phone", complainant=PersonInput(id_number="A123456788", name="林美華"))
    with pytest.raises(ApplicationError) as error:
        services.complaint_file(data=data, actor=officer)
    assert error.value.field == "complainant.id_number"
    assert Case.objects.count() == 0


def test_an_officer_of_another_unit_cannot_record_one():
    other = staff(Role.CASE_OFFICER, "ES")
    data = complaint_input(channel="phone", complainant=PersonInput(id_number=national_id(), name="林美華"))
    with pytest.raises(Forbidden):
        services.complaint_file(data=data, actor=other)
    assert Case.objects.count() == 0


def test_the_whole_way_to_a_fine_with_sign_off_and_the_complainant_told_at_each_step(worker, officer):
    chief = staff(Role.SECTION_CHIEF, "LS")
    director = staff(Role.DIRECTOR, "ADM")
    complaint = services.complaint_file(data=complaint_input(), actor=worker)
    case = complaint.case

    case = case_services.case_transition(case=case, name="accept", actor=officer)
    assert case.status == "INVESTIGATING"
    assert case.assignee == officer
    case = case_services.case_transition(
        case=case, name="record_findings", actor=officer,
        data={"findings": "出勤紀錄顯示延長工時未給付加班費。", "violation_found": "yes"},
    )
    violation_day = (timezone.localdate() - timedelta(days=30)).isoformat()

    with pytest.raises(ApplicationError) as error:  # below the article's minimum
        case_services.case_transition(
            case=case, name="propose_fine", actor=officer,
            data={"violated_article": "24", "fine_article": "LSA|第79條第1項", "violation_date": violation_day, "amount": "1000"},
        )
    assert error.value.field == "amount"
    assert Case.objects.get(pk=case.pk).status == "FINDINGS_RECORDED"
    assert not SignOff.objects.exists()

    case = case_services.case_transition(
        case=case, name="propose_fine", actor=officer,
        data={"violated_article": "24", "fine_article": "LSA|第79條第1項", "violation_date": violation_day, "amount": "20000"},
    )
    assert case.status == "FINE_PENDING_APPROVAL"
    signoff = SignOff.objects.get(case=case)
    assert signoff.chain == ["SECTION_CHIEF", "DIRECTOR"]

    case_services.signoff_decide(signoff=signoff, actor=chief, approve=True)
    assert Case.objects.get(pk=case.pk).status == "FINE_PENDING_APPROVAL"
    case_services.signoff_decide(signoff=SignOff.objects.get(pk=signoff.pk), actor=director, approve=True)

    case = Case.objects.get(pk=case.pk)
    complaint.refresh_from_db()
    assert case.status == "FINED"
    assert complaint.fine_number
    case = case_services.case_transition(
        case=case, name="close_after_fine", actor=officer,
        data={"outcome_summary": "經查違反勞動基準法第24條，已依第79條裁處罰鍰。"},
    )
    assert case.status == "CLOSED"
    assert case.closed_at is not None
    assert case.due_date is None
    fine = Fine.objects.get()
    assert (fine.amount, fine.violated_article, fine.employer) == (20000, "第24條", complaint.employer)
    letter = IssuedDocument.objects.get(case=case)
    assert letter.title == "勞動條件申訴處理結果通知書"  # public on the verification page: names nobody
    assert letter.person == worker.person
    assert letter.visible_to_parties

    told = OutboxMessage.objects.filter(recipient=worker, channel="in_app").order_by("id")
    assert [m.subject_zh.split("：")[-1] for m in told] == ["調查中", "已依法裁處", "已結案"]


def test_a_return_sends_the_fine_back_to_the_findings_with_the_reason(worker, officer):
    chief = staff(Role.SECTION_CHIEF, "LS")
    case = services.complaint_file(data=complaint_input(), actor=worker).case
    case_services.case_transition(case=case, name="accept", actor=officer)
    case_services.case_transition(
        case=case, name="record_findings", actor=officer, data={"findings": "違法", "violation_found": "yes"}
    )
    case_services.case_transition(
        case=case, name="propose_fine", actor=officer,
        data={"violated_article": "24", "fine_article": "LSA|第79條第1項", "violation_date": timezone.localdate().isoformat(), "amount": "50000"},
    )
    signoff = SignOff.objects.get(case=case)
    with pytest.raises(ApplicationError):
        case_services.signoff_decide(signoff=signoff, actor=chief, approve=False, comment="")
    case_services.signoff_decide(signoff=signoff, actor=chief, approve=False, comment="金額請依裁罰基準重新計算")
    case.refresh_from_db()
    assert case.status == "FINDINGS_RECORDED"
    assert TimelineEntry.objects.filter(case=case, kind="signoff", text__contains="重新計算").exists()


def test_a_fine_cannot_be_proposed_when_no_violation_was_found(worker, officer):
    case = services.complaint_file(data=complaint_input(), actor=worker).case
    case_services.case_transition(case=case, name="accept", actor=officer)
    case_services.case_transition(
        case=case, name="record_findings", actor=officer, data={"findings": "查無違法", "violation_found": "no"}
    )
    with pytest.raises(ApplicationError):
        case_services.case_transition(
            case=case, name="propose_fine", actor=officer,
            data={"violated_article": "24", "fine_article": "LSA|第79條第1項", "violation_date": timezone.localdate().isoformat(), "amount": "20000"},
        )
    assert Case.objects.get(pk=case.pk).status == "FINDINGS_RECORDED"


def test_the_complainant_may_withdraw_but_not_investigate(worker, officer):
    case = services.complaint_file(data=complaint_input(), actor=worker).case
    names = [t.name for t in case_services.transitions_available(worker, case)]
    assert names == ["withdraw"]
    with pytest.raises(Forbidden):
        case_services.case_transition(case=case, name="accept", actor=worker)
    case = case_services.case_transition(case=case, name="withdraw", actor=worker, data={"reason": "已和解"})
    assert case.status == "WITHDRAWN"


def test_the_employer_named_in_a_complaint_never_sees_it_on_the_portal(worker):
    employer = EmployerFactory()
    account = employer_user(employer)
    services.complaint_file(
        data=complaint_input(employer=EmployerInput(name=employer.name, business_id=employer.business_id)), actor=worker
    )
    from laborbureau.cases.access import cases_readable_by

    assert cases_readable_by(account).count() == 0
    assert cases_readable_by(worker).count() == 1
    assert LaborStandardsComplaint.objects.get().employer == employer
