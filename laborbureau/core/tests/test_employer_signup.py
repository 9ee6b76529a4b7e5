"""Employer self sign-up (core.services.employer_account_create): the good path, each
refusal writing nothing, reuse of a registered employer, the officers' verification
page (purpose first, each contact logged). The portal page and the API: portal/tests."""

from dataclasses import replace

import pytest
from django.contrib.auth import authenticate
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from laborbureau.core import services
from laborbureau.core.errors import ApplicationError, Conflict, Forbidden, Throttled
from laborbureau.core.models import AccessLogEntry, Employer, EmployerSignup, User, UserKind
from laborbureau.core.tests import factories

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-pass-phrase-2026"
# session, user, unit grants, the access check (view and selector), the list, unread notifications
LISTING_QUERIES = 7


def signup(**overrides) -> services.EmployerSignupInput:
    data = services.EmployerSignupInput(
        business_id=factories.business_id(),
        employer_name="信義好食餐飲有限公司",
        employer_address="臺北市信義區松仁路100號",
        contact_name="陳小華",
        contact_email="hr@haoshi.example.tw",
        contact_phone="02-27208889#123",
        username="haoshi_hr",
        password=PASSWORD,
    )
    return replace(data, **overrides)


def counts() -> tuple[int, int, int]:
    return User.objects.count(), Employer.objects.count(), EmployerSignup.objects.count()


# --- the service ---------------------------------------------------------------------


def test_a_new_employer_signs_up_and_is_unverified():
    data = signup()
    user = services.employer_account_create(data=data)
    user.refresh_from_db()
    employer = user.employer
    assert (user.kind, user.username, user.email, user.first_name, user.is_active) == (
        UserKind.EMPLOYER, "haoshi_hr", "hr@haoshi.example.tw", "陳小華", True,
    )
    assert (employer.business_id, employer.name, employer.address, employer.phone) == (
        data.business_id, "信義好食餐飲有限公司", "臺北市信義區松仁路100號", "02-27208889#123",
    )
    record = user.employer_signup
    assert (record.declared_name, record.name_differs, record.contact_phone, record.verified_at) == (
        "信義好食餐飲有限公司", False, "02-27208889#123", None,
    )
    assert services.employer_account_verified(employer) is False
    assert authenticate(username="haoshi_hr", password=PASSWORD) == user


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"business_id": "04595258"}, "business_id"),  # check digit wrong
        ({"business_id": "1234567"}, "business_id"),
        ({"employer_name": "  "}, "employer_name"),
        ({"employer_address": ""}, "employer_address"),
        ({"contact_name": ""}, "contact_name"),
        ({"contact_email": "not-an-address"}, "contact_email"),
        ({"contact_phone": "call me"}, "contact_phone"),
        ({"username": "a b"}, "username"),
        ({"password": "short"}, "password"),
        ({"password": "12345678901234"}, "password"),
        ({"password": "password123"}, "password"),
    ],
)
def test_each_bad_input_is_refused_on_its_field_and_nothing_is_written(overrides, field):
    before = counts()
    with pytest.raises(ApplicationError) as caught:
        services.employer_account_create(data=signup(**overrides))
    assert caught.value.field == field
    assert caught.value.message_zh and caught.value.message_en
    assert counts() == before


def test_a_weak_password_is_refused_in_both_languages():
    with pytest.raises(ApplicationError) as caught:
        services.employer_account_create(data=signup(password="short"))
    assert "10" in caught.value.message_zh and "10" in caught.value.message_en
    assert caught.value.message_zh != caught.value.message_en
    assert counts() == (0, 0, 0)


def test_a_taken_username_is_refused_whatever_its_case():
    factories.citizen(username="HaoShi_HR")
    before = counts()
    with pytest.raises(ApplicationError) as caught:
        services.employer_account_create(data=signup())
    assert caught.value.field == "username"
    assert counts() == before


def test_a_second_self_sign_up_for_a_business_id_with_an_account_is_refused():
    employer = factories.EmployerFactory()
    factories.employer_user(employer)
    before = counts()
    with pytest.raises(Conflict) as caught:
        services.employer_account_create(data=signup(business_id=employer.business_id))
    assert caught.value.field == "business_id"
    assert "現有帳號" in caught.value.message_zh and "existing one" in caught.value.message_en
    assert counts() == before


