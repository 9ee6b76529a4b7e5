"""Bad input never answers 500: every calculator refuses garbage JSON, missing fields,
wrong types, unknown fields and enum values, huge numbers and impossible dates with
422 and the error at ["body", <field>] in zh-Hant and English."""

import json

import pytest

from laborbureau.calculators import adapters, schemas
from laborbureau.calculators.tests.conftest import error_at

pytestmark = pytest.mark.django_db

#: One valid body per calculator (used as the base of the bad ones).
VALID = {
    "identifier": {"kind": "person", "number": "A123456789"},
    "roc-date": {"date": "115/11/27"},
    "working-days": {"start": "2026-11-27", "days": 10},
    "basic-wage": {"on": "2026-11-27"},
    "severance": {"start": "2018-03-01", "end": "2026-11-30", "average_monthly_wage": 45000, "system": "new"},
    "retirement": {"start": "1996-08-01", "end": "2026-07-31", "average_monthly_wage": 52000},
    "overtime": {"work_date": "2026-11-27", "day_type": "rest_day", "hours": 3, "monthly_wage": 36000},
    "mass-layoff": {
        "sites": [{"site": "內湖廠", "headcount": 120}],
        "layoffs": [{"day": "2026-03-02", "count": 25, "site": "內湖廠"}],
    },
    "disability-quota": {"on": "2026-11-01", "sector": "private", "headcount": 250},
    "unemployment-benefit": {
        "on": "2026-03-02",
        "separation_date": "2026-02-27",
        "birth_date": "1985-05-05",
        "insured_salaries": [45800] * 6,
    },
}
NAMES = sorted(name for name in VALID if name in adapters.REGISTRY)
INPUT_SCHEMAS = {
    "identifier": schemas.IdentifierIn,
    "roc-date": schemas.RocDateIn,
    "working-days": schemas.WorkingDaysIn,
    "basic-wage": getattr(schemas, "BasicWageIn", None),
    "severance": getattr(schemas, "SeveranceIn", None),
    "retirement": getattr(schemas, "RetirementIn", None),
    "overtime": getattr(schemas, "OvertimeIn", None),
    "mass-layoff": schemas.MassLayoffIn,
    "disability-quota": getattr(schemas, "DisabilityQuotaIn", None),
    "unemployment-benefit": getattr(schemas, "UnemploymentIn", None),
}


def required_fields(name: str) -> list[str]:
    fields = INPUT_SCHEMAS[name].model_fields
    return [field for field in VALID[name] if fields[field].is_required()]


RAW_BODIES = [
    ("garbage", "{not json"),
    ("truncated", '{"date": "115'),
    ("empty", ""),
    ("null", "null"),
    ("list", "[1, 2]"),
    ("string", '"hello"'),
    ("number", "42"),
    ("nan", '{"x": NaN}'),
    ("bad_utf8", b'{"x": "\xff\xfe"}'),
    ("deep", "[" * 5000 + "]" * 5000),
    ("huge_int", '{"x": ' + "9" * 5000 + "}"),
]


def test_every_calculator_answers_its_valid_example(api):
    for name in NAMES:
        api.ok(name, VALID[name])


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize(("label", "raw"), RAW_BODIES, ids=[label for label, _ in RAW_BODIES])
def test_malformed_bodies_are_refused_with_the_error_shape(api, name, label, raw):
    detail = api.refused(name, raw=raw)

    assert detail


@pytest.mark.parametrize("name", NAMES)
def test_garbage_json_answers_json_invalid_at_body(api, name):
    assert api.refused(name, raw="{oops") == [
        {
            "loc": ["body"],
            "msg": "JSON 格式錯誤，無法解析。",
            "msg_en": "The body is not valid JSON.",
            "type": "json_invalid",
        }
    ]


@pytest.mark.parametrize("name", NAMES)
def test_each_missing_required_field_is_named(api, name):
    body = VALID[name]
    assert required_fields(name)
    for field in required_fields(name):
        partial = {key: value for key, value in body.items() if key != field}
        detail = api.refused(name, partial)
        item = error_at(detail, field)
        assert (item["type"], item["msg"], item["msg_en"]) == ("missing", "此欄位為必填。", "Field required")


@pytest.mark.parametrize("name", NAMES)
def test_wrong_types_are_refused_on_each_field(api, name):
    for field in VALID[name]:
        detail = api.refused(name, {**VALID[name], field: {"nested": [1, 2]}})
        assert error_at(detail, field)["msg"]


@pytest.mark.parametrize("name", NAMES)
def test_an_unknown_field_is_refused(api, name):
    detail = api.refused(name, {**VALID[name], "surprise": 1})

    assert error_at(detail, "surprise")["type"] == "extra_forbidden"


@pytest.mark.parametrize(
    ("name", "field", "value"),
    [
        ("identifier", "kind", "passport"),
        ("working-days", "period_kind", "lunar"),
        ("severance", "system", "both"),
        ("overtime", "day_type", "sunday"),
        ("disability-quota", "sector", "ngo"),
    ],
)
def test_unknown_enum_values_are_refused(api, name, field, value):
    if name not in adapters.REGISTRY:
        pytest.skip(f"{name} not available")
    detail = api.refused(name, {**VALID[name], field: value})

    item = error_at(detail, field)
    assert (item["type"], item["msg"]) == ("literal_error", "不是可用的選項。")


