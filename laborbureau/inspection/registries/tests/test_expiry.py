"""Expiry reminders of registrations: 60 and 30 days before the last day of validity
(our service choice), each stage once; none without an expiry, none for a revoked one or
one awaiting its revocation; the staff list of those expiring soon; the employer's pages
showing the coming or past expiry. Nothing is ever marked expired."""

from datetime import date, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from laborbureau.cases import services as case_services
from laborbureau.cases.models import SignOff, TimelineEntry
from laborbureau.inspection.registries import services
from laborbureau.inspection.registries.models import Registration
from laborbureau.inspection.registries.tests.conftest import application, approve
from laborbureau.notify import scheduler
from laborbureau.notify.models import OutboxMessage
from laborbureau.rules import osh_registrations as rule
from laborbureau.rules import roc_calendar

pytestmark = pytest.mark.django_db

REMINDER = "登錄效期將於"


def ending_on(registration: Registration, until: date) -> Registration:
    """Move an approved registration's period (as the rule computes it) so that it ends on
    `until`: the approval day is the one whose period ends there."""
    approx = until.replace(year=until.year - rule.RULES[registration.kind].years, day=min(until.day, 28))
    start = next(approx + timedelta(days=shift) for shift in range(-3, 5)
                 if rule.valid_until(registration.kind, approx + timedelta(days=shift)) == until)
    Registration.objects.filter(pk=registration.pk).update(valid_from=start, decided_on=start, valid_until=until)
    registration.refresh_from_db()
    return registration


def reminders(registration: Registration) -> list[OutboxMessage]:
    return list(OutboxMessage.objects.filter(case_id=registration.pk, subject_zh__contains=REMINDER).order_by("pk"))


def reminder_notes(registration: Registration) -> list[str]:
    return list(TimelineEntry.objects.filter(case_id=registration.pk, kind=TimelineEntry.Kind.NOTE,
                                             visible_to_parties=True).values_list("text", flat=True))


@pytest.fixture
def registered(team):
    return approve(services.registration_apply(data=application(), actor=team["company"]), team)


# --- the sweep ---------------------------------------------------------------------------------


def test_the_stage_due(registered):
    until = date(2027, 6, 30)
    assert [services.expiry_reminder_due(until, until - timedelta(days=left)) for left in (61, 60, 31, 30, 0, -1)] == [
        None, 60, 60, 30, 30, None]


def test_each_stage_is_sent_once(team, registered):
    until = registered.valid_until
    assert services.registration_expiry_remind(until - timedelta(days=61)) == 0
    assert reminders(registered) == []

    assert services.registration_expiry_remind(until - timedelta(days=60)) == 1
    sent = reminders(registered)
    company = team["company"]
    # The employer's account (in-app and its e-mail) and the application's contact address.
    assert {(m.channel, m.recipient_id, m.email) for m in sent} == {
        ("in_app", company.pk, ""), ("email", company.pk, company.email), ("email", None, "train@example.tw")}
    assert {m.link for m in sent} == {f"/portal/cases/{registered.case.number}/"}
    assert "尚餘60日" in sent[0].body_zh
    registered.refresh_from_db()
    assert registered.expiry_reminder_days == 60 and registered.expiry_reminded_at is not None
    assert len(reminder_notes(registered)) == 1 and "尚餘60日" in reminder_notes(registered)[0]

    for left in (60, 45, 31):  # again the same day, and later within the same stage
        assert services.registration_expiry_remind(until - timedelta(days=left)) == 0
    assert len(reminders(registered)) == 3

    assert services.registration_expiry_remind(until - timedelta(days=30)) == 1
    assert services.registration_expiry_remind(until - timedelta(days=30)) == 0
    assert services.registration_expiry_remind(until - timedelta(days=1)) == 0
    assert services.registration_expiry_remind(until + timedelta(days=1)) == 0  # expired: nothing more
    registered.refresh_from_db()
    assert registered.expiry_reminder_days == 30 and len(reminders(registered)) == 6
    assert len(reminder_notes(registered)) == 2
    # Nothing was marked: the case stays APPROVED, expiry is what the rule computes.
    assert registered.case.status == "APPROVED" and registered.decision == "APPROVED"


def test_a_late_first_sweep_sends_only_the_nearer_stage(registered):
    until = registered.valid_until
    assert services.registration_expiry_remind(until - timedelta(days=20)) == 1
    assert services.registration_expiry_remind(until - timedelta(days=10)) == 0
    registered.refresh_from_db()
    assert registered.expiry_reminder_days == 30 and len(reminder_notes(registered)) == 1


def test_a_registration_without_expiry_gets_nothing(team):
    personnel = approve(services.registration_apply(
        data=application(kind="SAFETY_PERSONNEL", name="大安營造", personnel_name="陳大文", personnel_role="MANAGER",
                         personnel_certificate="安管師字第1號", address="", district=""), actor=team["company"]), team)
    assert personnel.valid_until is None
    today = timezone.localdate()
    for days in (0, 30, 60, 365, 3 * 365):
        assert services.registration_expiry_remind(today + timedelta(days=days)) == 0
    personnel.refresh_from_db()
    assert reminders(personnel) == [] and personnel.expiry_reminder_days is None


