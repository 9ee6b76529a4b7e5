"""The scam screening every vacancy passes before it is published (求職防騙, 不實徵才廣告查察).

`screen_vacancy(vacancy)` reads the vacancy as it is about to be saved and answers PUBLISH
(it goes public at once) or REVIEW (it waits, status HELD, in an officer's review queue;
`employment.reviews`). It is a transparent scorer, not a model: `SIGNALS` lists every sign
of a fraudulent or unlawful job ad with its weight, a bilingual reason and its legal basis;
the score is the sum of the weights of the signals that fire, and an ad at or above
`THRESHOLD` is held. Each fired signal is kept with the vacancy (code, weight, reasons,
basis, the words that fired it), so an officer sees why and the screening can be measured
on the officers' decisions (`reviews.screening_quality`) and on the labelled set
(`tests/data/screening_labelled.json`, `bench/screening.py`).

Design rules:
- One signal counts once, however many words fire it (the score cannot be inflated by
  repetition), and no signal has a negative weight: adding text never lowers a score.
- A signal that is only *suspicious* (high pay, a LINE contact, a new employer, "easy
  money" wording) weighs less than the threshold: it holds an ad only with another sign.
  An ad that plainly breaks the law (asks for a deposit, keeps ID cards or bank books,
  discriminates, recruits money mules or sex work) is held on that sign alone.
- Context and negation: "不收任何費用" is no fee request; "錄取後繳交身分證影本辦理勞健保"
  is the lawful collection of an ID copy after hiring; a single-sex requirement with a
  lawful reason (女性更衣室, 女性受刑人戒護 …; 性別平等工作法第7條但書) is not discrimination.
- The text is folded first (NFKC full/half width, 臺→台, 份/証 variants, spaces, Chinese
  numerals before 歲/萬/元), so 全形 and variant spellings fire the same signals.
"""

import csv
import re
import statistics
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from functools import lru_cache
from pathlib import Path

from django.db.models import Count
from django.utils import timezone

from laborbureau.core import services as core_services
from laborbureau.core.models import UserKind
from laborbureau.employment.models import ScreeningReview, Vacancy, VacancyStatus

PUBLISH = "publish"
REVIEW = "review"
THRESHOLD = 1.0

# Pay far above the market: the floor of the ad's pay at this multiple of the median.
FAR_ABOVE_RATIO = 2.0
# The job bank's own median is used with at least this many open vacancies of the
# occupation and pay unit (the most recent MARKET_SAMPLE of them); else the shipped table.
MARKET_MIN_SAMPLE = 30
MARKET_SAMPLE = 201
# A pay claimed in the text, as monthly pay: worth flagging above this multiple of the
# reference and of the ad's own pay.
CLAIM_RATIO_MARKET = 2.0
CLAIM_RATIO_OWN = 1.5
MONTHLY_HOURS = 176
MONTHLY_DAYS = 22
NEW_EMPLOYER_DAYS = 30
UNDISCLOSED_PAY_LIMIT = 40000  # 就業服務法第5條第2項第6款

DATA_DIR = Path(__file__).resolve().parent / "data"

ACT = "就業服務法"
ART5_1 = f"{ACT}第5條第1項"
ART5_2_1 = f"{ACT}第5條第2項第1款"
ART5_2_2 = f"{ACT}第5條第2項第2款"
ART5_2_3 = f"{ACT}第5條第2項第3款"
ART5_2_4 = f"{ACT}第5條第2項第4款"
ART5_2_6 = f"{ACT}第5條第2項第6款"
GENDER_ACT_7 = "性別平等工作法第7條"
AGE_ACT_12 = "中高齡者及高齡者就業促進法第12條"


# --- the result ------------------------------------------------------------------------


@dataclass(frozen=True)
class FiredSignal:
    code: str
    weight: float
    reason_zh: str
    reason_en: str
    basis: str = ""
    evidence: str = ""  # the words (or figures) that fired it

    def as_dict(self) -> dict:
        return {"code": self.code, "weight": self.weight, "reason_zh": self.reason_zh,
                "reason_en": self.reason_en, "basis": self.basis, "evidence": self.evidence}


@dataclass(frozen=True)
class ScreeningDecision:
    decision: str  # PUBLISH or REVIEW
    reason: str = ""  # why it was held, for the officer (empty when published)
    score: float = 0.0
    threshold: float = THRESHOLD
    signals: tuple[FiredSignal, ...] = ()

    def signals_json(self) -> list[dict]:
        return [signal.as_dict() for signal in self.signals]


def record(vacancy, decision: ScreeningDecision) -> None:
    """Write the screening's result onto the (unsaved or locked) vacancy."""
    vacancy.screening_decision = decision.decision
    vacancy.screening_reason = decision.reason[:200]
    vacancy.screening_score = round(decision.score, 2)
    vacancy.screening_threshold = decision.threshold
    vacancy.screening_signals = decision.signals_json()


# --- the facts it reads ----------------------------------------------------------------


@dataclass(frozen=True)
class AdFacts:
    title: str
    description: str
    occupation_code: str  # sub-major group, two digits
    pay_unit: str  # MONTHLY or HOURLY
    pay_min: int
    pay_max: int | None = None
    requirements: str = ""
    hours_note: str = ""
    address: str = ""


@dataclass(frozen=True)
class EmployerFacts:
    """What the platform knows of the employer. None: unknown (no signal)."""

    previous_vacancies: int | None = None  # its vacancies before this one
    has_address: bool = True  # a registered address on the employer record
    registered_days: int | None = None  # days since the employer record was created
    previous_refusals: int = 0  # its vacancies refused or confirmed a scam by an officer
    # Posted from a self-signed-up employer account that no officer has checked yet
    # (core.services.employer_account_verified).
    unverified_account: bool = False


@dataclass(frozen=True)
class Market:
    median: int  # of the pay unit
    sample: int  # 0: the shipped reference table
    source: str  # "market" or "reference"