def test_a_pending_sign_up_also_blocks_a_second_one():
    first = services.employer_account_create(data=signup())
    before = counts()
    with pytest.raises(Conflict):
        services.employer_account_create(data=signup(business_id=first.employer.business_id, username="other_hr"))
    assert counts() == before


def test_a_registered_employer_is_reused_and_its_name_is_kept():
    employer = factories.EmployerFactory(name="信義好食餐飲股份有限公司", address="臺北市信義區市府路1號", phone="")
    before_employers = Employer.objects.count()
    user = services.employer_account_create(data=signup(business_id=employer.business_id))
    employer.refresh_from_db()
    assert user.employer == employer
    assert Employer.objects.count() == before_employers
    assert (employer.name, employer.address, employer.phone) == ("信義好食餐飲股份有限公司", "臺北市信義區市府路1號", "")
    record = user.employer_signup
    assert (record.declared_name, record.declared_address, record.name_differs) == (
        "信義好食餐飲有限公司", "臺北市信義區松仁路100號", True,
    )


def test_the_same_name_typed_differently_is_not_flagged():
    employer = factories.EmployerFactory(name="台北好食 有限公司")
    user = services.employer_account_create(data=signup(business_id=employer.business_id, employer_name="臺北好食有限公司"))
    assert user.employer_signup.name_differs is False


def test_a_merged_record_is_not_used_the_survivor_is():
    survivor = factories.EmployerFactory(business_id=None, name="好食")
    absorbed = factories.EmployerFactory()
    officer = factories.staff("CASE_OFFICER", "LS")
    number = absorbed.business_id
    services.employer_merge(survivor=survivor, absorbed=absorbed, actor=officer, reason="同一事業單位")
    user = services.employer_account_create(data=signup(business_id=number))
    assert user.employer == survivor


def test_a_deactivated_account_frees_the_business_id_for_a_new_sign_up():
    first = services.employer_account_create(data=signup())
    officer = factories.staff("CASE_OFFICER", "ESO")
    services.employer_account_deactivate(signup=first.employer_signup, actor=officer, reason="冒用公司名義")
    second = services.employer_account_create(data=signup(business_id=first.employer.business_id, username="real_hr"))
    assert second.employer == first.employer
    assert services.employer_account_verified(first.employer) is False


def test_sign_ups_from_one_address_are_limited(monkeypatch):
    from laborbureau.core.middleware import RequestContext, current_request

    monkeypatch.setattr(services, "SIGNUP_LIMIT_PER_IP", 2)
    token = current_request.set(RequestContext(ip="203.0.113.9", path="/portal/register/employer/"))
    try:
        for name in ("first_hr", "second_hr"):
            services.employer_account_create(data=signup(username=name))
        before = counts()
        with pytest.raises(Throttled):
            services.employer_account_create(data=signup(username="third_hr"))
        assert counts() == before
    finally:
        current_request.reset(token)
    assert EmployerSignup.objects.filter(ip="203.0.113.9").count() == 2


# --- verification -------------------------------------------------------------------


def test_accounts_verified_helper():
    staff_made = factories.employer_user()
    assert services.employer_account_verified(staff_made.employer) is True  # opened by the department
    assert services.employer_account_verified(factories.EmployerFactory()) is False  # no account at all
    user = services.employer_account_create(data=signup())
    assert services.employer_account_verified(user.employer) is False
    services.employer_account_verify(signup=user.employer_signup, actor=factories.staff("SECTION_CHIEF", "ESO"))
    assert services.employer_account_verified(user.employer) is True


@pytest.mark.parametrize(("role", "unit", "allowed"), [
    ("CASE_OFFICER", "ESO", True),
    ("CASE_OFFICER", "LS", True),
    ("SECTION_CHIEF", "LS", True),
    ("DIRECTOR", "ADM", True),
    ("CASE_OFFICER", "LR", False),
    ("AUDITOR", "ADM", False),
    ("SYSADMIN", "ADM", False),
])
def test_who_may_verify(role, unit, allowed):
    user = services.employer_account_create(data=signup())
    actor = factories.staff(role, unit)
    if allowed:
        services.employer_account_verify(signup=user.employer_signup, actor=actor, note="電話確認")
        record = EmployerSignup.objects.get(user=user)
        assert (record.verified_by, record.decision_note) == (actor, "電話確認")
    else:
        with pytest.raises(Forbidden):
            services.employer_account_verify(signup=user.employer_signup, actor=actor)
        assert EmployerSignup.objects.get(user=user).verified_at is None


