"""The public accident data (職災地圖 and open data): filters parsed from a query, the
map's figures and the per-accident rows as GeoJSON and CSV, cached per filter set and
data version (a write to any accident changes the version, so nothing stale is served
and nothing needs invalidating)."""

import csv
import io
import json
import re
from datetime import date

from django.core.cache import cache

from laborbureau.core.errors import ApplicationError
from laborbureau.inspection.accidents import geo, selectors
from laborbureau.inspection.accidents.models import AccidentType, Severity

CACHE_SECONDS = 300
OPEN_DATA_LIMIT = 100_000
MONTH = re.compile(r"^(\d{4})-(\d{2})$")
SECTIONS = set("ABCDEFGHIJKLMNOPQRS")
LICENCE = "政府資料開放授權條款－第1版 Open Government Data License, Taiwan, v1.0"


def parse_month(value: str) -> date | None:
    value = (value or "").strip()
    if not value:
        return None
    match = MONTH.match(value)
    if not match or not 1 <= int(match[2]) <= 12 or not 2000 <= int(match[1]) <= 2100:
        raise ValueError(value)
    return date(int(match[1]), int(match[2]), 1)


def filters_from(*, month_from: str = "", month_to: str = "", district: str = "", industry: str = "",
                 accident_type: str = "", severity: str = "") -> selectors.MapFilters:
    """Validated filters; a bad value raises an ApplicationError naming the parameter."""
    months = {}
    for name, value in (("month_from", month_from), ("month_to", month_to)):
        try:
            months[name] = parse_month(value)
        except ValueError:
            raise ApplicationError("月份格式應為 YYYY-MM。", "A month is written YYYY-MM.", field=name) from None
    if months["month_from"] and months["month_to"] and months["month_from"] > months["month_to"]:
        raise ApplicationError("起月不可晚於迄月。", "month_from is after month_to.", field="month_from")
    district = (district or "").strip()
    if district and geo.district_by_zip(district) is None:
        raise ApplicationError("行政區應為臺北市12區之郵遞區號（如 104）。", "district is a Taipei postal code, e.g. 104.",
                               field="district")
    industry = (industry or "").strip().upper()
    if industry and industry not in SECTIONS:
        raise ApplicationError("行業應為行業統計分類大類代碼 A–S。", "industry is a section letter A–S.", field="industry")
    if accident_type and accident_type not in AccidentType.values:
        raise ApplicationError("災害類型代碼不正確。", "Unknown accident type.", field="type")
    if severity and severity not in Severity.values:
        raise ApplicationError("嚴重程度代碼不正確。", "Unknown severity.", field="severity")
    return selectors.MapFilters(months["month_from"], months["month_to"], district, industry, accident_type or "",
                                severity or "")


def cached(kind: str, filters: selectors.MapFilters, build):
    """`build()` cached per kind, filter set and data version (a rendered page fragment
    too: put the language in `kind`)."""
    return _cached(kind, filters, build)


def _cached(kind: str, filters: selectors.MapFilters, build):
    key = f"accidents:{kind}:{selectors.data_version()}:{filters.key()}"
    found = cache.get(key)
    if found is None:
        found = build()
        cache.set(key, found, CACHE_SECONDS)
    return found


def map_data(filters: selectors.MapFilters) -> selectors.MapData:
    """selectors.map_data cached per filter set and data version (the public map page)."""
    return _cached("map-data", filters, lambda: selectors.map_data(filters))


def map_payload(filters: selectors.MapFilters) -> dict:
    """The public map's data as JSON-ready dicts (what the map page and the API serve)."""

    def build():
        data = map_data(filters)
        return {
            "total": data.total,
            "districts": [{k: d[k] for k in ("zip3", "name_zh", "name_en", "count")} for d in data.districts],
            "points": [{k: p[k] for k in ("lon", "lat", "count", "district", "at_centroid")} for p in data.points],
            "grid_metres": geo.GRID_METRES,
            "min_cell_count": selectors.MIN_CELL_COUNT,
        }

    return _cached("map", filters, build)


def map_json(filters: selectors.MapFilters) -> str:
    """The map payload serialised once per filter set and version (thousands of cells:
    validating them through the response schema on every hit cost ~100 ms)."""
    return _cached("map-json", filters, lambda: json.dumps(map_payload(filters), ensure_ascii=False,
                                                           separators=(",", ":")))


def geojson_text(filters: selectors.MapFilters) -> str:
    def build():
        features = [
            {"type": "Feature", "geometry": {"type": "Point", "coordinates": [row.pop("lon"), row.pop("lat")]},
             "properties": row}
            for row in selectors.public_rows(filters, OPEN_DATA_LIMIT)
        ]
        return json.dumps({"type": "FeatureCollection", "licence": LICENCE, "features": features},
                          ensure_ascii=False, separators=(",", ":"))

    return _cached("geojson", filters, build)


CSV_COLUMNS = ("month", "district", "district_name", "industry", "type", "severity", "deaths", "injured", "lon", "lat",
               "location")


def csv_text(filters: selectors.MapFilters) -> str:
    def build():
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(selectors.public_rows(filters, OPEN_DATA_LIMIT))
        return buffer.getvalue()

    return _cached("csv", filters, build)