@lru_cache(maxsize=1)
def reference_pay() -> dict[str, dict[str, int]]:
    """data/reference_pay.csv (see data/SOURCES.md): major group -> {MONTHLY, HOURLY}."""
    with open(DATA_DIR / "reference_pay.csv", encoding="utf-8") as handle:
        return {row["major"]: {"MONTHLY": int(row["monthly_median"]), "HOURLY": int(row["hourly_typical"])}
                for row in csv.DictReader(handle)}


def reference_market(occupation_code: str, pay_unit: str) -> Market:
    table = reference_pay()
    row = table.get((occupation_code or "9")[:1]) or table["9"]
    return Market(median=row.get(pay_unit, row["MONTHLY"]), sample=0, source="reference")


# --- text folding ----------------------------------------------------------------------

_VARIANTS = str.maketrans({"臺": "台", "証": "證", "帐": "帳", "賬": "帳", "咭": "卡", "裏": "裡", "週": "周"})
_SPACE = re.compile(r"[^\S\n]+")  # spaces go, line breaks stay (they end a clause)
_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "兩": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
              "九": 9}
_CN_NUMBER = re.compile(r"([零〇一二兩三四五六七八九十百千]+)(?=(萬|千|歲|元|塊|年次|小時|天|日|至|到|~|-))")
_CLAUSE = re.compile(r"[。！？!?；;,\n]+")


def _cn_to_int(text: str) -> int | None:
    total, section, digit = 0, 0, None
    for char in text:
        if char in _CN_DIGITS:
            digit = _CN_DIGITS[char]
        elif char in "十百千":
            unit = {"十": 10, "百": 100, "千": 1000}[char]
            section += (digit if digit is not None else 1) * unit
            digit = None
        else:
            return None
    total += section + (digit or 0)
    return total if text else None


def normalise(text: str) -> str:
    """Fold for matching: NFKC (全形→半形), lower case, 臺→台 and other variants, no spaces,
    Chinese numerals before a unit into digits (三十歲 → 30歲, 十萬 → 10萬)."""
    text = unicodedata.normalize("NFKC", text or "").lower().translate(_VARIANTS)
    text = text.replace("身份", "身分")
    text = _SPACE.sub("", text)
    text = _CN_NUMBER.sub(lambda m: str(_cn_to_int(m.group(1))) if _cn_to_int(m.group(1)) is not None
                          else m.group(1), text)
    return re.sub(r"(?<=\d),(?=\d{3})", "", text)  # 30,000 -> 30000


def clauses(text: str) -> list[str]:
    return [part for part in _CLAUSE.split(text) if part]


_SENTENCE = re.compile(r"[。！？!?\n]+")


def sentences(text: str) -> list[str]:
    """Whole sentences (commas kept): for signs whose parts are a clause apart, such as
    "收到包裹後，重新貼單轉寄"."""
    return [part for part in _SENTENCE.split(text) if part]


# --- negation --------------------------------------------------------------------------

_NEGATION = re.compile(r"非(?!常)|補助|補貼|公司(負擔|支付|提供)|不涉及?|不從事|不包含|不含|無任何|沒有任何|不以|不因|不限|不分|不論|無論|不[會收需須必用得要扣留索保寄交]|絕不|絕對不|禁止|拒絕|"
                       r"謝絕|免|無需|無須|毋須|毋需|沒有|並非|不是|從不|從未|一律不|嚴禁|不可|勿")
_BREAK = re.compile(r"但|卻|需|須|請|先|應|只要|就要")
_AFTER_NEGATION = re.compile(r"^.{0,3}(不拘|不限|皆可|均可|無妨|不影響|免費|全免|公司負擔|由公司(全額|全部)?(負擔|支付|提供)|"
                             r"公司(支付|提供)|不收|免收|(?<!\d)0元|無$|:無|免)")


def negated(clause: str, start: int, end: int) -> bool:
    """Is the match clause[start:end] denied? A negation cue earlier in the clause (within
    20 characters, nothing like 但/需/請 between), right before it (不/無/免/非), or a
    denial right after it (…不拘, …免費, …:無)."""
    if start and clause[start - 1] in "不無免非沒":
        return True
    window_start = max(0, start - 20)
    prefix = clause[window_start:start]
    cues = list(_NEGATION.finditer(prefix))
    if cues and not _BREAK.search(prefix[cues[-1].end():]):
        return True
    return bool(_AFTER_NEGATION.search(clause[end:end + 8]))


def find(pattern: re.Pattern, text_clauses: list[str], *, negation: bool = True,
         unless: re.Pattern | None = None) -> str:
    """The first match of `pattern` in a clause that is not denied and whose clause does
    not match `unless` (a lawful context); '' if none."""
    for clause in text_clauses:
        if unless is not None and unless.search(clause):
            continue
        for match in pattern.finditer(clause):
            if negation and negated(clause, match.start(), match.end()):
                continue
            return match.group(0)
    return ""


# --- the ad as the detectors see it ---------------------------------------------------


@dataclass
class Ad:
    facts: AdFacts
    employer: EmployerFacts
    market: Market
    text: str = ""  # title, description, requirements, hours, folded
    parts: list[str] = field(default_factory=list)  # its clauses

    @classmethod
    def build(cls, facts: AdFacts, employer: EmployerFacts, market: Market) -> "Ad":
        joined = "\n".join((facts.title, facts.description, facts.requirements, facts.hours_note))
        text = normalise(joined)
        return cls(facts=facts, employer=employer, market=market, text=text, parts=clauses(text))

    def monthly(self, amount: int) -> int:
        return amount if self.facts.pay_unit == "MONTHLY" else amount * MONTHLY_HOURS


# --- the detectors ---------------------------------------------------------------------
# Each answers the evidence ('' when it does not fire).

