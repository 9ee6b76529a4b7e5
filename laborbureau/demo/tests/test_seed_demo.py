"""`manage.py seed_demo`: logins for every role and unit, valid identifiers, cases in
every state of the complaint workflow, idempotent, refused in production."""

from collections import Counter

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from laborbureau.cases.models import Case
from laborbureau.core import demo
from laborbureau.core.models import Employer, Person, Unit, User
from laborbureau.relations.workflows import WORKFLOW
from laborbureau.rules import identifiers

pytestmark = pytest.mark.django_db


def test_demo_data_is_complete_valid_and_loaded_once():
    call_command("seed_demo", verbosity=0)

    usernames = set(User.objects.values_list("username", flat=True))
    assert {username for username, *_ in demo.STAFF} | {demo.CITIZEN, demo.EMPLOYER} <= usernames
    units_with_staff = set(User.objects.filter(kind="STAFF").values_list("unit__code", flat=True))
    assert units_with_staff == set(Unit.objects.values_list("code", flat=True))
    assert User.objects.get(username="ls_officer").check_password(demo.DEMO_PASSWORD)

    assert Person.objects.count() >= 300  # the parties, plus any a program's demo registers
    assert Employer.objects.count() >= 60
    today = timezone.localdate()
    assert all(identifiers.is_valid_person_id(number) for number in Person.objects.values_list("id_number", flat=True))
    assert all(
        identifiers.is_valid_business_id(number, today)
        for number in Employer.objects.exclude(business_id=None).values_list("business_id", flat=True)
    )
    states = Counter(Case.objects.filter(case_type=WORKFLOW.case_type).values_list("status", flat=True))
    assert set(states) == {state.code for state in WORKFLOW.states}
    # Every registered program's case types have demo cases too.
    from laborbureau.cases import workflows

    demo_types = set(Case.objects.values_list("case_type", flat=True))
    program_types = {w.case_type for w in workflows.all_workflows() if not w.case_type.startswith("test_")}
    assert program_types <= demo_types, program_types - demo_types

    counts = (Person.objects.count(), Employer.objects.count(), Case.objects.count())
    call_command("seed_demo", verbosity=0)
    assert (Person.objects.count(), Employer.objects.count(), Case.objects.count()) == counts


def test_demo_data_is_refused_in_production(settings):
    settings.DEMO_DATA_ALLOWED = False
    with pytest.raises(CommandError):
        call_command("seed_demo", verbosity=0)
    assert not User.objects.exists()
