"""Factories of unemployment certification, through the services."""

from datetime import date, timedelta

from django.utils import timezone

from laborbureau.core.tests.factories import PersonFactory, citizen
from laborbureau.employment.certification import services
from laborbureau.employment.tests.factories import counsellor, seeker, vacancy

__all__ = ["counsellor", "seeker", "vacancy", "citizen", "application", "claimant", "apply", "certified_claim",
           "PDF"]

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"


def application(**overrides) -> services.ApplicationInput:
    today = timezone.localdate()
    values = {
        "separation_date": today - timedelta(days=3),
        "separation_reason": "LSA_11",
        "last_employer_name": "信義餐飲有限公司",
        "insured_salaries": [45_800] * 6,
        "insured_months_in_three_years": 30,
        "birth_date": date(1990, 5, 5),
    }
    values.update(overrides)
    return services.ApplicationInput(**values)


def claimant():
    """A citizen account registered as a job seeker (consenting to referrals)."""
    user = citizen(PersonFactory())
    seeker(user=user)
    return user


def apply(user=None, *, today: date | None = None, **overrides):
    user = user or claimant()
    return services.certification_apply(data=application(**overrides), actor=user, today=today)


def certified_claim(officer=None, *, user=None, start: date | None = None):
    """A claim through the first certification on `start` (default today): WAITING, with month 1 scheduled."""
    officer = officer or counsellor()
    start = start or timezone.localdate()
    claim = apply(user, today=start, separation_date=start - timedelta(days=3))
    return services.first_certification_record(certification=claim, actor=officer, documents_checked=True,
                                               able_and_willing=True, today=start)