_FEE = re.compile(
    r"保證金|押金|擔保金|保證費|訓練費|培訓費|講習費|服裝費|制服費|報名費|介紹費|仲介費|媒合費|行政費|手續費|"
    r"會員費|入會費|教材費|課程費|上課費|材料費|器材費|設備費|工具費|保管費|加盟金|開卡費|建檔費|工本費|學費|"
    r"(造型|攝影|宣傳照|拍照|拍攝|檔案|資料|上架|審核|保險|體檢)費|(自付|自費|自行負擔)[^,]{0,8}費用?|"
    r"(先|預)(繳|付|匯|交)\d*(元|塊|費|款|金|錢)?|(繳|付|匯|交)(交)?(費用|一筆|\d+元)|"
    r"(購買|自購|認購|先買)(公司)?(的)?(產品|商品|教材|課程|材料|套組|會員)|自購|自行購買|(需|須|要|得)購買|儲值")


# Across commas (one sentence): paying or buying with an amount, a charge taken out of the
# pay, a promissory note, money put into an account the employer names.
_PAYMENT = re.compile(
    r"(購買|購置|認購|先買|自費|入金|儲值|匯款|繳納|繳交|支付|先付|付清)[^。\n]{0,24}?(nt\$|\$)?\d{3,}(元|塊)?|"
    r"[學會規材開通平台認證驗證保密入會]費[^。\n]{0,16}(扣|付|繳|收)|(從|由)?(薪水|薪資|工資)[^。\n]{0,6}(每月)?扣(款|除|抵|還)|"
    r"本票|(簽|開)(立)?[^。\n]{0,4}(借據|債務|切結)[^。\n]{0,10}\d|業績門檻|費(用)?(nt\$|\$)\d{3,}")
_PAYMENT_LAWFUL = re.compile(r"補助|補貼|津貼|獎金|報銷|公司(負擔|支付|提供|代墊|全額)|由公司|免費|員工價|員購|"
                             r"勞保|健保|勞健保|勞退|所得稅|伙食|餐費(自理)?|代扣")


def fee_request(ad: Ad) -> str:
    found = find(_FEE, ad.parts)
    if found:
        return found
    for sentence in sentences(ad.text):
        if _PAYMENT_LAWFUL.search(sentence):
            continue
        match = _PAYMENT.search(sentence)
        if match and not negated(sentence, match.start(), match.end()):
            return match.group(0)
    return ""


_ID_DOC = re.compile(r"身分證|證件|健保卡|護照|居留證|駕照")
_ID_KEEP = re.compile(r"正本|保管|留置|扣留|押|寄放|交付|交給|交由|寄送|郵寄|寄到|寄給|拍照|上傳|傳給|傳送|代管|"
                      r"收走|統一管理|放公司|存放|抵押")
_ID_LAWFUL = re.compile(r"(影本|複印|影印).*(勞健保|勞保|健保|投保|加保|保險|報到|到職|人事|薪轉|薪資)|"
                        r"(勞健保|勞保|健保|投保|加保|報到|到職|錄取後).*(影本|複印|影印)|出示|核對|查驗|驗證身分|攜帶|帶(著)?[^,]{0,4}(正本|證件)|現場(報名|核對|查驗)")


def id_documents(ad: Ad) -> str:
    for clause in ad.parts:
        if _ID_LAWFUL.search(clause):
            continue
        for match in _ID_DOC.finditer(clause):
            if negated(clause, match.start(), match.end()):
                continue
            if _ID_KEEP.search(clause) or _BANK_ITEM.search(clause):
                return match.group(0)
    return ""


_BANK_ITEM = re.compile(r"提款卡|金融卡|網銀|網路銀行|(存摺|帳戶|卡片?)的?密碼|印鑑|印章|簿子|存簿|存摺")
_BANK_LAWFUL = re.compile(r"(存摺|帳戶|帳號).{0,8}(封面|影本)|(薪轉|薪資轉帳|轉帳發薪|入帳|發薪|撥薪)|"
                          r"公司(的)?(銀行)?(存摺|帳戶)|登摺|對帳|出納")


_COMPANY_ACCOUNTS = re.compile(r"公司(的)?(銀行)?(存摺|帳戶|網銀)|(存摺|帳戶|網銀)[^。\n]{0,6}公司帳戶|出納|對帳|登摺")


def bank_items(ad: Ad) -> str:
    lawful_sentences = [sentence for sentence in sentences(ad.text) if _COMPANY_ACCOUNTS.search(sentence)]
    for clause in ad.parts:
        if any(clause in sentence for sentence in lawful_sentences):
            continue
        for match in _BANK_ITEM.finditer(clause):
            if negated(clause, match.start(), match.end()):
                continue
            word = match.group(0)
            if word in ("存摺", "存簿") and _BANK_LAWFUL.search(clause):
                continue  # a passbook cover copy for the salary account
            return word
    return ""


_MULE = re.compile(
    r"車手|收簿|收水|取簿|人頭|代(領|提)(現金|款項|錢|款)?|提領(現金|款項|客戶)|(領|提)(錢|現金|款項)(後)?(交|給|轉|存)|"
    r"面交(現金|款項|錢)|代收(現金|款項|錢).{0,12}(轉交|面交|交給|繳回|存入|匯)|"
    r"(出租|出借|租借|收購|借用|販售|提供)(個人|你的|您的|本人)?(銀行)?(帳戶|帳號|戶頭|存摺|門號|sim卡)|"
    r"(收|領取|收取|代收)包裹.{0,10}(轉寄|轉交|寄出|交給)|代(購|買)(遊戲)?點數|"
    r"(虛擬貨幣|usdt|泰達幣|比特幣).{0,8}(換匯|交易|買賣|代購|出金)|換匯|博弈|刷單|(按讚|點讚|追蹤)(任務|賺|即可)|"
    r"任務(佣金|傭金|單)|接單(賺|任務)|(投資|理財)(助理|專員)?.{0,6}(保證獲利|穩賺|高報酬)")


