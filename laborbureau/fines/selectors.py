"""Reads of the fines ledger, scoped by who asks.

- Staff read the fines of their readable units (core.access.readable_unit_ids); a
  fine of another unit answers "not found", as if it did not exist.
- An employer's portal account reads its own employer's fines.
- The public reads only final fines, through `open_data_*` (勞動基準法第80條之1):
  employer name, representative, decision date, article violated and amount, and
  nothing about any worker.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet
from django.utils import timezone

from laborbureau.core import access
from laborbureau.core.errors import NotFound
from laborbureau.core.models import User, UserKind
from laborbureau.fines import ledger
from laborbureau.fines.models import Fine, FineEntry, FineStatus, RemedyStage
from laborbureau.rules import fine_ranges
from laborbureau.rules.base import RuleError

# Filters of the staff list (value, 中文, English).
STATUS_FILTERS = [
    ("unpaid", "待繳納", "Unpaid"),
    ("overdue", "逾期未繳", "Overdue"),
    ("paid", "已繳清", "Paid"),
    ("under_appeal", "訴願或訴訟中", "Under appeal or litigation"),
    ("referred", "已移送行政執行", "Referred for enforcement"),
    ("unserved", "待送達", "Not yet served"),
    ("cancelled", "已撤銷", "Cancelled"),
]
STATUS_FILTER_VALUES = {value for value, _, _ in STATUS_FILTERS}


def fines_readable_by(user: User, queryset: QuerySet | None = None) -> QuerySet:
    """The fines `user` may read: staff by unit, employers their own, others none."""
    queryset = Fine.objects.all() if queryset is None else queryset
    if not user.is_authenticated:
        return queryset.none()
    if user.kind == UserKind.EMPLOYER:
        return queryset.filter(employer_id=user.employer_id) if user.employer_id else queryset.none()
    if user.kind != UserKind.STAFF:
        return queryset.none()
    units = access.readable_unit_ids(user)
    if units == access.ALL_UNITS:
        return queryset
    return queryset.filter(unit_id__in=units)


def can_write(user: User, fine: Fine) -> bool:
    """Non-auditor staff who may act on the fine's unit."""
    return user.is_authenticated and user.kind == UserKind.STAFF and access.can_act_on_unit(user, fine.unit_id)


def fine_list(
    *,
    user: User,
    status: str = "",
    q: str = "",
    law_code: str = "",
    unit_code: str = "",
    employer_id: int | None = None,
    today: date | None = None,
) -> QuerySet:
    """The fines `user` may read, filtered. `status` is one of STATUS_FILTERS;
    `q` matches the number, the employer's name or 統一編號."""
    today = today or timezone.localdate()
    queryset = fines_readable_by(user, Fine.objects.select_related("unit", "employer"))
    if status == "unpaid":
        queryset = queryset.filter(status__in=[FineStatus.UNSERVED, FineStatus.UNPAID])
    elif status == "overdue":
        # Overdue and collectable: a fine whose collection is held for an appeal is not.
        queryset = queryset.filter(status=FineStatus.UNPAID, due_date__lt=today, collection_suspended=False)
    elif status == "paid":
        queryset = queryset.filter(status=FineStatus.PAID)
    elif status == "under_appeal":
        queryset = queryset.filter(remedy__in=[RemedyStage.APPEAL_PENDING, RemedyStage.LITIGATION_PENDING])
    elif status == "referred":
        queryset = queryset.filter(status=FineStatus.REFERRED)
    elif status == "unserved":
        queryset = queryset.filter(status=FineStatus.UNSERVED)
    elif status == "cancelled":
        queryset = queryset.filter(status=FineStatus.CANCELLED)
    if q:
        q = q.strip()
        queryset = queryset.filter(
            Q(number__icontains=q) | Q(employer_name__icontains=q) | Q(business_id=q) | Q(employer__name__icontains=q)
        )
    if law_code:
        queryset = queryset.filter(law_code=law_code)
    if unit_code:
        queryset = queryset.filter(unit__code=unit_code)
    if employer_id:
        queryset = queryset.filter(employer_id=employer_id)
    return queryset.order_by("-decided_on", "-number")


def fine_get(*, user: User, pk: int) -> Fine:
    """One fine `user` may read, or NotFound (also for another unit's fine)."""
    fine = fines_readable_by(user, Fine.objects.select_related("unit", "employer", "case")).filter(pk=pk).first()
    if fine is None:
        raise NotFound("罰鍰", "fine")
    return fine


