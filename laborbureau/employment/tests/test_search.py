"""The job bank's free-text search through the search index: vacancies found by 2-character
words, variant characters and synonyms, gone once they leave search; facets that agree
with the results; the page, the API, the counsellors' job-seeker list, the rebuilds."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from laborbureau.core.models import Role
from laborbureau.core.tests.factories import PersonFactory, citizen, staff
from laborbureau.employment import indexing, selectors, services
from laborbureau.employment.models import Vacancy
from laborbureau.employment.tests.factories import counsellor, profile, seeker, vacancy
from laborbureau.search.backends import partition_prefix
from laborbureau.search.models import Document, IndexState
from laborbureau.search.selectors import _prepare, search
from laborbureau.search.services import index_current, index_state_forget, index_synonyms_current

pytestmark = pytest.mark.django_db


def accountant(**overrides):
    values = {"title": "會計助理", "description": "傳票登打、帳款核對、發票整理及協助月結報表。", "occupation_code": "43",
              "district_code": "63000020", "address": "臺北市信義區松仁路100號"}
    values.update(overrides)
    return vacancy(**values)


def driver(**overrides):
    values = {"title": "物流貨車司機", "description": "市區配送貨物、裝卸貨及簽收單據回報。", "occupation_code": "83",
              "district_code": "63000100", "address": "台北市內湖區瑞光路1號", "pay_min": 40000, "pay_max": 48000}
    values.update(overrides)
    return vacancy(**values)


def courier(**overrides):
    values = {"title": "送餐員", "description": "騎機車將餐點送到顧客手上，路線固定。", "occupation_code": "94",
              "district_code": "63000030", "address": "臺北市大安區復興南路一段1號", "pay_min": 34000, "pay_max": None}
    values.update(overrides)
    return vacancy(**values)


def found(q: str, **filters) -> list[int]:
    return [v.pk for v in selectors.vacancy_search(filters=selectors.VacancyFilters(q=q, **filters)).items]


def test_a_posted_vacancy_is_found_by_two_character_words_variants_and_synonyms():
    first, second, third = accountant(), driver(), courier()
    assert found("會計") == [first.pk]
    assert found("司機") == [second.pk]
    assert found("臺北 司機") == [second.pk]  # the ad says 台北
    assert found("台北 會計") == [first.pk]  # the ad says 臺北
    assert found("外送") == [third.pk]  # the ad says only 送餐員
    assert found("會計", district="63000100") == []
    assert found("會計", district="110") == [first.pk]  # a postal code works as a district
    assert found("司機", occupation="8") == [second.pk]  # the major group
    assert found("司機", occupation="83", pay_min=45000) == [second.pk]  # the top of the range reaches it
    assert found("司機", pay_min=50000) == []
    assert found("！？") == []  # only punctuation: nothing, not everything


def test_an_edit_reindexes_and_a_vacancy_leaves_search_when_withdrawn_filled_or_expired():
    first = accountant()
    owner = first.employer
    from laborbureau.core.models import User

    account = User.objects.get(employer=owner)
    services.vacancy_update(vacancy=first, actor=account, data=services.VacancyInput(
        title="出納人員", description="現金收付、銀行往來及零用金管理，協助月結。", occupation_code="41",
        district_code="63000020", address="臺北市信義區松仁路100號", pay_unit="MONTHLY", pay_min=33000,
        closing_date=timezone.localdate() + timedelta(days=20), hours="FULL_TIME"))
    assert found("會計") == []
    assert found("出納") == [first.pk]
    services.vacancy_transition(vacancy=first, action="withdraw", actor=account)
    assert found("出納") == []
    assert not Document.objects.filter(kind="vacancy", object_id=first.pk).exists()

    second = driver()
    services.vacancy_transition(vacancy=second, action="fill", actor=None)
    assert found("司機") == []

    third = courier(closing_date=timezone.localdate() + timedelta(days=3))
    day_after = timezone.localdate() + timedelta(days=4)
    # Past its closing date it is not found even before the sweep runs...
    assert [v.pk for v in selectors.vacancy_search(filters=selectors.VacancyFilters(q="送餐"), today=day_after).items
            ] == []
    assert found("送餐") == [third.pk]
    # ...and the sweep takes it out of the index.
    assert services.vacancy_expire_due(today=day_after) == 1
    assert found("送餐") == []
    assert not Document.objects.filter(kind="vacancy").exists()


def test_a_held_vacancy_is_not_indexed_and_a_rolled_back_change_leaves_the_index_alone():
    first = accountant()
    before = list(Document.objects.filter(kind="vacancy").values_list("object_id", "attributes"))
    with pytest.raises(services.ApplicationError):
        services.vacancy_update(vacancy=first, actor=counsellor(), data=services.VacancyInput(
            title="會計", description="短", occupation_code="43", district_code="63000020",
            address="臺北市信義區松仁路100號", pay_unit="MONTHLY", pay_min=33000,
            closing_date=timezone.localdate() + timedelta(days=20), hours="FULL_TIME"))
    assert list(Document.objects.filter(kind="vacancy").values_list("object_id", "attributes")) == before
    assert found("會計") == [first.pk]


def test_facets_agree_with_the_results():
    accountant()
    accountant(district_code="63000100", address="臺北市內湖區瑞光路1號")
    accountant(title="會計專員", district_code="63000100", address="臺北市內湖區瑞光路2號")
    driver()
    result = selectors.vacancy_search(filters=selectors.VacancyFilters(q="會計"), facets=True)
    assert result.count == 3
    districts = {f.code: f.count for f in result.facets["district"]}
    assert districts == {"63000020": 1, "63000100": 2}
    assert sum(districts.values()) == result.count
    assert [(f.code, f.count) for f in result.facets["major"]] == [("4", 3)]
    assert result.facets["major"][0].label.startswith("4 ")
    # A district filter narrows the results but not its own facet.
    narrowed = selectors.vacancy_search(filters=selectors.VacancyFilters(q="會計", district="63000100"), facets=True)
    assert narrowed.count == 2
    assert {f.code: f.count for f in narrowed.facets["district"]} == districts
    # Without text, the table's facets answer the same way.
    plain = selectors.vacancy_search(filters=selectors.VacancyFilters(), facets=True)
    assert plain.count == 4
    assert {f.code: f.count for f in plain.facets["major"]} == {"4": 3, "8": 1}


def test_newest_sort_and_paging():
    older = accountant()
    newer = accountant(title="會計專員")
    Vacancy.objects.filter(pk=older.pk).update(posted_at=timezone.now() - timedelta(days=2))
    older.refresh_from_db()
    indexing.vacancy_sync(Vacancy.objects.select_related("occupation", "district", "employer").get(pk=older.pk))
    result = selectors.vacancy_search(filters=selectors.VacancyFilters(q="會計", sort="newest"), page_size=1)
    assert ([v.pk for v in result.items], result.count, result.pages) == ([newer.pk], 2, 2)
    second = selectors.vacancy_search(filters=selectors.VacancyFilters(q="會計", sort="newest"), page=2, page_size=1)
    assert [v.pk for v in second.items] == [older.pk]
    assert found("會計", posted_within=1) == [newer.pk]
    with pytest.raises(services.ApplicationError) as refused:
        selectors.vacancy_search(filters=selectors.VacancyFilters(q="會計", sort="oldest"))
    assert refused.value.field == "sort"


def test_the_page_searches_shows_facets_and_runs_in_a_fixed_number_of_queries(client):
    accountant()
    courier()

    def queries(path: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(path).status_code == 200
        return len(captured)

    queries("/jobs/?q=會計")  # the first search reads the index's state (search.services.index_state)
    few = queries("/jobs/?q=會計")
    for index in range(6):
        accountant(title=f"會計助理{index}")
    assert queries("/jobs/?q=會計") == few
    page = client.get("/jobs/?q=會計&sort=newest").content.decode()
    assert "共 7 筆職缺" in page
    assert "信義區" in page and "(7)" in page  # the district facet
    assert 'name="q"' in page and 'value="會計"' in page
    assert "送餐員" not in page
    assert "送餐員" in client.get("/jobs/?q=外送").content.decode()
    assert client.get("/jobs/?q=會計&sort=oldest").status_code == 422
    assert client.get("/jobs/?q=" + "會" * 101).status_code == 422
    assert client.get("/jobs/?q=會計&page=99999").status_code == 200


def test_the_api_searches_with_facets_and_answers_422_on_bad_input():
    api = Client()
    first = accountant()
    courier()

    def count(page_size: int) -> int:
        with CaptureQueriesContext(connection) as captured:
            assert api.get(f"/api/v1/vacancies?q=會計&page_size={page_size}").status_code == 200
        return len(captured)

    count(1)  # the first search reads the index's state (search.services.index_state)
    small = count(1)
    for index in range(5):
        accountant(title=f"會計人員{index}")
    assert count(50) == small  # the page size does not change the number of queries
    data = api.get("/api/v1/vacancies?q=台北 會計&sort=relevance&page_size=3").json()
    assert data["count"] == 6
    assert data["pages"] == 2
    assert len(data["items"]) == 3
    assert data["facets"]["district"] == [{"code": "63000020", "label": "信義區", "count": 6}]
    assert data["facets"]["occupation_major"][0]["count"] == 6
    newest = api.get("/api/v1/vacancies?q=會計&sort=newest&page_size=50").json()
    assert first.pk == newest["items"][-1]["id"]
    assert api.get("/api/v1/vacancies?q=外送").json()["count"] == 1
    for query, loc in (("q=會計&sort=oldest", ["query", "sort"]), ("q=" + "會" * 101, ["query", "q"]),
                       ("q=會計&page=600&page_size=20", ["query", "page"])):
        response = api.get(f"/api/v1/vacancies?{query}")
        assert response.status_code == 422, query
        assert loc in [error["loc"] for error in response.json()["detail"]], response.json()
    schema = api.get("/api/openapi.json").json()
    parameters = schema["paths"]["/api/v1/vacancies"]["get"]["parameters"]
    assert {"q", "sort"} <= {parameter["name"] for parameter in parameters}


def test_counsellors_search_job_seekers_and_the_index_holds_no_names_or_ids(client):
    person = PersonFactory(name="王小明")
    wanted = seeker(user=citizen(person), desired_occupations=["43"], skills="Excel、記帳", experience="曾任會計3年")
    seeker(desired_occupations=["83"], skills="貨物配送", experience="曾任貨車司機")
    document = Document.objects.get(kind="jobseeker", object_id=wanted.pk)
    assert "王小明" not in str(document.attributes) and person.id_number not in str(document.attributes)
    assert search("jobseeker", "王小明").ids == []
    assert search("jobseeker", person.id_number).ids == []
    officer = counsellor()
    client.force_login(officer)
    page = client.get("/staff/employment/?q=記帳").content.decode()
    assert "王小明" in page
    assert "曾任貨車司機" not in page
    assert selectors.seeker_search(user=officer, q="excel")[1] == 1
    results, total = selectors.seeker_search(user=officer, q="司機")
    assert total == 1 and results[0].pk != wanted.pk
    # An update and a status change are indexed at once.
    services.job_seeker_update(seeker=wanted, actor=officer, profile=profile(desired_occupations=["43"],
                                                                              skills="出納"))
    assert selectors.seeker_search(user=officer, q="Excel") == ([], 0)
    services.job_seeker_set_status(seeker=wanted, status="CLOSED", actor=officer)
    assert selectors.seeker_search(user=officer, q="出納", status="ACTIVE") == ([], 0)
    assert selectors.seeker_search(user=officer, q="出納", status="CLOSED")[1] == 1
    # Others: nothing.
    assert selectors.seeker_search(user=staff(Role.CASE_OFFICER, "LS"), q="出納") == ([], 0)


def test_the_reindex_command_rebuilds_both_kinds_from_the_tables():
    first = accountant()
    seeker(skills="記帳")
    Vacancy.objects.filter(pk=first.pk).update(title="出納人員")  # behind the services' back
    assert found("出納") == []
    out = io.StringIO()
    call_command("employment_reindex", stdout=out)
    assert out.getvalue() == "vacancy: 1 indexed\njobseeker: 1 indexed\n"
    assert found("出納") == [first.pk]
    assert Document.objects.filter(kind="jobseeker").count() == 1


def test_the_nightly_recluster_acts_once_in_its_hour_and_keeps_the_results():
    first = accountant()
    night = timezone.localtime().replace(hour=indexing.RECLUSTER_HOUR, minute=5)
    assert indexing.search_recluster(night.replace(hour=(indexing.RECLUSTER_HOUR + 1) % 24)) is False
    assert indexing.search_recluster(night) is True
    assert found("會計") == [first.pk]


def test_the_nightly_job_rebuilds_a_kind_indexed_before_a_synonym_change():
    first = accountant()
    # As if the vacancies were indexed before the synonym groups were (or a group was
    # edited since) and before the district partition: searches expand the words and
    # filter by the district's tag, and the night rebuilds the kind.
    IndexState.objects.filter(kind="vacancy").update(synonym_groups=[], partition="")
    index_state_forget()
    assert not index_synonyms_current("vacancy")
    assert not index_current("vacancy", partition=indexing.VACANCY_PARTITION)
    district = first.district_id
    assert found("帳務人員") == [first.pk] and found("帳務人員", district=district) == [first.pk]
    night = timezone.localtime().replace(hour=indexing.RECLUSTER_HOUR, minute=5)
    assert indexing.search_recluster(night) is True
    assert index_current("vacancy", partition="district") and index_current("jobseeker")
    assert found("帳務人員") == [first.pk] and found("帳務人員", district=district) == [first.pk]
    assert _prepare("vacancy", "帳務人員", {"district": district}).local == ("district", partition_prefix(district))


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's own text index per kind")
def test_each_job_bank_kind_has_its_own_text_index_on_postgresql():
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'search_document'")
        definitions = dict(cursor.fetchall())
    for kind in (indexing.VACANCY, indexing.JOBSEEKER):
        assert f"WHERE ((kind)::text = '{kind}'::text)" in definitions[f"search_document_tokens_{kind}"]


def test_a_search_in_one_district_reads_that_districts_words_and_follows_a_move():
    first, other = accountant(), accountant(district_code="63000100", address="台北市內湖區瑞光路1號")
    query = _prepare("vacancy", "會計", {"district": "63000020"})
    assert query.local == ("district", partition_prefix("63000020"))  # the district's own words, no tag
    assert found("會計", district="63000020") == [first.pk] and found("會計", district="63000100") == [other.pk]
    page = selectors.vacancy_search(filters=selectors.VacancyFilters(q="會計", district="63000020"), facets=True)
    # The district facet ignores the district filter: it counts the plain words.
    assert {facet.code: facet.count for facet in page.facets["district"]} == {"63000020": 1, "63000100": 1}
    # The ad moves to 內湖區: its words move with it.
    Vacancy.objects.filter(pk=first.pk).update(district_id="63000100")
    indexing.vacancy_sync(Vacancy.objects.select_related("occupation", "district", "employer").get(pk=first.pk))
    assert found("會計", district="63000020") == []
    assert sorted(found("會計", district="63000100")) == sorted([first.pk, other.pk])
    assert found("會計助理", district="110") == []  # 110 is 信義區's postal code
