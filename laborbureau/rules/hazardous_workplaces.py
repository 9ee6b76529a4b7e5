"""Whether a construction project is a type D hazardous workplace (丁類危險性工作場所).

勞動檢查法第26條第1項第6款 (2020-06-10 version; text checked on law.moj.gov.tw, PCODE
N0070001): 中央主管機關會商目的事業主管機關指定之營造工程之工作場所 may not be worked
in before the labor inspection authority's review has passed; 第34條第1項第1款 punishes
the breach (a criminal offence, not a fine). The works so designated are listed in
危險性工作場所審查及檢查辦法第2條第4款 (丁類), in the version of the 2017 amendment
(勞動部 announced 2017-12-01; text as quoted by a secondary source, supervisordaily
blog 2018-09-17, not re-checked against law.moj.gov.tw PCODE N0070019, which the search
corpus holds only for other articles; `VERIFIED` says so). Those pages show the 辦法 as
amended on 2020-07-17 (民國109年07月17日): whether that amendment changed 第2條第4款 is
not known here, so the 2017 thresholds below need checking against the current text:

1. 建築物高度在80公尺以上之建築工程;
2. 單跨橋梁之橋墩跨距在75公尺以上或多跨橋梁之橋墩跨距在50公尺以上之橋梁工程;
3. 採用壓氣施工作業之工程;
4. 長度1000公尺以上或需開挖15公尺以上豎坑之隧道工程;
5. 開挖深度達18公尺以上，且開挖面積達500平方公尺之工程;
6. 工程中模板支撐高度7公尺以上、面積達330平方公尺以上者.

The employer applies 30 days before workers start (the 辦法: 甲類及丁類工作場所使勞工作業
三十日前申請審查; `APPLY_DAYS_BEFORE`). Pure: numbers and a date in, the criteria met
with their basis out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from laborbureau.rules.base import LegalBasis, RuleError

__all__ = ["APPLY_DAYS_BEFORE", "Criterion", "ProjectMeasures", "TypeDAssessment", "apply_by", "assess"]

LAW = "危險性工作場所審查及檢查辦法"
LAW_EN = "Regulations for the Examination and Inspection of Hazardous Workplaces"
ARTICLE = "第2條第4款"
VERSION = "2017-12-01 修正"
IN_FORCE_FROM = date(2017, 12, 1)
VERIFIED = ("thresholds from a secondary source quoting the 2017 text; not re-checked against law.moj.gov.tw, "
            "whose current text is the 2020-07-17 amendment")
APPLY_DAYS_BEFORE = 30

BUILDING_HEIGHT_M = Decimal(80)
SINGLE_SPAN_M = Decimal(75)
MULTI_SPAN_M = Decimal(50)
TUNNEL_LENGTH_M = Decimal(1000)
SHAFT_DEPTH_M = Decimal(15)
EXCAVATION_DEPTH_M = Decimal(18)
EXCAVATION_AREA_M2 = Decimal(500)
FORMWORK_HEIGHT_M = Decimal(7)
FORMWORK_AREA_M2 = Decimal(330)


@dataclass(frozen=True, slots=True)
class ProjectMeasures:
    """The project's dimensions; None (or 0) where the project has no such work."""

    building_height_m: Decimal | None = None
    bridge_span_m: Decimal | None = None  # the longest span between pier centres
    bridge_multi_span: bool = False
    compressed_air: bool = False
    tunnel_length_m: Decimal | None = None
    shaft_depth_m: Decimal | None = None
    excavation_depth_m: Decimal | None = None
    excavation_area_m2: Decimal | None = None
    formwork_height_m: Decimal | None = None
    formwork_area_m2: Decimal | None = None


@dataclass(frozen=True, slots=True)
class Criterion:
    code: str  # BUILDING, BRIDGE, COMPRESSED_AIR, TUNNEL, EXCAVATION, FORMWORK
    item: int  # the sub-item of 第2條第4款
    text_zh: str
    text_en: str


@dataclass(frozen=True, slots=True)
class TypeDAssessment:
    meets: bool
    criteria: tuple[Criterion, ...]
    basis: LegalBasis
    verified: str

    def as_json(self) -> list[dict]:
        return [{"code": c.code, "item": c.item, "zh": c.text_zh, "en": c.text_en} for c in self.criteria]


def _value(value, field: str) -> Decimal:
    if value is None:
        return Decimal(0)
    value = Decimal(value)
    if not value.is_finite() or value < 0:
        raise RuleError(field, "數值不可為負數。", "The value cannot be negative.")
    return value


def assess(measures: ProjectMeasures, on: date) -> TypeDAssessment:
    """The 丁類 criteria the project meets on `on` (辦法第2條第4款); `meets` if any."""
    if on < IN_FORCE_FROM:
        raise RuleError("on", f"本系統收錄之丁類認定標準自{IN_FORCE_FROM.isoformat()}起適用。",
                        f"The type D thresholds here apply from {IN_FORCE_FROM.isoformat()}.")
    m = {name: _value(getattr(measures, name), name) for name in (
        "building_height_m", "bridge_span_m", "tunnel_length_m", "shaft_depth_m", "excavation_depth_m",
        "excavation_area_m2", "formwork_height_m", "formwork_area_m2")}
    met: list[Criterion] = []
    if m["building_height_m"] >= BUILDING_HEIGHT_M:
        met.append(Criterion("BUILDING", 1, "建築物高度在80公尺以上之建築工程", "Building 80 m or taller"))
    span_limit = MULTI_SPAN_M if measures.bridge_multi_span else SINGLE_SPAN_M
    if m["bridge_span_m"] > 0 and m["bridge_span_m"] >= span_limit:
        met.append(Criterion("BRIDGE", 2, f"{'多' if measures.bridge_multi_span else '單'}跨橋梁之橋墩跨距在{span_limit}公尺以上",
                             f"Bridge with a pier span of {span_limit} m or more"))
    if measures.compressed_air:
        met.append(Criterion("COMPRESSED_AIR", 3, "採用壓氣施工作業之工程", "Work under compressed air"))
    if m["tunnel_length_m"] >= TUNNEL_LENGTH_M or m["shaft_depth_m"] >= SHAFT_DEPTH_M:
        met.append(Criterion("TUNNEL", 4, "長度1000公尺以上或需開挖15公尺以上豎坑之隧道工程",
                             "Tunnel 1,000 m or longer, or with a shaft 15 m or deeper"))
    if m["excavation_depth_m"] >= EXCAVATION_DEPTH_M and m["excavation_area_m2"] >= EXCAVATION_AREA_M2:
        met.append(Criterion("EXCAVATION", 5, "開挖深度達18公尺以上，且開挖面積達500平方公尺之工程",
                             "Excavation 18 m or deeper over 500 m² or more"))
    if m["formwork_height_m"] >= FORMWORK_HEIGHT_M and m["formwork_area_m2"] >= FORMWORK_AREA_M2:
        met.append(Criterion("FORMWORK", 6, "模板支撐高度7公尺以上、面積達330平方公尺以上",
                             "Formwork shoring 7 m or higher over 330 m² or more"))
    return TypeDAssessment(meets=bool(met), criteria=tuple(met),
                           basis=LegalBasis(LAW, ARTICLE, VERSION, LAW_EN), verified=VERIFIED)


def apply_by(work_starts_on: date) -> date:
    """The last day to apply for the review: 30 days before workers start there."""
    return work_starts_on - timedelta(days=APPLY_DAYS_BEFORE)
