"""basic-wage, severance, retirement, overtime, mass-layoff, disability-quota and
unemployment-benefit through the API: every figure equals the rules module's own
result for the same input, and at least one figure per calculator is worked out by
hand from the article it applies (cited in the test)."""

from datetime import date
from fractions import Fraction

import pytest

from laborbureau.calculators.tests.conftest import error_at
from laborbureau.rules import disability_quota, mass_layoff, overtime, retirement, severance, unemployment, wages
from laborbureau.rules.articles import article_text

pytestmark = pytest.mark.django_db


def _citations(body) -> list[str]:
    return [item["citation"] for item in body["basis"]]


def _steps_match(body, result):
    assert [(s["label"], s["label_en"], s["formula"], s["value"]) for s in body["steps"]] == [
        (s.label_zh, s.label_en, s.formula, s.value) for s in result.steps
    ]
    assert body["version"] == result.version
    assert _citations(body) == [b.cite() for b in result.basis]


# --- basic wage ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("on", "monthly", "hourly", "kind"),
    [
        # 勞動部公告: 2023 基本工資 26,400 / 176; from 2024-01-01 the 最低工資 27,470 / 183
        # (最低工資法第5條, in force 2024-01-01); 2026: 29,500 / 196.
        ("112/12/31", 26400, 176, "basic_wage"),
        ("2024-01-01", 27470, 183, "minimum_wage"),
        ("2026-11-27", 29500, 196, "minimum_wage"),
    ],
)
def test_basic_wage_on_a_date(api, on, monthly, hourly, kind):
    body = api.ok("basic-wage", {"on": on})

    assert (body["figures"]["monthly"], body["figures"]["hourly"], body["figures"]["kind"]) == (monthly, hourly, kind)
    result = wages.basic_wage(date.fromisoformat(body["steps"][0]["value"]))
    assert (result.monthly, result.hourly, result.effective_from.isoformat()) == (
        monthly,
        hourly,
        body["figures"]["effective_from"],
    )
    _steps_match(body, result)


def test_basic_wage_cites_the_article_with_its_wording(api):
    old = api.ok("basic-wage", {"on": "2023-06-01"})
    new = api.ok("basic-wage", {"on": "2025-06-01"})

    assert old["basis"][0]["citation"] == "勞動基準法第21條"
    assert old["basis"][0]["text"].startswith("工資由勞雇雙方議定之。但不得低於基本工資。")
    assert new["basis"][0]["citation"] == "最低工資法第5條"
    assert new["basis"][0]["text"] == article_text("最低工資法", "第5條")


def test_basic_wage_after_the_recorded_data_is_refused(api):
    detail = api.refused("basic-wage", {"on": "2030-01-01"})

    assert error_at(detail, "on")["msg_en"].startswith("The minimum wage applying on 2030-01-01 is not recorded")


# --- severance ------------------------------------------------------------------------------


def test_new_system_severance_by_hand(api):
    # 勞工退休金條例第12條第1項: 2018-03-01..2026-11-30 is 8 years 9 months;
    # (8 + 9/12) × 1/2 = 4.375 months × 45,000 = 196,875.
    body = api.ok(
        "severance", {"start": "2018-03-01", "end": "2026-11-30", "average_monthly_wage": 45000, "system": "new"}
    )

    assert body["figures"]["amount"] == 196875
    assert body["figures"]["bases"] == "35/8"
    result = severance.severance_pay(
        start=date(2018, 3, 1), end=date(2026, 11, 30), average_monthly_wage=45000, system="new"
    )
    assert result.amount == 196875 and result.bases == Fraction(35, 8)
    _steps_match(body, result)
    assert body["basis"][0]["text"] == article_text("勞工退休金條例", "第12條")


def test_old_system_severance_counts_leftover_days_as_a_month(api):
    # 勞動基準法第17條第1項第2款 "未滿一個月者以一個月計": 2000-01-01..2003-04-10 is
    # 3 years 3 months 10 days -> 3 + 4/12 bases; × 36,000 = 120,000.
    body = api.ok("severance", {"start": "89/1/1", "end": "92/4/10", "average_monthly_wage": 36000, "system": "old"})

    assert (body["figures"]["amount"], body["figures"]["bases"]) == (120000, "10/3")
    assert body["basis"][0]["citation"].startswith("勞動基準法第17條")


