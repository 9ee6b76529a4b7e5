"""Fixtures for the staff workspace tests. The TST workflow (unit LS) comes from the
core factories, so that nothing here depends on a program."""

import pytest

from laborbureau.core.tests import factories

factories.register_test_workflow()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def person(db):
    return factories.PersonFactory(name="林美麗")


@pytest.fixture
def employer(db):
    return factories.EmployerFactory(name="信義測試有限公司")


@pytest.fixture
def case(db, officer, person, employer):
    return factories.open_test_case(actor=officer, assignee=officer, person=person, employer=employer)


@pytest.fixture
def login(client):
    def _login(user):
        client.force_login(user)
        return client

    return _login
