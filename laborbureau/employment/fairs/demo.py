"""Demo job fairs: a past fair with its employers, registrations, check-ins, interviews and
outcomes (so the figures show something), and an upcoming fair open for registration
that the demo citizen has registered for and the demo employer takes part in.

Cheap at any scale: a fixed few hundred rows with bulk_create, whatever `--scale` made.
The past fair's rows are written directly (the services refuse dates in the past); they
obey the same rules (own open vacancies, one registration per person, check-in before an
interview, a reason when not hired).
"""

import random
from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from laborbureau.core.models import Employer, Person, User
from laborbureau.employment.fairs import services
from laborbureau.employment.fairs.models import (
    CheckIn,
    CheckInMethod,
    Fair,
    FairEmployer,
    FairInterview,
    FairRegistration,
    FairStatus,
    FairVacancy,
    ParticipationStatus,
)
from laborbureau.employment.models import JobSeeker, NotHiredReason, Vacancy, VacancyStatus

PAST_TITLE = "臺北市中高齡及二度就業婦女就業博覽會"
UPCOMING_TITLE = "臺北市青年暨多元族群聯合徵才活動"
PAST_EMPLOYERS = 8
PAST_PREREGISTERED = 60
PAST_WALK_INS = 15


def seed(*, rng: random.Random, citizens: list[User], employers: list[Employer], staff: dict[str, User]) -> int:
    """Create the two demo fairs once; returns the rows created (0 when they exist)."""
    if Fair.objects.filter(title__in=[PAST_TITLE, UPCOMING_TITLE]).exists():
        return 0
    officer = staff["eso_officer"]
    today = timezone.localdate()
    by_employer: dict[int, list[Vacancy]] = {}
    for vacancy in Vacancy.objects.filter(status=VacancyStatus.ACTIVE, closing_date__gte=today).order_by("pk")[:400]:
        by_employer.setdefault(vacancy.employer_id, []).append(vacancy)
    if len(by_employer) < 4:
        return 0
    persons = list(Person.objects.filter(merged_into__isnull=True).order_by("pk")
                   .values_list("pk", flat=True)[: PAST_PREREGISTERED + PAST_WALK_INS + 20])
    seekers = dict(JobSeeker.objects.filter(person_id__in=persons).values_list("person_id", "pk"))
    with transaction.atomic():
        made = _past_fair(rng, officer, by_employer, persons, seekers, today)
        made += _upcoming_fair(rng, officer, by_employer, citizens, employers, persons, seekers, today)
    return made


def _participate(fair, employer_id, vacancies, officer, booth, status=ParticipationStatus.APPROVED):
    participation = FairEmployer.objects.create(
        fair=fair, employer_id=employer_id, status=status, booth=booth if status == ParticipationStatus.APPROVED else "",
        applied_by=officer, decided_by=officer if status == ParticipationStatus.APPROVED else None,
        decided_at=timezone.now() if status == ParticipationStatus.APPROVED else None)
    return FairVacancy.objects.bulk_create([FairVacancy(fair=fair, fair_employer=participation, vacancy=v)
                                            for v in vacancies])


