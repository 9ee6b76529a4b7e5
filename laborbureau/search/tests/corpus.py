"""A synthetic corpus of Taiwanese job ads with known labels, for the relevance tests and
the benchmark (bench/search.py).

Each ad is written from its labels (occupation, shift, part- or full-time, district,
pay) with the varied wording real ads use: everyday names not always in the synonym
table, 臺/台, night shifts written as hours, other occupations named in passing (a
cook's ad mentions 外場, a bakery's ad its 門市). Relevance judgments are derived from
the labels, never from the text, so the search is judged on what a person means.

`python -m laborbureau.search.tests.corpus` rewrites corpus.json and judged_queries.json.
"""

import json
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent

TAIPEI_DISTRICTS = [
    "中正區",
    "大同區",
    "中山區",
    "松山區",
    "大安區",
    "萬華區",
    "信義區",
    "士林區",
    "北投區",
    "內湖區",
    "南港區",
    "文山區",
]
NEW_TAIPEI_DISTRICTS = ["板橋區", "三重區", "新莊區"]

# occupation key: (occupation code (職業標準分類, indicative), title forms, duty sentences,
# kinds of employer)
OCCUPATIONS: dict[str, tuple[str, list[str], list[str], list[str]]] = {
    "accountant": (
        "3313",
        ["會計", "會計助理", "會計人員", "記帳員", "帳務人員", "會計專員"],
        [
            "負責日常帳務處理、傳票登打與憑證整理。",
            "協助編製月報表及營業稅申報。",
            "應收應付帳款管理與銀行對帳。",
            "熟悉鼎新或正航會計系統尤佳。",
        ],
        ["貿易公司", "建設公司", "記帳士事務所", "連鎖餐飲集團"],
    ),
    "waiter": (
        "5131",
        ["外場服務員", "外場人員", "服務生", "餐廳服務員", "外場夥伴"],
        ["負責帶位、點餐、送餐與收桌。", "親切招呼客人，維持用餐區整潔。", "協助結帳與訂位電話接聽。"],
        ["日式餐廳", "火鍋餐廳", "義式餐廳", "港式飲茶餐廳"],
    ),
    "cook": (
        "5120",
        ["廚師", "廚房助手", "內場人員", "二廚", "廚工"],
        ["負責備料、烹調與出餐，與外場同仁配合。", "維持廚房環境衛生，食材進貨驗收。", "具中餐丙級證照者優先。"],
        ["日式餐廳", "自助餐店", "火鍋餐廳", "團膳公司"],
    ),
    "security": (
        "5414",
        ["保全員", "警衛", "保全人員", "大樓保全", "守衛"],
        ["負責社區門禁管制、訪客登記與包裹代收。", "定時巡邏，注意消防與安全設備。", "監控中心監視系統值勤。"],
        ["保全公司", "物業管理公司", "社區管委會"],
    ),
    "retail": (
        "5223",
        ["門市人員", "店員", "門市專員", "售貨員", "門市銷售員"],
        ["負責商品陳列、補貨與顧客服務。", "協助收銀結帳與盤點作業。", "介紹商品並維持賣場整潔。"],
        ["服飾品牌", "藥妝連鎖", "3C賣場", "生活百貨"],
    ),
    "delivery": (
        "8322",
        ["外送員", "送餐員", "外送夥伴", "外送騎士"],
        ["騎乘機車將餐點準時送達顧客手中。", "需自備機車及智慧型手機，熟悉附近路線。", "依趟數計酬，另有獎金。"],
        ["外送平台", "便當店", "披薩連鎖店"],
    ),
    "hairdresser": (
        "5141",
        ["美髮助理", "髮型設計師", "設計師助理", "洗髮助理"],
        ["協助設計師洗髮、吹整與染燙。", "提供顧客剪髮造型服務，有完整教育訓練。", "維持沙龍環境整潔。"],
        ["髮廊", "美髮沙龍", "連鎖髮型工作室"],
    ),
    "driver": (
        "8322",
        ["司機", "駕駛", "職業駕駛", "貨車司機", "送貨司機"],
        ["需持有職業聯結車或大貨車駕照。", "負責公司貨物配送至各門市與客戶。", "熟悉北部路線，無重大違規紀錄。"],
        ["物流公司", "食品公司", "搬家公司", "建材行"],
    ),
    "cleaner": (
        "9112",
        ["清潔員", "清潔人員", "打掃阿姨", "環境清潔員", "清潔工"],
        ["負責辦公大樓公共區域清潔與垃圾分類。", "廁所清潔、地板打蠟與玻璃擦拭。", "依排班至各案場打掃。"],
        ["清潔公司", "物業管理公司", "醫院"],
    ),
    "operator": (
        "8219",
        ["作業員", "操作員", "產線人員", "生產作業員", "包裝作業員"],
        ["負責產線機台操作與產品包裝。", "依標準作業程序完成組裝與品檢。", "可配合輪班及加班。"],
        ["電子工廠", "食品工廠", "印刷廠"],
    ),
    "warehouse": (
        "4321",
        ["倉管人員", "理貨員", "揀貨員", "倉儲人員"],
        ["負責進出貨點收、揀貨與庫存管理。", "操作電腦進銷存系統。", "具堆高機證照者佳。"],
        ["物流中心", "電商公司", "食品公司"],
    ),
    "cashier": (
        "5230",
        ["收銀員", "收銀人員", "結帳人員"],
        ["負責收銀結帳、發票開立與找零。", "協助顧客服務與商品包裝。"],
        ["超市", "量販店", "藥妝連鎖"],
    ),
    "caregiver": (
        "5321",
        ["照顧服務員", "照服員", "居服員", "看護"],
        ["協助長者日常生活照顧、翻身與餵食。", "需具照顧服務員結業證書或單一級證照。", "至個案家中提供居家服務。"],
        ["長照機構", "護理之家", "居家服務單位"],
    ),
    "nanny": (
        "5311",
        ["保母", "托育人員", "褓姆"],
        ["照顧0至2歲幼兒之生活起居。", "需具保母證照或托育人員資格。"],
        ["托嬰中心", "家庭托育"],
    ),
    "receptionist": (
        "4226",
        ["櫃檯人員", "櫃台接待", "接待員", "總機"],
        ["負責訪客接待、電話轉接與收發文件。", "協助會議室預約與行政庶務。"],
        ["科技公司", "飯店", "牙醫診所"],
    ),
    "customer_service": (
        "4222",
        ["客服人員", "客服專員", "電話客服"],
        ["接聽客戶來電，處理訂單查詢與客訴。", "回覆線上客服訊息，記錄問題。"],
        ["電商公司", "電信公司", "銀行"],
    ),
    "sales": (
        "3322",
        ["業務員", "業務專員", "業務代表"],
        ["開發新客戶並維繫既有客戶關係。", "業績獎金另計，有公務車。"],
        ["貿易公司", "建材行", "食品公司"],
    ),
    "admin": (
        "4110",
        ["行政助理", "行政人員", "文書處理人員", "辦公室助理"],
        ["負責文書處理、資料建檔與公文收發。", "熟悉Word、Excel等文書軟體。", "協助主管處理行政庶務。"],
        ["會計師事務所", "律師事務所", "科技公司", "建設公司"],
    ),
    "plumber": (
        "7126",
        ["水電工", "水電師傅", "水電學徒"],
        ["負責住宅及商辦水電配管配線。", "具室內配線丙級證照者優先。"],
        ["水電行", "裝修公司"],
    ),
    "barista": (
        "5132",
        ["咖啡師", "吧檯手", "吧台人員"],
        ["負責咖啡沖煮、飲品製作與拉花。", "門市位於捷運站旁，交通便利。"],
        ["咖啡廳", "連鎖咖啡店"],
    ),
    "baker": (
        "7512",
        ["烘焙助手", "麵包師傅", "烘焙師"],
        ["負責麵包製作、烘烤與包裝。", "門市販售人員不足時協助銷售。"],
        ["麵包店", "烘焙坊"],
    ),
    "housekeeping": (
        "9111",
        ["房務員", "房務人員", "客房清潔員"],
        ["負責客房整理、備品補充與布巾更換。"],
        ["飯店", "商務旅館"],
    ),
    "dishwasher": (
        "9412",
        ["洗碗人員", "洗碗工"],
        ["負責餐具清洗、廚房環境整理。", "協助內場簡單備料。"],
        ["日式餐廳", "自助餐店"],
    ),
    "nurse": (
        "2221",
        ["護理師", "護理人員"],
        ["負責病房護理、給藥與病歷記錄。", "需具護理師執照。"],
        ["醫院", "診所", "護理之家"],
    ),
    "programmer": (
        "2512",
        ["軟體工程師", "程式設計師", "後端工程師"],
        ["負責網站後端開發與資料庫設計。", "熟悉Python或Java，具Git經驗。"],
        ["科技公司", "電商公司"],
    ),
}

