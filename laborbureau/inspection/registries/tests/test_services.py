from datetime import date, timedelta

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from laborbureau.cases import services as case_services
from laborbureau.cases.models import Case, SignOff
from laborbureau.core.errors import ApplicationError, Forbidden
from laborbureau.documents.models import IssuedDocument
from laborbureau.inspection.registries import selectors, services
from laborbureau.inspection.registries.models import (
    CompilationEntry,
    IssueStatus,
    NewsletterDelivery,
    Registration,
    Subscriber,
)
from laborbureau.inspection.registries.tests.conftest import application, approve, closed_fatal_accident
from laborbureau.notify.models import OutboxMessage
from laborbureau.rules import osh_registrations as rule

# --- the validity rule ---------------------------------------------------------------------


def test_validity_periods_follow_the_civil_code():
    assert rule.valid_until(rule.TRAINING_UNIT, date(2026, 3, 10)) == date(2029, 3, 9)
    assert rule.valid_until(rule.SITE_CERTIFICATION, date(2026, 1, 1)) == date(2026, 12, 31)
    # 29 February: no corresponding day, so the last day of February.
    assert rule.valid_until(rule.SITE_CERTIFICATION, date(2028, 2, 29)) == date(2029, 2, 28)
    assert rule.valid_until(rule.SAFETY_PERSONNEL, date(2026, 3, 10)) is None


# A pure test, but on a shared, loaded machine generating the examples was once reported as too slow.
@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from([rule.SITE_CERTIFICATION, rule.TRAINING_UNIT, rule.MEDICAL_INSTITUTION]),
       st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31)))
def test_validity_period_properties(kind, approved_on):
    until = rule.valid_until(kind, approved_on)
    years = rule.RULES[kind].years
    assert until > approved_on
    assert rule.is_valid_on(kind, approved_on, approved_on)
    assert rule.is_valid_on(kind, approved_on, until)
    assert not rule.is_valid_on(kind, approved_on, until + timedelta(days=1))
    assert not rule.is_valid_on(kind, approved_on, approved_on - timedelta(days=1))
    assert not rule.is_valid_on(kind, approved_on, approved_on, revoked_on=approved_on)
    # The period is `years` years long: within a day of 365.25 × years.
    assert abs((until - approved_on).days + 1 - 365.25 * years) <= 2


# --- applications and decisions --------------------------------------------------------------


def test_an_application_is_approved_with_the_chiefs_signoff(team):
    registration = services.registration_apply(data=application(), actor=team["company"])
    case = registration.case
    assert case.number.split("-")[1] == "OSR" and case.status == "APPLIED" and case.unit.code == "LIO"
    assert case.attachments.count() == 1
    approve(registration, team)
    today = timezone.localdate()
    assert registration.case.status == "APPROVED" and registration.decision == "APPROVED"
    assert registration.valid_from == today
    assert registration.valid_until == rule.valid_until(rule.TRAINING_UNIT, today)
    document = IssuedDocument.objects.get(code=registration.certificate_code)
    assert document.title == "安全衛生教育訓練單位核定證明書" and document.case_id == case.pk
    assert list(selectors.public_registrations()) == [registration]


def test_an_officer_cannot_approve_alone(team):
    registration = services.registration_apply(data=application(), actor=team["company"])
    fire = case_services.case_transition
    fire(case=registration.case, name="review", actor=team["officer"], data={"review_opinion": "符合。"})
    with pytest.raises(Forbidden):
        fire(case=registration.case, name="approve", actor=team["officer"], data={})
    registration.refresh_from_db()
    assert registration.decision == "" and not IssuedDocument.objects.exists()


def test_a_refusal_is_a_decision_with_reasons(team):
    registration = services.registration_apply(data=application(kind="MEDICAL_INSTITUTION", name="中山醫院"),
                                               actor=team["company"])
    fire = case_services.case_transition
    fire(case=registration.case, name="review", actor=team["officer"], data={"review_opinion": "X光設備不符。"})
    fire(case=registration.case, name="propose_refusal", actor=team["officer"], data={"reason": "未自備合格X光機。"})
    signoff = SignOff.objects.get(case=registration.case)
    case_services.signoff_decide(signoff=signoff, actor=team["chief"], approve=True)
    registration.refresh_from_db()
    assert registration.case.status == "REFUSED" and registration.decision == "REFUSED"
    assert registration.decision_reasons == "未自備合格X光機。"
    assert IssuedDocument.objects.get(code=registration.certificate_code).kind == "decision"
    assert list(selectors.public_registrations()) == []


def test_bad_applications_write_nothing(team):
    for overrides, field in (({"kind": "X"}, "kind"), ({"name": " "}, "name"), ({"district": "999"}, "district"),
                             ({"files": []}, "files"), ({"contact_email": "nope"}, "contact_email"),
                             ({"kind": "SAFETY_PERSONNEL", "personnel_name": "陳大文", "personnel_role": "X"},
                              "personnel_role"),
                             ({"files": [("a.txt", b"hello")]}, "file")):
        with pytest.raises(ApplicationError) as error:
            services.registration_apply(data=application(**overrides), actor=team["company"])
        assert error.value.field == field
    assert not Case.objects.exists() and not Registration.objects.exists()


