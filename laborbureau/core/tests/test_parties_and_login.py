"""Parties (one record per real person or employer, merges that keep history), login
throttling, settings that refuse bad values."""

from datetime import date

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse

from laborbureau.core import services
from laborbureau.core.errors import ApplicationError, Forbidden
from laborbureau.core.models import Employer, LoginAttempt, PartyMerge, Person, Role
from laborbureau.core.services import EmployerInput, PersonInput
from laborbureau.core.tests.factories import (
    EmployerFactory,
    EstablishmentFactory,
    PersonFactory,
    UserFactory,
    business_id,
    national_id,
    staff,
)
from laborbureau.rules import identifiers

pytestmark = pytest.mark.django_db


def test_registering_a_known_id_finds_the_existing_person_whatever_its_spelling():
    number = national_id()
    first, created = services.person_register(data=PersonInput(id_number=number, name="王小明"), actor=None)
    again, created_again = services.person_register(
        data=PersonInput(id_number=f" {number.lower()} ", name="王曉明"), actor=None
    )
    assert created and not created_again
    assert again.pk == first.pk
    assert again.name == "王小明"
    assert Person.objects.count() == 1


@pytest.mark.parametrize(
    ("number", "kind"),
    [
        (identifiers.make_national_id("F", 2, 1234567), "national_id"),
        (identifiers.make_arc_new("A", 8, 1234567), "arc_new"),
        (identifiers.make_arc_old("A", "C", 1234567), "arc_old"),
    ],
)
def test_each_kind_of_id_is_recognised(number, kind):
    person, _ = services.person_register(data=PersonInput(id_number=number, name="Nguyen Van A"), actor=None)
    assert person.id_kind == kind


def test_an_invalid_id_is_refused_with_its_reason_and_nothing_is_saved():
    with pytest.raises(ApplicationError) as error:
        services.person_register(data=PersonInput(id_number="A123456788", name="王小明"), actor=None)
    assert error.value.field == "id_number"
    assert "檢查碼" in error.value.message_zh
    assert Person.objects.count() == 0


def test_a_passport_needs_its_country():
    with pytest.raises(ApplicationError) as error:
        services.person_register(
            data=PersonInput(id_number="C1234567", id_kind="passport", name="Siti Aminah"), actor=None
        )
    assert error.value.field == "passport_country"
    person, _ = services.person_register(
        data=PersonInput(id_number="c1234567", id_kind="passport", passport_country="idn", name="Siti Aminah"),
        actor=None,
    )
    assert (person.id_number, person.passport_country) == ("C1234567", "IDN")


def test_an_unknown_district_is_refused():
    with pytest.raises(ApplicationError) as error:
        services.person_register(data=PersonInput(id_number=national_id(), name="王", district_code="999"), actor=None)
    assert error.value.field == "district"


def test_employers_are_one_per_business_id_and_an_unidentified_one_may_exist_many_times():
    number = business_id()
    first, _ = services.employer_register(data=EmployerInput(name="甲公司", business_id=number), actor=None)
    again, created = services.employer_register(data=EmployerInput(name="甲股份有限公司", business_id=number), actor=None)
    assert not created and again.pk == first.pk
    services.employer_register(data=EmployerInput(name="巷口小吃店"), actor=None)
    services.employer_register(data=EmployerInput(name="巷口小吃店"), actor=None)
    assert Employer.objects.filter(business_id__isnull=True).count() == 2


def test_the_business_id_rule_depends_on_the_date():
    mod5_only = identifiers.make_business_id(1234567, rule="mod5")
    assert not identifiers.is_valid_business_id(mod5_only, date(2023, 3, 31))
    employer, _ = services.employer_register(data=EmployerInput(name="新公司", business_id=mod5_only), actor=None)
    assert employer.business_id == mod5_only


