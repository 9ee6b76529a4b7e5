"""The accidents API and the open data: report by token, 422 at the field, 404 for
another employer, the field steps, no-login open data with filters, query counts."""

import pytest
from django.test import Client

from laborbureau.core.services import api_token_create
from laborbureau.core.tests.factories import employer_user
from laborbureau.inspection.accidents import services
from laborbureau.inspection.accidents.models import Accident
from laborbureau.inspection.accidents.tests.conftest import report

pytestmark = pytest.mark.django_db


def api(user) -> Client:
    _, key = api_token_create(user=user, name="test")
    return Client(HTTP_AUTHORIZATION=f"Bearer {key}")


def body(**overrides):
    data = {"occurred_at": "2026-01-05T09:00:00+08:00", "accident_type": "FALL", "description": "墜落。", "deaths": 1,
            "lat": 25.033, "lon": 121.5654}
    data.update(overrides)
    return data


def test_report_by_token_flags_late_and_others_get_404(team):
    client = api(team["company"])
    answer = client.post("/api/v1/accidents", body(), content_type="application/json")
    assert answer.status_code == 201, answer.content
    data = answer.json()
    assert data["reportable"] and data["late"] and data["clauses"] == [1] and data["district"] == "110"
    assert api(employer_user()).get(f"/api/v1/accidents/{data['number']}").status_code == 404
    assert api(team["chief"]).get(f"/api/v1/accidents/{data['number']}").status_code == 200


def test_bad_input_is_422_at_its_field_and_nothing_written(team):
    client = api(team["company"])
    answer = client.post("/api/v1/accidents", body(lat=24.0, lon=120.0), content_type="application/json")
    assert answer.status_code == 422 and answer.json()["detail"][0]["loc"] == ["body", "lat"]
    answer = client.post("/api/v1/accidents", body(photos=[{"name": "a.jpg", "content_base64": "bm90IGFuIGltYWdl"}]),
                         content_type="application/json")
    assert answer.status_code == 422 and answer.json()["detail"][0]["loc"] == ["body", "photos"]
    assert not Accident.objects.exists()


def test_field_steps_through_the_api(team):
    number = services.accident_report(data=report(), actor=team["company"]).case.number
    refused = api(team["officer"]).post(f"/api/v1/accidents/{number}/acknowledge", {}, content_type="application/json")
    assert refused.status_code == 400 and "duty supervisor" in refused.json()["detail"][0]["msg_en"]  # not on duty as supervisor
    supervisor = api(team["supervisor"])
    assert supervisor.post(f"/api/v1/accidents/{number}/dispatch", {"inspector_id": team["inspector"].pk},
                           content_type="application/json").status_code == 200
    inspector = api(team["inspector"])
    assert inspector.post(f"/api/v1/accidents/{number}/arrive", {}, content_type="application/json").status_code == 200
    answer = inspector.post(f"/api/v1/accidents/{number}/findings", {"findings": "未設護欄。"},
                            content_type="application/json")
    assert answer.status_code == 200 and answer.json()["status"] == "FINDINGS" and answer.json()["arrived_at"]


def test_list_query_count_does_not_grow(team, django_assert_max_num_queries):
    client = api(team["chief"])
    services.accident_report(data=report(), actor=team["company"])
    with django_assert_max_num_queries(12) as captured:
        client.get("/api/v1/accidents")
    first = len(captured)
    for _ in range(4):
        services.accident_report(data=report(), actor=team["company"])
    with django_assert_max_num_queries(first):
        assert client.get("/api/v1/accidents").json()["count"] == 5


def test_open_data_needs_no_login_and_has_no_personal_data(team):
    for _ in range(3):
        services.accident_report(data=report(victims=[services.VictimInput(name="王小明")]), actor=team["company"])
    services.accident_report(data=report(lat=25.0478, lon=121.5170, deaths=0, injured=3), actor=team["company"])
    client = Client()
    geojson = client.get("/api/v1/open-data/accidents.geojson")
    assert geojson.status_code == 200
    features = geojson.json()["features"]
    assert len(features) == 4 and "王小明" not in geojson.content.decode()
    assert {f["properties"]["location"] for f in features} == {"grid_200m", "district_centroid"}
    assert set(features[0]["properties"]) == {"month", "district", "district_name", "industry", "type", "severity",
                                              "deaths", "injured", "location"}
    csv = client.get("/api/v1/open-data/accidents.csv?severity=FATAL").content.decode("utf-8-sig").splitlines()
    assert csv[0].startswith("month,district") and len(csv) == 4
    data = client.get("/api/v1/open-data/accidents/map?district=110").json()
    assert data["total"] == 3 and data["points"][0]["count"] == 3
    bad = client.get("/api/v1/open-data/accidents/map?month_from=2026-13")
    assert bad.status_code == 422 and bad.json()["detail"][0]["loc"] == ["query", "month_from"]


def test_map_figures_come_from_one_grouped_query_whatever_the_rows(team, django_assert_num_queries):
    """selectors.map_data: the districts and one aggregation (the covering index), the
    per-district totals the sums of their cells, each filter applied in SQL."""
    from laborbureau.inspection.accidents import selectors

    for _ in range(3):
        services.accident_report(data=report(), actor=team["company"])  # one cell in 信義區 (110)
    services.accident_report(data=report(lat=25.0478, lon=121.5170, deaths=0, injured=3), actor=team["company"])
    with django_assert_num_queries(2):
        data = selectors.map_data(selectors.MapFilters())
    counts = {d["zip3"]: d["count"] for d in data.districts if d["count"]}
    assert counts == {"110": 3, "100": 1} and data.total == 4
    assert sorted((p["district"], p["count"], p["at_centroid"]) for p in data.points) == [
        ("100", 1, True), ("110", 3, False)]
    for _ in range(5):
        services.accident_report(data=report(lat=25.0478, lon=121.5170), actor=team["company"])
    with django_assert_num_queries(2):
        selectors.map_data(selectors.MapFilters())
    assert selectors.map_data(selectors.MapFilters(district="100")).total == 6
    assert selectors.map_data(selectors.MapFilters(district="100", severity="FATAL")).total == 5
    assert selectors.map_data(selectors.MapFilters(accident_type="TRAFFIC")).total == 0