NIGHT_FORMS = ["夜班", "大夜班", "晚班", "夜間班", "小夜班"]
NIGHT_HOURS = ["22:00-06:00", "晚上十點至早上六點"]  # a night shift without the word
PART_FORMS = ["兼職", "PT", "工讀生", "部分工時", "計時人員", "時薪制兼職"]
NIGHT_PRONE = {"security", "operator", "warehouse", "cleaner", "caregiver", "cashier", "nurse", "driver"}
PART_PRONE = {"cleaner", "waiter", "cashier", "retail", "delivery", "dishwasher", "barista", "baker", "caregiver"}
COMPANY_NAMES = ["大通", "永安", "金鼎", "福星", "宏達", "信和", "佳美", "順發", "興隆", "萬泰", "和平", "晨光"]
BENEFITS = [
    "享勞健保、週休二日。",
    "提供員工餐、三節獎金。",
    "享勞保、健保及勞退提撥6%。",
    "年終獎金、員工旅遊。",
    "供午餐，交通津貼。",
    "國定假日依勞基法加倍給薪。",
]


def make_ad(
    rng: random.Random, object_id: int, occupation: str, *, night: bool | None = None, part_time: bool | None = None
) -> dict:
    code, forms, duties, employers = OCCUPATIONS[occupation]
    if night is None:
        night = occupation in NIGHT_PRONE and rng.random() < 0.4
    if part_time is None:
        part_time = occupation in PART_PRONE and rng.random() < 0.35
    new_taipei = rng.random() < 0.15
    district = rng.choice(NEW_TAIPEI_DISTRICTS if new_taipei else TAIPEI_DISTRICTS)
    city = "新北市" if new_taipei else rng.choice(["台北市", "臺北市", "臺北市", "北市", ""])
    form = rng.choice(forms)
    employer = rng.choice(COMPANY_NAMES) + rng.choice(employers)
    title = rng.choice(["誠徵", "急徵", "徵", "", "", f"【{employer}】"]) + form
    shift_text = ""
    if night:
        shift_text = rng.choice(NIGHT_FORMS + NIGHT_HOURS)
        if rng.random() < 0.5:
            title += f"（{shift_text}）"
    if part_time:
        part_word = rng.choice(PART_FORMS)
        title = rng.choice([f"{part_word}{title}", f"{title}（{part_word}）"])
        pay = rng.randrange(196, 261, 2)
        pay_text = f"時薪{pay}元起"
    else:
        pay = rng.randrange(29500, 62000, 500)
        pay_text = rng.choice([f"月薪{pay:,}元起", f"月薪 NT${pay:,} 以上", f"薪資{pay // 1000}K起", f"起薪{pay}元"])
    sentences = [f"{employer}徵求{form}。", *rng.sample(duties, k=min(len(duties), rng.randint(1, 3)))]
    place = f"工作地點：{city}{district}" + rng.choice(["，近捷運站。", "。", "，可配合調派鄰近案場。"])
    hours = (
        f"上班時段：{shift_text}。"
        if night
        else rng.choice(["上班時段：09:00-18:00。", "排班制，月休8天。", "早班 07:00-15:00。", "時段可討論。"])
    )
    sentences += [place, hours, pay_text + "，" + rng.choice(BENEFITS)]
    if rng.random() < 0.3:
        sentences.append(rng.choice(["無經驗可，公司提供完整訓練。", "具相關經驗者優先錄取。", "歡迎二度就業者。"]))
    return {
        "id": object_id,
        "title": title,
        "text": "".join(sentences),
        "labels": {
            "occupation": occupation,
            "code": code,
            "night": night,
            "part_time": part_time,
            "district": district,
            "new_taipei": new_taipei,
            "pay": pay,
            "employer": employer,
        },
    }


