"""The demo fairs: a past one whose figures show something, an upcoming open one the demo
citizen is registered for; running it again adds nothing."""

import random

import pytest

from laborbureau.core.models import Role
from laborbureau.core.tests.factories import citizen, staff
from laborbureau.demo import parties
from laborbureau.employment import demo as employment_demo
from laborbureau.employment.fairs import demo, selectors
from laborbureau.employment.fairs.models import Fair, FairInterview, FairRegistration

pytestmark = pytest.mark.django_db


def test_the_demo_seeds_a_past_fair_with_figures_and_an_upcoming_one(django_assert_max_num_queries):
    rng = random.Random(7)
    parties.make_persons(rng, 320, start_serial=5_000_000)
    employers = parties.make_employers(rng, 20, start_prefix=6_000_000)
    login = citizen()
    team = {"eso_officer": staff(Role.CASE_OFFICER, "ESO", username="eso_officer"),
            "eso_chief": staff(Role.SECTION_CHIEF, "ESO", username="eso_chief")}
    employment_demo.seed(rng=rng, citizens=[login], employers=employers, staff=team, scale=1)
    with django_assert_max_num_queries(250):  # bulk: a fixed few hundred rows whatever the scale
        made = demo.seed(rng=rng, citizens=[login], employers=employers, staff=team)
    assert made > 100
    past = Fair.objects.get(title=demo.PAST_TITLE)
    figures = selectors.fair_figures(past)
    assert figures.employers == demo.PAST_EMPLOYERS
    assert figures.checked_in_walk_in == demo.PAST_WALK_INS
    assert figures.checked_in > figures.checked_in_walk_in and figures.interviews > 0 and figures.hires > 0
    assert not FairInterview.objects.filter(outcome="NOT_HIRED", not_hired_reason="").exists()
    upcoming = Fair.objects.get(title=demo.UPCOMING_TITLE)
    assert upcoming.status == "OPEN"
    assert FairRegistration.objects.filter(fair=upcoming, person=login.person).exists()
    assert selectors.upcoming_fairs().filter(pk=upcoming.pk).exists()
    assert demo.seed(rng=rng, citizens=[login], employers=employers, staff=team) == 0
