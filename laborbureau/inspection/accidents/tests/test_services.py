"""The report, its alerts through the outbox, bad input, delivery failures and the chain."""

from datetime import datetime, timedelta

import pytest
from django.test import override_settings
from django.utils import timezone

from laborbureau.cases import services as case_services
from laborbureau.cases.models import Attachment, Case, SignOff
from laborbureau.core.errors import ApplicationError
from laborbureau.fines.models import Fine
from laborbureau.inspection.accidents import selectors, services
from laborbureau.inspection.accidents.models import Accident, AccidentAlert, DiseaseDetermination, DutyShift
from laborbureau.inspection.accidents.tests.conftest import jpeg, report
from laborbureau.notify.delivery import deliver_due
from laborbureau.notify.models import Notification, OutboxMessage
from laborbureau.notify.sms import MemorySmsBackend

pytestmark = pytest.mark.django_db


@override_settings(NOTIFY_SMS_BACKEND="laborbureau.notify.sms.MemorySmsBackend")
def test_a_fatal_report_alerts_the_supervisor_and_on_call_by_every_channel(team):
    MemorySmsBackend.outbox.clear()
    accident = services.accident_report(data=report(photos=[("scene.jpg", jpeg())]), actor=team["company"])
    assert accident.reportable and accident.clauses == [1] and not accident.late
    assert accident.district.zip3 == "110" and not accident.location_approximate
    assert accident.severity == "FATAL" and accident.victims_pending
    alerts = AccidentAlert.objects.filter(accident=accident)
    assert sorted((a.recipient.username, a.outbox.channel) for a in alerts) == sorted(
        (user, channel) for user in ("lio_supervisor_t", "lio_inspector_t") for channel in ("in_app", "email", "sms"))
    assert set(alerts.values_list("outbox__status", flat=True)) == {"PENDING"}  # saved, not yet sent
    assert Attachment.objects.filter(case=accident.case, content_type="image/jpeg").count() == 1
    assert deliver_due() == 6
    assert Notification.objects.filter(recipient=team["supervisor"]).count() == 1
    assert sorted(phone for phone, _ in MemorySmsBackend.outbox) == ["0912345678", "0922333444"]
    timed = selectors.with_alert_times(Accident.objects.filter(pk=accident.pk)).get()
    assert timed.alerted_at is not None and timed.alerted_at >= accident.reported_at
    assert [a.accident_id for a in selectors.alerts_for(team["supervisor"])] == [accident.pk]


def test_not_reportable_sends_no_alert(team):
    accident = services.accident_report(data=report(deaths=0, injured=1), actor=team["company"])
    assert not accident.reportable and accident.deadline_at is None
    assert not AccidentAlert.objects.exists()


def test_a_report_after_eight_hours_is_flagged_late(team):
    known = timezone.now() - timedelta(hours=9)
    accident = services.accident_report(data=report(occurred_at=known, known_at=known), actor=team["company"])
    assert accident.late and 59 <= accident.minutes_late <= 61
    assert accident.deadline_at == known + timedelta(hours=8)


def test_with_no_supervisor_on_duty_the_chief_is_alerted(team):
    DutyShift.objects.all().delete()
    accident = services.accident_report(data=report(), actor=team["company"])
    assert set(AccidentAlert.objects.filter(accident=accident).values_list("recipient__username", "duty_role")) == {
        ("lio_chief_t", "CHIEF")}


def test_missing_injured_data_is_accepted_and_completed_later(team):
    accident = services.accident_report(data=report(deaths=0, injured=0), actor=team["company"])
    assert accident.victims_pending and not accident.reportable
    services.accident_update(accident=accident, actor=team["company"], injured=1, hospitalised=1,
                             victims=[services.VictimInput(name="王小明", age=40, outcome="HOSPITALISED")])
    accident.refresh_from_db()
    assert not accident.victims_pending and accident.reportable and accident.clauses == [3]
    assert AccidentAlert.objects.filter(accident=accident).exists()  # alerted once it became reportable