def make_corpus(size: int, seed: int = 20261127) -> list[dict]:
    rng = random.Random(seed)
    keys = list(OCCUPATIONS)
    return [make_ad(rng, index + 1, keys[index % len(keys)]) for index in range(size)]


def _grades(corpus, rule) -> dict[str, int]:
    return {str(ad["id"]): grade for ad in corpus if (grade := rule(ad["labels"]))}


def occupation_is(*keys):
    return lambda labels: 2 if labels["occupation"] in keys else 0


# The judged queries: what a person typing this means, as a rule on the labels
# (2 = what they want, 1 = near it, e.g. the right job on a day shift for 夜班 保全).
QUERIES = {
    "會計": occupation_is("accountant"),
    "記帳": occupation_is("accountant"),
    "餐廳 外場": occupation_is("waiter"),
    "服務生": occupation_is("waiter"),
    "夜班 保全": lambda lb: (2 if lb["night"] else 1) if lb["occupation"] == "security" else 0,
    "保全": occupation_is("security"),
    "警衛": occupation_is("security"),
    "門市": occupation_is("retail"),
    "店員": occupation_is("retail"),
    "外送": occupation_is("delivery"),
    "送餐員": occupation_is("delivery"),
    "美髮": occupation_is("hairdresser"),
    "髮型設計": occupation_is("hairdresser"),
    "台北 司機": lambda lb: (1 if lb["new_taipei"] else 2) if lb["occupation"] == "driver" else 0,
    "司機": occupation_is("driver"),
    "兼職 清潔": lambda lb: (2 if lb["part_time"] else 1) if lb["occupation"] in {"cleaner", "housekeeping"} else 0,
    "清潔": lambda lb: 2 if lb["occupation"] == "cleaner" else 1 if lb["occupation"] == "housekeeping" else 0,
    "廚師": occupation_is("cook"),
    "內場": occupation_is("cook", "dishwasher"),
    "作業員": occupation_is("operator"),
    "倉管": occupation_is("warehouse"),
    "收銀": occupation_is("cashier"),
    "照服員": occupation_is("caregiver"),
    "看護": occupation_is("caregiver"),
    "保母": occupation_is("nanny"),
    "櫃檯": occupation_is("receptionist"),
    "客服": occupation_is("customer_service"),
    "行政助理": occupation_is("admin"),
    "水電": occupation_is("plumber"),
    "咖啡師": occupation_is("barista"),
    "麵包": occupation_is("baker"),
    "房務": occupation_is("housekeeping"),
    "護理師": occupation_is("nurse"),
    "程式設計師": occupation_is("programmer"),
    "夜班 作業員": lambda lb: (2 if lb["night"] else 1) if lb["occupation"] == "operator" else 0,
}


def main() -> None:
    corpus = make_corpus(300)
    (HERE / "corpus.json").write_text(
        json.dumps(
            [{k: ad[k] for k in ("id", "title", "text", "labels")} for ad in corpus], ensure_ascii=False, indent=1
        )
        + "\n",
        encoding="utf-8",
    )
    judged = [{"q": q, "relevant": _grades(corpus, rule)} for q, rule in QUERIES.items()]
    (HERE / "judged_queries.json").write_text(json.dumps(judged, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
