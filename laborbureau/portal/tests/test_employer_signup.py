"""Employer sign-up through the portal page (/portal/register/employer/) and the public
API (POST /api/v1/employer-accounts). The rules themselves: core/tests/test_employer_signup.py."""

import json

import pytest
from django.urls import reverse

from laborbureau.api.tests.openapi_check import assert_matches_openapi
from laborbureau.core.models import Employer, EmployerSignup, User, UserKind
from laborbureau.core.tests import factories

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-pass-phrase-2026"
API = "/api/v1/employer-accounts"


def counts() -> tuple[int, int, int]:
    return User.objects.count(), Employer.objects.count(), EmployerSignup.objects.count()


def form_data(**overrides):
    data = {
        "business_id": factories.business_id(),
        "employer_name": "信義好食餐飲有限公司",
        "employer_address": "臺北市信義區松仁路100號",
        "contact_name": "陳小華",
        "contact_email": "hr@haoshi.example.tw",
        "contact_phone": "02-27208889",
        "username": "haoshi_hr",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    data.update(overrides)
    return data


# --- the page ------------------------------------------------------------------------


def test_the_register_and_login_pages_link_to_the_employer_sign_up(client):
    target = reverse("portal_register_employer")
    assert f'href="{target}"' in client.get(reverse("portal_register")).content.decode()
    assert f'href="{target}"' in client.get(reverse("login")).content.decode()
    response = client.get(target)
    assert response.status_code == 200
    assert "事業單位註冊" in response.content.decode()


def test_signing_up_creates_the_account_signs_in_and_goes_to_the_job_bank(client):
    data = form_data()
    response = client.post(reverse("portal_register_employer"), data)
    assert response.status_code == 302
    assert response.url == reverse("employment_employer_vacancies")
    user = User.objects.get(username="haoshi_hr")
    assert (user.kind, user.employer.business_id, user.employer_signup.verified_at) == (
        UserKind.EMPLOYER, data["business_id"], None,
    )
    assert int(client.session["_auth_user_id"]) == user.pk
    assert client.get(response.url).status_code == 200


def test_the_page_in_english(client):
    client.cookies["django_language"] = "en"
    response = client.post(reverse("portal_register_employer"), form_data(business_id="04595258"))
    assert response.status_code == 422
    assert "check digit" in str(response.context["form"].errors["business_id"])


@pytest.mark.parametrize(("overrides", "field"), [
    ({"business_id": "04595258"}, "business_id"),
    ({"password1": "short", "password2": "short"}, "password1"),
    ({"password2": "something-else-2026"}, "password2"),
    ({"contact_phone": "call me"}, "contact_phone"),
])
def test_a_refusal_is_shown_on_its_field_and_nothing_is_written(client, overrides, field):
    response = client.post(reverse("portal_register_employer"), form_data(**overrides))
    assert response.status_code == 422
    assert list(response.context["form"].errors) == [field]
    assert counts() == (0, 0, 0)
    assert "_auth_user_id" not in client.session


def test_a_taken_username_is_refused_on_its_field(client):
    factories.citizen(username="haoshi_hr")
    before = counts()
    response = client.post(reverse("portal_register_employer"), form_data())
    assert response.status_code == 422
    assert list(response.context["form"].errors) == ["username"]
    assert counts() == before


def test_a_business_id_with_an_account_answers_409_and_says_whom_to_ask(client):
    employer = factories.EmployerFactory()
    factories.employer_user(employer)
    before = counts()
    response = client.post(reverse("portal_register_employer"), form_data(business_id=employer.business_id))
    assert response.status_code == 409
    assert "現有帳號" in str(response.context["form"].errors["business_id"])
    assert counts() == before


def test_a_signed_in_user_is_sent_home(client):
    client.force_login(factories.citizen())
    response = client.get(reverse("portal_register_employer"))
    assert (response.status_code, response.url) == (302, reverse("portal_home"))


# --- the API -------------------------------------------------------------------------


def api_post(client, body):
    response = client.post(API, data=json.dumps(body, ensure_ascii=False), content_type="application/json")
    assert_matches_openapi(response, "post", API)
    return response


def api_body(**overrides):
    body = form_data()
    body["password"] = body.pop("password1")
    del body["password2"]
    body.update(overrides)
    return body


def test_the_api_creates_an_account_without_authentication(client):
    body = api_body()
    response = api_post(client, body)
    assert response.status_code == 201
    user = User.objects.get(username="haoshi_hr")
    assert response.json() == {
        "id": user.pk, "username": "haoshi_hr", "employer_id": user.employer_id, "business_id": body["business_id"],
        "employer_name": "信義好食餐飲有限公司", "verified": False,
    }
    assert "_auth_user_id" not in client.session  # the API does not sign in


@pytest.mark.parametrize(("overrides", "loc"), [
    ({"business_id": "04595258"}, ["body", "business_id"]),
    ({"password": "short"}, ["body", "password"]),
    ({"contact_email": "x"}, ["body", "contact_email"]),
    ({"username": ""}, ["body", "username"]),
])
def test_the_api_answers_422_at_the_field(client, overrides, loc):
    response = api_post(client, api_body(**overrides))
    assert response.status_code == 422
    assert [item["loc"] for item in response.json()["detail"]] == [loc]
    assert counts() == (0, 0, 0)


def test_the_api_answers_422_for_a_missing_field(client):
    body = api_body()
    del body["contact_phone"]
    response = api_post(client, body)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "contact_phone"]


def test_the_api_answers_409_when_the_business_id_has_an_account(client):
    employer = factories.EmployerFactory()
    factories.employer_user(employer)
    before = counts()
    response = api_post(client, api_body(business_id=employer.business_id))
    assert response.status_code == 409
    assert response.json()["detail"][0]["loc"] == ["body", "business_id"]
    assert response.json()["detail"][0]["type"] == "conflict"
    assert counts() == before