@pytest.mark.parametrize("content,message", [(b"%PDF-1.4 not an image", "JPEG"), (b"\xff\xd8\xff" + b"0" * 50, "JPEG")])
def test_a_photo_that_is_not_an_image_is_refused_and_nothing_saved(team, content, message):
    with pytest.raises(ApplicationError) as error:
        services.accident_report(data=report(photos=[("x.jpg", content)]), actor=team["company"])
    assert error.value.field == "photos" and message in error.value.message_en
    assert not Case.objects.exists() and not Accident.objects.exists() and not OutboxMessage.objects.exists()


def test_a_photo_too_large_is_refused(team, monkeypatch):
    monkeypatch.setattr(services, "PHOTO_MAX_BYTES", 100)
    with pytest.raises(ApplicationError) as error:
        services.accident_report(data=report(photos=[("big.jpg", jpeg() + b"0" * 200)]), actor=team["company"])
    assert error.value.field == "photos" and "MB" in error.value.message_en
    assert not Accident.objects.exists()


def test_a_point_outside_taipei_and_an_address_without_district_are_refused(team):
    with pytest.raises(ApplicationError) as error:
        services.accident_report(data=report(lat=25.0, lon=121.2), actor=team["company"])
    assert error.value.field == "lat"
    with pytest.raises(ApplicationError) as error:
        services.accident_report(data=report(lat=None, lon=None, address="某路1號"), actor=team["company"])
    assert error.value.field == "district"
    accident = services.accident_report(data=report(lat=None, lon=None, address="民生東路1號", district="104"),
                                        actor=team["company"])
    assert accident.location_approximate and accident.district.zip3 == "104"
    assert not Accident.objects.filter(lat=25.0).exists()


@override_settings(NOTIFY_SMS_BACKEND="laborbureau.notify.sms.FailingSmsBackend", NOTIFY_MAX_ATTEMPTS=2)
def test_an_undeliverable_alert_is_retried_then_shown_to_the_chief(team):
    accident = services.accident_report(data=report(), actor=team["company"])
    deliver_due()
    sms = OutboxMessage.objects.filter(channel="sms")
    assert set(sms.values_list("status", "attempts")) == {("PENDING", 1)}
    assert len(selectors.undelivered_alerts()) == 2  # retrying
    sms.update(next_attempt_at=timezone.now())
    deliver_due()
    assert set(sms.values_list("status", flat=True)) == {"DEAD"}
    assert services.undelivered_alerts_sweep() == 2
    assert services.undelivered_alerts_sweep() == 0  # once per alert
    told = OutboxMessage.objects.filter(recipient=team["chief"], channel="in_app")
    assert told.count() == 2 and all(accident.case.number in m.subject_zh for m in told)


def test_no_report_is_lost_if_the_worker_dies_before_delivery(team, monkeypatch):
    """The report and its outbox rows commit together; a delivery that crashes leaves
    the rows PENDING for the next worker."""
    accident = services.accident_report(data=report(), actor=team["company"])
    from laborbureau.notify import delivery

    def crash(message):
        raise SystemError("worker died")

    monkeypatch.setattr(delivery, "_send", crash)
    deliver_due()
    assert Accident.objects.filter(pk=accident.pk).exists()
    assert not OutboxMessage.objects.filter(status="SENT").exists()
    monkeypatch.undo()
    OutboxMessage.objects.update(next_attempt_at=timezone.now())
    assert deliver_due() == 6


