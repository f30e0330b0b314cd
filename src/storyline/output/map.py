"""The map: where the story's events happened, as an SVG drawn from packaged country outlines
(countryinfo's GeoJSON, Natural Earth-derived) with no network tiles.

`map_context(sel)` is the context function the report's and the dashboard's map partial
(`templates/map.html.j2`) render: the SVG as a string of our own markup (every name in it is
escaped), and one row per place with its event counts. The view fits the places that hold most
event mentions; places outside it are listed beside the map rather than shrinking it to a
world map where the story's places are one dot.
"""

from __future__ import annotations

import functools
import json
import math
from collections import defaultdict
from dataclasses import dataclass, field
from html import escape
from importlib import resources

from storyline.output.selection import Selection

WIDTH = 760  # SVG user units; the page scales it
MIN_SPAN = 8.0  # degrees: the packaged outlines are coarse (about 1:110m); closer looks false
CORE = 0.85  # the view fits the places that together hold this share of the mentions
ASPECT = 1.3  # the view is at least this much wider than tall


@dataclass
class PlaceRow:
    """One resolved place and what happened there."""

    name: str
    kind: str
    country: str | None
    admin1: str | None
    latitude: float
    longitude: float
    geonameid: int | None
    country_code3: str | None = None
    texts: set[str] = field(default_factory=set)  # the location words that resolved here
    clusters: int = 0
    mentions: int = 0
    by_polarity: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    by_type: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    drawn: bool = True

    def to_dict(self) -> dict:
        return {"name": self.name, "kind": self.kind, "country": self.country,
                "admin1": self.admin1, "latitude": self.latitude, "longitude": self.longitude,
                "geonameid": self.geonameid, "texts": sorted(self.texts),
                "clusters": self.clusters, "mentions": self.mentions,
                "by_polarity": dict(self.by_polarity),
                "types": sorted(self.by_type, key=lambda t: -self.by_type[t])[:4],
                "drawn": self.drawn}


@functools.cache
def _outlines() -> list[tuple[str, str, list[list[list[tuple[float, float]]]]]]:
    """(ISO alpha-3, name, polygons) of every country countryinfo ships an outline for."""
    base = resources.files("countryinfo").joinpath("data")
    out = []
    for entry in sorted(base.iterdir(), key=lambda p: p.name):
        if not entry.name.endswith(".json"):
            continue
        try:
            data = json.loads(entry.read_text(encoding="utf-8"))
        except (ValueError, OSError):
            continue
        geo = data.get("geoJSON") or {}
        code = (data.get("ISO") or {}).get("alpha3")
        polygons = []
        for feature in geo.get("features", []):
            geom = feature.get("geometry") or {}
            if geom.get("type") == "Polygon":
                polygons.append(geom["coordinates"])
            elif geom.get("type") == "MultiPolygon":
                polygons.extend(geom["coordinates"])
        # a ring of four corners is a placeholder box in the data, not an outline: not drawn
        polygons = [p for p in polygons if p and len(p[0]) > 5]
        if code and polygons:
            out.append((code, data.get("name") or code, polygons))
    # several countryinfo files describe one country: keep the first of each code
    seen: set[str] = set()
    return [o for o in out if not (o[0] in seen or seen.add(o[0]))]


def place_rows(sel: Selection) -> list[PlaceRow]:
    """Every resolved place of the selected clusters, most mentions first."""
    from storyline.extract.places import resolve_place

    rows: dict[tuple, PlaceRow] = {}
    for c in sel.story.clusters:
        if not c.location:
            continue
        place = resolve_place(c.location)
        if place is None:
            continue
        key = (place.geonameid, place.name, place.latitude, place.longitude)
        row = rows.get(key)
        if row is None:
            row = rows[key] = PlaceRow(place.name, place.kind, place.country, place.admin1,
                                       place.latitude, place.longitude, place.geonameid,
                                       place.country_code3)
        row.texts.add(c.location)
        row.clusters += 1
        row.mentions += len(c.mentions)
        row.by_polarity[c.polarity] += len(c.mentions)
        row.by_type[c.type] += len(c.mentions)
    return sorted(rows.values(), key=lambda r: (-r.mentions, r.name))


def _view(rows: list[PlaceRow]) -> tuple[float, float, float, float]:
    """(west, south, east, north) fitting the places that hold most mentions (CORE of them),
    padded, no narrower than MIN_SPAN and about as wide as tall or wider; `drawn` marks the
    places inside it."""
    total = sum(r.mentions for r in rows)
    core, running = [], 0
    for r in rows:  # most mentions first
        core.append(r)
        running += r.mentions
        if running >= CORE * total:
            break
    west, east = min(r.longitude for r in core), max(r.longitude for r in core)
    south, north = min(r.latitude for r in core), max(r.latitude for r in core)
    span_lon = max(east - west, MIN_SPAN)
    span_lat = max(north - south, MIN_SPAN)
    kx = math.cos(math.radians((south + north) / 2))
    span_lon = max(span_lon, span_lat / kx * ASPECT)  # landscape: width >= ASPECT x height
    span_lat = max(span_lat, span_lon * kx / 2.2)
    mid_lon, mid_lat = (west + east) / 2, (south + north) / 2
    west, east = mid_lon - span_lon * 0.65, mid_lon + span_lon * 0.65
    south, north = mid_lat - span_lat * 0.65, mid_lat + span_lat * 0.65
    for r in rows:
        r.drawn = west <= r.longitude <= east and south <= r.latitude <= north
    return west, south, east, north


