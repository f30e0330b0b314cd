"""The HTML report: one page (inline CSS, JS and SVG; no network), opened offline.

`report_context` gathers what the page shows from the story cache and the store (pure data);
`render_report` renders `templates/report.html.j2` with Jinja2 (autoescape on) and inlines
`static/report.css` and `static/report.js`.

What only a click shows (each article's text and records, each figure series' table of values)
is data loaded on demand, so the page stays a few MB and opens quickly over thousands of
articles. When it is small (`INLINE_LIMIT`), or with `self_contained`, it is inlined as one
`<script type="application/json">` block per item and the report is one file; otherwise it is
written beside the page, one `.js` file per item in `NAME_files/`, loaded by a `<script>` tag
when needed (a `<script src>` works from file://, where fetch() does not). JSON is embedded with
Jinja's `tojson` (which escapes `<`, `>`, `&` and `'`, so a `</script>` in an article cannot
end the block); the reader writes article text with `textContent`, never as HTML.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from importlib import resources
from pathlib import Path
from types import SimpleNamespace

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from storyline import __version__
from storyline.extract.quad import quad_classes
from storyline.output import charts
from storyline.output.charts import anchor
from storyline.output.selection import Filters, Selection, select_story
from storyline.output.text_safety import show_bidi
from storyline.records import Event, Figure, Statement, TimeExpression
from storyline.store import Store
from storyline.story.query import actor_table, select_entries
from storyline.story.records import (
    Claim,
    EventCluster,
    Evidence,
    display_value,
)

QUAD = quad_classes()  # the one map: quad_class in data/event_lexicon.yaml
POLARITY_LABEL = {"real": "", "negated": "denied", "irrealis": "announced / possible"}
KEY_EVENTS = 40  # events in the "key events" view: the timeline command's selection
MAX_EVENTS = 2000  # events drawn in the "every report" view (the rest: use the exports)
INLINE_LIMIT = 2_000_000  # on-demand data up to this many bytes is inlined: one file
MARKER = "storyline-report.txt"  # marks a data folder as ours, so a rewrite may replace it


def estimated_day(day: str | None, estimated: bool) -> str:
    """A day as the report shows it: "~2023-12-01, estimated" when it rests on an estimate."""
    if not day:
        return ""
    return f"~{day}, estimated" if estimated else day


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
                      "date": estimated_day(m.published, m.article_id in sel.estimated),
                      "href": "#" + anchor(m.article_id, m.start, m.end)})
    # the date is an estimate when every report it rests on is dated by estimate
    estimated = c.date_basis in ("publication", "relative") and bool(c.mentions) and all(
        sel.date_estimated(m.article_id, m.date_basis) for m in c.mentions
        if m.date_basis == c.date_basis)
    return {
        "id": c.id, "date": c.date_earliest or "", "date_latest": c.date_latest or "",
        "estimated": estimated,
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


def _point_row(p, sel: Selection) -> dict:
    return {"date": estimated_day(p.date, sel.date_estimated(p.article_id, p.date_basis)),
            "value": p.display() + (f" {p.unit}" if p.unit else ""),
            "qualifier": p.qualifier, "source": p.source or p.source_actor or "",
            "outlet": p.outlet or "", "quote": p.quote,
            "href": "#" + anchor(p.article_id, p.start, p.end)}


def series_view(sel: Selection) -> tuple[list[dict], list[dict], dict[str, list]]:
    """(cards for the series with two values or more, rows for the single values, the table
    of values of each card by series id: data the page loads when a table is opened)."""
    cards, singles, tables = [], [], {}
    for s in sorted(sel.story.series, key=lambda s: (-len(s.points), s.kind, s.subject or "")):
        cur = s.current
        if len(s.points) < 2:
            if not s.points:
                continue
            row = _point_row(s.points[0], sel)
            singles.append(row | {"kind": s.kind.replace("_", " "), "subject": s.subject or ""})
            continue
        rows = [_point_row(p, sel) for p in s.points]
        tables[s.id] = [[r["date"], r["value"], r["source"], r["outlet"], r["quote"], r["href"]]
                        for r in rows]
        cards.append({
            "id": s.id, "key": data_key(s.id), "kind": s.kind.replace("_", " "),
            "subject": s.subject or "",
            "unit": s.unit or "", "points": len(s.points), "sources": len(s.sources),
            "first": s.first_date or "", "last": s.last_date or "",
            "current": cur.display() if cur else "",
            "current_source": (cur.source or cur.outlet or "") if cur else "",
            "current_href": "#" + anchor(cur.article_id, cur.start, cur.end) if cur else None,
            "chart": charts.series_chart(s),
            "disagreements": [
                {"date": d.date, "reason": d.reason, "a": _point_row(d.a, sel),
                 "b": _point_row(d.b, sel)}
                for d in s.disagreements
            ],
        })
    singles.sort(key=lambda r: (r["kind"], r["date"]))
    return cards, singles, tables


# --------------------------------------------------------------------------- disputes, state


def _evidence_view(ev: Evidence | None, sel: Selection) -> dict | None:
    if ev is None:
        return None
    src = sel.source(ev.article_id)
    title = src.get("title") or ""
    short = title if len(title) <= 40 else title[:38].rsplit(" ", 1)[0] + "…"
    return {"quote": ev.quote, "sentence": ev.sentence,
            "outlet": ev.outlet or src.get("outlet") or short or ev.article_id[:8],
            "date": estimated_day(ev.date or src.get("published"),
                                  ev.article_id in sel.estimated
                                  and (not ev.date or ev.date == src.get("published"))),
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

    # the statuses of the profile the story was built with (a story cached before: the default's)
    statuses = sel.story.summary.statuses or state_rules().get("statuses") or {}
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
           "lines": [x for x in lines if x[1]]}
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
            "lines": [x for x in lines if x[1]]}


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


class _Record(SimpleNamespace):
    """A stored record with attribute access; a field an older store did not write is None."""

    def __getattr__(self, name: str) -> None:
        if name.startswith("__"):
            raise AttributeError(name)
        return None


_NESTED = ("actors", "recipients", "source_actor", "speaker_actor")  # what the recs read


def _attrs(data: dict) -> _Record:
    """A stored record's dict with attribute access: the top level, and the actor references
    the reader's records name (converting every nested field cost as much as the dataclasses)."""
    rec = _Record(**data)
    for key in _NESTED:
        value = data.get(key)
        if isinstance(value, dict):
            setattr(rec, key, _Record(**value))
        elif isinstance(value, list):
            setattr(rec, key, [_Record(**v) if isinstance(v, dict) else v for v in value])
    return rec