def test_deactivating_needs_a_reason_and_stops_sign_in():
    user = services.employer_account_create(data=signup())
    officer = factories.staff("CASE_OFFICER", "LS")
    with pytest.raises(ApplicationError) as caught:
        services.employer_account_deactivate(signup=user.employer_signup, actor=officer, reason=" ")
    assert caught.value.field == "reason"
    assert User.objects.get(pk=user.pk).is_active is True
    services.employer_account_deactivate(signup=user.employer_signup, actor=officer, reason="非該公司人員")
    assert User.objects.get(pk=user.pk).is_active is False
    assert authenticate(username="haoshi_hr", password=PASSWORD) is None
    with pytest.raises(Conflict):
        services.employer_account_verify(signup=user.employer_signup, actor=officer)


# --- the staff page -----------------------------------------------------------------


def accounts_url(purpose="帳號確認", status=None):
    url = reverse("staff_employer_accounts")
    params = {k: v for k, v in (("purpose", purpose), ("status", status)) if v}
    return url + ("?" + "&".join(f"{k}={v}" for k, v in params.items()) if params else "")


def test_the_staff_page_asks_for_a_purpose_then_lists_and_logs_each_contact(client):
    users = [services.employer_account_create(data=signup(username=f"hr_{n}")) for n in range(3)]
    officer = factories.staff("CASE_OFFICER", "ESO")
    client.force_login(officer)
    response = client.get(accounts_url(purpose=None))
    assert response.status_code == 200
    assert "陳小華" not in response.content.decode()
    assert AccessLogEntry.objects.count() == 0

    with CaptureQueriesContext(connection) as queries:
        response = client.get(accounts_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert all(user.username in html for user in users)
    assert "02-27208889#123" in html
    logged = AccessLogEntry.objects.filter(object_type="employer_account").order_by("seq")
    assert [(e.action, e.object_id, e.purpose, e.username) for e in logged] == [
        ("search", str(user.pk), "帳號確認", officer.username) for user in users
    ]
    # One query lists the accounts with their employers; the rest is the log's chain appends.
    listing = [q["sql"] for q in queries.captured_queries
               if not any(word in q["sql"] for word in ("core_chainhead", "core_accesslogentry", "SAVEPOINT"))]
    assert sum("core_employersignup" in sql for sql in listing) == 1
    assert len(listing) == LISTING_QUERIES


def test_an_officer_verifies_and_deactivates_from_the_page(client):
    good = services.employer_account_create(data=signup(username="good_hr"))
    bad = services.employer_account_create(data=signup(username="bad_hr"))
    officer = factories.staff("CASE_OFFICER", "LS")
    client.force_login(officer)
    url = reverse("staff_employer_accounts")
    response = client.post(url, {"signup": good.employer_signup.pk, "action": "verify", "purpose": "帳號確認",
                                 "note": "已電話確認"})
    assert response.status_code == 302
    response = client.post(url, {"signup": bad.employer_signup.pk, "action": "deactivate", "purpose": "帳號確認",
                                 "note": ""})
    assert response.status_code == 302
    assert User.objects.get(pk=bad.pk).is_active is True  # no reason: refused
    response = client.post(url, {"signup": bad.employer_signup.pk, "action": "deactivate", "purpose": "帳號確認",
                                 "note": "冒用"}, follow=True)
    assert "帳號 bad_hr 已停用。" in response.content.decode()
    good_record, bad_record = EmployerSignup.objects.get(user=good), EmployerSignup.objects.get(user=bad)
    assert (good_record.verified_by, good_record.decision_note) == (officer, "已電話確認")
    assert (bad_record.deactivated_by, bad_record.decision_note) == (officer, "冒用")
    assert User.objects.get(pk=bad.pk).is_active is False
    html = client.get(accounts_url(status="verified")).content.decode()
    assert "good_hr" in html and "bad_hr" not in html
    html = client.get(accounts_url()).content.decode()
    assert "good_hr" not in html and "bad_hr" not in html


def test_other_staff_and_portal_users_cannot_open_the_page(client):
    services.employer_account_create(data=signup())
    client.force_login(factories.staff("CASE_OFFICER", "LR"))
    assert client.get(accounts_url()).status_code == 403
    client.force_login(factories.staff("AUDITOR", "ADM"))
    assert client.get(accounts_url()).status_code == 403
    client.force_login(factories.employer_user())
    assert client.get(accounts_url()).status_code == 404
    assert AccessLogEntry.objects.count() == 0
