"""Domestic recruitment before hiring foreign workers, and the transfer of foreign
workers between employers.

Domestic recruitment (國內招募, 就業服務法第47條)
-----------------------------------------------
"雇主聘僱外國人從事前條第一項第八款至第十一款規定之工作，應先以合理勞動條件在國內
辦理招募，經招募無法滿足其需要時，始得就該不足人數提出申請……雇主依前項規定在
國內辦理招募時，對於公立就業服務機構所推介之求職人，非有正當理由，不得拒絕。"
(就業服務法第47條, text of the 2023-05-10 compilation). Refusing a referred job
seeker without a proper reason bars the recruitment and employment permits
(就業服務法第54條第1項第2款).

The period (雇主聘僱外國人許可及管理辦法第17條第1項, amended 2023-05-30):

    "雇主申請聘僱第二類外國人應以合理勞動條件向工作場所所在地之公立就業服務機構
    辦理求才登記後次日起，在……全國性之就業資訊網登載求才廣告，並自登載之次日起
    至少七日辦理招募本國勞工。但同時於中央主管機關指定之國內新聞紙中選定一家連續
    刊登二日者，自刊登期滿之次日起至少三日辦理招募本國勞工。"

So: registration on day R; the advertisement runs on the national job site from
R + 1 at the earliest (day A); recruitment runs from A + 1 for at least 7 days,
i.e. its last day is A + 7. With a newspaper advertisement on two consecutive days
N, N + 1 as well, it runs from N + 2 for at least 3 days (last day N + 4), and the
earlier of the two ends is enough. "至少七日" is a minimum length, not a time limit
a party must meet, so 行政程序法第48條第4項 (moving a last day that falls on a day
off) does not shorten or lengthen it: the days are calendar days.

Source: 勞動部法規查詢系統, 雇主聘僱外國人許可及管理辦法第17條 (112-10-13 compilation,
with the 112-05-30 reasons: the period was shortened because the job site and the
referrals publish a vacancy at once). Only this text was verified here; the rule
refuses dates before 2023-05-30 rather than guess the earlier periods. A later
amendment (114-07-30, 勞動發管字第1140511703A號) also touched 第17條; its text was
not available when this was written: check it before relying on periods after that.

家庭看護工作 is recruited through the long-term care centres (同辦法第18條), not by a
求才登記 at the employment service: `recruitment_period` refuses it.

Transfer of foreign workers (轉換雇主, 就業服務法第59條)
-----------------------------------------------------
A worker of 第46條第1項第8款至第11款 may change employers with the central
authority's approval on the grounds of 第59條第1項 (the employer or the person cared
for died or emigrated; the ship was seized, sank or is repaired; the employer closed
down or did not pay wages and the contract was ended; another cause not attributable
to the worker). The procedure is in 外國人受聘僱從事就業服務法第四十六條第一項第八款至
第十一款規定工作之轉換雇主或工作程序準則: after the permit to transfer out (轉出函) is
served, the worker (or employer) registers with the public employment service
within 14 days; the transfer period is 60 days from the registration and may be
extended once by at most 60 days on the original employer's application; a new
employer who takes the worker over (承接, 接續聘僱) applies for the continued-
employment permit within 15 days of the agreement (準則第19條第1項第2款 for the
agreed takeovers). Sources: 勞動力發展署直聘中心「轉出外國人」流程說明; 準則第19條
(113-01-03 compilation). The article numbers of the 14-day and 60-day limits in the
準則 were not verified here; the citations below name the 準則 without them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Final

from laborbureau.rules.base import LegalBasis, RuleError, Step

__all__ = [
    "PERIOD_BASIS",
    "PERIOD_IN_FORCE_FROM",
    "REFERRED_REFUSAL_BASIS",
    "RefusalReason",
    "REFUSAL_REASONS",
    "RecruitmentPeriod",
    "TransferPeriod",
    "WORK_CATEGORIES",
    "recruitment_period",
    "refusal_reason",
    "transfer_period",
]

EMPLOYMENT_SERVICE_ACT: Final = "就業服務法"
PERMIT_REGULATIONS: Final = "雇主聘僱外國人許可及管理辦法"
TRANSFER_RULES: Final = "外國人受聘僱從事就業服務法第四十六條第一項第八款至第十一款規定工作之轉換雇主或工作程序準則"

PERIOD_IN_FORCE_FROM: Final = date(2023, 5, 30)
WEB_DAYS: Final = 7  # 第17條第1項本文: 自登載之次日起至少七日
NEWSPAPER_RUN_DAYS: Final = 2  # 但書: 連續刊登二日
NEWSPAPER_DAYS: Final = 3  # 但書: 自刊登期滿之次日起至少三日

PERIOD_BASIS: Final = LegalBasis(
    law=PERMIT_REGULATIONS, article="第17條第1項", version="2023-05-30 修正",
    law_en="Regulations on the Permission and Administration of the Employment of Foreign Workers",
)
NEWSPAPER_BASIS: Final = LegalBasis(
    law=PERMIT_REGULATIONS, article="第17條第1項但書", version="2023-05-30 修正",
    law_en="Regulations on the Permission and Administration of the Employment of Foreign Workers",
)
REFERRED_REFUSAL_BASIS: Final = LegalBasis(
    law=EMPLOYMENT_SERVICE_ACT, article="第47條第2項", version="2023-05-10 修正", law_en="Employment Service Act",
)
PERMIT_BAR_BASIS: Final = LegalBasis(
    law=EMPLOYMENT_SERVICE_ACT, article="第54條第1項第2款", version="2023-05-10 修正", law_en="Employment Service Act",
)
NON_DISCRIMINATION_BASIS: Final = LegalBasis(
    law=EMPLOYMENT_SERVICE_ACT, article="第5條第1項", version="2023-05-10 修正", law_en="Employment Service Act",
)
TRANSFER_GROUNDS_BASIS: Final = LegalBasis(
    law=EMPLOYMENT_SERVICE_ACT, article="第59條第1項", version="2023-05-10 修正", law_en="Employment Service Act",
)
TRANSFER_PROCEDURE_BASIS: Final = LegalBasis(
    law=TRANSFER_RULES, article="（轉換登記十四日、轉換作業期間六十日，得延長一次）", version="2024-01-03 彙編",
    law_en="Rules on the transfer of employer or work of foreign workers",
)

# The kinds of work of 就業服務法第46條第1項第8款至第10款 that a 求才登記 can serve
# (code, label, the 款 it falls under). 家庭看護 is recruited under 第18條 instead.
WORK_CATEGORIES: Final[dict[str, tuple[str, str]]] = {
    "FISHING": ("海洋漁撈工作", "第46條第1項第8款"),
    "DOMESTIC_HELPER": ("家庭幫傭工作", "第46條第1項第9款"),
    "INSTITUTIONAL_CARE": ("機構看護工作", "第46條第1項第9款"),
    "HOME_CARE": ("家庭看護工作", "第46條第1項第9款"),
    "MANUFACTURING": ("製造工作", "第46條第1項第10款"),
    "CONSTRUCTION": ("營造工作", "第46條第1項第10款"),
    "SLAUGHTERING": ("屠宰工作", "第46條第1項第10款"),
    "AGRICULTURE": ("農業工作", "第46條第1項第10款"),
}
HOME_CARE: Final = "HOME_CARE"


@dataclass(frozen=True, slots=True)
class RecruitmentPeriod:
    """The statutory recruitment of one registration.

    ``advertised_on`` is the first day the advertisement counts (the day after the
    registration at the earliest); ``first_day``..``last_day`` the days local job
    seekers must have had; ``certificate_from`` the first day the period is complete.
    """

    registered_on: date
    advertised_on: date
    first_day: date
    last_day: date
    days: int
    newspaper: bool
    basis: LegalBasis
    steps: tuple[Step, ...]

    @property
    def certificate_from(self) -> date:
        return self.last_day + timedelta(days=1)

    def complete_on(self, day: date) -> bool:
        return day > self.last_day


def recruitment_period(
    *,
    registered_on: date,
    advertised_on: date,
    work_category: str,
    newspaper_first_day: date | None = None,
) -> RecruitmentPeriod:
    """The recruitment period of a 求才登記 registered on ``registered_on`` whose
    advertisement went up on ``advertised_on`` (the rule in force on the registration
    day applies). ``newspaper_first_day``: the first of two consecutive days in a
    designated newspaper (但書), if the employer also advertised there."""
    if work_category not in WORK_CATEGORIES:
        raise RuleError("work_category", "工作類別不正確。", "Unknown kind of work.")
    if work_category == HOME_CARE:
        raise RuleError(
            "work_category",
            "家庭看護工作依雇主聘僱外國人許可及管理辦法第18條，經長期照顧管理中心推介本國看護，不在此辦理求才登記。",
            "Home care is recruited through the long-term care centres (Art. 18), not by a job registration here.",
        )
    if registered_on < PERIOD_IN_FORCE_FROM:
        raise RuleError(
            "registered_on",
            "本系統依2023年5月30日修正之第17條計算招募期間，不適用更早的登記。",
            "The period is computed under Art. 17 as amended on 2023-05-30; earlier registrations are not covered.",
        )
    if advertised_on < registered_on:
        raise RuleError("advertised_on", "求才廣告登載日不可早於求才登記日。",
                        "The advertisement cannot precede the registration.")
    # 第17條第1項: the advertisement runs from the day after the registration.
    counted_from = max(advertised_on, registered_on + timedelta(days=1))
    web_last = counted_from + timedelta(days=WEB_DAYS)
    steps = [
        Step("求才登記日", "Registered on", registered_on.isoformat()),
        Step("求才廣告起算日（登記之次日起登載）", "Advertisement counts from (the day after registration at the earliest)",
             counted_from.isoformat(), basis=PERIOD_BASIS),
        Step("網站招募期間（登載之次日起至少七日）", "Job-site recruitment (7 days from the day after the advertisement)",
             f"{(counted_from + timedelta(days=1)).isoformat()}–{web_last.isoformat()}",
             formula=f"{counted_from.isoformat()} + 1 … + {WEB_DAYS}", basis=PERIOD_BASIS),
    ]
    first_day, last_day, days, basis, newspaper = counted_from + timedelta(days=1), web_last, WEB_DAYS, PERIOD_BASIS, False
    if newspaper_first_day is not None:
        if newspaper_first_day < counted_from:
            raise RuleError("newspaper_first_day", "報紙刊登日不可早於求才廣告登載日（須同時刊登）。",
                            "The newspaper advertisement cannot precede the job-site advertisement (both run together).")
        run_end = newspaper_first_day + timedelta(days=NEWSPAPER_RUN_DAYS - 1)
        paper_last = run_end + timedelta(days=NEWSPAPER_DAYS)
        steps.append(Step(
            "報紙連續刊登二日期滿之次日起至少三日", "3 days from the day after two consecutive newspaper days",
            f"{(run_end + timedelta(days=1)).isoformat()}–{paper_last.isoformat()}",
            formula=f"{newspaper_first_day.isoformat()} + {NEWSPAPER_RUN_DAYS - 1} + 1 … + {NEWSPAPER_DAYS}",
            basis=NEWSPAPER_BASIS,
        ))
        if paper_last < web_last:
            first_day, last_day, days, basis, newspaper = (
                run_end + timedelta(days=1), paper_last, NEWSPAPER_DAYS, NEWSPAPER_BASIS, True)
    steps.append(Step("招募期滿日", "Last day of the recruitment", last_day.isoformat(), basis=basis))
    return RecruitmentPeriod(
        registered_on=registered_on, advertised_on=counted_from, first_day=first_day, last_day=last_day, days=days,
        newspaper=newspaper, basis=basis, steps=tuple(steps),
    )


# --- refusing a referred job seeker --------------------------------------------------


@dataclass(frozen=True, slots=True)
class RefusalReason:
    """A reason an employer gives for not hiring a referred local job seeker.

    ``presumed_lawful`` is the starting point of the officer's judgement, who decides
    on the facts (第47條第2項 "非有正當理由，不得拒絕"): a reason on the job seeker's
    side (did not come, declined, does not meet a requirement stated in the
    registration) is presumed proper; a reason the registration did not announce, or
    one of 第5條第1項's grounds, is not a proper reason.
    """

    code: str
    label_zh: str
    label_en: str
    presumed_lawful: bool
    basis: LegalBasis


REFUSAL_REASONS: Final[dict[str, RefusalReason]] = {
    reason.code: reason
    for reason in (
        RefusalReason("NO_SHOW", "求職人未依約定時間到場面試", "The job seeker did not come to the interview", True,
                      REFERRED_REFUSAL_BASIS),
        RefusalReason("SEEKER_DECLINED", "求職人不願接受所提供之工作或勞動條件", "The job seeker declined the job or its terms",
                      True, REFERRED_REFUSAL_BASIS),
        RefusalReason("NOT_QUALIFIED", "求職人不具求才登記所載之資格或專長", "Lacks a qualification stated in the registration",
                      True, REFERRED_REFUSAL_BASIS),
        RefusalReason("FAILED_STATED_TEST", "未通過求才登記時已載明之甄選測驗", "Failed a selection test announced in the registration",
                      True, REFERRED_REFUSAL_BASIS),
        RefusalReason("NO_REPORT", "錄用後未於約定日期報到", "Hired but did not start on the agreed day", True,
                      REFERRED_REFUSAL_BASIS),
        RefusalReason("EXTRA_REQUIREMENT", "以求才登記未載明之條件拒絕", "A requirement not stated in the registration", False,
                      REFERRED_REFUSAL_BASIS),
        RefusalReason("DISCRIMINATION", "以年齡、性別、身心障礙等第5條第1項事由拒絕",
                      "A ground of Art. 5(1) (age, sex, disability…)", False, NON_DISCRIMINATION_BASIS),
        RefusalReason("NO_INTERVIEW", "未經面試即拒絕", "Refused without an interview", False, REFERRED_REFUSAL_BASIS),
        RefusalReason("OTHER", "其他（請說明）", "Other (explain)", False, REFERRED_REFUSAL_BASIS),
    )
}


def refusal_reason(code: str) -> RefusalReason:
    try:
        return REFUSAL_REASONS[code]
    except KeyError:
        raise RuleError("reason", "拒絕理由的選項不正確。", "Unknown reason for the refusal.") from None


# --- transfers ----------------------------------------------------------------------

REGISTRATION_DAYS: Final = 14
TRANSFER_DAYS: Final = 60
EXTENSION_DAYS: Final = 60
TAKEOVER_APPLICATION_DAYS: Final = 15


@dataclass(frozen=True, slots=True)
class TransferPeriod:
    registration_due: date  # register with the public employment service by this day
    registered_on: date | None
    period_end: date | None  # the last day of the transfer period (with the extension, if granted)
    extended: bool
    basis: LegalBasis


def transfer_period(*, served_on: date, registered_on: date | None = None, extended: bool = False) -> TransferPeriod:
    """The days of a transfer whose permit to transfer out was served on ``served_on``
    (the first day not counted): the registration within 14 days, the 60-day transfer
    period from the registration, 60 more once if extended."""
    if registered_on is not None and registered_on < served_on:
        raise RuleError("registered_on", "轉換登記日不可早於轉出函送達日。",
                        "The registration cannot precede the service of the transfer permit.")
    if extended and registered_on is None:
        raise RuleError("extended", "尚未辦理轉換登記，不能延長轉換期間。", "Nothing to extend before the registration.")
    end = None
    if registered_on is not None:
        end = registered_on + timedelta(days=TRANSFER_DAYS + (EXTENSION_DAYS if extended else 0))
    return TransferPeriod(
        registration_due=served_on + timedelta(days=REGISTRATION_DAYS), registered_on=registered_on, period_end=end,
        extended=extended, basis=TRANSFER_PROCEDURE_BASIS,
    )
