"""Who may see and do what, by unit and role (Zulip-style `access_*` checks).

- A staff member reads and works on their own unit's records, and another unit's
  only through an unexpired UnitGrant (or a case grant, see cases.access).
- The director reads and acts across units; the auditor reads everything and
  changes nothing; the system administrator manages accounts, not cases.
- Portal users (citizens, employers) never pass these checks: portal selectors
  scope them to their own records.
"""

from django.utils import timezone

from laborbureau.core.models import Role, Unit, UnitGrant, User, UserKind

ALL_UNITS = "ALL"
# The units whose officers check employer accounts opened by self sign-up: the
# Employment Services Office (job bank) and the Labor Standards Section (inspections).
EMPLOYER_ACCOUNT_UNITS = ("ESO", "LS")


def readable_unit_ids(user: User) -> set[int] | str:
    """The unit ids whose records `user` may read, or ALL_UNITS."""
    if not user.is_authenticated or user.kind != UserKind.STAFF:
        return set()
    if user.role in (Role.AUDITOR, Role.DIRECTOR):
        return ALL_UNITS
    if user.role == Role.SYSADMIN:
        return set()
    return {user.unit_id} | _granted_unit_ids(user)


def actable_unit_ids(user: User) -> set[int] | str:
    """The unit ids whose records `user` may change, or ALL_UNITS."""
    if not user.is_authenticated or user.kind != UserKind.STAFF:
        return set()
    if user.role == Role.DIRECTOR:
        return ALL_UNITS
    if user.role in (Role.AUDITOR, Role.SYSADMIN):
        return set()
    return {user.unit_id} | _granted_unit_ids(user)


def can_read_unit(user: User, unit_id: int) -> bool:
    units = readable_unit_ids(user)
    return units == ALL_UNITS or unit_id in units


def can_act_on_unit(user: User, unit_id: int) -> bool:
    units = actable_unit_ids(user)
    return units == ALL_UNITS or unit_id in units


def is_read_only(user: User) -> bool:
    return user.kind == UserKind.STAFF and user.role == Role.AUDITOR


def can_read_parties(user: User) -> bool:
    """Staff with case work (or audit) may open person and employer pages."""
    return user.is_authenticated and user.kind == UserKind.STAFF and user.role != Role.SYSADMIN


def can_manage_parties(user: User) -> bool:
    """Register, correct and merge persons and employers."""
    return (
        user.is_authenticated
        and user.kind == UserKind.STAFF
        and user.role not in (Role.AUDITOR, Role.SYSADMIN)
    )


def can_verify_employer_accounts(user: User) -> bool:
    """Officers of ESO or LS (or a unit grant to one of them) and the director verify or
    deactivate employer accounts opened by self sign-up; not the auditor, not the
    system administrator."""
    if not user.is_authenticated or user.kind != UserKind.STAFF:
        return False
    units = actable_unit_ids(user)
    if units == ALL_UNITS:
        return True
    if not units:
        return False
    return Unit.objects.filter(pk__in=units, code__in=EMPLOYER_ACCOUNT_UNITS).exists()


def _granted_unit_ids(user: User) -> set[int]:
    cache = getattr(user, "_granted_unit_ids_cache", None)
    if cache is None:
        now = timezone.now()
        cache = set(
            UnitGrant.objects.filter(user=user, expires_at__gt=now, revoked_at__isnull=True).values_list(
                "unit_id", flat=True
            )
        )
        user._granted_unit_ids_cache = cache
    return cache
