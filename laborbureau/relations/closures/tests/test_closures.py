"""Closure determinations through the services: applying, a second worker joining the
open case, the visit and evidence, the finding with the chief's sign-off, the letter
and the applicants told; refusals write nothing."""

from datetime import timedelta

import pytest
from django.utils import timezone

from laborbureau.cases import services as case_services
from laborbureau.cases.models import Case, CaseParty, SignOff
from laborbureau.core.errors import ApplicationError, Forbidden
from laborbureau.core.models import Role
from laborbureau.core.services import EmployerInput, PersonInput
from laborbureau.core.tests.factories import EmployerFactory, citizen, employer_user, national_id, staff
from laborbureau.documents.models import IssuedDocument
from laborbureau.notify.models import OutboxMessage
from laborbureau.relations.closures import services
from laborbureau.relations.closures.models import ClosureApplicant, ClosureDetermination
from laborbureau.rules import working_days

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def apply_input(company, **overrides):
    values = {
        "employer": EmployerInput(name=company.name, business_id=company.business_id),
        "statement": "公司自上月起停止營業，負責人失聯，積欠兩個月工資。",
        "claimed_since": TODAY() - timedelta(days=40),
        "mediation_reference": "115-DSP-000012",
    }
    values.update(overrides)
    return services.ClosureApplyInput(**values)


@pytest.fixture
def lr_officer():
    return staff(Role.CASE_OFFICER, "LR")


@pytest.fixture
def lr_chief():
    return staff(Role.SECTION_CHIEF, "LR")


def test_a_worker_applies_and_a_second_worker_joins_the_same_case(lr_officer):
    employer = EmployerFactory()
    first_worker, second_worker = citizen(), citizen()
    record, joined = services.closure_apply(data=apply_input(employer), actor=first_worker)
    assert joined is False
    case = record.case
    assert (case.status, case.unit.code, case.number.split("-")[1]) == ("SUBMITTED", "LR", "CLD")
    assert case.due_date == working_days.deadline(TODAY(), 60, "calendar")
    case_services.case_transition(case=case, name="accept", actor=lr_officer)

    again, joined = services.closure_apply(data=apply_input(employer, statement="我也是被積欠工資的員工。"),
                                           actor=second_worker)
    assert (again.pk, joined) == (record.pk, True)
    assert Case.objects.count() == 1
    assert sorted(CaseParty.objects.filter(case=case, role="APPLICANT").values_list("person_id", flat=True)) == sorted(
        [first_worker.person_id, second_worker.person_id])
    assert OutboxMessage.objects.filter(recipient=lr_officer, subject_zh__contains="另有勞工加入").count() == 1


def test_the_same_worker_twice_is_refused_with_the_number_and_nothing_is_added():
    employer, worker = EmployerFactory(), citizen()
    record, _ = services.closure_apply(data=apply_input(employer), actor=worker)
    with pytest.raises(ApplicationError) as error:
        services.closure_apply(data=apply_input(employer), actor=worker)
    assert record.case.number in error.value.message_zh
    assert ClosureApplicant.objects.count() == 1


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"statement": " "}, "statement"),
        ({"claimed_since": timedelta(days=1)}, "claimed_since"),  # days after today, counted when the test runs
        ({"employer": EmployerInput(name="某公司", business_id="12345678")}, "employer.business_id"),
        ({"employer": EmployerInput(name="")}, "employer.name"),
    ],
)
def test_bad_applications_are_refused_on_their_field_and_nothing_is_saved(change, field):
    # A date is counted from today when the test runs, not when it was collected (a run
    # crossing midnight in Taipei saw "tomorrow" become today).
    change = {name: TODAY() + value if isinstance(value, timedelta) else value for name, value in change.items()}
    with pytest.raises(ApplicationError) as error:
        services.closure_apply(data=apply_input(EmployerFactory(), **change), actor=citizen())
    assert error.value.field == field
    assert not Case.objects.exists()
    assert not ClosureDetermination.objects.exists()


def test_employers_and_other_units_cannot_apply(lr_officer):
    employer = EmployerFactory()
    with pytest.raises(Forbidden):
        services.closure_apply(data=apply_input(employer), actor=employer_user(employer))
    with pytest.raises(Forbidden):
        services.closure_apply(
            data=apply_input(employer, applicant=PersonInput(id_number=national_id(), name="林美華")),
            actor=staff(Role.CASE_OFFICER, "LS"),
        )
    assert not Case.objects.exists()