def test_the_chain_acknowledge_dispatch_arrive_findings(team):
    accident = services.accident_report(data=report(), actor=team["company"])
    deliver_due()
    fire = case_services.case_transition
    with pytest.raises(ApplicationError):  # an officer not on duty as supervisor
        fire(case=accident.case, name="acknowledge", actor=team["officer"], data={})
    fire(case=accident.case, name="acknowledge", actor=team["supervisor"], data={})
    fire(case=accident.case, name="dispatch", actor=team["supervisor"], data={"inspector": str(team["inspector"].pk)})
    fire(case=accident.case, name="arrive", actor=team["inspector"], data={})
    fire(case=accident.case, name="record_findings", actor=team["inspector"],
         data={"findings": "施工架未設護欄。", "stop_work_recommended": True, "inspection_number": "115-INS-000001"})
    accident.refresh_from_db()
    assert accident.case.status == "FINDINGS" and accident.stop_work_recommended
    assert accident.acknowledged_by == team["supervisor"] and accident.inspector == team["inspector"]
    assert accident.reported_at <= accident.acknowledged_at <= accident.dispatched_at <= accident.arrived_at
    assert AccidentAlert.objects.filter(accident=accident, kind="DISPATCH", recipient=team["inspector"]).count() == 3
    times = selectors.chain_times(selectors.with_alert_times(Accident.objects.filter(pk=accident.pk)).get())
    assert times.report_to_alert is not None and times.report_to_arrival is not None
    figures = selectors.month_figures(team["chief"])
    assert figures[0].reports == 1 and figures[0].medians["report_to_arrival"] == times.report_to_arrival


def test_a_late_report_is_fined_after_sign_off(team):
    known = timezone.make_aware(datetime(2025, 6, 2, 9, 0))
    accident = services.accident_report(data=report(occurred_at=known, known_at=known), actor=team["company"])
    assert accident.late
    fire = case_services.case_transition
    fire(case=accident.case, name="dispatch", actor=team["chief"], data={"inspector": str(team["inspector"].pk)})
    fire(case=accident.case, name="arrive", actor=team["inspector"], data={})
    fire(case=accident.case, name="record_findings", actor=team["inspector"], data={"findings": "逾時通報。"})
    with pytest.raises(ApplicationError) as error:
        fire(case=accident.case, name="propose_fine", actor=team["officer"], data={"amount": 20_000})
    assert error.value.field == "amount"
    fire(case=accident.case, name="propose_fine", actor=team["officer"], data={"amount": 30_000})
    signoff = SignOff.objects.get(case=accident.case)
    case_services.signoff_decide(signoff=signoff, actor=team["chief"], approve=True)
    case_services.signoff_decide(signoff=SignOff.objects.get(pk=signoff.pk), actor=team["director"], approve=True)
    fine = Fine.objects.get(case=accident.case)
    assert fine.amount == 30_000 and fine.legal_basis == "職業安全衛生法第43條第2款"
    assert fine.violation_date.isoformat() == "2025-06-02"
    accident.refresh_from_db()
    assert accident.fine_number == fine.number and accident.case.status == "FINED"


def test_a_late_report_today_is_fined_in_the_previous_range_with_the_caution(team, client):
    """The 2025-12-19 amendment of 職業安全衛生法第43條 waits for the Executive Yuan's
    order: it does not block the fine; the previous range (NT$30,000–300,000) applies
    and the officer, the chief and the director see the caution."""
    known = timezone.now() - timedelta(hours=10)
    accident = services.accident_report(data=report(occurred_at=known, known_at=known), actor=team["company"])
    found = selectors.late_report_fine_range(accident)
    assert (found.min, found.max) == (30_000, 300_000) and found.caution_zh
    assert found.amendment_promulgated.isoformat() == "2025-12-19"
    fire = case_services.case_transition
    fire(case=accident.case, name="dispatch", actor=team["chief"], data={"inspector": str(team["inspector"].pk)})
    fire(case=accident.case, name="arrive", actor=team["inspector"], data={})
    fire(case=accident.case, name="record_findings", actor=team["inspector"], data={"findings": "逾時通報。"})
    client.force_login(team["officer"])
    page = client.get(f"/staff/cases/{accident.case.number}/").content.decode()
    assert "30,000–300,000" in page and "修正條文施行日期待定" in page and "propose_fine" in page
    with pytest.raises(ApplicationError) as error:  # the amended ceiling is not in force
        fire(case=accident.case, name="propose_fine", actor=team["officer"], data={"amount": 300_001})
    assert error.value.field == "amount" and not SignOff.objects.exists()
    fire(case=accident.case, name="propose_fine", actor=team["officer"], data={"amount": 300_000})
    signoff = SignOff.objects.get(case=accident.case)
    assert "第43條已於2025-12-19修正公布，施行日期待行政院令定，依修正前額度" in signoff.summary
    case_services.signoff_decide(signoff=signoff, actor=team["chief"], approve=True)
    case_services.signoff_decide(signoff=SignOff.objects.get(pk=signoff.pk), actor=team["director"], approve=True)
    fine = Fine.objects.get(case=accident.case)
    assert (fine.amount, fine.range_max, fine.violation_date) == (300_000, 300_000, timezone.localtime(
        accident.deadline_at).date())
    assert "注意：職業安全衛生法第43條已於2025-12-19修正公布" in fine.entries.get().note


