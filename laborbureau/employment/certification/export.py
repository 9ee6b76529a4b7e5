"""The export of certified dates for the Bureau of Labor Insurance (勞動部勞工保險局).

The Bureau pays the benefit; the service sends it each certified date (the initial
recognition and every re-certification). Layout `UC-EXPORT-1` (also in
docs/certification-export.md): a CSV file (RFC 4180), UTF-8 without a byte-order mark, CRLF
line ends, one header row with the column names below, one row per certified date whose
attendance day falls in the range, ordered by that day and the row id.

| # | column | content |
|---|--------|---------|
| 1 | layout | always `UC-EXPORT-1` |
| 2 | claim_number | the service's claim number, `UC` + 6 digits |
| 3 | id_number | 身分證統一編號 or 居留證號 |
| 4 | name | 姓名 |
| 5 | birth_date | YYYYMMDD (Gregorian) |
| 6 | separation_date | 離職退保日, YYYYMMDD |
| 7 | separation_reason | code of `SeparationReason` (CLOSURE, LSA_11, LSA_13, LSA_14, LSA_20, FIXED_TERM) |
| 8 | last_employer_tax_id | 原投保單位統一編號 (8 digits, may be empty) |
| 9 | registration_date | 求職登記日, YYYYMMDD |
| 10 | benefit_month | 給付月次, 1–9 |
| 11 | certification_kind | `INITIAL` 失業認定 or `RECERT` 失業再認定 |
| 12 | period_start | YYYYMMDD |
| 13 | period_end | YYYYMMDD |
| 14 | certified_on | 認定日, YYYYMMDD |
| 15 | in_person | `Y`, or `N` when made by a proxy (就業保險法第29條第1項但書) |
| 16 | job_search_records | verified job-search records (第30條) |
| 17 | work_income | declared work income of the month (第31條), whole NTD, empty if none declared |
| 18 | dependants | dependants declared for the supplement (第19條之1), 0–2 counted |
| 19 | monthly_benefit_estimate | the service's estimate (第16條), whole NTD; the Bureau decides |
| 20 | payable_estimate | after the 第17條 deduction, whole NTD |
| 21 | office | the certifying office, `TPE-ESO` |

Personal data: each export is written to the access log with its range and row count.
"""

import csv
import io
from datetime import date

from laborbureau.core.models import User
from laborbureau.core.services import access_log_record
from laborbureau.employment.certification import services
from laborbureau.employment.certification.models import CertificationDate, DateStatus
from laborbureau.rules import unemployment as rules

LAYOUT = "UC-EXPORT-1"
OFFICE = "TPE-ESO"
COLUMNS = ("layout", "claim_number", "id_number", "name", "birth_date", "separation_date", "separation_reason",
           "last_employer_tax_id", "registration_date", "benefit_month", "certification_kind", "period_start",
           "period_end", "certified_on", "in_person", "job_search_records", "work_income", "dependants",
           "monthly_benefit_estimate", "payable_estimate", "office")
MAX_RANGE_DAYS = 366


def _ymd(day: date | None) -> str:
    return day.strftime("%Y%m%d") if day else ""


def export_rows(*, date_from: date, date_to: date):
    rows = (CertificationDate.objects.filter(status=DateStatus.CERTIFIED, attended_on__gte=date_from,
                                             attended_on__lte=date_to)
            .select_related("certification__person").order_by("attended_on", "pk"))
    for row in rows:
        claim = row.certification
        dependants = min(len([k for k in claim.dependants if k in rules.DEPENDANT_KINDS]), 2)
        yield (LAYOUT, claim.number, claim.person.id_number, claim.person.name, _ymd(claim.birth_date),
               _ymd(claim.separation_date), claim.separation_reason, claim.last_employer_tax_id,
               _ymd(claim.registration_date), row.month, "INITIAL" if row.initial else "RECERT",
               _ymd(row.period_start), _ymd(row.period_end), _ymd(row.attended_on), "Y" if row.in_person else "N",
               row.job_search_records, "" if row.work_income is None else row.work_income, dependants,
               claim.monthly_benefit or "", "" if row.payable is None else row.payable, OFFICE)


def bureau_export(*, date_from: date, date_to: date, actor: User) -> tuple[str, int]:
    """The CSV text and its row count, for ESO staff; logged (personal data)."""
    from laborbureau.core.errors import ApplicationError, NotFound

    if not services.can_read(actor):
        raise NotFound("匯出", "export")
    if date_to < date_from:
        raise ApplicationError("迄日不可早於起日。", "The end is before the start.", field="date_to")
    if (date_to - date_from).days >= MAX_RANGE_DAYS:
        raise ApplicationError(f"期間最長{MAX_RANGE_DAYS}日。", f"At most {MAX_RANGE_DAYS} days.", field="date_to")
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    count = 0
    for row in export_rows(date_from=date_from, date_to=date_to):
        writer.writerow(row)
        count += 1
    access_log_record(user=actor, action="export", object_type="unemployment_certification", object_id=0,
                      purpose="失業認定資料轉送勞保局", object_label=f"{date_from}–{date_to} ({count} rows)")
    return out.getvalue(), count
