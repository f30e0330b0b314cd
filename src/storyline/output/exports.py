"""Exports of the story: JSON, CSV, Markdown and TimelineJS (PLOVER records are in plover.py).

Each `to_*` function is pure: it takes a `Selection` (the filtered story cache, see
selection.py) or records, and returns the text (or JSON-ready data) to write. Nothing here
recomputes the story.
"""

from __future__ import annotations

import csv
import html
import io
import re
from collections.abc import Iterable
from datetime import date

from storyline import __version__
from storyline.output.selection import Filters, Selection
from storyline.output.text_safety import neutralise_cell, show_bidi
from storyline.records import Event, Figure, Record, Statement
from storyline.store import Store
from storyline.story.records import EventCluster, TimelineEntry, display_value

FORMATS = ("json", "csv", "markdown", "timelinejs", "plover", "geojson")
CSV_WHAT = ("clusters", "events", "figures", "statements")


def _join(items: Iterable[str | None]) -> str:
    return "; ".join(i for i in items if i)


# --------------------------------------------------------------------------- JSON


def to_json(sel: Selection) -> dict:
    """The whole selected story, with the metadata of every article it cites."""
    s = sel.story
    return {
        "storyline": __version__,
        "filters": sel.filters.to_dict(),
        "summary": s.summary.to_dict(),
        "timeline": [e.to_dict() for e in s.timeline],
        "clusters": [c.to_dict() for c in s.clusters],
        "series": [x.to_dict() for x in s.series],
        "disputes": [d.to_dict() for d in s.disputes],
        "state": [d.to_dict() for d in s.state],
        "negotiation": [i.to_dict() for i in s.negotiation],
        "positions": [p.to_dict() for p in s.positions],
        "sources": [sel.source(a) for a in sel.cited_ids()],
        "places": _places(s.clusters),
    }


def _places(clusters: Iterable[EventCluster]) -> dict:
    """live (issue 13): location text -> gazetteer entry, for every located cluster."""
    texts = sorted({c.location for c in clusters if c.location})
    if not texts:
        return {}
    from storyline.extract.places import resolve_place

    return {t: p.to_dict() for t in texts if (p := resolve_place(t)) is not None}


# --------------------------------------------------------------------------- CSV

CLUSTER_COLUMNS = [
    "id", "date_earliest", "date_latest", "date_basis", "type", "mode", "polarity", "label",
    "actors", "recipients", "location", "latitude", "longitude", "place", "country_code",
    "mentions", "articles", "outlets",
    "independent_reports", "first_outlet", "first_published", "first_url", "summary",
]
EVENT_COLUMNS = [
    "article_id", "start", "end", "type", "mode", "modality", "trigger", "actors", "recipients",
    "location", "latitude", "longitude", "place", "country_code", "date_earliest",
    "date_latest", "date_basis", "date_text", "source", "quote", "sentence", "outlet",
    "published", "url",
]
FIGURE_COLUMNS = [
    "article_id", "start", "end", "kind", "subject", "display", "value", "low", "high",
    "qualifier", "unit", "date_earliest", "date_latest", "date_basis", "source", "source_actor",
    "quote", "sentence", "outlet", "published", "url",
]
STATEMENT_COLUMNS = [
    "article_id", "start", "end", "speaker", "speaker_actor", "anonymous", "cue", "stance",
    "direct", "content", "date_earliest", "date_latest", "date_basis", "quote", "outlet",
    "published", "url",
]


def _actor_names(refs: Iterable) -> str:
    return _join(r.canonical or r.text for r in refs)


def place_columns(location: str | None) -> dict:
    """live (issue 13): the gazetteer entry of a location as CSV columns (empty if unknown)."""
    if not location:
        return {}
    from storyline.extract.places import resolve_place

    place = resolve_place(location)
    if place is None:
        return {}
    return {"latitude": place.latitude, "longitude": place.longitude, "place": place.name,
            "country_code": place.country_code}


def cluster_row(c: EventCluster) -> dict:
    first = c.first_report
    return place_columns(c.location) | {
        "id": c.id, "date_earliest": c.date_earliest, "date_latest": c.date_latest,
        "date_basis": c.date_basis, "type": c.type, "mode": c.mode, "polarity": c.polarity,
        "label": c.label, "actors": _join(c.actors), "recipients": _join(c.recipients),
        "location": c.location, "mentions": len(c.mentions), "articles": len(c.articles),
        "outlets": _join(c.outlets), "independent_reports": c.independent_reports,
        "first_outlet": first.outlet if first else None,
        "first_published": first.published if first else None,
        "first_url": first.url if first else None, "summary": c.summary,
    }


