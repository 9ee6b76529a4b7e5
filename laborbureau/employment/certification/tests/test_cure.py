"""Documents missing at the first visit (就業保險法第25條第5項 "申請人未檢齊第一項規定文件者，
應於七日內補正；屆期未補正者，視為未申請"): the deadline (行政程序法第48條第2項、第4項), the
worker told, the first certification once they are completed, the sweep closing a claim not
cured, once; the staff page, the portal page and the API."""

from datetime import date, timedelta

import pytest
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from laborbureau.api.tests.openapi_check import assert_matches_openapi
from laborbureau.core.errors import ApplicationError, Conflict, Forbidden
from laborbureau.core.models import Role
from laborbureau.core.tests.factories import PersonFactory, citizen, staff
from laborbureau.employment.certification import services
from laborbureau.employment.certification.models import Certification, CertificationStatus
from laborbureau.employment.certification.tests.factories import apply, claimant, counsellor
from laborbureau.notify.models import OutboxMessage
from laborbureau.rules import working_days

URL = "/api/v1/unemployment-certifications"
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


# --- the pages ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_staff_page_records_missing_documents_with_errors_on_the_field(client, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda: VISIT)
    user = claimant()
    claim = apply(user, today=VISIT, separation_date=VISIT - timedelta(days=3))
    client.force_login(counsellor())
    page = f"/staff/employment/certifications/{claim.pk}/"
    assert "文件未檢齊（通知七日內補正）" in client.get(page).content.decode()
    response = client.post(f"{page}missing/", {"note": "未帶離職證明"})
    assert response.status_code == 422
    html = response.content.decode()
    assert 'id="id_cure_missing_documents_error"' in html and "請勾選未檢齊之文件（就業保險法第25條第1項）。" in html
    response = client.post(f"{page}missing/", {}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 422 and "Tick the documents that are missing (Art. 25(1))." in response.content.decode()
    claim.refresh_from_db()
    assert claim.cure_deadline is None
    response = client.post(f"{page}missing/", {"missing_documents": ["SEPARATION"], "note": "未帶離職證明"})
    assert response.status_code == 302
    claim.refresh_from_db()
    assert (claim.cure_deadline, claim.missing_documents) == (DEADLINE, ["SEPARATION"])
    html = client.get(page).content.decode()
    assert "待補正文件" in html and "民國115年9月29日" in html and "離職或定期契約證明文件" in html
    assert "文件補正後辦理初次失業認定" in html and f"{page}missing/" not in html
    assert "115/09/29" in client.get("/staff/employment/certifications/").content.decode()
    # Completed after the deadline: the refusal shows on the documents field.
    monkeypatch.setattr(timezone, "localdate", lambda: DEADLINE + timedelta(days=1))
    response = client.post(f"{page}first/", {"documents_checked": "on", "able_and_willing": "on"})
    assert response.status_code == 422
    html = response.content.decode()
    assert 'id="id_documents_checked_error"' in html and "補正期限115年9月29日已過，視為未申請" in html
    claim.refresh_from_db()
    assert claim.status == CertificationStatus.SUBMITTED
    # In time: the first certification.
    monkeypatch.setattr(timezone, "localdate", lambda: DEADLINE)
    response = client.post(f"{page}first/", {"documents_checked": "on", "able_and_willing": "on"})
    assert response.status_code == 302
    claim.refresh_from_db()
    assert (claim.status, claim.registration_date, claim.cure_deadline) == (CertificationStatus.WAITING, VISIT, None)


@pytest.mark.django_db
def test_the_portal_page_shows_the_worker_the_deadline_and_what_is_missing(client):
    user = claimant()
    claim = apply(user, today=VISIT, separation_date=VISIT - timedelta(days=3))
    missing(claim, counsellor(), codes=["IDENTITY"], note="請攜帶國民身分證正本")
    client.force_login(user)
    html = client.get(f"/portal/certification/{claim.pk}/").content.decode()
    assert "請補正文件" in html and "民國115年9月29日" in html and "國民身分證或其他身分證明文件" in html
    assert "請攜帶國民身分證正本" in html and "視為未申請（就業保險法第25條第5項）" in html
    assert "民國115年9月29日" in client.get("/portal/certification/").content.decode()
    services.certification_sweep(today=DEADLINE + timedelta(days=1))
    html = client.get(f"/portal/certification/{claim.pk}/").content.decode()
    assert "請補正文件" not in html and "屆期未補正，視為未申請（就業保險法第25條第5項）" in html


@pytest.mark.django_db
def test_the_morning_deadline_is_shown_as_morning(client):
    visit = date(2024, 2, 17)  # a make-up working Saturday: the period ends Monday 2024-02-26, morning
    user = claimant()
    claim = apply(user, today=visit, separation_date=visit - timedelta(days=3))
    claim = missing(claim, counsellor(), day=visit)
    assert (claim.cure_deadline, claim.cure_deadline_morning_only) == (date(2024, 2, 26), True)
    client.force_login(user)
    assert "民國113年2月26日上午" in client.get(f"/portal/certification/{claim.pk}/").content.decode()


# --- the API ------------------------------------------------------------------------------


def api_post(client, path, body):
    response = client.post(f"{URL}{path}", body, content_type="application/json")
    assert_matches_openapi(response, "post", f"{URL}{path}")
    return response


@pytest.mark.django_db
def test_the_api_records_missing_documents_and_the_first_certification_after_them(client):
    today = timezone.localdate()
    user = claimant()
    claim = apply(user, today=today, separation_date=today - timedelta(days=3))
    officer = counsellor()
    client.force_login(officer)
    response = api_post(client, f"/{claim.pk}/missing-documents", {"missing_documents": ["SEPARATION"],
                                                                    "note": "離職證明未載明離職原因"})
    assert response.status_code == 200, response.content
    data = response.json()
    deadline = services.cure_deadline(today)
    assert (data["status"], data["missing_documents"], data["cure_deadline"], data["documents_requested_on"]) == (
        "SUBMITTED", ["SEPARATION"], deadline.due.isoformat(), today.isoformat())
    assert data["cure_deadline_morning_only"] is deadline.morning_only
    assert api_post(client, f"/{claim.pk}/missing-documents", {"missing_documents": ["IDENTITY"]}).status_code == 409
    response = api_post(client, f"/{claim.pk}/first-certification", {"documents_checked": True,
                                                                      "able_and_willing": True})
    assert response.status_code == 200
    data = response.json()
    assert (data["status"], data["cure_deadline"], data["missing_documents"], data["registration_date"]) == (
        "WAITING", None, [], today.isoformat())


@pytest.mark.django_db
def test_the_api_answers_bad_input_with_4xx_and_writes_nothing(client):
    claim = apply()
    client.force_login(counsellor())
    for body, field in (({"missing_documents": []}, "missing_documents"),
                        ({"missing_documents": ["DIPLOMA"]}, "missing_documents"),
                        ({}, "missing_documents"),
                        ({"missing_documents": ["SEPARATION"], "note": "x" * 301}, "note")):
        response = api_post(client, f"/{claim.pk}/missing-documents", body)
        assert response.status_code == 422, body
        assert response.json()["detail"][0]["loc"][:2] == ["body", field], response.json()
    client.force_login(citizen(claim.person))  # the worker's own claim: not theirs to record
    assert api_post(client, f"/{claim.pk}/missing-documents", {"missing_documents": ["SEPARATION"]}).status_code == 403
    client.force_login(citizen(PersonFactory()))
    assert api_post(client, f"/{claim.pk}/missing-documents", {"missing_documents": ["SEPARATION"]}).status_code == 404
    claim.refresh_from_db()
    assert (claim.cure_deadline, claim.missing_documents) == (None, [])
