"""Everyday names of occupations and job terms in Taiwanese job ads, as data.

Each group lists words that a job seeker uses for the same thing (the first is the
usual ad wording). A query word found in a group finds any of the group's words, so 外送
finds an ad that only says 送餐員. Each document is indexed with one token per group it
mentions (`search.text.group_tokens`, ADR 0006): after editing this table, re-index
(`manage.py employment_reindex`; the nightly job does it too). Until then the searches
stay right: an edited group has a new token, which they see the index lacks, and they
expand that group's words at query time instead.

Groups are written in everyday form; `text.normalize` folds their variants the same way
as the ads (櫃檯 and 櫃台 are one word here). A word belongs to at most one group (a
test checks it). Drawn from common wording on Taiwanese job boards and the 台北人力銀行.
"""

OCCUPATION_SYNONYMS: tuple[tuple[str, ...], ...] = (
    # Retail and service
    ("門市", "門市人員", "店員", "門市專員", "售貨員", "門市服務員"),
    ("收銀", "收銀員", "收銀人員", "結帳人員"),
    ("便利商店", "超商", "超商店員", "便利店"),
    ("外送", "外送員", "送餐員", "外送人員", "外送夥伴", "外送騎士"),
    ("外場", "外場人員", "外場服務員", "服務生", "餐廳服務員", "外場服務人員"),
    ("廚師", "廚房助手", "廚房助理", "內場", "內場人員", "廚工", "二廚", "廚房人員"),
    ("洗碗", "洗碗工", "洗碗人員", "洗滌人員"),
    ("烘焙", "烘焙師", "麵包師", "麵包師傅", "烘焙助手", "西點師"),
    ("咖啡師", "吧台手", "吧台人員", "barista"),
    ("飲料店", "手搖飲", "飲料調製", "飲品調製", "飲料店員"),
    ("早餐店", "早餐店員", "早午餐店"),
    ("美髮", "髮型設計", "髮型設計師", "美髮助理", "設計師助理", "洗髮助理"),
    ("美容", "美容師", "美體師", "芳療師", "美容助理"),
    ("美甲", "美甲師", "指甲彩繪"),
    ("按摩師", "推拿", "指壓師", "按摩"),
    ("加油員", "加油站人員", "加油站員工"),
    # Security, buildings, cleaning
    ("保全", "保全員", "保全人員", "警衛", "守衛"),
    ("大樓管理員", "社區管理員", "物業管理", "總幹事"),
    ("停車場管理員", "停車管理員", "停車場收費員"),
    ("清潔", "清潔員", "清潔人員", "清潔工", "打掃", "環境清潔"),
    ("房務", "房務員", "房務人員", "客房清潔"),
    ("救生員", "泳池救生員"),
    ("園藝", "園丁", "植栽養護", "景觀維護"),
    ("資源回收", "回收人員", "資收人員"),
    # Driving and logistics
    ("司機", "駕駛", "駕駛員", "運將", "職業駕駛"),
    ("貨車司機", "貨運司機", "卡車司機", "聯結車司機", "大貨車司機"),
    ("計程車司機", "計程車駕駛", "小黃", "多元計程車"),
    ("公車司機", "公車駕駛", "客運司機", "大客車駕駛"),
    ("配送", "送貨", "配送員", "送貨員", "物流配送"),
    ("倉管", "倉儲人員", "倉庫管理", "理貨", "理貨員", "揀貨", "撿貨", "揀貨員", "撿貨員"),
    ("搬運", "搬運工", "搬家", "搬家工人"),
    ("堆高機", "堆高機司機", "堆高機操作員"),
    # Factory and trades
    ("作業員", "操作員", "產線人員", "生產線人員", "生產作業員", "技術操作員"),
    ("品管", "品保", "品質管理", "品檢", "qc"),
    ("焊工", "電焊", "焊接", "氬焊"),
    ("水電", "水電工", "水電師傅"),
    ("電工", "配線人員", "室內配線"),
    ("木工", "裝潢木工", "木作"),
    ("油漆", "油漆工", "油漆師傅"),
    ("泥作", "泥水工", "泥作師傅"),
    ("粗工", "雜工", "工地助手", "臨時工"),
    ("汽車技師", "修車", "汽車修護", "汽修", "黑手"),
    ("機車技師", "機車修理", "機車修護"),
    # Office
    ("會計", "記帳", "會計人員", "會計助理", "帳務人員", "記帳員"),
    ("行政", "行政助理", "文書", "文書處理", "辦公室助理", "事務員"),
    ("客服", "客服人員", "客戶服務", "電話客服"),
    ("櫃台", "櫃台人員", "接待人員", "接待員", "前台", "總機"),
    ("業務", "業務員", "業務代表", "業務專員", "銷售人員"),
    ("電話行銷", "電銷", "電話業務"),
    ("保險業務", "保險業務員", "壽險顧問", "保險顧問"),
    ("房仲", "房屋仲介", "不動產經紀人", "不動產營業員"),
    ("行銷", "行銷企劃", "行銷專員"),
    ("小編", "社群小編", "社群經營"),
    ("平面設計", "美編", "視覺設計", "美術設計"),
    ("人資", "人力資源", "人事專員", "hr"),
    ("採購", "採購專員", "採購人員"),
    ("軟體工程師", "程式設計師", "軟體開發", "程式開發", "前端工程師", "後端工程師", "全端工程師"),
    ("網管", "網路管理", "系統管理員", "資訊人員", "mis"),
    ("翻譯", "口譯", "筆譯"),
    # Care, health, education
    ("照顧服務員", "照服員", "看護", "居服員", "照護員", "居家照顧"),
    ("保母", "保姆", "褓姆", "托育人員"),
    ("護理師", "護士", "護理人員"),
    ("藥師", "藥劑師"),
    ("社工", "社工員", "社會工作人員"),
    ("老師", "教師", "講師"),
    ("家教", "家庭教師"),
    ("課輔", "課輔老師", "安親班老師", "課後照顧"),
    ("導遊", "領隊"),
    # Working time
    ("夜班", "晚班", "大夜", "小夜", "夜間"),
    ("兼職", "打工", "工讀", "工讀生", "部分工時", "計時人員", "兼差", "pt"),
    ("全職", "正職", "全時"),
)

# Words that say nothing about the job when they appear in a query next to other words
# ("找 會計 工作"): dropped from a query, unless they are all it has. The city's own name
# is one of them: every record of this platform is in Taipei (the address of nearly every
# ad holds 臺北市), so "台北 司機" means 司機, and matching 台北 only cost time (FTS5 reads
# the whole list of the documents holding a word to weigh it: 7 ms of a 10 ms search at
# 200,000 ads).
QUERY_NOISE_WORDS: frozenset[str] = frozenset(
    {"找", "想找", "的", "工作", "職缺", "徵", "誠徵", "急徵", "徵求", "應徵", "台北", "臺北", "台北市", "臺北市",
     "北市"}
)
