"""The demo's rows (through the services) and the approved 丁類 flag in the plan's risk
score."""

import random

import pytest
from django.utils import timezone

from laborbureau.cases import services as case_services
from laborbureau.cases.models import SignOff
from laborbureau.core.models import Role
from laborbureau.core.tests.factories import EmployerFactory, EstablishmentFactory, UserFactory, staff
from laborbureau.inspection.hazardous import demo, services
from laborbureau.inspection.hazardous.models import TypeDReview
from laborbureau.inspection.hazardous.tests.factories import applied
from laborbureau.inspection.inspections import selectors as inspection_selectors
from laborbureau.inspection.inspections.models import ConstructionProject, Inspection, MachineryCertificate
from laborbureau.inspection.inspections.tests.factories import lio

pytestmark = pytest.mark.django_db


def test_the_demo_fills_projects_certificates_and_reviews():
    employers = [EmployerFactory() for _ in range(5)]
    for employer in employers:
        EstablishmentFactory(employer=employer)
    UserFactory(username="employer", kind="EMPLOYER", employer=employers[0])
    logins = {"lio_inspector": lio(), "lio_chief": lio(Role.SECTION_CHIEF)}
    made = demo.seed(rng=random.Random(1), citizens=[], employers=employers, staff=logins)
    assert made == 4 + 3 + 2  # projects, certificates, reviews
    assert set(TypeDReview.objects.values_list("status", flat=True)) == {"APPROVED", "SUPPLEMENT_REQUESTED"}
    assert ConstructionProject.objects.filter(type_d=True).count() == 1
    assert MachineryCertificate.objects.count() == 3
    assert Inspection.objects.filter(inspection_type="HAZARDOUS_WORKPLACE").count() == 1
    assert demo.seed(rng=random.Random(1), citizens=[], employers=employers, staff=logins) == 0


def test_an_approved_type_d_site_scores_higher_in_the_plan():
    review = applied()
    site_id = review.establishment_id
    today = timezone.localdate()
    before = inspection_selectors.risk_facts(on=today, establishment_ids=[site_id])[site_id][1]
    assert before.construction_in_progress and not before.type_d_in_progress
    services.review_act(review=review, actor=lio(), name="propose_approval",
                        data={"site_checked_on": today, "note": "合格"})
    case_services.signoff_decide(signoff=SignOff.objects.get(case=review.case), actor=staff(Role.SECTION_CHIEF, "LIO"),
                                 approve=True)
    after = inspection_selectors.risk_facts(on=today, establishment_ids=[site_id])[site_id][1]
    assert after.type_d_in_progress
    from laborbureau.inspection.inspections import risk

    assert risk.score(after).score == risk.score(before).score + risk.TYPE_D_POINTS
    assert "type_d" in [reason.code for reason in risk.score(after).reasons]
