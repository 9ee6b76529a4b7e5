"""Separation-certificate help and foreign-worker transfers through the services."""

from datetime import timedelta

import pytest
from django.utils import timezone

from laborbureau.cases import services as case_services
from laborbureau.cases.access import can_read_case
from laborbureau.cases.models import Case, SignOff
from laborbureau.core.errors import ApplicationError, Conflict, Forbidden
from laborbureau.core.models import Person
from laborbureau.core.services import EmployerInput, PersonInput
from laborbureau.core.tests.factories import EmployerFactory, PersonFactory, business_id, citizen, employer_user, staff
from laborbureau.documents.models import IssuedDocument
from laborbureau.employment.recruitment import services
from laborbureau.employment.recruitment.models import EmployerContact, SeparationCertificateRequest, WorkerTransfer
from laborbureau.employment.recruitment.tests.factories import (
    arc_number,
    chief,
    officer,
    separation_input,
    transfer_input,
)

pytestmark = pytest.mark.django_db

VERIFIED = {"verification": "LAYOFF_NOTICE", "verification_note": "雇主已於本月資遣通報（通報編號 115-0042）"}


# --- separation certificates ---------------------------------------------------------------


def test_worker_asks_the_officer_contacts_the_employer_and_the_chief_signs_the_certificate():
    worker = citizen(PersonFactory())
    counsellor, the_chief = officer(), chief()
    request = services.separation_request_file(data=separation_input(), actor=worker)
    case = request.case
    assert case.number.split("-")[1] == "SEP" and case.status == "REQUESTED"
    assert set(case.parties.values_list("role", flat=True)) == {"APPLICANT", "EMPLOYER"}
    # The employer (a party) sees its own case; another employer does not.
    assert can_read_case(employer_user(request.employer), case)
    assert not can_read_case(employer_user(EmployerFactory()), case)
    case_services.case_transition(case=case, name="take", actor=counsellor)
    with pytest.raises(ApplicationError) as error:  # no contact with the employer yet
        case_services.case_transition(case=case, name="propose_certificate", actor=counsellor, data=VERIFIED)
    assert "聯繫" in error.value.message_zh
    today = timezone.localdate()
    services.employer_contact_record(request=request, contacted_on=today, method="PHONE", result="REFUSED",
                                     note="負責人拒絕開立", actor=counsellor)
    with pytest.raises(ApplicationError) as error:  # the verification is required
        case_services.case_transition(case=case, name="propose_certificate", actor=counsellor)
    assert error.value.field == "verification"
    case_services.case_transition(case=case, name="propose_certificate", actor=counsellor, data=VERIFIED)
    case_services.signoff_decide(signoff=SignOff.objects.get(case=case), actor=the_chief, approve=True)
    request = SeparationCertificateRequest.objects.select_related("case").get(pk=request.pk)
    assert request.case.status == "ISSUED"
    document = IssuedDocument.objects.get(code=request.certificate_code)
    assert document.title == "離職證明書（協助開立）"
    assert document.person_id == worker.person_id
    assert request.verification == "LAYOFF_NOTICE"


def test_an_employer_agreeing_to_issue_blocks_the_service_certificate():
    counsellor = officer()
    request = services.separation_request_file(data=separation_input(), actor=citizen(PersonFactory()))
    case_services.case_transition(case=request.case, name="take", actor=counsellor)
    services.employer_contact_record(request=request, contacted_on=timezone.localdate(), method="PHONE",
                                     result="WILL_ISSUE", actor=counsellor)
    with pytest.raises(ApplicationError) as error:
        case_services.case_transition(case=request.case, name="propose_certificate", actor=counsellor, data=VERIFIED)
    assert "同意開立" in error.value.message_zh
    case_services.case_transition(case=request.case, name="employer_issued", actor=counsellor)
    assert Case.objects.get(pk=request.case_id).status == "RESOLVED"


def test_separation_input_errors_write_nothing():
    worker = citizen(PersonFactory())
    today = timezone.localdate()
    for overrides, field in (
        ({"ground": "BAD"}, "ground"),
        ({"employed_from": today, "separated_on": today - timedelta(days=1)}, "employed_from"),
        ({"separated_on": today + timedelta(days=1)}, "separated_on"),
        ({"ground_detail": "  "}, "ground_detail"),
    ):
        with pytest.raises(ApplicationError) as error:
            services.separation_request_file(data=separation_input(**overrides), actor=worker)
        assert error.value.field == field
    assert SeparationCertificateRequest.objects.count() == 0 and Case.objects.count() == 0
    with pytest.raises(Forbidden):
        services.separation_request_file(data=separation_input(), actor=employer_user())


def test_counter_request_and_duplicate():
    counsellor = officer()
    worker = PersonInput(id_number="A123456789", name="林小華")
    request = services.separation_request_file(data=separation_input(worker=worker, channel="counter"),
                                               actor=counsellor)
    assert request.case.channel == "counter"
    same_employer = EmployerInput(name=request.employer.name, business_id=request.employer.business_id)
    with pytest.raises(Conflict):
        services.separation_request_file(
            data=separation_input(worker=worker, channel="counter", employer=same_employer), actor=counsellor)
    assert SeparationCertificateRequest.objects.count() == 1


