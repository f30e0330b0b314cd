"""PLOVER event records, field for field as the specification's "Data Fields" chapter gives
them (openeventdata/PLOVER, PLOVER_MANUAL.tex), one JSON object per line.

Specification fields used: `id`, `has_event`, `date`, `enddate`, `source` and `recipient`
(lists of actor objects: `code`, `sector`, `actor_text`, `identifier_text`), `event` (list),
`event_loc` (the GeoNames location object: `geonameid`, `name`, `asciiname`, `latitude`,
`longitude`, `feature class`, `feature code`, `country code`, `cc3`, `admin1 code`,
`population`), `event_text` (list), `quad_code`, `event_scale` (the specification's PLOVER
scores), `mode` (list), `context` (list), `link`, `text`, `text_info` (`start`, `end`),
`cite_info` (`url`, `title`, `language`, `publication`, `coder`, `codebook`), `coder`.

The special contexts carry modality as the specification asks: `negation`, `future`,
`hypothetical`, `historical`; a negated mention is therefore never a plain event. What the
specification has no field for is kept under one extension object, `storyline` (modality,
who reports a reported event, the date's basis and words, the article and its quote).

One record per extracted event mention (PLOVER codes reports); `link` is the id of the event
cluster the mention belongs to ("a common reference across multiple related events"). The
specification requires a date: mentions without one are left out and counted.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources

from storyline import __version__
from storyline.output.exports import stored_records
from storyline.output.selection import Selection
from storyline.records import ActorRef, Event
from storyline.store import Store

# The specification's quad categories; REQUEST is PLOVER v2's name for the manual's DEMAND.
QUAD = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1,
    "COOPERATE": 2, "AID": 2, "RETREAT": 2,
    "REQUEST": 3, "DEMAND": 3, "ACCUSE": 3, "REJECT": 3, "SANCTION": 3, "THREATEN": 3,
    "PROTEST": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}
# "PLOVER conflict-cooperation scores" table of the specification.
SCALE = {
    "ASSAULT": -9.3, "COERCE": -7.2, "PROTEST": -6.6, "MOBILIZE": -5.3, "SANCTION": -5.2,
    "THREATEN": -5.1, "DEMAND": -5.0, "REQUEST": -5.0, "REJECT": -4.2, "ACCUSE": -2.0,
    "CONSULT": 2.1, "AGREE": 4.2, "SUPPORT": 4.6, "CONCEDE": 5.0, "COOPERATE": 6.8,
    "AID": 7.4, "RETREAT": 7.6,
}
# Special contexts of the specification, by storyline modality (asserted and reported: none).
CONTEXT_OF_MODALITY = {"negated": "negation", "future": "future",
                       "hypothetical": "hypothetical", "historical": "historical"}
CODEBOOK = "PLOVER (openeventdata/PLOVER manual, Data Fields chapter)"
# GeoNames feature class and code by gazetteer kind; only what the kind makes certain.
_FEATURE = {"city": ("P", None), "village": ("P", None), "admin_area": ("A", "ADM1"),
            "country": ("A", None), "sea": ("H", None), "crossing": ("S", None)}


def schema() -> dict:
    """The JSON Schema of these records (written from the specification; packaged)."""
    text = resources.files("storyline.output").joinpath("schemas/plover.schema.json")
    return json.loads(text.read_text(encoding="utf-8"))


def actor_object(ref: ActorRef) -> dict:
    """A PLOVER actor object: country code, sector, the text as written and the canonical
    name it resolved to; storyline's actor kind and affiliation as extensions."""
    obj: dict = {"actor_text": ref.text}
    if ref.country:
        obj["code"] = ref.country
    if ref.sector:
        obj["sector"] = ref.sector
    if ref.canonical:
        obj["identifier_text"] = ref.canonical
    if ref.kind:
        obj["kind"] = ref.kind
    if ref.affiliation:
        obj["affiliation"] = ref.affiliation
    return obj


