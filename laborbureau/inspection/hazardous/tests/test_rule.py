"""The 丁類 thresholds (rules.hazardous_workplaces): exact at each boundary, and hypothesis
properties (monotone: growing a project never un-meets a criterion)."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from laborbureau.rules import hazardous_workplaces as hw
from laborbureau.rules.base import RuleError

ON = date(2026, 6, 1)


def codes(**measures):
    return [c.code for c in hw.assess(hw.ProjectMeasures(**measures), ON).criteria]


@pytest.mark.parametrize(("measures", "expected"), [
    ({"building_height_m": Decimal(80)}, ["BUILDING"]),
    ({"building_height_m": Decimal("79.99")}, []),
    ({"bridge_span_m": Decimal(75)}, ["BRIDGE"]),
    ({"bridge_span_m": Decimal("74.9")}, []),
    ({"bridge_span_m": Decimal(50), "bridge_multi_span": True}, ["BRIDGE"]),
    ({"bridge_span_m": Decimal("49.99"), "bridge_multi_span": True}, []),
    ({"compressed_air": True}, ["COMPRESSED_AIR"]),
    ({"tunnel_length_m": Decimal(1000)}, ["TUNNEL"]),
    ({"tunnel_length_m": Decimal(999)}, []),
    ({"shaft_depth_m": Decimal(15)}, ["TUNNEL"]),
    ({"excavation_depth_m": Decimal(18), "excavation_area_m2": Decimal(500)}, ["EXCAVATION"]),
    ({"excavation_depth_m": Decimal(18), "excavation_area_m2": Decimal(499)}, []),
    ({"excavation_depth_m": Decimal(17), "excavation_area_m2": Decimal(5000)}, []),
    ({"formwork_height_m": Decimal(7), "formwork_area_m2": Decimal(330)}, ["FORMWORK"]),
    ({"formwork_height_m": Decimal(7), "formwork_area_m2": Decimal(329)}, []),
    ({"building_height_m": Decimal(120), "compressed_air": True}, ["BUILDING", "COMPRESSED_AIR"]),
])
def test_each_threshold_of_article_2_item_4(measures, expected):
    assert codes(**measures) == expected


def test_the_basis_is_cited_and_the_date_checked():
    result = hw.assess(hw.ProjectMeasures(building_height_m=Decimal(90)), ON)
    assert result.meets and result.basis.cite().startswith("危險性工作場所審查及檢查辦法第2條第4款")
    assert result.as_json() == [{"code": "BUILDING", "item": 1, "zh": "建築物高度在80公尺以上之建築工程",
                                 "en": "Building 80 m or taller"}]
    with pytest.raises(RuleError) as error:
        hw.assess(hw.ProjectMeasures(), date(2017, 11, 30))
    assert error.value.field == "on"
    with pytest.raises(RuleError) as error:
        hw.assess(hw.ProjectMeasures(building_height_m=Decimal(-1)), ON)
    assert error.value.field == "building_height_m"


def test_apply_thirty_days_before_work():
    assert hw.apply_by(date(2026, 3, 31)) == date(2026, 3, 1)


SIZE = st.decimals(min_value=0, max_value=5000, places=2, allow_nan=False, allow_infinity=False)
MEASURES = st.builds(hw.ProjectMeasures, building_height_m=SIZE, bridge_span_m=SIZE, bridge_multi_span=st.booleans(),
                     compressed_air=st.booleans(), tunnel_length_m=SIZE, shaft_depth_m=SIZE,
                     excavation_depth_m=SIZE, excavation_area_m2=SIZE, formwork_height_m=SIZE, formwork_area_m2=SIZE)


@given(MEASURES, st.decimals(min_value=0, max_value=100, places=2))
def test_growing_a_project_never_drops_a_criterion(measures, extra):
    bigger = hw.ProjectMeasures(**{
        name: (getattr(measures, name) + extra if isinstance(getattr(measures, name), Decimal) else getattr(measures, name))
        for name in hw.ProjectMeasures.__slots__})
    assert set(codes(**{n: getattr(measures, n) for n in hw.ProjectMeasures.__slots__})) <= set(
        c.code for c in hw.assess(bigger, ON).criteria)


@given(MEASURES)
def test_meets_iff_some_criterion_and_matches_the_thresholds(measures):
    result = hw.assess(measures, ON)
    assert result.meets == bool(result.criteria)
    assert ("BUILDING" in [c.code for c in result.criteria]) == (measures.building_height_m >= 80)
    assert ("EXCAVATION" in [c.code for c in result.criteria]) == (
        measures.excavation_depth_m >= 18 and measures.excavation_area_m2 >= 500)
    limit = 50 if measures.bridge_multi_span else 75
    assert ("BRIDGE" in [c.code for c in result.criteria]) == (measures.bridge_span_m >= limit)


@given(st.dates(min_value=date(2018, 1, 1), max_value=date(2100, 1, 1)))
def test_apply_by_is_thirty_days_earlier(day):
    assert (day - hw.apply_by(day)).days == 30
