"""Who may read and act on a case: every staff role x where they stand relative to the
case's unit (own unit, another unit, another unit with a case grant, another unit
with a unit grant), plus portal users."""

from datetime import timedelta

import pytest
from django.utils import timezone

from laborbureau.cases import selectors
from laborbureau.cases.access import can_act_on_case, can_read_case, cases_readable_by
from laborbureau.cases.models import CaseGrant
from laborbureau.cases.services import case_grant, transitions_available
from laborbureau.cases.tests.tst_workflow import open_case
from laborbureau.core.errors import ApplicationError, NotFound
from laborbureau.core.models import Role, Unit, UnitGrant
from laborbureau.core.tests import factories

pytestmark = pytest.mark.django_db

SCOPES = ["own_unit", "other_unit", "other_unit_case_grant", "other_unit_unit_grant"]
WORKING_ROLES = {Role.CASE_OFFICER, Role.MEDIATOR, Role.INSPECTOR, Role.SECTION_CHIEF}


def expected_read(role: str, scope: str) -> bool:
    if role == Role.SYSADMIN:
        return False  # manages accounts, reads no cases, whatever grant it holds
    if role in (Role.DIRECTOR, Role.AUDITOR):
        return True
    return scope != "other_unit"


def expected_act(role: str, scope: str) -> bool:
    if role in (Role.AUDITOR, Role.SYSADMIN):
        return False
    if role == Role.DIRECTOR:
        return True
    return scope != "other_unit"


@pytest.mark.parametrize("scope", SCOPES)
@pytest.mark.parametrize("role", list(Role))
def test_permission_matrix(role, scope):
    chief = factories.staff(Role.SECTION_CHIEF, "LS")
    case = open_case(chief, person=factories.PersonFactory())
    user = factories.staff(role, "LS" if scope == "own_unit" else "LR")
    if scope == "other_unit_case_grant":
        if role == Role.SYSADMIN:  # the service refuses; a grant written behind its back still opens nothing
            with pytest.raises(ApplicationError):
                case_grant(case=case, actor=chief, user=user, reason="協辦", can_act=True)
            CaseGrant.objects.create(case=case, user=user, granted_by=chief, reason="x", can_act=True,
                                     expires_at=timezone.now() + timedelta(days=7))
        else:
            case_grant(case=case, actor=chief, user=user, reason="協辦", can_act=True)
    if scope == "other_unit_unit_grant":
        UnitGrant.objects.create(
            user=user,
            unit=Unit.objects.get(code="LS"),
            granted_by=chief,
            reason="支援",
            expires_at=timezone.now() + timedelta(days=7),
        )

    readable = expected_read(role, scope)
    actable = expected_act(role, scope)

    assert can_read_case(user, case) is readable
    assert cases_readable_by(user).filter(pk=case.pk).exists() is readable
    assert can_act_on_case(user, case) is actable
    # The selectors answer NotFound for a case the user may not read.
    if readable:
        assert selectors.case_get(user, case.number) == case
    else:
        with pytest.raises(NotFound):
            selectors.case_get(user, case.number)
    # `start` is open to the working roles (and the director); nobody else is offered it.
    may_start = actable and (role in WORKING_ROLES or role == Role.DIRECTOR)
    assert ("start" in [t.name for t in transitions_available(user, case)]) is may_start


def test_a_read_only_case_grant_lets_read_but_not_act():
    chief = factories.staff(Role.SECTION_CHIEF, "LS")
    case = open_case(chief, person=factories.PersonFactory())
    user = factories.staff(Role.CASE_OFFICER, "LR")
    case_grant(case=case, actor=chief, user=user, reason="查閱", can_act=False)

    assert (can_read_case(user, case), can_act_on_case(user, case)) == (True, False)


def test_expired_grants_give_nothing():
    chief = factories.staff(Role.SECTION_CHIEF, "LS")
    case = open_case(chief, person=factories.PersonFactory())
    user = factories.staff(Role.CASE_OFFICER, "LR")
    grant = case_grant(case=case, actor=chief, user=user, reason="協辦", can_act=True)
    grant.expires_at = timezone.now() - timedelta(seconds=1)
    grant.save()
    UnitGrant.objects.create(
        user=user,
        unit=case.unit,
        granted_by=chief,
        reason="支援",
        expires_at=timezone.now() + timedelta(days=1),
        revoked_at=timezone.now(),
    )

    assert (can_read_case(user, case), can_act_on_case(user, case)) == (False, False)
    assert not cases_readable_by(user).filter(pk=case.pk).exists()


@pytest.mark.parametrize("kind", ["citizen_party", "employer_party", "citizen_stranger", "employer_stranger"])
def test_portal_users_read_only_their_own_cases_and_act_only_through_party_transitions(kind):
    officer = factories.staff(Role.CASE_OFFICER, "LS")
    person, employer = factories.PersonFactory(), factories.EmployerFactory()
    case = open_case(officer, person=person, employer=employer)
    user = {
        "citizen_party": lambda: factories.citizen(person=person),
        "employer_party": lambda: factories.employer_user(employer),
        "citizen_stranger": lambda: factories.citizen(),
        "employer_stranger": lambda: factories.employer_user(),
    }[kind]()
    party = kind.endswith("_party")

    assert can_read_case(user, case) is party
    assert cases_readable_by(user).filter(pk=case.pk).exists() is party
    assert can_act_on_case(user, case) is False
    assert [t.name for t in transitions_available(user, case)] == (["withdraw"] if party else [])
