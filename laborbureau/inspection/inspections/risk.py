"""Risk score for choosing the establishments of the yearly inspection plan (檢查計畫).

勞動檢查法第4條 makes the labor inspection authority set its inspection priorities; the
Ministry's yearly 勞動檢查方針 asks the authorities to choose targets by risk: the
industry (營造業 and manufacturing first), the size of the workforce, the accident and
violation history, complaints, and construction in progress. This module turns those
facts into a score from 0 to 100 with the reasons shown, so that a chief can read why
an establishment is on the plan and adjust it.

Pure Python (no Django): facts in, a score and its parts out. The weights are policy,
not law; they are data here (`INDUSTRY_WEIGHTS`, the bands) so that a change is one
line with its reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field

MAX_SCORE = 100

# Points by industry section (行業統計分類第11次修正, sections A–S). 營造業 (F) carries the
# most fatal accidents in the Ministry's occupational-accident statistics, then
# manufacturing (C), mining (B), utilities (D, E) and transport (H).
INDUSTRY_WEIGHTS: dict[str, int] = {
    "F": 30, "B": 25, "C": 20, "D": 12, "E": 15, "H": 15, "A": 10, "I": 8, "N": 8, "G": 5, "Q": 5,
}
INDUSTRY_DEFAULT = 3
INDUSTRY_LABELS = {
    "F": ("營造業", "construction"), "B": ("礦業及土石採取業", "mining and quarrying"), "C": ("製造業", "manufacturing"),
    "D": ("電力及燃氣供應業", "electricity and gas"), "E": ("用水供應及污染整治業", "water and remediation"),
    "H": ("運輸及倉儲業", "transport and storage"), "A": ("農林漁牧業", "agriculture"), "I": ("住宿及餐飲業", "hotels and food"),
    "N": ("支援服務業", "support services"), "G": ("批發及零售業", "wholesale and retail"), "Q": ("醫療保健及社會工作服務業", "health and social work"),
}

# (at least this many workers, points): more workers exposed, more at stake.
SIZE_BANDS: tuple[tuple[int, int], ...] = ((300, 20), (100, 15), (30, 10), (10, 5), (1, 2))

POINTS_PER_VIOLATION = 6  # provisions found violated in the last three years
VIOLATION_CAP = 24
POINTS_PER_ACCIDENT = 10  # occupational accidents reported in the last three years
ACCIDENT_CAP = 30
POINTS_PER_COMPLAINT = 4  # labor-standards complaints in the last year
COMPLAINT_CAP = 16
CONSTRUCTION_POINTS = 15  # construction in progress (營造工程施工中)
NEVER_INSPECTED_POINTS = 5  # never inspected, or not in the last three years


@dataclass(frozen=True)
class RiskFacts:
    """What is known of one establishment on the day of scoring."""

    industry_section: str = ""  # "F"; empty when unknown
    headcount: int | None = None  # the latest headcount record
    violations: int = 0  # provisions violated in the last three years (our own findings)
    accidents: int = 0  # occupational accidents in the last three years
    complaints: int = 0  # labor-standards complaints in the last year
    construction_in_progress: bool = False
    inspected_recently: bool = False  # inspected in the last three years


@dataclass(frozen=True)
class Reason:
    code: str
    points: int
    text_zh: str
    text_en: str


@dataclass(frozen=True)
class RiskScore:
    score: int
    reasons: tuple[Reason, ...] = field(default_factory=tuple)

    def as_json(self) -> list[dict]:
        return [{"code": r.code, "points": r.points, "zh": r.text_zh, "en": r.text_en} for r in self.reasons]


def _size_points(headcount: int | None) -> int:
    if not headcount:
        return 0
    for at_least, points in SIZE_BANDS:
        if headcount >= at_least:
            return points
    return 0


def score(facts: RiskFacts) -> RiskScore:
    """The establishment's risk score (0–100) and the reasons that make it up, largest
    first. Each input counts up to its cap; the total is capped at MAX_SCORE. The score
    never falls when a fact worsens (more workers, violations, accidents, complaints)."""
    if min(facts.violations, facts.accidents, facts.complaints) < 0 or (facts.headcount or 0) < 0:
        raise ValueError("counts cannot be negative")
    reasons: list[Reason] = []
    section = (facts.industry_section or "").upper()[:1]
    industry = INDUSTRY_WEIGHTS.get(section, INDUSTRY_DEFAULT) if section else 0
    if industry:
        zh, en = INDUSTRY_LABELS.get(section, ("其他行業", "other industries"))
        reasons.append(Reason("industry", industry, f"行業別：{zh}（{section}）", f"Industry: {en} ({section})"))
    size = _size_points(facts.headcount)
    if size:
        reasons.append(Reason("size", size, f"僱用勞工{facts.headcount}人", f"{facts.headcount} workers employed"))
    if facts.violations:
        points = min(facts.violations * POINTS_PER_VIOLATION, VIOLATION_CAP)
        reasons.append(Reason("violations", points, f"近三年違規{facts.violations}項",
                              f"{facts.violations} provisions violated in three years"))
    if facts.accidents:
        points = min(facts.accidents * POINTS_PER_ACCIDENT, ACCIDENT_CAP)
        reasons.append(Reason("accidents", points, f"近三年職業災害{facts.accidents}件",
                              f"{facts.accidents} occupational accidents in three years"))
    if facts.complaints:
        points = min(facts.complaints * POINTS_PER_COMPLAINT, COMPLAINT_CAP)
        reasons.append(Reason("complaints", points, f"近一年勞動條件申訴{facts.complaints}件",
                              f"{facts.complaints} labor-standards complaints in the last year"))
    if facts.construction_in_progress:
        reasons.append(Reason("construction", CONSTRUCTION_POINTS, "營造工程施工中", "Construction in progress"))
    if not facts.inspected_recently:
        reasons.append(Reason("not_inspected", NEVER_INSPECTED_POINTS, "近三年未曾檢查", "Not inspected in three years"))
    reasons.sort(key=lambda r: (-r.points, r.code))
    return RiskScore(min(sum(r.points for r in reasons), MAX_SCORE), tuple(reasons))


def suggested_type(facts: RiskFacts) -> str:
    """The inspection type the plan proposes: construction sites for 營造業 or work in
    progress, labor conditions where there are complaints and the industry's safety risk
    is low (e.g. retail, services), general supervision otherwise."""
    if facts.construction_in_progress or (facts.industry_section or "").upper()[:1] == "F":
        return "CONSTRUCTION"
    # Complaints at a site whose industry is of low safety risk point at working conditions.
    if facts.complaints and INDUSTRY_WEIGHTS.get((facts.industry_section or "").upper()[:1], INDUSTRY_DEFAULT) < 10:
        return "LABOR_CONDITIONS"
    return "GENERAL"