def test_merging_persons_moves_accounts_and_keeps_the_absorbed_record():
    officer = staff(Role.CASE_OFFICER, "LS")
    survivor = PersonFactory(phone="")
    absorbed = PersonFactory(phone="0933111222")
    account = UserFactory(person=absorbed)
    merge = services.person_merge(survivor=survivor, absorbed=absorbed, actor=officer, reason="同一人，證號登打錯誤")
    absorbed.refresh_from_db()
    survivor.refresh_from_db()
    account.refresh_from_db()
    assert absorbed.merged_into == survivor
    assert survivor.phone == "0933111222"
    assert account.person == survivor
    assert merge.snapshot["id_number"] == absorbed.id_number
    assert PartyMerge.objects.count() == 1


def test_merging_needs_a_reason_a_permitted_role_and_two_records():
    officer = staff(Role.CASE_OFFICER, "LS")
    one, two = PersonFactory(), PersonFactory()
    with pytest.raises(ApplicationError):
        services.person_merge(survivor=one, absorbed=two, actor=officer, reason=" ")
    with pytest.raises(ApplicationError):
        services.person_merge(survivor=one, absorbed=one, actor=officer, reason="x")
    with pytest.raises(Forbidden):
        services.person_merge(survivor=one, absorbed=two, actor=staff(Role.AUDITOR, "ADM"), reason="x")
    assert not PartyMerge.objects.exists()


def test_an_unidentified_employer_merged_into_takes_the_business_id_and_the_sites():
    officer = staff(Role.CASE_OFFICER, "LS")
    unidentified = EmployerFactory(business_id=None, name="巷口小吃店")
    identified = EmployerFactory()
    site = EstablishmentFactory(employer=identified)
    number = identified.business_id
    services.employer_merge(survivor=unidentified, absorbed=identified, actor=officer, reason="查得統一編號")
    unidentified.refresh_from_db()
    site.refresh_from_db()
    assert unidentified.business_id == number
    assert site.employer == unidentified


def test_two_employers_with_different_business_ids_cannot_be_merged():
    officer = staff(Role.CASE_OFFICER, "LS")
    with pytest.raises(ApplicationError):
        services.employer_merge(survivor=EmployerFactory(), absorbed=EmployerFactory(), actor=officer, reason="x")


def test_login_is_throttled_after_five_failures_even_with_the_right_password(client):
    user = UserFactory(username="worker1")
    for _ in range(5):
        response = client.post(reverse("login"), {"username": "worker1", "password": "wrong"})
        assert response.status_code == 200
    response = client.post(reverse("login"), {"username": "worker1", "password": "correct horse battery staple"})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert LoginAttempt.objects.filter(username="worker1", succeeded=False).count() == 5
    assert user.pk


def test_a_successful_login_clears_the_failures_and_goes_to_the_right_home(client):
    UserFactory(username="worker2")
    client.post(reverse("login"), {"username": "worker2", "password": "wrong"})
    response = client.post(reverse("login"), {"username": "worker2", "password": "correct horse battery staple"})
    assert response.status_code == 302
    assert response["Location"] == reverse("portal_home")
    assert not LoginAttempt.objects.filter(username="worker2", succeeded=False).exists()


def test_login_refuses_an_open_redirect(client):
    UserFactory(username="worker3")
    response = client.post(
        reverse("login"),
        {"username": "worker3", "password": "correct horse battery staple", "next": "https://evil.example/"},
    )
    assert response["Location"] == reverse("portal_home")


def test_api_tokens_are_stored_hashed_and_can_be_revoked():
    user = UserFactory()
    token, key = services.api_token_create(user=user, name="統計系統")
    assert key.startswith("lb_") and token.key_hash != key
    assert services.api_token_authenticate(key) == user
    services.api_token_revoke(token=token, actor=user)
    assert services.api_token_authenticate(key) is None


@pytest.mark.parametrize(
    ("reader", "value"),
    [("env_bool", "maybe"), ("env_int", "ten"), ("env_choice", "staging")],
)
def test_malformed_settings_stop_the_start(monkeypatch, reader, value):
    from laborbureau.config import env

    monkeypatch.setenv("LB_SETTING", value)
    with pytest.raises(ImproperlyConfigured):
        if reader == "env_choice":
            env.env_choice("LB_SETTING", "development", {"development", "production"})
        elif reader == "env_bool":
            env.env_bool("LB_SETTING", False)
        else:
            env.env_int("LB_SETTING", 1)