_MULE_SENTENCE = re.compile(
    r"(提款|提領|領錢|領現|取款)[^。\n]{0,16}(交給|交付|轉交|面交|繳回|交予)|"
    r"驗證碼[^。\n]{0,12}(回報|給|提供|告知|傳|轉)|"
    r"(門號|sim卡|網卡|手機)[^。\n]{0,24}(交給|交回|回收|交由|繳回)(公司|主管|專人|人員)?|"
    r"(代?收|領取|收取|簽收)[^。\n]{0,6}包裹[^。\n]{0,24}(轉寄|轉交|寄出|交給|重新貼單|改寄)|"
    r"(保證|穩定)(每月|每周)?(獲利|報酬|收益)|跟單|帶單|老師帶|"
    r"(名下|本人|個人|自己)(的)?(銀行)?(帳戶|戶頭)[^。\n]{0,12}(收取|收款|代收|接收|入帳|收受)|"
    r"(usdt|虛擬貨幣|泰達幣|比特幣|加密貨幣)[^。\n]{0,20}(轉到|轉入|轉給|轉至|指定錢包)|"
    # English as normalise() leaves it: lower case, spaces removed.
    r"(personal|yourown|your)(bank)?account|withdraw(al)?(of)?cash|cash(out|pickup)|moneytransferagent|"
    r"(crypto|usdt|bitcoin)[^。\n]{0,20}(send|transfer|convert)")
_MULE_LAWFUL = re.compile(r"運鈔|保全公司|(銀行|證券|郵局)(臨櫃|櫃員|行員|理專|理財專員)|atm(維護|補鈔|保養)")


def money_mule(ad: Ad) -> str:
    found = find(_MULE, ad.parts, unless=_BANK_LAWFUL)
    if found:
        return found
    if _MULE_LAWFUL.search(ad.text):
        return ""
    return find(_MULE_SENTENCE, sentences(ad.text), unless=_BANK_LAWFUL)


_IMMORAL = re.compile(
    r"陪酒|坐檯|坐台|傳播妹|傳播(小姐|公關)|伴遊|援交|陪睡|陪宿|性服務|(半套|全套)(服務|按摩|s|指壓)|做s|s服務|摸摸茶|"
    r"禮服店|便服店|"
    r"酒店(公關|小姐|經紀|妹|上班)|外約|定點茶|喝茶工作|陪聊|陪玩|交友(陪伴|約會)|約會陪伴|成人直播|裸聊|視訊(聊天|陪聊)")


def immoral_work(ad: Ad) -> str:
    return find(_IMMORAL, ad.parts)


_EASE = re.compile(r"輕鬆|簡單|免經驗|無經驗|不需經驗|不用經驗|零經驗|新手可|在家|居家|時間自由|自由時間|手機(就|即)?(可|能)|"
                   r"動動手指|打字|複製貼上|躺著|不用出門|兼差|學生可|主婦")
_LURE = re.compile(r"高薪|高收入|高報酬|高獲利|優渥收入|月入\d+萬|月領\d+萬|月收\d+萬|穩賺|輕鬆賺|躺著賺|保證收入|"
                   r"保證獲利|賺\d+萬|(日|一天|每天|每日)(領|薪|入|賺)?(\d{4,})|周領(\d{5,})")


def easy_high_pay(ad: Ad) -> str:
    ease = find(_EASE, ad.parts)
    if not ease:
        return ""
    lure = find(_LURE, ad.parts)
    if not lure:
        return ""
    match = re.search(r"\d+", lure)
    if match and lure.startswith(("日", "一天", "每天")) and int(match.group(0)) < 3000:
        return ""
    return f"{ease}、{lure}"


_CONTACT = re.compile(r"(?<![a-z])(line|telegram|tg|wechat|whatsapp)(?![a-z])|加賴|私賴|賴我|賴id|微信|加飛機|"
                      r"飛機(聯繫|聯絡|id)|私訊|私密|(?<![a-z])ig(私訊|小盒子)|小盒子")


def contact_off_platform(ad: Ad) -> str:
    return find(_CONTACT, ad.parts, negation=False)


_VAGUE = re.compile(r"詳談|面談告知|面試告知|另行告知|私下告知|工作內容(面議|保密|不便)|不便(透露|公開)|"
                    r"(內容|細節)(詳洽|洽詢|私訊|見面說)|來電(洽談|詳談)|見面(再)?(說|談)")


def vague_duties(ad: Ad) -> str:
    return find(_VAGUE, ad.parts, negation=False)


# Discrimination (就業服務法第5條第1項). Lawful reasons for a single-sex requirement: the
# work's nature fits one sex only (性別平等工作法第7條但書) — privacy of changing rooms and
# baths, searches and custody of one sex, nursing rooms, some medical examinations.
_SEX = re.compile(r"限(定)?(男|女)|(只|僅|專)(收|要|徵|限|找)(男|女)|(需|須|必須)(是|為)(男|女)|(誠)?徵(男|女)(性|生|士|子)|"
                  r"(男|女)(性|生|士|子)?(為限|限定|優先|尤佳|者佳|為佳|佳|勿試|免談|不錄|請勿|即可)|"
                  r"(徵|招募|找|限|需要|缺)[^,]{0,4}(小姐|美眉|辣妹|少婦|男丁|壯丁|阿姨|歐巴桑)|"
                  r"(櫃台|櫃檯|服務|助理|行政|會計|總機|公關|接待|門市)(小姐|美眉)")
_SEX_LAWFUL = re.compile(
    r"(男|女)(性|生|子|賓|士)?(專用)?(的)?(更衣室|浴室|浴池|澡堂|廁所|盥洗|淋浴|宿舍|監所|受刑人|收容人|戒護|"
    r"搜身|安檢|內衣|泳裝|三溫暖|湯屋|湯池|湯區|溫泉|病房|病患|住民|如廁|沐浴)|(女|男)湯|"
    r"(三溫暖|湯屋|澡堂|更衣室).{0,4}(男|女)(賓|性|子)|哺乳|乳房攝影|胸部x光|乳房超音波|婦科內診|"
    r"產後護理|月子|婦女庇護|庇護(所|家園)|家暴|性侵|受暴婦女|(女|男)(裝|性)?(內衣|泳裝)?模特兒|"
    r"模特兒.{0,6}(女|男)裝|(女|男)(性)?角色|飾演.{0,3}(女|男)")


