"""Authentication: bearer tokens, the browser session (with CSRF), and create_token."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client

from laborbureau.api.tests.conftest import ApiClient
from laborbureau.core.models import ApiToken
from laborbureau.core.services import api_token_authenticate, api_token_create, api_token_revoke

pytestmark = pytest.mark.django_db

ENDPOINTS = ["/cases", "/persons?name=王小", "/employers", "/cases/115-TST-000001", "/persons/1", "/employers/1"]


@pytest.mark.parametrize("path", ENDPOINTS)
def test_no_credentials_answer_401_with_the_error_shape(anonymous, path):
    response = anonymous.get(path)

    assert response.status_code == 401
    assert response.json() == {
        "detail": [
            {
                "loc": [],
                "msg": "請先登入或提供有效的權杖。",
                "msg_en": "Sign in or send a valid bearer token.",
                "type": "unauthorized",
            }
        ]
    }


def test_writes_without_credentials_answer_401_and_write_nothing(anonymous, case):
    response = anonymous.post(f"/cases/{case.number}/transitions", {"name": "start", "data": {"note": "x"}})

    assert response.status_code == 401
    case.refresh_from_db()
    assert case.status == "NEW"


def test_a_token_authenticates_and_records_its_use(client, officer, case):
    token, key = api_token_create(user=officer, name="整合系統")

    response = ApiClient(client, officer, key).get("/cases")

    assert response.status_code == 200
    assert [item["number"] for item in response.json()["items"]] == [case.number]
    token.refresh_from_db()
    assert token.last_used_at is not None


@pytest.mark.parametrize("header", ["Bearer lb_wrong", "Bearer ", "bearer " + "x" * 5000, "Bearer \x00"])
def test_a_wrong_token_answers_401_even_with_a_session(client, officer, header):
    client.force_login(officer)

    response = client.get("/api/v1/cases", headers={"Authorization": header})

    assert response.status_code == 401


def test_a_revoked_token_answers_401(client, officer):
    token, key = api_token_create(user=officer, name="old")
    api_token_revoke(token=token, actor=officer)

    assert ApiClient(client, officer, key).get("/cases").status_code == 401


def test_a_token_of_a_deactivated_user_answers_401(client, officer):
    _, key = api_token_create(user=officer, name="x")
    officer.is_active = False
    officer.save()

    assert ApiClient(client, officer, key).get("/cases").status_code == 401


def test_a_browser_session_reads(client, officer, case):
    client.force_login(officer)

    response = ApiClient(client).get(f"/cases/{case.number}")

    assert response.status_code == 200


def test_a_session_write_needs_the_csrf_token(officer, case):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(officer)
    browser.get("/api/v1/cases")  # any page: the CSRF cookie is set on first use by the pages

    refused = ApiClient(browser).post(f"/cases/{case.number}/notes", {"text": "紀錄"})

    assert refused.status_code == 403
    assert refused.json()["detail"][0]["type"] == "csrf_failed"
    assert case.timeline.count() == 1

    from django.middleware.csrf import _get_new_csrf_string

    secret = _get_new_csrf_string()
    browser.cookies["csrftoken"] = secret
    accepted = ApiClient(browser).post(f"/cases/{case.number}/notes", {"text": "紀錄"}, HTTP_X_CSRFTOKEN=secret)

    assert accepted.status_code == 201


def test_create_token_prints_a_working_key(officer):
    out, err = StringIO(), StringIO()

    call_command("create_token", officer.username, "--name", "排程系統", stdout=out, stderr=err)

    key = out.getvalue().strip()
    assert key.startswith("lb_")
    assert api_token_authenticate(key) == officer
    token = ApiToken.objects.get(user=officer)
    assert (token.name, token.prefix) == ("排程系統", key[:8])
    assert key not in err.getvalue()


def test_create_token_names_the_token_by_default(officer):
    call_command("create_token", officer.username, stdout=StringIO(), stderr=StringIO())

    assert ApiToken.objects.get(user=officer).name.startswith("cli ")


@pytest.mark.parametrize("username", ["nobody", ""])
def test_create_token_refuses_an_unknown_user(username):
    with pytest.raises(CommandError):
        call_command("create_token", username, stdout=StringIO(), stderr=StringIO())
    assert ApiToken.objects.count() == 0


def test_create_token_refuses_an_inactive_user(officer):
    officer.is_active = False
    officer.save()

    with pytest.raises(CommandError):
        call_command("create_token", officer.username, stdout=StringIO(), stderr=StringIO())
    assert ApiToken.objects.count() == 0
