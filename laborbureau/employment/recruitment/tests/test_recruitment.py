"""Domestic recruitment through the services: registration as a job-bank vacancy, the
statutory period, referral outcomes with reasons, the officer's judgement, and the
certificate (求才證明書) or its refusal through the sign-off."""

from datetime import timedelta

import pytest
from django.utils import timezone

from laborbureau.cases import services as case_services
from laborbureau.cases.models import Case, SignOff
from laborbureau.core.errors import ApplicationError, Conflict, NotFound
from laborbureau.core.tests.factories import EmployerFactory, employer_user, staff
from laborbureau.documents.models import IssuedDocument
from laborbureau.employment.models import ReferralOutcome, Vacancy, VacancyStatus
from laborbureau.employment.recruitment import selectors, services
from laborbureau.employment.recruitment.models import DomesticRecruitment, Judgement, RecruitmentReferralOutcome
from laborbureau.employment.recruitment.tests.factories import (
    backdate,
    chief,
    officer,
    recruitment_input,
    refer,
    registered,
)

pytestmark = pytest.mark.django_db


def test_employer_registers_a_published_vacancy_and_a_case():
    employer = EmployerFactory()
    account = employer_user(employer)
    recruitment = registered(account)
    today = timezone.localdate()
    assert recruitment.case.number.split("-")[1] == "DRC"
    assert recruitment.case.status == "RECRUITING"
    assert recruitment.case.unit.code == "ESO"
    assert recruitment.employer == employer
    assert recruitment.vacancy.status == VacancyStatus.ACTIVE  # a real job-bank vacancy, public
    assert recruitment.vacancy.openings == 3
    assert recruitment.registered_on == today
    period = selectors.recruitment_period(recruitment)
    assert period.first_day == today + timedelta(days=2)
    assert period.last_day == today + timedelta(days=8)
    assert list(recruitment.case.parties.values_list("role", "employer_id")) == [("EMPLOYER", employer.pk)]


def test_closing_date_must_cover_the_period_and_nothing_is_saved():
    account = employer_user(EmployerFactory())
    today = timezone.localdate()
    with pytest.raises(ApplicationError) as error:
        registered(account, vacancy={"closing_date": today + timedelta(days=7)})
    assert error.value.field == "closing_date"
    assert (today + timedelta(days=8)).isoformat() in error.value.message_zh
    assert Vacancy.objects.count() == 0 and Case.objects.count() == 0


def test_home_care_and_bad_vacancy_refused_without_writes():
    account = employer_user(EmployerFactory())
    with pytest.raises(ApplicationError) as error:
        registered(account, work_category="HOME_CARE")
    assert error.value.field == "work_category"
    with pytest.raises(ApplicationError) as error:
        registered(account, vacancy={"pay_min": 100})
    assert error.value.field == "vacancy.pay_min"
    assert DomesticRecruitment.objects.count() == 0 and Vacancy.objects.count() == 0 and Case.objects.count() == 0


def test_citizen_and_other_units_may_not_register():
    from laborbureau.core.errors import Forbidden
    from laborbureau.core.tests.factories import citizen

    with pytest.raises(Forbidden):
        services.domestic_recruitment_register(data=recruitment_input(), actor=citizen())
    with pytest.raises(Forbidden):
        services.domestic_recruitment_register(data=recruitment_input(), actor=staff("CASE_OFFICER", "LS"))
    assert Case.objects.count() == 0


def test_the_certificate_waits_for_the_period_and_the_outcomes():
    counsellor = officer()
    recruitment = registered()
    refer(recruitment, counsellor)
    with pytest.raises(ApplicationError) as error:
        case_services.case_transition(case=recruitment.case, name="propose_certificate", actor=counsellor)
    assert "尚未期滿" in error.value.message_zh
    backdate(recruitment, 10)
    recruitment.refresh_from_db()
    with pytest.raises(ApplicationError) as error:
        case_services.case_transition(case=recruitment.case, name="propose_certificate", actor=counsellor)
    assert "未登錄結果" in error.value.message_zh
    assert SignOff.objects.count() == 0


