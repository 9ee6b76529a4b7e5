"""Demo data of unemployment certification: a few citizens' claims at different stages
(awaiting the first certification, in the referral period, receiving with a certified
month and records entered for the next date), a briefing and a workshop with registrations.
Made through the services, so every rule applies; runs once."""

import random
from datetime import time, timedelta

from django.utils import timezone

from laborbureau.core.models import Employer, User
from laborbureau.employment import services as employment_services
from laborbureau.employment.certification import services
from laborbureau.employment.certification.models import Certification, Event
from laborbureau.employment.models import JobSeeker

BRIEFING_TITLE = "資遣勞工就業資源說明會（示範）"


def _seeker(user: User) -> None:
    if not JobSeeker.objects.filter(person_id=user.person_id).exists():
        employment_services.job_seeker_register(actor=user, profile=employment_services.SeekerProfile(
            desired_occupations=["51"], districts=["63000020"], expected_pay=32000, working_hours=["FULL_TIME"],
            education="SENIOR_HIGH", experience_years=5, consent_to_matching=True))


def seed(*, rng: random.Random, citizens: list[User], employers: list[Employer], staff: dict[str, User]) -> int:
    if Event.objects.filter(title=BRIEFING_TITLE).exists():
        return 0
    officer = staff["eso_officer"]
    today = timezone.localdate()
    made = 0
    people = [c for c in citizens if c.person_id][:3]
    for index, user in enumerate(people):
        _seeker(user)
        if Certification.objects.filter(person_id=user.person_id).exists():
            continue
        # Index 2 started 20 days ago: its initial recognition is due today or so.
        start = today - timedelta(days=20 if index == 2 else 0)
        claim = services.certification_apply(actor=user, today=start, data=services.ApplicationInput(
            separation_date=start - timedelta(days=5 + index), separation_reason=["LSA_11", "CLOSURE", "LSA_14"][index],
            last_employer_name=["信義餐飲有限公司", "大同電子股份有限公司", "松山物流有限公司"][index],
            insured_salaries=[rng.choice([30300, 36300, 45800])] * 6, insured_months_in_three_years=24 + index,
            birth_date=user.person.birth_date or today.replace(year=today.year - 40 - index * 5),
            dependants=["spouse"] if index == 1 else []))
        made += 1
        if index == 0:
            continue  # awaits the first certification in person
        services.first_certification_record(certification=claim, actor=officer, documents_checked=True,
                                            able_and_willing=True, note="已說明失業再認定及求職紀錄規定", today=start)
        for n in range(2 if index == 2 else 0):
            services.search_record_add(certification=claim, actor=user, today=today, data=services.SearchRecordInput(
                searched_on=today - timedelta(days=n), employer_name=["大安科技股份有限公司", "中正門市有限公司"][n],
                position="門市人員", method="ONLINE", result="AWAITING"))
            made += 1
    for kind, title, offset in (("BRIEFING", BRIEFING_TITLE, 7), ("WORKSHOP", "求職技巧工作坊：履歷與面試（示範）", 14)):
        event = services.event_create(actor=officer, today=today, data=services.EventInput(
            kind=kind, title=title, date=today + timedelta(days=offset), starts_at=time(14, 0), ends_at=time(16, 0),
            venue="臺北市就業服務處3樓會議室", capacity=40, description="失業給付、職業訓練及就業服務資源說明。"))
        made += 1
        for user in people[:2]:
            services.event_register(event=event, actor=user, today=today)
            made += 1
    return made
