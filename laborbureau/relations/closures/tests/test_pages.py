"""The closure pages: a worker applies on the portal, a second joins, an officer
records one; bad input is 422 and saves nothing."""

import pytest

from laborbureau.cases.models import Case
from laborbureau.core.models import Role
from laborbureau.core.tests.factories import EmployerFactory, citizen, employer_user, national_id, staff

pytestmark = pytest.mark.django_db


def form(employer, **overrides):
    data = {"employer_name": employer.name, "business_id": employer.business_id, "statement": "公司已停業。",
            "still_owed": "on"}
    data.update(overrides)
    return data


def test_two_workers_apply_on_the_portal_and_share_the_case(client):
    employer = EmployerFactory()
    client.force_login(citizen())
    assert client.get("/portal/closures/new/").status_code == 200
    client.post("/portal/closures/new/", form(employer))
    case = Case.objects.get()
    assert case.number in client.get("/portal/closures/").content.decode()
    client.force_login(citizen())
    response = client.post("/portal/closures/new/", form(employer), follow=True)
    assert Case.objects.count() == 1
    assert "您已加入" in response.content.decode()


def test_a_bad_application_is_422_and_saves_nothing(client):
    client.force_login(citizen())
    response = client.post("/portal/closures/new/", form(EmployerFactory(), business_id="12345678"))
    assert response.status_code == 422
    assert "business_id" in response.context["form"].errors
    assert not Case.objects.exists()


def test_employers_have_no_application_page_and_the_officer_records_one(client):
    client.force_login(employer_user())
    assert client.get("/portal/closures/new/").status_code == 404
    client.force_login(staff(Role.CASE_OFFICER, "LR"))
    response = client.post("/staff/closures/new/", form(EmployerFactory(), channel="counter",
                                                        applicant_id_number=national_id(), applicant_name="林美華"))
    case = Case.objects.get()
    assert response.url == f"/staff/cases/{case.number}/"
    assert "歇業事實認定" in client.get(response.url).content.decode()
