"""Layoff plans through the services: the assessment (required? which clause? in
time?), the late flag and its monitoring case, the negotiation workflow with its
statutory deadlines, the review notice, and the fine for a late plan with sign-off."""

from datetime import timedelta

import pytest
from django.utils import timezone

from laborbureau.cases import services as case_services
from laborbureau.cases.models import Case, SignOff
from laborbureau.core.errors import ApplicationError, Forbidden
from laborbureau.core.models import Role
from laborbureau.core.services import EmployerInput
from laborbureau.core.tests.factories import EmployerFactory, business_id, citizen, employer_user, staff
from laborbureau.documents.models import IssuedDocument
from laborbureau.fines.models import Fine
from laborbureau.notify.models import OutboxMessage
from laborbureau.relations.layoffs import services
from laborbureau.relations.layoffs.models import LayoffMonitoring, LayoffPlan
from laborbureau.relations.layoffs.tests.factories import plan_input
from laborbureau.rules import working_days

pytestmark = pytest.mark.django_db


@pytest.fixture
def lr_officer():
    return staff(Role.CASE_OFFICER, "LR")


@pytest.fixture
def lr_chief():
    return staff(Role.SECTION_CHIEF, "LR")


@pytest.fixture
def company():
    return employer_user(EmployerFactory())


def test_a_plan_filed_90_days_ahead_is_required_and_in_time(company, lr_officer, lr_chief):
    plan = services.layoff_plan_file(data=plan_input(days_ahead=90), actor=company)

    layoff_day = timezone.localdate() + timedelta(days=90)
    assert plan.required is True
    assert plan.clause == "第2條第1項第2款"
    assert plan.crossing_date == layoff_day
    assert plan.notice_due == layoff_day - timedelta(days=60)
    assert (plan.late, plan.days_late) == (False, 0)
    case = plan.case
    assert case.number.split("-")[1] == "MLP"
    assert (case.status, case.unit.code, case.channel) == ("FILED", "LR", "portal")
    assert case.due_date == working_days.deadline(timezone.localdate(), 10, "calendar")  # 第5條第1項
    assert plan.establishment.employer == company.employer
    assert not LayoffMonitoring.objects.exists()
    alerts = OutboxMessage.objects.filter(case_id=case.pk, channel="in_app").order_by("recipient_id")
    assert [m.recipient for m in alerts] == [lr_officer, lr_chief]
    assert all(not m.subject_zh.startswith("【逾期") for m in alerts)


def test_a_plan_filed_30_days_ahead_is_late_and_flagged_and_opens_a_monitoring_case(company, lr_officer):
    plan = services.layoff_plan_file(data=plan_input(days_ahead=30), actor=company)

    assert (plan.late, plan.days_late) == (True, 30)
    alert = OutboxMessage.objects.get(case_id=plan.case.pk, recipient=lr_officer, channel="in_app")
    assert alert.subject_zh.startswith("【逾期30日】收到解僱計畫書")
    assert OutboxMessage.objects.filter(case_id=plan.case.pk, recipient=lr_officer, channel="email").count() == 1
    monitoring = LayoffMonitoring.objects.get()
    assert (monitoring.trigger, monitoring.plan, monitoring.notice_due) == ("LATE_PLAN", plan, plan.notice_due)
    assert monitoring.case.status == "OPEN"
    assert monitoring.case.number.split("-")[1] == "MLM"


def test_a_sudden_event_is_not_late(company):
    plan = services.layoff_plan_file(
        data=plan_input(days_ahead=5, sudden_event=True, sudden_event_note="廠房火災全毀。"), actor=company
    )
    assert (plan.required, plan.notice_due, plan.late) == (True, None, False)
    assert not LayoffMonitoring.objects.exists()


def test_a_small_layoff_is_not_required_and_can_be_filed_away(company, lr_officer):
    plan = services.layoff_plan_file(data=plan_input(count=5, headcount=100), actor=company)
    assert (plan.required, plan.clause, plan.late) == (False, "", False)
    case = case_services.case_transition(case=plan.case, name="file_away", actor=lr_officer,
                                         data={"reason": "未達門檻，自願提出。"})
    assert case.status == "CLOSED"


def test_a_required_plan_cannot_be_filed_away(company, lr_officer):
    plan = services.layoff_plan_file(data=plan_input(), actor=company)
    with pytest.raises(ApplicationError):
        case_services.case_transition(case=plan.case, name="file_away", actor=lr_officer, data={"reason": "x"})
    assert Case.objects.get(pk=plan.case.pk).status == "FILED"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"schedule": []}, "schedule"),
        ({"reason": "  "}, "reason"),
        ({"selection_criteria": ""}, "selection_criteria"),
        ({"severance_method": ""}, "severance_method"),
        ({"reemployment_plan": ""}, "reemployment_plan"),
        ({"headcount": 0}, "headcount"),
        ({"count": 150, "headcount": 100}, "schedule"),
        ({"legal_ground": "WHIM"}, "legal_ground"),
        ({"sudden_event": True}, "sudden_event_note"),
        ({"notified_party": "PRESS"}, "notified_party"),
        ({"notified_on": timezone.localdate() + timedelta(days=1)}, "notified_on"),
        ({"establishment_name": ""}, "establishment_name"),
    ],
)
def test_bad_plans_are_refused_on_their_field_and_nothing_is_saved(company, change, field):
    with pytest.raises(ApplicationError) as error:
        services.layoff_plan_file(data=plan_input(**change), actor=company)
    assert error.value.field == field
    assert not Case.objects.exists()
    assert not LayoffPlan.objects.exists()
    assert not OutboxMessage.objects.exists()