def test_contact_needs_the_case_taken_and_a_sane_day():
    counsellor = officer()
    request = services.separation_request_file(data=separation_input(), actor=citizen(PersonFactory()))
    with pytest.raises(Conflict):
        services.employer_contact_record(request=request, contacted_on=timezone.localdate(), method="PHONE",
                                         result="REFUSED", actor=counsellor)
    case_services.case_transition(case=request.case, name="take", actor=counsellor)
    with pytest.raises(ApplicationError) as error:
        services.employer_contact_record(request=request, contacted_on=timezone.localdate() + timedelta(days=1),
                                         method="PHONE", result="REFUSED", actor=counsellor)
    assert error.value.field == "contacted_on"
    with pytest.raises(ApplicationError) as error:
        services.employer_contact_record(request=request, contacted_on=timezone.localdate(), method="FAX",
                                         result="REFUSED", actor=counsellor)
    assert error.value.field == "method"
    assert EmployerContact.objects.count() == 0


# --- transfers -----------------------------------------------------------------------------


def test_transfer_register_extend_and_take_over():
    counsellor = officer()
    transfer = services.worker_transfer_open(data=transfer_input(), actor=counsellor)
    case = transfer.case
    served = transfer.permit_served_on
    assert case.number.split("-")[1] == "FWT"
    assert Case.objects.get(pk=case.pk).due_date == served + timedelta(days=14)
    assert transfer.worker.id_kind == "arc_new"
    today = timezone.localdate()
    transfer = services.worker_transfer_register(transfer=transfer, registered_on=today, actor=counsellor)
    assert transfer.case.status == "SEEKING"
    assert Case.objects.get(pk=case.pk).due_date == today + timedelta(days=60)
    transfer = services.worker_transfer_extend(transfer=transfer, reason="原雇主申請延長", actor=counsellor)
    assert Case.objects.get(pk=case.pk).due_date == today + timedelta(days=120)
    with pytest.raises(Conflict):  # once only: the state no longer allows it
        services.worker_transfer_extend(transfer=WorkerTransfer.objects.get(pk=transfer.pk), reason="再延長",
                                        actor=counsellor)
    new_id = business_id()
    case_services.case_transition(case=case, name="take_over", actor=counsellor, data={
        "new_employer_name": "新北精密股份有限公司", "new_employer_business_id": new_id, "agreed_on": today,
    })
    transfer = WorkerTransfer.objects.select_related("case", "new_employer").get(pk=transfer.pk)
    assert transfer.case.status == "TAKEN_OVER"
    assert transfer.new_employer.business_id == new_id
    assert transfer.case.parties.filter(role="EMPLOYER").count() == 2
    assert IssuedDocument.objects.filter(case=transfer.case, title="接續聘僱證明書").count() == 1
    # The new employer sees the case on the portal.
    assert can_read_case(employer_user(transfer.new_employer), transfer.case)


def test_transfer_refusals_write_nothing():
    counsellor = officer()
    with pytest.raises(ApplicationError) as error:
        services.worker_transfer_open(
            data=transfer_input(worker=PersonInput(id_number="A123456789", name="王")), actor=counsellor)
    assert error.value.field == "worker.id_number"
    with pytest.raises(ApplicationError) as error:
        services.worker_transfer_open(
            data=transfer_input(worker=PersonInput(id_number="A800000000", name="X")), actor=counsellor)
    assert error.value.field == "worker.id_number"
    with pytest.raises(ApplicationError) as error:
        services.worker_transfer_open(data=transfer_input(nationality="VN"), actor=counsellor)
    assert error.value.field == "nationality"
    with pytest.raises(ApplicationError) as error:
        services.worker_transfer_open(
            data=transfer_input(permit_served_on=timezone.localdate() + timedelta(days=1)), actor=counsellor)
    assert error.value.field == "permit_served_on"
    with pytest.raises(Forbidden):
        services.worker_transfer_open(data=transfer_input(), actor=staff("CASE_OFFICER", "LS"))
    assert WorkerTransfer.objects.count() == 0 and Case.objects.count() == 0 and Person.objects.count() == 0


def test_take_over_by_the_original_employer_is_refused():
    counsellor = officer()
    transfer = services.worker_transfer_open(data=transfer_input(), actor=counsellor)
    services.worker_transfer_register(transfer=transfer, registered_on=timezone.localdate(), actor=counsellor)
    with pytest.raises(ApplicationError) as error:
        case_services.case_transition(case=transfer.case, name="take_over", actor=counsellor, data={
            "new_employer_name": "x", "new_employer_business_id": transfer.original_employer.business_id,
            "agreed_on": timezone.localdate(),
        })
    assert error.value.field == "new_employer_business_id"
    assert Case.objects.get(pk=transfer.case_id).status == "SEEKING"


def test_passport_worker_and_a_second_open_transfer():
    counsellor = officer()
    worker = PersonInput(id_number="C1234567", name="SITI AMINAH", id_kind="passport", passport_country="IDN")
    services.worker_transfer_open(data=transfer_input(worker=worker, nationality="IDN"), actor=counsellor)
    with pytest.raises(Conflict):
        services.worker_transfer_open(data=transfer_input(worker=worker, nationality="IDN"), actor=counsellor)
    assert arc_number(7654321) != arc_number()
