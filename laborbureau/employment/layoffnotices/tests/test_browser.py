"""The invitation letters in a real browser: printed, each worker's letter is a page of its
own and nothing of the workspace (header, menu, buttons) is on it; the screen passes
axe-core with no serious or critical violation."""

import re

import pytest

from laborbureau.conftest import axe_serious_violations
from laborbureau.employment.layoffnotices.tests.factories import counsellor, file_notice, worker_values

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct horse battery staple"


def sign_in(page, live_server, username):
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="登入").click()
    page.wait_for_load_state()


def test_each_letter_prints_on_a_page_of_its_own(live_server, page, tmp_path):
    notice = file_notice(workers=[worker_values(name=name) for name in ("林阿土", "陳阿水", "黃阿金")])
    officer = counsellor()
    sign_in(page, live_server, officer.username)
    page.goto(f"{live_server.url}/staff/employment/layoff-notices/{notice.pk}/letters/")
    assert page.locator("article.letter").count() == 3
    assert axe_serious_violations(page) == []
    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible()
    assert not page.get_by_role("button", name="登錄已寄出").is_visible()
    assert page.locator("article.letter").first.is_visible()
    pdf = page.pdf(format="A4", path=str(tmp_path / "letters.pdf"))
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert pages == 3, pages