def _record_row(rec: Record, source: dict) -> dict:
    row = {"outlet": source.get("outlet"), "published": source.get("published"),
           "url": source.get("url")}
    if isinstance(rec, Event):
        row |= {"type": rec.type, "mode": rec.mode, "modality": rec.modality,
                "trigger": rec.trigger, "actors": _actor_names(rec.actors),
                "recipients": _actor_names(rec.recipients), "location": rec.location,
                "date_text": rec.date_text, "source": rec.source, "sentence": rec.sentence}
        row |= place_columns(rec.location)
    elif isinstance(rec, Figure):
        sa = rec.source_actor
        row |= {"kind": rec.kind, "subject": rec.subject,
                "display": display_value(rec.value, rec.low, rec.high, rec.qualifier),
                "value": rec.value, "low": rec.low, "high": rec.high,
                "qualifier": rec.qualifier, "unit": rec.unit, "source": rec.source,
                "source_actor": (sa.canonical or sa.text) if sa else None,
                "sentence": rec.sentence}
    elif isinstance(rec, Statement):
        sa = rec.speaker_actor
        row |= {"speaker": rec.speaker, "speaker_actor": (sa.canonical or sa.text) if sa else None,
                "anonymous": rec.anonymous, "cue": rec.cue, "stance": rec.stance,
                "direct": rec.direct, "content": rec.content}
    row |= {"article_id": rec.article_id, "start": rec.start, "end": rec.end,
            "quote": rec.quote, "date_earliest": rec.date_earliest,
            "date_latest": rec.date_latest, "date_basis": rec.date_basis}
    return row


def _csv(columns: list[str], rows: Iterable[dict]) -> str:
    # Every text cell neutralised (text_safety: the OWASP rule, bidi controls shown).
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: ("" if v is None else neutralise_cell(v)) for k, v in row.items()})
    return buf.getvalue()


def _record_passes(rec: Record, f: Filters) -> bool:
    if isinstance(rec, Event):
        if f.types and rec.type not in {t.upper() for t in f.types}:
            return False
        return f.names(*(a.canonical or a.text for a in rec.actors + rec.recipients))
    if isinstance(rec, Figure):
        sa = rec.source_actor
        return f.names(rec.subject, rec.source, sa.canonical if sa else None)
    if isinstance(rec, Statement):
        sa = rec.speaker_actor
        return f.names(rec.speaker, sa.canonical if sa else None, rec.content)
    return True


def stored_records(store: Store, name: str, f: Filters) -> Iterable[Record]:
    """Extracted records of one kind ("events", "figures", "statements") that pass the
    filters; records without a date pass only when no date filter is set."""
    for rec in store.iter_records(name, f.since, f.until):
        if (f.since or f.until) and not (rec.date_earliest or rec.date_latest):
            continue
        if _record_passes(rec, f):
            yield rec


def to_csv(sel: Selection, what: str = "clusters", store: Store | None = None) -> str:
    """One row per event cluster, or per extracted event, figure or statement."""
    if what == "clusters":
        return _csv(CLUSTER_COLUMNS, (cluster_row(c) for c in sel.story.clusters))
    if store is None:
        raise ValueError(f"--what {what} reads the store's records: pass the store")
    columns = {"events": EVENT_COLUMNS, "figures": FIGURE_COLUMNS,
               "statements": STATEMENT_COLUMNS}[what]
    rows = (_record_row(r, sel.source(r.article_id))
            for r in stored_records(store, what, sel.filters))
    return _csv(columns, rows)


# --------------------------------------------------------------------------- Markdown

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def md_escape(text: str | None) -> str:
    """Text safe inside Markdown: no accidental emphasis, links, tables or raw HTML; bidi
    controls shown."""
    return _MD_SPECIAL.sub(r"\\\1", show_bidi(" ".join((text or "").split())))


def _md_link(label: str, url: str | None) -> str:
    if url and re.match(r"https?://", url):
        return f"[{md_escape(label)}](<{url.replace('>', '%3E')}>)"
    return md_escape(label)


