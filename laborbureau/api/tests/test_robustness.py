"""Odd input never answers 500: garbage JSON, wrong types, huge strings, control
characters and unusual Unicode, on every write endpoint, and a fuzzed body
(hypothesis) on each too; every refusal has the error shape. Unknown enum values and
negative numbers are refused field by field in test_parties_api and test_cases_api."""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from laborbureau.cases.models import TimelineEntry
from laborbureau.core.tests import factories

pytestmark = pytest.mark.django_db

BAD_BODIES = [
    ("garbage", "{not json"),
    ("truncated", '{"name": "x"'),
    ("empty", ""),
    ("null", "null"),
    ("list", "[1, 2]"),
    ("string", '"hello"'),
    ("number", "42"),
    ("nan", '{"name": NaN}'),
    ("bad_utf8", b'{"name": "\xff\xfe"}'),
    ("lone_surrogate", '{"name": "\\ud800", "text": "\\ud800", "id_number": "\\udfff"}'),
    ("nul", '{"name": "a\\u0000b", "text": "a\\u0000b", "id_number": "A1\\u00002345678"}'),
    ("wrong_types", '{"name": 5, "text": [], "id_number": {}, "data": "x", "headcount": "x", "as_of": 5}'),
    ("huge", json.dumps({"name": "x" * 200_000, "text": "x" * 200_000, "id_number": "A" * 10_000})),
    ("deep", "[" * 5000 + "]" * 5000),
]


def _write_paths(case, employer, site) -> list[str]:
    return [
        "/persons",
        "/employers",
        f"/employers/{employer.pk}/establishments",
        f"/employers/{employer.pk}/establishments/{site.pk}/headcounts",
        f"/cases/{case.number}/transitions",
        f"/cases/{case.number}/notes",
        f"/cases/{case.number}/assignment",
    ]


def _assert_error_shape(response):
    assert 400 <= response.status_code < 500, (response.status_code, response.content[:300])
    body = response.json()
    assert body["detail"], body
    for item in body["detail"]:
        assert set(item) == {"loc", "msg", "msg_en", "type"}
        assert isinstance(item["loc"], list)
        assert item["msg"] and item["msg_en"]


@pytest.mark.parametrize(("label", "raw"), BAD_BODIES, ids=[label for label, _ in BAD_BODIES])
def test_bad_bodies_answer_4xx_with_the_error_shape(as_user, chief, case, employer, label, raw):
    site = factories.EstablishmentFactory(employer=employer)
    api = as_user(chief)

    for path in _write_paths(case, employer, site):
        response = api.post(path, raw=raw)
        _assert_error_shape(response)
        assert response.status_code == 422, (path, response.json())

    case.refresh_from_db()
    assert (case.status, case.timeline_count, case.assignee) == ("NEW", 1, None)


def test_garbage_json_answers_json_invalid_at_body(as_user, officer):
    response = as_user(officer).post("/persons", raw="{oops")

    assert response.json() == {
        "detail": [
            {
                "loc": ["body"],
                "msg": "JSON 格式錯誤，無法解析。",
                "msg_en": "The body is not valid JSON.",
                "type": "json_invalid",
            }
        ]
    }


def test_an_oversized_body_answers_413(as_user, officer, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024

    response = as_user(officer).post("/persons", raw=json.dumps({"name": "x" * 5000}))

    assert response.status_code == 413
    _assert_error_shape(response)


@pytest.mark.parametrize(
    "text",
    [
        "😀 emoji",
        "𠀀𪚥 CJK extension B",
        "e\u0301 combining",
        "\u202eRTL override",
        "tab\tand\nnewline",
        "全形　空白",
        "ㄅㄆㄇ",
    ],
)
def test_unusual_but_valid_unicode_is_kept(as_user, officer, case, text):
    response = as_user(officer).post(f"/cases/{case.number}/notes", {"text": text})

    assert response.status_code == 201
    assert TimelineEntry.objects.get(case=case, kind="note").text == text.strip()


@pytest.mark.parametrize("path", ["/cases", "/persons", "/employers"])
@pytest.mark.parametrize(
    "params",
    [
        {"page": "-1"},
        {"page": "1e9"},
        {"page_size": "0"},
        {"name": "\x00\x00", "q": "\x00", "id_number": "\x00"},
        {"q": "%", "name": "%_", "business_id": "%"},
        {"due_within_days": "99999999999999999999"},
        {"overdue": "[]"},
    ],
)
def test_odd_query_strings_never_answer_500(as_user, officer, path, params):
    response = as_user(officer).get(path, params)

    assert response.status_code in (200, 422)
    if response.status_code == 422:
        _assert_error_shape(response)


@pytest.mark.parametrize("path", ["/cases", "/persons", "/employers"])
def test_invalid_utf8_in_the_query_string_never_answers_500(as_user, officer, path):
    # A lone surrogate and a stray byte, percent-encoded as a client would send them.
    response = as_user(officer).get(f"{path}?q=%ED%A0%80%FF&name=%ED%A0%80%FF&business_id=%FF")

    assert response.status_code in (200, 422)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=12,
)
FIELDS = ["name", "id_number", "id_kind", "text", "data", "headcount", "as_of", "assignee", "business_id", "note"]
bodies = st.dictionaries(st.sampled_from(FIELDS), json_values, max_size=6) | json_values


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=bodies)
def test_fuzzed_bodies_never_answer_500(as_user, chief, case, employer, body):
    api = as_user(chief)
    site = employer.establishments.first() or factories.EstablishmentFactory(employer=employer)

    for path in _write_paths(case, employer, site):
        response = api.post(path, body)
        assert response.status_code < 500, (path, body, response.content[:300])
        if response.status_code >= 400:
            _assert_error_shape(response)


@pytest.mark.parametrize("path", ["/api/v1/fines", "/api/v1/notifications", "/api/v1/fines/public"])
def test_a_page_number_too_large_for_an_offset_is_422_not_a_database_error(path):
    from django.test import Client

    from laborbureau.core.services import api_token_create
    from laborbureau.core.tests import factories

    _, key = api_token_create(user=factories.staff("CASE_OFFICER", "LS"), name="fuzz")
    response = Client(HTTP_AUTHORIZATION=f"Bearer {key}").get(path, {"page": 10**19})
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == "page"
