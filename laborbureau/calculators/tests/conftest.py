"""A JSON client for the public calculators API that checks every answer against the
published OpenAPI document (api.tests.openapi_check), and helpers for the pages."""

import json

import pytest

from laborbureau.api.tests.openapi_check import assert_matches_openapi

PREFIX = "/api/v1/calculators"


class CalculatorClient:
    def __init__(self, client):
        self.client = client

    def post(self, name: str, body=None, *, raw: str | bytes | None = None):
        data = raw if raw is not None else json.dumps(body if body is not None else {}, ensure_ascii=False)
        response = self.client.post(f"{PREFIX}/{name}", data=data, content_type="application/json")
        assert response.status_code != 500, response.content
        if response.headers.get("Content-Type", "").startswith("application/json"):
            assert_matches_openapi(response, "post", f"{PREFIX}/{name}")
        return response

    def ok(self, name: str, body: dict) -> dict:
        response = self.post(name, body)
        assert response.status_code == 200, response.json()
        return response.json()

    def refused(self, name: str, body=None, *, raw=None) -> list[dict]:
        response = self.post(name, body, raw=raw)
        assert response.status_code == 422, response.content
        detail = response.json()["detail"]
        for item in detail:
            assert set(item) == {"loc", "msg", "msg_en", "type"}
            assert item["msg"] and item["msg_en"]
        return detail


@pytest.fixture
def api(client):
    return CalculatorClient(client)


def error_at(detail: list[dict], field: str) -> dict:
    """The error item at ["body", field] (fails if there is none)."""
    for item in detail:
        if item["loc"] == ["body", field]:
            return item
    raise AssertionError(f"no error at body.{field}: {detail}")


def figures_of(outcome) -> dict:
    """The API's figures for a rules outcome (adapters.Outcome), for comparisons."""
    return outcome.figures
