"""The demo: every family in several states, through the services; running it again adds nothing."""

import random

import pytest

from laborbureau.core.models import Role
from laborbureau.core.tests.factories import citizen, staff
from laborbureau.demo import parties
from laborbureau.employment import demo as employment_demo
from laborbureau.employment.recruitment import demo
from laborbureau.employment.recruitment.models import (
    DomesticRecruitment,
    SeparationCertificateRequest,
    WorkerTransfer,
)

pytestmark = pytest.mark.django_db


def test_the_demo_shows_each_family_in_several_states():
    rng = random.Random(7)
    persons = parties.make_persons(rng, 320, start_serial=5_000_000)
    employers = parties.make_employers(rng, 20, start_prefix=6_000_000)
    logins = [citizen(person) for person in persons[:3]]
    team = {"eso_officer": staff(Role.CASE_OFFICER, "ESO", username="eso_officer"),
            "eso_chief": staff(Role.SECTION_CHIEF, "ESO", username="eso_chief")}
    employment_demo.seed(rng=rng, citizens=logins, employers=employers, staff=team, scale=1)
    made = demo.seed(rng=rng, citizens=logins, employers=employers, staff=team)
    assert made >= 9
    statuses = set(DomesticRecruitment.objects.values_list("case__status", flat=True))
    assert {"RECRUITING", "CERTIFICATE_PENDING", "CERTIFIED"} <= statuses
    assert set(SeparationCertificateRequest.objects.values_list("case__status", flat=True)) == {
        "REQUESTED", "CONTACTING", "ISSUED"}
    assert set(WorkerTransfer.objects.values_list("case__status", flat=True)) == {
        "AWAITING_REGISTRATION", "SEEKING", "TAKEN_OVER"}
    assert demo.seed(rng=rng, citizens=logins, employers=employers, staff=team) == 0
