"""Reads of the core: persons, employers, their cases, merges and the access log.

個人資料保護法: every read of a person's or an employer's record through these
selectors writes an access-log row (who, what, when, from where, why) before the
data is returned, and a search that returns persons logs each person it shows.
The caller states the purpose; a read without one is refused.

Who may search the access log: the auditors (稽核), whose job it is, and the
director (局長), who answers for the department's handling of personal data
(個人資料保護法第18條: the agency designates who keeps it safe). Not the system
administrators: they run the accounts and the database, and the log is the check
on them, so they must not be the ones who read (or learn to evade) it. Not the
section chiefs either: a chief could see who looked at their own staff's cases,
which is a matter for audit, not line management.
"""

from datetime import date, datetime, time, timedelta

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from laborbureau.cases import access as case_access
from laborbureau.cases.models import Case, CaseParty
from laborbureau.core import access
from laborbureau.core.errors import ApplicationError, Forbidden, NotFound
from laborbureau.core.models import (
    AccessLogEntry,
    Employer,
    EmployerSignup,
    Establishment,
    HeadcountRecord,
    PartyMerge,
    Person,
    Role,
    User,
    UserKind,
)
from laborbureau.core.services import access_log_record
from laborbureau.rules import identifiers

SEARCH_LIMIT = 50
ACCESS_LOG_LIMIT = 500
MIN_NAME_QUERY = 2


def _require_party_reader(actor: User) -> None:
    if not access.can_read_parties(actor):
        raise Forbidden("您沒有查閱當事人資料的權限。", "You may not read personal data.")


def _require_purpose(purpose: str) -> str:
    purpose = (purpose or "").strip()
    if not purpose:
        raise ApplicationError(
            "請說明查閱目的（個人資料保護法）。",
            "State the purpose of this look-up (Personal Data Protection Act).",
            field="purpose",
        )
    return purpose


# --- persons ----------------------------------------------------------------------


def person_get(actor: User, pk: int, purpose: str) -> Person:
    """One person (merged or not), logging the read. NotFound if there is none."""
    _require_party_reader(actor)
    purpose = _require_purpose(purpose)
    person = Person.objects.select_related("district", "merged_into").filter(pk=pk).first()
    if person is None:
        raise NotFound("當事人", "person")
    access_log_record(
        user=actor, action="view", object_type="person", object_id=person.pk, purpose=purpose, object_label=person.name
    )
    return person


def person_search(actor: User, q: str, purpose: str) -> list[Person]:
    """Persons whose identifier is `q` (exact, normalised) or whose name contains it
    (at least two characters). Each person returned is logged as a "search" read."""
    _require_party_reader(actor)
    text = (q or "").strip()
    if not text:
        return []
    purpose = _require_purpose(purpose)
    condition = Q(id_number=identifiers.normalize(text))
    if len(text) >= MIN_NAME_QUERY:
        condition |= Q(name__icontains=text)
    persons = list(
        Person.objects.filter(condition).select_related("merged_into").order_by("merged_into_id", "name", "pk")[
            :SEARCH_LIMIT
        ]
    )
    for person in persons:
        access_log_record(
            user=actor,
            action="search",
            object_type="person",
            object_id=person.pk,
            purpose=purpose,
            object_label=person.name,
        )
    return persons


def person_merges(actor: User, person: Person) -> QuerySet:
    """Merges this record took part in, as survivor or as absorbed."""
    _require_party_reader(actor)
    return _merges(PartyMerge.Kind.PERSON, person.pk)


def person_merged_from(actor: User, person: Person) -> QuerySet:
    _require_party_reader(actor)
    return Person.objects.filter(merged_into=person).order_by("pk")


# --- employers --------------------------------------------------------------------


