"""Fixtures shared by every app's tests: a real browser (Debian's Chromium driven by
Playwright; never a downloaded browser) and the axe-core accessibility check."""

import os
import shutil

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.fail("Chromium is missing: `make test` installs it (scripts/system-deps.sh test).")
    # Playwright's sync API runs an event loop in this thread; the Django ORM calls the
    # tests make around it are still synchronous.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="zh-TW", timezone_id="Asia/Taipei", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


@pytest.fixture
def phone_page(browser):
    context = browser.new_context(
        locale="zh-TW", timezone_id="Asia/Taipei", viewport={"width": 390, "height": 844}, is_mobile=True,
        has_touch=True,
    )
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


def axe_serious_violations(page) -> list[str]:
    """Run axe-core on the page; return the serious and critical violations, described."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    found = []
    for violation in results.response["violations"]:
        if violation.get("impact") in ("serious", "critical"):
            targets = [node["target"] for node in violation["nodes"]][:3]
            found.append(f"{violation['id']} ({violation['impact']}): {violation['help']} at {targets}")
    return found


TEST_PASSWORD = "correct horse battery staple"  # core.tests.factories' users


def sign_in(page, live_server, username: str, password: str = TEST_PASSWORD):
    """Log `username` in on `page` through the login form; returns the page."""
    page.set_default_timeout(15000)
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.get_by_role("button", name="登入").click()
    page.wait_for_load_state()
    return page


def watch_console(page, errors: list[str]) -> None:
    """Append the page's console errors and uncaught exceptions to `errors`."""
    def on_console(message):
        if message.type == "error":
            errors.append(f"{page.url}: {message.text} ({message.location.get('url', '')})")

    page.on("console", on_console)
    page.on("pageerror", lambda error: errors.append(f"{page.url}: {error}"))


@pytest.fixture(autouse=True)
def _search_caches_read_afresh():
    """Searches keep what changes seldom in the process (each kind's index state, the
    day the job bank's index was seen swept, the districts); each test's database starts
    without the last test's."""
    from laborbureau.employment.selectors import search_state_forget
    from laborbureau.search.services import index_state_forget

    index_state_forget()
    search_state_forget()


@pytest.fixture(autouse=True)
def _reference_data_in_transactional_tests(request):
    """A transactional test flushes every table when it ends, including the reference
    rows the data migrations loaded (districts, industries, units, the occupation
    classification); the next such test would start without them. Reload them when they
    are gone (any app's page may need them: the employer sign-up test posts a vacancy)."""
    marker = request.node.get_closest_marker("django_db")
    if marker is None or not marker.kwargs.get("transaction"):
        return
    request.getfixturevalue("transactional_db")
    from django.apps import apps

    from laborbureau.core import reference
    from laborbureau.employment import reference as employment_reference

    if not apps.get_model("core", "Unit").objects.exists():
        reference.load(apps)
    if not apps.get_model("employment", "Occupation").objects.exists():
        employment_reference.load(apps)
    # The flush empties search_document but not the index's own tables (the FTS5 table on
    # SQLite, the bag and its dictionary on PostgreSQL): rows left there would be counted
    # by the next test's searches.
    if not apps.get_model("search", "Document").objects.exists():
        from django.db import connection

        with connection.cursor() as cursor:
            tables = ["search_fts"] if connection.vendor == "sqlite" else ["search_bag", "search_token"]
            for table in tables:
                cursor.execute(f"DELETE FROM {table}")  # noqa: S608 (fixed names)


# --- staff of each role, shared by every app's tests ------------------------------------


def _staff(role: str, unit_code: str, username: str):
    from laborbureau.core.tests import factories

    return factories.staff(role, unit_code, username=username)


@pytest.fixture
def officer(db):
    """A case officer of the Labor Standards Section (LS)."""
    return _staff("CASE_OFFICER", "LS", "ls_officer")


@pytest.fixture
def other_officer(db):
    return _staff("CASE_OFFICER", "LS", "ls_officer2")


@pytest.fixture
def chief(db):
    return _staff("SECTION_CHIEF", "LS", "ls_chief")


@pytest.fixture
def director(db):
    return _staff("DIRECTOR", "ADM", "director")


@pytest.fixture
def auditor(db):
    return _staff("AUDITOR", "ADM", "auditor")


@pytest.fixture
def sysadmin(db):
    return _staff("SYSADMIN", "ADM", "sysadmin")


@pytest.fixture
def outsider(db):
    """A case officer of another unit (Labor Relations, LR)."""
    return _staff("CASE_OFFICER", "LR", "lr_officer")