def test_an_officer_records_an_application_and_a_bad_id_names_the_applicant_field(lr_officer):
    employer = EmployerFactory()
    with pytest.raises(ApplicationError) as error:
        services.closure_apply(
            data=apply_input(employer, channel="counter", applicant=PersonInput(id_number="A123456788", name="林美華")),
            actor=lr_officer,
        )
    assert error.value.field == "applicant.id_number"
    record, _ = services.closure_apply(
        data=apply_input(employer, channel="counter", applicant=PersonInput(id_number=national_id(2), name="林美華")),
        actor=lr_officer,
    )
    assert record.case.channel == "counter"


def test_from_visit_to_the_signed_off_letter(lr_officer, lr_chief):
    employer = EmployerFactory()
    workers = [citizen(), citizen()]
    record, _ = services.closure_apply(data=apply_input(employer), actor=workers[0])
    services.closure_apply(data=apply_input(employer), actor=workers[1])
    case = case_services.case_transition(case=record.case, name="accept", actor=lr_officer)
    with pytest.raises(ApplicationError):  # nothing gathered yet
        case_services.case_transition(case=case, name="propose_determination", actor=lr_officer,
                                      data={"outcome": "CEASED", "closed_since": TODAY().isoformat(), "reasons": "x"})
    case = case_services.case_transition(case=case, name="record_visit", actor=lr_officer, data={
        "visit_date": TODAY().isoformat(), "findings": "大門深鎖，招牌已拆除，無人員出入。"})
    case = case_services.case_transition(case=case, name="record_evidence", actor=lr_officer, data={
        "kind": "TAX", "observed_on": TODAY().isoformat(), "note": "稅籍登記為停業。", "supports_closure": "yes"})
    with pytest.raises(ApplicationError):  # a positive finding needs the day
        case_services.case_transition(case=case, name="propose_determination", actor=lr_officer,
                                      data={"outcome": "CEASED", "reasons": "停業"})
    since = TODAY() - timedelta(days=35)
    case = case_services.case_transition(case=case, name="propose_determination", actor=lr_officer, data={
        "outcome": "CEASED", "closed_since": since.isoformat(), "reasons": "現場無營運，稅籍停業。"})
    assert case.status == "PENDING_APPROVAL"
    assert not IssuedDocument.objects.exists()
    case_services.signoff_decide(signoff=SignOff.objects.get(case=case), actor=lr_chief, approve=True)
    case.refresh_from_db()
    record.refresh_from_db()
    assert case.status == "DETERMINED"
    assert (record.outcome, record.closed_since) == ("CEASED", since)
    letter = IssuedDocument.objects.get(case=case)
    assert (letter.title, letter.kind, letter.visible_to_parties) == ("事業單位歇業事實認定函", "certificate", True)
    for worker in workers:
        assert OutboxMessage.objects.filter(recipient=worker, case_id=case.pk, channel="in_app",
                                            subject_zh__endswith="已發認定函").count() == 1


def test_a_returned_finding_goes_back_to_the_investigation(lr_officer, lr_chief):
    record, _ = services.closure_apply(data=apply_input(EmployerFactory()), actor=citizen())
    case = case_services.case_transition(case=record.case, name="accept", actor=lr_officer)
    case_services.case_transition(case=case, name="record_visit", actor=lr_officer,
                                  data={"visit_date": TODAY().isoformat(), "findings": "仍有員工上班。"})
    case_services.case_transition(case=case, name="propose_determination", actor=lr_officer,
                                  data={"outcome": "NOT_CLOSED", "reasons": "仍在營運。"})
    case_services.signoff_decide(signoff=SignOff.objects.get(case=case), actor=lr_chief, approve=False,
                                 comment="請補查水電使用情形")
    case.refresh_from_db()
    assert case.status == "INVESTIGATING"
    assert not IssuedDocument.objects.exists()


def test_one_of_two_applicants_cannot_withdraw_for_both():
    employer = EmployerFactory()
    first, second = citizen(), citizen()
    record, _ = services.closure_apply(data=apply_input(employer), actor=first)
    services.closure_apply(data=apply_input(employer), actor=second)
    with pytest.raises(ApplicationError):
        case_services.case_transition(case=record.case, name="withdraw", actor=first, data={})
    assert Case.objects.get(pk=record.case.pk).status == "SUBMITTED"