_SAFE_KEY = re.compile(r"^[A-Za-z0-9_-]{1,80}$")


def data_key(item_id: str) -> str:
    """A file-name-safe key for an item's on-demand data (ids are hashes; anything else is
    hashed, so no id can name a path)."""
    return item_id if _SAFE_KEY.match(item_id) else hashlib.sha1(item_id.encode()).hexdigest()


def reader_data(store: Store, sel: Selection) -> tuple[list[dict], dict[str, dict]]:
    """(article list, key → {text, records}) for every article in the date range or cited."""
    f = sel.filters
    rows = store.list_articles(since=f.since, until=f.until)
    wanted = {r.id for r in rows} | set(sel.cited_ids())
    recs: dict[str, list[dict]] = defaultdict(list)
    cluster_of = {(m.article_id, m.start, m.end): c.id
                  for c in sel.story.clusters for m in c.mentions}
    makers = {"events": lambda r: _event_rec(r, cluster_of), "figures": _figure_rec,
              "statements": _statement_rec, "time_expressions": _time_rec}
    for name, make in makers.items():
        # the stored dicts as attribute objects: building 70,000 record dataclasses was half
        # of the report's time on a large store
        for d in store.iter_records(name, raw=True):
            if d["article_id"] in wanted and d["end"] > d["start"]:
                r = _attrs(d)
                recs[r.article_id].append(make(r))
    listing, docs = [], {}
    for art in store.iter_articles(sorted(wanted)):
        items = sorted(recs.pop(art.id, []), key=lambda r: (r["s"], -r["e"]))
        for r in items:
            r["q"] = anchor(art.id, r["s"], r["e"])
        counts: dict[str, int] = defaultdict(int)
        for r in items:
            counts[r["k"]] += 1
        key = data_key(art.id)
        listing.append({
            "id": art.id, "key": key, "title": art.title or "(untitled)",
            "outlet": art.outlet or "", "date": art.anchor_date or "",
            "estimated": not art.published, "url": art.url or "", "source": art.source,
            "file": Path(art.source.split("#")[0]).name if art.source else "",
            "byline": ", ".join(art.byline), "n": dict(counts),
        })
        docs[key] = {"id": art.id, "text": art.text, "recs": items}
    listing.sort(key=lambda a: (a["date"] or "9999", a["outlet"], a["id"]))
    return listing, docs


