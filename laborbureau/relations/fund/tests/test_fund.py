"""The Labor Rights Fund end to end through the services and the workflow: apply,
review with sign-off (chief; director above the threshold), grant letter, court
milestones, payments within the grant, final judgment and reimbursement."""

from datetime import timedelta

import pytest
from django.utils import timezone

from laborbureau.cases import services as case_services
from laborbureau.cases.models import Case, SignOff
from laborbureau.core.errors import ApplicationError, Conflict, Forbidden
from laborbureau.core.models import Role
from laborbureau.core.services import EmployerInput
from laborbureau.core.tests.factories import business_id, citizen, employer_user, staff
from laborbureau.documents.models import IssuedDocument
from laborbureau.relations.fund import services
from laborbureau.relations.fund.models import CourtMilestone, FundApplication, FundPayment
from laborbureau.rules import working_days

pytestmark = pytest.mark.django_db


def application_input(**overrides) -> services.ApplicationInput:
    values = {
        "employer": EmployerInput(name="信義餐飲有限公司", business_id=business_id()),
        "dispute_kind": "TERMINATION_WAGES", "stage": "FIRST",
        "requested": {"COURT_FEE": 12_000, "ATTORNEY_FEE": 50_000},
        "mediation_reference": "北市勞資字第1150001234號",
    }
    values.update(overrides)
    return services.ApplicationInput(**values)


@pytest.fixture
def worker():
    return citizen()


@pytest.fixture
def lr():
    return {
        "officer": staff(Role.CASE_OFFICER, "LR"),
        "chief": staff(Role.SECTION_CHIEF, "LR"),
        "director": staff(Role.DIRECTOR, "ADM"),
    }


def fire(case, name, actor, **data):
    return case_services.case_transition(case=Case.objects.get(pk=case.pk), name=name, actor=actor, data=data)


def approve_all(case, *users):
    for user in users:
        signoff = SignOff.objects.get(case=case, status="PENDING")
        case_services.signoff_decide(signoff=signoff, actor=user, approve=True)


def test_a_citizen_applies_and_gets_a_case_with_the_two_month_limit(worker):
    application = services.application_file(data=application_input(), actor=worker)
    case = application.case
    assert case.number.endswith("-LRF-000001")
    assert (case.status, case.unit.code) == ("SUBMITTED", "LR")
    assert case.due_date == working_days.deadline(timezone.localdate(), 60, "calendar")
    assert sorted((i.item, i.requested) for i in application.items.all()) == [("ATTORNEY_FEE", 50_000),
                                                                              ("COURT_FEE", 12_000)]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"requested": {}}, "requested"),
        ({"requested": {"GIFT": 5}}, "requested"),
        ({"requested": {"COURT_FEE": -1}}, "requested.COURT_FEE"),
        ({"mediation_reference": ""}, "mediation_reference"),
        ({"stage": "FOURTH"}, "stage"),
        ({"requested": {"LIVING": 30_000}}, "living_months"),
        ({"employer": EmployerInput(name="某公司", business_id="12345678")}, "employer.business_id"),
        ({"mediation_case_number": "115-DSP-999999"}, "mediation_case_number"),
    ],
)
def test_refusals_name_the_field_and_write_nothing(worker, overrides, field):
    with pytest.raises(ApplicationError) as error:
        services.application_file(data=application_input(**overrides), actor=worker)
    assert error.value.field == field
    assert Case.objects.count() == 0
    assert FundApplication.objects.count() == 0


def test_a_second_instance_needs_no_mediation_record_and_a_duplicate_is_refused(worker):
    services.application_file(data=application_input(stage="SECOND", mediation_reference=""), actor=worker)
    first = FundApplication.objects.get()
    with pytest.raises(ApplicationError) as error:
        services.application_file(
            data=application_input(stage="SECOND", employer=EmployerInput(name=first.employer.name,
                                                                          business_id=first.employer.business_id)),
            actor=worker,
        )
    assert error.value.code == "duplicate"
    assert FundApplication.objects.count() == 1


def test_employers_cannot_apply():
    with pytest.raises(Forbidden):
        services.application_file(data=application_input(), actor=employer_user())


