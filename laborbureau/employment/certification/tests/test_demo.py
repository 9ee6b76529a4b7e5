"""The demo: claims at three stages and two events; running it again adds nothing."""

import random

import pytest

from laborbureau.core.models import Role
from laborbureau.core.tests.factories import PersonFactory, citizen, staff
from laborbureau.employment.certification import demo
from laborbureau.employment.certification.models import Certification, Event, EventRegistration

pytestmark = pytest.mark.django_db


def test_the_demo_seeds_claims_and_events_once():
    people = [citizen(PersonFactory()) for _ in range(3)]
    team = {"eso_officer": staff(Role.CASE_OFFICER, "ESO", username="eso_officer")}
    made = demo.seed(rng=random.Random(3), citizens=people, employers=[], staff=team)
    assert made > 0
    assert sorted(Certification.objects.values_list("status", flat=True)) == ["SUBMITTED", "WAITING", "WAITING"]
    assert Event.objects.count() == 2 and EventRegistration.objects.count() == 4
    assert demo.seed(rng=random.Random(3), citizens=people, employers=[], staff=team) == 0
