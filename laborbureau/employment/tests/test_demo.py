"""The demo job bank: legal vacancies across the districts, job seekers, referrals in
several outcomes, and the demo logins' own rows; running it again adds nothing."""

import random

import pytest
from django.db.models import F

from laborbureau.core.models import Employer, Role
from laborbureau.core.tests.factories import citizen, staff
from laborbureau.demo import parties
from laborbureau.employment import demo
from laborbureau.employment.models import JobSeeker, Referral, ScreeningReview, Vacancy
from laborbureau.rules import identifiers

pytestmark = pytest.mark.django_db


def test_the_demo_seeds_legal_vacancies_seekers_and_referrals():
    rng = random.Random(5)
    parties.make_persons(rng, 320, start_serial=3_000_000)
    employers = parties.make_employers(rng, 20, start_prefix=4_000_000)
    login = citizen()
    team = {"eso_officer": staff(Role.CASE_OFFICER, "ESO", username="eso_officer"),
            "eso_chief": staff(Role.SECTION_CHIEF, "ESO", username="eso_chief")}
    created = demo.seed(rng=rng, citizens=[login], employers=employers, staff=team, scale=1)
    assert created >= 600
    assert Vacancy.objects.count() >= 300
    assert JobSeeker.objects.count() == 301  # 300 in bulk and the citizen login
    assert not Vacancy.objects.filter(pay_min__lt=F("minimum_wage_checked")).exists()
    assert Vacancy.objects.values("district").distinct().count() == 12
    for employer in Employer.objects.filter(vacancies__isnull=False).distinct():
        assert identifiers.is_valid_business_id(employer.business_id, employer.created_at.date())
    assert set(Referral.objects.values_list("outcome", flat=True)) == {"PENDING", "INTERVIEWED", "HIRED", "NOT_HIRED"}
    assert Referral.objects.filter(seeker__person=login.person, vacancy__employer=employers[0]).exists()
    # The scam screening: ads held for review, decisions (refused, approved), a missed scam.
    assert Vacancy.objects.filter(status="HELD").count() >= 3
    assert set(ScreeningReview.objects.values_list("outcome", flat=True)) == {"APPROVE", "REJECT", "CONFIRMED_SCAM"}
    assert demo.seed(rng=rng, citizens=[login], employers=employers, staff=team, scale=1) == 0
    assert ScreeningReview.objects.count() == sum(1 for row in demo.SCAM_ADS if row[-1]) + 1  # and the missed one
