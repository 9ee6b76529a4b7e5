"""The advice demo runs through the services and leaves rows in several states."""

import random

import pytest

from laborbureau.core.models import Role
from laborbureau.core.tests.factories import EmployerFactory, citizen, staff
from laborbureau.relations.advice import demo
from laborbureau.relations.advice.models import AdviceBooking, Adviser

pytestmark = pytest.mark.django_db


def test_the_demo_seeds_advisers_slots_and_bookings_once():
    citizens = [citizen() for _ in range(12)]
    logins = {"lr_officer": staff(Role.CASE_OFFICER, "LR", username="lr_officer")}
    made = demo.seed(rng=random.Random(1), citizens=citizens, employers=[EmployerFactory()], staff=logins)
    assert made > 0
    assert Adviser.objects.get(account__username=demo.ADVISER_LOGIN).name == "林志明律師"
    statuses = set(AdviceBooking.objects.values_list("status", flat=True))
    assert {"BOOKED", "ATTENDED", "NO_SHOW"} <= statuses
    assert demo.seed(rng=random.Random(1), citizens=citizens, employers=[], staff=logins) == 0