def test_acceptance_employer_goes_through_domestic_recruitment_to_a_certificate():
    """An employer registers; the service refers three local job seekers; the employer
    hires one and refuses two (one did not come, one lacked a stated licence); the
    officer finds both reasons proper; after the period the chief approves the
    certificate for the shortfall of 2."""
    counsellor, the_chief = officer(), chief()
    account = employer_user(EmployerFactory())
    recruitment = registered(account)
    first, second, third = (refer(recruitment, counsellor) for _ in range(3))
    services.referral_outcome_record(recruitment=recruitment, referral=first, decision="HIRED", actor=account)
    services.referral_outcome_record(recruitment=recruitment, referral=second, decision="REFUSED", reason="NO_SHOW",
                                     actor=account)
    services.referral_outcome_record(recruitment=recruitment, referral=third, decision="REFUSED",
                                     reason="NOT_QUALIFIED", detail="需有堆高機操作證照，求才登記已載明。", actor=account)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.outcome == ReferralOutcome.HIRED  # the job bank's referral answered too
    assert (second.outcome, second.not_hired_reason) == (ReferralOutcome.NOT_HIRED, "NO_SHOW")
    for outcome in RecruitmentReferralOutcome.objects.filter(decision="REFUSED"):
        services.referral_outcome_judge(outcome=outcome, lawful=True, actor=counsellor)
    backdate(recruitment, 9)
    recruitment = DomesticRecruitment.objects.get(pk=recruitment.pk)
    assessment = selectors.recruitment_assess(recruitment, timezone.localdate())
    assert assessment.blockers == []
    assert (assessment.hired, assessment.refused, assessment.shortfall) == (1, 2, 2)
    case_services.case_transition(case=recruitment.case, name="propose_certificate", actor=counsellor)
    signoff = SignOff.objects.get(case=recruitment.case)
    assert signoff.subject == "recruitment_certificate" and signoff.payload == {"hired": 1, "shortfall": 2}
    case_services.signoff_decide(signoff=signoff, actor=the_chief, approve=True)
    recruitment = DomesticRecruitment.objects.select_related("case").get(pk=recruitment.pk)
    assert recruitment.case.status == "CERTIFIED" and recruitment.case.closed_at is not None
    assert (recruitment.hired_count, recruitment.shortfall) == (1, 2)
    document = IssuedDocument.objects.get(code=recruitment.certificate_code)
    assert document.title == "求才證明書" and document.kind == "certificate"
    assert document.visible_to_parties is True
    with document.file.open("rb") as pdf:
        assert pdf.read(4) == b"%PDF"


def test_refusal_without_proper_reason_blocks_the_certificate_and_leads_to_refusal():
    counsellor, the_chief = officer(), chief()
    account = employer_user(EmployerFactory())
    recruitment = registered(account)
    referral = refer(recruitment, counsellor)
    outcome = services.referral_outcome_record(recruitment=recruitment, referral=referral, decision="REFUSED",
                                               reason="EXTRA_REQUIREMENT", detail="要求會說越南語", actor=account)
    with pytest.raises(ApplicationError) as error:  # against no-proper-reason needs grounds
        services.referral_outcome_judge(outcome=outcome, lawful=False, actor=counsellor)
    assert error.value.field == "note"
    services.referral_outcome_judge(outcome=outcome, lawful=False, note="求才登記未載明語言條件。", actor=counsellor)
    backdate(recruitment, 9)
    recruitment = DomesticRecruitment.objects.get(pk=recruitment.pk)
    with pytest.raises(ApplicationError) as error:
        case_services.case_transition(case=recruitment.case, name="propose_certificate", actor=counsellor)
    assert "無正當理由" in error.value.message_zh
    case_services.case_transition(case=recruitment.case, name="propose_refusal", actor=counsellor,
                                  data={"reason": "雇主無正當理由拒絕本處推介之求職人。"})
    case_services.signoff_decide(signoff=SignOff.objects.get(case=recruitment.case), actor=the_chief, approve=True)
    recruitment = DomesticRecruitment.objects.select_related("case").get(pk=recruitment.pk)
    assert recruitment.case.status == "REFUSED"
    assert recruitment.certificate_code == ""
    assert IssuedDocument.objects.filter(case=recruitment.case, kind="decision").count() == 1


def test_refusal_needs_a_ground():
    counsellor = officer()
    recruitment = registered()
    with pytest.raises(ApplicationError):
        case_services.case_transition(case=recruitment.case, name="propose_refusal", actor=counsellor,
                                      data={"reason": "不予開具"})
    assert SignOff.objects.count() == 0
    assert Case.objects.get(pk=recruitment.case_id).status == "RECRUITING"


