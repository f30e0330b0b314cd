"""PLOVER event records, as event-data users load them (one JSON object per line).

Field names follow the PLOVER specification's "JSON Data Fields" chapter (openeventdata/PLOVER):
`id`, `date`/`enddate`, `source`/`recipient` (lists of actor objects with `actor_text`, `code`,
`sector`, `identifier_text`), `event`, `mode`, `context`, `quad_code`, `event_loc`,
`event_text`, `text`, `text_info`, `cite_info`, `link`, `coder`, `codebook`. The flat aliases
most event-data tables use (`event_id`, `event_date`, `event_type`, `event_mode`,
`source_actor_*`, `target_actor_*`, `country`, `anchor_text`) are added beside them so the
records load straight into a data frame.

One record per extracted event mention (PLOVER codes reports, not deduplicated events); `link`
is the id of the event cluster the mention belongs to, which the specification reserves for a
common reference across related records. The auxiliary modalities become PLOVER contexts
("future", "hypothetical"); negated and reported mentions keep `modality` and `reported_by`.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable

from storyline import __version__
from storyline.output.exports import stored_records
from storyline.output.selection import Selection
from storyline.records import ActorRef, Event
from storyline.store import Store

# PLOVER quad categories (the specification's table, v2 category names).
QUAD = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1,
    "COOPERATE": 2, "AID": 2, "RETREAT": 2,
    "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "SANCTION": 3, "THREATEN": 3,
    "PROTEST": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}
CONTEXT_OF_MODALITY = {"future": "future", "hypothetical": "hypothetical"}
CODEBOOK = "PLOVER v2"


def actor_object(ref: ActorRef) -> dict:
    """A PLOVER actor object: the text as written, its country code and sector, and the
    canonical name it resolved to (`identifier_text`)."""
    return {
        "actor_text": ref.text,
        "code": ref.country,
        "sector": ref.sector,
        "identifier_text": ref.canonical,
        "kind": ref.kind,
        "affiliation": ref.affiliation,
    }


@functools.cache
def _place_country(name: str) -> str | None:
    """ISO 3166 alpha-3 code of a location the actor lexicon knows ("Doha" → QAT)."""
    from storyline.extract.actors import load_lexicon  # loads spaCy: only when needed

    lex = load_lexicon()
    found = lex.lookup(name)
    return lex.entries[found[0]].country if found else None


def _flat(prefix: str, refs: list[ActorRef]) -> dict:
    def join(values: Iterable[str | None]) -> str | None:
        kept = [v for v in values if v]
        return "; ".join(kept) if kept else None

    return {
        f"{prefix}_text": join(r.text for r in refs),
        f"{prefix}_code": join(r.country for r in refs),
        f"{prefix}_sector": join(r.sector for r in refs),
        f"{prefix}_name": join(r.canonical for r in refs),
    }


def plover_record(event: Event, source: dict, link: str | None = None,
                  language: str | None = None) -> dict:
    """One event mention as a PLOVER record; `source` is the article's citation metadata."""
    rid = f"{event.article_id[:12]}-{event.start}-{event.end}"
    enddate = event.date_latest if event.date_latest != event.date_earliest else None
    context = [CONTEXT_OF_MODALITY[event.modality]] if event.modality in CONTEXT_OF_MODALITY else []
    record = {
        "id": rid,
        "event_id": rid,
        "has_event": True,
        "date": event.date_earliest,
        "enddate": enddate,
        "event_date": event.date_earliest,
        "date_basis": event.date_basis,
        "date_text": event.date_text,
        "event": [event.type],
        "event_type": event.type,
        "mode": event.mode,
        "event_mode": event.mode,
        "context": context,
        "modality": event.modality,
        "reported_by": event.source,
        "quad_code": QUAD.get(event.type),
        "source": [actor_object(a) for a in event.actors],
        "recipient": [actor_object(r) for r in event.recipients],
        **_flat("source_actor", event.actors),
        **_flat("target_actor", event.recipients),
        "event_loc": {"name": event.location} if event.location else None,
        "country": _place_country(event.location) if event.location else None,
        "event_text": [event.trigger] if event.trigger else [],
        "anchor_text": event.quote,
        "text": event.sentence,
        "text_info": {"article_id": event.article_id, "start": event.start, "end": event.end},
        "link": link,
        "cite_info": {
            "article_id": event.article_id,
            "url": source.get("url"),
            "title": source.get("title"),
            "publication": source.get("outlet"),
            "published": source.get("published"),
            "language": language,
            "coder": f"storyline {__version__}",
            "codebook": CODEBOOK,
        },
        "coder": f"storyline {__version__}",
        "codebook": CODEBOOK,
    }
    return record


def plover_records(store: Store, sel: Selection) -> list[dict]:
    """Every stored event mention that passes the selection's filters, as PLOVER records."""
    links = {(m.article_id, m.start, m.end): c.id
             for c in sel.story.clusters for m in c.mentions}
    languages = {r.id: r.language for r in store.list_articles()}
    out = []
    for ev in stored_records(store, "events", sel.filters):
        if not ev.type:
            continue
        out.append(plover_record(ev, sel.source(ev.article_id),
                                 links.get((ev.article_id, ev.start, ev.end)),
                                 languages.get(ev.article_id)))
    return out


def to_jsonl(records: Iterable[dict]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
