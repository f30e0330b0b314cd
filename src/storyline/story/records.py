"""The story's results: plain dataclasses (`Record` subclasses, so `to_dict`/`from_dict` work).

Every story record keeps the evidence it rests on: the article id, the character span and the
quote of each extracted record it was built from, so an analyst can check it against the
sentence. These are what `storyline build` caches (by kind, see `storyline.story.build`) and what
the exports and the HTML report read back with `storyline.story.build.load_story`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, ClassVar

from storyline.records import Record

# --------------------------------------------------------------------------- shared


@dataclass
class SourceRef(Record):
    """One article a story record cites: where to read it, and who published it when."""

    article_id: str
    outlet: str | None = None
    published: str | None = None  # ISO date the article is anchored to (stated or estimated)
    title: str | None = None
    url: str | None = None  # the URL, or the source path when the article came from a file


@dataclass
class Evidence(Record):
    """An extracted record cited as evidence (an event, a figure or a statement)."""

    kind: str  # event, figure, statement
    article_id: str
    start: int
    end: int
    quote: str
    sentence: str = ""
    outlet: str | None = None
    date: str | None = None  # the record's own date (earliest day), when it has one
    detail: str = ""  # e.g. "CONSULT/third-party", "deny", "more_than 200"


# --------------------------------------------------------------------------- event clusters


@dataclass
class Mention(Record):
    """One report of an event: an extracted Event, with its article's outlet and date."""

    article_id: str
    start: int
    end: int
    quote: str
    sentence: str = ""
    trigger: str = ""
    type: str = ""
    mode: str | None = None
    modality: str = "asserted"
    actors: list[str] = field(default_factory=list)  # canonical names (or the text as written)
    recipients: list[str] = field(default_factory=list)
    location: str | None = None
    date_earliest: str | None = None
    date_latest: str | None = None
    date_basis: str = "unknown"
    date_text: str | None = None
    outlet: str | None = None
    published: str | None = None
    source: str | None = None  # who claims it, for reported events
    historical: bool = False  # a background mention of a past event (see records.Event)


@dataclass
class EventCluster(Record):
    """One real-world event, with every mention of it across (and within) articles.

    `polarity` separates what was reported as happening ("real": asserted or reported) from
    what was denied ("negated") and what was announced, threatened or imagined ("irrealis"); a
    cluster only ever holds mentions of one polarity.
    """

    id: str
    type: str
    mode: str | None
    polarity: str  # real, negated, irrealis
    actors: list[str]
    recipients: list[str]
    date_earliest: str | None  # best date: explicit beats relative beats publication
    date_latest: str | None
    date_basis: str
    label: str  # generated: "Hamas RETREAT/release → Israel"
    summary: str  # the most representative sentence, trimmed to one line
    location: str | None = None
    mentions: list[Mention] = field(default_factory=list)
    outlets: list[str] = field(default_factory=list)  # distinct outlets, first reporter first
    articles: list[str] = field(default_factory=list)
    independent_reports: int = 0  # outlets after collapsing near-duplicate (syndicated) copies
    first_report: SourceRef | None = None
    sources: list[SourceRef] = field(default_factory=list)

    _nested: ClassVar[dict[str, type[Record]]] = {}


EventCluster._nested = {"mentions": Mention, "first_report": SourceRef, "sources": SourceRef}


# --------------------------------------------------------------------------- figure series


@dataclass
class SeriesPoint(Record):
    """One reported value of a series, as its source gave it."""

    date: str  # the day the figure holds for (its latest day, or the article's date)
    date_basis: str
    value: float | None
    low: float | None
    high: float | None
    qualifier: str
    unit: str | None
    source: str | None  # as written: "the Hamas-run health ministry"
    source_actor: str | None  # resolved
    article_id: str
    start: int
    end: int
    quote: str
    sentence: str = ""
    outlet: str | None = None
    published: str | None = None

    def display(self) -> str:
        """The value with its qualifier, as an analyst reads it: "more than 200"."""
        return display_value(self.value, self.low, self.high, self.qualifier)


