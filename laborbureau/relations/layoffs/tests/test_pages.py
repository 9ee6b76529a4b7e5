"""The mass-layoff pages: an employer files on the portal (late: warned), the plan on
the generic case pages, an officer's monitoring page and event entry, and who is kept out."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from laborbureau.cases.models import Case
from laborbureau.core.models import Role
from laborbureau.core.tests.factories import EstablishmentFactory, citizen, employer_user, staff
from laborbureau.relations.layoffs import services
from laborbureau.relations.layoffs.models import LayoffEvent, LayoffMonitoring
from laborbureau.relations.layoffs.tests.factories import plan_input

pytestmark = pytest.mark.django_db


def form(days_ahead=30, **overrides):
    data = {
        "establishment_name": "內湖廠", "headcount": "100", "legal_ground": "LSA11_2", "reason": "訂單減少",
        "departments": "生產部", "day_1": (timezone.localdate() + timedelta(days=days_ahead)).isoformat(),
        "count_1": "40", "selection_criteria": "依年資", "severance_method": "依法", "reemployment_plan": "轉介",
        "notified_party": "UNION",
    }
    data.update(overrides)
    return data


def test_an_employer_files_a_late_plan_on_the_portal_and_sees_the_flag(client):
    company = employer_user()
    client.force_login(company)
    assert client.get("/portal/layoff-plans/new/").status_code == 200
    response = client.post("/portal/layoff-plans/new/", form(), follow=True)
    case = Case.objects.get(case_type="mass_layoff_plan")  # the late plan also opened a monitoring case
    assert response.redirect_chain[-1][0] == f"/portal/cases/{case.number}/"
    assert "逾期30日" in response.content.decode()
    listing = client.get("/portal/layoff-plans/").content.decode()
    assert case.number in listing


def test_a_bad_plan_is_422_on_its_field_and_saves_nothing(client):
    client.force_login(employer_user())
    response = client.post("/portal/layoff-plans/new/", form(count_1="0", day_2=timezone.localdate().isoformat()))
    assert response.status_code == 422
    assert set(response.context["form"].errors) == {"count_1", "count_2"}
    assert not Case.objects.exists()


def test_citizens_have_no_layoff_pages(client):
    client.force_login(citizen())
    assert client.get("/portal/layoff-plans/new/").status_code == 404
    assert client.get("/staff/mass-layoffs/").status_code == 404


def test_the_staff_case_page_shows_the_plan_and_its_late_flag(client):
    plan = services.layoff_plan_file(data=plan_input(days_ahead=30), actor=employer_user())
    client.force_login(staff(Role.CASE_OFFICER, "LR"))
    page = client.get(f"/staff/cases/{plan.case.number}/").content.decode()
    assert "逾期提出" in page
    assert "第2條第1項第2款" in page
    monitoring = LayoffMonitoring.objects.get()
    assert monitoring.case.number in page


def test_an_officer_records_a_layoff_that_crosses_and_the_monitor_lists_it_in_constant_queries(client):
    officer = staff(Role.CASE_OFFICER, "LR")
    client.force_login(officer)
    site = EstablishmentFactory()
    today = timezone.localdate().isoformat()
    response = client.post("/staff/mass-layoffs/", {"establishment": site.pk, "day": today, "count": "11",
                                                    "headcount": "25", "source": "OFFICER"}, follow=True)
    assert LayoffMonitoring.objects.get().case.number in response.content.decode()
    with CaptureQueriesContext(connection) as one:
        client.get("/staff/mass-layoffs/")
    for _ in range(3):
        services.layoff_event_record(establishment=EstablishmentFactory(), day=timezone.localdate(), count=9,
                                     source="OFFICER", actor=officer, headcount=12)
    with CaptureQueriesContext(connection) as four:
        page = client.get("/staff/mass-layoffs/")
    assert len(page.context["rows"]) == 4
    assert len(four) == len(one)


def test_a_bad_event_is_422_and_writes_nothing(client):
    client.force_login(staff(Role.CASE_OFFICER, "LR"))
    site = EstablishmentFactory()
    response = client.post("/staff/mass-layoffs/", {"establishment": site.pk,
                                                    "day": (timezone.localdate() + timedelta(days=2)).isoformat(),
                                                    "count": "3", "headcount": "20", "source": "OFFICER"})
    assert response.status_code == 422
    assert "day" in response.context["form"].errors
    assert not LayoffEvent.objects.exists()


def test_other_units_do_not_see_the_monitor(client):
    client.force_login(staff(Role.CASE_OFFICER, "ES"))
    assert client.get("/staff/mass-layoffs/").status_code == 404
