"""The demo seeds run through the services and leave cases in several states."""

import random

import pytest

from laborbureau.cases.models import Case
from laborbureau.core.models import Role
from laborbureau.core.tests.factories import EmployerFactory, citizen, employer_user, staff
from laborbureau.relations.closures import demo as closures_demo
from laborbureau.relations.layoffs import demo as layoffs_demo

pytestmark = pytest.mark.django_db


def test_the_demo_seeds_fill_several_states():
    logins = {"lr_officer": staff(Role.CASE_OFFICER, "LR"), "lr_chief": staff(Role.SECTION_CHIEF, "LR"),
              "director": staff(Role.DIRECTOR, "ADM"), "employer": employer_user()}
    employers = [EmployerFactory() for _ in range(8)]
    citizens = [citizen() for _ in range(3)]
    assert layoffs_demo.seed(rng=random.Random(1), citizens=citizens, employers=employers, staff=logins) == 6
    assert closures_demo.seed(rng=random.Random(1), citizens=citizens, employers=employers, staff=logins) == 3
    states = set(Case.objects.values_list("case_type", "status"))
    assert {("mass_layoff_plan", "NEGOTIATING"), ("mass_layoff_plan", "AGREED"), ("mass_layoff_plan", "FILED"),
            ("mass_layoff_monitoring", "FINE_PENDING_APPROVAL"), ("mass_layoff_monitoring", "OPEN"),
            ("closure_determination", "SUBMITTED"), ("closure_determination", "INVESTIGATING"),
            ("closure_determination", "DETERMINED")} <= states