def fine_entries(fine: Fine) -> QuerySet:
    return FineEntry.objects.filter(fine=fine).select_related("actor").order_by("seq")


def is_overdue(fine: Fine, today: date | None = None) -> bool:
    today = today or timezone.localdate()
    return (
        fine.status == FineStatus.UNPAID
        and fine.due_date is not None
        and fine.due_date < today
        and not fine.collection_suspended
    )


def employer_fines(user: User) -> QuerySet:
    """The fines of the employer an EMPLOYER portal account belongs to."""
    if not user.is_authenticated or user.kind != UserKind.EMPLOYER or not user.employer_id:
        return Fine.objects.none()
    return Fine.objects.filter(employer_id=user.employer_id).order_by("-decided_on", "-number")


# --- open data (勞動基準法第80條之1) -------------------------------------------------

OPEN_DATA_COLUMNS = [
    # (key, 中文 header, English header)
    ("number", "處分書號", "Decision number"),
    ("employer_name", "事業單位或事業主名稱", "Employer"),
    ("business_id", "統一編號", "Business ID"),
    ("representative", "負責人", "Representative"),
    ("decided_on", "處分日期", "Decision date"),
    ("law", "違反法規", "Law"),
    ("legal_basis", "違反條文", "Article violated"),
    ("amount", "罰鍰金額", "Fine (NTD)"),
]


def open_data_list(*, law_code: str = "", year: int | None = None, today: date | None = None) -> QuerySet:
    """Final fines for publication: not cancelled, and past the last day on which a
    remedy could still change them (Fine.final_on, see fines.ledger). Newest first.
    `year` is the (AD) year of the decision."""
    today = today or timezone.localdate()
    queryset = Fine.objects.filter(final_on__lt=today).exclude(status=FineStatus.CANCELLED)
    if law_code:
        queryset = queryset.filter(law_code=law_code)
    if year:
        queryset = queryset.filter(decided_on__year=year)
    return queryset.order_by("-decided_on", "-number")


@dataclass(frozen=True)
class OpenDataRow:
    number: str
    employer_name: str
    business_id: str
    representative: str
    decided_on: date
    law: str
    legal_basis: str
    amount: int


def open_data_rows(queryset: QuerySet) -> list[OpenDataRow]:
    """The published fields only (no case, no worker, no internal notes). The amount is
    the one in force after any partial revocation."""
    rows = queryset.values_list(
        "number", "employer_name", "business_id", "representative", "decided_on", "law_name", "legal_basis",
        "amount_due",
    )
    return [OpenDataRow(*row) for row in rows]


def open_data_laws(today: date | None = None) -> list[tuple[str, str]]:
    """(law_code, law name) pairs that have published fines, for the filter."""
    pairs = open_data_list(today=today).values_list("law_code", "law_name").distinct().order_by("law_code")
    return list(dict(pairs).items())


def open_data_years(today: date | None = None) -> list[int]:
    today = today or timezone.localdate()
    dates = Fine.objects.filter(final_on__lt=today).exclude(status=FineStatus.CANCELLED).dates("decided_on", "year")
    return sorted({d.year for d in dates}, reverse=True)


def appeal_answer_due(fine: Fine) -> date | None:
    """The day the department's answer to a pending appeal is due (ledger.APPEAL_ANSWER_DAYS
    after the appeal was filed), or None when no answer is owed."""
    kinds = list(fine.entries.order_by("seq").values_list("kind", "on"))
    filed = [on for kind, on in kinds if kind == FineEntry.Kind.APPEAL_FILED]
    if not filed or any(kind in (FineEntry.Kind.APPEAL_ANSWERED, FineEntry.Kind.APPEAL_DECIDED) for kind, _ in kinds):
        return None
    return ledger.period_end(filed[-1], ledger.APPEAL_ANSWER_DAYS)


# --- range cautions (rules.fine_ranges) ------------------------------------------------


def range_cautions(on: date) -> list[fine_ranges.FineRange]:
    """The articles listed on `on` whose range carries a caution (a promulgated
    amendment whose effective date the Executive Yuan has not set, as recorded)."""
    return [item for item in fine_ranges.list_articles(on) if item.caution_zh]


def range_caution(law_code: str, article: str, on: date | None) -> fine_ranges.FineRange | None:
    """The range of one article on `on` if it carries a caution, else None."""
    if on is None or not law_code:
        return None
    try:
        found = fine_ranges.fine_range(law_code, article, on)
    except RuleError:
        return None
    return found if found.caution_zh else None