def test_an_in_time_report_cannot_be_fined(team):
    accident = services.accident_report(data=report(), actor=team["company"])
    fire = case_services.case_transition
    fire(case=accident.case, name="dispatch", actor=team["chief"], data={"inspector": str(team["inspector"].pk)})
    fire(case=accident.case, name="arrive", actor=team["inspector"], data={})
    fire(case=accident.case, name="record_findings", actor=team["inspector"], data={"findings": "無違規。"})
    with pytest.raises(ApplicationError):
        fire(case=accident.case, name="propose_fine", actor=team["officer"], data={"amount": 30_000})
    assert not SignOff.objects.exists()


def test_a_phone_report_by_an_officer_names_the_employer(team):
    from laborbureau.core.services import EmployerInput

    accident = services.accident_report(data=report(employer=EmployerInput(name="大安營造有限公司"), channel="phone",
                                                    reporter_name="林主任"), actor=team["officer"])
    assert accident.channel == "phone" and accident.employer.name == "大安營造有限公司"
    with pytest.raises(ApplicationError):
        services.accident_report(data=report(), actor=team["officer"])  # no employer named


def test_roster_checks(team):
    now = timezone.now()
    with pytest.raises(ApplicationError) as error:
        services.shift_add(actor=team["chief"], user=team["inspector"], role="ON_CALL", starts_at=now,
                           ends_at=now - timedelta(hours=1))
    assert error.value.field == "ends_at"
    with pytest.raises(ApplicationError) as error:
        services.shift_add(actor=team["chief"], user=team["company"], role="ON_CALL", starts_at=now,
                           ends_at=now + timedelta(hours=1))
    assert error.value.field == "user"
    shift = services.shift_add(actor=team["chief"], user=team["officer"], role="SUPERVISOR", starts_at=now,
                               ends_at=now + timedelta(hours=2), phone="0911-222-333")
    assert shift.phone == "0911222333" and selectors.is_on_duty(team["officer"], "SUPERVISOR")


def test_disease_determination_runs_to_a_decision(team):
    from laborbureau.core.services import PersonInput

    determination = services.disease_apply(data=services.DiseaseInput(
        person=PersonInput(id_number="A123456789", name="陳小華"), disease="職業性肺塵病", exposure="長期從事噴砂作業"),
        actor=team["officer"])
    fire = case_services.case_transition
    fire(case=determination.case, name="record_evidence", actor=team["officer"], data={"evidence_summary": "診斷書"})
    fire(case=determination.case, name="record_review", actor=team["officer"], data={"review_opinion": "相關"})
    fire(case=determination.case, name="decide", actor=team["officer"],
         data={"recognised": "yes", "decision_reason": "暴露與疾病具因果關係。"})
    determination = DiseaseDetermination.objects.get(pk=determination.pk)
    assert determination.recognised is True and determination.case.status == "DECIDED"
