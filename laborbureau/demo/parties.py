"""Synthetic but realistic Taipei parties: Chinese names, addresses in the 12
districts, real industry codes, valid national IDs and 統一編號. Deterministic for a
given seed, so every machine gets the same demo."""

import random

from laborbureau.core.models import District, Employer, Establishment, HeadcountRecord, IndustryClass, Person
from laborbureau.rules import identifiers

SURNAMES = "陳林黃張李王吳劉蔡楊許鄭謝郭洪曾邱廖賴周徐蘇葉莊呂江何蕭羅高潘簡朱鍾彭游詹胡施沈余盧梁趙顏柯翁魏孫戴"
GIVEN = "怡君雅婷志明俊傑家豪淑芬美玲建宏宗翰欣怡冠宇佳穎承恩品妤柏翰詩涵宇軒雅雯育誠思妤晉瑋郁婷文彬靜宜振宇惠如"
ROADS = {
    "中正區": ["重慶南路一段", "羅斯福路二段", "忠孝西路一段", "南昌路二段"],
    "大同區": ["承德路二段", "延平北路二段", "民生西路", "重慶北路三段"],
    "中山區": ["南京東路二段", "中山北路二段", "松江路", "民權東路三段"],
    "松山區": ["八德路四段", "南京東路五段", "民生東路四段", "敦化北路"],
    "大安區": ["復興南路一段", "忠孝東路四段", "和平東路二段", "敦化南路二段"],
    "萬華區": ["西園路二段", "康定路", "艋舺大道", "萬大路"],
    "信義區": ["松仁路", "基隆路一段", "忠孝東路五段", "信義路五段"],
    "士林區": ["中正路", "文林路", "承德路四段", "天母東路"],
    "北投區": ["中和街", "石牌路二段", "光明路", "大業路"],
    "內湖區": ["瑞光路", "內湖路一段", "成功路四段", "港墘路"],
    "南港區": ["南港路一段", "經貿二路", "三重路", "忠孝東路七段"],
    "文山區": ["木柵路三段", "羅斯福路六段", "興隆路二段", "景美街"],
}
COMPANY_WORDS = "永豐 大同 長榮 新光 台北 信義 和平 華新 國泰 東元 聯發 台灣 遠東 宏達 統一 正隆 中興 光華 金龍 福源".split()
COMPANY_KINDS = ["股份有限公司", "有限公司", "企業社", "餐廳", "科技股份有限公司", "實業有限公司"]


def name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, 2))


def address(rng: random.Random, district: District) -> str:
    return f"臺北市{district.name_zh}{rng.choice(ROADS[district.name_zh])}{rng.randint(1, 300)}號{rng.randint(1, 12)}樓"


def make_persons(rng: random.Random, count: int, start_serial: int) -> list[Person]:
    districts = list(District.objects.all())
    people = []
    for offset in range(count):
        sex_digit = rng.choice((1, 2))
        district = rng.choice(districts)
        people.append(
            Person(
                id_kind="national_id",
                id_number=identifiers.make_national_id("A", sex_digit, start_serial + offset),
                name=name(rng),
                sex="M" if sex_digit == 1 else "F",
                birth_date=_birth_date(rng),
                phone=f"09{rng.randint(10000000, 99999999)}",
                email=f"worker{start_serial + offset}@example.tw",
                address=address(rng, district),
                district=district,
            )
        )
    return Person.objects.bulk_create(people, batch_size=2000)


def _birth_date(rng: random.Random):
    from datetime import date, timedelta

    return date(1960, 1, 1) + timedelta(days=rng.randint(0, 365 * 45))


def make_employers(rng: random.Random, count: int, start_prefix: int) -> list[Employer]:
    districts = list(District.objects.all())
    industries = list(IndustryClass.objects.filter(level="division"))
    employers = []
    prefix = start_prefix
    while len(employers) < count:
        business_id = identifiers.make_business_id(prefix)
        prefix += 1
        if business_id is None:
            continue
        district = rng.choice(districts)
        employers.append(
            Employer(
                business_id=business_id,
                name=f"{rng.choice(COMPANY_WORDS)}{rng.choice(COMPANY_WORDS)}{rng.choice(COMPANY_KINDS)}{len(employers) + 1}",
                representative=name(rng),
                industry=rng.choice(industries),
                phone=f"02-{rng.randint(2000, 2999)}-{rng.randint(1000, 9999)}",
                email=f"hr{business_id}@example.tw",
                address=address(rng, district),
                district=district,
            )
        )
    employers = Employer.objects.bulk_create(employers, batch_size=2000)
    sites, headcounts = [], []
    for employer in employers:
        sites.append(
            Establishment(
                employer=employer, name="總公司", address=employer.address, district=employer.district,
                industry=employer.industry,
            )
        )
    sites = Establishment.objects.bulk_create(sites, batch_size=2000)
    from datetime import date

    for site in sites:
        base = rng.choice((8, 25, 60, 120, 350))
        for year in (2024, 2025, 2026):
            headcounts.append(
                HeadcountRecord(
                    establishment=site, as_of=date(year, 1, 1), headcount=max(1, base + rng.randint(-5, 15)),
                    source="勞保投保人數",
                )
            )
    HeadcountRecord.objects.bulk_create(headcounts, batch_size=5000)
    return employers
