"""Registering and correcting persons and employers on staff pages, and adding
establishments and headcounts on the employer page: who may, what a bad field says,
that a known identifier leads to the existing record, and that reading a record to
correct it is in the access log."""

from datetime import date, timedelta

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from laborbureau.backoffice.views import EMPLOYER_EDIT_PURPOSE, PERSON_EDIT_PURPOSE
from laborbureau.core import services as core_services
from laborbureau.core.errors import ApplicationError, Forbidden
from laborbureau.core.models import AccessLogEntry, Employer, Establishment, HeadcountRecord, Person
from laborbureau.core.tests import factories
from laborbureau.rules import identifiers

pytestmark = pytest.mark.django_db

ALLOWED = ["officer", "chief", "director", "outsider"]
REFUSED = ["auditor", "sysadmin"]
XINYI = "63000020"
DAAN = "63000030"


def tomorrow() -> date:
    return timezone.localdate() + timedelta(days=1)


def person_post(**overrides) -> dict:
    data = {
        "id_kind": "",
        "id_number": factories.national_id(2),
        "passport_country": "",
        "name": "陳小華",
        "birth_date": "69/05/17",
        "sex": "",
        "phone": "0912000111",
        "email": "hua@example.tw",
        "address": "臺北市信義區市府路1號",
        "district": XINYI,
    }
    data.update(overrides)
    return data


def employer_post(**overrides) -> dict:
    data = {
        "business_id": factories.business_id(),
        "name": "松山測試有限公司",
        "representative": "林大同",
        "industry": "47-48",
        "phone": "0227200000",
        "email": "hr@example.tw",
        "address": "臺北市松山區南京東路四段1號",
        "district": "63000010",
    }
    data.update(overrides)
    return data


def snapshot(model) -> list[dict]:
    return list(model.objects.order_by("pk").values())


def field_errors(response) -> dict:
    return {name: list(errors) for name, errors in response.context["form"].errors.items()}


