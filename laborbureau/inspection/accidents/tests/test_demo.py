import random

import pytest
from django.utils import timezone

from laborbureau.core.models import Role
from laborbureau.core.tests.factories import EmployerFactory, citizen, staff
from laborbureau.inspection.accidents import demo, geo, selectors, services
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


@pytest.mark.django_db
def test_at_scale_the_demo_adds_closed_accidents_in_bulk_that_the_public_map_counts(monkeypatch):
    monkeypatch.setattr(demo, "COUNT", 3)
    monkeypatch.setattr(demo, "ACCIDENTS_PER_SCALE", 20)
    monkeypatch.setattr(demo, "BATCH", 7)  # several batches
    team = {name: staff(role, "LIO", username=name) for name, role in (
        ("lio_officer", Role.CASE_OFFICER), ("lio_inspector", Role.INSPECTOR), ("lio_chief", Role.SECTION_CHIEF))}
    employers = [EmployerFactory() for _ in range(3)]
    demo.seed(rng=random.Random(2), citizens=[], employers=employers, staff=team, scale=2)
    assert Accident.objects.count() == 40  # 3 stories + 37 historical
    history = Accident.objects.filter(case__title="職業災害通報（歷史資料）").select_related("case", "district")
    assert history.count() == 37
    numbers = [accident.case.number for accident in history]
    assert len(set(numbers)) == 37 and all("-OAC-" in number for number in numbers)
    for accident in history:
        assert accident.case.status == "CLOSED" and accident.case.parties.get().employer_id in {e.pk for e in employers}
        assert accident.severity == services.severity_of(accident.deaths, accident.injured, accident.hospitalised)
        assert geo.district_at(accident.lon, accident.lat).zip3 == accident.district.zip3
        assert accident.month == timezone.localtime(accident.occurred_at).date().replace(day=1)
    assert selectors.map_data(selectors.MapFilters()).total == 40
    # Run again at the same scale: nothing more.
    assert demo.seed(rng=random.Random(3), citizens=[], employers=employers, staff=team, scale=2) == 0
