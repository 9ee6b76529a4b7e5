"""Reference data shipped with the code (see data/SOURCES.md): Taipei's districts,
the industry classification, and the department's units from the annual plan."""

import csv
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"

# The department's units, named as in the 103 annual plan (seed 壹–拾) and the
# department's organisation: (code, 中文, English).
UNITS = [
    ("LR", "勞資關係科", "Labor Relations Section"),
    ("LS", "勞動基準科", "Labor Standards Section"),
    ("ES", "就業安全科", "Employment Security Section"),
    ("ED", "勞動教育文化科", "Labor Education and Culture Section"),
    ("ESO", "就業服務處", "Employment Services Office"),
    ("VTA", "職能發展學院", "Vocational Training Academy"),
    ("LIO", "勞動檢查處", "Labor Inspection Office"),
    ("DEO", "勞動力重建運用處", "Disability Employment Office"),
    ("FWA", "外勞事務科", "Foreign Workers Affairs Section"),
    ("ADM", "秘書室", "Secretariat"),
]


def districts() -> list[dict]:
    with open(DATA_DIR / "taipei_postal_codes.csv", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def industries() -> list[dict]:
    with open(DATA_DIR / "industry_classification.csv", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def load(apps) -> None:
    """Create or update the reference rows (used by the data migration)."""
    District = apps.get_model("core", "District")
    IndustryClass = apps.get_model("core", "IndustryClass")
    Unit = apps.get_model("core", "Unit")
    for row in districts():
        District.objects.update_or_create(
            code=row["district_code"], defaults={"zip3": row["zip3"], "name_zh": row["name_zh"], "name_en": row["name_en"]}
        )
    rows = industries()
    for row in rows:  # sections first, so divisions can point at them
        if row["level"] == "section":
            IndustryClass.objects.update_or_create(
                code=row["code"], defaults={"level": "section", "parent": None, "name_zh": row["name_zh"]}
            )
    for row in rows:
        if row["level"] == "division":
            IndustryClass.objects.update_or_create(
                code=row["code"],
                defaults={"level": "division", "parent_id": row["parent_code"], "name_zh": row["name_zh"]},
            )
    for code, name_zh, name_en in UNITS:
        Unit.objects.update_or_create(code=code, defaults={"name_zh": name_zh, "name_en": name_en})
