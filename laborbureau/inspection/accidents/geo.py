"""The accident map's geometry, with no tile server: the 12 districts of 臺北市 from the
bundled GeoJSON (data/SOURCES.md), projected once to SVG paths, points placed on the
same projection, a point-in-district test for map points sent by reporters, and the
anonymising grid of the public map.

Projection: equirectangular around the city's mean latitude (x = lon·cos φ0, y = −lat),
scaled to a fixed view box. At the scale of one city (about 20 km across) it differs
from a conformal projection by well under a pixel."""

import json
import math
from dataclasses import dataclass
from functools import cache
from importlib import resources

VIEW_WIDTH = 600
PADDING = 8
GRID_METRES = 200  # the public map shows points only to the nearest 200 m cell
METRES_PER_DEGREE_LAT = 111_320.0


@dataclass(frozen=True)
class District:
    zip3: str
    code: str
    name_zh: str
    name_en: str
    rings: tuple[tuple[tuple[float, float], ...], ...]  # lon/lat rings: outer first
    centroid: tuple[float, float]  # lon, lat


def _ring_centroid(ring) -> tuple[float, float, float]:
    area = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        area += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    area /= 2
    return cx / (6 * area), cy / (6 * area), area


@cache
def districts() -> tuple[District, ...]:
    raw = json.loads(
        resources.files("laborbureau.inspection.accidents").joinpath("data", "taipei_districts.geojson").read_text(
            encoding="utf-8"
        )
    )
    found = []
    for feature in raw["features"]:
        geometry = feature["geometry"]
        polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        rings = tuple(tuple((float(x), float(y)) for x, y in ring) for polygon in polygons for ring in polygon)
        cx, cy, _ = _ring_centroid(list(rings[0]))
        props = feature["properties"]
        found.append(District(props["zip"], props["code"], props["name_zh"], props["name_en"], rings, (cx, cy)))
    return tuple(sorted(found, key=lambda d: d.zip3))


@cache
def _bounds() -> tuple[float, float, float, float]:
    points = [p for d in districts() for ring in d.rings for p in ring]
    return (min(p[0] for p in points), min(p[1] for p in points), max(p[0] for p in points), max(p[1] for p in points))


@cache
def _frame() -> tuple[float, float, float, float, float]:
    west, south, east, north = _bounds()
    cos0 = math.cos(math.radians((south + north) / 2))
    scale = (VIEW_WIDTH - 2 * PADDING) / ((east - west) * cos0)
    height = (north - south) * scale + 2 * PADDING
    return west, north, cos0, scale, height


def view_box() -> str:
    return f"0 0 {VIEW_WIDTH} {round(_frame()[4])}"


def project(lon: float, lat: float) -> tuple[float, float]:
    west, north, cos0, scale, _ = _frame()
    return (round(PADDING + (lon - west) * cos0 * scale, 1), round(PADDING + (north - lat) * scale, 1))


@cache
def district_paths() -> dict[str, str]:
    """zip3 -> the SVG path of the district (cached for the process)."""
    paths = {}
    for district in districts():
        parts = []
        for ring in district.rings:
            xy = [project(lon, lat) for lon, lat in ring]
            parts.append("M" + " L".join(f"{x},{y}" for x, y in xy) + " Z")
        paths[district.zip3] = " ".join(parts)
    return paths


def _inside(ring, lon: float, lat: float) -> bool:
    inside = False
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y0 > lat) != (y1 > lat) and lon < (x1 - x0) * (lat - y0) / (y1 - y0) + x0:
            inside = not inside
    return inside


def district_at(lon: float, lat: float) -> District | None:
    """The district containing the point (even-odd rule over its rings), or None
    outside 臺北市."""
    west, south, east, north = _bounds()
    if not (west <= lon <= east and south <= lat <= north):
        return None
    for district in districts():
        hits = sum(_inside(list(ring), lon, lat) for ring in district.rings)
        if hits % 2 == 1:
            return district
    return None


def district_by_zip(zip3: str) -> District | None:
    return next((d for d in districts() if d.zip3 == zip3), None)


@cache
def _cell_degrees() -> tuple[float, float]:
    west, south, east, north = _bounds()
    cos0 = math.cos(math.radians((south + north) / 2))
    return GRID_METRES / (METRES_PER_DEGREE_LAT * cos0), GRID_METRES / METRES_PER_DEGREE_LAT


def grid_cell(lon: float, lat: float) -> tuple[int, int]:
    """The 200 m cell of a point: what the public map keeps instead of the point."""
    dlon, dlat = _cell_degrees()
    return math.floor(lon / dlon), math.floor(lat / dlat)


def cell_centre(cell_x: int, cell_y: int) -> tuple[float, float]:
    dlon, dlat = _cell_degrees()
    return round((cell_x + 0.5) * dlon, 5), round((cell_y + 0.5) * dlat, 5)
