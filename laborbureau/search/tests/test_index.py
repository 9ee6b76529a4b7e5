"""The index on the test database's vendor (SQLite by default, PostgreSQL with DATABASE_URL)."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from laborbureau.core.errors import ApplicationError
from laborbureau.search import backends, selectors, services, text
from laborbureau.search.models import Document, IndexState
from laborbureau.search.selectors import Range, _prepare, search
from laborbureau.search.services import IndexRow, index_delete, index_rebuild, index_synonyms_current, index_upsert

pytestmark = pytest.mark.django_db

ADS = [
    IndexRow(
        1,
        "誠徵會計助理，負責帳務處理。工作地點：臺北市中山區。",
        {"district": "中山區", "occupation": "3313"},
        {"posted": date(2026, 11, 1), "pay_min": 32000},
        title="會計助理",
    ),
    IndexRow(
        2,
        "送餐員，騎機車送便當，時薪200元。",
        {"district": "大安區", "occupation": "8322"},
        {"posted": date(2026, 11, 3), "pay_min": 200},
        title="送餐員",
    ),
    IndexRow(
        3,
        "夜班保全，社區門禁與巡邏，台北市大安區。",
        {"district": ["大安區", "信義區"], "occupation": "5414"},
        {"posted": date(2026, 11, 2), "pay_min": 38000},
        title="保全員（夜班）",
    ),
    IndexRow(
        4,
        "餐廳外場服務生，負責點餐送餐。",
        {"district": "信義區", "occupation": "5131"},
        {"posted": date(2026, 11, 5), "pay_min": 30000},
        title="外場服務生",
    ),
    IndexRow(
        5,
        "貨車司機，負責門市配送，需職業駕照。",
        {"district": "內湖區", "occupation": "8322"},
        {"posted": date(2026, 11, 4), "pay_min": 45000},
        title="司機",
    ),
]


@pytest.fixture
def ads():
    index_rebuild("vacancy", ADS)


def ids(q="", **kwargs):
    return search("vacancy", q, **kwargs).ids


def test_finds_two_character_words_and_substrings(ads):
    assert ids("會計") == [1]
    assert ids("帳務處") == [1]
    assert ids("司機") == [5]
    assert ids("夜班") == [3]


def test_one_character_query_finds_the_character_anywhere_in_a_run(ads):
    assert set(ids("班")) == {3}  # 夜班 ends a run: found through the last-character token
    assert set(ids("餐")) == {2, 4}


def test_variant_characters_match_both_ways(ads):
    assert ids("台北 會計") == [1]  # the ad says 臺北
    assert ids("臺北 保全") == [3]  # the ad says 台北


def test_synonyms_expand_the_query(ads):
    assert ids("外送") == [2]  # the ad says only 送餐員
    assert ids("警衛") == [3]
    assert ids("駕駛") == [5]
    assert ids("服務生", filters={"district": "信義區"}) == [4]


def test_all_words_must_match(ads):
    assert ids("夜班 保全") == [3]
    assert ids("夜班 會計") == []


def test_relevance_prefers_the_title(ads):
    index_upsert("vacancy", 6, "本公司徵求業務，由會計部門核發獎金。", {"district": "中山區"}, title="業務專員")
    assert ids("會計") == [1, 6]


def test_filters_equality_any_of_and_ranges(ads):
    assert ids(filters={"district": "大安區"}) == [3, 2]
    assert ids(filters={"district": ["中山區", "內湖區"]}) == [5, 1]
    assert ids(filters={"occupation": "8322", "pay_min": Range(gte=1000)}) == [5]
    assert ids(filters={"posted": Range(gte=date(2026, 11, 2), lte=date(2026, 11, 3))}) == [3, 2]
    assert ids("保全", filters={"district": "信義區"}) == [3]  # one of the ad's two districts
    assert ids("保全", filters={"district": "中山區"}) == []


def test_sorting_and_paging(ads):
    assert ids(sort="-posted") == [4, 5, 2, 3, 1]
    assert ids(sort="pay_min") == [2, 4, 1, 3, 5]
    first = search("vacancy", sort="-posted", page=1, page_size=2)
    second = search("vacancy", sort="-posted", page=2, page_size=2)
    last = search("vacancy", sort="-posted", page=3, page_size=2)
    assert (first.ids, second.ids, last.ids) == ([4, 5], [2, 3], [1])
    assert first.total == second.total == last.total == 5
    assert search("vacancy", sort="-posted", page=9, page_size=2).ids == []


def test_facets_count_over_the_results_and_ignore_their_own_filter(ads):
    result = search("vacancy", "", filters={"district": "大安區"}, facets=["district", "occupation"])
    assert result.total == 2
    assert result.facets["district"] == {"中山區": 1, "大安區": 2, "信義區": 2, "內湖區": 1}
    assert result.facets["occupation"] == {"8322": 1, "5414": 1}


@pytest.mark.parametrize("q", ["", "保全", "餐", "不存在的字"])
def test_each_facet_count_is_the_total_of_that_filter(ads, q):
    # On PostgreSQL unfiltered facets are counted in the total's pass: the same numbers.
    result = search("vacancy", q, facets=["district", "occupation"])
    assert result.total == search("vacancy", q).total
    for name, values in (("district", ["中山區", "大安區", "信義區", "內湖區", "士林區"]), ("occupation", ["8322", "5414"])):
        for value in values:
            assert result.facets[name].get(value, 0) == search("vacancy", q, filters={name: value}).total


def test_update_replaces_the_text_and_filters(ads):
    index_upsert("vacancy", 1, "誠徵出納，臺北市士林區。", {"district": "士林區"}, {"posted": date(2026, 11, 9)})
    assert ids("會計") == []
    assert ids("出納") == [1]
    assert ids(filters={"district": "中山區"}) == []
    assert Document.objects.filter(kind="vacancy", object_id=1).count() == 1


def test_delete_removes_the_record_and_only_it(ads):
    index_delete("vacancy", 3)
    index_delete("vacancy", 99)  # absent: nothing happens
    assert ids("保全") == []
    assert search("vacancy").total == 4
    assert not Document.objects.filter(kind="vacancy", object_id=3).exists()


def test_kinds_are_separate_and_rebuild_replaces_one_kind(ads):
    index_upsert("jobseeker", 1, "想找夜班保全工作", {"district": "大安區"})
    assert ids("保全") == [3]
    assert search("jobseeker", "保全").ids == [1]
    assert index_rebuild("vacancy", [IndexRow(7, "水電師傅")]) == 1
    assert ids() == [7]
    assert search("jobseeker", "保全").ids == [1]


def test_query_counts_do_not_grow_with_results_or_page_size(ads):
    with CaptureQueriesContext(connection) as queries:
        search("vacancy", "餐", facets=["district", "occupation"], page_size=100)
    # The kind's index state (synonym groups, partition: read once, then kept for a
    # while), the total, the page, one per facet; PostgreSQL counts unfiltered facets
    # with the total.
    assert len(queries) == (3 if connection.vendor == "postgresql" else 5)
    with CaptureQueriesContext(connection) as queries:
        search("vacancy", "餐", filters={"district": "大安區"}, facets=["district", "occupation"], page_size=100)
    assert len(queries) == (3 if connection.vendor == "postgresql" else 4)  # the filtered facet has its own
    with CaptureQueriesContext(connection) as queries:
        search("vacancy", "會計")
    assert len(queries) == 2
    with CaptureQueriesContext(connection) as queries:
        search("vacancy", filters={"district": "大安區"})
    assert len(queries) == 2
    with CaptureQueriesContext(connection) as queries:
        index_upsert("vacancy", 8, "清潔員", {"district": "大同區"})
    # The upsert (3 on SQLite, 1 on PostgreSQL) and the look at the kind's synonym state,
    # in a savepoint.
    assert len(queries) <= 3 + 1 + 2


# Query syntax typed by a user is text: operators become search words (near, title, or)
# that the ads do not contain, quotes and symbols are separators.
@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ('"', []),
        ('""', []),
        ("*", []),
        ("會計*", [1]),
        ("NEAR(會計 助理)", []),
        ("title:會計", []),
        ("{title body}:會計", []),
        ("(", []),
        (")", []),
        ("會計)", [1]),
        ("((會計", [1]),
        ("\x00", []),
        ("會\x00計", [1]),
        ("AND", []),
        ("會計 OR 司機", []),
        ("NOT 會計", []),
        ("-會計", [1]),
        ("^會計", [1]),
        ("'", []),
        ("會計' OR '1'='1", []),
        ("a:* & !b", []),
        ("會計 <-> 助理", [1]),
        ("\\", []),
        ("%", []),
        ("_", []),
        ("; DROP TABLE search_document; --", []),
        ("🙂", []),
        ("會計" * 5000, [1]),
        ("x" * 100000, []),
    ],
)
def test_query_syntax_in_user_text_is_only_text(ads, q, expected):
    result = search("vacancy", q, facets=["district"])
    assert result.ids == expected
    assert result.total == len(expected)
    assert Document.objects.count() == 5


def test_filter_values_and_names_are_checked(ads):
    assert ids(filters={"district": 'x" OR "kind==vacancy'}) == []
    for bad in [{"Bad-Name": "x"}, {"district": []}, {"district": {"a": 1}}, {"pay_min": Range(gte="1")}]:
        with pytest.raises(ApplicationError):
            search("vacancy", filters=bad)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"page": 0},
        {"page": -1},
        {"page": 10**19},
        {"page_size": 0},
        {"page_size": 101},
        {"sort": "pay min"},
        {"sort": "relevance; DROP"},
        {"facets": ["x y"]},
        {"page": "2"},
    ],
)
def test_bad_paging_sort_and_facets_are_refused(ads, kwargs):
    with pytest.raises(ApplicationError):
        search("vacancy", "會計", **kwargs)


def test_bad_index_input_is_refused_and_nothing_is_written():
    for bad in [
        lambda: index_upsert("Vacancy", 1, "x"),
        lambda: index_upsert("vacancy", 1, "x", {"district": 1.5}),
        lambda: index_upsert("vacancy", 1, "x", {"district": True}),
        lambda: index_upsert("vacancy", 1, "x", {}, {"posted": "2026-11-01"}),
        lambda: index_upsert("vacancy", 1, "x", {"posted": "a"}, {"posted": 1}),
        lambda: index_upsert("vacancy", "1", "x"),
    ]:
        with pytest.raises(ValueError):
            bad()
    assert Document.objects.count() == 0
    assert search("vacancy").total == 0


HAN = st.text(alphabet=st.sampled_from("會計司機夜班保全門市外送員餐美髮台臺北裡裏清潔作業操"), min_size=2, max_size=20)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(HAN, st.data())
def test_any_indexed_substring_is_found_in_the_database(text, data):
    index_upsert("probe", 1, text)
    start = data.draw(st.integers(0, len(text) - 2))
    end = data.draw(st.integers(start + 2, len(text)))
    assert search("probe", text[start:end]).ids == [1]


def test_relevance_ranks_the_newest_candidates_then_continues_by_date(monkeypatch):
    # Both backends: bm25 / ts_rank orders only the RANK_CANDIDATES most recently
    # indexed matches (ties newest first); older matches follow, newest first.
    monkeypatch.setattr(backends, "RANK_CANDIDATES", 3)
    body = "誠徵人員，需懂會計。"
    index_rebuild(
        "vacancy",
        [IndexRow(n, body, {"district": "中山區"}, title="會計" if n in (1, 4) else "") for n in range(1, 7)],
    )
    expected = [4, 6, 5, 3, 2, 1]
    assert ids("會計") == expected
    assert ids("會計", filters={"district": "中山區"}) == expected
    paged = [n for page in (1, 2, 3) for n in ids("會計", page=page, page_size=2)]
    assert paged == expected
    assert search("vacancy", "會計", page=2, page_size=2).total == 6
    # No more matches than candidates (a filter): all of them are ranked.
    index_upsert("vacancy", 2, body, {"district": "大安區"}, title="會計")
    index_upsert("vacancy", 3, body, {"district": "大安區"})
    assert ids("會計", filters={"district": "大安區"}) == [2, 3]
    assert [n for page in (1, 2) for n in ids("會計", filters={"district": "大安區"}, page=page, page_size=1)] == [2, 3]
    assert ids("會計") == [4, 6, 5, 3, 2, 1]  # 2 is not among the three newest


def test_a_page_without_its_count_ranks_the_same(monkeypatch):
    monkeypatch.setattr(backends, "RANK_CANDIDATES", 3)
    index_rebuild("vacancy", [IndexRow(n, "會計", title="會計" if n == 4 else "") for n in range(1, 7)])
    backend = backends.backend_for(connection.vendor)
    query = _prepare("vacancy", "會計", {})
    with connection.cursor() as cursor:
        assert backend.page(cursor, query, "relevance", 4, 0) == [4, 6, 5, 3]
        assert backend.count(cursor, query) == 6
        assert backend.page(cursor, query, "relevance", 4, 2) == [5, 3, 2, 1]


@pytest.mark.parametrize("q", ["", "保全", "餐"])
@pytest.mark.parametrize("filters", [None, {"district": "大安區"}, {"occupation": "8322"}])
def test_facets_over_a_closed_list_of_values_are_the_same(ads, q, filters):
    domains = {"district": ["中山區", "大安區", "信義區", "內湖區", "士林區"],
               "occupation": ["8322", "5414", "3313", "5131", "9999"]}
    listed = search("vacancy", q, filters=filters, facets=["district", "occupation"], facet_values=domains)
    grouped = search("vacancy", q, filters=filters, facets=["district", "occupation"])
    assert listed.facets == grouped.facets
    with pytest.raises(ApplicationError):
        search("vacancy", q, facets=["district"], facet_values={"occupation": ["8322"]})


def test_a_clustered_rebuild_answers_exactly_like_a_plain_one(monkeypatch):
    # Rows stored by occupation (PostgreSQL) keep their ids in the order given, so
    # relevance ties, "newest first" and the rank candidates are unchanged.
    monkeypatch.setattr(backends, "RANK_CANDIDATES", 3)
    rows = [IndexRow(n, "誠徵人員，需懂會計。", {"occupation": str(9 - n % 3)}, {"posted": date(2026, 11, n)},
                     title="會計" if n in (1, 4) else "") for n in range(1, 8)]
    index_rebuild("vacancy", rows)
    plain = [ids("會計", page=page, page_size=2) for page in (1, 2, 3, 4)], ids(sort="posted"), ids()
    index_rebuild("vacancy", rows, cluster_by="occupation")
    assert ([ids("會計", page=page, page_size=2) for page in (1, 2, 3, 4)], ids(sort="posted"), ids()) == plain
    assert search("vacancy", "會計").total == 7
    # (Where the rows land physically is the server's choice: free space is reused. The
    # benchmark measures the effect; here, the ids must still follow the rows given.)
    assert list(Document.objects.filter(kind="vacancy").order_by("id").values_list("object_id", flat=True)) == [
        1, 2, 3, 4, 5, 6, 7]


def test_recluster_keeps_every_row_and_its_id(ads):
    from laborbureau.search.services import index_recluster

    index_upsert("vacancy", 9, "水電師傅", {"occupation": "0001"})
    before = sorted(Document.objects.filter(kind="vacancy").values_list("id", "object_id", "attributes"))
    index_recluster("vacancy", "occupation")
    assert sorted(Document.objects.filter(kind="vacancy").values_list("id", "object_id", "attributes")) == before
    assert ids("水電") == [9] and ids("保全") == [3]
    with pytest.raises(ValueError):
        index_recluster("vacancy", "occupation; DROP TABLE x")


def test_a_noise_word_inside_the_text_is_text():
    # Found by the property test above: 作台北作 became the query 作作.
    index_upsert("probe", 1, "工作臺北作業")
    assert search("probe", "作臺北作").ids == [1]
    assert search("probe", "臺北 作業").ids == [1]  # a noise word on its own is still dropped


WORDS = ["會計", "帳務人員", "記帳", "夜班", "晚班", "保全", "門市", "店員", "售貨員", "兼職", "計時人員", "部分工時", "司機"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    # Pieces of the phrases too, with a separator: rows with every token of 帳務人員 but
    # not the phrase.
    texts=st.lists(st.lists(st.sampled_from([*WORDS, "帳務", "務人", "人員", "部分", "分工", "工時", "計時", "時人",
                                             "，"]), max_size=8), min_size=1, max_size=12),
    words=st.lists(st.sampled_from(WORDS), min_size=1, max_size=2),
    district=st.sampled_from([None, "大安區", "中山區"]),
    partitioned=st.booleans(),
)
@example(texts=[["帳務", "，", "務人", "，", "人員"], ["帳務人員"]], words=["會計"], district=None, partitioned=False)
@example(texts=[["部分", "，", "分工", "，", "工時"], ["部分工時"], ["打工"]], words=["兼職"], district="大安區",
         partitioned=True)
def test_plain_word_counts_agree_with_the_full_text_check(monkeypatch, texts, words, district, partitioned):
    # PostgreSQL counts plain words and filters in the narrow bag and checks phrases
    # (帳務人員, 部分工時) against the tsvector; the result must be exactly the full
    # tsvector query's. (On SQLite both runs take the same path.)
    index_rebuild("probe", [IndexRow(n, "".join(text), {"district": "大安區" if n % 2 else "中山區"})
                            for n, text in enumerate(texts, start=1)], partition="district" if partitioned else "")
    filters = {"district": district} if district else {}
    q = " ".join(words)
    found = search("probe", q, filters=filters, page_size=100)
    with monkeypatch.context() as patch:
        patch.setattr(backends.PostgresBackend, "_bag_groups", lambda self, query: None)
        reference = search("probe", q, filters=filters, page_size=100)
    assert (found.total, found.ids) == (reference.total, reference.ids)
    # The same without the synonym groups' tokens (words expanded at query time, as for a
    # group edited since the rebuild) and without the partition tokens (the district's
    # tag instead, as for an index built before them): the same rows (bm25 counts a
    # word's rarity within the district with the partition tokens: the order may differ),
    # and the bag's phrase path agrees.
    with monkeypatch.context() as patch:
        patch.setattr(selectors, "index_state", lambda kind: services.BuiltWith(frozenset(), ""))
        expanded = search("probe", q, filters=filters, page_size=100)
        patch.setattr(backends.PostgresBackend, "_bag_groups", lambda self, query: None)
        expanded_reference = search("probe", q, filters=filters, page_size=100)
    assert (expanded.total, sorted(expanded.ids)) == (found.total, sorted(found.ids))
    assert (expanded.total, expanded.ids) == (expanded_reference.total, expanded_reference.ids)


def test_synonym_groups_are_indexed_and_an_edited_group_is_expanded_until_the_rebuild(ads, monkeypatch):
    assert index_synonyms_current("vacancy")
    query = _prepare("vacancy", "夜班 保全 餐廳", {})
    # One token per group; 餐廳 is in no group and stays a phrase.
    assert [[[p.tokens for p in alt] for alt in term] for term in query.terms] == [
        [[(text.GROUP_TOKEN["夜班"],)]], [[(text.GROUP_TOKEN["保全"],)]], [[("餐廳",)]]]
    # A group edited in the code since the rebuild: its old token is not the new one, so
    # that group is expanded and the index is reported stale; the answers do not change.
    edited = text._group_token(("保全", "保全員", "保全人員", "警衛", "守衛", "駐衛警"))
    monkeypatch.setattr(text, "GROUP_TOKEN", {**text.GROUP_TOKEN, "保全": edited})
    monkeypatch.setattr(services, "GROUP_TOKENS", text.GROUP_TOKENS | {edited})
    assert not index_synonyms_current("vacancy")
    query = _prepare("vacancy", "夜班 保全", {})
    assert query.terms[0] == ((backends.Phrase((text.GROUP_TOKEN["夜班"],)),),)
    assert len(query.terms[1]) == 3  # 保全, 警衛, 守衛 (保全員 is found by 保全 anyway)
    assert ids("保全") == [3] and ids("警衛") == [3] and ids("夜班 保全") == [3]
    index_rebuild("vacancy", ADS)
    assert index_synonyms_current("vacancy")
    assert IndexState.objects.get(kind="vacancy").synonym_groups == sorted(text.GROUP_TOKENS | {edited})


def test_the_first_row_of_a_kind_records_its_groups_and_a_kind_indexed_before_does_not():
    index_upsert("probe", 1, "夜班保全")
    assert index_synonyms_current("probe")
    IndexState.objects.filter(kind="probe").delete()  # as if indexed before group tokens
    index_upsert("probe", 2, "大夜保全")
    assert not index_synonyms_current("probe")
    assert sorted(search("probe", "夜班").ids) == [1, 2]  # expanded: still found


def test_the_partition_words_are_used_for_one_value_only():
    index_rebuild("probe", [IndexRow(1, "會計助理", {"district": "大安區"}), IndexRow(2, "會計", {"district": "中山區"})],
                  partition="district")
    assert _prepare("probe", "會計", {"district": "大安區"}).local == ("district", backends.partition_prefix("大安區"))
    assert _prepare("probe", "會計", {"district": ["大安區"]}).local is not None
    assert _prepare("probe", "會計", {"district": ["大安區", "中山區"]}).local is None  # two values: the tags
    assert _prepare("probe", "", {"district": "大安區"}).local is None  # no words: the tag
    assert sorted(search("probe", "會計", filters={"district": ["大安區", "中山區"]}).ids) == [1, 2]
    assert search("probe", "會計", filters={"district": "中山區"}).ids == [2]
