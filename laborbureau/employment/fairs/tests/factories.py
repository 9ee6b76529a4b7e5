"""Factories of the job fairs, through the services (so every rule applies)."""

from datetime import date, time, timedelta

from django.utils import timezone

from laborbureau.core.tests.factories import EmployerFactory, citizen, employer_user
from laborbureau.employment.fairs import services
from laborbureau.employment.fairs.models import Fair, FairVacancy
from laborbureau.employment.tests.factories import counsellor, seeker, vacancy

__all__ = ["counsellor", "seeker", "vacancy", "citizen", "employer_user", "fair_input", "make_fair",
           "approved_employer"]


def fair_input(*, day: date | None = None, **overrides) -> services.FairInput:
    day = day or timezone.localdate()
    values = {
        "title": "臺北市就業博覽會",
        "date": day,
        "starts_at": time(9, 30),
        "ends_at": time(16, 0),
        "venue": "臺北市政府1樓中庭",
        "address": "臺北市信義區市府路1號",
        "district_code": "63000020",
        "capacity": 100,
        "registration_opens": timezone.localdate(),
        "registration_closes": day,
    }
    values.update(overrides)
    return services.FairInput(**values)


def make_fair(organiser=None, *, open_it: bool = True, **overrides) -> Fair:
    organiser = organiser or counsellor()
    fair = services.fair_create(data=fair_input(**overrides), actor=organiser)
    if open_it:
        fair = services.fair_transition(fair=fair, action="open", actor=organiser)
    return fair


def approved_employer(fair: Fair, organiser, *, booth: str = "A01", vacancies: int = 1, **vacancy_overrides):
    """An employer account with open vacancies, applied and approved: (account, [FairVacancy])."""
    account = employer_user(EmployerFactory())
    made = [vacancy(actor=account, **vacancy_overrides) for _ in range(vacancies)]
    participation = services.employer_apply(fair=fair, vacancy_ids=[v.pk for v in made], actor=account)
    services.employer_decide(participation=participation, approve=True, booth=booth, actor=organiser)
    return account, list(FairVacancy.objects.filter(fair_employer=participation).select_related(
        "fair_employer", "vacancy"))


def tomorrow() -> date:
    return timezone.localdate() + timedelta(days=1)
