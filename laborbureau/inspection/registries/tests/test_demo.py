import random

import pytest

from laborbureau.core.models import Role
from laborbureau.core.tests.factories import EmployerFactory, staff
from laborbureau.inspection.registries import demo, selectors
from laborbureau.inspection.registries.models import NewsletterDelivery, Registration, TrainingUnitAudit


@pytest.mark.django_db
def test_demo_seeds_every_registry():
    team = {name: staff(role, "LIO", username=name) for name, role in (
        ("lio_officer", Role.CASE_OFFICER), ("lio_inspector", Role.INSPECTOR), ("lio_chief", Role.SECTION_CHIEF))}
    made = demo.seed(rng=random.Random(1), citizens=[], employers=[EmployerFactory() for _ in range(3)], staff=team)
    assert made == 6 + 1 + 3 + 8 + 1
    assert Registration.objects.count() == 6 and TrainingUnitAudit.objects.count() == 1
    assert {r.name for r in selectors.public_registrations()} == {
        "信義區松仁路集合住宅新建工程", "臺北市安全衛生教育訓練中心", "中山健康檢查診所"}
    assert NewsletterDelivery.objects.count() == 6  # the confirmed subscribers
    assert demo.seed(rng=random.Random(1), citizens=[], employers=[], staff=team) == 0
