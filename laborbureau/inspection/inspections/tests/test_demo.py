"""The demo seed runs through the services (several states, the demo employer's order
with its resumption request), and its bulk path adds historical inspections numbered
from the real sequence."""

import random

import pytest

from laborbureau.cases.models import Case
from laborbureau.core.models import Role
from laborbureau.core.tests.factories import EmployerFactory, EstablishmentFactory, UserFactory, staff
from laborbureau.inspection.inspections import demo, services
from laborbureau.inspection.inspections.models import Finding, Inspection, ResumptionRequest

pytestmark = pytest.mark.django_db


def test_the_demo_fills_several_states_and_the_bulk_path_numbers_from_the_sequence():
    employers = [EmployerFactory() for _ in range(15)]
    for employer in employers:
        EstablishmentFactory(employer=employer)
    logins = {"lio_inspector": staff(Role.INSPECTOR, "LIO"), "lio_chief": staff(Role.SECTION_CHIEF, "LIO"),
              "lio_officer": staff(Role.CASE_OFFICER, "LIO"), "director": staff(Role.DIRECTOR, "LIO")}
    UserFactory(username="employer", kind="EMPLOYER", employer=employers[0])
    made = demo.seed(rng=random.Random(1), citizens=[], employers=employers, staff=logins)
    assert made == 15
    states = set(Case.objects.values_list("case_type", "status"))
    assert {("labor_inspection", "PLANNED"), ("labor_inspection", "IN_PROGRESS"), ("labor_inspection", "CORRECTION"),
            ("labor_inspection", "FINE_PENDING_APPROVAL"), ("stop_work_order", "RESUMPTION_REQUESTED")} <= states
    assert ResumptionRequest.objects.filter(order__employer=employers[0]).exists()
    before = Inspection.objects.count()
    added = demo.seed(rng=random.Random(2), citizens=[], employers=employers, staff=logins, scale=2)
    assert added == 2 * demo.INSPECTIONS_PER_SCALE - before
    assert Inspection.objects.count() == 2 * demo.INSPECTIONS_PER_SCALE
    assert Inspection.objects.filter(violations__gt=0).count() > 0
    bulk = Inspection.objects.filter(representative_name="現場負責人")
    assert Finding.objects.filter(note="（歷史資料）").count() == sum(bulk.values_list("violations", flat=True))
    # A case opened after the bulk load gets the next free number.
    inspection = services.inspection_open(establishment=employers[1].establishments.first(), inspection_type="GENERAL",
                                          origin="OTHER", actor=logins["lio_inspector"])
    assert Case.objects.filter(number=inspection.case.number).count() == 1
