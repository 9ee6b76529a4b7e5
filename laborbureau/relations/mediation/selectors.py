"""Reads of labor-dispute mediation: the disputes a user may see, and the statistics
(per month, district, industry, claim type, outcome and days to close)."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import QuerySet
from django.utils import timezone

from laborbureau.cases import access as case_access
from laborbureau.core.models import District, IndustryClass, User
from laborbureau.relations.mediation.models import ClaimType, Dispute, DisputeClaim
from laborbureau.relations.mediation.workflows import CASE_TYPE, WORKFLOW


def disputes_readable_by(user: User) -> QuerySet:
    """The disputes `user` may read: staff by unit scope, portal users where they are
    a party (both sides: mediation is two-sided)."""
    cases = case_access.cases_readable_by(user).filter(case_type=CASE_TYPE)
    return Dispute.objects.filter(case__in=cases.values("pk"))


def dispute_list(user: User, *, status: str | None = None) -> QuerySet:
    disputes = disputes_readable_by(user).select_related("case", "employer", "mediator").prefetch_related("claims")
    if status:
        disputes = disputes.filter(case__status=status)
    return disputes.order_by("-case__opened_at", "-pk")


# Outcome buckets: every open state counts as "open".
OUTCOME_KEYS = ("OPEN", "SETTLED", "NOT_SETTLED", "RESPONDENT_ABSENT", "WITHDRAWN", "NOT_ACCEPTED")
DAYS_BUCKETS = ((0, 7, "0–7"), (8, 14, "8–14"), (15, 30, "15–30"), (31, None, "31+"))
DIMENSIONS = ("month", "district", "industry", "claim_type", "outcome", "days_to_close")


@dataclass
class Row:
    key: str
    label_zh: str
    label_en: str
    cases: int = 0
    closed: int = 0
    settled: int = 0
    total_days: int = 0
    claimed_amount: int = 0
    settled_amount: int = 0

    @property
    def average_days_to_close(self) -> float | None:
        return round(self.total_days / self.closed, 1) if self.closed else None

    @property
    def settlement_rate(self) -> float | None:
        """Settled among the closed cases (成立率), in percent."""
        return round(100 * self.settled / self.closed, 1) if self.closed else None


@dataclass
class Statistics:
    date_from: date | None
    date_to: date | None
    total: Row
    tables: dict[str, list[Row]] = field(default_factory=dict)


def _outcome_key(status: str) -> str:
    return status if status in OUTCOME_KEYS else "OPEN"


def _bucket(days: int) -> str:
    for low, high, label in DAYS_BUCKETS:
        if days >= low and (high is None or days <= high):
            return label
    return DAYS_BUCKETS[-1][2]


def dispute_statistics(user: User, *, date_from: date | None = None, date_to: date | None = None) -> Statistics:
    """The figures over the disputes `user` may read that were received between
    `date_from` and `date_to` (inclusive). A case counts once in each table except the
    claim-type table, where it counts once per claim type it carries. Days to close
    are calendar days from receipt to closing. Four queries whatever the volume."""
    disputes = disputes_readable_by(user)
    if date_from:
        disputes = disputes.filter(received_on__gte=date_from)
    if date_to:
        disputes = disputes.filter(received_on__lte=date_to)
    rows = list(
        disputes.values_list(
            "pk", "received_on", "workplace_district_id", "employer__industry_id", "employer__industry__parent_id",
            "case__status", "case__closed_at",
        )
    )
    claims = list(
        DisputeClaim.objects.filter(dispute_id__in=[row[0] for row in rows]).values_list(
            "dispute_id", "claim_type", "amount", "settled_amount"
        )
    )
    districts = {d.code: d for d in District.objects.all()}
    industries = {i.code: i for i in IndustryClass.objects.filter(level="section")}
    states = {state.code: state for state in WORKFLOW.states}
    total = Row("total", "合計", "Total")
    tables: dict[str, dict[str, Row]] = {name: {} for name in DIMENSIONS}
    claims_by_dispute: dict[int, list] = {}
    for dispute_id, claim_type, amount, settled in claims:
        claims_by_dispute.setdefault(dispute_id, []).append((claim_type, amount or 0, settled or 0))

    def row(table: str, key: str, zh: str, en: str) -> Row:
        return tables[table].setdefault(key, Row(key, zh, en))

    for pk, received, district_id, industry_id, industry_parent, status, closed_at in rows:
        outcome = _outcome_key(status)
        days = (timezone.localdate(closed_at) - received).days if closed_at else None
        district = districts.get(district_id)
        section_code = industry_parent or industry_id
        section = industries.get(section_code)
        keyed = [
            row("month", received.strftime("%Y-%m"), received.strftime("%Y-%m"), received.strftime("%Y-%m")),
            row("district", district_id or "", district.name_zh if district else "未填", district.name_en if district else "Unknown"),
            row("industry", section_code or "", f"{section.code} {section.name_zh}" if section else "未分類",
                section.code if section else "Unclassified"),
            row("outcome", outcome, states[outcome].label_zh if outcome in states else "處理中",
                states[outcome].label_en if outcome in states else "Open"),
        ]
        if days is not None:
            label = _bucket(days)
            keyed.append(row("days_to_close", label, f"{label}日", f"{label} days"))
        for claim_type, amount, settled in claims_by_dispute.get(pk, []):
            zh, en = ClaimType(claim_type).label.split(" ", 1)
            claim_row = row("claim_type", claim_type, zh, en)
            claim_row.claimed_amount += amount
            claim_row.settled_amount += settled
            keyed.append(claim_row)
            total.claimed_amount += amount
            total.settled_amount += settled
        for target in [total, *keyed]:
            target.cases += 1
            if days is not None:
                target.closed += 1
                target.total_days += days
            if status == "SETTLED":
                target.settled += 1
    ordered = {}
    for name, table in tables.items():
        if name == "outcome":
            ordered[name] = [table[key] for key in OUTCOME_KEYS if key in table]
        elif name == "days_to_close":
            ordered[name] = [table[label] for _, _, label in DAYS_BUCKETS if label in table]
        elif name == "claim_type":
            ordered[name] = [table[key] for key in ClaimType.values if key in table]
        else:
            ordered[name] = [table[key] for key in sorted(table)]
    return Statistics(date_from=date_from, date_to=date_to, total=total, tables=ordered)


DIMENSION_LABELS = {
    "month": ("收件月份", "Month received"),
    "district": ("行政區", "District"),
    "industry": ("行業", "Industry"),
    "claim_type": ("請求事項", "Claim type"),
    "outcome": ("處理結果", "Outcome"),
    "days_to_close": ("結案日數", "Days to close"),
}


def statistics_csv_rows(statistics: Statistics) -> list[list]:
    """One long table: dimension, key, labels and the figures (for the CSV download)."""
    header = [
        "dimension", "key", "label_zh", "label_en", "cases", "closed", "settled", "settlement_rate_percent",
        "average_days_to_close", "claimed_amount", "settled_amount",
    ]
    out = [header]
    for name in ("total", *DIMENSIONS):
        rows = [statistics.total] if name == "total" else statistics.tables.get(name, [])
        for row in rows:
            out.append([
                name, row.key, row.label_zh, row.label_en, row.cases, row.closed, row.settled,
                "" if row.settlement_rate is None else row.settlement_rate,
                "" if row.average_days_to_close is None else row.average_days_to_close,
                row.claimed_amount, row.settled_amount,
            ])
    return out