def test_new_system_cap_of_six_months(api):
    # 勞工退休金條例第12條第1項 "最高以發給六個月平均工資為限": 21 years -> 10.5, capped at 6.
    body = api.ok(
        "severance", {"start": "2005-07-01", "end": "2026-06-30", "average_monthly_wage": 50000, "system": "new"}
    )

    assert (body["figures"]["amount"], body["figures"]["new_system_capped"]) == (300000, True)


def test_mixed_severance_matches_the_rules_module(api):
    body = api.ok(
        "severance", {"start": "2000-01-01", "end": "2026-06-30", "average_monthly_wage": 45000, "system": "mixed"}
    )

    result = severance.severance_pay(
        start=date(2000, 1, 1), end=date(2026, 6, 30), average_monthly_wage=45000, system="mixed"
    )
    # Old part: 2000-01-01..2005-06-30 = 5½ bases × 45,000 = 247,500 (勞基法第17條, kept under
    # 勞退條例第11條); new part capped at 6 × 45,000 = 270,000.
    assert body["figures"]["amount"] == result.amount == 517500
    assert (body["figures"]["old_system_amount"], body["figures"]["new_system_amount"]) == (247500, 270000)
    assert body["figures"]["switch_date"] == "2005-07-01"
    _steps_match(body, result)


# --- retirement ------------------------------------------------------------------------------


def test_thirty_years_give_forty_five_bases(api):
    # 勞動基準法第55條第1項第1款: 15 × 2 + 15 × 1 = 45 bases; × 52,000 = 2,340,000.
    body = api.ok("retirement", {"start": "1996-08-01", "end": "2026-07-31", "average_monthly_wage": 52000})

    assert (body["figures"]["amount"], body["figures"]["bases"], body["figures"]["capped"]) == (2340000, "45", False)
    result = retirement.retirement_pay(start=date(1996, 8, 1), end=date(2026, 7, 31), average_monthly_wage=52000)
    assert result.amount == 2340000
    _steps_match(body, result)
    assert any(item["citation"].startswith("勞動基準法第55條") and item["text"] for item in body["basis"])


def test_a_part_year_under_six_months_counts_as_half(api):
    # 第55條第1項第1款 "未滿半年者以半年計": 2006-03-01..2026-06-30 = 20 years 4 months -> 20½
    # years; 15 × 2 + 5½ × 1 = 35½ bases × 40,000 = 1,420,000.
    body = api.ok("retirement", {"start": "2006-03-01", "end": "2026-06-30", "average_monthly_wage": 40000})

    assert (body["figures"]["counted_years"], body["figures"]["bases"], body["figures"]["amount"]) == (
        "41/2",
        "71/2",
        1420000,
    )


def test_duty_incapacity_adds_twenty_percent(api):
    # 第55條第1項第2款: 45 bases × 52,000 × 120% = 2,808,000.
    body = api.ok(
        "retirement",
        {"start": "1996-08-01", "end": "2026-07-31", "average_monthly_wage": 52000, "duty_incapacity": True},
    )

    assert (body["figures"]["amount"], body["figures"]["bonus_applied"]) == (2808000, True)


# --- overtime --------------------------------------------------------------------------------


def test_rest_day_pay_by_hand(api):
    # 勞動基準法第24條第2項: hourly 36,000 ÷ 30 ÷ 8 = 150; 2 h × 150 × 1⅓ = 400;
    # 1 h × 150 × 1⅔ = 250; total 650.
    body = api.ok("overtime", {"work_date": "2026-11-27", "day_type": "rest_day", "hours": 3, "monthly_wage": 36000})

    assert (body["figures"]["amount"], body["figures"]["hourly_wage"]) == (650, "150")
    result = overtime.overtime_pay(work_date=date(2026, 11, 27), day_type="rest_day", hours=3, monthly_wage=36000)
    assert result.amount == 650
    _steps_match(body, result)


def test_workday_overtime_rounds_once_at_the_end(api):
    # 第24條第1項: hourly 30,000 ÷ 240 = 125; 2 h × 125 × 4/3 = 333⅓; 1 h × 125 × 5/3 = 208⅓;
    # 541⅔ rounded half up = 542.
    body = api.ok("overtime", {"work_date": "115/11/26", "day_type": "workday", "hours": "3", "monthly_wage": 30000})

    assert body["figures"]["amount"] == 542


def test_holiday_work_pays_one_extra_day(api):
    # 第39條 "工資應加倍發給": 8 h on a national holiday at 150 an hour -> 8 × 150 = 1,200 extra.
    body = api.ok("overtime", {"work_date": "2026-10-10", "day_type": "holiday", "hours": 8, "hourly_wage": 150})

    assert body["figures"]["amount"] == 1200
    assert "勞動基準法第39條" in [item["citation"] for item in body["basis"]] + [
        step["basis"]["citation"] for step in body["steps"] if step["basis"]
    ]


