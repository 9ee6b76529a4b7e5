"""Unemployment certification through its services: the application, the first
certification in person, the monthly re-certifications with job-search records (第30條),
offers and refusals (第13條, 第14條, 第15條), work income (第17條), the reminder and
missed-date sweep (第29條), events, and the Bureau export."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from laborbureau.core.errors import ApplicationError, Conflict, Forbidden
from laborbureau.core.models import AccessLogEntry, Role
from laborbureau.core.tests.factories import PersonFactory, citizen, staff
from laborbureau.employment.certification import export, services
from laborbureau.employment.certification.models import (
    Certification,
    CertificationDate,
    CertificationStatus,
    DateStatus,
    Event,
    JobSearchRecord,
    Offer,
)
from laborbureau.employment.certification.tests.factories import (
    PDF,
    application,
    apply,
    certified_claim,
    claimant,
    counsellor,
    vacancy,
)
from laborbureau.employment.models import Referral
from laborbureau.notify.models import OutboxMessage
from laborbureau.rules import unemployment as rules

pytestmark = pytest.mark.django_db


def record(claim, user, day, n=0, content=None):
    return services.search_record_add(
        certification=claim, actor=user, today=day, content=content, file_name="proof.pdf",
        data=services.SearchRecordInput(searched_on=day, employer_name=f"大安科技{n}公司", position="門市人員",
                                        method="ONLINE", result="AWAITING"))


def test_a_worker_goes_through_the_first_certification_and_two_re_certifications():
    officer = counsellor()
    user = claimant()
    start = timezone.localdate()
    claim = services.certification_apply(data=application(separation_date=start - timedelta(days=3)), actor=user,
                                         today=start)
    assert claim.status == CertificationStatus.SUBMITTED and claim.channel == "portal"
    claim = services.first_certification_record(certification=claim, actor=officer, documents_checked=True,
                                                able_and_willing=True, today=start)
    benefit = rules.unemployment_benefit(on=start, separation_date=start - timedelta(days=3),
                                         insured_salaries=[45_800] * 6, birth_date=claim.birth_date)
    assert (claim.status, claim.registration_date, claim.monthly_benefit, claim.max_months) == (
        CertificationStatus.WAITING, start, 27_480, 6)
    first = claim.dates.get()
    assert (first.month, first.period_start, first.due_date) == (1, start + timedelta(days=14),
                                                                 benefit.schedule[0].office_day)
    # Month 1: the initial recognition on the 15th day; no job-search records needed.
    day = first.due_date
    services.date_record(date_row=first, data=services.DateRecordInput(certified=True), actor=officer, today=day)
    claim.refresh_from_db()
    assert claim.status == CertificationStatus.RECEIVING
    second = claim.dates.get(month=2)
    assert (second.period_start, second.due_date) == (benefit.schedule[1].period_start, benefit.schedule[1].office_day)
    # Month 2: two records entered on the portal, verified in person.
    day = second.due_date
    ids = [record(claim, user, day - timedelta(days=n), n).pk for n in (1, 2)]
    services.date_record(date_row=second, data=services.DateRecordInput(certified=True, record_ids=ids),
                         actor=officer, today=day)
    third = claim.dates.get(month=3)
    day = third.due_date
    ids = [record(claim, user, day - timedelta(days=n), n, content=PDF).pk for n in (3, 4)]
    row = services.date_record(date_row=third, data=services.DateRecordInput(certified=True, record_ids=ids),
                               actor=officer, today=day)
    assert (row.status, row.job_search_records, row.payable) == (DateStatus.CERTIFIED, 2, 27_480)
    assert list(claim.dates.values_list("month", "status")) == [
        (1, "CERTIFIED"), (2, "CERTIFIED"), (3, "CERTIFIED"), (4, "SCHEDULED")]
    assert JobSearchRecord.objects.filter(certification=claim, verified=True).count() == 4
    assert OutboxMessage.objects.filter(recipient=user).count() >= 5


def test_a_re_certification_needs_two_job_search_records():
    officer = counsellor()
    claim = certified_claim(officer)
    first = claim.dates.get()
    services.date_record(date_row=first, data=services.DateRecordInput(certified=True), actor=officer,
                         today=first.due_date)
    second = claim.dates.get(month=2)
    user = citizen(claim.person)
    one = record(claim, user, second.due_date)
    with pytest.raises(ApplicationError) as error:
        services.date_record(date_row=second, data=services.DateRecordInput(certified=True, record_ids=[one.pk]),
                             actor=officer, today=second.due_date)
    assert error.value.field == "record_ids" and "第30條" in error.value.message_zh
    second.refresh_from_db()
    assert second.status == DateStatus.SCHEDULED and not CertificationDate.objects.filter(month=3).exists()
    # Not certified that month: recorded so, and the next month is scheduled.
    services.date_record(date_row=second, data=services.DateRecordInput(certified=False, note="求職紀錄不足"),
                         actor=officer, today=second.due_date)
    assert claim.dates.get(month=2).status == DateStatus.NOT_CERTIFIED
    assert claim.dates.get(month=3).status == DateStatus.SCHEDULED


def test_a_date_is_not_recorded_before_its_month_or_after_it():
    officer = counsellor()
    claim = certified_claim(officer)
    first = claim.dates.get()
    with pytest.raises(ApplicationError) as early:
        services.date_record(date_row=first, data=services.DateRecordInput(certified=True), actor=officer,
                             today=first.period_start - timedelta(days=1))
    assert early.value.code == "too_early"
    with pytest.raises(ApplicationError) as late:
        services.date_record(date_row=first, data=services.DateRecordInput(certified=True), actor=officer,
                             today=first.period_end + timedelta(days=1))
    assert late.value.code == "missed"


def test_a_proxy_needs_the_medical_reason_and_work_income_over_the_minimum_wage_bars_the_month():
    officer = counsellor()
    # A claim of March 2026, when the minimum wage (29,500) is recorded.
    claim = certified_claim(officer, start=date(2026, 3, 2))
    first = claim.dates.get()
    with pytest.raises(ApplicationError) as error:
        services.date_record(date_row=first, data=services.DateRecordInput(certified=True, in_person=False),
                             actor=officer, today=first.due_date)
    assert error.value.field == "proxy_reason"
    row = services.date_record(date_row=first, data=services.DateRecordInput(certified=True, work_income=99_000),
                               actor=officer, today=first.due_date)
    assert row.status == DateStatus.NOT_CERTIFIED and "第17條" in row.outcome_note and row.payable is None
    second = claim.dates.get(month=2)
    ids = [record(claim, officer, second.due_date, n).pk for n in (1, 2)]
    row = services.date_record(date_row=second, actor=officer, today=second.due_date,
                               data=services.DateRecordInput(certified=True, record_ids=ids, work_income=12_000))
    assert (row.status, row.payable) == (DateStatus.CERTIFIED, 24_640)  # 12,000 + 27,480 − 36,640 deducted


def test_the_first_certification_refuses_a_voluntary_separation_with_its_reason():
    officer = counsellor()
    claim = apply(separation_reason="VOLUNTARY", insured_months_in_three_years=8)
    claim = services.first_certification_record(certification=claim, actor=officer, documents_checked=True,
                                                able_and_willing=True)
    assert claim.status == CertificationStatus.REJECTED
    assert "非自願離職" in claim.decision_note and "未滿一年" in claim.decision_note
    assert not claim.dates.exists()


def test_documents_must_be_checked_and_only_the_service_certifies():
    claim = apply()
    with pytest.raises(ApplicationError) as error:
        services.first_certification_record(certification=claim, actor=counsellor(), documents_checked=False,
                                            able_and_willing=True)
    assert error.value.field == "documents_checked"
    with pytest.raises(Forbidden):
        services.first_certification_record(certification=claim, actor=staff(Role.CASE_OFFICER, "LS"),
                                            documents_checked=True, able_and_willing=True)
    claim.refresh_from_db()
    assert claim.status == CertificationStatus.SUBMITTED


def test_application_refusals_write_nothing():
    user = claimant()
    with pytest.raises(ApplicationError) as error:
        apply(user, insured_salaries=[45_800] * 5)
    assert error.value.field == "insured_salaries"
    with pytest.raises(ApplicationError) as late:
        apply(user, separation_date=timezone.localdate() - timedelta(days=800))
    assert late.value.field == "separation_date"
    with pytest.raises(ApplicationError) as unregistered:
        services.certification_apply(data=application(), actor=citizen(PersonFactory()))
    assert unregistered.value.code == "not_registered"
    assert not Certification.objects.exists()
    apply(user)
    with pytest.raises(Conflict):
        apply(user)
    assert Certification.objects.count() == 1


def test_a_job_refused_without_cause_bars_the_benefit_and_a_far_one_does_not():
    officer = counsellor()
    claim = certified_claim(officer)
    near = services.offer_job(certification=claim, vacancy=vacancy(pay_min=40_000, pay_max=None), actor=officer)
    assert Referral.objects.filter(pk=near.referral_id, seeker=claim.seeker).exists()
    far = services.offer_job(certification=claim, vacancy=vacancy(pay_min=40_000, pay_max=None), actor=officer)
    kept = services.offer_answer(offer=far, accepted=False, offered_wage=40_000, distance_km=35, actor=officer)
    assert (kept.justified, kept.refusal_ground) == (True, "DISTANCE")
    claim.refresh_from_db()
    assert claim.status == CertificationStatus.WAITING
    barred = services.offer_answer(offer=near, accepted=False, offered_wage=40_000, distance_km=3, actor=officer)
    assert (barred.justified, barred.refusal_ground) == (False, "NONE")
    claim.refresh_from_db()
    assert claim.status == CertificationStatus.REJECTED and "第15條第1款" in claim.decision_note
    assert claim.dates.get().status == DateStatus.CANCELLED


def test_a_training_refusal_with_an_illness_keeps_the_benefit():
    officer = counsellor()
    claim = certified_claim(officer)
    offer = services.offer_training(certification=claim, course_name="電腦輔助設計班", provider="臺北市職能發展學院",
                                    actor=officer)
    with pytest.raises(ApplicationError) as error:
        services.offer_answer(offer=offer, accepted=False, actor=officer)
    assert error.value.field == "ground"
    answered = services.offer_answer(offer=offer, accepted=False, ground="ILLNESS", actor=officer)
    assert answered.justified is True
    claim.refresh_from_db()
    assert claim.status == CertificationStatus.WAITING


def test_the_sweep_reminds_once_and_marks_a_missed_month():
    officer = counsellor()
    user = claimant()
    claim = certified_claim(officer, user=user)
    first = claim.dates.get()
    before = OutboxMessage.objects.filter(recipient=user).count()
    day = first.due_date - timedelta(days=services.REMIND_DAYS_BEFORE)
    assert services.certification_sweep(today=day) == {"reminded": 1, "missed": 0, "not_cured": 0}
    assert services.certification_sweep(today=day) == {"reminded": 0, "missed": 0, "not_cured": 0}
    assert OutboxMessage.objects.filter(recipient=user).count() == before + 2  # in-app and e-mail
    after = first.period_end + timedelta(days=1)
    assert services.certification_sweep(today=after)["missed"] == 1
    first.refresh_from_db()
    assert first.status == DateStatus.MISSED and "第29條第2項" in first.outcome_note
    assert claim.dates.get(month=2).status == DateStatus.SCHEDULED
    assert services.certification_sweep(today=after)["missed"] == 0


def test_the_last_month_ends_the_claim():
    officer = counsellor()
    claim = certified_claim(officer)
    for month in range(1, 7):
        row = claim.dates.get(month=month)
        ids = [] if month == 1 else [record(claim, officer, row.due_date, n).pk for n in (month * 10, month * 10 + 1)]
        services.date_record(date_row=row, data=services.DateRecordInput(certified=True, record_ids=ids),
                             actor=officer, today=row.due_date)
    claim.refresh_from_db()
    assert (claim.status, claim.close_reason, claim.dates.count()) == (CertificationStatus.CLOSED, "COMPLETED", 6)


def test_a_record_file_must_be_a_pdf_or_image():
    claim = certified_claim()
    with pytest.raises(ApplicationError) as error:
        record(claim, citizen(claim.person), timezone.localdate(), content=b"MZ\x90\x00 not a pdf")
    assert error.value.field == "file"
    assert not JobSearchRecord.objects.exists()
    saved = record(claim, citizen(claim.person), timezone.localdate(), content=PDF)
    assert (saved.content_type, saved.size, len(saved.sha256)) == ("application/pdf", len(PDF), 64)


def test_the_bureau_export_lists_certified_dates_and_is_logged():
    officer = counsellor()
    claim = certified_claim(officer)
    first = claim.dates.get()
    services.date_record(date_row=first, data=services.DateRecordInput(certified=True), actor=officer,
                         today=first.due_date)
    text, count = export.bureau_export(date_from=first.due_date, date_to=first.due_date, actor=officer)
    lines = text.split("\r\n")
    assert count == 1 and lines[0] == ",".join(export.COLUMNS)
    fields = lines[1].split(",")
    assert fields[0] == "UC-EXPORT-1" and fields[2] == claim.person.id_number and fields[10] == "INITIAL"
    assert fields[18] == "27480"
    assert AccessLogEntry.objects.filter(user=officer, object_type="unemployment_certification").count() == 1
    with pytest.raises(ApplicationError):
        export.bureau_export(date_from=first.due_date, date_to=first.due_date - timedelta(days=1), actor=officer)


def test_events_fill_up_and_record_attendance():
    officer = counsellor()
    today = timezone.localdate()
    event = services.event_create(actor=officer, data=services.EventInput(
        kind="BRIEFING", title="資遣勞工就業資源說明會", date=today, starts_at=timezone.datetime(2000, 1, 1, 14).time(),
        ends_at=timezone.datetime(2000, 1, 1, 16).time(), venue="就業服務處3樓", capacity=1))
    first = citizen(PersonFactory())
    registration = services.event_register(event=event, actor=first)
    with pytest.raises(Conflict):
        services.event_register(event=event, actor=first)
    with pytest.raises(ApplicationError) as full:
        services.event_register(event=event, actor=citizen(PersonFactory()))
    assert full.value.code == "full"
    services.event_attendance(registration=registration, attended=True, actor=officer)
    registration.refresh_from_db()
    assert registration.attended is True
    assert Event.objects.get().registrations.count() == 1
    assert Offer.objects.count() == 0
