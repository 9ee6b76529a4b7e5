"""Demo job bank: vacancies with Chinese titles and duties for real occupations across
the 12 districts at legal pay, and job seekers; a few referrals, answers and notes driven
through the services.

Bulk by design: `seed(scale=667)` writes about 200,000 vacancies and 200,000 job seekers
(the issue's benchmark size) with bulk_create in batches; the rows obey the same rules
the services enforce (pay at or above the minimum wage in force on the posting date,
employers with a valid 統一編號, a closing date ahead, plain text).
"""

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from laborbureau.core.models import District, Employer, Person, User
from laborbureau.demo import parties
from laborbureau.employment import indexing, matching, services, skills
from laborbureau.employment.models import (
    Education,
    JobSeeker,
    Language,
    PayUnit,
    Referral,
    SeekerStatus,
    SupportedGroup,
    Vacancy,
    VacancyEvent,
    VacancyStatus,
    WorkingHours,
)
from laborbureau.rules import identifiers, wages

VACANCIES_PER_SCALE = 300
SEEKERS_PER_SCALE = 300
BATCH = 5000
STAFF_NEEDED = ("eso_officer", "eso_chief")

# (occupation sub-major, title, duties, requirements, pay unit, usual pay floor, usual span, hours)
JOBS = [
    ("51", "餐廳外場服務人員", "負責帶位、點餐、送餐及用餐環境整理，協助結帳與外送訂單。", "具餐飲服務經驗者佳", "MONTHLY", 31000, 5000, "SHIFT"),
    ("51", "中餐廚師", "負責熱炒、備料及廚房衛生管理，依菜單出餐並控管食材成本。", "具中餐烹調丙級證照", "MONTHLY", 38000, 12000, "FULL_TIME"),
    ("51", "美髮助理", "協助設計師洗髮、吹整及染燙前置作業，維持店內整潔。", "", "MONTHLY", 30000, 4000, "FULL_TIME"),
    ("51", "餐飲內場兼職人員", "協助備料、洗滌及出餐，午晚餐尖峰時段排班。", "", "HOURLY", 196, 30, "PART_TIME"),
    ("52", "門市銷售人員", "負責商品銷售、陳列補貨、收銀及顧客服務，週休二日。", "具零售經驗佳", "MONTHLY", 31000, 6000, "SHIFT"),
    ("52", "便利商店店員", "收銀、補貨、鮮食管理及代收業務，可配合大夜班者優先。", "", "HOURLY", 200, 40, "NIGHT"),
    ("53", "照顧服務員", "至長照機構協助長者生活照顧、翻身、餵食及陪同就醫。", "具照顧服務員結業證書或單一級證照", "MONTHLY", 34000, 8000, "SHIFT"),
    ("54", "大樓保全人員", "負責社區門禁管理、訪客登記、巡邏及收發包裹，需輪值夜班。", "無不良紀錄", "MONTHLY", 33000, 7000, "NIGHT"),
    ("41", "行政助理", "文書處理、公文收發、會議安排及用品採購，熟悉文書軟體。", "高中職以上，會使用文書處理軟體", "MONTHLY", 32000, 5000, "FULL_TIME"),
    ("42", "客服專員", "電話及線上客服，處理訂單查詢、退換貨與客訴紀錄。", "口齒清晰，會臺語尤佳", "MONTHLY", 32000, 6000, "SHIFT"),
    ("43", "會計助理", "傳票登打、帳款核對、發票整理及協助月結報表。", "具會計相關科系或記帳士證照佳", "MONTHLY", 33000, 7000, "FULL_TIME"),
    ("43", "倉儲管理人員", "進出貨點收、庫存盤點、系統登打及堆高機作業。", "具堆高機操作證照佳", "MONTHLY", 34000, 6000, "FULL_TIME"),
    ("33", "業務專員", "開發及維繫企業客戶，報價、簽約與收款追蹤。", "具汽車駕照", "MONTHLY", 35000, 15000, "FULL_TIME"),
    ("24", "財務專員", "編製財務報表、資金調度、稅務申報及內控作業。", "大學以上會計、財金相關科系", "MONTHLY", 42000, 13000, "FULL_TIME"),
    ("25", "軟體工程師", "開發及維護網站後端服務，撰寫測試並參與系統設計。", "熟悉 Python 或 Java", "MONTHLY", 50000, 30000, "FULL_TIME"),
    ("35", "網路管理員", "維護公司網路設備、帳號權限及資安更新，處理使用者報修。", "具網路管理相關證照佳", "MONTHLY", 40000, 10000, "FULL_TIME"),
    ("22", "護理師", "病房護理、給藥、衛教及護理紀錄，三班輪值。", "具護理師證書", "MONTHLY", 45000, 15000, "SHIFT"),
    ("23", "補習班數學教師", "國中數學授課、出題及學生課業輔導。", "大學以上", "HOURLY", 450, 250, "PART_TIME"),
    ("14", "餐廳店長", "門市營運、人員排班、營收管理及食品安全督導。", "具2年以上餐飲管理經驗", "MONTHLY", 45000, 15000, "FULL_TIME"),
    ("71", "水電技術工", "住宅及商辦水電配管配線、維修及新裝工程。", "具室內配線丙級證照", "MONTHLY", 40000, 15000, "FULL_TIME"),
    ("72", "汽車維修技師", "汽車定期保養、故障診斷及零件更換。", "具汽車修護丙級證照", "MONTHLY", 38000, 12000, "FULL_TIME"),
    ("74", "冷氣空調技術員", "冷氣安裝、保養及故障檢修，需外出服務。", "具冷凍空調裝修證照佳", "MONTHLY", 38000, 10000, "FULL_TIME"),
    ("83", "物流貨車司機", "市區配送貨物、裝卸貨及簽收單據回報。", "具職業小貨車或大貨車駕照", "MONTHLY", 40000, 12000, "FULL_TIME"),
    ("91", "清潔人員", "辦公大樓公共區域清潔、垃圾清運及消毒。", "", "HOURLY", 200, 20, "PART_TIME"),
    ("93", "物流理貨員", "包裹分揀、上下架及搬運，需搬運重物。", "", "HOURLY", 210, 40, "SHIFT"),
    ("95", "資源回收車隨車人員", "資源回收分類、隨車收運及場內整理。", "", "MONTHLY", 32000, 4000, "SHIFT"),
]
SKILLS = {
    "51": "餐飲服務、收銀", "52": "門市銷售、POS收銀", "53": "長者照顧、移位技巧", "54": "門禁管理、消防安全",
    "41": "Word、Excel、公文處理", "42": "電話禮儀、客訴處理", "43": "記帳、ERP系統", "33": "業務開發、簡報",
    "24": "財務分析、稅務", "25": "Python、資料庫", "35": "網路設備、資安", "22": "病房護理", "23": "數學教學",
    "14": "門市管理、排班", "71": "水電配管", "72": "汽車保養", "74": "冷氣檢修", "83": "貨物配送",
    "91": "環境清潔", "93": "搬運、理貨", "95": "資源分類",
}
LICENCES = {"51": "中餐烹調丙級", "53": "照顧服務員單一級", "71": "室內配線丙級", "72": "汽車修護丙級",
            "83": "職業聯結車駕照", "22": "護理師證書", "43": "堆高機操作"}


