"""The programs page lists each unit's own program pages, and every link works."""

import pytest
from django.urls import reverse

from laborbureau.backoffice.programs import PROGRAMS
from laborbureau.core.models import Role
from laborbureau.core.tests import factories

pytestmark = pytest.mark.django_db


def test_every_listed_page_exists_and_answers_its_unit(client):
    for program in PROGRAMS:
        for entry in program.entries:
            unit = sorted(program.units)[0]
            client.force_login(factories.staff(Role.SECTION_CHIEF, unit))
            response = client.get(reverse(entry.url_name))
            assert response.status_code == 200, (entry.url_name, unit, response.status_code)


@pytest.mark.parametrize(("unit", "shown", "hidden"), [
    ("LR", "勞資爭議調解", "就業服務"),
    ("ESO", "就業服務", "勞資爭議調解"),
    ("LS", "勞動條件申訴", "義務律師諮詢"),
])
def test_each_unit_sees_its_programs(client, unit, shown, hidden):
    client.force_login(factories.staff(Role.CASE_OFFICER, unit))
    html = client.get(reverse("staff_programs")).content.decode()
    assert shown in html
    assert hidden not in html


def test_the_director_sees_every_program(client):
    client.force_login(factories.staff(Role.DIRECTOR, "ADM"))
    html = client.get(reverse("staff_programs")).content.decode()
    assert all(program.name_zh in html for program in PROGRAMS)
