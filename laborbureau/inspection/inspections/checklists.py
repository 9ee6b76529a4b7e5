"""The checklists of the inspection types: data files (data/checklists/<type>.json), one
item per legal provision checked, with the penalty article a violation is fined under.
Loaded once; the field form and the findings service read them from here."""

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class Item:
    code: str
    provision: str  # the provision checked, e.g. 職業安全衛生設施規則第224條第1項
    text_zh: str
    text_en: str
    penalty: str | None  # "LAW|article" of rules.fine_ranges, None when not a fine (e.g. a criminal penalty)
    imminent_danger: bool  # a violation of it may justify an immediate stop-work order
    penalty_note: str = ""


@dataclass(frozen=True)
class Checklist:
    type: str
    name_zh: str
    name_en: str
    items: tuple[Item, ...]

    def item(self, code: str) -> Item | None:
        return next((item for item in self.items if item.code == code), None)


@cache
def checklist(inspection_type: str) -> Checklist:
    raw = json.loads(
        resources.files("laborbureau.inspection.inspections")
        .joinpath("data", "checklists", f"{inspection_type.lower()}.json")
        .read_text(encoding="utf-8")
    )
    return Checklist(
        type=raw["type"], name_zh=raw["name_zh"], name_en=raw["name_en"],
        items=tuple(Item(**{key: value for key, value in entry.items()}) for entry in raw["items"]),
    )