def employer_get(actor: User, pk: int, purpose: str) -> Employer:
    """One employer (merged or not), with its establishments and their headcount
    history, logging the read."""
    _require_party_reader(actor)
    purpose = _require_purpose(purpose)
    employer = (
        Employer.objects.select_related("district", "industry", "merged_into")
        .prefetch_related(
            Prefetch(
                "establishments",
                queryset=Establishment.objects.select_related("district", "industry")
                .prefetch_related(Prefetch("headcounts", queryset=HeadcountRecord.objects.order_by("-as_of")))
                .order_by("pk"),
            )
        )
        .filter(pk=pk)
        .first()
    )
    if employer is None:
        raise NotFound("事業單位", "employer")
    access_log_record(
        user=actor,
        action="view",
        object_type="employer",
        object_id=employer.pk,
        purpose=purpose,
        object_label=employer.name,
    )
    return employer


def employer_search(actor: User, q: str) -> list[Employer]:
    """Employers whose 統一編號 is `q` or whose name contains it. Employers are not
    natural persons, so a search is not logged; opening one is (employer_get)."""
    _require_party_reader(actor)
    text = (q or "").strip()
    if not text:
        return []
    condition = Q(business_id=identifiers.normalize(text))
    if len(text) >= MIN_NAME_QUERY:
        condition |= Q(name__icontains=text)
    return list(
        Employer.objects.filter(condition).select_related("merged_into").order_by("merged_into_id", "name", "pk")[
            :SEARCH_LIMIT
        ]
    )


def employer_merges(actor: User, employer: Employer) -> QuerySet:
    _require_party_reader(actor)
    return _merges(PartyMerge.Kind.EMPLOYER, employer.pk)


def employer_merged_from(actor: User, employer: Employer) -> QuerySet:
    _require_party_reader(actor)
    return Employer.objects.filter(merged_into=employer).order_by("pk")


def _merges(kind: str, pk: int) -> QuerySet:
    return (
        PartyMerge.objects.filter(Q(survivor_id=pk) | Q(absorbed_id=pk), kind=kind)
        .select_related("merged_by")
        .order_by("-created_at", "-pk")
    )


# --- employer accounts opened by self sign-up ------------------------------------------

SIGNUP_LIST_LIMIT = 100
SIGNUP_STATUSES = ("pending", "verified", "deactivated")


def employer_signups(actor: User, status: str, purpose: str) -> list[EmployerSignup]:
    """Self-signed-up employer accounts for the officers who check them: "pending" (oldest
    first), "verified" or "deactivated" (newest decision first). The contact person's
    name, e-mail and phone are personal data: each account listed is logged."""
    if not access.can_verify_employer_accounts(actor):
        raise Forbidden("您沒有審核事業單位帳號的權限。", "You may not verify employer accounts.")
    if status not in SIGNUP_STATUSES:
        raise ApplicationError("無此狀態。", "Unknown status.", field="status")
    purpose = _require_purpose(purpose)
    signups = EmployerSignup.objects.select_related("user", "user__employer", "verified_by", "deactivated_by")
    if status == "pending":
        signups = signups.filter(
            verified_at__isnull=True, deactivated_at__isnull=True, user__is_active=True
        ).order_by("created_at", "pk")
    elif status == "verified":
        signups = signups.filter(verified_at__isnull=False, deactivated_at__isnull=True).order_by("-verified_at", "-pk")
    else:
        signups = signups.filter(deactivated_at__isnull=False).order_by("-deactivated_at", "-pk")
    rows = list(signups[:SIGNUP_LIST_LIMIT])
    for signup in rows:
        access_log_record(
            user=actor,
            action="search",
            object_type="employer_account",
            object_id=signup.user_id,
            purpose=purpose,
            object_label=f"{signup.contact_name} {_business_id_of(signup.user)} {signup.declared_name}",
        )
    return rows


def _business_id_of(user: User) -> str:
    return (user.employer.business_id or "") if user.employer_id else ""


