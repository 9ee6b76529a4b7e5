"""The pages of the job fairs: public list (a fixed number of queries), a citizen's
pre-registration and code, an employer's application and booth, the staff's fair, door,
registrants (logged), interviews and figures; other units' staff and portal users get 404."""

import pytest

from laborbureau.core.models import AccessLogEntry, Role
from laborbureau.core.tests.factories import EmployerFactory, citizen, employer_user, national_id, staff
from laborbureau.employment.fairs import services
from laborbureau.employment.fairs.models import CheckIn, Fair, FairEmployer, FairInterview, FairRegistration
from laborbureau.employment.fairs.tests.factories import approved_employer, counsellor, make_fair, tomorrow, vacancy

pytestmark = pytest.mark.django_db


def test_the_public_list_shows_employers_and_vacancies_in_a_fixed_number_of_queries(client,
                                                                                      django_assert_max_num_queries):
    organiser = counsellor()
    fair = make_fair(organiser, day=tomorrow())
    approved_employer(fair, organiser, vacancies=2, title="夜班保全人員")
    with django_assert_max_num_queries(8):
        response = client.get("/jobs/fairs/")
    assert response.status_code == 200
    for index in range(5):
        more = make_fair(organiser, day=tomorrow(), title=f"第{index}場就業博覽會")
        approved_employer(more, organiser, booth=f"B{index}", vacancies=2)
    with django_assert_max_num_queries(8):
        response = client.get("/jobs/fairs/")
    text = response.content.decode()
    assert "夜班保全人員" in text and "第4場就業博覽會" in text
    assert client.get(f"/jobs/fairs/{fair.pk}/").status_code == 200


def test_a_citizen_pre_registers_and_sees_the_code_with_its_qr(client):
    fair = make_fair(day=tomorrow())
    person = citizen()
    client.force_login(person)
    page = client.get(f"/jobs/fairs/{fair.pk}/").content.decode()
    assert "預約報名" in page and "辦理求職登記" in page  # no job-seeker registration yet: offered
    response = client.post(f"/portal/fairs/{fair.pk}/register/")
    assert response.status_code == 302 and response.url == "/portal/fairs/mine/"
    registration = FairRegistration.objects.get()
    mine = client.get("/portal/fairs/mine/").content.decode()
    assert registration.code in mine and "data:image/svg+xml" in mine
    client.post(f"/portal/fairs/{fair.pk}/register/")
    assert FairRegistration.objects.count() == 1
    client.post(f"/portal/fairs/registrations/{registration.pk}/cancel/")
    assert FairRegistration.objects.get().status == "CANCELLED"


def test_another_citizen_cannot_cancel_a_registration(client):
    fair = make_fair(day=tomorrow())
    registration = services.registration_create(fair=fair, actor=citizen())
    client.force_login(citizen())
    assert client.post(f"/portal/fairs/registrations/{registration.pk}/cancel/").status_code == 404
    assert FairRegistration.objects.get().status == "REGISTERED"


def test_an_employer_applies_with_its_own_vacancies_only(client):
    fair = make_fair(day=tomorrow())
    account = employer_user(EmployerFactory())
    mine, theirs = vacancy(actor=account, title="門市銷售人員"), vacancy(title="別家的職缺")
    client.force_login(account)
    page = client.get(f"/portal/fairs/{fair.pk}/apply/").content.decode()
    assert "門市銷售人員" in page and "別家的職缺" not in page
    refused = client.post(f"/portal/fairs/{fair.pk}/apply/", {"vacancy_ids": [theirs.pk]})
    assert refused.status_code == 422 and not FairEmployer.objects.exists()
    response = client.post(f"/portal/fairs/{fair.pk}/apply/", {"vacancy_ids": [mine.pk], "note": "到場2人"})
    assert response.status_code == 302
    assert FairEmployer.objects.get().contact_note == "到場2人"
    assert "待審核" in client.get("/portal/fairs/employer/").content.decode()


def test_staff_create_a_fair_and_approve_an_employer(client):
    organiser = counsellor()
    client.force_login(organiser)
    day = tomorrow()
    response = client.post("/staff/employment/fairs/new/", {
        "title": "臺北市就業博覽會", "date": f"{day.year - 1911}/{day.month}/{day.day}", "starts_at": "09:30",
        "ends_at": "16:00", "venue": "市府中庭", "address": "臺北市信義區市府路1號", "district": "63000020",
        "capacity": "50", "registration_opens": day.isoformat(), "registration_closes": day.isoformat()})
    assert response.status_code == 302, response.content.decode()
    fair = Fair.objects.get()
    assert fair.date == day
    refused = client.post("/staff/employment/fairs/new/", {
        "title": "臺北市就業博覽會", "date": day.isoformat(), "starts_at": "16:00", "ends_at": "09:00",
        "venue": "市府中庭", "address": "臺北市信義區市府路1號", "district": "63000020", "capacity": "50",
        "registration_opens": day.isoformat(), "registration_closes": day.isoformat()})
    assert refused.status_code == 422 and Fair.objects.count() == 1
    client.post(f"/staff/employment/fairs/{fair.pk}/action/open/")
    account = employer_user(EmployerFactory())
    participation = services.employer_apply(fair=Fair.objects.get(), vacancy_ids=[vacancy(actor=account).pk],
                                            actor=account)
    assert participation.employer.name in client.get(f"/staff/employment/fairs/{fair.pk}/").content.decode()
    client.post(f"/staff/employment/fairs/{fair.pk}/employers/{participation.pk}/decide/",
                {"decision": "approve", "booth": "C3"})
    assert (FairEmployer.objects.get().status, FairEmployer.objects.get().booth) == ("APPROVED", "C3")


