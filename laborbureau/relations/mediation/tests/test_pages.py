"""The mediation pages: filing on the portal (worker, employer) with the calculators
linked, the staff recording, list, schedule and outcome pages, the roster, the panels on
the generic case pages, and the parties' view of the meeting and the outcome."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from laborbureau.cases.models import Case
from laborbureau.core.models import AccessLogEntry
from laborbureau.core.services import EmployerInput
from laborbureau.core.tests.factories import business_id, citizen, employer_user, national_id
from laborbureau.documents.models import IssuedDocument
from laborbureau.relations.mediation import services
from laborbureau.relations.mediation.models import MediatorConflict, MediatorProfile, MeetingRoom
from laborbureau.relations.mediation.tests.factories import (
    assign,
    file_dispute,
    hold_meeting_yesterday,
    lr_officer,
    mediator,
)

pytestmark = pytest.mark.django_db


def form_data(**overrides):
    data = {
        "applicant_kind": "WORKER", "procedure": "mediator", "employer_name": "信義餐飲有限公司",
        "business_id": business_id(), "employer_address": "臺北市信義區松仁路100號", "workplace_district": "63000020",
        "description": "加班費未給。", "language": "zh", "claim_OVERTIME": "on", "amount_OVERTIME": "48000",
    }
    data.update(overrides)
    return data


def test_the_portal_form_links_the_calculators_and_files_a_dispute(client):
    worker = citizen()
    client.force_login(worker)
    page = client.get(reverse("portal_dispute_new"))
    html = page.content.decode()
    assert page.status_code == 200
    for slug in ("severance", "overtime", "basic-wage"):
        assert reverse("calculator", args=[slug]) in html
    response = client.post(reverse("portal_dispute_new"), form_data())
    case = Case.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("portal_case", args=[case.number])
    assert case.channel == "portal"


def test_a_money_claim_without_an_amount_is_shown_on_its_field(client):
    client.force_login(citizen())
    response = client.post(reverse("portal_dispute_new"), form_data(amount_OVERTIME=""))
    assert response.status_code == 422
    assert response.context["form"].errors["amount_OVERTIME"]
    assert not Case.objects.exists()


def test_a_duplicate_on_the_portal_names_the_existing_case(client):
    worker = citizen()
    client.force_login(worker)
    data = form_data()
    client.post(reverse("portal_dispute_new"), data)
    again = client.post(reverse("portal_dispute_new"), data)
    assert again.status_code == 422
    assert Case.objects.get().number in again.content.decode()


def test_an_employer_files_on_the_portal_and_sees_the_case(client):
    account = employer_user()
    client.force_login(account)
    page = client.get(reverse("portal_dispute_new"))
    assert "employer_name" not in page.context["form"].fields
    response = client.post(reverse("portal_dispute_new"), form_data(
        applicant_kind="EMPLOYER", workers_text=f"{national_id()} 陳小美"))
    assert response.status_code == 302, response.context["form"].errors
    case = Case.objects.get()
    assert client.get(reverse("portal_case", args=[case.number])).status_code == 200


def test_staff_record_an_application(client):
    officer = lr_officer()
    client.force_login(officer)
    assert client.get(reverse("staff_dispute_new")).status_code == 200
    response = client.post(reverse("staff_dispute_new"), form_data(
        channel="counter", applicant_id_number=national_id(), applicant_name="林小華"))
    assert response.status_code == 302
    assert Case.objects.get().channel == "counter"


def test_the_staff_list_takes_the_same_queries_for_more_cases(client):
    officer = lr_officer()
    client.force_login(officer)
    file_dispute(citizen())
    client.get(reverse("staff_disputes"))
    with CaptureQueriesContext(connection) as one:
        assert client.get(reverse("staff_disputes")).status_code == 200
    for _ in range(4):
        file_dispute(citizen())
    with CaptureQueriesContext(connection) as many:
        response = client.get(reverse("staff_disputes"))
    assert len(response.context["disputes"]) == 5
    assert len(many) == len(one)


def test_schedule_and_outcome_pages_then_both_sides_see_the_meeting_and_the_outcome(client):
    worker = citizen()
    account = employer_user()
    employer = account.employer
    officer = lr_officer()
    mediator_user = mediator()
    dispute = file_dispute(worker, employer=EmployerInput(name=employer.name, business_id=employer.business_id))
    number = dispute.case.number
    client.force_login(officer)
    staff_page = client.get(reverse("staff_case", args=[number]))
    assert "建議調解人" in staff_page.content.decode()
    assign(dispute, officer, mediator_user)
    schedule = client.get(reverse("staff_dispute_schedule", args=[number]))
    assert schedule.status_code == 200
    choice = schedule.context["form"].fields["slot"].choices[0][0]
    booked = client.post(reverse("staff_dispute_schedule", args=[number]), {"slot": choice})
    assert booked.status_code == 302
    for party in (worker, account):
        client.force_login(party)
        seen = client.get(reverse("portal_case", args=[number])).content.decode()
        assert "調解會議時間" in seen
        assert "勞資爭議調解會議開會通知" in seen
    hold_meeting_yesterday(dispute)
    client.force_login(mediator_user)
    page = client.get(reverse("staff_dispute_outcome", args=[number]))
    assert "settled_OVERTIME" in page.context["form"].fields
    over = client.post(reverse("staff_dispute_outcome", args=[number]), {
        "outcome": "SETTLED", "applicant_attended": "on", "respondent_attended": "on", "record_summary": "共識",
        "settlement_terms": "給付60,000元", "settled_OVERTIME": "60000"})
    assert over.status_code == 422
    assert over.context["form"].errors["settled_OVERTIME"]
    done = client.post(reverse("staff_dispute_outcome", args=[number]), {
        "outcome": "SETTLED", "applicant_attended": "on", "respondent_attended": "on", "record_summary": "共識",
        "settlement_terms": "給付60,000元", "settled_OVERTIME": "60000", "confirm_OVERTIME": "on"})
    assert done.status_code == 302
    client.force_login(worker)
    seen = client.get(reverse("portal_case", args=[number])).content.decode()
    assert "調解成立" in seen
    assert "給付60,000元" in seen
    assert IssuedDocument.objects.filter(case__number=number, kind="record").count() == 1


def test_a_double_booking_on_the_schedule_page_answers_409_with_a_message(client):
    officer = lr_officer()
    mediator_user = mediator()
    first = assign(file_dispute(citizen()), officer, mediator_user)
    second = assign(file_dispute(citizen()), officer, mediator_user)
    client.force_login(officer)
    choice = client.get(reverse("staff_dispute_schedule", args=[second.case.number])).context["form"].fields[
        "slot"].choices[0][0]
    starts, _, room_id = choice.rpartition("|")
    services.meeting_schedule(case=first.case, actor=officer, starts_at=__import__("datetime").datetime.fromisoformat(
        starts), room_id=[r.pk for r in MeetingRoom.objects.all() if str(r.pk) != room_id][0])
    response = client.post(reverse("staff_dispute_schedule", args=[second.case.number]), {"slot": choice})
    assert response.status_code == 409
    assert "調解人在此時段已有其他會議" in response.content.decode()


def test_another_units_staff_get_404_and_the_case_page_read_is_logged(client, officer):
    dispute = file_dispute(citizen())
    number = dispute.case.number
    client.force_login(officer)  # an LS officer
    assert client.get(reverse("staff_dispute_schedule", args=[number])).status_code == 404
    assert client.get(reverse("staff_dispute_outcome", args=[number])).status_code == 404
    client.force_login(lr_officer())
    client.get(reverse("staff_case", args=[number]))
    assert AccessLogEntry.objects.filter(object_id=number).exists()


def test_the_roster_page_adds_a_mediator_a_conflict_and_a_room(client):
    chief = lr_officer()
    staff_mediator = mediator()
    MediatorProfile.objects.filter(pk=staff_mediator.pk).delete()
    client.force_login(chief)
    assert client.get(reverse("staff_mediators")).status_code == 200
    response = client.post(reverse("staff_mediators"), {
        "action": "profile", "username": staff_mediator.username, "languages": ["zh", "vi"], "weekdays": ["0", "2"],
        "max_open_cases": "15"})
    assert response.status_code == 302
    profile = MediatorProfile.objects.get(user=staff_mediator)
    assert (profile.languages, profile.weekdays, profile.max_open_cases) == (["vi", "zh"], [0, 2], 15)
    dispute = file_dispute(citizen())
    client.post(reverse("staff_mediators"), {"action": "conflict", "mediator": staff_mediator.username,
                                             "business_id": dispute.employer.business_id, "reason": "曾任法律顧問"})
    assert MediatorConflict.objects.get().employer_id == dispute.employer_id
    bad = client.post(reverse("staff_mediators"), {"action": "room", "name": ""})
    assert bad.status_code == 422
    client.post(reverse("staff_mediators"), {"action": "room", "name": "調解室四", "location": "6樓"})
    assert MeetingRoom.objects.filter(name="調解室四").exists()


def test_a_party_tells_the_days_it_cannot_attend(client):
    from datetime import timedelta

    from django.utils import timezone

    worker = citizen()
    dispute = file_dispute(worker)
    client.force_login(worker)
    day = timezone.localdate() + timedelta(days=5)
    response = client.post(reverse("portal_dispute_unavailable", args=[dispute.case.number]),
                           {"days": day.isoformat()})
    assert response.status_code == 302
    dispute.refresh_from_db()
    assert dispute.applicant_unavailable == [day.isoformat()]
