"""Test helpers for mediation: LR staff, a mediator on the roster, a filed dispute,
and moving a scheduled meeting into the past so that its outcome can be recorded."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from laborbureau.cases import services as case_services
from laborbureau.core.models import Role
from laborbureau.core.services import EmployerInput
from laborbureau.core.tests.factories import business_id, staff
from laborbureau.relations.mediation import services
from laborbureau.relations.mediation.models import Dispute, MediatorProfile, Meeting, MeetingRoom
from laborbureau.rules import working_days


def lr_officer(username=None):
    return staff(Role.CASE_OFFICER, "LR", username=username)


def mediator(username=None, languages=("zh",), max_open_cases=20, weekdays=(0, 1, 2, 3, 4)):
    user = staff(Role.MEDIATOR, "LR", username=username)
    MediatorProfile.objects.create(user=user, languages=list(languages), weekdays=list(weekdays),
                                   max_open_cases=max_open_cases)
    return user


def claim(claim_type="OVERTIME", amount=48000, note=""):
    return services.ClaimInput(claim_type=claim_type, amount=amount, note=note)


def dispute_input(**overrides):
    data = {
        "applicant_kind": "WORKER",
        "procedure": "mediator",
        "employer": EmployerInput(name="信義餐飲有限公司", business_id=business_id()),
        "claims": [claim()],
        "description": "每月加班40小時，公司未給加班費。",
    }
    data.update(overrides)
    return services.DisputeInput(**data)


def file_dispute(actor, **overrides) -> Dispute:
    return services.dispute_file(data=dispute_input(**overrides), actor=actor)


def assign(dispute, officer, mediator_user):
    case_services.case_transition(case=dispute.case, name="assign_mediator", actor=officer,
                                  data={"mediator": str(mediator_user.pk)})
    dispute.refresh_from_db()
    return dispute


def next_working_slot(days_ahead=1, at=time(9, 0)):
    day = timezone.localdate() + timedelta(days=days_ahead)
    while not working_days.is_working_day(day):
        day += timedelta(days=1)
    return timezone.make_aware(datetime.combine(day, at))


def room():
    return MeetingRoom.objects.order_by("name").first()


def hold_meeting_yesterday(dispute):
    """Move the scheduled meeting to yesterday (the outcome is recorded after it), and
    the receipt and appointment before it, as they were in real life."""
    meeting = dispute.meetings.get(status="SCHEDULED")
    today = timezone.localdate()
    Dispute.objects.filter(pk=dispute.pk).update(received_on=today - timedelta(days=4),
                                                 appointed_on=today - timedelta(days=3))
    start = timezone.now() - timedelta(days=1)
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=start, ends_at=start + timedelta(minutes=90))
    return meeting
