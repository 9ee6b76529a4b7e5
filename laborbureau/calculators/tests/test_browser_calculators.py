"""The calculators in a real browser: the index and two calculator pages with their
results (one on a phone, one in English) pass axe-core with no serious or critical
violation; a bad input shows its error summary linking to the field."""

import pytest

from laborbureau.conftest import axe_serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_index_is_accessible(page, live_server):
    page.goto(f"{live_server.url}/calculators/")

    assert page.locator("html").get_attribute("lang") == "zh-Hant-TW"
    assert page.get_by_role("heading", level=1).inner_text() == "勞動法令試算"
    assert axe_serious_violations(page) == []


def test_severance_filled_in_on_a_phone_shows_its_result_accessibly(phone_page, live_server):
    page = phone_page
    page.goto(f"{live_server.url}/calculators/severance/")
    page.get_by_label("到職日").fill("107/3/1")
    page.get_by_label("離職日（最後工作日）").fill("115/11/30")
    page.get_by_label("一個月平均工資（元）").fill("45000")
    page.get_by_label("新制（勞工退休金條例）").check()
    page.get_by_role("button", name="開始試算").click()
    page.wait_for_load_state()

    assert "average_monthly_wage=45000" in page.url  # a GET form: the result is a link
    assert "196,875" in page.locator("#result").inner_text()
    assert page.get_by_role("heading", name="計算步驟").is_visible()
    assert "勞工退休金條例第12條" in page.locator("#basis").inner_text()
    assert axe_serious_violations(page) == []


def test_overtime_result_in_english_is_accessible(page, live_server):
    page.goto(
        f"{live_server.url}/calculators/overtime/?work_date=115/11/27&day_type=rest_day&hours=3&monthly_wage=36000"
    )
    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()

    assert page.locator("html").get_attribute("lang") == "en"
    assert "650" in page.locator("#result").inner_text()
    assert page.get_by_role("heading", name="How it was calculated").is_visible()
    assert axe_serious_violations(page) == []


def test_a_bad_input_shows_an_error_summary_linking_to_the_field(page, live_server):
    page.goto(f"{live_server.url}/calculators/working-days/?start=115/11/27&end=115/11/1")

    summary = page.get_by_role("alert")
    assert "結束日不得早於起算日" in summary.inner_text()
    summary.get_by_role("link").first.click()
    assert page.evaluate("document.activeElement.id") == "id_end"
    assert axe_serious_violations(page) == []