def test_only_employers_and_the_office_open_applications(team):
    with pytest.raises(Forbidden):
        services.registration_apply(data=application(employer_id=team["company"].employer_id), actor=team["other"])
    registration = services.registration_apply(data=application(employer_id=team["company"].employer_id),
                                               actor=team["officer"], channel="counter")
    assert registration.employer_id == team["company"].employer_id


def test_personnel_are_never_public(team):
    registration = services.registration_apply(
        data=application(kind="SAFETY_PERSONNEL", name="大安營造", personnel_name="陳大文", personnel_role="MANAGER",
                         personnel_certificate="安管師字第123號", address="", district=""),
        actor=team["company"])
    approve(registration, team)
    assert registration.valid_until is None and registration.in_force
    assert list(selectors.public_registrations()) == []


def test_the_applicant_sees_only_its_own(team):
    from laborbureau.core.tests.factories import employer_user

    registration = services.registration_apply(data=application(), actor=team["company"])
    assert selectors.registration_get(team["company"], registration.case.number) == registration
    assert selectors.registration_get(employer_user(), registration.case.number) is None
    assert selectors.registration_get(team["other"], registration.case.number) is None


# --- audits ----------------------------------------------------------------------------------


def test_an_audit_with_a_revoke_result_proposes_revocation(team):
    registration = approve(services.registration_apply(data=application(), actor=team["company"]), team)
    today = timezone.localdate()
    audit = services.audit_schedule(registration=registration, scheduled_on=today, inspector=team["inspector"],
                                    actor=team["officer"])
    with pytest.raises(ApplicationError) as error:
        services.audit_record(audit=audit, conducted_on=today, findings="教材不符。", result="CORRECTIVE",
                              corrective_due=today, actor=team["inspector"])
    assert error.value.field == "corrective_due"
    services.audit_record(audit=audit, conducted_on=today, findings="場地與核定不符且未改善。", result="REVOKE",
                          corrective_due=None, actor=team["inspector"])
    registration.case.refresh_from_db()
    assert registration.case.status == "REVOCATION_PENDING"
    case_services.signoff_decide(signoff=SignOff.objects.get(case=registration.case, status="PENDING"),
                                 actor=team["chief"], approve=True)
    registration.refresh_from_db()
    assert registration.case.status == "REVOKED" and registration.revoked_on == today
    assert not registration.in_force and list(selectors.public_registrations()) == []


def test_only_registered_training_units_are_audited(team):
    registration = services.registration_apply(data=application(), actor=team["company"])
    with pytest.raises(ApplicationError) as error:
        services.audit_schedule(registration=registration, scheduled_on=timezone.localdate(),
                                inspector=team["inspector"], actor=team["officer"])
    assert error.value.field == "registration"


# --- monitored works -------------------------------------------------------------------------


def test_monitored_work_and_checks(team):
    employer = team["company"].employer
    with pytest.raises(ApplicationError) as error:
        services.monitored_work_create(employer=employer, site_name="捷運萬大線CQ850", address="臺北市萬華區",
                                       district="108", stream_url="not a url", starts_on=timezone.localdate(),
                                       ends_on=None, contract_amount=None, actor=team["officer"])
    assert error.value.field == "stream_url"
    work = services.monitored_work_create(employer=employer, site_name="捷運萬大線CQ850", address="臺北市萬華區",
                                          district="108", stream_url="https://cctv.example.tw/cq850",
                                          starts_on=timezone.localdate(), ends_on=None, contract_amount=5_000_000_000,
                                          actor=team["officer"])
    with pytest.raises(ApplicationError) as error:
        services.monitoring_check_record(work=work, stream_available=True, hazard_found=True, observations="開口未防護。",
                                         follow_up="", actor=team["inspector"])
    assert error.value.field == "follow_up"
    services.monitoring_check_record(work=work, stream_available=True, hazard_found=True, observations="開口未防護。",
                                     follow_up="通知工地改善並排定檢查。", actor=team["inspector"])
    assert selectors.monitored_works().get().check_count == 1


# --- the compilation -------------------------------------------------------------------------


def test_compilation_from_closed_serious_cases(team):
    accident = closed_fatal_accident(team)
    year = accident.month.year
    candidates = selectors.compilation_candidates(year)
    assert [row["case_number"] for row in candidates] == [accident.case.number]
    with pytest.raises(ApplicationError):
        services.compilation_generate(year=year, actor=team["officer"])
    with pytest.raises(ApplicationError) as error:
        services.compilation_entry_save(year=year - 1, case_number=accident.case.number, summary="s", causes="c",
                                        prevention="p", actor=team["officer"])
    assert error.value.field == "case_number"
    services.compilation_entry_save(year=year, case_number=accident.case.number, summary="勞工於施工架作業時墜落。",
                                    causes="施工架未設護欄。", prevention="設置護欄及安全網。", actor=team["officer"])
    entry = CompilationEntry.objects.get()
    assert entry.deaths == 1 and entry.severity == "FATAL"
    compilation = services.compilation_generate(year=year, actor=team["officer"])
    document = IssuedDocument.objects.get(code=compilation.document_code)
    assert document.title == f"{year - 1911}年職業災害案實錄彙編" and compilation.entries == 1
    # No personal data: the victim's name and the employer's are in the accident, not in the compilation.
    assert "王小明" not in entry.summary + entry.causes + entry.prevention