def location_object(text: str, place) -> dict:  # place: storyline.extract.places.Place | None
    """The event_loc object: GeoNames' field names for a resolved place; the words as
    written always (`location_text`, an extension)."""
    if place is None:
        return {"name": text, "location_text": text}
    import unicodedata

    ascii_name = unicodedata.normalize("NFKD", place.name).encode("ascii", "ignore").decode()
    obj: dict = {"name": place.name, "asciiname": ascii_name,
                 "latitude": place.latitude, "longitude": place.longitude}
    if place.geonameid is not None:
        obj["geonameid"] = place.geonameid
    fclass, fcode = _FEATURE.get(place.kind, (None, None))
    if fclass:
        obj["feature class"] = fclass
    if fcode:
        obj["feature code"] = fcode
    if place.country_code:
        obj["country code"] = place.country_code
    if place.country_code3:
        obj["cc3"] = place.country_code3
    if place.admin1_code:
        obj["admin1 code"] = place.admin1_code.split(".", 1)[-1]
    if place.population:
        obj["population"] = place.population
    obj["location_text"] = text
    if place.admin1:
        obj["admin1_name"] = place.admin1
    if place.qualifier:
        obj["qualifier"] = place.qualifier
    return obj


def plover_record(event: Event, source: dict, link: str | None = None,
                  language: str | None = None, place=None) -> dict | None:
    """One event mention as a PLOVER record (None when it has no date, which PLOVER
    requires); `source` is the article's citation metadata, `place` its resolved location."""
    if not event.date_earliest or not event.type:
        return None
    rid = f"{event.article_id[:12]}-{event.start}-{event.end}"
    context = ([CONTEXT_OF_MODALITY[event.modality]]
               if event.modality in CONTEXT_OF_MODALITY else [])
    record: dict = {
        "id": rid,
        "has_event": True,
        "date": event.date_earliest[:10],
    }
    if event.date_latest and event.date_latest[:10] != event.date_earliest[:10]:
        record["enddate"] = event.date_latest[:10]
    record |= {
        "source": [actor_object(a) for a in event.actors],
        "recipient": [actor_object(r) for r in event.recipients],
        "event": [event.type],
        "event_text": [event.trigger] if event.trigger else [],
        "mode": [event.mode] if event.mode else [],
        "context": context,
    }
    if event.type in QUAD:
        record["quad_code"] = QUAD[event.type]
    if event.type in SCALE:
        record["event_scale"] = SCALE[event.type]
    if event.location:
        record["event_loc"] = location_object(event.location, place)
    if link:
        record["link"] = link
    record |= {
        "text": event.sentence,
        "text_info": {"start": event.start, "end": event.end},
        "cite_info": {k: v for k, v in {
            "url": source.get("url"), "title": source.get("title"),
            "publication": source.get("outlet"), "language": language,
            "coder": f"storyline {__version__}", "codebook": CODEBOOK,
        }.items() if v},
        "coder": f"storyline {__version__}",
        "storyline": {
            "modality": event.modality,
            "reported_by": event.source,
            "date_basis": event.date_basis,
            "date_text": event.date_text,
            "article_id": event.article_id,
            "quote": event.quote,
            "published": source.get("published"),
        },
    }
    return record


@dataclass
class PloverExport:
    """The records and what was left out (and why)."""

    records: list[dict] = field(default_factory=list)
    undated: int = 0


def plover_export(store: Store, sel: Selection) -> PloverExport:
    """Every stored event mention that passes the selection's filters, as PLOVER records."""
    from storyline.extract.places import resolve_place

    links = {(m.article_id, m.start, m.end): c.id
             for c in sel.story.clusters for m in c.mentions}
    languages = {r.id: r.language for r in store.list_articles()}
    out = PloverExport()
    places: dict[str, object] = {}
    for ev in stored_records(store, "events", sel.filters):
        if not ev.type:
            continue
        if ev.location and ev.location not in places:
            places[ev.location] = resolve_place(ev.location)
        record = plover_record(ev, sel.source(ev.article_id),
                               links.get((ev.article_id, ev.start, ev.end)),
                               languages.get(ev.article_id), places.get(ev.location or ""))
        if record is None:
            out.undated += 1
        else:
            out.records.append(record)
    return out


def plover_records(store: Store, sel: Selection) -> list[dict]:
    """`plover_export(store, sel).records`."""
    return plover_export(store, sel).records


def to_jsonl(records: Iterable[dict]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
