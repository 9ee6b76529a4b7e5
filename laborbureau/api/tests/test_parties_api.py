"""/api/v1/persons and /api/v1/employers: search, register, detail, establishments,
headcounts and a party's cases; who may use them; the access log."""

from datetime import timedelta
from urllib.parse import urlencode

import pytest
from django.utils import timezone

from laborbureau.cases.tests import tst_workflow
from laborbureau.core.models import AccessLogEntry, Employer, Establishment, HeadcountRecord, Person, Role
from laborbureau.core.tests import factories
from laborbureau.rules import identifiers

pytestmark = pytest.mark.django_db

VALID_ID = identifiers.make_national_id("F", 2, 2345678)  # a woman's ID
VALID_BUSINESS_ID = factories.business_id()


def _log() -> list[tuple]:
    return list(
        AccessLogEntry.objects.order_by("seq").values_list("username", "action", "object_type", "object_id", "purpose")
    )


# --- who may use the party endpoints ---------------------------------------------------


@pytest.mark.parametrize("who", ["citizen", "employer", "sysadmin"])
def test_portal_users_and_the_system_administrator_get_403(as_user, person, employer, sysadmin, who):
    user = {
        "citizen": factories.citizen(person=person),
        "employer": factories.employer_user(employer),
        "sysadmin": sysadmin,
    }[who]
    api = as_user(user)

    answers = [
        api.get("/persons", {"id_number": person.id_number}),
        api.get(f"/persons/{person.pk}"),
        api.get(f"/persons/{person.pk}/cases"),
        api.get("/employers"),
        api.get(f"/employers/{employer.pk}"),
        api.get(f"/employers/{employer.pk}/cases"),
        api.post("/persons", {"id_number": VALID_ID, "name": "新的人"}),
        api.post("/employers", {"name": "新公司"}),
    ]

    assert [answer.status_code for answer in answers] == [403] * len(answers)
    assert _log() == []
    assert not Person.objects.filter(id_number=VALID_ID).exists()
    assert not Employer.objects.filter(name="新公司").exists()


def test_an_auditor_reads_parties_but_every_write_answers_403(as_user, auditor, person, employer):
    site = factories.EstablishmentFactory(employer=employer)
    api = as_user(auditor)

    assert api.get(f"/persons/{person.pk}").status_code == 200
    assert api.get(f"/employers/{employer.pk}").status_code == 200
    writes = [
        api.post("/persons", {"id_number": VALID_ID, "name": "新的人"}),
        api.post("/persons", {"id_number": person.id_number, "name": person.name}),
        api.post("/employers", {"name": "新公司", "business_id": VALID_BUSINESS_ID}),
        api.post(f"/employers/{employer.pk}/establishments", {"name": "新廠"}),
        api.post(
            f"/employers/{employer.pk}/establishments/{site.pk}/headcounts",
            {"as_of": "2026-01-01", "headcount": 10},
        ),
    ]
    assert [answer.status_code for answer in writes] == [403] * len(writes)
    assert (Person.objects.count(), Employer.objects.count(), Establishment.objects.count()) == (1, 1, 1)
    assert HeadcountRecord.objects.count() == 0


# --- persons --------------------------------------------------------------------------------


def test_search_by_id_number_logs_one_search_row_with_the_purpose(as_user, officer, person):
    response = as_user(officer).get("/persons", {"id_number": person.id_number.lower(), "purpose": "受理申訴"})

    assert response.status_code == 200
    assert response.json() == {
        "items": [{"id": person.pk, "id_kind": "national_id", "masked_id": person.masked_id, "name": "林美麗"}],
        "count": 1,
    }
    assert _log() == [(officer.username, "search", "person", str(person.pk), "受理申訴")]
    assert person.id_number in AccessLogEntry.objects.get().object_label


def test_search_by_name_lists_live_records_only_and_logs_one_row(as_user, officer):
    survivor = factories.PersonFactory(name="陳志明")
    factories.PersonFactory(name="陳志明", merged_into=survivor)
    other = factories.PersonFactory(name="陳志強")

    response = as_user(officer).get("/persons", {"name": "陳志"})

    assert {item["id"] for item in response.json()["items"]} == {survivor.pk, other.pk}
    assert _log() == [(officer.username, "search", "person", "search", "API 查詢")]


