"""Every operation the OpenAPI document lists survives odd input: garbage and wrongly
typed bodies, odd query parameters and path parameters that name nothing, sent as
nobody, as a citizen, as an employer and as staff of several units. A 5xx is a bug;
any 4xx (or a success for a read) is an answer. The document is read at run time, so
a new program's endpoints are swept without anyone listing them here."""

import json

import pytest

from laborbureau.api.tests.openapi_check import openapi
from laborbureau.core.models import Role
from laborbureau.core.services import api_token_create
from laborbureau.core.tests import factories

pytestmark = pytest.mark.django_db

PREFIX = "/api/v1"
BODIES = [
    "{not json",
    "[]",
    json.dumps({"name": 5, "text": [], "id_number": {}, "q": None, "page": "x", "date": "2026-02-30",
                "amount": -1, "count": 10**20, "status": "NOPE", "district": "<script>", "workers": "x"}),
    json.dumps({key: "\u0000\ud800" * 3 for key in ("name", "title", "description", "reason", "note", "text")}),
    json.dumps({"title": "x" * 100_000, "description": "會" * 50_000}),
]
QUERIES = [{"page": "-1", "page_size": "100000"}, {"q": "'\"); DROP TABLE x;--" * 20, "sort": "nope"},
           {"month": "2026-13", "district": "99999999", "since": "yesterday", "limit": "1e9"}]
PATH_VALUES = {"integer": "999999", "string": "NO-SUCH-0001"}


def _operations():
    for template, operations in sorted(openapi()["paths"].items()):
        for method, operation in operations.items():
            if method in ("get", "post", "put", "patch", "delete"):
                yield template, method, operation


def _concrete(template: str, operation: dict) -> str:
    path = template
    for parameter in operation.get("parameters", []):
        if parameter.get("in") == "path":
            kind = parameter.get("schema", {}).get("type", "string")
            path = path.replace("{" + parameter["name"] + "}", PATH_VALUES.get(kind, "x"))
    return path


@pytest.fixture
def callers(client):
    def token(user):
        return {"Authorization": f"Bearer {api_token_create(user=user, name='sweep')[1]}"}

    return {
        "anonymous": {},
        "citizen": token(factories.citizen()),
        "employer": token(factories.employer_user()),
        "eso officer": token(factories.staff(Role.CASE_OFFICER, "ESO")),
        "lio chief": token(factories.staff(Role.SECTION_CHIEF, "LIO")),
        "director": token(factories.staff(Role.DIRECTOR, "ADM")),
    }


def test_no_operation_answers_5xx_to_odd_input(client, callers):
    client.raise_request_exception = False  # a crash is collected as its 500, not raised
    failures = []
    for template, method, operation in _operations():
        url = (PREFIX if not template.startswith(PREFIX) else "") + _concrete(template, operation)
        for who, headers in callers.items():
            attempts = []
            if method in ("get", "delete"):
                attempts = [{"data": query} for query in QUERIES] if method == "get" else [{}]
            else:
                attempts = [{"data": body, "content_type": "application/json"} for body in BODIES]
                attempts.append({"data": {"file": "not a file", "name": "x"}})  # multipart
            for attempt in attempts:
                response = getattr(client, method)(url, headers=headers, **attempt)
                if response.status_code >= 500:
                    failures.append((method.upper(), url, who, str(attempt)[:80], response.status_code,
                                     response.content[:200]))
    assert not failures, "\n".join(map(str, failures[:40]))