def test_an_open_accident_is_not_in_the_compilation(team):
    from laborbureau.core.services import EmployerInput
    from laborbureau.inspection.accidents import services as accident_services

    accident = accident_services.accident_report(
        data=accident_services.AccidentInput(
            occurred_at=timezone.now() - timedelta(hours=1), accident_type="FALL", description="墜落。", deaths=1,
            lat=25.0330, lon=121.5654, employer=EmployerInput(name="大安營造有限公司"), channel="phone"),
        actor=team["officer"])
    assert selectors.compilation_candidates(accident.month.year) == []


# --- the e-newsletter ------------------------------------------------------------------------


def test_double_opt_in_and_one_click_unsubscribe(team):
    subscriber = services.subscription_request(email="Reader@Example.tw")
    assert subscriber.email == "reader@example.tw" and subscriber.confirmed_at is None
    confirm = OutboxMessage.objects.get(email="reader@example.tw")
    assert subscriber.confirm_token in confirm.link
    services.subscription_confirm(token=subscriber.confirm_token)
    subscriber.refresh_from_db()
    assert subscriber.confirmed_at is not None
    assert services.subscription_request(email="reader@example.tw") is None  # already subscribed: no mail
    assert OutboxMessage.objects.count() == 1
    services.subscription_unsubscribe(token=subscriber.unsubscribe_token)
    subscriber.refresh_from_db()
    assert subscriber.unsubscribed_at is not None
    with pytest.raises(ApplicationError) as error:
        services.subscription_request(email="not-an-address")
    assert error.value.field == "email"


def test_an_issue_is_sent_once_to_confirmed_subscribers(team):
    confirmed = services.subscription_request(email="a@example.tw")
    services.subscription_confirm(token=confirmed.confirm_token)
    services.subscription_request(email="b@example.tw")  # never confirmed
    gone = services.subscription_request(email="c@example.tw")
    services.subscription_confirm(token=gone.confirm_token)
    services.subscription_unsubscribe(token=gone.unsubscribe_token)
    month = timezone.localdate().replace(day=1)
    issue = services.newsletter_issue_save(month=month, title="115年11月安全衛生電子報",
                                           items=[{"title": "高處作業", "body": "請設置護欄。", "link": ""}],
                                           actor=team["officer"])
    with pytest.raises(ApplicationError) as error:
        services.newsletter_issue_save(month=month, title="x", items=[{"title": "t", "body": "b"}],
                                       actor=team["officer"])
    assert error.value.field == "month"
    services.newsletter_issue_send(issue=issue, actor=team["officer"])
    assert services.newsletter_dispatch() == 1
    services.newsletter_issue_send(issue=issue, actor=team["officer"])  # again: harmless
    assert services.newsletter_dispatch() == 0
    issue.refresh_from_db()
    assert issue.status == IssueStatus.SENT
    delivery = NewsletterDelivery.objects.get()
    assert delivery.subscriber == Subscriber.objects.get(email="a@example.tw")
    assert delivery.outbox.channel == "email" and confirmed.unsubscribe_token in delivery.outbox.body_zh
    assert list(selectors.newsletter_issues_sent()) == [issue]


def test_dispatch_in_batches(team):
    for index in range(5):
        subscriber = services.subscription_request(email=f"r{index}@example.tw")
        services.subscription_confirm(token=subscriber.confirm_token)
    issue = services.newsletter_issue_save(month=timezone.localdate(), title="電子報",
                                           items=[{"title": "t", "body": "b"}], actor=team["officer"])
    services.newsletter_issue_send(issue=issue, actor=team["officer"])
    assert services.newsletter_dispatch(batch=2) == 2
    assert services.newsletter_dispatch(batch=2) == 2
    assert services.newsletter_dispatch(batch=2) == 1
    issue.refresh_from_db()
    assert issue.status == IssueStatus.SENT and NewsletterDelivery.objects.count() == 5


def test_an_expired_registration_leaves_the_public_list(team):
    registration = approve(services.registration_apply(data=application(kind="SITE_CERTIFICATION", name="工地"),
                                                       actor=team["company"]), team)
    today = timezone.localdate()
    start = today - timedelta(days=400)
    Registration.objects.filter(pk=registration.pk).update(valid_from=start,
                                                           valid_until=rule.valid_until(rule.SITE_CERTIFICATION, start))
    registration.refresh_from_db()
    assert not registration.in_force and list(selectors.public_registrations()) == []
    with pytest.raises(ApplicationError):  # nothing in force to revoke
        case_services.case_transition(case=registration.case, name="propose_revocation", actor=team["officer"],
                                      data={"reason": "x"})