@pytest.mark.parametrize(
    ("params", "loc"),
    [({}, ["query", "id_number"]), ({"name": "陳"}, ["query", "name"]), ({"name": "x" * 81}, ["query", "name"])],
)
def test_a_search_needs_a_criterion(as_user, officer, params, loc):
    response = as_user(officer).get("/persons", params)

    assert (response.status_code, response.json()["detail"][0]["loc"]) == (422, loc)
    assert _log() == []


def test_register_creates_then_finds_the_same_person(as_user, officer):
    api = as_user(officer)
    body = {"id_number": f" {VALID_ID.lower()} ", "name": " 黃小華 ", "district_code": "110", "email": "hua@example.tw"}

    created = api.post("/persons?" + urlencode({"purpose": "臨櫃登錄"}), body)
    again = api.post("/persons", {"id_number": VALID_ID, "name": "別的名字"})

    assert created.status_code == 201
    person = Person.objects.get()
    assert created.json()["id"] == person.pk
    assert (person.id_number, person.name, person.sex, person.district.zip3) == (VALID_ID, "黃小華", "F", "110")
    assert again.status_code == 200
    assert (again.json()["id"], again.json()["name"]) == (person.pk, "黃小華")
    assert [row[1:] for row in _log()] == [
        ("api", "person", str(person.pk), "臨櫃登錄"),
        ("api", "person", str(person.pk), "API 查詢"),
    ]


def test_register_a_passport_holder(as_user, officer):
    response = as_user(officer).post(
        "/persons", {"id_kind": "passport", "id_number": "b 1234567", "passport_country": "idn", "name": "SITI AMINAH"}
    )

    assert response.status_code == 201
    assert (response.json()["id_number"], response.json()["passport_country"]) == ("B1234567", "IDN")


@pytest.mark.parametrize(
    ("body", "loc", "message_en"),
    [
        ({"id_number": "A123456788", "name": "王"}, ["body", "id_number"], "The check digit is wrong"),
        ({"id_number": "A12345", "name": "王"}, ["body", "id_number"], "10 characters"),
        ({"id_number": "", "name": "王"}, ["body", "id_number"], None),
        ({"id_number": 123456789, "name": "王"}, ["body", "id_number"], None),
        ({"id_kind": "arc_new", "id_number": VALID_ID, "name": "王"}, ["body", "id_number"], "does not match"),
        ({"id_kind": "ufo", "id_number": VALID_ID, "name": "王"}, ["body", "id_kind"], None),
        ({"id_kind": "passport", "id_number": "B1234567", "name": "王"}, ["body", "passport_country"], "three-letter"),
        (
            {"id_kind": "passport", "id_number": "護照號碼很長", "passport_country": "IDN", "name": "王"},
            ["body", "id_number"],
            "5 to 20",
        ),
        (
            {"id_number": VALID_ID, "passport_country": "IDN", "name": "王"},
            ["body", "passport_country"],
            "Only a passport",
        ),
        ({"id_number": VALID_ID}, ["body", "name"], None),
        ({"id_number": VALID_ID, "name": "   "}, ["body", "name"], None),
        ({"id_number": VALID_ID, "name": "王" * 81}, ["body", "name"], None),
        ({"id_number": VALID_ID, "name": "王\x00"}, ["body", "name"], None),
        ({"id_number": VALID_ID, "name": "王", "birth_date": "2999-01-01"}, ["body", "birth_date"], "future"),
        ({"id_number": VALID_ID, "name": "王", "birth_date": "1990-02-30"}, ["body", "birth_date"], None),
        ({"id_number": VALID_ID, "name": "王", "sex": "Q"}, ["body", "sex"], None),
        ({"id_number": VALID_ID, "name": "王", "email": "not-an-address"}, ["body", "email"], "e-mail"),
        ({"id_number": VALID_ID, "name": "王", "district_code": "999"}, ["body", "district_code"], "district"),
    ],
)
def test_register_refuses_bad_input_with_422_at_the_field(as_user, officer, body, loc, message_en):
    response = as_user(officer).post("/persons", body)

    assert response.status_code == 422
    error = response.json()["detail"][0]
    assert error["loc"] == loc
    assert error["msg"] and error["msg_en"]
    if message_en:
        assert message_en in error["msg_en"]
    assert Person.objects.count() == 0
    assert _log() == []