def _project(view: tuple[float, float, float, float]):
    west, south, east, north = view
    kx = math.cos(math.radians((south + north) / 2))  # equirectangular, true at mid-latitude
    scale = WIDTH / ((east - west) * kx)
    height = (north - south) * scale

    def xy(lon: float, lat: float) -> tuple[float, float]:
        return (lon - west) * kx * scale, (north - lat) * scale

    return xy, height


def _country_paths(view, xy, shade: dict[str, float] | None = None) -> list[str]:
    west, south, east, north = view
    margin = max(east - west, north - south)
    paths = []
    for code, name, polygons in _outlines():
        rings_d = []
        for polygon in polygons:
            for ring in polygon:
                lons = [p[0] for p in ring]
                lats = [p[1] for p in ring]
                if (max(lons) < west - margin or min(lons) > east + margin
                        or max(lats) < south - margin or min(lats) > north + margin):
                    continue
                pts = [xy(lon, lat) for lon, lat in ring]
                rings_d.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in pts) + "Z")
        if rings_d:
            level = (shade or {}).get(code)
            style = f' style="fill-opacity:{0.15 + 0.5 * level:.2f}"' if level else ""
            cls = "land hit" if level else "land"
            paths.append(f'<path class="{cls}" data-country="{escape(code)}"{style} '
                         f'd="{"".join(rings_d)}"><title>{escape(name)}</title></path>')
    return paths


def map_svg(rows: list[PlaceRow]) -> str:
    """The SVG of the drawn places over the country outlines."""
    # a country is shaded, not a dot at its centre; seas and regions are too large to be dots
    for r in rows:
        if r.kind in ("region", "sea"):
            r.drawn = False
    points = [r for r in rows if r.kind not in ("country", "region", "sea")]
    view = _view(points or rows)
    for r in rows:
        if r.kind == "country":
            r.drawn = True
    xy, height = _project(view)
    countries = [r for r in rows if r.kind == "country" and r.country_code3]
    top = max((r.mentions for r in countries), default=1)
    shade = {r.country_code3: math.sqrt(r.mentions / top) for r in countries}
    rows = points
    biggest = max((r.mentions for r in rows if r.drawn), default=1)
    parts = [f'<svg class="story-map" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} '
             f'{height:.0f}" role="img" aria-label="Map of the places where events happened">',
             f'<defs><clipPath id="map-clip"><rect width="{WIDTH}" height="{height:.0f}"/>'
             f"</clipPath></defs>",
             f'<rect class="sea" width="{WIDTH}" height="{height:.0f}"/>',
             '<g clip-path="url(#map-clip)">', *_country_paths(view, xy, shade)]
    for r in sorted((r for r in rows if r.drawn), key=lambda r: -r.mentions):
        x, y = xy(r.longitude, r.latitude)
        radius = 3 + 14 * math.sqrt(r.mentions / biggest)
        real = r.by_polarity.get("real", 0)
        cls = "real" if real * 2 >= r.mentions else "other"
        tip = (f"{r.name}{', ' + r.admin1 if r.admin1 and r.admin1 != r.name else ''}"
               f"{', ' + r.country if r.country and r.kind != 'country' else ''}: "
               f"{r.mentions} reports of {r.clusters} events")
        parts.append(f'<circle class="place {cls}" cx="{x:.1f}" cy="{y:.1f}" r="{radius:.1f}" '
                     f'data-place="{escape(r.name)}"><title>{escape(tip)}</title></circle>')
    placed: list[tuple[float, float, float, float]] = []
    for r in sorted((r for r in rows if r.drawn), key=lambda r: -r.mentions)[:12]:
        x, y = xy(r.longitude, r.latitude)
        box = (x + 6, y - 18, x + 10 + 7 * len(r.name), y - 2)  # about 7 units a letter
        if any(not (box[2] < b[0] or box[0] > b[2] or box[3] < b[1] or box[1] > b[3])
               for b in placed):
            continue  # a label over another one helps nobody: the table lists every place
        placed.append(box)
        parts.append(f'<text class="label" x="{box[0]:.1f}" y="{y - 6:.1f}">'
                     f"{escape(r.name)}</text>")
    parts.append("</g></svg>")
    return "".join(parts)


def map_context(sel: Selection) -> dict:
    """What the map partial shows: the SVG (None when no event location resolves), the drawn
    and the far places, and how many located clusters the gazetteer could not place."""
    rows = place_rows(sel)
    located = sum(1 for c in sel.story.clusters if c.location)
    placed = sum(r.clusters for r in rows)
    if not rows:
        return {"svg": None, "places": [], "far": [], "located": located, "unplaced": located}
    svg = map_svg(rows)
    return {
        "svg": svg,
        "places": [r.to_dict() for r in rows if r.drawn][:30],
        "far": [r.to_dict() for r in rows if not r.drawn][:20],
        "located": located,
        "unplaced": located - placed,
    }
