"""Fixtures for the API tests: the test-only TST workflow (cases/tests/tst_workflow.py),
staff of two units and a small client that speaks JSON with a bearer token and
checks every answer against the OpenAPI schema."""

import json

import pytest

from laborbureau.api.tests.openapi_check import assert_matches_openapi
from laborbureau.cases.tests import tst_workflow
from laborbureau.core.models import Role
from laborbureau.core.services import api_token_create
from laborbureau.core.tests import factories

tst_workflow.register()
factories.register_test_workflow()  # the core factories' TST type shares the code "TST": both must work

PREFIX = "/api/v1"


class ApiClient:
    """JSON in and out through the whole Django stack (middleware included).

    Every answer is checked against the OpenAPI document for its path, method and
    status: an answer the schema does not describe fails the test."""

    def __init__(self, client, user=None, key: str | None = None):
        self.client = client
        self.user = user
        self.headers = {"Authorization": f"Bearer {key}"} if key else {}

    def _check(self, response, method: str, path: str):
        assert response.status_code != 500, response.content
        if response.headers.get("Content-Type", "").startswith("application/json"):
            assert_matches_openapi(response, method, PREFIX + path)
        return response

    def get(self, path: str, params: dict | None = None, **kwargs):
        response = self.client.get(PREFIX + path, params or {}, headers=self.headers, **kwargs)
        return self._check(response, "get", path)

    def post(self, path: str, body=None, *, raw: str | bytes | None = None, **kwargs):
        data = raw if raw is not None else json.dumps(body if body is not None else {}, ensure_ascii=False)
        response = self.client.post(
            PREFIX + path, data=data, content_type="application/json", headers=self.headers, **kwargs
        )
        return self._check(response, "post", path)


@pytest.fixture
def as_user(client):
    """as_user(user) -> an ApiClient authenticated with a fresh token of `user`."""

    def make(user):
        _, key = api_token_create(user=user, name="test")
        return ApiClient(client, user, key)

    return make


@pytest.fixture
def anonymous(client):
    return ApiClient(client)


@pytest.fixture
def person(db):
    return factories.PersonFactory(name="林美麗")


@pytest.fixture
def employer(db):
    return factories.EmployerFactory(name="信義測試股份有限公司")


@pytest.fixture
def case(officer, person, employer):
    """A TST case of unit LS, opened by the officer, with a complainant and a respondent."""
    return tst_workflow.open_case(officer, person=person, employer=employer, title="積欠工資申訴")


@pytest.fixture
def lr_case(outsider, db):
    """A case of another unit (LR): opened directly, since TST belongs to LS."""
    from laborbureau.cases.models import Case

    case = tst_workflow.open_case(factories.staff(Role.SECTION_CHIEF, "LS"), person=factories.PersonFactory())
    Case.objects.filter(pk=case.pk).update(unit=outsider.unit)
    case.refresh_from_db()
    return case
