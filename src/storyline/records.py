"""The record types that flow between storyline's stages.

Every extracted record carries its provenance: the article it came from, the character span
(`start`, `end`) into that article's repaired text, and the `quote` the span covers. Records are
plain dataclasses so that per-article stages stay pure functions and the store can serialise them
with `to_dict` / `from_dict`.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, ClassVar, TypeVar

T = TypeVar("T", bound="Record")


_FIELD_NAMES: dict[type, frozenset[str]] = {}  # a Record class -> its field names


@dataclass
class Record:
    """Base class: dict round-trip for the store and for `--json` output."""

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls: type[T], data: dict[str, Any]) -> T:
        hints = _FIELD_NAMES.get(cls)
        if hints is None:  # dataclasses.fields per call was a fifth of reading 80,000 records
            hints = _FIELD_NAMES[cls] = frozenset(f.name for f in dataclasses.fields(cls))
        # names a newer version wrote are left out (tolerated); a dict of known names only is
        # taken whole (the usual case: a story build reads some 50,000 records this way)
        kwargs = dict(data) if data.keys() <= hints else \
            {name: value for name, value in data.items() if name in hints}
        for name, nested in cls._nested.items():
            value = kwargs.get(name)
            if value is None:
                continue
            if isinstance(value, list):
                kwargs[name] = [nested.from_dict(v) if isinstance(v, dict) else v for v in value]
            elif isinstance(value, dict):
                kwargs[name] = nested.from_dict(value)
        return cls(**kwargs)

    # field name -> Record subclass, for nested records (filled in below each class)
    _nested: ClassVar[dict[str, type[Record]]] = {}


# --------------------------------------------------------------------------- ingest


@dataclass
class Repair(Record):
    """One text repair applied during ingest (encoding or mojibake)."""

    name: str  # e.g. "decode:cp1252", "ftfy", "gbk-mojibake"
    changed: int  # characters of the text that the repair changed
    detail: str = ""


@dataclass
class Image(Record):
    """An image line kept out of the article body (Markdown/HTML), with its caption."""

    url: str
    alt: str = ""
    caption: str = ""


@dataclass
class DateEstimate(Record):
    """Publication date estimated for an article that states none (see temporal/)."""

    earliest: str  # ISO date
    latest: str  # ISO date
    best: str  # ISO date
    method: str  # "text", "text+story", "story", ...
    evidence: list[str] = field(default_factory=list)


@dataclass
class Article(Record):
    """One stored article: repaired text plus metadata, as stated by the source."""

    id: str  # stable hash of the normalised text
    text: str  # repaired body text; all offsets point into this
    source: str  # path or URL (with "#n" for the n-th record of a multi-article file)
    format: str  # text, markdown, html, json, jsonl, csv, nexis, factiva
    title: str | None = None
    byline: list[str] = field(default_factory=list)
    published: str | None = None  # ISO date or datetime, only when the source states it
    url: str | None = None
    outlet: str | None = None
    language: str | None = None
    flags: list[str] = field(default_factory=list)  # e.g. "non_english"
    repairs: list[Repair] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)  # export metadata (section, subject…)
    published_estimate: DateEstimate | None = None

    _nested: ClassVar[dict[str, type[Record]]] = {}

    @property
    def anchor_date(self) -> str | None:
        """The ISO date that relative expressions resolve against, and its basis."""
        if self.published:
            return self.published[:10]
        if self.published_estimate:
            return self.published_estimate.best
        return None


Article._nested = {"repairs": Repair, "images": Image, "published_estimate": DateEstimate}


# --------------------------------------------------------------------------- extraction


@dataclass
class Span(Record):
    """Provenance shared by every extracted record."""

    article_id: str
    start: int
    end: int
    quote: str


@dataclass
class TimeExpression(Span):
    """A normalised time expression (TIMEX3 type and value) and the interval it denotes."""

    type: str = "DATE"  # DATE, TIME, DURATION, SET
    value: str = ""  # 2023-10-26, 2023-W43, 2024-08, P10M, PRESENT_REF, XXXX-10-07 …
    earliest: str | None = None  # ISO date of the interval's first day (None when open)
    latest: str | None = None  # ISO date of the interval's last day
    anchored: str = "published"  # what it resolved against: published, estimate, none
    rule: str = ""  # which rule produced the value (for debugging and evaluation)


@dataclass
class ActorRef(Record):
    """An actor as mentioned: the text, and what it resolved to (None when unknown)."""

    text: str
    canonical: str | None = None  # e.g. "United States", "Israel Defense Forces"
    kind: str | None = None  # state, armed_group, organisation, person, office, military …
    country: str | None = None  # ISO 3166 alpha-3
    sector: str | None = None  # PLOVER sector: GOV, MIL, REB, IGO, MED, CVL …
    affiliation: str | None = None  # e.g. "Hamas" for "the Hamas-run health ministry"
    entity_type: str | None = None  # spaCy label when unresolved (PERSON, ORG, GPE, NORP…)
    start: int | None = None
    end: int | None = None

    def display(self) -> str:
        """The actor as shown to a reader: its canonical name, or an unresolved mention as
        written with what it is ("Abu Karim (PERSON)", "gunmen (armed group)")."""
        if self.canonical:
            return self.canonical
        what = self.entity_type or (self.kind.replace("_", " ") if self.kind else None)
        return f"{self.text} ({what})" if what else self.text


@dataclass
class Event(Span):
    """A PLOVER event with its participants, date and modality."""

    type: str = ""  # PLOVER: AGREE, CONSULT, … ASSAULT
    mode: str | None = None  # PLOVER mode (third-party, release, ceasefire, restrict …)
    trigger: str = ""  # the predicate word(s)
    actors: list[ActorRef] = field(default_factory=list)
    recipients: list[ActorRef] = field(default_factory=list)
    location: str | None = None
    date_earliest: str | None = None
    date_latest: str | None = None
    date_text: str | None = None  # the expression the date came from
    date_basis: str = "unknown"  # explicit, relative, publication, unknown
    modality: str = "asserted"  # asserted, negated, future, hypothetical, reported
    source: str | None = None  # who reports it, when modality is reported
    sentence: str = ""
    # PLOVER's "historical" context: a past event mentioned as background. It keeps its own
    # date when the text gives one; otherwise it is undated (date_basis "unknown"), never
    # dated to the article's day.
    historical: bool = False
    trigger_start: int | None = None  # character offsets of the predicate word(s)
    trigger_end: int | None = None

    _nested: ClassVar[dict[str, type[Record]]] = {}


Event._nested = {"actors": ActorRef, "recipients": ActorRef}


@dataclass
class Figure(Span):
    """A reported number about the story's state, with its qualifier and source."""

    kind: str = "other"  # killed, injured, hostages_held, … (data/figure_kinds.yaml)
    subject: str | None = None
    value: float | None = None
    low: float | None = None
    high: float | None = None
    qualifier: str = "exact"  # exact, approximately, at_least, more_than, fewer_than, nearly, up_to
    unit: str | None = None  # people, trucks, USD, percent …
    date_earliest: str | None = None
    date_latest: str | None = None
    date_basis: str = "unknown"
    source: str | None = None  # as written: "the Hamas-run health ministry"
    source_actor: ActorRef | None = None
    sentence: str = ""
    group: str | None = None  # normalised subject: "Palestinians", "hostages", "Israeli soldiers"
    place: str | None = None  # normalised place the figure is of: "Gaza"
    scope: str | None = None  # cumulative, incident, period, stock (a count held on a day);
    # None: not said
    scope_cue: str | None = None  # the words that decided it ("since", "toll", "perfect" …)
    since: str | None = None  # ISO day a running total counts from, when stated
    incident: str | None = None  # the incident noun of an incident toll ("blast")
    modality: str = "asserted"  # asserted, reported, negated, future, hypothetical, proposed,
    # demanded: only asserted and reported figures are of what happened

    _nested: ClassVar[dict[str, type[Record]]] = {}


Figure._nested = {"source_actor": ActorRef}


@dataclass
class Statement(Span):
    """An attributed statement: who said what (the record's span is the whole attribution)."""

    speaker: str = ""  # as written; "a source familiar with the efforts"
    speaker_actor: ActorRef | None = None
    anonymous: bool = False
    cue: str = ""
    cue_start: int | None = None
    cue_end: int | None = None
    content: str = ""
    content_start: int | None = None
    content_end: int | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    direct: bool = False  # quoted speech
    stance: str = "assert"  # assert, deny, confirm, warn, demand, threaten, reject, promise
    date_earliest: str | None = None
    date_latest: str | None = None
    date_basis: str = "unknown"

    _nested: ClassVar[dict[str, type[Record]]] = {}


Statement._nested = {"speaker_actor": ActorRef}


@dataclass
class Extraction(Record):
    """Everything extracted from one article."""

    article_id: str
    time_expressions: list[TimeExpression] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)

    _nested: ClassVar[dict[str, type[Record]]] = {}


Extraction._nested = {
    "time_expressions": TimeExpression,
    "events": Event,
    "figures": Figure,
    "statements": Statement,
}