def display_value(value: float | None, low: float | None, high: float | None, qualifier: str) -> str:
    def num(x: float) -> str:
        return f"{int(x):,}" if float(x).is_integer() else f"{x:,}"

    if value is None and low is not None and high is not None:
        return f"{num(low)}–{num(high)}"
    if value is None:
        return "?"
    words = {
        "exact": "", "approximately": "about ", "at_least": "at least ", "more_than": "more than ",
        "fewer_than": "fewer than ", "nearly": "nearly ", "up_to": "up to ",
    }
    return f"{words.get(qualifier, qualifier + ' ')}{num(value)}"


@dataclass
class Disagreement(Record):
    """Two points of one series, for the same day, from independent sources, whose stated
    ranges do not overlap."""

    date: str
    a: SeriesPoint
    b: SeriesPoint
    reason: str  # why it is one: the two ranges, the day, the two sides

    _nested: ClassVar[dict[str, type[Record]]] = {}


Disagreement._nested = {"a": SeriesPoint, "b": SeriesPoint}


@dataclass
class FigureSeries(Record):
    """One figure kind about one subject over time, with every source's points."""

    id: str
    kind: str
    subject: str | None  # normalised: "Palestinians", "hostages", "Israeli soldiers"
    unit: str | None
    points: list[SeriesPoint] = field(default_factory=list)  # by date, then publication
    current: SeriesPoint | None = None  # the best value on the latest day reported
    disagreements: list[Disagreement] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)  # distinct sources as written
    outlets: list[str] = field(default_factory=list)
    first_date: str | None = None
    last_date: str | None = None
    subjects: list[str] = field(default_factory=list)  # every subject wording merged here
    place: str | None = None  # normalised place the figures are of ("Gaza"), None when unsaid
    scope: str | None = None  # cumulative (a running total), incident (one event's toll),
    # period (one period's toll: "the past 24 hours"), None (not said)
    incident: str | None = None  # for an incident: its noun ("blast"); the day is first_date
    # lower bounds a tighter point of the same day makes redundant ("more than 11,000" beside
    # "11,240"): records of the series, not points of it (see story/series.py)
    restated: list[SeriesPoint] = field(default_factory=list)

    _nested: ClassVar[dict[str, type[Record]]] = {}


FigureSeries._nested = {"points": SeriesPoint, "current": SeriesPoint,
                        "disagreements": Disagreement, "restated": SeriesPoint}


# --------------------------------------------------------------------------- disputes


@dataclass
class Claim(Record):
    """One side of a dispute: what was claimed, by whom, where."""

    kind: str  # statement, figure, event
    who: str | None  # the speaker, the figure's source, or the event's reporter
    side: str | None  # the party the claimant belongs to (resolved actor, affiliation)
    text: str  # the content claimed ("Hamas re-engaged", "more than 200 killed")
    stance: str  # assert, deny, reject, …; for figures the value; for events the modality
    evidence: Evidence | None = None

    _nested: ClassVar[dict[str, type[Record]]] = {}


Claim._nested = {"evidence": Evidence}


@dataclass
class Dispute(Record):
    """Two claims that contradict each other, side by side."""

    id: str
    kind: str  # denial, figures, event
    date: str | None
    topic: str  # one line: what is disputed
    a: Claim
    b: Claim
    score: float = 0.0  # how sure the match is (wording overlap, same article …)
    reason: str = ""

    _nested: ClassVar[dict[str, type[Record]]] = {}


Dispute._nested = {"a": Claim, "b": Claim}


# --------------------------------------------------------------------------- negotiation state


@dataclass
class StateDay(Record):
    """The state of the negotiations on one day, with the records that say so."""

    date: str
    status: str  # talks_active, stalled, suspended, agreement, truce, collapsed, unknown
    changed: bool = False  # the status was set by evidence dated this day (not carried over)
    since: str | None = None  # the day the current status began
    venue: str | None = None
    mediators: list[str] = field(default_factory=list)
    parties: list[str] = field(default_factory=list)
    last_proposal: Evidence | None = None
    signals: list[str] = field(default_factory=list)  # every signal seen this day
    evidence: list[Evidence] = field(default_factory=list)

    _nested: ClassVar[dict[str, type[Record]]] = {}


