"""Demo layoff notices: the demo employer's notices filed through the services (one in
time whose list names the demo citizen, so their invitation shows on the portal; one late,
so the fine button shows; one for a worker leaving today, which the mass-layoff monitor
takes in), a paper notice of an employer without account entered by the office (its
workers get letters), and an uploaded list with mistakes awaiting a fix (its report)."""

import random
from datetime import timedelta

from django.utils import timezone

from laborbureau.core.models import Employer, User, UserKind
from laborbureau.employment.layoffnotices import services
from laborbureau.employment.layoffnotices.models import LayoffNotice
from laborbureau.rules.identifiers import make_business_id, make_national_id

POSITIONS = ["作業員", "倉管人員", "門市人員", "行政助理", "業務專員", "品管人員"]
NAMES = ["陳志明", "林淑芬", "黃建宏", "張雅婷", "李俊傑", "王美玲", "吳家豪", "劉怡君"]


def _worker(rng: random.Random, *, last_day, id_number: str | None = None, name: str | None = None, email: str = ""):
    return {
        "id_number": id_number or make_national_id(rng.choice("ABCDEFGH"), rng.choice([1, 2]), rng.randrange(10**7)),
        "name": name or rng.choice(NAMES), "birth_date": f"{rng.randint(1965, 2000)}-{rng.randint(1, 12):02d}-15",
        "phone": f"09{rng.randrange(10**8):08d}", "address": f"臺北市內湖區瑞光路{rng.randint(1, 600)}號",
        "email": email, "position": rng.choice(POSITIONS), "ground": rng.choice(["11-2", "11-4", "虧損"]),
        "last_day": last_day.isoformat(), "needs_assistance": "是",
    }


def seed(*, rng: random.Random, citizens: list[User], employers: list[Employer], staff: dict[str, User]) -> int:
    """File the demo notices once; returns the rows created (0 when they exist)."""
    account = User.objects.filter(kind=UserKind.EMPLOYER, employer__isnull=False).order_by("pk").first()
    if account is None or LayoffNotice.objects.filter(employer=account.employer).exists():
        return 0
    today = timezone.localdate()
    made = 0
    person = citizens[0].person if citizens and citizens[0].person_id else None
    timely = [_worker(rng, last_day=today + timedelta(days=25)) for _ in range(5)]
    if person is not None:
        timely[0] = _worker(rng, last_day=today + timedelta(days=25), id_number=person.id_number, name=person.name,
                            email=person.email)
    notices = [
        services.NoticeInput(workers=timely, establishment_name="內湖廠", contact_name="人資 林小姐",
                             contact_phone="02-2720-8889"),
        services.NoticeInput(workers=[_worker(rng, last_day=today + timedelta(days=3)) for _ in range(3)],
                             establishment_name="內湖廠", contact_name="人資 林小姐"),
        services.NoticeInput(workers=[_worker(rng, last_day=today), _worker(rng, last_day=today)],
                             establishment_name="南港倉庫", force_majeure=True),
    ]
    for data in notices:
        notice = services.notice_file(data=data, actor=account)
        made += 1 + notice.worker_count
        if notice.late and not notice.force_majeure and "eso_officer" in staff:
            # The officer opens the late notice's fine case (the chief and director sign off).
            services.fine_case_open(notice=notice, actor=staff["eso_officer"], amount=30000,
                                    violation_date=notice.earliest_due + timedelta(days=1),
                                    findings="雇主未於員工離職十日前通報。")
    officer = staff.get("eso_officer")
    if officer is not None:
        # A list mailed by a small employer with no account, entered by the office from
        # the postmark's day; its workers have no e-mail: the letters page prints for them.
        paper = services.notice_file(data=services.NoticeInput(
            workers=[_worker(rng, last_day=today + timedelta(days=20)) for _ in range(3)],
            establishment_name="萬華門市", employer_business_id=make_business_id(8317006) or "",
            employer_name="萬華老店食品行", received_on=today - timedelta(days=2), contact_name="老闆 陳先生",
            contact_phone="02-2306-1234"), actor=officer)
        made += 1 + paper.worker_count
    services.monitor_feed_due(today)
    header = "身分證統一編號,姓名,性別,出生日期,電話,住址,擔任工作,資遣事由,離職日\n"
    lines = [",".join([w["id_number"], w["name"], "", w["birth_date"], w["phone"], w["address"], w["position"],
                       w["ground"], w["last_day"]]) for w in (_worker(rng, last_day=today + timedelta(days=40))
                                                              for _ in range(6))]
    lines[2] = lines[2].replace(lines[2].split(",")[0], "A123456788")  # a wrong check digit
    lines[4] = lines[4].replace("虧損", "自願離職").replace("11-2", "自願離職").replace("11-4", "自願離職")
    content = (header + "\n".join(lines) + "\n").encode("cp950")
    upload, _ = services.upload_create(data=services.UploadInput(file_name="資遣名冊-第二批.csv", content=content,
                                                                 establishment_name="內湖廠"), actor=account)
    services.upload_validate(upload.pk)
    return made + 1
