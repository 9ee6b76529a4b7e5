"""Factories for the core: staff of any unit and role, portal users, persons with
valid identifiers, employers with valid 統一編號. Reference rows (districts,
industries, units) come from the data migration."""

import itertools

import factory

from laborbureau.core.models import Employer, Establishment, Person, Role, Unit, User, UserKind
from laborbureau.rules import identifiers

_serial = itertools.count(1000001)
_business = itertools.count(1000000)


def national_id(sex_digit: int = 1) -> str:
    return identifiers.make_national_id("A", sex_digit, next(_serial))


def business_id() -> str:
    while True:
        value = identifiers.make_business_id(next(_business))
        if value:
            return value


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    id_kind = "national_id"
    id_number = factory.LazyFunction(national_id)
    name = factory.Sequence(lambda n: f"王小明{n}")
    email = factory.Sequence(lambda n: f"person{n}@example.tw")
    phone = "0912345678"
    address = "臺北市信義區市府路1號"
    district_id = "63000020"


class EmployerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Employer

    business_id = factory.LazyFunction(business_id)
    name = factory.Sequence(lambda n: f"大安測試股份有限公司{n}")
    representative = "陳大文"
    address = "臺北市大安區復興南路一段1號"
    district_id = "63000030"
    industry_id = "47-48"
    email = factory.Sequence(lambda n: f"employer{n}@example.tw")


class EstablishmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Establishment

    employer = factory.SubFactory(EmployerFactory)
    name = factory.Sequence(lambda n: f"第{n}廠")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.django.Password("correct horse battery staple")
    email = factory.Sequence(lambda n: f"user{n}@example.tw")
    kind = UserKind.CITIZEN


def staff(role: str = Role.CASE_OFFICER, unit_code: str = "LS", username: str | None = None) -> User:
    """A staff member of `unit_code` with `role`."""
    unit = Unit.objects.get(code=unit_code)
    return UserFactory(
        username=username or f"{unit_code.lower()}_{role.lower()}_{next(_serial)}",
        kind=UserKind.STAFF,
        unit=unit,
        role=role,
        display_name=f"{unit.name_zh}{Role(role).label.split()[0]}",
    )


def citizen(person: Person | None = None, username: str | None = None) -> User:
    person = person or PersonFactory()
    return UserFactory(username=username or f"citizen{person.pk}", kind=UserKind.CITIZEN, person=person,
                       email=person.email)


def employer_user(employer: Employer | None = None) -> User:
    employer = employer or EmployerFactory()
    return UserFactory(username=f"employer{employer.pk}", kind=UserKind.EMPLOYER, employer=employer,
                       email=employer.email)