def _month_title(day: str) -> str:
    try:
        return date.fromisoformat(day[:10]).strftime("%B %Y")
    except ValueError:
        return day[:7]


def to_markdown(sel: Selection, title: str = "Story timeline") -> str:
    """A readable timeline: one bullet per event, by month, each with its sources linked."""
    s = sel.story
    dated = [d for d in (s.summary.first_date, s.summary.last_date) if d]
    lines = [f"# {md_escape(title)}", ""]
    lines.append(
        f"{len(s.timeline)} events from {s.summary.articles} articles"
        + (f", {dated[0]} to {dated[-1]}" if dated else "")
        + f". Generated by storyline {__version__}; each event lists the articles that "
          "report it."
    )
    month = None
    for e in s.timeline:
        m = _month_title(e.date)
        if m != month:
            month = m
            lines += ["", f"## {m}", ""]
        links = []
        for ref in e.sources[:6]:
            label = ref.outlet or ref.title or ref.article_id[:8]
            if ref.published:
                label += f", {ref.published}"
            links.append(_md_link(label, ref.url))
        more = f" and {len(e.sources) - 6} more" if len(e.sources) > 6 else ""
        what = md_escape(e.label) if e.label else md_escape(e.type)
        lines.append(f"- **{e.date}** — {md_escape(e.summary)}  ")
        lines.append(f"  _{what}_ · sources: {', '.join(links) or 'none'}{more}")
    if s.disputes:
        lines += ["", "## Disputed claims", ""]
        for d in s.disputes:
            lines.append(f"- **{d.date or 'undated'}** — {md_escape(d.topic)}")
            for claim in (d.a, d.b):
                ev = claim.evidence
                quote = ev.quote if ev else claim.text
                where = sel.source(ev.article_id) if ev else {}
                src = _md_link(where.get("outlet") or (ev.article_id[:8] if ev else "?"),
                               where.get("url"))
                lines.append(f"  - {md_escape(claim.who or '?')} ({md_escape(claim.stance)}): "
                             f"“{md_escape(quote)}” — {src}")
    return "\n".join(lines).rstrip() + "\n"


# --------------------------------------------------------------------------- TimelineJS


def tl_date(value: str) -> dict:
    """A TimelineJS date object (numbers, as its JSON format documents) from an ISO date."""
    d = date.fromisoformat(value[:10])
    return {"year": d.year, "month": d.month, "day": d.day}


def _tl_text(e: TimelineEntry) -> str:
    # TimelineJS renders this field as HTML: everything from an article is escaped
    parts = [f"<p>{html.escape(show_bidi(e.summary))}</p>"]
    refs = []
    for ref in e.sources[:8]:
        label = html.escape(show_bidi(ref.outlet or ref.title or ref.article_id[:8]))
        if ref.published:
            label += f" ({html.escape(ref.published)})"
        if ref.url and re.match(r"https?://", ref.url):
            refs.append(f'<a href="{html.escape(ref.url, quote=True)}">{label}</a>')
        else:
            refs.append(label)
    if refs:
        parts.append(f"<p>Sources: {', '.join(refs)}</p>")
    return "".join(parts)


def to_timelinejs(sel: Selection, title: str = "Story timeline") -> dict:
    """TimelineJS3 JSON: a title slide and one slide per timeline event."""
    s = sel.story
    clusters = {c.id: c for c in s.clusters}
    events = []
    for e in s.timeline:
        slide: dict = {
            "start_date": tl_date(e.date),
            "text": {"headline": show_bidi(e.label or e.type), "text": _tl_text(e)},
            "group": e.type,
            "unique_id": e.cluster_id or f"{e.date}-{len(events)}",
            "autolink": False,
        }
        c = clusters.get(e.cluster_id or "")
        if c and c.date_latest and c.date_latest[:10] != e.date[:10]:
            slide["end_date"] = tl_date(c.date_latest)
        events.append(slide)
    first, last = s.summary.first_date, s.summary.last_date
    span = f"{first} to {last}" if first and last else ""
    return {
        "title": {"text": {
            "headline": html.escape(title),
            "text": html.escape(f"{len(events)} events from {s.summary.articles} articles"
                                + (f", {span}" if span else "") + "."),
        }},
        "events": events,
    }