# --------------------------------------------------------------------------- sections


@dataclass
class Section:
    """One tab of the report: its partial template and the function that gives the partial
    its variables. Another part of storyline adds a tab with `add_section` (or replaces one
    by name); the page renders the sections in order."""

    name: str  # the tab's id: #tab-NAME
    label: str
    template: str  # under templates/, e.g. "sections/timeline.html.j2"
    context: Callable[[Store, Selection], dict] = field(default=lambda store, sel: {})
    count: Callable[[dict], int | None] = field(default=lambda ctx: None)  # shown in the tab
    analysis: str | None = None  # shown only when the story was built with this analysis on


def _timeline_context(store: Store, sel: Selection) -> dict:
    groups, counts = timeline_groups(sel)
    return {"timeline": groups, "tl": counts}


def _figures_context(store: Store, sel: Selection) -> dict:
    cards, singles, tables = series_view(sel)
    return {"series": cards, "single_values": singles, "_data": {f"s/{data_key(k)}": v
                                                                  for k, v in tables.items()}}


def _state_context(store: Store, sel: Selection) -> dict:
    from storyline.output.negotiation_view import negotiation_view

    return {"state": state_view(sel), "negotiation": negotiation_view(sel)}


def _disputes_context(store: Store, sel: Selection) -> dict:
    return {"disputes": disputes_view(sel)}


def _actors_context(store: Store, sel: Selection) -> dict:
    return {"matrix": charts.actor_matrix(sel.story.clusters),
            "actors": actor_table(sel.story.clusters)[:40]}


def _articles_context(store: Store, sel: Selection) -> dict:
    listing, docs = reader_data(store, sel)
    return {"articles": listing, "_data": {f"a/{k}": v for k, v in docs.items()}}


SECTIONS: list[Section] = [
    Section("timeline", "Timeline", "sections/timeline.html.j2", _timeline_context),
    Section("figures", "Figures", "sections/figures.html.j2", _figures_context,
            lambda ctx: len(ctx["series"]) + len(ctx["single_values"])),
    Section("state", "Negotiation state", "sections/state.html.j2", _state_context,
            analysis="negotiation"),
    Section("disputes", "Disputes", "sections/disputes.html.j2", _disputes_context,
            lambda ctx: len(ctx["disputes"])),
    Section("actors", "Actors", "sections/actors.html.j2", _actors_context),
    Section("articles", "Articles", "sections/articles.html.j2", _articles_context,
            lambda ctx: len(ctx["articles"])),
]


def _map_context(store: Store, sel: Selection) -> dict:  # live (issue 13)
    from storyline.output.map import map_context

    return {"map": map_context(sel)}


SECTIONS.insert(5, Section("map", "Map", "sections/map.html.j2", _map_context))  # before articles


def add_section(section: Section, before: str | None = None) -> None:
    """Add a tab to the report (or replace the one with its name), before tab `before` or
    last."""
    names = [s.name for s in SECTIONS]
    if section.name in names:
        SECTIONS[names.index(section.name)] = section
        return
    at = names.index(before) if before in names else len(SECTIONS)
    SECTIONS.insert(at, section)


# --------------------------------------------------------------------------- page


def report_context(store: Store, sel: Selection, title: str) -> dict:
    """Every variable of the page: the header's, then each section's (merged); `data` holds
    the on-demand items ("a/KEY" an article, "s/KEY" a series' values)."""
    ctx: dict = {
        "title": title,
        "version": __version__,
        "generated": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "filters": sel.filters.to_dict(),
        "sections": [],
        "data": {},
    }
    for section in SECTIONS:
        if section.analysis and section.analysis not in sel.story.summary.analyses:
            continue  # the profile does not switch this analysis on
        part = section.context(store, sel)
        ctx["data"].update(part.pop("_data", {}))
        ctx.update(part)
        ctx["sections"].append({"name": section.name, "label": section.label,
                                "template": section.template, "count": section.count(part)})
    s = sel.story
    listing = ctx.get("articles", [])
    outlets = {a["outlet"] for a in listing if a["outlet"]}
    dated = sorted(a["date"] for a in listing if a["date"])
    state = ctx.get("state") or {}
    ctx["stats"] = {
        "articles": len(listing), "outlets": len(outlets),
        "first": dated[0] if dated else "", "last": dated[-1] if dated else "",
        "clusters": len(s.clusters), "mentions": sum(len(c.mentions) for c in s.clusters),
        "series": len(s.series), "points": sum(len(x.points) for x in s.series),
        "disputes": len(s.disputes), "changes": len(state.get("changes", [])),
    }
    return ctx