def test_an_invalid_national_id_answers_the_rules_bilingual_message(as_user, officer):
    response = as_user(officer).post("/persons", {"id_number": "A123456788", "name": "王"})

    assert response.json() == {
        "detail": [
            {
                "loc": ["body", "id_number"],
                "msg": "檢查碼不正確，請確認號碼是否輸入錯誤。",
                "msg_en": "The check digit is wrong; please check the number.",
                "type": "value_error",
            }
        ]
    }


def test_detail_shows_the_full_record_and_logs_the_read(as_user, officer, person):
    response = as_user(officer).get(f"/persons/{person.pk}", {"purpose": "調解通知"})

    assert response.status_code == 200
    assert (response.json()["id_number"], response.json()["district"]["zip3"]) == (person.id_number, "110")
    assert _log() == [(officer.username, "api", "person", str(person.pk), "調解通知")]


@pytest.mark.parametrize(("person_id", "status"), [(999999, 404), (0, 422), (-3, 422), (10**30, 422), ("abc", 422)])
def test_a_missing_or_impossible_person_id(as_user, officer, person_id, status):
    assert as_user(officer).get(f"/persons/{person_id}").status_code == status
    assert _log() == []


def test_a_persons_cases_are_those_the_caller_may_read(
    as_user, officer, outsider, person, django_assert_max_num_queries
):
    own = tst_workflow.open_case(officer, person=person)
    tst_workflow.open_case(officer, person=factories.PersonFactory())  # not theirs
    api = as_user(officer)

    with django_assert_max_num_queries(16):
        response = api.get(f"/persons/{person.pk}/cases", {"purpose": "歷史案件"})

    assert [item["number"] for item in response.json()["items"]] == [own.number]
    assert _log() == [(officer.username, "api", "person", str(person.pk), "歷史案件")]
    # Another unit's officer is told the person exists but sees none of LS's cases.
    assert as_user(outsider).get(f"/persons/{person.pk}/cases").json() == {"items": [], "count": 0}
    for _ in range(8):
        tst_workflow.open_case(officer, person=person, assignee=officer)
    with django_assert_max_num_queries(16):
        assert api.get(f"/persons/{person.pk}/cases").json()["count"] == 9


# --- employers --------------------------------------------------------------------------------


def test_register_an_employer_then_find_it(as_user, officer):
    api = as_user(officer)

    created = api.post(
        "/employers", {"name": "松山測試有限公司", "business_id": VALID_BUSINESS_ID, "district_code": "105"}
    )
    again = api.post("/employers", {"name": "別名", "business_id": VALID_BUSINESS_ID})
    unidentified = api.post("/employers", {"name": "未查明商號"})

    assert (created.status_code, again.status_code, unidentified.status_code) == (201, 200, 201)
    assert again.json()["id"] == created.json()["id"]
    assert again.json()["name"] == "松山測試有限公司"
    assert unidentified.json()["business_id"] is None


@pytest.mark.parametrize(
    ("body", "loc"),
    [
        ({"name": "公司", "business_id": "12345678"}, ["body", "business_id"]),
        ({"name": "公司", "business_id": "1234"}, ["body", "business_id"]),
        ({"name": "公司", "business_id": "abcdefgh"}, ["body", "business_id"]),
        ({"name": ""}, ["body", "name"]),
        ({"name": "公司", "industry_code": "ZZ"}, ["body", "industry_code"]),
        ({"name": "公司", "district_code": "000"}, ["body", "district_code"]),
        ({"business_id": VALID_BUSINESS_ID}, ["body", "name"]),
    ],
)
def test_employer_registration_refuses_bad_input(as_user, officer, body, loc):
    response = as_user(officer).post("/employers", body)

    assert (response.status_code, response.json()["detail"][0]["loc"]) == (422, loc)
    assert Employer.objects.count() == 0


