"""Checks an API answer against the OpenAPI document the API publishes.

A small JSON Schema subset (what ninja emits: $ref, anyOf/allOf, object with
properties and required, array, string with enum, integer, number, boolean, null),
so that the tests need no extra package.
"""

from functools import cache

from laborbureau.api.urls import api


@cache
def openapi() -> dict:
    return api.get_openapi_schema()


def _path_template(method: str, url_path: str) -> tuple[str, dict]:
    """The documented path matching a concrete URL path, and its operation."""
    paths = openapi()["paths"]
    parts = url_path.split("?")[0].rstrip("/").split("/")
    for template, operations in paths.items():
        template_parts = template.rstrip("/").split("/")
        if len(template_parts) != len(parts) or method not in operations:
            continue
        if all(t == p or (t.startswith("{") and t.endswith("}")) for t, p in zip(template_parts, parts, strict=True)):
            return template, operations[method]
    raise AssertionError(f"{method.upper()} {url_path} is not in the OpenAPI document")


def assert_matches_openapi(response, method: str, url_path: str) -> None:
    template, operation = _path_template(method, url_path)
    status = str(response.status_code)
    documented = {str(code): answer for code, answer in operation["responses"].items()}
    assert status in documented, f"{method.upper()} {template} answered {status}, documented: {sorted(documented)}"
    content = documented[status].get("content", {}).get("application/json")
    if content is None:
        return
    problems = list(_problems(response.json(), content["schema"], "$"))
    assert not problems, f"{method.upper()} {template} {status} does not match its schema: {problems[:5]}"


def _resolve(schema: dict) -> dict:
    while "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        schema = openapi()["components"]["schemas"][name]
    return schema


def _problems(value, schema: dict, where: str):
    schema = _resolve(schema)
    if "anyOf" in schema:
        if not any(not list(_problems(value, option, where)) for option in schema["anyOf"]):
            yield f"{where}: {value!r} matches none of anyOf"
        return
    for part in schema.get("allOf", []):
        yield from _problems(value, part, where)
    kind = schema.get("type")
    if kind is None:
        return
    checks = {
        "object": lambda v: isinstance(v, dict),
        "array": lambda v: isinstance(v, list),
        "string": lambda v: isinstance(v, str),
        "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
        "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
        "boolean": lambda v: isinstance(v, bool),
        "null": lambda v: v is None,
    }
    if not checks[kind](value):
        yield f"{where}: {value!r} is not {kind}"
        return
    if "enum" in schema and value not in schema["enum"]:
        yield f"{where}: {value!r} not in {schema['enum']}"
    if kind == "object":
        for name in schema.get("required", []):
            if name not in value:
                yield f"{where}: missing {name}"
        properties = schema.get("properties", {})
        for name, item in value.items():
            if name in properties:
                yield from _problems(item, properties[name], f"{where}.{name}")
    if kind == "array":
        for index, item in enumerate(value):
            yield from _problems(item, schema.get("items", {}), f"{where}[{index}]")
