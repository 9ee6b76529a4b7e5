"""Who may read and work on a case: unit scope (core.access), per-case grants, and
portal users who are parties to it."""

from django.db.models import Q, QuerySet
from django.utils import timezone

from laborbureau.cases import workflows
from laborbureau.cases.models import Case, CaseGrant, CaseParty
from laborbureau.core import access
from laborbureau.core.models import Role, User, UserKind

PARTY = "PARTY"  # pseudo-role in a transition table: a portal user who is a party


def cases_readable_by(user: User, queryset: QuerySet | None = None) -> QuerySet:
    """The cases `user` may read (staff scope; portal users: their own)."""
    queryset = Case.objects.all() if queryset is None else queryset
    if not user.is_authenticated:
        return queryset.none()
    if user.kind != UserKind.STAFF:
        return queryset.filter(pk__in=party_case_ids(user))
    if user.role == Role.SYSADMIN:
        return queryset.none()  # manages accounts, never reads cases, even with a grant
    units = access.readable_unit_ids(user)
    if units == access.ALL_UNITS:
        return queryset
    granted = CaseGrant.objects.filter(user=user, expires_at__gt=timezone.now()).values("case_id")
    return queryset.filter(Q(unit_id__in=units) | Q(pk__in=granted))


def party_case_ids(user: User) -> QuerySet:
    condition = Q(pk__in=[])
    if user.person_id:
        condition |= Q(person_id=user.person_id)
    if user.employer_id:
        condition |= Q(employer_id=user.employer_id)
    parties = CaseParty.objects.filter(condition)
    for workflow in workflows.all_workflows():
        if workflow.portal_party_roles is not None:
            parties = parties.exclude(Q(case__case_type=workflow.case_type) & ~Q(role__in=workflow.portal_party_roles))
    return parties.values("case_id")


def is_party(user: User, case: Case, roles: frozenset[str] | None = None) -> bool:
    """Whether a portal user is a party to the case (in one of `roles`, if given)."""
    if not user.is_authenticated or user.kind == UserKind.STAFF:
        return False
    parties = party_case_ids(user).filter(case_id=case.pk)
    if roles is not None:
        parties = parties.filter(role__in=roles)
    return parties.exists()


def can_read_case(user: User, case: Case) -> bool:
    if not user.is_authenticated:
        return False
    if user.kind != UserKind.STAFF:
        return is_party(user, case)
    if user.role == Role.SYSADMIN:
        return False
    if access.can_read_unit(user, case.unit_id):
        return True
    return CaseGrant.objects.filter(case=case, user=user, expires_at__gt=timezone.now()).exists()


def can_act_on_case(user: User, case: Case) -> bool:
    if not user.is_authenticated or user.kind != UserKind.STAFF:
        return False
    if access.is_read_only(user) or user.role == Role.SYSADMIN:
        return False
    if access.can_act_on_unit(user, case.unit_id):
        return True
    return CaseGrant.objects.filter(case=case, user=user, can_act=True, expires_at__gt=timezone.now()).exists()
