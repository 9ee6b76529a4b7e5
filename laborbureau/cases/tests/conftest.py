"""Fixtures for the engine tests: the test-only TST workflow (tst_workflow.py) and
staff of two units."""

import pytest

from laborbureau.cases.tests import tst_workflow
from laborbureau.core.tests import factories

tst_workflow.register()


@pytest.fixture
def person(db):
    return factories.PersonFactory()


@pytest.fixture
def employer(db):
    return factories.EmployerFactory()


@pytest.fixture
def frozen_today(monkeypatch):
    """Pin "today" (timezone.localdate() without argument) to a date of our choosing."""
    from django.utils import timezone

    real_localdate = timezone.localdate

    def pin(day):
        def localdate(value=None, timezone=None):
            return day if value is None else real_localdate(value, timezone)

        monkeypatch.setattr("django.utils.timezone.localdate", localdate)
        return day

    return pin