def test_employer_detail_has_sites_and_headcount_history(as_user, officer, employer, django_assert_max_num_queries):
    api = as_user(officer)
    site = api.post(f"/employers/{employer.pk}/establishments", {"name": "內湖廠", "district_code": "114"})
    assert site.status_code == 201
    site_id = site.json()["id"]
    today = timezone.localdate()
    for days, count in ((400, 180), (30, 200), (0, 210)):
        answer = api.post(
            f"/employers/{employer.pk}/establishments/{site_id}/headcounts",
            {"as_of": str(today - timedelta(days=days)), "headcount": count, "source": "勞保"},
        )
        assert answer.status_code == 200
    corrected = api.post(
        f"/employers/{employer.pk}/establishments/{site_id}/headcounts", {"as_of": str(today), "headcount": 205}
    )
    assert corrected.json()["headcount"] == 205
    for index in range(3):
        factories.EstablishmentFactory(employer=employer, name=f"分廠{index}")

    with django_assert_max_num_queries(8):
        body = api.get(f"/employers/{employer.pk}").json()

    first = body["establishments"][0]
    assert (first["name"], first["district"]["zip3"], first["industry"]["code"]) == ("內湖廠", "114", "47-48")
    assert [h["headcount"] for h in first["headcounts"]] == [205, 200, 180]
    assert len(body["establishments"]) == 4


@pytest.mark.parametrize(
    ("body", "loc"),
    [
        ({"as_of": "2026-01-01", "headcount": -1}, ["body", "headcount"]),
        ({"as_of": "2026-01-01", "headcount": "many"}, ["body", "headcount"]),
        ({"as_of": "2026-01-01", "headcount": 10**12}, ["body", "headcount"]),
        ({"as_of": "2999-01-01", "headcount": 3}, ["body", "as_of"]),
        ({"as_of": "yesterday", "headcount": 3}, ["body", "as_of"]),
        ({"headcount": 3}, ["body", "as_of"]),
    ],
)
def test_bad_headcounts_answer_422(as_user, officer, employer, body, loc):
    site = factories.EstablishmentFactory(employer=employer)

    response = as_user(officer).post(f"/employers/{employer.pk}/establishments/{site.pk}/headcounts", body)

    assert (response.status_code, response.json()["detail"][0]["loc"]) == (422, loc)
    assert HeadcountRecord.objects.count() == 0


def test_another_employers_site_answers_404(as_user, officer, employer):
    foreign_site = factories.EstablishmentFactory()

    response = as_user(officer).post(
        f"/employers/{employer.pk}/establishments/{foreign_site.pk}/headcounts", {"as_of": "2026-01-01", "headcount": 3}
    )

    assert response.status_code == 404
    assert HeadcountRecord.objects.count() == 0


def test_a_merged_employer_takes_no_new_sites(as_user, officer, employer):
    absorbed = factories.EmployerFactory(business_id=None, merged_into=employer)

    response = as_user(officer).post(f"/employers/{absorbed.pk}/establishments", {"name": "新廠"})

    assert response.status_code == 409
    assert str(employer.pk) in response.json()["detail"][0]["msg_en"]


def test_employer_search_and_its_query_count(as_user, officer, django_assert_max_num_queries):
    target = factories.EmployerFactory(name="中山精密工業股份有限公司")
    for index in range(12):
        factories.EmployerFactory(name=f"中山貿易{index}有限公司")
    api = as_user(officer)

    by_number = api.get("/employers", {"business_id": target.business_id})
    with django_assert_max_num_queries(8):
        by_name = api.get("/employers", {"name": "中山", "page_size": 20})

    assert [item["id"] for item in by_number.json()["items"]] == [target.pk]
    assert by_name.json()["count"] == 13
    assert len(by_name.json()["items"]) == 13


def test_an_employers_cases(as_user, officer, employer, django_assert_max_num_queries):
    case = tst_workflow.open_case(officer, person=factories.PersonFactory(), employer=employer)
    tst_workflow.open_case(officer, person=factories.PersonFactory())

    with django_assert_max_num_queries(8):
        response = as_user(officer).get(f"/employers/{employer.pk}/cases")

    assert [item["number"] for item in response.json()["items"]] == [case.number]


def test_a_person_search_costs_a_fixed_number_of_queries(as_user, officer, django_assert_max_num_queries):
    for index in range(15):
        factories.PersonFactory(name=f"張家豪{index}")
    api = as_user(officer)

    with django_assert_max_num_queries(16):
        response = api.get("/persons", {"name": "張家豪"})

    assert (response.json()["count"], len(response.json()["items"])) == (15, 15)
    assert AccessLogEntry.objects.count() == 1


def test_registered_directors_are_staff_too(as_user):
    director = factories.staff(Role.DIRECTOR, "ADM")

    assert as_user(director).post("/persons", {"id_number": VALID_ID, "name": "王"}).status_code == 201