def test_the_staff_list_takes_a_fixed_number_of_queries(client, django_assert_max_num_queries):
    organiser = counsellor()
    client.force_login(organiser)
    make_fair(organiser, day=tomorrow())
    with django_assert_max_num_queries(12):
        assert client.get("/staff/employment/fairs/").status_code == 200
    for index in range(6):
        make_fair(organiser, day=tomorrow(), title=f"第{index}場就業博覽會")
    with django_assert_max_num_queries(12):
        assert "第5場就業博覽會" in client.get("/staff/employment/fairs/").content.decode()


def test_the_door_checks_in_by_code_by_search_and_registers_walk_ins(client):
    organiser = counsellor()
    fair = make_fair(organiser)
    first = services.registration_create(fair=fair, actor=citizen())
    second = services.registration_create(fair=fair, actor=citizen())
    client.force_login(organiser)
    door = f"/staff/employment/fairs/{fair.pk}/door/"
    assert client.post(door, {"action": "code", "code": first.code}).status_code == 302
    again = client.post(door, {"action": "code", "code": first.code})
    assert again.status_code == 422 and "已於" in again.content.decode()
    before = AccessLogEntry.objects.count()
    found = client.get(door, {"q": second.person.name}).content.decode()
    assert second.code in found and AccessLogEntry.objects.count() == before + 1
    assert client.post(door, {"action": "search", "registration_id": second.pk}).status_code == 302
    assert client.post(door, {"action": "walk_in", "id_number": national_id(), "name": "現場王"}).status_code == 302
    bad = client.post(door, {"action": "walk_in", "id_number": "A123456780", "name": "錯號"})
    assert bad.status_code == 422 and "field-error" in bad.content.decode()
    assert CheckIn.objects.count() == 3
    assert FairRegistration.objects.filter(walk_in=True).count() == 1


def test_registrants_are_logged_and_hidden_from_other_units_and_the_portal(client):
    organiser = counsellor()
    fair = make_fair(organiser)
    registration = services.registration_create(fair=fair, actor=citizen())
    client.force_login(organiser)
    before = AccessLogEntry.objects.count()
    assert registration.person.name in client.get(f"/staff/employment/fairs/{fair.pk}/registrants/").content.decode()
    assert AccessLogEntry.objects.count() == before + 1
    for outsider in (staff(Role.CASE_OFFICER, "LS"), citizen(), employer_user()):
        client.force_login(outsider)
        for path in ("", "door/", "registrants/", "interviews/", "figures/", "figures.csv"):
            assert client.get(f"/staff/employment/fairs/{fair.pk}/{path}").status_code == 404, (outsider, path)


def test_interviews_are_recorded_at_the_booth_and_their_outcomes_after(client):
    organiser = counsellor()
    fair = make_fair(organiser)
    account, (fair_vacancy,) = approved_employer(fair, organiser)
    registration = services.registration_create(fair=fair, actor=citizen())
    services.check_in(fair=fair, actor=organiser, code=registration.code)
    client.force_login(account)
    booth = f"/portal/fairs/{fair.pk}/booth/"
    response = client.post(booth, {"code": registration.code, "fair_vacancy": fair_vacancy.pk})
    assert response.status_code == 302
    interview = FairInterview.objects.get()
    refused = client.post(booth, {"code": registration.code, "fair_vacancy": fair_vacancy.pk})
    assert refused.status_code == 422
    outcome = f"/portal/fairs/interviews/{interview.pk}/outcome/"
    assert client.post(outcome, {"outcome": "NOT_HIRED"}).status_code == 422
    assert client.post(outcome, {"outcome": "HIRED"}).status_code == 302
    assert FairInterview.objects.get().outcome == "HIRED"
    client.force_login(employer_user())
    assert client.get(booth).status_code == 404
    assert client.get(outcome).status_code == 404
    client.force_login(organiser)
    page = client.get(f"/staff/employment/fairs/{fair.pk}/interviews/").content.decode()
    assert registration.person.name in page
    figures = client.get(f"/staff/employment/fairs/{fair.pk}/figures/").content.decode()
    assert "錄取人次" in figures


def test_the_employment_nav_links_the_fairs(client):
    client.force_login(counsellor())
    assert "/staff/employment/fairs/" in client.get("/staff/employment/").content.decode()
