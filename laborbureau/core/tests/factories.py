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


# --- a test-only case type (unit LS, type code TST) --------------------------------
# Tests of the generic case pages and the audit chains use this instead of any
# program's workflow, so that they depend on no program.

TEST_CASE_TYPE = "test_case"
TEST_SIGNOFF_SUBJECT = "test_decision"


def register_test_workflow():
    """Register (once) the TST workflow: NEW -(start)-> IN_PROGRESS -(submit, starts a
    chief's sign-off)-> PENDING -(approved / returned by the sign-off)-> CLOSED / back."""
    from laborbureau.cases import services as case_services
    from laborbureau.cases import workflows as wf

    try:
        return wf.get(TEST_CASE_TYPE)
    except KeyError:
        pass

    def request_signoff(case, actor, data):
        case_services.signoff_request(
            case=case,
            actor=actor,
            subject=TEST_SIGNOFF_SUBJECT,
            summary=f"結案核定 {case.number}",
            payload={},
            chain=[Role.SECTION_CHIEF],
        )

    def refuse_blocked(case, actor, data):
        if data.get("outcome") == "blocked":
            return ("此結果不得選用。", "This outcome cannot be chosen.")
        return None

    officers = frozenset({Role.CASE_OFFICER, Role.SECTION_CHIEF})
    workflow = wf.Workflow(
        case_type=TEST_CASE_TYPE,
        type_code="TST",
        unit_code="LS",
        name_zh="測試案件",
        name_en="Test case",
        initial="NEW",
        states=(
            wf.State("NEW", "新收案", "New", deadline=wf.Deadline(days=5, kind="working")),
            wf.State("IN_PROGRESS", "處理中", "In progress", deadline=wf.Deadline(days=20, kind="working")),
            wf.State("PENDING", "陳核中", "Awaiting approval"),
            wf.State("CLOSED", "已結案", "Closed", terminal=True),
        ),
        transitions=(
            wf.Transition(
                name="start",
                sources=("NEW",),
                target="IN_PROGRESS",
                roles=officers,
                label_zh="開始處理",
                label_en="Start",
                fields=(
                    wf.FieldSpec("visit_date", "訪查日期", "Visit date", kind="date"),
                    wf.FieldSpec("workers", "勞工人數", "Workers", kind="int", required=False),
                    wf.FieldSpec(
                        "outcome",
                        "結果",
                        "Outcome",
                        kind="choice",
                        choices=(("ok", "正常 Normal"), ("issue", "待改善 Needs work"), ("blocked", "封鎖 Blocked")),
                    ),
                    wf.FieldSpec("urgent", "急件", "Urgent", kind="bool", required=False),
                    wf.FieldSpec("note", "說明", "Note", kind="textarea", required=False),
                ),
                guards=(refuse_blocked,),
            ),
            wf.Transition(
                name="submit",
                sources=("IN_PROGRESS",),
                target="PENDING",
                roles=frozenset({Role.CASE_OFFICER}),
                label_zh="陳核結案",
                label_en="Submit for approval",
                effects=(request_signoff,),
            ),
            wf.Transition(
                name="approve", sources=("PENDING",), target="CLOSED", roles=frozenset(), label_zh="核定結案",
                label_en="Approved",
            ),
            wf.Transition(
                name="send_back", sources=("PENDING",), target="IN_PROGRESS", roles=frozenset(), label_zh="退回",
                label_en="Returned",
            ),
        ),
        open_roles=officers,
    )
    wf.register(workflow)
    case_services.SIGNOFF_OUTCOMES[TEST_SIGNOFF_SUBJECT] = ("approve", "send_back")
    return workflow


def open_test_case(*, actor=None, assignee=None, person=None, employer=None, title="測試案件"):
    """Open a TST case (unit LS) through the engine, with the given parties."""
    from laborbureau.cases import services as case_services
    from laborbureau.cases.models import PartyRole

    register_test_workflow()
    parties = []
    if person is not None:
        parties.append(case_services.PartyLink(role=PartyRole.COMPLAINANT, person=person))
    if employer is not None:
        parties.append(case_services.PartyLink(role=PartyRole.RESPONDENT, employer=employer))
    return case_services.case_open(
        case_type=TEST_CASE_TYPE,
        title=title,
        actor=actor,
        parties=parties,
        channel="counter",
        assignee=assignee,
    )
