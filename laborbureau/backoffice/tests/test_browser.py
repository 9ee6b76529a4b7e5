"""The staff workspace in a real browser: every page passes axe-core with no serious
or critical violation, on a desktop and on a phone, without sideways scrolling of the
page itself (wide tables scroll inside their own box)."""

import pytest

from laborbureau.conftest import axe_serious_violations
from laborbureau.core import services as core_services
from laborbureau.core.models import HeadcountRecord, Role
from laborbureau.core.tests import factories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct horse battery staple"


def sign_in(page, live_server, username):
    page.goto(f"{live_server.url}/accounts/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="登入").click()
    page.wait_for_load_state()


def check(page, url):
    page.goto(url)
    page.wait_for_load_state()
    assert page.locator("h1").count() == 1, url
    assert axe_serious_violations(page) == [], url
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"{url} scrolls sideways by {overflow}px"


@pytest.mark.parametrize("viewport", ["page", "phone_page"])
def test_staff_pages_are_accessible(request, live_server, viewport):
    page = request.getfixturevalue(viewport)
    officer = factories.staff(Role.CASE_OFFICER, "LS", username="officer")
    factories.staff(Role.AUDITOR, "ADM", username="auditor")
    person = factories.PersonFactory(name="林美麗")
    duplicate = factories.PersonFactory(name="林美麗")
    employer = factories.EmployerFactory(name="信義測試有限公司")
    site = factories.EstablishmentFactory(employer=employer, name="內湖廠")
    HeadcountRecord.objects.create(establishment=site, as_of="2026-01-01", headcount=120, source="勞保")
    case = factories.open_test_case(actor=officer, assignee=officer, person=person, employer=employer)
    factories.open_test_case(actor=officer, title="待分案")
    core_services.access_log_record(user=officer, action="view", object_type="person", object_id=person.pk,
                                    purpose="案件承辦")
    base = live_server.url

    sign_in(page, live_server, "officer")
    for path in ("/staff/", "/staff/queue/", "/staff/due/", "/staff/overdue/", "/staff/search/",
                 f"/staff/cases/{case.number}/", f"/staff/persons/{person.pk}/",
                 f"/staff/persons/{person.pk}/?purpose=案件承辦", f"/staff/employers/{employer.pk}/?purpose=案件承辦",
                 f"/staff/persons/merge/?survivor={person.pk}&absorbed={duplicate.pk}", "/staff/employers/merge/",
                 "/staff/persons/new/", f"/staff/persons/{person.pk}/edit/", "/staff/employers/new/",
                 f"/staff/employers/{employer.pk}/edit/"):
        check(page, base + path)

    # registering a person with a wrong check digit: the reason sits on the ID field
    page.goto(f"{base}/staff/persons/new/")
    page.locator("#id_id_number").fill(person.id_number[:-1] + str((int(person.id_number[-1]) + 1) % 10))
    page.get_by_label("姓名").fill("陳小華")
    page.get_by_role("button", name="登錄").click()
    page.wait_for_load_state()
    assert page.locator("#id_id_number_error").is_visible()
    assert axe_serious_violations(page) == []

    # a future headcount date on the employer page
    page.goto(f"{base}/staff/employers/{employer.pk}/?purpose=案件承辦")
    page.locator("#id_headcount-establishment").select_option(label="內湖廠")
    page.get_by_label("基準日").fill("999/01/01")
    page.get_by_role("spinbutton", name="勞工人數").fill("10")
    page.get_by_role("button", name="登錄人數").click()
    page.wait_for_load_state()
    assert page.locator("#id_headcount-as_of_error").is_visible()
    assert axe_serious_violations(page) == []

    # a step with a field error, as a keyboard and screen-reader user meets it
    page.goto(f"{base}/staff/cases/{case.number}/")
    form = page.locator("form.transition").filter(has=page.get_by_role("heading", name="開始處理", exact=True))
    form.get_by_label("訪查日期").fill("115/02/30")
    form.get_by_label("結果").select_option("ok")
    form.get_by_role("button", name="開始處理").click()
    page.wait_for_load_state()
    assert page.locator(".field-error").first.is_visible()
    assert axe_serious_violations(page) == []

    # search posts, so the ID never lands in the URL
    page.goto(f"{base}/staff/search/")
    page.get_by_label("案號、身分證號、姓名、統一編號或名稱").fill(person.id_number)
    page.get_by_role("button", name="查詢").last.click()
    page.wait_for_load_state()
    assert person.id_number not in page.url
    assert case.number in page.content()
    assert axe_serious_violations(page) == []

    page.context.clear_cookies()
    sign_in(page, live_server, "auditor")
    check(page, base + "/staff/audit/access-log/")
    check(page, f"{base}/staff/cases/{case.number}/")
