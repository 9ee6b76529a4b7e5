"""The OpenAPI document lists one public POST operation per calculator, each with its
own input and output schema whose every field is described and has an example."""

import json

import pytest

from laborbureau.api.tests.openapi_check import openapi
from laborbureau.calculators import adapters

pytestmark = pytest.mark.django_db

ALL = [
    "identifier",
    "roc-date",
    "working-days",
    "basic-wage",
    "severance",
    "retirement",
    "overtime",
    "mass-layoff",
    "disability-quota",
    "unemployment-benefit",
]


#: Optional fields of which a request needs one (overtime: a wage; working-days: days or end).
EXAMPLE_ALSO = {"overtime": ["monthly_wage"], "working-days": ["days"]}


def _resolve(schema: dict) -> dict:
    while "$ref" in schema:
        schema = openapi()["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def _fields(schema: dict, where: str):
    """Every property of an object schema and of the objects nested in it."""
    schema = _resolve(schema)
    for name, prop in schema.get("properties", {}).items():
        yield f"{where}.{name}", prop
        target = _resolve(prop)
        for option in target.get("anyOf", []):
            if "$ref" in option:
                yield from _fields(option, f"{where}.{name}")
        if target.get("type") == "array" and "$ref" in target.get("items", {}):
            yield from _fields(target["items"], f"{where}.{name}[]")
        if "$ref" in prop:
            yield from _fields(prop, f"{where}.{name}")


def _is_object_or_list_of_objects(prop: dict) -> bool:
    """Nested objects (figures, basis) and lists of them (steps, schedule) are documented
    by the examples of their own fields, which the walk checks too."""
    if "$ref" in prop or any("$ref" in option for option in prop.get("anyOf", [])):
        return True
    return prop.get("type") == "array" and "$ref" in prop.get("items", {})


def test_every_calculator_is_registered_and_documented():
    paths = openapi()["paths"]

    assert sorted(adapters.REGISTRY) == sorted(ALL)
    for name in ALL:
        assert list(paths[f"/api/v1/calculators/{name}"]) == ["post"], name


@pytest.mark.parametrize("name", ALL)
def test_each_operation_is_public_with_its_own_schemas(name):
    operation = openapi()["paths"][f"/api/v1/calculators/{name}"]["post"]

    assert "security" not in operation  # auth=None: no token, no session
    assert operation["tags"] == ["calculators 試算"]
    assert operation["summary"] and operation["description"]
    request = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
    answer = operation["responses"][200]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
    assert request.endswith("In") and answer.endswith("Out")
    assert {"200", "413", "422"} <= {str(code) for code in operation["responses"]}
    assert operation["responses"][422]["content"]["application/json"]["schema"]["$ref"].endswith("/ErrorOut")


def test_the_operations_do_not_share_input_schemas():
    bodies = [
        openapi()["paths"][f"/api/v1/calculators/{name}"]["post"]["requestBody"]["content"]["application/json"][
            "schema"
        ]["$ref"]
        for name in ALL
    ]

    assert len(set(bodies)) == len(ALL)


@pytest.mark.parametrize("name", ALL)
def test_every_input_and_output_field_has_a_description_and_an_example(name):
    operation = openapi()["paths"][f"/api/v1/calculators/{name}"]["post"]
    request = operation["requestBody"]["content"]["application/json"]["schema"]
    answer = operation["responses"][200]["content"]["application/json"]["schema"]

    missing = []
    for where, prop in [*_fields(request, "in"), *_fields(answer, "out")]:
        if not prop.get("description"):
            missing.append(f"{where}: description")
        if "examples" not in prop and not _is_object_or_list_of_objects(prop):
            missing.append(f"{where}: example")
    assert missing == []


@pytest.mark.parametrize("name", ALL)
def test_the_input_examples_make_a_valid_request(client, name):
    """The examples in the schema, put together, are a request the calculator answers."""
    operation = openapi()["paths"][f"/api/v1/calculators/{name}"]["post"]
    schema = _resolve(operation["requestBody"]["content"]["application/json"]["schema"])
    wanted = set(schema["required"]) | set(EXAMPLE_ALSO.get(name, ()))
    body = {field: prop["examples"][0] for field, prop in schema["properties"].items() if field in wanted}

    response = client.post(f"/api/v1/calculators/{name}", data=json.dumps(body), content_type="application/json")

    assert response.status_code == 200, response.json()


def test_the_docs_page_lists_the_calculators(client):
    response = client.get("/api/openapi.json")

    assert response.status_code == 200
    assert {f"/api/v1/calculators/{name}" for name in ALL} <= set(json.loads(response.content)["paths"])
