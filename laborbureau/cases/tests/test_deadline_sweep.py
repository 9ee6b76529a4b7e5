"""The deadline sweep reminds once per case and due date, before and after the limit."""

from datetime import timedelta

import pytest
from django.utils import timezone

from laborbureau.cases import services
from laborbureau.cases.models import Case, DeadlineReminder
from laborbureau.core.models import Role
from laborbureau.core.tests.factories import staff
from laborbureau.notify.models import OutboxMessage
from laborbureau.rules import working_days

pytestmark = pytest.mark.django_db


def make_case(number: str, due, assignee=None, closed=False):
    from laborbureau.core.models import Unit

    now = timezone.now()
    return Case.objects.create(
        number=number,
        case_type="x",
        unit=Unit.objects.get(code="LS"),
        status="OPEN",
        title="t",
        assignee=assignee,
        opened_at=now,
        state_entered_at=now,
        due_date=due,
        closed_at=now if closed else None,
    )


def test_due_soon_and_overdue_cases_are_reminded_once_each():
    today = timezone.localdate()
    officer = staff(Role.CASE_OFFICER, "LS")
    chief = staff(Role.SECTION_CHIEF, "LS")
    soon = make_case("115-X-1", working_days.add_working_days(today, 1), assignee=officer)
    late = make_case("115-X-2", today - timedelta(days=3))
    make_case("115-X-3", today + timedelta(days=40), assignee=officer)
    make_case("115-X-4", today - timedelta(days=3), assignee=officer, closed=True)

    assert services.deadline_sweep(today) == 2
    assert services.deadline_sweep(today) == 0
    reminders = {(r.case.number, r.kind) for r in DeadlineReminder.objects.select_related("case")}
    assert reminders == {("115-X-1", "DUE_SOON"), ("115-X-2", "OVERDUE")}
    assert OutboxMessage.objects.filter(recipient=officer, case_id=soon.pk, channel="in_app").count() == 1
    assert OutboxMessage.objects.filter(recipient=chief, case_id=late.pk, channel="in_app").count() == 1
