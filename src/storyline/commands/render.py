"""Console rendering of one article and its records (`storyline show`)."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.rule import Rule
from rich.table import Table

from storyline.commands.formats import plural
from storyline.records import ActorRef, Article, Extraction


def _actor(ref: ActorRef | None) -> str:
    if ref is None:
        return ""
    return ref.display()


def _when(earliest: str | None, latest: str | None, basis: str) -> str:
    if not earliest:
        return basis
    span = earliest if earliest == latest or not latest else f"{earliest}/{latest}"
    return f"{span} ({basis})"


def _metadata(article: Article) -> Table:
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold")
    table.add_column()
    est = article.published_estimate
    rows = [
        ("id", article.id),
        ("title", article.title or "(untitled)"),
        ("outlet", article.outlet or ""),
        ("byline", ", ".join(article.byline)),
        ("published", article.published or "not stated"),
        (
            "estimated",
            f"~{est.best}, estimated (between {est.earliest} and {est.latest}; {est.method})"
            if est else "",
        ),
        ("url", article.url or ""),
        ("source", f"{article.source} [{article.format}]"),
        ("language", article.language or ""),
        ("flags", ", ".join(article.flags)),
        ("repairs", "; ".join(f"{r.name}: {r.changed} chars {r.detail}".strip()
                              for r in article.repairs)),
        ("images", "; ".join(f"{i.url} — {i.caption or i.alt}" for i in article.images)),
    ]
    for key, value in rows:
        if value:
            table.add_row(key, escape(str(value)))
    return table


def render_article(
    console: Console,
    article: Article,
    extraction: Extraction,
    links: list[tuple[str, str, float]],
    show_text: bool = True,
) -> None:
    console.print(_metadata(article))
    if article.published_estimate and article.published_estimate.evidence:
        console.print("[bold]date evidence[/]")
        for line in article.published_estimate.evidence:
            console.print(f"  • {escape(line)}", highlight=False)
    for other, kind, score in links:
        console.print(f"[bold]{kind}[/] {other} (similarity {score:.2f})", highlight=False)
    if show_text:
        console.print(Rule("text"), width=min(console.width, 100))
        console.print(escape(article.text), highlight=False)
    ex = extraction
    if ex.events:
        table = Table("type", "mode", "actors", "recipients", "date", "modality", "quote",
                      title=plural(len(ex.events), "event"))
        for e in ex.events:
            table.add_row(
                e.type, e.mode or "", escape("; ".join(_actor(a) for a in e.actors)),
                escape("; ".join(_actor(a) for a in e.recipients)),
                _when(e.date_earliest, e.date_latest, e.date_basis), e.modality, escape(e.quote),
            )
        console.print(table)
    if ex.figures:
        table = Table("kind", "value", "qualifier", "subject", "date", "source", "quote",
                      title=plural(len(ex.figures), "figure"))
        for f in ex.figures:
            value = f"{f.low:g}–{f.high:g}" if f.low is not None and f.high is not None else (
                f"{f.value:g}" if f.value is not None else "")
            table.add_row(
                f.kind, value, f.qualifier, escape(f.subject or ""),
                _when(f.date_earliest, f.date_latest, f.date_basis),
                escape(f.source or ""), escape(f.quote),
            )
        console.print(table)
    if ex.statements:
        table = Table("speaker", "cue", "stance", "content",
                      title=plural(len(ex.statements), "statement"))
        for s in ex.statements:
            speaker = s.speaker + (f" → {_actor(s.speaker_actor)}" if s.speaker_actor else "")
            table.add_row(escape(speaker), escape(s.cue), s.stance, escape(s.content))
        console.print(table)
    if ex.time_expressions:
        table = Table("text", "type", "value", "interval", "anchored",
                      title=plural(len(ex.time_expressions), "time expression"))
        for t in ex.time_expressions:
            table.add_row(escape(t.quote), t.type, t.value,
                          _when(t.earliest, t.latest, "").strip(" ()"), t.anchored)
        console.print(table)