def discrimination_sex(ad: Ad) -> str:
    if _SEX_LAWFUL.search(ad.text):
        return ""
    found = find(_SEX, ad.parts) or excludes(ad, "sex")
    if found:
        return found
    # A requirement that is just a sex ("女生、親切有禮").
    return next((item for item in _requirement_items(ad) if re.fullmatch(r"(限)?(男|女)(性|生|士)?(佳|優先)?", item)),
                "")


_AGE_UPPER = re.compile(r"(\d{2})(足)?歲(以下|以內|之內|內|之下|為限)|(未滿|不超過|不滿|低於|小於|以下)(\d{2})歲|"
                        r"(\d{2})[-~～至到](\d{2})歲|年齡(\d{2})[-~～至到](\d{2})|(\d{2})年次(以後|之後|以下)")
_AGE_LOWER = re.compile(r"(\d{2})(足)?歲以上|年滿(\d{2})歲?|(未滿|不滿)(\d{2})歲.{0,3}(勿|不得|不錄|謝絕|恕不)")
_AGE_WORD = re.compile(r"(限|只要|只收|只找)(年輕|少年|青年)|年輕(人|者|女生|男生|美眉)?(優先|為佳|尤佳|佳|即可)|年紀(輕|小)|"
                       r"中高齡(者)?(勿試|免談|不錄|恕不)|(超過|過)\d{2}歲(勿|不)|(?<!滿)(\d{2})歲以上(勿試|免談|不錄|恕不)")
LAWFUL_MINIMUM_AGE = 20  # 勞動基準法第44條以下 protect workers under 18; 20 for some licences


def discrimination_age(ad: Ad) -> str:
    for clause in ad.parts:
        for match in _AGE_LOWER.finditer(clause):
            numbers = [int(n) for n in match.groups() if n and n.isdigit()]
            if "未滿" in match.group(0) or "不滿" in match.group(0):
                continue  # "未滿18歲勿試": an age floor
            if numbers and numbers[0] > LAWFUL_MINIMUM_AGE and not negated(clause, match.start(), match.end()):
                return match.group(0)
        for match in _AGE_UPPER.finditer(clause):
            tail = clause[match.end():match.end() + 4]
            if re.match(r".{0,2}(勿|不得|不錄|謝絕|恕不)", tail) and ("未滿" in match.group(0) or "不滿" in match.group(0)):
                continue
            if not negated(clause, match.start(), match.end()):
                return match.group(0)
        for match in _AGE_WORD.finditer(clause):
            if not negated(clause, match.start(), match.end()):
                return match.group(0)
    return ""


_ORIGIN = re.compile(r"籍貫|省籍|本省(人|籍)|外省(人|籍)|限(台灣|本地|台北|北部|南部)人|(台北|本地|在地)人(優先|為佳|佳)|"
                     r"出生地|種族|膚色|(新住民|外配|外籍配偶|大陸配偶|陸配|東南亞|原住民|客家人|外籍)(者)?(勿試|不錄|免談|恕不|謝絕)|"
                     r"客家人(優先|為佳)|閩南人|(限|只收)(漢人|本省)")


# Groups by protected ground (就業服務法第5條第1項), for the phrasings "only X" / "X need not
# apply" / "no X" that every kind of discrimination shares.
_GROUPS = {
    "sex": r"女性|男性|女生|男生|女士|男士|女孩|男孩",
    "origin": r"在地人|本地人|台北人|外縣市|外地人|南部人|中部人|東部人|新住民|外配|外籍配偶|大陸配偶|陸配|"
              r"東南亞籍?|原住民|客家人|外省人|本省人|外籍人士|外國人|僑生|華人|漢人|黑人|白人|設籍\S{0,4}|戶籍\S{0,4}",
    "religion": r"基督徒|佛教徒|天主教徒|穆斯林|回教徒|教徒|信徒|受洗|道教|一貫道",
    "party": r"政黨|黨員|黨籍|政治活動|政治立場",
    "union": r"工會(會員|幹部)?",
    "blood": r"(a|b|o|ab)型(血)?(及|和|或|、|/)?((a|b|o|ab)型)?|血型",
    "marital": r"已婚|未婚|單身|孕婦|懷孕|有小孩|媽媽|育有",
    "disability": r"身障|身心障礙(證明|手冊)?|殘障",
}
_ONLY = r"(只|僅|限|專)(錄取|錄用|收|要|找|徵|用|限)?|(須|需|必須|一定要)(是|為)|只接受"
_NO = r"不收|不錄取|不錄用|不要|不考慮|謝絕|恕不(錄取|錄用|考慮)?|拒收|排除|不得(為|是|具有?|有)(任何)?"
_REFUSED = r"(者)?(勿試|不錄|免談|恕不|謝絕|不考慮|請勿|不收|不予|一律不|不用來|不適合)"


def _exclusion(ground: str) -> re.Pattern:
    group = _GROUPS[ground]
    return re.compile(rf"(?:{_ONLY})(?:{group})|(?:{_NO})(?:任何)?(?:{group})|(?:{group})[^,。]{{0,6}}?{_REFUSED}")


_EXCLUSIONS = {ground: _exclusion(ground) for ground in _GROUPS}
_INDIGENOUS_LAWFUL = re.compile(r"原住民族工作權保障法|原住民族委員會|原民會|原住民(族)?(身分)?(保障|進用|名額)")


def excludes(ad: Ad, ground: str) -> str:
    return find(_EXCLUSIONS[ground], sentences(ad.text))


