"""The occupation classification (職業標準分類, 6th revision) shipped with the code
(data/SOURCES.md), loaded by the data migration."""

import csv
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"


def occupations() -> list[dict]:
    with open(DATA_DIR / "occupation_classification.csv", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def load(apps) -> None:
    """Create or update the rows (majors first, so sub-majors can point at them)."""
    Occupation = apps.get_model("employment", "Occupation")
    rows = occupations()
    for level in ("major", "sub_major"):
        for row in rows:
            if row["level"] == level:
                Occupation.objects.update_or_create(
                    code=row["code"],
                    defaults={
                        "level": level,
                        "parent_id": row["parent_code"] or None,
                        "name_zh": row["name_zh"],
                        "name_en": row["name_en"],
                    },
                )