def test_fractional_hours_are_exact(api):
    body = api.ok("overtime", {"work_date": "2026-11-27", "day_type": "rest_day", "hours": 2.5, "monthly_wage": 36000})

    result = overtime.overtime_pay(work_date=date(2026, 11, 27), day_type="rest_day", hours="2.5", monthly_wage=36000)
    # 2 h × 150 × 4/3 = 400 + 0.5 h × 150 × 5/3 = 125 -> 525.
    assert body["figures"]["amount"] == result.amount == 525
    assert body["figures"]["hours"] == "5/2"


def test_both_wages_are_refused(api):
    detail = api.refused(
        "overtime",
        {"work_date": "2026-11-27", "day_type": "rest_day", "hours": 3, "monthly_wage": 36000, "hourly_wage": 150},
    )

    assert error_at(detail, "monthly_wage")["msg"] == "請擇一填寫月薪或時薪。"


# --- mass layoff -----------------------------------------------------------------------------


def test_more_than_twenty_in_a_single_day_at_a_site_of_120(api):
    # 大量解僱勞工保護法第2條第1項第2款: a site of 30–199 crosses with more than 20 in one day.
    # 25 on 2026-03-02 -> crossed that day; 第4條第1項: plan due 60 days before, 2026-01-01.
    body = api.ok(
        "mass-layoff",
        {
            "sites": [{"site": "內湖廠", "headcount": 120}],
            "layoffs": [{"day": "115/3/2", "count": 25, "site": "內湖廠"}],
        },
    )

    figures = body["figures"]
    assert (figures["crossed"], figures["crossing_date"], figures["clause"], figures["single_day"]) == (
        True,
        "2026-03-02",
        "第2條第1項第2款",
        True,
    )
    assert (figures["limit"], figures["counted"], figures["notice_due"]) == (20, 25, "2026-01-01")
    assert body["basis"][1]["text"].startswith("事業單位大量解僱勞工時，應於符合第二條規定情形之日起六十日前")


def test_a_third_within_sixty_days_is_found_retroactively(api):
    # 第2條第1項第2款: more than 120 ÷ 3 = 40 within 60 days (none above 20 in a day): 15 on
    # 03-02, 18 on 03-20 and 8 on 04-20 (within 50 days) make 41; crossed 2026-04-20; notice due
    # 60 days before, 2026-02-19, which lies before the first layoff.
    body = api.ok(
        "mass-layoff",
        {
            "sites": [{"site": "A", "headcount": 120}],
            "layoffs": [
                {"day": "2026-03-02", "count": 15, "site": "A"},
                {"day": "2026-03-20", "count": 18, "site": "A"},
                {"day": "2026-04-20", "count": 8, "site": "A"},
            ],
        },
    )

    result = mass_layoff.assess(
        site_headcounts={"A": 120},
        layoffs=[
            mass_layoff.Layoff(date(2026, 3, 2), 15, "A"),
            mass_layoff.Layoff(date(2026, 3, 20), 18, "A"),
            mass_layoff.Layoff(date(2026, 4, 20), 8, "A"),
        ],
    )
    assert (body["figures"]["crossing_date"], body["figures"]["notice_due"]) == ("2026-04-20", "2026-02-19")
    assert (body["figures"]["counted"], body["figures"]["limit"], body["figures"]["notice_retroactive"]) == (
        41,
        40,
        True,
    )
    assert result.notice_due == date(2026, 2, 19)
    _steps_match(body, result)


def test_exactly_at_the_threshold_is_not_a_mass_layoff(api):
    body = api.ok(
        "mass-layoff",
        {"sites": [{"site": "A", "headcount": 25}], "layoffs": [{"day": "2026-03-02", "count": 10, "site": "A"}]},
    )

    assert (body["figures"]["crossed"], body["figures"]["notice_due"]) == (False, None)


def test_a_layoff_at_an_unlisted_site_or_a_duplicate_site_is_refused(api):
    unlisted = api.refused(
        "mass-layoff",
        {"sites": [{"site": "A", "headcount": 25}], "layoffs": [{"day": "2026-03-02", "count": 10, "site": "B"}]},
    )
    twice = api.refused(
        "mass-layoff",
        {
            "sites": [{"site": "A", "headcount": 25}, {"site": "A", "headcount": 30}],
            "layoffs": [{"day": "2026-03-02", "count": 10, "site": "A"}],
        },
    )

    assert error_at(unlisted, "layoffs")["msg_en"] == "No headcount was given for site 'B'."
    assert error_at(twice, "sites")["msg_en"] == "Site 'A' is listed twice."


