"""The calculators' portal pages: an index and one GET form per calculator, in zh-Hant
(default) and English, showing the figures, the steps and the legal basis with the
article's wording; bad input answers 422 with the reason on its field and an error
summary linking to it. The page and the API give the same figures (one adapter)."""

import json
import re
from html import unescape

import pytest

from laborbureau.calculators import adapters
from laborbureau.rules.articles import article_text

pytestmark = pytest.mark.django_db

#: A query per calculator that gives a result, and one figure it must show.
QUERIES = {
    "identifier": ("kind=person&number=a123456789", "A123456789"),
    "roc-date": ("date=115/11/27", "民國115年11月27日"),
    "working-days": ("start=115/11/27&days=10&period_kind=working", "民國115年12月11日"),
    "basic-wage": ("on=115/11/27", "29,500"),
    "severance": ("start=107/3/1&end=115/11/30&average_monthly_wage=45000&system=new", "196,875"),
    "retirement": ("start=85/8/1&end=115/7/31&average_monthly_wage=52000", "2,340,000"),
    "overtime": ("work_date=115/11/27&day_type=rest_day&hours=3&monthly_wage=36000", "650"),
    "mass-layoff": ("site_1_headcount=120&layoff_1_day=115/3/2&layoff_1_count=25&layoff_1_site=1", "民國115年1月1日"),
    "disability-quota": ("on=115/11/1&sector=public&headcount=100.5&mild_part=1", "73,750"),
    "unemployment-benefit": (
        "on=115/3/2&separation_date=115/2/27&birth_date=74/5/5&"
        + "&".join(f"salary_{n}=45800" for n in range(1, 7))
        + "&spouse=1",
        "32,060",
    ),
}


def _text(response) -> str:
    return unescape(re.sub(r"<[^>]+>", " ", response.content.decode()))


def english(client):
    client.cookies["django_language"] = "en"
    return client


def test_the_index_lists_every_calculator_in_both_languages(client):
    zh = client.get("/calculators/")
    en = english(client).get("/calculators/")

    assert zh.status_code == en.status_code == 200
    for calculator in adapters.calculators():
        assert f'href="/calculators/{calculator.slug}/"' in zh.content.decode()
        assert calculator.title_zh in _text(zh)
        assert calculator.title_en in _text(en)
    assert '<html lang="zh-Hant-TW">' in zh.content.decode()
    assert '<html lang="en">' in en.content.decode()


