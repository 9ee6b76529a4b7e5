"""The demo seeding drives the services into every state (tests never use its data)."""

import random

import pytest

from laborbureau.core.models import Role
from laborbureau.core.tests.factories import EmployerFactory, citizen, staff
from laborbureau.relations.mediation import demo, selectors
from laborbureau.relations.mediation.models import Dispute

pytestmark = pytest.mark.django_db


def test_the_demo_makes_disputes_in_every_state_and_consistent_statistics():
    logins = {
        "lr_officer": staff(Role.CASE_OFFICER, "LR", username="lr_officer"),
        "lr_mediator": staff(Role.MEDIATOR, "LR", username="lr_mediator"),
        "lr_chief": staff(Role.SECTION_CHIEF, "LR", username="lr_chief"),
    }
    citizens = [citizen() for _ in range(6)]
    employers = [EmployerFactory() for _ in range(5)]
    made = demo.seed(rng=random.Random(115), citizens=citizens, employers=employers, staff=logins)
    assert made == len(demo.TARGETS)
    states = set(Dispute.objects.values_list("case__status", flat=True))
    assert states == {"SUBMITTED", "MEDIATOR_ASSIGNED", "COMMITTEE_FORMING", "MEETING_SCHEDULED", "SETTLED",
                      "NOT_SETTLED", "RESPONDENT_ABSENT", "WITHDRAWN", "AWAITING_NEXT_MEETING"} - {"MEDIATOR_ASSIGNED"}
    statistics = selectors.dispute_statistics(logins["lr_chief"])
    assert statistics.total.cases == made
    assert sum(row.cases for row in statistics.tables["outcome"]) == made