def test_a_second_plan_for_the_same_site_and_dates_is_refused_with_the_number(company):
    first = services.layoff_plan_file(data=plan_input(), actor=company)
    with pytest.raises(ApplicationError) as error:
        services.layoff_plan_file(data=plan_input(), actor=company)
    assert first.case.number in error.value.message_zh
    assert Case.objects.count() == 1


def test_citizens_cannot_file_and_other_units_cannot_record():
    with pytest.raises(Forbidden):
        services.layoff_plan_file(data=plan_input(), actor=citizen())
    with pytest.raises(Forbidden):
        services.layoff_plan_file(
            data=plan_input(employer=EmployerInput(name="某公司", business_id=business_id())),
            actor=staff(Role.CASE_OFFICER, "LS"),
        )
    assert not Case.objects.exists()


def test_an_officer_records_a_paper_plan_with_the_day_received(lr_officer):
    received = timezone.localdate() - timedelta(days=3)
    plan = services.layoff_plan_file(
        data=plan_input(days_ahead=60, employer=EmployerInput(name="松山電子股份有限公司", business_id=business_id()),
                        received_on=received, channel="mail"),
        actor=lr_officer,
    )
    # Due 60 days before the layoff day, i.e. today; received three days ago: in time.
    assert (plan.received_on, plan.late, plan.case.channel) == (received, False, "mail")


def test_the_negotiation_runs_through_the_committee_with_its_deadlines_and_the_notice(company, lr_officer):
    plan = services.layoff_plan_file(data=plan_input(), actor=company)
    case = case_services.case_transition(case=plan.case, name="review", actor=lr_officer)
    assert case.status == "NEGOTIATING"
    notice = IssuedDocument.objects.get(case=case)
    assert notice.title == "解僱計畫書審查結果通知書"
    assert notice.visible_to_parties
    case = case_services.case_transition(case=case, name="request_committee", actor=lr_officer,
                                         data={"reason": "勞方拒絕資方所提資遣方案。"})
    assert case.due_date == working_days.deadline(timezone.localdate(), 10, "calendar")  # 第5條第2項
    with pytest.raises(ApplicationError):
        case_services.case_transition(case=case, name="convene_committee", actor=lr_officer,
                                      data={"meeting_date": timezone.localdate().isoformat(), "members": "4"})
    case = case_services.case_transition(case=case, name="convene_committee", actor=lr_officer,
                                         data={"meeting_date": timezone.localdate().isoformat(), "members": "7"})
    assert case.status == "COMMITTEE"
    assert case.due_date == working_days.deadline(timezone.localdate(), 14, "calendar")  # 第6條第3項
    case = case_services.case_transition(case=case, name="record_committee_meeting", actor=lr_officer,
                                         data={"meeting_date": timezone.localdate().isoformat(), "note": "第二次會議"})
    case = case_services.case_transition(case=case, name="record_agreement", actor=lr_officer,
                                         data={"agreement_summary": "資遣費加發一個月。"})
    plan.refresh_from_db()
    assert case.status == "AGREED"
    assert (plan.committee_members, plan.committee_meetings, plan.agreement_summary) == (7, 2, "資遣費加發一個月。")
    told = OutboxMessage.objects.filter(recipient=company, channel="in_app").count()
    assert told == 4  # reviewed, committee requested, convened, agreement


def test_the_employer_may_withdraw_its_own_plan(company):
    plan = services.layoff_plan_file(data=plan_input(), actor=company)
    assert [t.name for t in case_services.transitions_available(company, plan.case)] == ["withdraw"]
    case = case_services.case_transition(case=plan.case, name="withdraw", actor=company, data={"reason": "訂單回升"})
    assert case.status == "WITHDRAWN"


def test_a_late_plan_is_fined_under_article_17_after_the_chief_and_director_approve(company, lr_officer, lr_chief):
    director = staff(Role.DIRECTOR, "ADM")
    plan = services.layoff_plan_file(data=plan_input(days_ahead=30), actor=company)
    case = LayoffMonitoring.objects.get().case
    case = case_services.case_transition(case=case, name="take", actor=lr_officer)
    violation = (plan.notice_due + timedelta(days=1)).isoformat()
    with pytest.raises(ApplicationError) as error:
        case_services.case_transition(case=case, name="propose_fine", actor=lr_officer,
                                      data={"violation_date": violation, "amount": "50000"})
    assert error.value.field == "amount"
    assert not SignOff.objects.exists()
    case = case_services.case_transition(case=case, name="propose_fine", actor=lr_officer,
                                         data={"violation_date": violation, "amount": "100000"})
    signoff = SignOff.objects.get(case=case)
    case_services.signoff_decide(signoff=signoff, actor=lr_chief, approve=True)
    case_services.signoff_decide(signoff=SignOff.objects.get(pk=signoff.pk), actor=director, approve=True)
    case.refresh_from_db()
    fine = Fine.objects.get()
    assert case.status == "FINED"
    assert (fine.law_code, fine.article, fine.amount, fine.employer) == ("AWPMR", "第17條", 100000, company.employer)
    assert LayoffMonitoring.objects.get().fine_number == fine.number