def _static(name: str) -> str:
    return resources.files("storyline.output").joinpath("static", name).read_text("utf-8")


def _visible(value: object) -> object:
    """Every `{{ … }}` of plain text with its bidi controls shown (see text_safety); Markup
    (the `tojson` data blocks, whose offsets must stay exact) is left as it is."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return show_bidi(value)
    return value


def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("storyline.output", "templates"),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=_visible,
    )
    env.filters["month"] = _month
    return env


def _element_id(key: str) -> str:
    kind, _, item = key.partition("/")
    return f"{'doc' if kind == 'a' else 'data-' + kind}-{item}"


def render_report(context: dict, files: str | None = None) -> str:
    """The page. With `files` (the data folder's URL relative to the page), on-demand data is
    left out, to be written there; without, it is inlined."""
    css, js = _static("report.css"), _static("report.js")
    # our own files are inlined raw: they must not be able to close their element
    assert "</style" not in css.lower() and "</script" not in js.lower()
    inline = {} if files else {_element_id(k): v for k, v in context["data"].items()}
    return environment().get_template("report.html.j2").render(
        **context, css=css, js=js, inline=inline, files=files or "", other_colour=charts.OTHER)


def _data_script(key: str, data: object) -> str:
    # JSON is valid JavaScript; U+2028/9 are escaped for older engines, `<` for good measure
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    body = body.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029").replace(
        "<", "\\u003c")
    return f"storylineData({json.dumps(key)},{body});\n"


@dataclass
class ReportFiles:
    """What `write_report` wrote: the page, and the data folder (None when inlined)."""

    page: Path
    folder: Path | None = None
    items: int = 0

    @property
    def size(self) -> int:
        return self.page.stat().st_size

    @property
    def folder_size(self) -> int:
        if self.folder is None:
            return 0
        return sum(f.stat().st_size for f in self.folder.rglob("*") if f.is_file())


class ReportError(Exception):
    """The report cannot be written where asked (one line for the user)."""


def data_folder(page: Path) -> Path:
    return page.with_name(page.stem + "_files")


def _replace_folder(folder: Path) -> None:
    """Empty the data folder of an earlier report; refuse a folder storyline did not write."""
    if folder.exists():
        if not (folder / MARKER).is_file():
            raise ReportError(f"{folder} exists and was not written by storyline: move it, "
                              "or write the report under another name")
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    (folder / MARKER).write_text(
        "The article texts and tables of a storyline report, loaded by the page beside this "
        "folder. Keep them together; storyline replaces this folder when it rewrites the "
        "report.\n", encoding="utf-8")


def write_report(store: Store, out: str | Path, filters: Filters | None = None,
                 title: str = "Story report", self_contained: bool | None = None) -> ReportFiles:
    """Render the report for the store's cached story and write it to `out`.

    The on-demand data is inlined (one file) with `self_contained`, or when it is under
    `INLINE_LIMIT` bytes and `self_contained` is None; otherwise it goes to `NAME_files/`."""
    sel = select_story(store, filters)
    context = report_context(store, sel, title)
    path = Path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    folder = data_folder(path)
    scripts = {k: _data_script(k, v) for k, v in context["data"].items()}
    inline = self_contained if self_contained is not None else \
        sum(map(len, scripts.values())) <= INLINE_LIMIT
    if inline:
        if folder.exists() and (folder / MARKER).is_file():
            shutil.rmtree(folder)  # an older report's data: this page no longer uses it
        path.write_text(render_report(context), encoding="utf-8")
        return ReportFiles(path, None, len(scripts))
    _replace_folder(folder)
    for key, script in scripts.items():
        target = folder / f"{key}.js"
        target.parent.mkdir(exist_ok=True)
        target.write_text(script, encoding="utf-8")
    from urllib.parse import quote

    path.write_text(render_report(context, files=quote(folder.name) + "/"), encoding="utf-8")
    return ReportFiles(path, folder, len(scripts))