def _requirement_items(ad: Ad) -> list[str]:
    return [item for item in re.split(r"[、,;/\n]+", normalise(ad.facts.requirements)) if item]


def discrimination_origin(ad: Ad) -> str:
    found = find(_ORIGIN, ad.parts)
    if found:
        return found
    if _INDIGENOUS_LAWFUL.search(ad.text):
        return ""
    return excludes(ad, "origin")


_APPEARANCE = re.compile(r"外貌|外型(佳|亮麗|出眾|姣好)|外表(佳|出眾|亮眼|好)|長相|顏值|容貌|五官(端正|清秀|立體)|"
                         r"身材(姣好|好|佳|苗條|標準|勻稱|性感|火辣)|貌美|美女|帥哥|正妹|清秀|亮麗|臉蛋|體態(佳|優美)|"
                         r"身高\d{3}|身高(限|需|須|要)|體重\d{2}|體重(限|需|須|要)|胖(的)?(者)?(勿試|免談)|有氣質|氣質佳")


def discrimination_appearance(ad: Ad) -> str:
    return find(_APPEARANCE, ad.parts)


_MARITAL = re.compile(r"未婚|已婚(者)?(勿試|不錄|免談|優先|佳|為佳)|(限|需|須)單身|單身(者|為佳|優先|佳|即可)|婚姻|"
                      r"(無|沒有)(婚育|生育|懷孕|結婚)(計畫|計劃|打算)|(不得|不可|不能)(懷孕|結婚)|懷孕(者)?(勿試|免談|不錄)|"
                      r"(無|沒有)小孩|(孕婦|媽媽)(勿試|免談)")


def discrimination_marital(ad: Ad) -> str:
    return find(_MARITAL, ad.parts) or excludes(ad, "marital")


_OTHER = re.compile(r"血型.{0,4}(限|佳|優先|為佳)|(限|需|須)(a|b|o|ab)型|(a|b|o|ab)型(優先|為佳|佳)|星座.{0,4}(限|佳|優先)|"
                    r"(牡羊|金牛|雙子|巨蟹|獅子|處女|天秤|天蠍|射手|魔羯|摩羯|水瓶|雙魚)座(優先|為佳|佳|勿試|免談)|"
                    r"限(基督徒|佛教徒|天主教徒|信徒|教友)|(基督徒|佛教徒|教友)(優先|為佳)|(黨員|政黨)(優先|限|為佳)|"
                    r"工會(會員)?(者)?(勿試|不錄|免談)|(不得|不可|不能)(參加|加入|組織)工會|(曾|有)(參加|加入)工會(勿|不)|"
                    r"(身心障礙|身障|殘障)(者)?(勿試|不錄|免談|恕不|謝絕)|(四肢|肢體|身體|身心)健全|性傾向|同性戀|思想")


_OTHER_SENTENCE = re.compile(r"(不得|不可|不能|禁止)[^。\n]{0,8}工會|(需|須|要|請)?(附|提供)[^。\n]{0,4}(教會|寺廟)推薦")


def discrimination_other(ad: Ad) -> str:
    found = find(_OTHER, ad.parts)
    if found:
        return found
    for ground in ("religion", "party", "union", "blood", "disability"):
        found = excludes(ad, ground)
        if found:
            return found
    return find(_OTHER_SENTENCE, sentences(ad.text))


_SWITCH = re.compile(
    r"無底薪|沒有底薪|零底薪|受訓期間(無薪|不支薪|無底薪)|(試用|受訓|訓練)期(間)?(無薪|不支薪)|"
    r"(先|需|須)(到|至|轉|調)?[^。\n]{0,8}(業務部|保險|直銷|電銷)[^。\n]{0,30}(才(會|能|可)?|再)(轉任|轉調|升任|轉正|轉為)|"
    r"(招攬|推銷)(保單|保險)[^。\n]{0,12}(達標|業績)|組織獎金|下線|推薦(親友|朋友|親朋好友)加入|拉人頭")


def bait_and_switch(ad: Ad) -> str:
    return find(_SWITCH, sentences(ad.text))


def pay_far_above_market(ad: Ad) -> str:
    median = ad.market.median
    if median <= 0:
        return ""
    if ad.facts.pay_min >= FAR_ABOVE_RATIO * median:
        source = "本站同職業" if ad.market.source == "market" else "參考薪資"
        return f"{ad.facts.pay_min:,} ≥ {FAR_ABOVE_RATIO:g} × {source}中位數 {median:,}"
    return ""


_CLAIM = re.compile(r"(月入|月領|月收|月薪|月賺|每月)(\d+(?:\.\d+)?)(萬|千|元)?|(日領|日薪|日入|日賺|一天|每天)(\d+)|"
                    r"(周領|周薪|每周)(\d+)|(時薪)(\d+)|(年薪|年收)(\d+(?:\.\d+)?)(萬)?")


def _claimed_monthly(match: re.Match) -> int:
    groups = match.groups()
    if groups[0]:
        amount = float(groups[1])
        unit = groups[2] or ""
        return int(amount * (10000 if unit == "萬" else 1000 if unit == "千" else 1))
    if groups[3]:
        return int(groups[4]) * MONTHLY_DAYS
    if groups[5]:
        return int(int(groups[6]) * 4.3)
    if groups[7]:
        return int(groups[8]) * MONTHLY_HOURS
    amount = float(groups[10]) * (10000 if groups[11] else 1)
    return int(amount / 12)


def text_pay_claim(ad: Ad) -> str:
    own = ad.monthly(ad.facts.pay_max or ad.facts.pay_min)
    market = ad.monthly(ad.market.median)
    for clause in ad.parts:
        for match in _CLAIM.finditer(clause):
            claimed = _claimed_monthly(match)
            if claimed > CLAIM_RATIO_OWN * own and claimed > CLAIM_RATIO_MARKET * market:
                return match.group(0)
    return ""