@pytest.mark.parametrize(
    ("name", "field", "value", "kind"),
    [
        ("severance", "average_monthly_wage", -45000, "greater_than_equal"),
        ("severance", "average_monthly_wage", 0, "greater_than_equal"),
        ("severance", "average_monthly_wage", 10_000_001, "less_than_equal"),
        ("severance", "average_monthly_wage", 10**30, "less_than_equal"),
        ("retirement", "average_monthly_wage", -1, "greater_than_equal"),
        ("overtime", "hours", -2, "greater_than"),
        ("overtime", "hours", 25, "less_than_equal"),
        ("overtime", "monthly_wage", 99_999_999, "less_than_equal"),
        ("working-days", "days", 0, "greater_than_equal"),
        ("disability-quota", "headcount", -1, "greater_than_equal"),
        ("disability-quota", "headcount", 10**7, "less_than_equal"),
        ("working-days", "days", 10**9, "less_than_equal"),
        ("severance", "average_monthly_wage", 45000.5, "int_from_float"),
        ("severance", "average_monthly_wage", "四萬五", "int_parsing"),
        ("overtime", "hours", "1e999", "finite_number"),  # JSON that parses to infinity
    ],
)
def test_negative_and_huge_numbers_are_refused(api, name, field, value, kind):
    if name not in adapters.REGISTRY:
        pytest.skip(f"{name} not available")
    body = json.dumps({**VALID[name], field: "@@"}).replace('"@@"', value if value == "1e999" else json.dumps(value))
    detail = api.refused(name, raw=body)

    assert error_at(detail, field)["type"] == kind


@pytest.mark.parametrize(
    ("name", "body", "field", "message_en"),
    [
        (
            "severance",
            {"start": "2018-03-01", "end": "2016-11-30", "average_monthly_wage": 45000, "system": "new"},
            "end",
            "Employment cannot end before it starts.",
        ),
        (
            "retirement",
            {"start": "2026-08-01", "end": "2026-07-31", "average_monthly_wage": 52000},
            "end",
            "Seniority cannot end before it starts.",
        ),
        (
            "unemployment-benefit",
            {
                "on": "2026-02-01",
                "separation_date": "2026-02-27",
                "birth_date": "1985-05-05",
                "insured_salaries": [45800] * 6,
            },
            "on",
            "The application (job registration) date cannot be before the separation.",
        ),
    ],
)
def test_an_end_before_its_start_is_refused_on_the_end(api, name, body, field, message_en):
    if name not in adapters.REGISTRY:
        pytest.skip(f"{name} not available")
    detail = api.refused(name, body)

    assert error_at(detail, field)["msg_en"] == message_en


@pytest.mark.parametrize(
    ("name", "body", "field"),
    [
        ("basic-wage", {"on": "2012-12-31"}, "on"),
        (
            "severance",
            {"start": "1984-07-31", "end": "2026-11-30", "average_monthly_wage": 45000, "system": "old"},
            "start",
        ),
        (
            "severance",
            {"start": "2005-06-30", "end": "2026-11-30", "average_monthly_wage": 45000, "system": "new"},
            "start",
        ),
        ("retirement", {"start": "1984-07-31", "end": "2026-07-31", "average_monthly_wage": 52000}, "start"),
        (
            "overtime",
            {"work_date": "2016-12-22", "day_type": "rest_day", "hours": 3, "monthly_wage": 36000},
            "work_date",
        ),
        (
            "mass-layoff",
            {"sites": [{"site": "A", "headcount": 50}], "layoffs": [{"day": "2008-05-24", "count": 30, "site": "A"}]},
            "layoffs",
        ),
    ],
)
def test_dates_before_the_law_are_refused_on_their_field(api, name, body, field):
    if name not in adapters.REGISTRY:
        pytest.skip(f"{name} not available")
    detail = api.refused(name, body)

    item = error_at(detail, field)
    assert item["msg"] and item["msg_en"] and item["type"] == "invalid"


@pytest.mark.parametrize("typed", ["2026-02-30", "115/13/01", "yesterday", "", "9" * 100])
def test_impossible_or_garbage_dates_are_refused_on_the_date_field(api, typed):
    detail = api.refused("working-days", {"start": typed, "days": 3})

    item = error_at(detail, "start")
    assert item["msg"] and item["msg_en"]


def test_a_date_given_as_a_number_is_refused_not_read_as_a_timestamp(api):
    detail = api.refused("working-days", {"start": 1764201600, "days": 3})

    assert error_at(detail, "start")["msg_en"] == "A date is text, e.g. 2026-11-27 or 115/11/27."


def test_the_api_is_public_and_needs_no_csrf_token(client, django_user_model):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    user = django_user_model.objects.create_user(username="someone", password="x" * 12)
    strict.force_login(user)

    response = strict.post(
        "/api/v1/calculators/roc-date", data=json.dumps({"date": "115/11/27"}), content_type="application/json"
    )

    assert response.status_code == 200
