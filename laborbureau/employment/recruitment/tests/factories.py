"""Inputs and helpers for the recruitment, separation and transfer tests, through the
services so every rule applies."""

from datetime import timedelta

from django.utils import timezone

from laborbureau.cases.models import Case
from laborbureau.core.models import Role
from laborbureau.core.services import EmployerInput, PersonInput
from laborbureau.core.tests.factories import EmployerFactory, PersonFactory, business_id, citizen, employer_user, staff
from laborbureau.employment import services as employment_services
from laborbureau.employment.models import Vacancy
from laborbureau.employment.recruitment import services
from laborbureau.employment.tests.factories import profile, vacancy_input
from laborbureau.rules import identifiers


def officer(username=None):
    return staff(Role.CASE_OFFICER, "ESO", username=username)


def chief(username=None):
    return staff(Role.SECTION_CHIEF, "ESO", username=username)


def recruitment_input(**overrides) -> services.RecruitmentInput:
    vacancy_overrides = overrides.pop("vacancy", {})
    values = {
        "title": "電子零件組裝作業員", "description": "負責電子零件組裝、品質目視檢查及產線清潔，提供教育訓練。",
        "occupation_code": "81", "openings": 3, "pay_min": 30000, "pay_max": 34000, "hours": "SHIFT",
        "closing_date": timezone.localdate() + timedelta(days=30),
    }
    values.update(vacancy_overrides)
    data = {"vacancy": vacancy_input(**values), "work_category": "MANUFACTURING",
            "union_notified_on": timezone.localdate(), "posted_at_workplace_on": timezone.localdate()}
    data.update(overrides)
    return services.RecruitmentInput(**data)


def registered(actor=None, **overrides):
    actor = actor or employer_user(EmployerFactory())
    return services.domestic_recruitment_register(data=recruitment_input(**overrides), actor=actor)


def backdate(recruitment, days: int) -> None:
    """Given: the registration and the advertisement were `days` days ago (the period runs
    in the past). Only the dates move; everything else went through the services."""
    recruitment.registered_on = recruitment.registered_on - timedelta(days=days)
    recruitment.save(update_fields=["registered_on"])
    vacancy = recruitment.vacancy
    Vacancy.objects.filter(pk=vacancy.pk).update(posted_at=vacancy.posted_at - timedelta(days=days),
                                                 posted_on=vacancy.posted_on - timedelta(days=days))
    Case.objects.filter(pk=recruitment.case_id).update(opened_at=recruitment.case.opened_at - timedelta(days=days))
    recruitment.vacancy.refresh_from_db()


def refer(recruitment, counsellor):
    seeker = employment_services.job_seeker_register(profile=profile(desired_occupations=["81"]),
                                                     actor=citizen(PersonFactory()))
    return employment_services.referral_create(seeker=seeker, vacancy=recruitment.vacancy, actor=counsellor)


def separation_input(**overrides) -> services.SeparationInput:
    today = timezone.localdate()
    values = {
        "employer": EmployerInput(name="大同小吃店", business_id=business_id()),
        "employed_from": today - timedelta(days=400), "separated_on": today - timedelta(days=5),
        "ground": "LSA11", "ground_detail": "店家以業務緊縮為由資遣，口頭通知最後工作日。",
        "employer_refusal": "老闆表示不開離職證明。", "job_title": "廚房助手",
    }
    values.update(overrides)
    return services.SeparationInput(**values)


def arc_number(serial: int = 1234567) -> str:
    return identifiers.make_arc_new("A", 8, serial)


def transfer_input(**overrides) -> services.TransferInput:
    values = {
        "worker": PersonInput(id_number=arc_number(), name="NGUYEN VAN AN"),
        "nationality": "VNM", "work_category": "MANUFACTURING",
        "original_employer": EmployerInput(name="永豐精密工業股份有限公司",
                                           business_id=business_id()),
        "ground": "CLOSURE", "permit_served_on": timezone.localdate() - timedelta(days=2),
        "permit_reference": "勞動發事字第1150000001號",
    }
    values.update(overrides)
    return services.TransferInput(**values)
