"""The static HTML report: one self-contained file (inline CSS, JS and SVG; no network).

`report_context` gathers what the page shows from the story cache and the store (pure data);
`render_report` renders `templates/report.html.j2` with Jinja2 (autoescape on) and inlines
`static/report.css` and `static/report.js`. Article texts go into one
`<script type="application/json">` block per article, parsed only when the reader opens that
article, so a report over thousands of articles stays quick to load. JSON is embedded with
Jinja's `tojson` (which escapes `<`, `>`, `&` and `'`, so a `</script>` in an article cannot
end the block); the reader writes article text with `textContent`, never as HTML.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, datetime
from importlib import resources
from pathlib import Path

from jinja2 import Environment, PackageLoader, select_autoescape

from storyline import __version__
from storyline.extract.quad import quad_classes
from storyline.output import charts
from storyline.output.charts import anchor
from storyline.output.selection import Filters, Selection, select_story
from storyline.records import Event, Figure, Statement, TimeExpression
from storyline.store import Store
from storyline.story.query import actor_table, select_entries
from storyline.story.records import (
    Claim,
    EventCluster,
    Evidence,
    FigureSeries,
    display_value,
)

QUAD = quad_classes()  # the one map: quad_class in data/event_lexicon.yaml
POLARITY_LABEL = {"real": "", "negated": "denied", "irrealis": "announced / possible"}
KEY_EVENTS = 40  # events in the "key events" view: the timeline command's selection
MAX_EVENTS = 3000  # events drawn in the "every report" view (the rest: use the exports)


def _month(day: str | None) -> str:
    if not day:
        return "Undated"
    try:
        return date.fromisoformat(day[:10]).strftime("%B %Y")
    except ValueError:
        return day[:7]


def _when(lo: str | None, hi: str | None, basis: str) -> str:
    if not lo:
        return f"no date ({basis})"
    span = lo if not hi or hi == lo else f"{lo} to {hi}"
    return f"{span} ({basis})"


# --------------------------------------------------------------------------- timeline


def _summary_parts(c: EventCluster) -> tuple[str, str, str] | None:
    """(before, the event's own words, after) when a mention's quote is in the summary, so the
    page can show which part of the sentence the event is."""
    for m in c.mentions:
        i = c.summary.find(m.quote) if m.quote else -1
        if i >= 0:
            return c.summary[:i], m.quote, c.summary[i + len(m.quote):]
    return None


def _who(c: EventCluster) -> str:
    """Who did it to whom, without the type (the chip shows that)."""
    left = ", ".join(c.actors[:3]) or "unnamed actor"
    return f"{left} → {', '.join(c.recipients[:3])}" if c.recipients else left


def _cluster_item(c: EventCluster, key: set[str], in_timeline: set[str], sel: Selection) -> dict:
    links, seen = [], set()
    for m in c.mentions:
        if m.article_id in seen:
            continue
        seen.add(m.article_id)
        src = sel.source(m.article_id)
        label = m.outlet or src.get("title") or m.article_id[:8]
        links.append({"label": label if len(label) <= 40 else label[:38].rsplit(" ", 1)[0] + "…",
                      "date": m.published or "", "href": "#" + anchor(m.article_id, m.start,
                                                                       m.end)})
    return {
        "id": c.id, "date": c.date_earliest or "", "date_latest": c.date_latest or "",
        "basis": c.date_basis, "type": c.type, "mode": c.mode or "", "quad": QUAD.get(c.type, 0),
        "who": _who(c), "summary": c.summary, "parts": _summary_parts(c), "polarity": c.polarity,
        "polarity_label": POLARITY_LABEL.get(c.polarity, c.polarity),
        "key": c.id in key, "timeline": c.id in in_timeline,
        "reports": c.independent_reports, "mentions": len(c.mentions),
        "links": links[:4], "more": max(0, len(links) - 4), "location": c.location or "",
    }


def timeline_groups(sel: Selection) -> tuple[list[dict], dict]:
    """Every event cluster as a timeline item, grouped by month; flags say which are key
    events (the `storyline timeline` selection) and which are timeline-worthy."""
    s = sel.story
    key = {e.cluster_id for e in select_entries(s.timeline, KEY_EVENTS, 2)}
    in_timeline = {e.cluster_id for e in s.timeline}
    ranked = sorted(s.clusters, key=lambda c: (c.id not in in_timeline, -len(c.mentions)))
    shown = {c.id for c in ranked[:MAX_EVENTS]}
    clusters = [c for c in s.clusters if c.id in shown]
    clusters.sort(key=lambda c: (c.date_earliest or "9999", -c.independent_reports, c.id))
    groups: dict[str, list[dict]] = {}
    for c in clusters:
        groups.setdefault(_month(c.date_earliest), []).append(
            _cluster_item(c, key, in_timeline, sel))
    counts = {"key": len(key & shown), "timeline": len(in_timeline & shown),
              "all": len(clusters), "total": len(s.clusters)}
    types = sorted({c.type for c in clusters}, key=lambda t: (QUAD.get(t, 9), t))
    return [{"month": m, "events": items} for m, items in groups.items()], counts | {
        "types": types}


# --------------------------------------------------------------------------- figures


def _point_row(p) -> dict:
    return {"date": p.date, "value": p.display() + (f" {p.unit}" if p.unit else ""),
            "qualifier": p.qualifier, "source": p.source or p.source_actor or "",
            "outlet": p.outlet or "", "quote": p.quote,
            "href": "#" + anchor(p.article_id, p.start, p.end)}


def series_view(series: list[FigureSeries]) -> list[dict]:
    out = []
    for s in sorted(series, key=lambda s: (-len(s.points), s.kind, s.subject or "")):
        cur = s.current
        out.append({
            "id": s.id, "kind": s.kind.replace("_", " "), "subject": s.subject or "",
            "unit": s.unit or "", "points": len(s.points), "sources": len(s.sources),
            "first": s.first_date or "", "last": s.last_date or "",
            "current": cur.display() if cur else "",
            "current_source": (cur.source or cur.outlet or "") if cur else "",
            "current_href": "#" + anchor(cur.article_id, cur.start, cur.end) if cur else None,
            "chart": charts.series_chart(s),
            "disagreements": [
                {"date": d.date, "reason": d.reason, "a": _point_row(d.a), "b": _point_row(d.b)}
                for d in s.disagreements
            ],
            "rows": [_point_row(p) for p in s.points],
        })
    return out


# --------------------------------------------------------------------------- disputes, state


def _evidence_view(ev: Evidence | None, sel: Selection) -> dict | None:
    if ev is None:
        return None
    src = sel.source(ev.article_id)
    title = src.get("title") or ""
    short = title if len(title) <= 40 else title[:38].rsplit(" ", 1)[0] + "…"
    return {"quote": ev.quote, "sentence": ev.sentence,
            "outlet": ev.outlet or src.get("outlet") or short or ev.article_id[:8],
            "date": ev.date or src.get("published") or "",
            "title": src.get("title") or "", "url": src.get("url") or "",
            "detail": ev.detail, "href": "#" + anchor(ev.article_id, ev.start, ev.end)}


def _claim_view(c: Claim, sel: Selection) -> dict:
    side = c.side or ""
    # sides are lower-cased names or country codes: show codes as codes
    side = side.upper() if len(side) <= 3 else side
    return {"who": c.who or "unknown source", "side": side, "text": c.text,
            "stance": c.stance, "kind": c.kind, "evidence": _evidence_view(c.evidence, sel)}


def disputes_view(sel: Selection) -> list[dict]:
    return [{"id": d.id, "kind": d.kind, "date": d.date or "", "topic": d.topic,
             "reason": d.reason, "score": d.score, "a": _claim_view(d.a, sel),
             "b": _claim_view(d.b, sel)} for d in sel.story.disputes]


def state_view(sel: Selection) -> dict:
    from storyline.story.config import state_rules

    statuses = state_rules().get("statuses") or {}
    days = sel.story.state
    key = select_entries(sel.story.timeline, KEY_EVENTS, 2)
    band = charts.state_band(days, statuses, events=[
        (e.date, f"{e.date}: {e.label}\n{e.summary}", f"#c-{e.cluster_id}") for e in key
        if e.cluster_id])
    changes = []
    for d in days:
        if not d.changed:
            continue
        changes.append({
            "date": d.date, "status": d.status,
            "label": (statuses.get(d.status) or {}).get("label", d.status),
            "colour": charts.status_colours(statuses).get(d.status, charts.OTHER),
            "venue": d.venue or "", "mediators": ", ".join(d.mediators[:4]),
            "parties": ", ".join(d.parties[:4]),
            "evidence": [_evidence_view(e, sel) for e in d.evidence[:3]],
            "proposal": _evidence_view(d.last_proposal, sel),
        })
    current = days[-1] if days else None
    return {"band": band, "changes": changes, "days": len(days),
            "current": {"label": (statuses.get(current.status) or {}).get("label",
                                                                           current.status),
                        "since": current.since or "", "date": current.date} if current else None}


# --------------------------------------------------------------------------- reader


def _event_rec(e: Event, cluster_of: dict) -> dict:
    names = lambda refs: ", ".join(r.canonical or r.text for r in refs)  # noqa: E731
    lines = [["actors", names(e.actors)], ["recipients", names(e.recipients)],
             ["date", _when(e.date_earliest, e.date_latest, e.date_basis)
              + (f" from “{e.date_text}”" if e.date_text else "")],
             ["modality", e.modality + (f" (by {e.source})" if e.source else "")],
             ["trigger", e.trigger], ["location", e.location or ""]]
    rec = {"k": "event", "s": e.start, "e": e.end,
           "t": f"{e.type}/{e.mode}" if e.mode else e.type,
           "lines": [x for x in lines if x[1]], "sent": e.sentence}
    cid = cluster_of.get((e.article_id, e.start, e.end))
    if cid:
        rec["c"] = cid
    return rec


def _figure_rec(f: Figure) -> dict:
    value = display_value(f.value, f.low, f.high, f.qualifier)
    src = f.source or (f.source_actor.canonical if f.source_actor else "") or ""
    lines = [["value", value + (f" {f.unit}" if f.unit else "")], ["qualifier", f.qualifier],
             ["subject", f.subject or ""], ["source", src],
             ["date", _when(f.date_earliest, f.date_latest, f.date_basis)]]
    return {"k": "figure", "s": f.start, "e": f.end, "t": f"{f.kind.replace('_', ' ')}: {value}",
            "lines": [x for x in lines if x[1]], "sent": f.sentence}


def _statement_rec(s: Statement) -> dict:
    actor = s.speaker_actor.canonical if s.speaker_actor and s.speaker_actor.canonical else ""
    speaker = s.speaker + (f" → {actor}" if actor and actor != s.speaker else "")
    lines = [["speaker", speaker + (" (anonymous)" if s.anonymous else "")], ["cue", s.cue],
             ["stance", s.stance], ["content", s.content],
             ["date", _when(s.date_earliest, s.date_latest, s.date_basis)]]
    return {"k": "statement", "s": s.start, "e": s.end, "t": f"{s.speaker or '?'} — {s.stance}",
            "lines": [x for x in lines if x[1]]}


def _time_rec(t: TimeExpression) -> dict:
    lines = [["type", t.type], ["value", t.value],
             ["interval", _when(t.earliest, t.latest, t.anchored).replace(" (", " (anchored: ")]]
    return {"k": "time", "s": t.start, "e": t.end, "t": f"{t.type} {t.value}",
            "lines": [x for x in lines if x[1]]}


def reader_data(store: Store, sel: Selection) -> tuple[list[dict], dict[str, dict]]:
    """(article list, id → {text, records}) for every article in the date range or cited."""
    f = sel.filters
    rows = store.list_articles(since=f.since, until=f.until)
    wanted = {r.id for r in rows} | set(sel.cited_ids())
    recs: dict[str, list[dict]] = defaultdict(list)
    cluster_of = {(m.article_id, m.start, m.end): c.id
                  for c in sel.story.clusters for m in c.mentions}
    makers = {"events": lambda r: _event_rec(r, cluster_of), "figures": _figure_rec,
              "statements": _statement_rec, "time_expressions": _time_rec}
    for name, make in makers.items():
        for r in store.iter_records(name):
            if r.article_id in wanted and r.end > r.start:
                recs[r.article_id].append(make(r))
    listing, docs = [], {}
    for art in store.iter_articles(sorted(wanted)):
        items = sorted(recs.get(art.id, []), key=lambda r: (r["s"], -r["e"]))
        for r in items:
            r["q"] = anchor(art.id, r["s"], r["e"])
        counts = defaultdict(int)
        for r in items:
            counts[r["k"]] += 1
        listing.append({
            "id": art.id, "title": art.title or "(untitled)", "outlet": art.outlet or "",
            "date": art.anchor_date or "", "estimated": not art.published,
            "url": art.url or "", "source": art.source,
            "file": Path(art.source.split("#")[0]).name if art.source else "", "byline": ", ".join(art.byline),
            "n": dict(counts),
        })
        docs[art.id] = {"id": art.id, "text": art.text, "recs": items}
    listing.sort(key=lambda a: (a["date"] or "9999", a["outlet"], a["id"]))
    return listing, docs


# --------------------------------------------------------------------------- page


def report_context(store: Store, sel: Selection, title: str) -> dict:
    s = sel.story
    groups, tl_counts = timeline_groups(sel)
    listing, docs = reader_data(store, sel)
    outlets = {a["outlet"] for a in listing if a["outlet"]}
    dated = sorted(a["date"] for a in listing if a["date"])
    state = state_view(sel)
    return {
        "title": title,
        "version": __version__,
        "generated": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "filters": sel.filters.to_dict(),
        "stats": {
            "articles": len(listing), "outlets": len(outlets),
            "first": dated[0] if dated else "", "last": dated[-1] if dated else "",
            "clusters": len(s.clusters), "mentions": sum(len(c.mentions) for c in s.clusters),
            "series": len(s.series), "points": sum(len(x.points) for x in s.series),
            "disputes": len(s.disputes), "changes": len(state["changes"]),
        },
        "timeline": groups,
        "tl": tl_counts,
        "series": series_view(s.series),
        "state": state,
        "disputes": disputes_view(sel),
        "matrix": charts.actor_matrix(s.clusters),
        "actors": actor_table(s.clusters)[:40],
        "articles": listing,
        "docs": docs,
    }


def _static(name: str) -> str:
    return resources.files("storyline.output").joinpath("static", name).read_text("utf-8")


def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("storyline.output", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["month"] = _month
    return env


def render_report(context: dict) -> str:
    css, js = _static("report.css"), _static("report.js")
    # our own files are inlined raw: they must not be able to close their element
    assert "</style" not in css.lower() and "</script" not in js.lower()
    return environment().get_template("report.html.j2").render(**context, css=css, js=js)


def write_report(store: Store, out: str | Path, filters: Filters | None = None,
                 title: str = "Story report") -> Path:
    """Render the report for the store's cached story and write it to `out`."""
    sel = select_story(store, filters)
    html = render_report(report_context(store, sel, title))
    path = Path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(html, encoding="utf-8")
    return path