# --- disability quota --------------------------------------------------------------------------


def test_private_employer_of_250_with_one_severe_employee(api):
    # 身心障礙者權益保障法第38條第2項: 250 × 1% = 2.5 -> 2; 第38條第6項: a severe disability
    # counts two -> quota met, no shortfall fee (第43條第2項).
    body = api.ok(
        "disability-quota",
        {"on": "2026-11-01", "sector": "private", "headcount": 250, "employed": [{"severity": "severe"}]},
    )

    assert (body["figures"]["required"], body["figures"]["counted"], body["figures"]["monthly_fee"]) == (2, "2", 0)
    result = disability_quota.quota(
        on=date(2026, 11, 1), sector="private", headcount=250, employed=[disability_quota.EmployedPerson("severe")]
    )
    assert result.required == 2
    _steps_match(body, result)


def test_public_body_shortfall_fee_by_hand(api):
    # 第38條第1項: 100.5 × 3% = 3.015 -> 3; one mild part-timer counts ½ (第38條第4項);
    # shortfall 2½ × the 2026 monthly minimum wage 29,500 = 73,750 a month (第43條第2項).
    body = api.ok(
        "disability-quota",
        {
            "on": "2026-11-01",
            "sector": "public",
            "headcount": "100.5",
            "employed": [{"severity": "mild", "part_time": True}],
        },
    )

    assert (body["figures"]["shortfall"], body["figures"]["wage"], body["figures"]["monthly_fee"]) == (
        "5/2",
        29500,
        73750,
    )


def test_a_headcount_that_is_not_a_whole_or_half_number_is_refused(api):
    detail = api.refused("disability-quota", {"on": "2026-11-01", "sector": "public", "headcount": "100.3"})

    assert error_at(detail, "headcount")["msg_en"] == (
        "The staff total must be non-negative and a multiple of 1/2 (two part-timers count as one)."
    )


# --- unemployment benefit ------------------------------------------------------------------------


def test_unemployment_benefit_with_one_dependant_by_hand(api):
    # 就業保險法第16條第1項: 60% of 45,800 = 27,480; 第19條之1: +10% for one dependant ->
    # 70% = 32,060 a month; aged 40 at the separation: 6 months, 192,360 in all;
    # 第20條第1項: from the 15th day of the registration (2026-03-02 + 14 = 2026-03-16).
    body = api.ok(
        "unemployment-benefit",
        {
            "on": "2026-03-02",
            "separation_date": "2026-02-27",
            "birth_date": "1985-05-05",
            "insured_salaries": [45800] * 6,
            "dependants": ["spouse"],
        },
    )

    figures = body["figures"]
    assert (figures["base_amount"], figures["monthly_benefit"], figures["max_months"]) == (27480, 32060, 6)
    assert (figures["total_if_paid_in_full"], figures["first_benefit_day"]) == (192360, "2026-03-16")
    assert len(figures["schedule"]) == 6 and figures["schedule"][0]["initial"] is True
    result = unemployment.unemployment_benefit(
        on=date(2026, 3, 2),
        separation_date=date(2026, 2, 27),
        insured_salaries=[45800] * 6,
        birth_date=date(1985, 5, 5),
        dependants=["spouse"],
    )
    assert result.monthly_benefit == 32060
    _steps_match(body, result)


def test_age_45_at_the_separation_gives_nine_months(api):
    # 第16條第1項但書: 年滿四十五歲 at the separation -> up to 9 months; two dependants cap at 20%.
    body = api.ok(
        "unemployment-benefit",
        {
            "on": "2026-03-02",
            "separation_date": "2026-02-27",
            "birth_date": "1980-05-05",
            "insured_salaries": [45800] * 6,
            "dependants": ["spouse", "minor_child", "minor_child"],
        },
    )

    assert (body["figures"]["max_months"], body["figures"]["extended_by"]) == (9, "age")
    assert (body["figures"]["dependants_counted"], body["figures"]["monthly_benefit"]) == (2, 36640)


def test_a_salary_list_of_the_wrong_length_is_refused(api):
    detail = api.refused(
        "unemployment-benefit",
        {
            "on": "2026-03-02",
            "separation_date": "2026-02-27",
            "birth_date": "1985-05-05",
            "insured_salaries": [45800] * 5,
        },
    )

    assert error_at(detail, "insured_salaries")["type"] == "too_short"
