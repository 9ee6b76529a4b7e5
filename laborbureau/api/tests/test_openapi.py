"""The published OpenAPI document: it loads, and it documents the error answers."""

import json

import pytest

from laborbureau.api.tests.openapi_check import openapi

pytestmark = pytest.mark.django_db

OURS = ("/api/v1/persons", "/api/v1/employers", "/api/v1/cases")


def _operations():
    for path, operations in openapi()["paths"].items():
        for method, operation in operations.items():
            yield path, method, operation


def test_the_schema_is_served_as_json_and_the_docs_page_loads(client):
    response = client.get("/api/openapi.json")

    assert response.status_code == 200
    document = json.loads(response.content)
    assert document["openapi"].startswith("3.")
    assert document["info"]["version"] == "1"
    assert {"/api/v1/persons", "/api/v1/employers", "/api/v1/cases", "/api/v1/cases/{number}/transitions"} <= set(
        document["paths"]
    )
    assert client.get("/api/docs").status_code == 200


def test_every_operation_documents_401_and_its_error_answers():
    for path, method, operation in _operations():
        codes = {str(code) for code in operation["responses"]}
        where = f"{method.upper()} {path}"
        if operation.get("security"):  # public endpoints (no security) need no 401
            assert "401" in codes, where
        if not path.startswith(OURS):
            continue
        if "{" in path:
            assert "404" in codes, where
        if operation.get("parameters") or operation.get("requestBody"):
            assert "422" in codes, where
        if method == "post":
            assert "403" in codes, where


def test_error_answers_share_one_schema():
    for path, method, operation in _operations():
        if not path.startswith(OURS):
            continue
        for code, answer in operation["responses"].items():
            if str(code).startswith("4"):
                reference = answer["content"]["application/json"]["schema"]["$ref"]
                assert reference.endswith("/ErrorOut"), f"{method.upper()} {path} {code}"


def test_our_schemas_describe_their_fields():
    schemas = openapi()["components"]["schemas"]
    for name in ("PersonIn", "EmployerIn", "CaseTransitionIn", "HeadcountIn", "CaseNoteIn", "CaseAssignmentIn"):
        for field, spec in schemas[name]["properties"].items():
            assert spec.get("description"), f"{name}.{field} has no description"
            assert spec.get("examples") or spec.get("default") is not None or "anyOf" in spec, f"{name}.{field}"
