"""Certificate validity of dangerous machinery (rules.hazardous_machinery), exact on
examples and with hypothesis properties."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from laborbureau.rules import hazardous_machinery as hm
from laborbureau.rules.base import RuleError


def test_a_mobile_crane_certificate_runs_two_years():
    cert = hm.certificate("MOBILE_CRANE", date(2026, 3, 15))
    assert cert.valid_until == date(2028, 3, 14)
    assert cert.apply_by == date(2028, 2, 14)
    assert cert.basis.cite().startswith("危險性機械及設備安全檢查規則第28條第1項")


def test_a_gondola_for_at_most_one_year_and_month_ends_clamp():
    assert hm.certificate("GONDOLA", date(2024, 2, 29)).valid_until == date(2025, 2, 27)
    with pytest.raises(RuleError) as error:
        hm.certificate("GONDOLA", date(2026, 1, 1), months=13)
    assert error.value.field == "months"


def test_unknown_kind_is_refused():
    with pytest.raises(RuleError):
        hm.certificate("BOILER", date(2026, 1, 1))


@given(st.sampled_from(sorted(hm.KINDS)), st.dates(date(2015, 1, 1), date(2035, 12, 31)), st.data())
def test_validity_is_within_the_maximum_and_the_application_falls_before_expiry(kind, day, data):
    months = data.draw(st.integers(1, hm.KINDS[kind].max_months))
    cert = hm.certificate(kind, day, months)
    assert day < cert.valid_until < hm._add_months(day, hm.KINDS[kind].max_months)
    assert cert.apply_by < cert.valid_until
    assert (cert.valid_until - cert.apply_by).days in range(27, 32)