_NEGOTIABLE = re.compile(r"(薪資|待遇|薪水|月薪)?面議")


def pay_undisclosed(ad: Ad) -> str:
    if ad.monthly(ad.facts.pay_min) >= UNDISCLOSED_PAY_LIMIT:
        return ""
    return find(_NEGOTIABLE, ad.parts)


def new_employer(ad: Ad) -> str:
    facts = ad.employer
    if facts.previous_vacancies == 0 and facts.registered_days is not None and \
            facts.registered_days < NEW_EMPLOYER_DAYS:
        return f"首次刊登，帳號建立{facts.registered_days}日"
    return ""


def unverified_account(ad: Ad) -> str:
    return "自行註冊之帳號尚未查核" if ad.employer.unverified_account else ""


def employer_without_address(ad: Ad) -> str:
    return "" if ad.employer.has_address else "事業單位無登記地址"


def employer_refused_before(ad: Ad) -> str:
    count = ad.employer.previous_refusals
    return f"曾有{count}則職缺不予刊登或經查為不實" if count else ""


_PRECISE_ADDRESS = re.compile(r"\d+號|\d+樓|\d+之\d+|段\d+")


def address_vague(ad: Ad) -> str:
    address = normalise(ad.facts.address)
    if address and not _PRECISE_ADDRESS.search(address):
        return ad.facts.address
    return ""


# --- the catalogue ---------------------------------------------------------------------


@dataclass(frozen=True)
class Signal:
    code: str
    weight: float
    reason_zh: str
    reason_en: str
    basis: str
    detect: Callable[[Ad], str]


SIGNALS: tuple[Signal, ...] = (
    Signal("FEE_OR_DEPOSIT", 1.0, "要求求職人繳交保證金、押金或訓練、服裝等費用，或購買產品",
           "Asks the job seeker for a deposit, a fee (training, uniform …) or to buy products",
           ART5_2_3, fee_request),
    Signal("ID_DOCUMENTS", 1.0, "要求交付或寄送身分證明文件正本（非錄取後辦理勞健保之影本）",
           "Asks to hand over or send identity documents (not a copy for insurance after hiring)",
           ART5_2_2, id_documents),
    Signal("BANK_ITEMS", 1.0, "要求提供存摺、提款卡、網銀帳密或印章（常見人頭帳戶詐騙）",
           "Asks for bank books, ATM cards, online-banking credentials or seals (mule-account fraud)",
           f"{ART5_2_2}；洗錢防制法（無正當理由交付帳戶）", bank_items),
    Signal("MONEY_MULE", 1.2, "工作內容為代收代領款項、提領現金、出租帳戶、收包裹轉交或刷單（車手、詐騙）",
           "Duties are collecting or withdrawing money, renting accounts, forwarding parcels or click tasks "
           "(money mule, fraud)", f"{ART5_2_1}、第4款；刑法第339條之4", money_mule),
    Signal("IMMORAL_WORK", 1.0, "工作內容涉及陪酒、伴遊或性交易等違背公序良俗之工作",
           "Work against public order or morals (hostessing, escort, sex work)", ART5_2_4, immoral_work),
    Signal("DISCRIMINATION_SEX", 1.0, "以性別為錄用條件（無工作性質上之正當理由）",
           "A sex requirement without a lawful reason in the nature of the work",
           f"{ART5_1}（性別）；{GENDER_ACT_7}", discrimination_sex),
    Signal("DISCRIMINATION_AGE", 1.0, "以年齡為錄用條件（年齡上限或過高下限）",
           "An age requirement (an upper limit or a floor above the legal minimum)",
           f"{ART5_1}（年齡）；{AGE_ACT_12}", discrimination_age),
    Signal("DISCRIMINATION_ORIGIN", 1.0, "以籍貫、出生地、種族或族群為錄用條件",
           "A requirement by provincial origin, birthplace, race or ethnic group",
           f"{ART5_1}（種族、籍貫、出生地）", discrimination_origin),
    Signal("DISCRIMINATION_APPEARANCE", 1.0, "以容貌、五官、身材或身高體重為錄用條件",
           "A requirement on looks, facial features, figure, height or weight",
           f"{ART5_1}（容貌、五官）", discrimination_appearance),
    Signal("DISCRIMINATION_MARITAL", 1.0, "以婚姻、懷孕或生育計畫為錄用條件",
           "A requirement on marriage, pregnancy or plans for children",
           f"{ART5_1}（婚姻）；{GENDER_ACT_7}", discrimination_marital),
    Signal("DISCRIMINATION_OTHER", 1.0, "以血型、星座、宗教、黨派、工會身分、身心障礙或性傾向為錄用條件",
           "A requirement by blood type, star sign, religion, party, union membership, disability or "
           "sexual orientation", f"{ART5_1}", discrimination_other),
    Signal("FALSE_AD", 1.0, "不實或誘導之徵才：無底薪、先轉任業務或保險推銷、招攬下線",
           "A misleading ad: no base pay, another job (insurance or direct sales) first, recruiting a downline",
           ART5_2_1, bait_and_switch),
    Signal("EASY_HIGH_PAY", 0.6, "以「輕鬆、免經驗、在家」搭配「高薪、月入數萬」招攬，工作內容不明",
           "'Easy, no experience, from home' with 'high pay, tens of thousands a month'", ART5_2_1,
           easy_high_pay),
    Signal("TEXT_PAY_CLAIM", 0.5, "文字宣稱之收入遠高於刊登薪資及市場行情",
           "The text claims earnings far above the posted pay and the market", ART5_2_1, text_pay_claim),
    Signal("PAY_FAR_ABOVE_MARKET", 0.5, "薪資遠高於同職業行情（高薪本身不違法，須搭配其他跡象）",
           "Pay far above the market for the occupation (not unlawful by itself)", ART5_2_1,
           pay_far_above_market),
    Signal("CONTACT_OFF_PLATFORM", 0.4, "要求以LINE、Telegram等私人通訊軟體聯繫",
           "Contact by LINE, Telegram or another private messenger", "", contact_off_platform),
    Signal("VAGUE_DUTIES", 0.3, "工作內容或待遇「詳談、私下告知」，未具體說明",
           "Duties or pay 'explained in person', not stated", ART5_2_1, vague_duties),
    Signal("EMPLOYER_REFUSED_BEFORE", 0.5, "此事業單位曾有職缺經審核不予刊登或查證為不實",
           "This employer had vacancies refused or confirmed as scams", "", employer_refused_before),
    Signal("NEW_EMPLOYER", 0.3, "事業單位新註冊且首次刊登，尚無刊登紀錄可查",
           "A newly registered employer posting for the first time", "", new_employer),
    Signal("UNVERIFIED_ACCOUNT", 0.3, "以自行註冊、尚未經本局查核之事業單位帳號刊登",
           "Posted from a self-signed-up employer account not yet checked by the department", "",
           unverified_account),
    Signal("EMPLOYER_NO_ADDRESS", 0.2, "事業單位未登記地址", "The employer has no registered address", "",
           employer_without_address),
    Signal("ADDRESS_VAGUE", 0.2, "工作地址不具體（無門牌號碼）", "The workplace address has no street number", "",
           address_vague),
    Signal("PAY_UNDISCLOSED_TEXT", 0.2, "經常性薪資未達4萬元而內文稱「薪資面議」",
           "Pay under NT$40,000 but the text says 'negotiable'", ART5_2_6, pay_undisclosed),
)
SIGNAL_CODES = tuple(signal.code for signal in SIGNALS)
SIGNAL_BY_CODE = {signal.code: signal for signal in SIGNALS}