def _past_fair(rng, officer, by_employer, persons, seekers, today) -> int:
    day = today - timedelta(days=30)
    fair = Fair.objects.create(
        title=PAST_TITLE, description="現場提供履歷健診、職涯諮詢及職業訓練課程說明。", date=day, starts_at=time(9, 30),
        ends_at=time(16, 0), venue="臺北市政府1樓中庭", address="臺北市信義區市府路1號", district_id="63000020",
        capacity=80, registration_opens=day - timedelta(days=21), registration_closes=day - timedelta(days=2),
        status=FairStatus.CLOSED, created_by=officer, reminder_sent_at=timezone.now())
    fair_vacancies = []
    for index, (employer_id, vacancies) in enumerate(list(by_employer.items())[:PAST_EMPLOYERS]):
        fair_vacancies += _participate(fair, employer_id, vacancies[:3], officer, f"A{index + 1:02d}")
    rows = []
    for index, person_id in enumerate(persons[: PAST_PREREGISTERED + PAST_WALK_INS]):
        rows.append(FairRegistration(fair=fair, person_id=person_id, seeker_id=seekers.get(person_id),
                                     code=services._unique_code(), walk_in=index >= PAST_PREREGISTERED,
                                     registered_by=officer))
    registrations = FairRegistration.objects.bulk_create(rows)
    arrived = [r for r in registrations if r.walk_in or rng.random() < 0.7]
    opening = timezone.make_aware(datetime.combine(day, time(9, 30)))
    CheckIn.objects.bulk_create([
        CheckIn(registration=r, fair=fair, by=officer, at=opening + timedelta(minutes=rng.randint(0, 360)),
                method=CheckInMethod.WALK_IN if r.walk_in else rng.choice([CheckInMethod.CODE, CheckInMethod.SEARCH]))
        for r in arrived])
    interviews = []
    for registration in arrived:
        for fair_vacancy in rng.sample(fair_vacancies, rng.randint(0, min(3, len(fair_vacancies)))):
            outcome = rng.choices(["HIRED", "NOT_HIRED", "INTERVIEWED"], weights=(3, 5, 2))[0]
            interviews.append(FairInterview(
                fair=fair, registration=registration, fair_vacancy=fair_vacancy,
                occupation_id=fair_vacancy.vacancy.occupation_id, outcome=outcome, recorded_by=officer,
                not_hired_reason=rng.choice([NotHiredReason.SKILLS, NotHiredReason.PAY, NotHiredReason.HOURS,
                                             NotHiredReason.DECLINED]) if outcome == "NOT_HIRED" else "",
                answered_by=officer if outcome != "INTERVIEWED" else None,
                answered_at=timezone.now() if outcome != "INTERVIEWED" else None))
    FairInterview.objects.bulk_create(interviews)
    return 1 + len(fair_vacancies) + len(registrations) + len(arrived) + len(interviews)


def _upcoming_fair(rng, officer, by_employer, citizens, employers, persons, seekers, today) -> int:
    day = today + timedelta(days=14)
    fair = Fair.objects.create(
        title=UPCOMING_TITLE, description="歡迎青年、新住民、原住民及身心障礙朋友參加，現場備有手語翻譯。", date=day,
        starts_at=time(10, 0), ends_at=time(16, 30), venue="臺北市就業服務處大同就業服務站", address="臺北市大同區承德路三段287之2號",
        district_id="63000060", capacity=200, registration_opens=today - timedelta(days=7),
        registration_closes=day - timedelta(days=2), status=FairStatus.OPEN, created_by=officer)
    made = 1
    chosen = list(by_employer.items())[PAST_EMPLOYERS:PAST_EMPLOYERS + 4] or list(by_employer.items())[:4]
    demo_employer = employers[0].pk if employers else None
    if demo_employer in by_employer and all(employer_id != demo_employer for employer_id, _ in chosen):
        chosen = [(demo_employer, by_employer[demo_employer])] + chosen[:3]
    for index, (employer_id, vacancies) in enumerate(chosen[:3]):
        made += 1 + len(_participate(fair, employer_id, vacancies[:2], officer, f"B{index + 1:02d}"))
    if len(chosen) > 3:
        made += 1 + len(_participate(fair, chosen[3][0], chosen[3][1][:1], officer, "",
                                     status=ParticipationStatus.APPLIED))
    people = [c.person_id for c in citizens[:1] if c.person_id] + persons[-10:]
    rows = [FairRegistration(fair=fair, person_id=person_id, seeker_id=seekers.get(person_id),
                             code=services._unique_code(), registered_by=officer)
            for person_id in dict.fromkeys(people)]
    made += len(FairRegistration.objects.bulk_create(rows))
    return made
