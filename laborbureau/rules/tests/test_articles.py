"""rules.articles: the wording of every article the public calculators cite, keyed by
law and article, as published by 全國法規資料庫."""

import json
from datetime import date
from importlib import resources

import pytest

from laborbureau.rules import (
    disability_quota,
    mass_layoff,
    overtime,
    retirement,
    severance,
    unemployment,
    wages,
    working_days,
)
from laborbureau.rules.articles import article, article_text, articles

#: Laws cited by rules whose basis is not an article of a law (administrative coding
#: rules, the office calendar, a Ministry letter), so no wording is held for them.
NOT_ARTICLES = ("國民身分證", "外來人口", "營利事業", "政府行政機關辦公日曆表", "勞動基準法施行細則")


def _cited_by_the_calculators():
    """Every LegalBasis the rules give for the calculators' typical inputs."""
    results = [
        working_days.deadline_detail(date(2026, 11, 27), 8, "calendar"),
        wages.basic_wage(date(2023, 6, 1)),
        wages.basic_wage(date(2026, 6, 1)),
        severance.severance_pay(
            start=date(2000, 1, 1), end=date(2026, 6, 30), average_monthly_wage=45000, system="mixed"
        ),
        retirement.retirement_pay(
            start=date(1996, 8, 1), end=date(2026, 7, 31), average_monthly_wage=52000, duty_incapacity=True
        ),
        *(
            overtime.overtime_pay(work_date=date(2026, 11, 27), day_type=kind, hours=10, monthly_wage=36000)
            for kind in ("rest_day", "regular_day_off", "holiday")
        ),
        overtime.overtime_pay(work_date=date(2026, 11, 27), day_type="workday", hours=3, monthly_wage=36000),
        mass_layoff.assess(site_headcounts={"A": 120}, layoffs=[mass_layoff.Layoff(date(2026, 3, 2), 25, "A")]),
        disability_quota.quota(
            on=date(2026, 11, 1), sector="public", headcount=100, employed=[disability_quota.EmployedPerson("mild")]
        ),
        unemployment.unemployment_benefit(
            on=date(2026, 3, 2),
            separation_date=date(2026, 2, 27),
            insured_salaries=[45800] * 6,
            birth_date=date(1985, 5, 5),
            dependants=["spouse"],
        ),
    ]
    for result in results:
        yield from (result.basis,) if not isinstance(result.basis, tuple) else result.basis
        for step in getattr(result, "steps", ()):
            if step.basis:
                yield step.basis


def test_every_article_the_calculators_cite_has_its_wording():
    missing = sorted(
        {
            basis.cite()
            for basis in _cited_by_the_calculators()
            if not basis.law.startswith(NOT_ARTICLES) and article_text(basis.law, basis.article) is None
        }
    )

    assert missing == []


def test_the_wording_is_the_official_text():
    # 勞動基準法第17條第1項 as published (全國法規資料庫, amended 2015-02-04).
    assert article_text("勞動基準法", "第17條") == (
        "雇主依前條終止勞動契約者，應依下列規定發給勞工資遣費：一、在同一雇主之事業單位繼續工作，"
        "每滿一年發給相當於一個月平均工資之資遣費。二、依前款計算之剩餘月數，或工作未滿一年者，"
        "以比例計給之。未滿一個月者以一個月計。\n前項所定資遣費，雇主應於終止勞動契約三十日內發給。"
    )
    assert (
        article_text("就業保險法", "第20條")
        == "失業給付自向公立就業服務機構辦理求職登記之第十五日起算。\n職業訓練生活津貼自受訓之日起算。"
    )
    assert article_text("最低工資法", "第14條") == (
        "經行政院核定之最低工資，除審議會認有另定實施日期必要，並經行政院核定者外，自次年一月一日實施。"
    )


@pytest.mark.parametrize(
    ("reference", "first"),
    [
        ("第48條", "期間以時計算者"),
        ("第48條第2項、第4項", "期間以時計算者"),
        ("第 48 條", "期間以時計算者"),
    ],
)
def test_a_reference_to_a_paragraph_gives_the_whole_article(reference, first):
    assert article_text("行政程序法", reference).startswith(first)


def test_several_articles_are_each_headed_by_their_number():
    text = article_text("勞動基準法", "第39條、第40條第1項")

    assert text.startswith("第39條\n第三十六條所定之例假")
    assert "\n\n第40條\n因天災、事變或突發事件" in text


def test_article_with_a_sub_number():
    assert article_text("勞工退休金條例", "第11條") != article_text("勞動基準法", "第84條之2")
    assert article_text("勞動基準法", "第84條之2").startswith("勞工工作年資自受僱之日起算")
    assert article_text("就業保險法", "第19條之1第2項").endswith("無工作收入之父母、配偶、未成年子女或身心障礙子女。")
    assert article_text("就業保險法", "第19條") is None  # 第19條 is not 第19條之1


def test_unknown_laws_and_articles_answer_none():
    assert article_text("勞動基準法", "第999條") is None
    assert article_text("不存在法", "第1條") is None
    assert article_text("勞動基準法", "") is None
    assert article_text("國民身分證統一編號編碼原則（內政部）", "檢查碼") is None


def test_a_law_name_with_a_note_finds_the_law():
    assert article_text("勞動基準法（舊名）", "第17條") == article_text("勞動基準法", "第17條")


def test_every_entry_is_well_formed():
    raw = json.loads(resources.files("laborbureau.rules").joinpath("data", "articles.json").read_text(encoding="utf-8"))
    held = articles()

    assert len(held) == sum(len(entries) for entries in raw["laws"].values())
    for (law, number), entry in held.items():
        assert entry.text and entry.amended and entry.source
        assert "\r" not in entry.text and "  " not in entry.text
        assert entry.text.endswith(("。", "：")), (law, number)
        assert article(law, number) == [entry]