def test_the_whole_way_from_grant_to_reimbursement(worker, lr):
    officer, chief, director = lr["officer"], lr["chief"], lr["director"]
    application = services.application_file(
        data=application_input(requested={"COURT_FEE": 12_000, "ATTORNEY_FEE": 50_000, "LIVING": 90_000},
                               living_months=3),
        actor=worker,
    )
    case = application.case
    fire(case, "accept", officer)
    with pytest.raises(ApplicationError):  # attorney fees above the NT$40,000 cap
        fire(case, "propose_grant", officer, means_confirmed="yes", court_fee="12000", attorney_fee="50000",
             reason="符合資格")
    assert Case.objects.get(pk=case.pk).status == "UNDER_REVIEW"
    assert not SignOff.objects.exists()
    fire(case, "propose_grant", officer, means_confirmed="yes", court_fee="12000", attorney_fee="40000",
         living_months="3", living_allowance="60000", reason="符合資格；生活費用以3個月計")
    signoff = SignOff.objects.get(case=case)
    assert signoff.chain == ["SECTION_CHIEF", "DIRECTOR"]  # NT$112,000 is above the threshold
    approve_all(case, chief, director)
    case.refresh_from_db()
    application.refresh_from_db()
    assert (case.status, application.grant_total) == ("GRANTED", 112_000)
    letter = IssuedDocument.objects.get(case=case)
    assert letter.title == "勞工權益基金補助核定通知書"
    assert letter.person == worker.person and letter.visible_to_parties

    services.milestone_record(application=application, actor=officer, stage="FIRST", kind="FILED",
                              on=timezone.localdate(), court="臺灣臺北地方法院", docket="115年度勞訴字第12號")
    services.milestone_record(application=application, actor=officer, stage="FIRST", kind="HEARING",
                              on=timezone.localdate() + timedelta(days=30))
    assert FundApplication.objects.get(pk=application.pk).docket == "115年度勞訴字第12號"
    services.payment_record(application=application, actor=officer, item="ATTORNEY_FEE", amount=40_000,
                            paid_on=timezone.localdate())
    services.payment_record(application=application, actor=officer, item="LIVING", amount=60_000,
                            paid_on=timezone.localdate())
    with pytest.raises(ApplicationError) as error:
        services.payment_record(application=application, actor=officer, item="LIVING", amount=1,
                                paid_on=timezone.localdate())
    assert error.value.field == "amount"
    assert FundPayment.objects.count() == 2

    fire(case, "record_final_judgment", officer, outcome="WON", final_on=timezone.localdate().isoformat(),
         awarded_amount="300000")
    application.refresh_from_db()
    assert application.reimbursement_due == 60_000
    with pytest.raises(ApplicationError):
        fire(case, "close", officer)
    fire(case, "require_reimbursement", officer)
    assert IssuedDocument.objects.filter(case=case, title="勞工權益基金補助返還通知書").exists()
    with pytest.raises(ApplicationError):
        fire(case, "close_reimbursed", officer)
    services.reimbursement_record(application=application, actor=officer, amount=60_000,
                                  received_on=timezone.localdate())
    case = fire(case, "close_reimbursed", officer)
    assert case.status == "CLOSED"
    assert CourtMilestone.objects.filter(application=application).count() == 2
    assert "撥付律師費" in "".join(case.timeline.filter(visible_to_parties=True).values_list("text", flat=True))


def test_a_small_grant_needs_only_the_chief_and_a_lost_case_closes(worker, lr):
    application = services.application_file(data=application_input(), actor=worker)
    case = application.case
    fire(case, "accept", lr["officer"])
    fire(case, "propose_grant", lr["officer"], means_confirmed="yes", court_fee="12000", attorney_fee="40000",
         reason="符合")
    assert SignOff.objects.get(case=case).chain == ["SECTION_CHIEF"]
    approve_all(case, lr["chief"])
    fire(case, "record_final_judgment", lr["officer"], outcome="LOST", final_on=timezone.localdate().isoformat())
    assert fire(case, "close", lr["officer"]).status == "CLOSED"


def test_refusal_with_the_means_test_and_a_letter(worker, lr):
    application = services.application_file(data=application_input(annual_income=2_400_000), actor=worker)
    case = application.case
    fire(case, "accept", lr["officer"])
    with pytest.raises(ApplicationError):  # a grant is refused for someone with means
        fire(case, "propose_grant", lr["officer"], means_confirmed="no", court_fee="12000", reason="x")
    fire(case, "propose_refusal", lr["officer"], means_confirmed="no", reason="經審查所得及財產，屬有資力者。")
    approve_all(case, lr["chief"])
    case.refresh_from_db()
    assert case.status == "REFUSED"
    assert IssuedDocument.objects.get(case=case).title == "勞工權益基金不予補助通知書"
    assert FundApplication.objects.get(pk=application.pk).means_confirmed is False


def test_payments_and_milestones_need_a_grant_and_the_unit(worker, lr):
    application = services.application_file(data=application_input(), actor=worker)
    with pytest.raises(Conflict):
        services.payment_record(application=application, actor=lr["officer"], item="COURT_FEE", amount=1,
                                paid_on=timezone.localdate())
    with pytest.raises(Forbidden):
        services.milestone_record(application=application, actor=staff(Role.CASE_OFFICER, "LS"), stage="FIRST",
                                  kind="FILED", on=timezone.localdate())
    assert CourtMilestone.objects.count() == 0


def test_the_applicant_withdraws_and_supplies_documents(worker, lr):
    application = services.application_file(data=application_input(), actor=worker)
    case = application.case
    fire(case, "accept", lr["officer"])
    fire(case, "request_documents", lr["officer"], note="請補最近一年所得清單")
    assert [t.name for t in case_services.transitions_available(worker, Case.objects.get(pk=case.pk))] == [
        "documents_supplied", "withdraw"]
    fire(case, "documents_supplied", worker, note="已上傳")
    assert fire(case, "withdraw", worker, reason="已和解").status == "WITHDRAWN"


def test_a_linked_mediation_must_be_the_applicants_and_have_failed(worker):
    from laborbureau.relations.mediation import services as mediation_services

    dispute = mediation_services.dispute_file(data=mediation_services.DisputeInput(
        applicant_kind="WORKER", procedure="mediator",
        employer=EmployerInput(name="信義餐飲有限公司", business_id=business_id()),
        claims=[mediation_services.ClaimInput(claim_type="SEVERANCE", amount=120_000)],
        description="公司未給資遣費。",
    ), actor=worker)
    number = dispute.case.number
    with pytest.raises(ApplicationError) as error:  # still open
        services.application_file(data=application_input(mediation_case_number=number), actor=worker)
    assert (error.value.field, "尚未調解不成立" in error.value.message_zh) == ("mediation_case_number", True)
    with pytest.raises(ApplicationError) as error:  # another citizen's mediation is invisible to them
        services.application_file(data=application_input(mediation_case_number=number), actor=citizen())
    assert "查無" in error.value.message_zh
    assert FundApplication.objects.count() == 0
    # Test set-up only: the outcome as the mediation workflow would have recorded it.
    Case.objects.filter(pk=dispute.case.pk).update(status="NOT_SETTLED")
    application = services.application_file(
        data=application_input(mediation_case_number=number, mediation_reference=""), actor=worker)
    assert application.mediation_case.number == number