def test_outcome_rules():
    counsellor = officer()
    account = employer_user(EmployerFactory())
    recruitment = registered(account)
    referral = refer(recruitment, counsellor)
    with pytest.raises(ApplicationError) as error:
        services.referral_outcome_record(recruitment=recruitment, referral=referral, decision="REFUSED", actor=account)
    assert error.value.field == "reason"
    with pytest.raises(ApplicationError) as error:
        services.referral_outcome_record(recruitment=recruitment, referral=referral, decision="REFUSED", reason="OTHER",
                                         actor=account)
    assert error.value.field == "detail"
    other = employer_user(EmployerFactory())
    with pytest.raises(NotFound):
        services.referral_outcome_record(recruitment=recruitment, referral=referral, decision="HIRED", actor=other)
    assert RecruitmentReferralOutcome.objects.count() == 0
    services.referral_outcome_record(recruitment=recruitment, referral=referral, decision="HIRED", actor=account)
    with pytest.raises(Conflict):
        services.referral_outcome_record(recruitment=recruitment, referral=referral, decision="HIRED", actor=account)
    outcome = RecruitmentReferralOutcome.objects.get()
    assert outcome.judgement == Judgement.LAWFUL
    with pytest.raises(ApplicationError):
        services.referral_outcome_judge(outcome=outcome, lawful=False, note="x", actor=counsellor)


def test_a_referral_to_another_vacancy_is_refused():
    counsellor = officer()
    account = employer_user(EmployerFactory())
    first, second = registered(account), registered(account)
    referral = refer(second, counsellor)
    with pytest.raises(ApplicationError) as error:
        services.referral_outcome_record(recruitment=first, referral=referral, decision="HIRED", actor=account)
    assert error.value.field == "referral_id"


def test_all_hired_leaves_no_shortfall():
    counsellor = officer()
    account = employer_user(EmployerFactory())
    recruitment = registered(account, vacancy={"openings": 1})
    referral = refer(recruitment, counsellor)
    services.referral_outcome_record(recruitment=recruitment, referral=referral, decision="HIRED", actor=account)
    backdate(recruitment, 9)
    recruitment = DomesticRecruitment.objects.get(pk=recruitment.pk)
    assessment = selectors.recruitment_assess(recruitment, timezone.localdate())
    assert assessment.shortfall == 0
    assert ("國內招募已足額，無不足人數。", "Local hires filled every opening: no shortfall.") in assessment.refusal_grounds


def test_withdrawal_by_the_employer_withdraws_the_vacancy():
    account = employer_user(EmployerFactory())
    recruitment = registered(account)
    case_services.case_transition(case=recruitment.case, name="withdraw", actor=account,
                                  data={"reason": "已另行招募足額"})
    recruitment.vacancy.refresh_from_db()
    assert recruitment.vacancy.status == VacancyStatus.WITHDRAWN
    assert Case.objects.get(pk=recruitment.case_id).status == "WITHDRAWN"


def test_a_referral_after_the_proposal_stops_the_approval_until_answered():
    counsellor, the_chief = officer(), chief()
    account = employer_user(EmployerFactory())
    recruitment = registered(account)
    referral = refer(recruitment, counsellor)
    services.referral_outcome_record(recruitment=recruitment, referral=referral, decision="HIRED", actor=account)
    backdate(recruitment, 9)
    recruitment = DomesticRecruitment.objects.get(pk=recruitment.pk)
    case_services.case_transition(case=recruitment.case, name="propose_certificate", actor=counsellor)
    refer(recruitment, counsellor)  # the vacancy is still public: a late referral
    signoff = SignOff.objects.get(case=recruitment.case)
    with pytest.raises(ApplicationError) as error:
        case_services.signoff_decide(signoff=signoff, actor=the_chief, approve=True)
    assert "退回" in error.value.message_zh
    assert IssuedDocument.objects.count() == 0
    assert Case.objects.get(pk=recruitment.case_id).status == "CERTIFICATE_PENDING"
    case_services.signoff_decide(signoff=signoff, actor=the_chief, approve=False, comment="補登推介結果")
    assert Case.objects.get(pk=recruitment.case_id).status == "RECRUITING"
