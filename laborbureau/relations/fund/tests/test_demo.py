"""The fund demo runs through the services and leaves applications in several states."""

import random

import pytest

from laborbureau.core.models import Role
from laborbureau.core.tests.factories import EmployerFactory, citizen, staff
from laborbureau.relations.fund import demo
from laborbureau.relations.fund.models import FundApplication

pytestmark = pytest.mark.django_db


def test_the_demo_seeds_applications_in_several_states():
    logins = {
        "lr_officer": staff(Role.CASE_OFFICER, "LR", username="lr_officer"),
        "lr_chief": staff(Role.SECTION_CHIEF, "LR", username="lr_chief"),
        "director": staff(Role.DIRECTOR, "ADM", username="director"),
    }
    made = demo.seed(rng=random.Random(2), citizens=[citizen() for _ in range(5)],
                     employers=[EmployerFactory() for _ in range(10)], staff=logins)
    assert made == len(demo.TARGETS)
    statuses = sorted(FundApplication.objects.values_list("case__status", flat=True))
    assert statuses == sorted(demo.TARGETS)