def employer_signup_get(actor: User, pk: int) -> EmployerSignup:
    """One sign-up, for an officer's decision (nothing shown, so nothing logged)."""
    if not access.can_verify_employer_accounts(actor):
        raise Forbidden("您沒有審核事業單位帳號的權限。", "You may not verify employer accounts.")
    signup = EmployerSignup.objects.select_related("user").filter(pk=pk).first()
    if signup is None:
        raise NotFound("事業單位帳號", "employer account")
    return signup


# --- a party's cases across programs -------------------------------------------------


def party_cases(actor: User, *, person: Person | None = None, employer: Employer | None = None) -> QuerySet:
    """Every case of this person or employer (and of the records merged into it) that
    `actor` may read, across all programs: built from the case header and its
    parties only, so it needs no program code. Each case carries `party_roles`, the
    CaseParty rows through which the party is in it."""
    if (person is None) == (employer is None):
        raise ValueError("party_cases: give exactly one of person= or employer=")
    _require_party_reader(actor)
    if person is not None:
        ids = [person.pk, *Person.objects.filter(merged_into=person).values_list("pk", flat=True)]
        match = Q(person_id__in=ids)
    else:
        ids = [employer.pk, *Employer.objects.filter(merged_into=employer).values_list("pk", flat=True)]
        match = Q(employer_id__in=ids)
    case_ids = CaseParty.objects.filter(match).values("case_id")
    return (
        case_access.cases_readable_by(actor, Case.objects.filter(pk__in=case_ids))
        .select_related("unit", "assignee")
        .prefetch_related(Prefetch("parties", queryset=CaseParty.objects.filter(match), to_attr="party_roles"))
        .order_by("-opened_at", "-pk")
    )


# --- the access log ---------------------------------------------------------------


def can_read_access_log(actor: User) -> bool:
    """Auditors and the director (see the module docstring for why these two)."""
    return (
        actor.is_authenticated
        and actor.kind == UserKind.STAFF
        and actor.is_active
        and actor.role in (Role.AUDITOR, Role.DIRECTOR)
    )


def access_log_search(
    actor: User,
    *,
    username: str = "",
    object_type: str = "",
    object_id: str = "",
    date_from: date | None = None,
    date_to: date | None = None,
    limit: int = ACCESS_LOG_LIMIT,
) -> list[AccessLogEntry]:
    """Access-log entries matching the filters, newest first (at most `limit`).

    Reading the log is itself a read of personal data (whose record who opened), so
    the search is logged too, as object type "access_log"."""
    if not can_read_access_log(actor):
        raise Forbidden("只有稽核人員與局長可以查閱存取紀錄。", "Only auditors and the director may read the access log.")
    if date_from and date_to and date_from > date_to:
        raise ApplicationError("起日不可晚於迄日。", "The start date is after the end date.", field="date_from")
    entries = AccessLogEntry.objects.all()
    if username.strip():
        entries = entries.filter(username=username.strip())
    if object_type.strip():
        entries = entries.filter(object_type=object_type.strip())
    if object_id.strip():
        entries = entries.filter(object_id=object_id.strip())
    zone = timezone.get_current_timezone()
    if date_from:
        entries = entries.filter(at__gte=datetime.combine(date_from, time.min, tzinfo=zone))
    if date_to:
        entries = entries.filter(at__lt=datetime.combine(date_to + timedelta(days=1), time.min, tzinfo=zone))
    results = list(entries.order_by("-seq")[:limit])
    filters = ", ".join(
        f"{key}={value}"
        for key, value in (
            ("username", username.strip()),
            ("object_type", object_type.strip()),
            ("object_id", object_id.strip()),
            ("from", date_from.isoformat() if date_from else ""),
            ("to", date_to.isoformat() if date_to else ""),
        )
        if value
    )
    access_log_record(
        user=actor,
        action="search",
        object_type="access_log",
        object_id="search",
        purpose="稽核 audit",
        object_label=filters or "(all)",
    )
    return results
