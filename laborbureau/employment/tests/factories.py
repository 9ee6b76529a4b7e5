"""Factories of the job bank: counsellors of ESO, vacancies and registrations made
through the services (so every rule applies)."""

from datetime import date, timedelta

from django.utils import timezone

from laborbureau.core.models import Role
from laborbureau.core.tests.factories import EmployerFactory, PersonFactory, citizen, employer_user, staff
from laborbureau.employment import services
from laborbureau.employment.models import JobSeeker, Vacancy


def counsellor(username: str | None = None):
    return staff(Role.CASE_OFFICER, "ESO", username=username)


def vacancy_input(**overrides) -> services.VacancyInput:
    values = {
        "title": "餐廳外場服務人員",
        "description": "負責帶位、點餐、送餐及環境整理，提供完整教育訓練。",
        "occupation_code": "51",
        "district_code": "63000020",
        "address": "臺北市信義區松仁路100號",
        "pay_unit": "MONTHLY",
        "pay_min": 32000,
        "pay_max": 36000,
        "hours": "SHIFT",
        "closing_date": timezone.localdate() + timedelta(days=30),
    }
    values.update(overrides)
    return services.VacancyInput(**values)


def vacancy(*, actor=None, today: date | None = None, **overrides) -> Vacancy:
    actor = actor or employer_user(EmployerFactory())
    return services.vacancy_create(data=vacancy_input(**overrides), actor=actor, today=today)


def profile(**overrides) -> services.SeekerProfile:
    values = {
        "desired_occupations": ["51"],
        "districts": ["63000020"],
        "expected_pay": 32000,
        "working_hours": ["FULL_TIME"],
        "education": "SENIOR_HIGH",
        "experience_years": 3,
        "skills": "收銀、點餐系統",
        "languages": ["zh", "nan"],
        "groups": ["MIDDLE_AGED_OR_OLDER"],
        "consent_to_matching": True,
    }
    values.update(overrides)
    return services.SeekerProfile(**values)


def seeker(*, user=None, **overrides) -> JobSeeker:
    user = user or citizen(PersonFactory())
    return services.job_seeker_register(profile=profile(**overrides), actor=user)
