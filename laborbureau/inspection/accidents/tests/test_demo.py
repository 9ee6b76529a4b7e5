import random

import pytest

from laborbureau.core.models import Role
from laborbureau.core.tests.factories import EmployerFactory, citizen, staff
from laborbureau.inspection.accidents import demo
from laborbureau.inspection.accidents.models import Accident, DiseaseDetermination, DutyShift


@pytest.mark.django_db
def test_demo_seeds_accidents_and_a_roster(monkeypatch):
    monkeypatch.setattr(demo, "COUNT", 12)
    team = {name: staff(role, "LIO", username=name) for name, role in (
        ("lio_officer", Role.CASE_OFFICER), ("lio_inspector", Role.INSPECTOR), ("lio_chief", Role.SECTION_CHIEF))}
    worker = citizen()
    made = demo.seed(rng=random.Random(1), citizens=[worker], employers=[EmployerFactory() for _ in range(3)], staff=team)
    assert made == 14 and Accident.objects.count() == 12 and DutyShift.objects.count() == 2
    assert DiseaseDetermination.objects.filter(person=worker.person, case__channel="portal").count() == 1
    assert demo.seed(rng=random.Random(1), citizens=[], employers=[], staff=team) == 0
