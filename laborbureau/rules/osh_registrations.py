"""Validity periods of the labor inspection office's registrations (勞動檢查處登錄／認可).

Pure: dates in, the last day of validity and its basis out.

- Construction-site self-management certification (營造工地自主管理認證標章): the
  Taipei City program of the Department of Labor (臺北市政府勞動局年度施政計畫, 勞動
  檢查處「營造工程自主管理」); the mark is granted for one year, renewable on a new
  application and inspection. An administrative program, not a statute.
- Training units (職業安全衛生教育訓練規則第20條: a training unit reports its training
  venue, equipment and facilities to the local authority for approval before it trains,
  and again when they change): the approval holds while the venue is unchanged; the
  office re-checks it every three years on audit (同規則第27條 lets the authority
  audit the training at any time). Validity here: three years.
- Medical institutions for workers' health checks (勞工健康保護規則第14條, 辦理勞工體格
  與健康檢查醫療機構認可及管理辦法: recognised by the central authority on the local
  authority's review, 同辦法第13條): three years.
- Safety and health personnel (職業安全衛生管理辦法第7條 qualifications, 第86條 the
  employer's report of the personnel): a qualification does not expire; the in-service
  training every two years (職業安全衛生教育訓練規則第18條) is checked on inspection.

A period runs from the day of approval and ends the day before the same date N years
later (民法第121條第2項: a period in years ends on the day before the corresponding day;
with no corresponding day — 29 February — on the last day of that month).
"""

import calendar
from dataclasses import dataclass
from datetime import date

SITE_CERTIFICATION = "SITE_CERTIFICATION"
TRAINING_UNIT = "TRAINING_UNIT"
MEDICAL_INSTITUTION = "MEDICAL_INSTITUTION"
SAFETY_PERSONNEL = "SAFETY_PERSONNEL"


@dataclass(frozen=True)
class ValidityRule:
    years: int | None  # None: does not expire
    basis: str


RULES: dict[str, ValidityRule] = {
    SITE_CERTIFICATION: ValidityRule(1, "臺北市營造工地自主管理認證標章作業（標章效期一年）"),
    TRAINING_UNIT: ValidityRule(3, "職業安全衛生教育訓練規則第20條、第27條（核定後每三年重新查核）"),
    MEDICAL_INSTITUTION: ValidityRule(3, "勞工健康保護規則第14條；辦理勞工體格與健康檢查醫療機構認可及管理辦法（認可效期三年）"),
    SAFETY_PERSONNEL: ValidityRule(None, "職業安全衛生管理辦法第7條、第86條（資格不設效期）"),
}


def _same_day_years_later(start: date, years: int) -> date:
    year = start.year + years
    day = min(start.day, calendar.monthrange(year, start.month)[1])
    return date(year, start.month, day)


def valid_until(kind: str, approved_on: date) -> date | None:
    """The last day a registration of `kind` approved on `approved_on` is valid, or None
    where it does not expire. 民法第121條第2項: the period ends on the day before the
    corresponding day; where the last month has no corresponding day (29 Feb), on the
    last day of that month."""
    rule = RULES[kind]
    if rule.years is None:
        return None
    year = approved_on.year + rule.years
    last_day_of_month = calendar.monthrange(year, approved_on.month)[1]
    if approved_on.day > last_day_of_month:  # no corresponding day: the month's last day
        return date(year, approved_on.month, last_day_of_month)
    return date.fromordinal(_same_day_years_later(approved_on, rule.years).toordinal() - 1)


def is_valid_on(kind: str, approved_on: date, on: date, revoked_on: date | None = None) -> bool:
    """Whether the registration is in force on `on`: approved, not yet expired, not revoked."""
    if on < approved_on or (revoked_on is not None and on >= revoked_on):
        return False
    until = valid_until(kind, approved_on)
    return until is None or on <= until
