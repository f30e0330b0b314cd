"""`storyline articles` and `storyline show`: what the store holds, one line or one article.

Both only read: they never create a store (a missing one is "no store at …").
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated
from urllib.parse import urlsplit

import typer
from rich.text import Text

from storyline.app import (
    DbOption,
    FormatJsonOption,
    LimitOption,
    OutletOption,
    SinceOption,
    UntilOption,
    app,
    console,
    date_range,
    fail,
    open_store,
)
from storyline.commands.formats import Format, FormatOption, Listing, chosen, emit


def _date_cell(published: str | None, estimate: str | None) -> str:
    if published:
        return published[:16].replace("T", " ")
    return f"~{estimate}, estimated" if estimate else "undated"


@app.command()
def articles(
    db: DbOption = None,
    outlet: OutletOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    limit: LimitOption = 0,
    fmt: FormatOption = None,
    as_json: FormatJsonOption = False,
) -> None:
    """List stored articles (stated date, or ~estimated date), oldest first."""
    fmt = chosen(fmt, as_json)
    since, until = date_range(since, until)
    with open_store(db, read_only=True) as store:
        rows = store.list_articles(outlet=outlet, since=since, until=until,
                                   limit=limit + 1 if limit else None)
    total = None
    if limit and len(rows) > limit:  # one more than asked says the list was cut
        rows = rows[:limit]
        with open_store(db, read_only=True) as store:
            total = len(store.list_articles(outlet=outlet, since=since, until=until))
    listing = Listing("article", ["id", "date", "outlet", "title", "source", "flags"],
                      records=lambda: [vars(r) for r in rows], total=total, no_wrap=("id", "date"))
    for r in rows:
        listing.rows.append([r.id, _date_cell(r.published, r.estimate_best), r.outlet or "",
                             r.title or "(untitled)", r.source, ", ".join(r.flags)])
    emit(listing, fmt)


# --------------------------------------------------------------------------- show


CANDIDATES = 50  # enough to tell ambiguous from unique, few enough to list quickly


def _file_name(source: str) -> str:
    return Path(source.split("#", 1)[0]).name


def _url_key(url: str) -> str:
    """A URL without its scheme, `www.`, query-less trailing slash: http and https, with or
    without the slash, name the same page."""
    parts = urlsplit(url.strip())
    host = parts.netloc.lower().removeprefix("www.")
    path = parts.path.rstrip("/")
    return host + path + (f"?{parts.query}" if parts.query else "")


def match_article(ref: str, candidates: list[tuple[str, str, str | None]]) -> list[str]:
    """The ids `ref` names, by the first rule that matches anything: the id; an id prefix
    (4 characters or more); the URL or the source path; the source's file name or its stem;
    a part of the file name (4 characters or more). More than one id means ambiguous."""
    ref = ref.strip()
    as_path = str(Path(ref).expanduser().resolve()) if ref else ""
    url_key = _url_key(ref) if "://" in ref or ref.startswith("www.") else None
    def same_url(u: str | None) -> bool:
        return u is not None and (u == ref or (url_key is not None and _url_key(u) == url_key))

    def same_path(s: str) -> bool:
        return s in (ref, as_path) or s.split("#", 1)[0] in (ref, as_path)

    rules = [
        lambda i, s, u: i == ref,
        lambda i, s, u: len(ref) >= 4 and i.startswith(ref),
        lambda i, s, u: same_url(u),
        lambda i, s, u: same_path(s),
        lambda i, s, u: _file_name(s) == ref or Path(_file_name(s)).stem == ref,
        lambda i, s, u: len(ref) >= 4 and ref in _file_name(s),
    ]
    for rule in rules:
        found = list(dict.fromkeys(i for i, s, u in candidates if rule(i, s, u)))
        if found:
            return found
    return []


def resolve_article(store, ref: str) -> str:  # noqa: ANN001 - a Store
    """The one article id `ref` names, or a one-line error saying why there is none."""
    key = ref.strip()
    if not key:
        raise fail("show wants an article id, id prefix, file name or URL")
    candidates = store.find_articles(key, CANDIDATES)
    if "://" in key or key.startswith("www."):  # the other scheme, the slash, www.
        bare = _url_key(key)
        candidates += store.find_articles(bare.split("/", 1)[-1] or bare)
    found = match_article(key, candidates)
    if not found:
        raise fail(f"no article matches {ref!r} (give an id or id prefix, a source file name "
                   "or a URL; `storyline articles` lists them)")
    if len(found) > 1:
        shown = ", ".join(found[:5]) + (" …" if len(found) > 5 else "")
        count = f"{len(found)} or more" if len(candidates) >= CANDIDATES else str(len(found))
        raise fail(f"{ref!r} matches {count} articles ({shown}): give more of the id")
    return found[0]


def _record_rows(extraction) -> list[list[str]]:  # noqa: ANN001 - an Extraction
    from storyline.story.records import display_value

    rows = []
    for e in extraction.events:
        rows.append(["event", f"{e.type}/{e.mode}" if e.mode else e.type, str(e.start),
                     str(e.end), e.date_earliest or "", e.modality, e.quote])
    for f in extraction.figures:
        rows.append(["figure", f"{f.kind} {display_value(f.value, f.low, f.high, f.qualifier)}",
                     str(f.start), str(f.end), f.date_earliest or "", f.source or "", f.quote])
    for s in extraction.statements:
        rows.append(["statement", f"{s.speaker}: {s.stance}", str(s.start), str(s.end),
                     s.date_earliest or "", s.cue, s.quote])
    for t in extraction.time_expressions:
        rows.append(["time", f"{t.type} {t.value}", str(t.start), str(t.end), t.earliest or "",
                     t.anchored, t.quote])
    rows.sort(key=lambda r: (int(r[2]), -int(r[3])))
    return rows


@app.command()
def show(
    ref: Annotated[str, typer.Argument(
        metavar="ARTICLE", help="Article id or id prefix, source file name (or part of it), "
                                "or URL.")],
    db: DbOption = None,
    text: Annotated[bool, typer.Option("--text/--no-text", help="Print the article text.")] = True,
    fmt: FormatOption = None,
    as_json: FormatJsonOption = False,
) -> None:
    """One article: metadata, repairs, near-duplicates, text and extracted records.

    ARTICLE is an id or id prefix, a source file name (or part of one), or the URL. With
    --format tsv or csv, one row per record with its character offsets; json has it all."""
    fmt = chosen(fmt, as_json)
    with open_store(db, read_only=True) as store:
        article = store.get_article(resolve_article(store, ref))
        extraction = store.load_extraction(article.id)
        links = store.links(article.id)
    if fmt is Format.json:
        from storyline.commands.formats import write_json

        data = article.to_dict() | {"records": extraction.to_dict()}
        if not text:
            data.pop("text", None)
        data["links"] = [{"id": o, "kind": k, "score": s} for o, k, s in links]
        write_json(data)
        return
    if fmt is not Format.table:
        listing = Listing("record", ["record", "what", "start", "end", "date", "detail",
                                     "quote"], rows=_record_rows(extraction))
        emit(listing, fmt)
        return
    from storyline.commands.render import render_article

    render_article(console, article, extraction, links, show_text=text)
    if not (extraction.events or extraction.figures or extraction.statements
            or extraction.time_expressions):
        console.print(Text("no records extracted (yet: `storyline extract`)", style="dim"))
