"""The demo logins: the same on every machine, listed in the README, refused in
production (settings.DEMO_DATA_ALLOWED)."""

DEMO_PASSWORD = "Demo-2026-taipei"

# (username, unit code or None, role or kind, 中文, English)
STAFF = [
    ("director", "ADM", "DIRECTOR", "局長", "Director"),
    ("auditor", "ADM", "AUDITOR", "稽核", "Auditor"),
    ("sysadmin", "ADM", "SYSADMIN", "系統管理員", "System administrator"),
    ("lr_officer", "LR", "CASE_OFFICER", "勞資關係科承辦人", "Labor relations officer"),
    ("lr_mediator", "LR", "MEDIATOR", "勞資關係科調解人", "Mediator"),
    ("lr_chief", "LR", "SECTION_CHIEF", "勞資關係科科長", "Labor relations chief"),
    ("ls_officer", "LS", "CASE_OFFICER", "勞動基準科承辦人", "Labor standards officer"),
    ("ls_officer2", "LS", "CASE_OFFICER", "勞動基準科承辦人二", "Labor standards officer 2"),
    ("ls_chief", "LS", "SECTION_CHIEF", "勞動基準科科長", "Labor standards chief"),
    ("es_officer", "ES", "CASE_OFFICER", "就業安全科承辦人", "Employment security officer"),
    ("es_chief", "ES", "SECTION_CHIEF", "就業安全科科長", "Employment security chief"),
    ("ed_officer", "ED", "CASE_OFFICER", "勞動教育文化科承辦人", "Labor education officer"),
    ("ed_chief", "ED", "SECTION_CHIEF", "勞動教育文化科科長", "Labor education chief"),
    ("eso_officer", "ESO", "CASE_OFFICER", "就業服務處承辦人", "Employment services officer"),
    ("eso_chief", "ESO", "SECTION_CHIEF", "就業服務處主管", "Employment services chief"),
    ("vta_officer", "VTA", "CASE_OFFICER", "職能發展學院承辦人", "Academy officer"),
    ("vta_chief", "VTA", "SECTION_CHIEF", "職能發展學院主管", "Academy chief"),
    ("lio_inspector", "LIO", "INSPECTOR", "勞動檢查處檢查員", "Labor inspector"),
    ("lio_officer", "LIO", "CASE_OFFICER", "勞動檢查處承辦人", "Inspection officer"),
    ("lio_chief", "LIO", "SECTION_CHIEF", "勞動檢查處主管", "Inspection chief"),
    ("deo_officer", "DEO", "CASE_OFFICER", "勞動力重建運用處承辦人", "Disability employment officer"),
    ("deo_chief", "DEO", "SECTION_CHIEF", "勞動力重建運用處主管", "Disability employment chief"),
    ("fwa_officer", "FWA", "CASE_OFFICER", "外勞事務科承辦人", "Foreign workers officer"),
    ("fwa_chief", "FWA", "SECTION_CHIEF", "外勞事務科科長", "Foreign workers chief"),
]
CITIZEN = "citizen"
EMPLOYER = "employer"