def seed(*, rng: random.Random, citizens: list[User], employers: list[Employer], staff: dict[str, User],
         scale: int = 1) -> int:
    """Create the shortfall up to VACANCIES_PER_SCALE × scale vacancies and as many job
    seekers (one per demo person, as far as they go); returns the rows created. Staff
    logins used: eso_officer (counsellor), eso_chief."""
    today = timezone.localdate()
    officer = staff["eso_officer"]
    created = _vacancies(rng, employers, officer, VACANCIES_PER_SCALE * scale - Vacancy.objects.count(), today)
    created += _seekers(rng, officer, SEEKERS_PER_SCALE * scale - JobSeeker.objects.count())
    _stories(rng, citizens, employers, staff, today)
    _screening(employers, staff, today)
    # The bulk rows bypassed the services: load the search index from the tables.
    indexing.vacancy_rebuild(today)
    indexing.seeker_rebuild()
    matching.reset()
    return created


_JOB_BITS: dict[str, int] = {}


def _job_bits(job: tuple) -> int:
    if job[1] not in _JOB_BITS:
        _JOB_BITS[job[1]] = skills.vacancy_bits(title=job[1], description=job[2], requirements=job[3])
    return _JOB_BITS[job[1]]


def _vacancies(rng, employers, officer, count, today) -> int:
    if count <= 0:
        return 0
    usable = [e for e in employers if e.business_id and identifiers.is_valid_business_id(e.business_id, today)]
    districts = list(District.objects.all())
    now = timezone.now()
    made = 0
    while made < count:
        rows = []
        for _ in range(min(BATCH, count - made)):
            code, title, duties, requirements, pay_unit, floor, span, hours = job = rng.choice(JOBS)
            days_ago = rng.randint(0, 60)
            posted_on = today - timedelta(days=days_ago)
            minimum = services.minimum_wage(pay_unit, posted_on) if posted_on >= wages.COVERAGE_START else 0
            pay_min = max(minimum, floor + rng.randrange(0, span // 2 + 1, 10 if pay_unit == "HOURLY" else 500))
            pay_max = pay_min + rng.randrange(0, span + 1, 10 if pay_unit == "HOURLY" else 1000) or None
            district = rng.choice(districts)
            employer = rng.choice(usable)
            rows.append(Vacancy(
                employer=employer, title=title, description=duties, occupation_id=code, district=district,
                address=parties.address(rng, district), pay_unit=pay_unit, pay_min=pay_min,
                pay_max=pay_max if pay_max and pay_max > pay_min else None, minimum_wage_checked=minimum,
                hours=hours, hours_note=rng.choice(["", "週休二日", "月休8天", "早晚班輪替", "09:00-18:00"]),
                requirements=requirements, education_min=rng.choice(["NONE", "NONE", "SENIOR_HIGH", "BACHELOR"]),
                openings=rng.randint(1, 5), closing_date=today + timedelta(days=rng.randint(7, 90)),
                skill_bits=_job_bits(job),
                status=VacancyStatus.ACTIVE, screening_decision="publish", posted_on=posted_on,
                posted_at=now - timedelta(days=days_ago, minutes=rng.randint(0, 600)), channel="portal",
                created_by=officer,
            ))
        with transaction.atomic():
            saved = Vacancy.objects.bulk_create(rows, batch_size=1000)
            VacancyEvent.objects.bulk_create(
                [VacancyEvent(vacancy=v, action="create", to_status=v.status, actor=officer, note="demo") for v in saved],
                batch_size=2000,
            )
        made += len(rows)
    return made


def _seekers(rng, officer, count) -> int:
    if count <= 0:
        return 0
    codes = sorted({job[0] for job in JOBS})
    district_codes = list(District.objects.values_list("pk", flat=True))
    groups = SupportedGroup.values
    languages = Language.values
    made = 0
    while made < count:
        persons = list(Person.objects.filter(job_seeker__isnull=True, merged_into__isnull=True)
                       .order_by("pk")[: min(BATCH, count - made)])
        if not persons:
            break
        rows, wanted = [], []
        for person in persons:
            desired = rng.sample(codes, rng.randint(1, 3))
            pay_unit = "HOURLY" if rng.random() < 0.15 else "MONTHLY"
            experience = f"曾任{rng.choice(JOBS)[1]}{rng.randint(1, 8)}年"
            spoken = ["zh"] + rng.sample(languages[1:], rng.randint(0, 1))
            wants_digest = rng.random() < 0.3
            rows.append(JobSeeker(
                person=person, pay_unit=pay_unit,
                expected_pay=rng.randrange(200, 300, 10) if pay_unit == "HOURLY" else rng.randrange(30000, 60000, 1000),
                working_hours=rng.sample(WorkingHours.values, rng.randint(1, 2)),
                education=rng.choice(Education.values[1:]), experience_years=rng.randint(0, 25),
                experience=experience, skills=SKILLS.get(desired[0], ""), licences=LICENCES.get(desired[0], ""),
                languages=spoken, skill_bits=skills.seeker_bits(skills=SKILLS.get(desired[0], ""),
                                                                licences=LICENCES.get(desired[0], ""),
                                                                experience=experience, languages=spoken),
                groups=rng.sample(groups, 1) if rng.random() < 0.25 else [],
                consent_to_matching=wants_digest or rng.random() < 0.8,
                digest_opt_in=wants_digest,
                status=rng.choices(SeekerStatus.values, weights=(85, 10, 5))[0], channel=rng.choice(["portal", "counter"]),
                registered_by=officer,
            ))
            wanted.append((desired, rng.sample(district_codes, rng.randint(0, 3))))
        with transaction.atomic():
            saved = JobSeeker.objects.bulk_create(rows, batch_size=1000)
            occupation_links = JobSeeker.desired_occupations.through
            district_links = JobSeeker.districts.through
            occupation_links.objects.bulk_create(
                [occupation_links(jobseeker_id=s.pk, occupation_id=code)
                 for s, (desired, _) in zip(saved, wanted, strict=True) for code in desired], batch_size=5000)
            district_links.objects.bulk_create(
                [district_links(jobseeker_id=s.pk, district_id=code)
                 for s, (_, places) in zip(saved, wanted, strict=True) for code in places], batch_size=5000)
        made += len(saved)
    return made


def _stories(rng, citizens, employers, staff, today) -> None:
    """Referrals in every outcome, counselling notes, and the demo logins' own rows: the
    citizen login registered with a referral awaiting the employer login's answer."""
    officer = staff["eso_officer"]
    if Referral.objects.exists():
        return
    citizen = citizens[0] if citizens else None
    if citizen is not None and citizen.person_id and not JobSeeker.objects.filter(person_id=citizen.person_id).exists():
        services.job_seeker_register(actor=citizen, profile=services.SeekerProfile(
            desired_occupations=["52", "42"], districts=["63000020", "63000030"], expected_pay=33000,
            working_hours=["FULL_TIME"], education="BACHELOR", experience_years=2, skills="門市銷售、POS收銀",
            languages=["zh", "en"], consent_to_matching=True))
    first_employer = employers[0] if employers else None
    if first_employer is not None and citizen is not None and citizen.person_id:
        job = Vacancy.objects.filter(employer=first_employer, status=VacancyStatus.ACTIVE).first() or \
            Vacancy.objects.create(
                employer=first_employer, title="門市銷售人員", description=JOBS[4][2], occupation_id="52",
                district_id="63000020", address="臺北市信義區松仁路100號", pay_unit=PayUnit.MONTHLY, pay_min=32000,
                pay_max=36000, minimum_wage_checked=services.minimum_wage(PayUnit.MONTHLY, today), hours="SHIFT",
                openings=2, closing_date=today + timedelta(days=30), status=VacancyStatus.ACTIVE,
                screening_decision="publish", posted_on=today, posted_at=timezone.now(), created_by=officer)
        seeker = JobSeeker.objects.get(person_id=citizen.person_id)
        if not seeker.consent_to_matching:
            # The bulk load drew this login's consent at random; its story needs a referral.
            seeker.consent_to_matching = True
            seeker.save(update_fields=["consent_to_matching", "updated_at"])
        services.referral_create(seeker=seeker, vacancy=job, actor=officer, message="求職人有2年門市經驗，可配合輪班。")
        services.counselling_note_add(seeker=seeker, text="求職人希望日班，已介紹職訓局門市管理課程。", actor=officer)
    seekers = list(JobSeeker.objects.filter(status=SeekerStatus.ACTIVE, consent_to_matching=True)
                   .order_by("pk")[:60])
    vacancies = list(Vacancy.objects.filter(status=VacancyStatus.ACTIVE, openings__gte=3).order_by("pk")[:60])
    outcomes = ["PENDING", "INTERVIEWED", "HIRED", "HIRED", "NOT_HIRED", "NOT_HIRED"]
    for index, (seeker, vacancy) in enumerate(zip(seekers[1:31], vacancies, strict=False)):
        referral = services.referral_create(seeker=seeker, vacancy=vacancy, actor=officer)
        outcome = outcomes[index % len(outcomes)]
        if outcome == "PENDING":
            continue
        services.referral_answer(referral=referral, outcome=outcome, actor=officer,
                                 reason=rng.choice(["SKILLS", "PAY", "HOURS", "DECLINED"]) if outcome == "NOT_HIRED"
                                 else "", note="雇主電話回覆")
        if index % 5 == 0:
            services.counselling_note_add(seeker=seeker, text="已追蹤推介結果，求職人將再參加就業促進研習。",
                                          actor=officer)


# (title, occupation, pay unit, pay min, description, requirements, what the officer decides)
SCAM_ADS = [
    ("門市儲備幹部", "52", "MONTHLY", 35000, "到職前需繳交保證金5000元，離職時退還，公司提供完整升遷管道。", "", "REJECT:DEPOSIT"),
    ("在家打字員", "41", "MONTHLY", 90000, "在家工作，只要會打字，月入十萬不是夢！請加LINE詳談。", "", "REJECT:FALSE_AD"),
    ("外務專員", "93", "MONTHLY", 60000, "依公司指示前往各地領取包裹後轉交給客戶，日領3000元。", "", "REJECT:FRAUD"),
    ("業務專員", "33", "MONTHLY", 100000, "負責企業客戶開發，細節面試告知，歡迎加LINE洽詢。", "", "APPROVE"),
    ("帳務助理", "43", "MONTHLY", 50000, "需提供個人存摺及提款卡，協助公司進出帳，工作輕鬆。", "", ""),
    ("網拍客服", "42", "MONTHLY", 33000, "通過面試後須先匯款行政手續費1,500元辦理建檔。", "", ""),
    ("櫃檯接待", "42", "MONTHLY", 33000, "飯店櫃檯接待及訂房服務，需輪班。", "未婚，身高160以上", ""),
]
# Published (the screening let it through), then found to be a scam on a report.
MISSED_AD = ("倉儲助理", "93", "MONTHLY", 34000, "協助倉庫進出貨，工作時間彈性，薪資當日結清。", "")


def _screening(employers, staff, today) -> None:
    """The scam screening's demo: ads held for review (a few decided: refused with a
    reason told to the employer, one approved), and a published ad later confirmed a
    scam, so the review queue and its precision/recall show something. A fixed handful
    through the services whatever the scale; once."""
    from laborbureau.core.services import EmployerInput
    from laborbureau.employment import reviews
    from laborbureau.employment.models import ScreeningReview

    if ScreeningReview.objects.exists():
        return
    usable = [e for e in employers if e.business_id and identifiers.is_valid_business_id(e.business_id, today)]
    if not usable:
        return
    officer = staff["eso_officer"]

    def post(index, title, occupation, unit, pay, description, requirements):
        employer = usable[index % len(usable)]
        return services.vacancy_create(actor=officer, today=today, data=services.VacancyInput(
            title=title, description=description, requirements=requirements, occupation_code=occupation,
            district_code="63000020", address="臺北市信義區松仁路100號", pay_unit=unit,
            pay_min=max(pay, services.minimum_wage(unit, today)), hours="FULL_TIME",
            closing_date=today + timedelta(days=30),
            employer=EmployerInput(name=employer.name, business_id=employer.business_id)))

    for index, (title, occupation, unit, pay, description, requirements, decision) in enumerate(SCAM_ADS):
        held = post(index, title, occupation, unit, pay, description, requirements)
        if not decision or held.status != VacancyStatus.HELD:
            continue
        outcome, _, reason = decision.partition(":")
        reviews.review_decide(vacancy=held, outcome=outcome, reason=reason, actor=officer,
                              note="示範：經審核認定違反就業服務法第5條。" if outcome == "REJECT" else "示範：已電話查證雇主，薪資含業績獎金。")
    missed = post(len(SCAM_ADS), *MISSED_AD)
    if missed.status == VacancyStatus.ACTIVE:
        reviews.scam_confirm(vacancy=missed, reason="FRAUD", actor=officer, note="示範：民眾檢舉，查證為詐騙集團招募車手。")
