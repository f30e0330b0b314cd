"""Hostile and extreme stores for the report: built from records written directly (no parse),
in words written for these tests.

- `span`: one series whose values run from 1900 to 2025 (and one far larger than the rest),
  events in 1900 and 2025, an undated article whose date is estimated, an article text with
  markup, a right-to-left override and a very long line;
- `single`: one article with one event, no figure, no statement;
- `no_figures`: several articles with events and statements but not one figure.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from storyline.records import (
    ActorRef,
    Article,
    DateEstimate,
    Event,
    Extraction,
    Figure,
    Statement,
)
from storyline.store import Store
from storyline.story.build import build_story

HOSTILE = ('The council said <img src=x onerror="window.pwned=1"> and </script><b>bold</b> '
           "were never agreed; the name \u202eevil\u202c appeared in the minutes.")
LONG_LINE = "word " * 3000


def _span(text: str, quote: str) -> tuple[int, int]:
    start = text.index(quote)
    return start, start + len(quote)


def _article(aid: str, text: str, published: str | None, title: str, outlet: str = "Test Wire",
             estimate: str | None = None) -> Article:
    est = None
    if estimate:
        est = DateEstimate(earliest=estimate, latest=estimate, best=estimate,
                           method="test", evidence=["written for the test"])
    return Article(id=aid, text=text, source=f"/corpus/{aid}.txt", format="text", title=title,
                   outlet=outlet, published=published, published_estimate=est,
                   url=f"https://example.org/{aid}", language="en")


def _event(aid: str, text: str, quote: str, type_: str, actor: str, day: str | None,
           basis: str = "explicit", recipient: str | None = None) -> Event:
    s, e = _span(text, quote)
    return Event(article_id=aid, start=s, end=e, quote=quote, type=type_, mode=None,
                 trigger=quote.split()[1], actors=[ActorRef(text=actor, canonical=actor)],
                 recipients=[ActorRef(text=recipient, canonical=recipient)] if recipient else [],
                 date_earliest=day, date_latest=day, date_basis=basis if day else "unknown",
                 modality="asserted", sentence=quote)


def _figure(aid: str, text: str, quote: str, value: float, day: str, source: str) -> Figure:
    s, e = _span(text, quote)
    return Figure(article_id=aid, start=s, end=e, quote=quote, kind="killed", subject="people",
                  value=value, qualifier="exact", date_earliest=day, date_latest=day,
                  date_basis="explicit", source=source, sentence=quote)


def _save(store: Store, articles: list[Article], extractions: list[Extraction]) -> Store:
    for art in articles:
        store.add_article(art)
    for ex in extractions:
        store.save_extraction(ex)
    build_story(store)
    return store


def span_store(path: Path) -> Store:
    """Values and events from 1900 to 2025, an estimated date, hostile text."""
    sentences = []
    days = [date(1900, 1, 1)] + [date(2023, 10, 7) + timedelta(days=9 * i) for i in range(14)] \
        + [date(2025, 12, 31)]
    for i, d in enumerate(days):
        value = 10_000_000 if i == 5 else 100 + 40 * i
        sentences.append((f"By {d.isoformat()} the toll stood at {value} people, officials "
                          f"said in report {i}.", value, d.isoformat()))
    text = " ".join(s for s, _, _ in sentences) + " The old war began in 1900. The last " \
        "offensive ended in 2025.\n\n" + HOSTILE + "\n" + LONG_LINE
    figures = [_figure("s1", text, s.split(",")[0], v, d, "officials")
               for s, v, d in sentences]
    events = [
        _event("s1", text, "The old war began in 1900", "ASSAULT", "Old Army", "1900-01-01"),
        _event("s1", text, "The last offensive ended in 2025", "RETREAT", "New Army",
               "2025-12-31", recipient="Old Army"),
    ]
    other = "Talks were held in the capital on Monday, the envoy said. " + HOSTILE
    s2 = _article("s2", other, None, "Undated: <script>alert(1)</script>", estimate="2024-02-12")
    talks = _event("s2", other, "Talks were held in the capital on Monday", "CONSULT", "Envoy",
                   "2024-02-12", basis="relative", recipient="Old Army")
    say = _span(other, "Talks were held in the capital on Monday, the envoy said")
    statement = Statement(article_id="s2", start=say[0], end=say[1],
                          quote=other[say[0]:say[1]], speaker="the envoy",
                          speaker_actor=ActorRef(text="the envoy", canonical="Envoy"),
                          cue="said", content="Talks were held in the capital on Monday",
                          stance="assert", date_earliest="2024-02-12",
                          date_latest="2024-02-12", date_basis="relative")
    store = Store(f"sqlite:///{path}")
    return _save(store, [_article("s1", text, "2024-01-10", "A toll over 125 years"), s2],
                 [Extraction("s1", events=events, figures=figures),
                  Extraction("s2", events=[talks], statements=[statement])])


def single_store(path: Path) -> Store:
    """One article, one event: nothing else."""
    text = "The envoy arrived in the capital on 3 May 2024."
    store = Store(f"sqlite:///{path}")
    return _save(store, [_article("o1", text, "2024-05-03", "One article")],
                 [Extraction("o1", events=[_event("o1", text, "The envoy arrived in the capital",
                                                  "CONSULT", "Envoy", "2024-05-03")])])


def no_figures_store(path: Path) -> Store:
    """Articles with events and statements, not one figure."""
    articles, extractions = [], []
    for i in range(3):
        text = f"Group A attacked Town {i} on {i + 1} June 2024, the mayor said."
        aid = f"n{i}"
        articles.append(_article(aid, text, f"2024-06-0{i + 1}", f"Attack on Town {i}"))
        say = _span(text, text.rstrip("."))
        extractions.append(Extraction(aid, events=[
            _event(aid, text, f"Group A attacked Town {i}", "ASSAULT", "Group A",
                   f"2024-06-0{i + 1}", recipient="Town")],
            statements=[Statement(article_id=aid, start=say[0], end=say[1],
                                  quote=text[say[0]:say[1]], speaker="the mayor",
                                  cue="said", content=f"Group A attacked Town {i}",
                                  stance="assert", date_earliest=f"2024-06-0{i + 1}",
                                  date_latest=f"2024-06-0{i + 1}", date_basis="explicit")]))
    store = Store(f"sqlite:///{path}")
    return _save(store, articles, extractions)


STORES = {"span": span_store, "single": single_store, "no_figures": no_figures_store}