def message_texts(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


# --- who may -------------------------------------------------------------------------


def _pages(person, employer) -> list[tuple[str, str, dict]]:
    return [
        ("get", reverse("staff_person_new"), {}),
        ("post", reverse("staff_person_new"), person_post()),
        ("get", reverse("staff_person_edit", args=[person.pk]), {}),
        ("post", reverse("staff_person_edit", args=[person.pk]), {"name": "改名"}),
        ("get", reverse("staff_employer_new"), {}),
        ("post", reverse("staff_employer_new"), employer_post()),
        ("get", reverse("staff_employer_edit", args=[employer.pk]), {}),
        ("post", reverse("staff_employer_edit", args=[employer.pk]), employer_post(business_id=employer.business_id)),
        (
            "post",
            reverse("staff_employer", args=[employer.pk]) + "?purpose=案件承辦",
            {"action": "establishment", "site-name": "南港廠"},
        ),
    ]


@pytest.mark.parametrize("role", ALLOWED)
def test_the_pages_open_for_those_who_manage_parties(request, login, role, person, employer):
    client = login(request.getfixturevalue(role))
    for url in (reverse("staff_person_new"), reverse("staff_employer_new")):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "<h1>" in response.content.decode()
    assert client.get(reverse("staff_person_edit", args=[person.pk])).status_code == 200
    assert client.get(reverse("staff_employer_edit", args=[employer.pk])).status_code == 200


@pytest.mark.parametrize("role", REFUSED)
def test_the_pages_do_not_exist_for_others(request, login, role, person, employer):
    client = login(request.getfixturevalue(role))
    before = [snapshot(model) for model in (Person, Employer, Establishment, AccessLogEntry)]
    for method, url, data in _pages(person, employer):
        response = getattr(client, method)(url, data)
        assert response.status_code == 404, (method, url)
    assert [snapshot(model) for model in (Person, Employer, Establishment, AccessLogEntry)] == before


def test_portal_users_and_anonymous_visitors_are_kept_out(client, person):
    citizen = factories.citizen()
    url = reverse("staff_person_new")
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    client.force_login(citizen)
    assert client.get(url).status_code == 404
    assert client.post(reverse("staff_person_edit", args=[person.pk]), {"name": "改名"}).status_code == 404
    person.refresh_from_db()
    assert person.name == "林美麗"


def test_links_only_for_those_who_manage_parties(login, officer, auditor, person, employer):
    client = login(officer)
    search = client.get(reverse("staff_search")).content.decode()
    assert reverse("staff_person_new") in search and "新增個人" in search
    assert reverse("staff_employer_new") in search and "新增事業單位" in search
    assert reverse("staff_person_edit", args=[person.pk]) in client.get(
        reverse("staff_person", args=[person.pk]) + "?purpose=案件承辦"
    ).content.decode()
    employer_page = client.get(reverse("staff_employer", args=[employer.pk]) + "?purpose=案件承辦").content.decode()
    assert reverse("staff_employer_edit", args=[employer.pk]) in employer_page
    assert 'value="establishment"' in employer_page

    client = login(auditor)
    search = client.get(reverse("staff_search")).content.decode()
    assert reverse("staff_person_new") not in search and reverse("staff_employer_new") not in search
    assert reverse("staff_person_edit", args=[person.pk]) not in client.get(
        reverse("staff_person", args=[person.pk]) + "?purpose=稽核"
    ).content.decode()
    employer_page = client.get(reverse("staff_employer", args=[employer.pk]) + "?purpose=稽核").content.decode()
    assert reverse("staff_employer_edit", args=[employer.pk]) not in employer_page
    assert 'value="establishment"' not in employer_page


# --- registering a person ---------------------------------------------------------------


def test_register_a_person_then_the_page_asks_for_the_purpose(login, officer):
    client = login(officer)
    data = person_post(birth_date="69/05/17")
    response = client.post(reverse("staff_person_new"), data)
    person = Person.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("staff_person", args=[person.pk])
    assert (person.id_kind, person.id_number, person.name, person.birth_date, person.sex) == (
        "national_id",
        data["id_number"],
        "陳小華",
        date(1980, 5, 17),
        "F",  # inferred from the second digit
    )
    assert (person.phone, person.email, person.address, person.district_id) == (
        "0912000111",
        "hua@example.tw",
        "臺北市信義區市府路1號",
        XINYI,
    )
    page = client.get(response["Location"])
    html = page.content.decode()
    assert page.status_code == 200
    assert 'name="purpose"' in html
    assert person.id_number not in html
    assert AccessLogEntry.objects.count() == 0


def test_register_accepts_an_iso_date_and_a_passport(login, officer):
    response = login(officer).post(
        reverse("staff_person_new"),
        person_post(id_kind="passport", id_number="c 1234567", passport_country="idn", birth_date="1990-02-03",
                    sex="F", district=""),
    )
    person = Person.objects.get()
    assert response.status_code == 302
    assert (person.id_kind, person.id_number, person.passport_country, person.birth_date, person.district_id) == (
        "passport",
        "C1234567",
        "IDN",
        date(1990, 2, 3),
        None,
    )


def test_a_known_id_leads_to_the_existing_record_unchanged(login, officer, person):
    before = snapshot(Person)
    response = login(officer).post(
        reverse("staff_person_new"), person_post(id_number=person.id_number.lower(), name="別人")
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("staff_person", args=[person.pk])
    assert snapshot(Person) == before
    assert message_texts(response) == [
        f"此證號已有紀錄（系統編號 {person.pk}），未做任何變更；要修正資料請在該頁按「修正資料」。"
    ]


def test_an_invalid_id_is_explained_on_its_field_in_both_languages(login, officer):
    number = factories.national_id()
    wrong = number[:-1] + str((int(number[-1]) + 1) % 10)
    response = login(officer).post(reverse("staff_person_new"), person_post(id_number=wrong))
    assert response.status_code == 400
    errors = field_errors(response)
    assert list(errors) == ["id_number"]
    with pytest.raises(Exception) as raised:
        identifiers.check_person_id(wrong)
    assert errors["id_number"] == [f"{raised.value.message_zh} {raised.value.message_en}"]
    html = response.content.decode()
    assert 'id="id_id_number_error"' in html
    assert raised.value.message_en in html
    assert Person.objects.count() == 0


@pytest.mark.parametrize(
    ("field", "overrides"),
    [
        ("id_kind", {"id_kind": "driving_licence"}),
        ("id_kind", {"id_kind": "arc_new"}),  # a national ID is not an ARC
        ("id_number", {"id_number": ""}),
        ("id_number", {"id_number": "A12345"}),
        ("id_number", {"id_kind": "passport", "id_number": "C1", "passport_country": "IDN"}),
        ("passport_country", {"id_kind": "passport", "id_number": "C1234567", "passport_country": ""}),
        ("passport_country", {"id_kind": "passport", "id_number": "C1234567", "passport_country": "12"}),
        ("passport_country", {"passport_country": "IDN"}),  # only a passport has a country
        ("name", {"name": "   "}),
        ("name", {"name": "名" * 81}),
        ("birth_date", {"birth_date": "115/02/30"}),
        ("birth_date", {"birth_date": "1899-12-31"}),
        ("sex", {"sex": "Q"}),
        ("phone", {"phone": "0" * 31}),
        ("email", {"email": "not-an-address"}),
        ("address", {"address": "路" * 201}),
        ("district", {"district": "65000010"}),  # 板橋區, New Taipei
    ],
)
def test_bad_input_on_each_field_of_the_person_register_form(login, officer, field, overrides):
    response = login(officer).post(reverse("staff_person_new"), person_post(**overrides))
    assert response.status_code == 400
    assert list(field_errors(response)) == [field]
    assert f'id="id_{field}_error"' in response.content.decode()
    assert Person.objects.count() == 0


def test_a_future_birth_date_is_refused(login, officer):
    response = login(officer).post(reverse("staff_person_new"), person_post(birth_date=tomorrow().isoformat()))
    assert response.status_code == 400
    assert field_errors(response) == {"birth_date": ["出生日期不可晚於今天。"]}
    assert Person.objects.count() == 0


# --- correcting a person ------------------------------------------------------------------


def test_opening_the_correction_page_is_logged(login, officer, person):
    response = login(officer).get(reverse("staff_person_edit", args=[person.pk]), REMOTE_ADDR="192.0.2.7")
    html = response.content.decode()
    assert response.status_code == 200
    assert person.id_number in html
    assert 'value="林美麗"' in html
    assert "合併" in html  # a wrong ID is fixed by registering the right one and merging
    assert 'name="id_number"' not in html
    entry = AccessLogEntry.objects.get()
    assert (entry.user, entry.action, entry.object_type, entry.object_id, entry.purpose, entry.ip) == (
        officer,
        "view",
        "person",
        str(person.pk),
        PERSON_EDIT_PURPOSE,
        "192.0.2.7",
    )


def test_correct_a_persons_details(login, officer, person):
    number = person.id_number
    response = login(officer).post(
        reverse("staff_person_edit", args=[person.pk]),
        {
            "name": " 林美麗華 ",
            "birth_date": "1975-01-02",
            "sex": "F",
            "phone": "0223456789",
            "email": "mei@example.tw",
            "address": "臺北市大安區和平東路1號",
            "district": DAAN,
            "id_number": "B123456789",  # not a field of this form: ignored
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("staff_person", args=[person.pk]) + "?purpose=" + (
        "%E4%BF%AE%E6%AD%A3%E5%80%8B%E4%BA%BA%E8%B3%87%E6%96%99+correct+a+personal+record"
    )
    person.refresh_from_db()
    assert (person.name, person.birth_date, person.sex, person.phone, person.email, person.district_id) == (
        "林美麗華",
        date(1975, 1, 2),
        "F",
        "0223456789",
        "mei@example.tw",
        DAAN,
    )
    assert person.id_number == number
    entry = AccessLogEntry.objects.get()
    assert (entry.object_type, entry.object_id, entry.purpose) == ("person", str(person.pk), PERSON_EDIT_PURPOSE)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("name", ""),
        ("birth_date", "115/13/01"),
        ("birth_date", "FUTURE"),
        ("sex", "Q"),
        ("phone", "0" * 31),
        ("email", "mei@"),
        ("address", "路" * 201),
        ("district", "TAIPEI"),
    ],
)
def test_bad_input_on_each_field_of_the_correction_form(login, officer, person, field, value):
    data = {"name": person.name, "phone": person.phone, "email": person.email, "district": XINYI}
    data[field] = tomorrow().isoformat() if value == "FUTURE" else value
    before = snapshot(Person)
    response = login(officer).post(reverse("staff_person_edit", args=[person.pk]), data)
    assert response.status_code == 400
    assert list(field_errors(response)) == [field]
    assert snapshot(Person) == before


def test_a_merged_record_is_not_corrected(login, officer, person):
    duplicate = factories.PersonFactory(name="林美麗")
    core_services.person_merge(survivor=person, absorbed=duplicate, actor=officer, reason="重複")
    before = snapshot(Person)
    client = login(officer)
    page = client.get(reverse("staff_person_edit", args=[duplicate.pk])).content.decode()
    assert reverse("staff_person_edit", args=[person.pk]) in page
    assert 'name="name"' not in page
    response = client.post(reverse("staff_person_edit", args=[duplicate.pk]), {"name": "改名"})
    assert response.status_code == 409
    assert snapshot(Person) == before


def test_a_missing_person_is_404_and_not_logged(login, officer):
    assert login(officer).get(reverse("staff_person_edit", args=[999999])).status_code == 404
    assert AccessLogEntry.objects.count() == 0


# --- registering an employer ------------------------------------------------------------


def test_register_an_employer(login, officer):
    data = employer_post()
    response = login(officer).post(reverse("staff_employer_new"), data)
    employer = Employer.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("staff_employer", args=[employer.pk])
    assert (employer.business_id, employer.name, employer.representative, employer.industry_id) == (
        data["business_id"],
        "松山測試有限公司",
        "林大同",
        "47-48",
    )
    assert (employer.phone, employer.email, employer.address, employer.district_id) == (
        "0227200000",
        "hr@example.tw",
        "臺北市松山區南京東路四段1號",
        "63000010",
    )


def test_the_industry_list_is_grouped_by_section(login, officer):
    html = login(officer).get(reverse("staff_employer_new")).content.decode()
    assert '<optgroup label="C 製造業">' in html
    assert '<option value="47-48">47-48 零售業</option>' in html
    assert '<option value="C">' not in html


def test_employers_without_a_business_id_are_each_new(login, officer):
    client = login(officer)
    for _ in range(2):
        assert client.post(reverse("staff_employer_new"), employer_post(business_id="")).status_code == 302
    assert list(Employer.objects.values_list("business_id", flat=True)) == [None, None]


def test_a_known_business_id_leads_to_the_existing_record(login, officer, employer):
    before = snapshot(Employer)
    response = login(officer).post(
        reverse("staff_employer_new"), employer_post(business_id=employer.business_id, name="別的名稱")
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("staff_employer", args=[employer.pk])
    assert snapshot(Employer) == before
    assert message_texts(response) == [
        f"此統一編號已有紀錄（系統編號 {employer.pk}），未做任何變更；要修正資料請在該頁按「修正資料」。"
    ]


@pytest.mark.parametrize(
    ("field", "overrides"),
    [
        ("business_id", {"business_id": "12345678"}),
        ("business_id", {"business_id": "1234"}),
        ("name", {"name": " "}),
        ("name", {"name": "名" * 121}),
        ("representative", {"representative": "名" * 81}),
        ("industry", {"industry": "ZZ"}),
        ("phone", {"phone": "0" * 31}),
        ("email", {"email": "hr@"}),
        ("address", {"address": "路" * 201}),
        ("district", {"district": "65000010"}),
    ],
)
def test_bad_input_on_each_field_of_the_employer_form(login, officer, field, overrides):
    response = login(officer).post(reverse("staff_employer_new"), employer_post(**overrides))
    assert response.status_code == 400
    assert list(field_errors(response)) == [field]
    assert Employer.objects.count() == 0


def test_a_bad_business_id_is_explained_in_both_languages(login, officer):
    response = login(officer).post(reverse("staff_employer_new"), employer_post(business_id="1234"))
    assert field_errors(response) == {
        "business_id": ["統一編號應為8碼數字，輸入為4碼。 A business ID has 8 digits; got 4 characters."]
    }


# --- correcting an employer ------------------------------------------------------------


def test_opening_the_employer_correction_page_is_logged(login, officer, employer):
    response = login(officer).get(reverse("staff_employer_edit", args=[employer.pk]))
    html = response.content.decode()
    assert response.status_code == 200
    assert f'value="{employer.business_id}"' in html and "readonly" in html
    entry = AccessLogEntry.objects.get()
    assert (entry.object_type, entry.object_id, entry.purpose) == ("employer", str(employer.pk), EMPLOYER_EDIT_PURPOSE)


def test_correct_an_employers_details(login, officer, employer):
    response = login(officer).post(
        reverse("staff_employer_edit", args=[employer.pk]),
        employer_post(business_id=employer.business_id, name="信義測試股份有限公司", industry="", district=""),
    )
    assert response.status_code == 302
    employer.refresh_from_db()
    assert (employer.name, employer.industry_id, employer.district_id, employer.representative) == (
        "信義測試股份有限公司",
        None,
        None,
        "林大同",
    )
    assert AccessLogEntry.objects.filter(object_type="employer", purpose=EMPLOYER_EDIT_PURPOSE).count() == 1


def test_a_recorded_business_id_is_not_changed(login, officer, employer):
    before = snapshot(Employer)
    for other in (factories.business_id(), ""):
        response = login(officer).post(
            reverse("staff_employer_edit", args=[employer.pk]), employer_post(business_id=other)
        )
        assert response.status_code == 400
        assert list(field_errors(response)) == ["business_id"]
        assert "合併" in field_errors(response)["business_id"][0]
    assert snapshot(Employer) == before


def test_an_unidentified_employer_gets_its_business_id(login, officer):
    employer = factories.EmployerFactory(business_id=None)
    number = factories.business_id()
    response = login(officer).post(
        reverse("staff_employer_edit", args=[employer.pk]), employer_post(business_id=number)
    )
    assert response.status_code == 302
    employer.refresh_from_db()
    assert employer.business_id == number


def test_a_business_id_of_another_record_points_at_merging(login, officer, employer):
    unidentified = factories.EmployerFactory(business_id=None)
    before = snapshot(Employer)
    client = login(officer)
    response = client.post(
        reverse("staff_employer_edit", args=[unidentified.pk]), employer_post(business_id=employer.business_id)
    )
    assert response.status_code == 400
    assert field_errors(response) == {
        "business_id": [
            "此統一編號已屬另一筆事業單位紀錄；若為同一事業單位，請合併兩筆紀錄。 This business ID belongs to another "
            "employer record; if they are the same employer, merge the two."
        ]
    }
    response = client.post(reverse("staff_employer_edit", args=[unidentified.pk]), employer_post(business_id="123"))
    assert response.status_code == 400
    assert list(field_errors(response)) == ["business_id"]
    assert snapshot(Employer) == before


@pytest.mark.parametrize(
    ("field", "value"),
    [("name", ""), ("industry", "ZZ"), ("email", "x@"), ("district", "000"), ("phone", "0" * 31)],
)
def test_bad_input_on_each_field_of_the_employer_correction_form(login, officer, employer, field, value):
    before = snapshot(Employer)
    response = login(officer).post(
        reverse("staff_employer_edit", args=[employer.pk]),
        employer_post(business_id=employer.business_id, **{field: value}),
    )
    assert response.status_code == 400
    assert list(field_errors(response)) == [field]
    assert snapshot(Employer) == before


def test_a_merged_employer_is_not_corrected(login, officer, employer):
    duplicate = factories.EmployerFactory(business_id=None)
    core_services.employer_merge(survivor=employer, absorbed=duplicate, actor=officer, reason="重複")
    before = snapshot(Employer)
    response = login(officer).post(
        reverse("staff_employer_edit", args=[duplicate.pk]), employer_post(business_id="")
    )
    assert response.status_code == 409
    assert snapshot(Employer) == before


def test_employer_update_refuses_readers_and_merged_records(officer, auditor, employer):
    data = core_services.EmployerInput(name="新名稱", business_id=employer.business_id)
    with pytest.raises(Forbidden):
        core_services.employer_update(employer=employer, data=data, actor=auditor)
    duplicate = factories.EmployerFactory(business_id=None)
    core_services.employer_merge(survivor=employer, absorbed=duplicate, actor=officer, reason="重複")
    with pytest.raises(ApplicationError):
        core_services.employer_update(employer=duplicate, data=core_services.EmployerInput(name="新"), actor=officer)
    duplicate.refresh_from_db()
    employer.refresh_from_db()
    assert (employer.name, duplicate.name) == ("信義測試有限公司", duplicate.name)
    assert Employer.objects.filter(name__in=["新名稱", "新"]).count() == 0


# --- establishments and headcounts on the employer page -----------------------------------


def employer_page(employer, purpose="案件承辦") -> str:
    url = reverse("staff_employer", args=[employer.pk])
    return f"{url}?purpose={purpose}" if purpose else url


def test_add_an_establishment(login, officer, employer):
    response = login(officer).post(
        employer_page(employer),
        {"action": "establishment", "site-name": " 南港廠 ", "site-address": "臺北市南港區經貿二路1號",
         "site-district": "63000090", "site-industry": ""},
    )
    assert response.status_code == 302
    assert response["Location"] == employer_page(employer, "%E6%A1%88%E4%BB%B6%E6%89%BF%E8%BE%A6") + "#h-sites"
    site = Establishment.objects.get()
    assert (site.employer, site.name, site.address, site.district_id, site.industry_id) == (
        employer,
        "南港廠",
        "臺北市南港區經貿二路1號",
        "63000090",
        "47-48",  # the employer's when not given
    )


@pytest.mark.parametrize(
    ("field", "value"),
    [("name", ""), ("name", "廠" * 121), ("address", "路" * 201), ("district", "X"), ("industry", "ZZ")],
)
def test_bad_input_on_each_field_of_the_establishment_form(login, officer, employer, field, value):
    data = {"action": "establishment", "site-name": "南港廠", f"site-{field}": value}
    response = login(officer).post(employer_page(employer), data)
    assert response.status_code == 400
    assert list(response.context["site_form"].errors) == [field]
    assert f'id="id_site-{field}_error"' in response.content.decode()
    assert Establishment.objects.count() == 0


def test_record_and_correct_a_headcount(login, officer, employer):
    site = factories.EstablishmentFactory(employer=employer, name="內湖廠")
    client = login(officer)
    data = {"action": "headcount", "headcount-establishment": str(site.pk), "headcount-as_of": "115/01/01",
            "headcount-headcount": "120", "headcount-source": "勞保"}
    assert client.post(employer_page(employer), data).status_code == 302
    record = HeadcountRecord.objects.get()
    assert (record.establishment, record.as_of, record.headcount, record.source, record.recorded_by) == (
        site,
        date(2026, 1, 1),
        120,
        "勞保",
        officer,
    )
    data.update({"headcount-as_of": "2026-01-01", "headcount-headcount": "118", "headcount-source": "事業單位申報"})
    assert client.post(employer_page(employer), data).status_code == 302
    record = HeadcountRecord.objects.get()
    assert (record.as_of, record.headcount, record.source) == (date(2026, 1, 1), 118, "事業單位申報")
    html = client.get(employer_page(employer)).content.decode()
    assert "115/01/01" in html and "118" in html


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("headcount", "-1"),
        ("headcount", "many"),
        ("headcount", "99999999999"),
        ("as_of", "FUTURE"),
        ("as_of", "115/02/30"),
        ("as_of", ""),
        ("establishment", "OTHER"),
        ("source", "源" * 61),
    ],
)
def test_bad_input_on_each_field_of_the_headcount_form(login, officer, employer, field, value):
    site = factories.EstablishmentFactory(employer=employer)
    other_site = factories.EstablishmentFactory()
    data = {"action": "headcount", "headcount-establishment": str(site.pk), "headcount-as_of": "2026-01-01",
            "headcount-headcount": "10"}
    data[f"headcount-{field}"] = {"FUTURE": tomorrow().isoformat(), "OTHER": str(other_site.pk)}.get(value, value)
    response = login(officer).post(employer_page(employer), data)
    assert response.status_code == 400
    errors = response.context["headcount_form"].errors
    assert list(errors) == [field]
    if value == "FUTURE":
        assert errors[field] == ["日期不可晚於今天。 The date cannot be in the future."]
    assert HeadcountRecord.objects.count() == 0


def test_site_forms_need_the_purpose_and_a_live_record(login, officer, employer):
    client = login(officer)
    data = {"action": "establishment", "site-name": "南港廠"}
    assert client.post(employer_page(employer, purpose=None), data).status_code == 400
    duplicate = factories.EmployerFactory(business_id=None)
    core_services.employer_merge(survivor=employer, absorbed=duplicate, actor=officer, reason="重複")
    assert client.post(employer_page(duplicate), data).status_code == 409
    assert client.post(employer_page(employer), {"action": "nothing"}).status_code == 400
    assert Establishment.objects.count() == 0


def test_readers_may_not_post_to_the_employer_page(login, auditor, employer):
    site = factories.EstablishmentFactory(employer=employer)
    client = login(auditor)
    data = {"action": "headcount", "headcount-establishment": str(site.pk), "headcount-as_of": "2026-01-01",
            "headcount-headcount": "10"}
    assert client.post(employer_page(employer), data).status_code == 404
    assert HeadcountRecord.objects.count() == 0
