"""Synthetic records for the story tests (texts written for these tests)."""

from __future__ import annotations

from storyline.records import ActorRef, Event, Figure, Statement
from storyline.story.context import Articles


def ref(name: str, affiliation: str | None = None, country: str | None = None) -> ActorRef:
    return ActorRef(text=name, canonical=name, affiliation=affiliation, country=country)


def articles(*rows: tuple[str, str, str], links: list[tuple[str, str]] = ()) -> Articles:
    """(id, outlet, date) rows."""
    return Articles.build(((aid, outlet, d, f"title {aid}", f"https://example.org/{aid}")
                           for aid, outlet, d in rows), links)


def event(aid: str, sentence: str, type_: str, mode: str | None = None, *, actors=(),
          recipients=(), lo: str | None = None, hi: str | None = None, basis: str = "unknown",
          modality: str = "asserted", trigger: str = "", start: int = 0,
          location: str | None = None) -> Event:
    return Event(
        article_id=aid, start=start, end=start + len(sentence), quote=sentence, type=type_,
        mode=mode, trigger=trigger, actors=[ref(a) for a in actors],
        recipients=[ref(r) for r in recipients], date_earliest=lo, date_latest=hi or lo,
        date_basis=basis if lo else "unknown", modality=modality, sentence=sentence,
        location=location,
    )


def figure(aid: str, quote: str, kind: str, value: float, qualifier: str = "exact", *,
           subject: str | None = None, when: str | None = None, basis: str = "explicit",
           source: str | None = None, start: int = 0, group: str | None = None,
           place: str | None = None, scope: str | None = None, cue: str | None = None,
           incident: str | None = None, modality: str = "asserted") -> Figure:
    return Figure(
        article_id=aid, start=start, end=start + len(quote), quote=quote, kind=kind,
        subject=subject, value=value, qualifier=qualifier, date_earliest=when, date_latest=when,
        date_basis=basis if when else "unknown", source=source, sentence=quote, group=group,
        place=place, scope=scope, scope_cue=cue, incident=incident, modality=modality,
    )


def statement(aid: str, start: int, quote: str, speaker: str, side: str, content: str,
              stance: str = "assert", when: str | None = None) -> Statement:
    return Statement(
        article_id=aid, start=start, end=start + len(quote), quote=quote, speaker=speaker,
        speaker_actor=ActorRef(text=speaker, canonical=speaker, affiliation=side),
        content=content, stance=stance, date_earliest=when, date_latest=when,
        date_basis="explicit" if when else "unknown",
    )