@pytest.mark.parametrize("slug", sorted(QUERIES))
def test_a_blank_form_renders_with_labels_and_fieldsets(client, slug):
    response = client.get(f"/calculators/{slug}/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "<fieldset>" in html and "<legend>" in html
    assert 'method="get"' in html
    assert "csrfmiddlewaretoken" not in html.split('method="get"')[1].split("</form>")[0]
    for input_id in re.findall(r'<input[^>]+id="(id_[^"]+)"', html):
        if not re.search(rf'<input[^>]+id="{input_id}"[^>]+type="(hidden|radio)"', html):
            assert f'for="{input_id}"' in html, input_id
    assert "h-result" not in html


@pytest.mark.parametrize("slug", sorted(QUERIES))
def test_results_show_figures_steps_and_basis_in_chinese(client, slug):
    query, figure = QUERIES[slug]
    response = client.get(f"/calculators/{slug}/?{query}")

    text = _text(response)
    assert response.status_code == 200, text[:2000]
    assert figure in text
    assert "計算步驟" in text and "法律依據" in text
    assert "適用版本" in text


@pytest.mark.parametrize("slug", sorted(QUERIES))
def test_results_show_in_english_after_the_language_switch(client, slug):
    query, figure = QUERIES[slug]
    client.post("/i18n/setlang/", {"language": "en", "next": f"/calculators/{slug}/?{query}"})
    response = client.get(f"/calculators/{slug}/?{query}")

    text = _text(response)
    assert response.status_code == 200
    assert "How it was calculated" in text and "Legal basis" in text and "Version applied" in text
    assert "計算步驟" not in text


@pytest.mark.parametrize(
    ("slug", "query", "api_body"),
    [
        (
            "severance",
            "start=107/3/1&end=115/11/30&average_monthly_wage=45000&system=new",
            {"start": "2018-03-01", "end": "2026-11-30", "average_monthly_wage": 45000, "system": "new"},
        ),
        (
            "overtime",
            "work_date=115/11/27&day_type=holiday&hours=10&hourly_wage=150",
            {"work_date": "2026-11-27", "day_type": "holiday", "hours": 10, "hourly_wage": 150},
        ),
    ],
)
def test_the_page_shows_the_steps_and_articles_the_api_gives(client, slug, query, api_body):
    page = _text(client.get(f"/calculators/{slug}/?{query}"))
    answer = client.post(
        f"/api/v1/calculators/{slug}", data=json.dumps(api_body), content_type="application/json"
    ).json()

    for step in answer["steps"]:
        assert step["label"] in page and step["value"] in page
    for basis in answer["basis"]:
        assert basis["citation"] in page
        if basis["text"]:
            first_line = basis["text"].splitlines()[0]
            assert first_line in page


def test_the_article_wording_is_on_the_page(client):
    response = client.get("/calculators/severance/?start=107/3/1&end=115/11/30&average_monthly_wage=45000&system=new")

    text = _text(response)
    assert "勞工退休金條例第12條" in text
    assert article_text("勞工退休金條例", "第12條").splitlines()[0] in text
    assert 'lang="zh-Hant-TW" class="article-text"' in response.content.decode()


@pytest.mark.parametrize(
    ("slug", "query", "field", "zh", "en"),
    [
        ("identifier", "kind=person&number=A123456788", "number", "檢查碼不正確", "The check digit is wrong"),
        ("roc-date", "date=114/2/29", "date", "日期不存在", "No such date"),
        ("working-days", "start=115/11/27&end=115/11/1", "end", "結束日不得早於起算日", "must not be before the start"),
        (
            "severance",
            "start=115/3/1&end=107/11/30&average_monthly_wage=45000&system=new",
            "end",
            "離職日",
            "cannot end before it starts",
        ),
        (
            "severance",
            "start=107/3/1&end=115/11/30&average_monthly_wage=-5&system=new",
            "average_monthly_wage",
            "大於或等於 1",
            "greater than or equal to 1",
        ),
        (
            "retirement",
            "start=73/7/1&end=115/7/31&average_monthly_wage=52000",
            "start",
            "勞動基準法自",
            "Labor Standards Act applies from",
        ),
        (
            "overtime",
            "work_date=115/11/27&day_type=rest_day&hours=3",
            "monthly_wage",
            "請擇一填寫月薪或時薪",
            "either the monthly wage or the hourly wage",
        ),
        ("basic-wage", "on=101/12/31", "on", "基本工資資料自", "recorded from"),
        (
            "mass-layoff",
            "site_1_headcount=120&layoff_1_day=97/5/1&layoff_1_count=25",
            "layoff_1_day",
            "早於本計算涵蓋",
            "is before the versions",
        ),
        (
            "disability-quota",
            "on=115/11/1&sector=public&headcount=100.3",
            "headcount",
            "僅能為整數或半數",
            "multiple of 1/2",
        ),
        (
            "unemployment-benefit",
            "on=115/2/1&separation_date=115/2/27&birth_date=74/5/5&"
            + "&".join(f"salary_{n}=45800" for n in range(1, 7)),
            "on",
            "不得早於離職退保日",
            "cannot be before the separation",
        ),
    ],
)
def test_bad_input_shows_a_field_error_in_both_languages_with_422(client, slug, query, field, zh, en):
    response = client.get(f"/calculators/{slug}/?{query}")
    html = response.content.decode()

    assert response.status_code == 422
    error = re.search(rf'<ul class="field-error" id="id_{field}_error">(.*?)</ul>', html, re.S)
    assert error, html[:3000]
    assert zh in unescape(error.group(1))
    assert f'href="#id_{field}"' in html  # the error summary links to the field
    assert 'role="alert"' in html
    assert "h-result" not in html
    assert 'aria-invalid="true"' in html

    english_html = english(client).get(f"/calculators/{slug}/?{query}").content.decode()
    english_error = re.search(rf'<ul class="field-error" id="id_{field}_error">(.*?)</ul>', english_html, re.S)
    assert english_error and en in unescape(english_error.group(1))


def test_an_unknown_calculator_is_404(client):
    assert client.get("/calculators/lottery/").status_code == 404
