"""/api/v1/documents: public verification and metadata for readers."""

import pytest

from laborbureau.core.models import Role
from laborbureau.core.tests.factories import PersonFactory, citizen, staff
from laborbureau.documents.codes import code_new
from laborbureau.documents.services import document_revoke
from laborbureau.documents.tests.factories import issue, make_case

pytestmark = pytest.mark.django_db

URL = "/api/v1/documents"


@pytest.fixture
def officer():
    return staff(Role.CASE_OFFICER, "LS")


@pytest.fixture
def person():
    return PersonFactory(name="林大同")


@pytest.fixture
def document(officer, person):
    return issue(actor=officer, case=make_case(person=person))


def test_verify_is_public_and_returns_no_personal_data(client, document, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        response = client.get(f"{URL}/verify/{document.code.lower()}")
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"code", "status", "kind", "title", "issued_at", "case_number", "sha256", "revoked_at"}
    assert (body["code"], body["status"], body["kind"], body["title"], body["case_number"], body["sha256"]) == (
        document.display_code,
        "authentic",
        "decision",
        "違反勞動基準法處分書",
        document.case.number,
        document.sha256,
    )
    assert "林大同" not in response.content.decode()


def test_verify_a_revoked_document(client, officer, document):
    document_revoke(document=document, actor=officer, reason="誤繕")
    body = client.get(f"{URL}/verify/{document.code}").json()
    assert body["status"] == "revoked"
    assert body["revoked_at"] is not None


@pytest.mark.parametrize("code", ["unknown", "x" * 300])
def test_verify_an_unknown_code_is_404(client, document, code):
    response = client.get(f"{URL}/verify/{code_new() if code == 'unknown' else code}")
    assert response.status_code == 404
    assert response.json()["detail"][0]["type"] == "not_found"


def test_metadata_for_a_reader(client, officer, document):
    client.force_login(officer)
    response = client.get(f"{URL}/{document.display_code}")
    assert response.status_code == 200
    body = response.json()
    assert (body["status"], body["size"], body["issued_by"], body["download_url"], body["revoke_reason"]) == (
        "authentic",
        document.size,
        officer.label,
        f"/documents/{document.display_code}/pdf",
        "",
    )


def test_metadata_for_a_party(client, person, document):
    client.force_login(citizen(person))
    assert client.get(f"{URL}/{document.code}").status_code == 200


def test_metadata_is_404_for_others_and_401_for_anonymous(client, document):
    assert client.get(f"{URL}/{document.code}").status_code == 401
    client.force_login(staff(Role.CASE_OFFICER, "LR"))
    assert client.get(f"{URL}/{document.code}").status_code == 404
    client.force_login(citizen())
    assert client.get(f"{URL}/{document.code}").status_code == 404


def test_the_routes_are_in_the_openapi_schema(client):
    paths = client.get("/api/openapi.json").json()["paths"]
    assert "/api/v1/documents/verify/{code}" in paths
    assert paths["/api/v1/documents/verify/{code}"]["get"].get("security") in (None, [])
    assert "/api/v1/documents/{code}" in paths
    assert "/api/v1/notifications" in paths