def test_revoked_and_revoking_registrations_are_skipped(team, registered):
    until = registered.valid_until
    fire = case_services.case_transition
    fire(case=registered.case, name="propose_revocation", actor=team["officer"], data={"reason": "場地不符。"})
    # Awaiting the revocation's sign-off: no reminder, and none recorded ...
    assert services.registration_expiry_remind(until - timedelta(days=60)) == 0
    signoff = SignOff.objects.get(case=registered.case, status=SignOff.Status.PENDING)
    case_services.signoff_decide(signoff=signoff, actor=team["chief"], approve=False, comment="再查核一次。")
    # ... so once the revocation is returned, the stage still due goes out.
    assert services.registration_expiry_remind(until - timedelta(days=59)) == 1
    fire(case=registered.case, name="propose_revocation", actor=team["officer"], data={"reason": "場地不符。"})
    signoff = SignOff.objects.get(case=registered.case, status=SignOff.Status.PENDING)
    case_services.signoff_decide(signoff=signoff, actor=team["chief"], approve=True)
    registered.refresh_from_db()
    assert registered.revoked_on is not None
    assert services.registration_expiry_remind(until - timedelta(days=30)) == 0
    registered.refresh_from_db()
    assert registered.expiry_reminder_days == 60 and len(reminder_notes(registered)) == 1


def test_refused_and_pending_applications_get_nothing(team):
    pending = services.registration_apply(data=application(name="審查中訓練中心"), actor=team["company"])
    today = timezone.localdate()
    for days in range(0, 3 * 366, 15):
        assert services.registration_expiry_remind(today + timedelta(days=days)) == 0
    assert reminders(pending) == []


def test_the_sweep_is_registered():
    assert ("registries.expiry_reminders", 3600) in {(p.name, p.every_seconds) for p in scheduler.registered()}


# --- the pages ---------------------------------------------------------------------------------


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_staff_list_shows_those_expiring_soon(team, django_assert_max_num_queries):
    today = timezone.localdate()
    soon = ending_on(approve(services.registration_apply(data=application(name="甲訓練中心"), actor=team["company"]),
                             team), today + timedelta(days=45))
    approve(services.registration_apply(data=application(name="乙訓練中心"), actor=team["company"]), team)  # 3 years
    gone = ending_on(approve(services.registration_apply(data=application(name="丙訓練中心"), actor=team["company"]),
                             team), today + timedelta(days=20))
    case_services.case_transition(case=gone.case, name="propose_revocation", actor=team["officer"],
                                  data={"reason": "場地不符。"})
    case_services.signoff_decide(signoff=SignOff.objects.get(case=gone.case, status=SignOff.Status.PENDING),
                                 actor=team["chief"], approve=True)
    assert services.registration_expiry_remind() == 1
    officer = client_for(team["officer"])
    with django_assert_max_num_queries(30) as few:
        page = officer.get("/staff/osh-registries/")
    assert page.status_code == 200
    table = expiring_table(page)
    assert soon.case.number in table and "甲訓練中心" in table and "乙訓練中心" not in table and "丙訓練中心" not in table
    assert (f"<td>{roc_calendar.format_short(soon.valid_until)}</td><td>45</td>"
            f"<td>已通知：屆期前60日（{roc_calendar.format_short(today)}）</td>") in table
    for index in range(3):
        ending_on(approve(services.registration_apply(data=application(name=f"丁訓練中心{index}"),
                                                      actor=team["company"]), team), today + timedelta(days=50))
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = officer.get("/staff/osh-registries/")
    table = expiring_table(page)
    assert table.count("<tr>") == 5 and table.count("尚未通知") == 3  # the header row and four


def expiring_table(page) -> str:
    text = page.content.decode()
    return text[text.index('<table id="expiring">'):].split("</table>", 1)[0]


def test_the_employer_sees_the_coming_and_the_past_expiry(team):
    today = timezone.localdate()
    soon = ending_on(approve(services.registration_apply(data=application(name="甲訓練中心"), actor=team["company"]),
                             team), today + timedelta(days=45))
    lapsed = ending_on(approve(services.registration_apply(data=application(name="乙訓練中心"), actor=team["company"]),
                               team), today - timedelta(days=1))
    services.registration_expiry_remind()
    company = client_for(team["company"])
    page = company.get("/portal/osh-registries/").content.decode()
    assert "即將屆期，尚餘45日" in page and "已屆期" in page and "已核准登錄" in page
    page = company.get(f"/portal/cases/{soon.case.number}/").content.decode()
    assert "本登錄將於" in page and "尚餘45日" in page and "已寄送登錄效期屆滿提醒" in page
    page = company.get(f"/portal/cases/{lapsed.case.number}/").content.decode()
    assert "本登錄已於" in page and "已失其效力" in page
    lapsed.refresh_from_db()
    assert lapsed.case.status == "APPROVED" and lapsed.expired and not lapsed.in_force