def score_ad(facts: AdFacts, employer: EmployerFacts | None = None, market: Market | None = None,
             threshold: float = THRESHOLD) -> ScreeningDecision:
    """The pure scorer: every detector on the folded text and the facts; never raises on
    text (a detector that fails on odd input counts as not fired)."""
    ad = Ad.build(facts, employer or EmployerFacts(), market or reference_market(facts.occupation_code,
                                                                                 facts.pay_unit))
    fired = []
    for signal in SIGNALS:
        evidence = signal.detect(ad)
        if evidence:
            fired.append(FiredSignal(code=signal.code, weight=signal.weight, reason_zh=signal.reason_zh,
                                     reason_en=signal.reason_en, basis=signal.basis, evidence=evidence[:60]))
    score = round(sum(signal.weight for signal in fired), 2)
    if score >= threshold:
        strongest = sorted(fired, key=lambda s: -s.weight)[:3]
        reason = "；".join(f"{s.reason_zh}（{s.evidence}）" for s in strongest)
        return ScreeningDecision(REVIEW, reason[:200], score, threshold, tuple(fired))
    return ScreeningDecision(PUBLISH, "", score, threshold, tuple(fired))


# --- from the database -----------------------------------------------------------------


def market_for(occupation_code: str, pay_unit: str, *, exclude_pk: int | None = None) -> Market:
    """The median pay floor of the most recent open vacancies of the occupation and pay
    unit (one indexed query), or the shipped reference when there are too few."""
    queryset = Vacancy.objects.filter(occupation_id=occupation_code, status=VacancyStatus.ACTIVE, pay_unit=pay_unit)
    if exclude_pk:
        queryset = queryset.exclude(pk=exclude_pk)
    pays = list(queryset.order_by("-posted_at").values_list("pay_min", flat=True)[:MARKET_SAMPLE])
    if len(pays) < MARKET_MIN_SAMPLE:
        return reference_market(occupation_code, pay_unit)
    return Market(median=int(statistics.median(pays)), sample=len(pays), source="market")


def employer_facts(vacancy) -> EmployerFacts:
    """The employer's record on the platform: earlier vacancies (by status), its address,
    its age, and ads of it an officer refused or confirmed a scam (two queries)."""
    employer = vacancy.employer
    others = Vacancy.objects.filter(employer_id=employer.pk)
    if vacancy.pk:
        others = others.exclude(pk=vacancy.pk)
    counts = {row["status"]: row["n"] for row in others.values("status").annotate(n=Count("pk")).order_by()}
    confirmed = (ScreeningReview.objects.filter(vacancy__employer_id=employer.pk,
                                                outcome=ScreeningReview.Outcome.CONFIRMED_SCAM)
                 .exclude(vacancy__status=VacancyStatus.REJECTED).values("vacancy").distinct().count())
    created = employer.created_at or timezone.now()
    poster = vacancy.created_by if vacancy.created_by_id else None
    unverified = poster is not None and poster.kind == UserKind.EMPLOYER and \
        not core_services.employer_account_verified(employer)
    return EmployerFacts(previous_vacancies=sum(counts.values()), has_address=bool((employer.address or "").strip()),
                         registered_days=max((timezone.now() - created) // timedelta(days=1), 0),
                         previous_refusals=counts.get(VacancyStatus.REJECTED, 0) + confirmed,
                         unverified_account=unverified)


def vacancy_facts(vacancy) -> AdFacts:
    return AdFacts(title=vacancy.title, description=vacancy.description, occupation_code=vacancy.occupation_id,
                   pay_unit=vacancy.pay_unit, pay_min=vacancy.pay_min, pay_max=vacancy.pay_max,
                   requirements=vacancy.requirements, hours_note=vacancy.hours_note, address=vacancy.address)


def screen_vacancy(vacancy) -> ScreeningDecision:
    """Decide whether `vacancy` (an unsaved or changed employment.Vacancy with its
    employer) may be published now: the text, its pay against the market for the
    occupation, and what is known of the employer."""
    market = market_for(vacancy.occupation_id, vacancy.pay_unit, exclude_pk=vacancy.pk)
    return score_ad(vacancy_facts(vacancy), employer_facts(vacancy), market)
