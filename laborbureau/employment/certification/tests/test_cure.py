"""Documents missing at the first visit (就業保險法第25條第5項 "申請人未檢齊第一項規定文件者，
應於七日內補正；屆期未補正者，視為未申請"): the deadline (行政程序法第48條第2項、第4項), the
worker told, the first certification once they are completed, the sweep closing a claim not
cured, once."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from laborbureau.core.errors import ApplicationError, Conflict, Forbidden
from laborbureau.core.models import Role
from laborbureau.core.tests.factories import staff
from laborbureau.employment.certification import services
from laborbureau.employment.certification.models import Certification, CertificationStatus
from laborbureau.employment.certification.tests.factories import apply, claimant, counsellor
from laborbureau.notify.models import OutboxMessage
from laborbureau.rules import working_days

# 2026-09-21 (Mon) + 7 = 2026-09-28, 孔子誕辰紀念日 (a national holiday since 2025): the period
# ends on Tuesday 2026-09-29.
VISIT = date(2026, 9, 21)
DEADLINE = date(2026, 9, 29)


def missing(claim, officer, day=VISIT, codes=("SEPARATION",), note=""):
    return services.documents_missing_record(certification=claim, actor=officer, missing_documents=list(codes),
                                             note=note, today=day)


def complete(claim, officer, day):
    return services.first_certification_record(certification=claim, actor=officer, documents_checked=True,
                                               able_and_willing=True, today=day)


# --- the deadline -------------------------------------------------------------------------


@pytest.mark.parametrize(("visit", "due", "morning_only"), [
    (date(2026, 3, 2), date(2026, 3, 9), False),  # Monday to Monday: no holiday, not extended
    (VISIT, DEADLINE, False),  # the last day is 教師節 (Monday): the next working day
    (date(2026, 2, 10), date(2026, 2, 23), False),  # the last day is 春節: after the new-year holidays
    (date(2026, 2, 20), date(2026, 3, 2), False),  # the last day is 和平紀念日's 補假 (Friday): Monday
    # A visit on a make-up working Saturday: the last day is a Saturday off, the period ends on
    # Monday morning (第48條第4項後段).
    (date(2024, 2, 17), date(2024, 2, 26), True),
])
def test_the_deadline_does_not_count_the_visit_and_moves_off_rest_days(visit, due, morning_only):
    deadline = services.cure_deadline(visit)
    assert (deadline.due, deadline.morning_only) == (due, morning_only)
    assert deadline.nominal_end == visit + timedelta(days=7)
    assert deadline.basis.law == "行政程序法"


@given(st.dates(min_value=date(2013, 1, 1), max_value=date(2027, 11, 30)))
def test_the_deadline_is_the_first_working_day_from_the_seventh_day(visit):
    deadline = services.cure_deadline(visit)
    seventh = visit + timedelta(days=services.CURE_DAYS)
    assert deadline.due >= seventh
    assert working_days.is_working_day(deadline.due)
    gap = (deadline.due - seventh).days
    assert not any(working_days.is_working_day(seventh + timedelta(days=n)) for n in range(gap))
    assert deadline.morning_only == (deadline.due != seventh and seventh.weekday() == 5
                                     and deadline.due == seventh + timedelta(days=2))


# --- the services -------------------------------------------------------------------------


@pytest.mark.django_db
def test_missing_documents_set_the_deadline_and_tell_the_worker():
    user = claimant()
    claim = apply(user, today=VISIT, separation_date=VISIT - timedelta(days=3))
    before = OutboxMessage.objects.filter(recipient=user).count()
    claim = missing(claim, counsellor(), codes=["SEPARATION", "IDENTITY", "SEPARATION"], note="離職證明未載明離職原因")
    claim.refresh_from_db()
    assert (claim.status, claim.documents_requested_on, claim.cure_deadline, claim.cure_deadline_morning_only) == (
        CertificationStatus.SUBMITTED, VISIT, DEADLINE, False)
    assert (claim.missing_documents, claim.missing_documents_note) == (["SEPARATION", "IDENTITY"], "離職證明未載明離職原因")
    assert claim.awaiting_documents and claim.registration_date is None and not claim.documents_checked
    told = OutboxMessage.objects.filter(recipient=user).order_by("pk")[before:]
    assert len(told) == 2  # in-app and e-mail
    message = told[0]
    assert message.subject_zh == "請於115年9月29日前補正失業給付申請文件"
    assert "離職或定期契約證明文件、國民身分證或其他身分證明文件" in message.body_zh
    assert "第25條第5項" in message.body_zh and "2026-09-29" in message.body_en


@pytest.mark.django_db
def test_missing_documents_refusals_write_nothing():
    officer = counsellor()
    claim = apply(today=VISIT, separation_date=VISIT - timedelta(days=3))
    with pytest.raises(ApplicationError) as nothing:
        missing(claim, officer, codes=[])
    assert nothing.value.field == "missing_documents" and "第25條第1項" in nothing.value.message_zh
    with pytest.raises(ApplicationError) as unknown:
        missing(claim, officer, codes=["DIPLOMA"])
    assert unknown.value.field == "missing_documents"
    with pytest.raises(Forbidden):
        missing(claim, staff(Role.CASE_OFFICER, "LS"))
    claim.refresh_from_db()
    assert (claim.cure_deadline, claim.missing_documents, claim.documents_requested_on) == (None, [], None)
    missing(claim, officer)
    with pytest.raises(Conflict) as twice:  # the seven days run from the first visit, once
        missing(claim, officer, day=VISIT + timedelta(days=3))
    assert twice.value.code == "cure_pending"
    claim.refresh_from_db()
    assert claim.cure_deadline == DEADLINE


@pytest.mark.django_db
def test_documents_completed_on_the_last_day_proceed_as_of_the_first_visit():
    officer = counsellor()
    user = claimant()
    claim = apply(user, today=VISIT, separation_date=VISIT - timedelta(days=3))
    missing(claim, officer)
    assert services.certification_sweep(today=DEADLINE)["not_cured"] == 0  # the last day is still in time
    claim = complete(claim, officer, DEADLINE)
    assert (claim.status, claim.documents_checked, claim.registration_date) == (CertificationStatus.WAITING, True,
                                                                                 VISIT)
    assert (claim.cure_deadline, claim.missing_documents, claim.missing_documents_note) == (None, [], "")
    assert claim.documents_requested_on == VISIT  # kept: the day the application was made in person
    first = claim.dates.get()
    assert first.period_start == VISIT + timedelta(days=14)  # 第25條第2項's 14 days from the first visit
    assert services.certification_sweep(today=DEADLINE + timedelta(days=1))["not_cured"] == 0
    claim.refresh_from_db()
    assert claim.status == CertificationStatus.WAITING


@pytest.mark.django_db
def test_the_sweep_closes_a_claim_not_cured_once_and_the_first_certification_is_refused():
    officer = counsellor()
    user = claimant()
    claim = apply(user, today=VISIT, separation_date=VISIT - timedelta(days=3))
    missing(claim, officer)
    after = DEADLINE + timedelta(days=1)
    # Past the deadline, before the sweep ran: refused on the field, nothing written.
    with pytest.raises(ApplicationError) as late:
        complete(claim, officer, after)
    assert (late.value.field, late.value.code) == ("documents_checked", "cure_expired")
    claim.refresh_from_db()
    assert (claim.status, claim.registration_date, claim.dates.count()) == (CertificationStatus.SUBMITTED, None, 0)
    before = OutboxMessage.objects.filter(recipient=user).count()
    assert services.certification_sweep(today=after)["not_cured"] == 1
    assert services.certification_sweep(today=after)["not_cured"] == 0
    assert services.certification_sweep(today=after + timedelta(days=1))["not_cured"] == 0
    claim.refresh_from_db()
    assert (claim.status, claim.close_reason, claim.decision_note) == (
        CertificationStatus.CLOSED, "NOT_CURED", "屆期未補正，視為未申請（就業保險法第25條第5項）")
    assert claim.cure_deadline == DEADLINE  # kept on the closed claim: the deadline it missed
    told = OutboxMessage.objects.filter(recipient=user).order_by("pk")[before:]
    assert [m.subject_zh for m in told] == ["失業給付申請：屆期未補正，視為未申請"] * 2  # in-app and e-mail, once
    with pytest.raises(Conflict) as closed:
        complete(claim, officer, after)
    assert closed.value.code == "not_cured"
    # Deemed not made: the worker may apply again.
    again = apply(user, today=after, separation_date=VISIT - timedelta(days=3))
    assert again.status == CertificationStatus.SUBMITTED and Certification.objects.count() == 2


@pytest.mark.django_db
def test_a_claim_without_missing_documents_is_never_closed_by_the_sweep():
    claim = apply(today=VISIT, separation_date=VISIT - timedelta(days=3))
    assert services.certification_sweep(today=VISIT + timedelta(days=60))["not_cured"] == 0
    claim.refresh_from_db()
    assert claim.status == CertificationStatus.SUBMITTED