StateDay._nested = {"last_proposal": Evidence, "evidence": Evidence}


# --------------------------------------------------------------------------- negotiation record


@dataclass
class NegotiationItem(Record):
    """One thing that happened in the negotiation: a round of talks, a proposal, a response, an
    agreement, a truce's start, extension or end, a release or rescue, or a pressure event (an
    offensive, a blockade), with its parties, terms and the records it rests on."""

    id: str
    kind: str  # a kind of `data/state_rules.yaml` `record.kinds`
    date: str | None
    date_latest: str | None = None
    date_basis: str = "unknown"
    polarity: str = "real"  # real; irrealis (planned, proposed); negated (did not happen)
    type: str = ""  # PLOVER type of the event it rests on
    mode: str | None = None
    summary: str = ""
    actors: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    parties: list[str] = field(default_factory=list)  # the story's parties it involves
    mediators: list[str] = field(default_factory=list)
    delegations: list[str] = field(default_factory=list)
    venue: str | None = None
    outcome: str | None = None  # for talks: held, planned, stalled, broke_down …
    response: str | None = None  # for responses: accept, reject, amend
    terms: dict[str, float] = field(default_factory=dict)  # hostages, prisoners, pause_days …
    reports: int = 0  # independent reports
    cluster_ids: list[str] = field(default_factory=list)
    sources: list[SourceRef] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)

    _nested: ClassVar[dict[str, type[Record]]] = {}


NegotiationItem._nested = {"sources": SourceRef, "evidence": Evidence}


@dataclass
class Position(Record):
    """A party's stated position or demand on a day, and whether it moved from its last one."""

    party: str
    date: str | None
    stance: str  # demand, reject, accept, condition, refuse …
    text: str  # what the party wants or refuses, as stated
    speaker: str = ""
    topic: str | None = None  # what it is about (a topic of `record.position_topics`)
    changed: bool = False  # differs from the party's previous position on the topic
    previous: str | None = None  # that previous position's text
    evidence: Evidence | None = None

    _nested: ClassVar[dict[str, type[Record]]] = {}


Position._nested = {"evidence": Evidence}


# --------------------------------------------------------------------------- timeline


@dataclass
class TimelineEntry(Record):
    """One key dated event of the story."""

    date: str
    summary: str  # one line
    label: str = ""
    type: str = ""
    mode: str | None = None
    cluster_id: str | None = None
    score: float = 0.0  # importance: independent reports, mentions, centrality
    outlets: list[str] = field(default_factory=list)
    sources: list[SourceRef] = field(default_factory=list)
    date_basis: str = "unknown"
    kind: str = "event"  # the negotiation record's kind (talks, truce_start …), else "event"
    actors: list[str] = field(default_factory=list)  # actors and recipients
    cluster_ids: list[str] = field(default_factory=list)  # every cluster it stands for

    _nested: ClassVar[dict[str, type[Record]]] = {}


TimelineEntry._nested = {"sources": SourceRef}


# --------------------------------------------------------------------------- summary


@dataclass
class StorySummary(Record):
    """What `build_story` computed, and how long it took."""

    articles: int = 0
    mentions: int = 0
    clusters: int = 0
    series: int = 0
    points: int = 0
    disagreements: int = 0
    disputes: int = 0
    state_days: int = 0
    timeline: int = 0
    seconds: float = 0.0
    first_date: str | None = None
    last_date: str | None = None
    # the profile's analyses the build ran (`analyses:` in profile.yaml); a story cached before
    # profiles could switch them had the negotiation analysis
    analyses: list[str] = field(default_factory=lambda: ["negotiation"])
    # the negotiation statuses (labels, precedence) of the profile the story was built with
    statuses: dict[str, Any] = field(default_factory=dict)
