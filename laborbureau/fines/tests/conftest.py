"""Fixtures for the fines tests: staff of LS (the fining unit), of LR (another unit),
an auditor, an employer with a portal account, and a helper that issues a fine
through the service with sensible defaults (勞動基準法第79條第1項, 2024)."""

from datetime import date

import pytest

from laborbureau.core.models import Role, Unit
from laborbureau.core.tests import factories
from laborbureau.fines import services


@pytest.fixture
def officer(db):
    return factories.staff(Role.CASE_OFFICER, "LS", username="ls_officer")


@pytest.fixture
def auditor(db):
    return factories.staff(Role.AUDITOR, "ADM", username="auditor")


@pytest.fixture
def outsider(db):
    return factories.staff(Role.CASE_OFFICER, "LR", username="lr_officer")


@pytest.fixture
def employer(db):
    return factories.EmployerFactory(name="信義測試有限公司", representative="陳大文")


@pytest.fixture
def employer_account(employer):
    return factories.employer_user(employer)


@pytest.fixture
def ls_unit(db):
    return Unit.objects.get(code="LS")


@pytest.fixture
def issue(officer, employer, ls_unit):
    def _issue(**overrides):
        values = {
            "employer": employer,
            "unit": ls_unit,
            "law_code": "LSA",
            "article": "第79條第1項第1款",
            "violation_date": date(2024, 2, 1),
            "amount": 100_000,
            "decided_on": date(2024, 3, 1),
            "actor": officer,
        }
        values.update(overrides)
        return services.fine_issue(**values)

    return _issue


@pytest.fixture
def login(client):
    def _login(user):
        client.force_login(user)
        return client

    return _login
