"""Which occupational accidents must be reported within 8 hours, and when a report is late.

職業安全衛生法 (Occupational Safety and Health Act; this name and text in force since
2014-07-03, 行政院103年6月20日院臺勞字第1030031158號令)
--------------------------------------------------------------------------------
* 第37條第2項: "事業單位勞動場所發生下列職業災害之一者，雇主應於八小時內通報勞動檢查
  機構：一、發生死亡災害。二、發生災害之罹災人數在三人以上。三、發生災害之罹災人數在
  一人以上，且需住院治療。四、其他經中央主管機關指定公告之災害。"
  (text checked against 全國法規資料庫 law.moj.gov.tw pcode N0060001 art. 37 and 勞動部
  勞動法令查詢系統; the amendment promulgated 2025-12-19 did not touch 第37條.)
* 第37條第3項: the inspection agency sends an inspector to a death or serious injury
  (重傷, 施行細則第49條第2項: 住院治療連續達二十四小時以上) — see ``inspection_required``.
* 職業安全衛生法施行細則第48條 (2020-02-27 version): 第2款 counts the workers of the
  same accident with permanent total, permanent partial or temporary total disability
  (永久全失能、永久部分失能及暫時全失能之總人數); 第3款 means at least one worker
  diagnosed by a medical institution as needing hospitalisation (經醫療機構診斷需住院治療).
* 施行細則第47條: the 8 hours run from the moment the employer knew or could have
  known of the accident (事業單位明知或可得而知已發生規定之職業災害事實起八小時內);
  a report made on the employer's behalf during the rescue counts as its report.
  *Wording recalled and matched against secondary sources (勞動部 Q&A as quoted in
  public posts); confirm against the 施行細則 text before relying on it in a decision.*
  The period is counted in hours (行政程序法第48條第1項: 期間以時計算者，即時起算), so
  the deadline is exactly 8 hours after that moment, night or holiday alike.
* 第43條 (in force text of 2013-07-03): a breach of 第37條第2項 is fined NT$30,000–300,000
  (rules.fine_ranges, law code OSHA, 第43條第2款).

Pure Python: datetimes in, results with their legal basis out. Aware or naive
datetimes are accepted as long as the two compared are of the same kind.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Final

from laborbureau.rules.base import LegalBasis, RuleError

__all__ = [
    "IN_FORCE_FROM",
    "REPORT_HOURS",
    "Lateness",
    "Reportability",
    "assess",
    "inspection_required",
    "lateness",
    "report_deadline",
]

IN_FORCE_FROM: Final = date(2014, 7, 3)
REPORT_HOURS: Final = 8
LAW = "職業安全衛生法"
LAW_EN = "Occupational Safety and Health Act"
VERSION = "2013-07-03 修正公布全文，2014-07-03 施行"
DUTY = LegalBasis(LAW, "第37條第2項", VERSION, LAW_EN)
COUNTING = LegalBasis("職業安全衛生法施行細則", "第47條", "2020-02-27 修正發布", "Enforcement Rules of the OSH Act")
FINE = LegalBasis(LAW, "第43條第2款", VERSION, LAW_EN)
FINE_LAW_CODE: Final = "OSHA"
FINE_ARTICLE: Final = "第43條第2款"
VIOLATED_ARTICLE: Final = "第37條第2項"

CLAUSE_LABELS: Final = {
    1: ("發生死亡災害", "a death"),
    2: ("罹災人數在三人以上", "three or more workers injured"),
    3: ("罹災人數在一人以上且需住院治療", "one or more workers needing hospital treatment"),
    4: ("經中央主管機關指定公告之災害", "an accident designated by the central authority"),
}


@dataclass(frozen=True, slots=True)
class Reportability:
    """Whether 第37條第2項 requires the 8-hour report, and under which 款."""

    reportable: bool
    clauses: tuple[int, ...]  # the 款 met, e.g. (1, 3)
    basis: LegalBasis

    @property
    def citations(self) -> list[str]:
        return [f"{self.basis.cite()}第{clause}款" for clause in self.clauses]

    @property
    def label_zh(self) -> str:
        return "、".join(CLAUSE_LABELS[c][0] for c in self.clauses) or "非屬應於八小時內通報之職業災害"

    @property
    def label_en(self) -> str:
        return ", ".join(CLAUSE_LABELS[c][1] for c in self.clauses) or "not an accident to report within 8 hours"


def _count(value: int, field: str, label_zh: str, label_en: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise RuleError(field, f"{label_zh}應為0以上的整數。", f"{label_en} must be a whole number, 0 or more.")
    return value


def _check_date(on: date) -> None:
    if on < IN_FORCE_FROM:
        raise RuleError(
            "occurred_at",
            f"職業安全衛生法第37條第2項自{IN_FORCE_FROM.isoformat()}施行，之前之災害不適用本規則。",
            f"OSH Act art. 37(2) applies from {IN_FORCE_FROM.isoformat()}; earlier accidents are not covered.",
        )


def assess(*, on: date, deaths: int, disabled: int, hospitalised: int, designated: bool = False) -> Reportability:
    """Whether an accident on `on` must be reported within 8 hours (第37條第2項).

    `deaths`: workers killed; `disabled`: workers with a permanent total, permanent
    partial or temporary total disability (施行細則第48條第1項; the dead are counted
    too, since each of them is a 罹災者); `hospitalised`: workers diagnosed as needing
    hospital treatment (第48條第2項); `designated`: an accident of a kind the central
    authority designated (第4款)."""
    _check_date(on)
    deaths = _count(deaths, "deaths", "死亡人數", "The number of deaths")
    disabled = _count(disabled, "injured", "受傷人數", "The number injured")
    hospitalised = _count(hospitalised, "hospitalised", "住院人數", "The number hospitalised")
    clauses = []
    if deaths >= 1:
        clauses.append(1)
    if deaths + disabled >= 3:
        clauses.append(2)
    if hospitalised >= 1:
        clauses.append(3)
    if designated:
        clauses.append(4)
    return Reportability(reportable=bool(clauses), clauses=tuple(clauses), basis=DUTY)


def report_deadline(known_at: datetime) -> datetime:
    """The last moment of the 8-hour report: 8 hours after the employer knew or could
    have known of the accident (施行細則第47條; counted in hours, 行政程序法第48條第1項)."""
    _check_date(known_at.date())
    return known_at + timedelta(hours=REPORT_HOURS)


@dataclass(frozen=True, slots=True)
class Lateness:
    deadline: datetime
    late: bool
    minutes_late: int  # whole minutes past the deadline, rounded up; 0 when in time
    basis: LegalBasis


def lateness(*, known_at: datetime, reported_at: datetime) -> Lateness:
    """Whether a report made at `reported_at` came after the 8-hour deadline. A report
    at exactly the deadline is in time ("於八小時內")."""
    deadline = report_deadline(known_at)
    if reported_at < known_at:
        raise RuleError(
            "known_at", "知悉時間不可晚於通報時間。", "The time the employer learned of it cannot be after the report."
        )
    late = reported_at > deadline
    seconds = (reported_at - deadline).total_seconds() if late else 0
    minutes = int(-(-seconds // 60)) if late else 0
    return Lateness(deadline=deadline, late=late, minutes_late=minutes, basis=DUTY)


def inspection_required(*, deaths: int, hospitalised_24h: int) -> bool:
    """第37條第3項: the agency sends an inspector to a death or a serious injury
    (重傷: 住院治療連續達二十四小時以上, 施行細則第49條第2項)."""
    return _count(deaths, "deaths", "死亡人數", "The number of deaths") > 0 or _count(
        hospitalised_24h, "hospitalised", "住院人數", "The number hospitalised"
    ) > 0
