"""A small store for the output tests: three articles written for these tests, their records
at real offsets, and the story built from them."""

from __future__ import annotations

from pathlib import Path

from storyline.records import (
    ActorRef,
    Article,
    Event,
    Extraction,
    Figure,
    Statement,
    TimeExpression,
)
from storyline.store import Store
from storyline.story.build import build_story

A1 = (
    "Group A released two elderly women it held captive on Monday, the mediators said. "
    "Mediator Q hosted talks between State B and Group A in Capital Q on Monday. "
    "The army said more than 200 captives were still held.\n\n"
    "State B said the offensive pushed Group A back to the negotiating table. "
    "Group A denied the assertion. It said talks had never stopped. "
    "Group A will release more captives next week, a mediator said."
)
A2 = (
    "Two elderly women held by Group A were freed on 4 March, officials said. "
    "State B's aircraft struck a market in Northtown on Monday. "
    "The group said 135 captives were held on 4 March."
)
A3 = (
    "A truce between State B and Group A took effect on 6 March. "
    "Protesters in Northtown chanted <script>alert('pwned')</script> outside the hall on 6 March. "
    "State B and Group A agreed to a truce deal on 5 March."
)
SCRIPT = "<script>alert('pwned')</script>"

ARTICLES = {
    "a1": ("Wire One", "2024-03-04", "Captives freed as mediators meet", A1),
    "a2": ("Daily Two", "2024-03-05", "Two elderly women freed", A2),
    "a3": ("Paper Three", "2024-03-06", "<b>Truce</b> & a <script>x</script> title", A3),
}

STATE_B = dict(canonical="State B", country="SBX", sector="GOV", kind="state")
GROUP_A = dict(canonical="Group A", country=None, sector="REB", kind="armed_group")
MEDIATOR = dict(canonical="Mediator Q", country="MQX", sector="GOV", kind="state")


def span(text: str, quote: str) -> tuple[int, int]:
    start = text.index(quote)
    return start, start + len(quote)


def sentence_of(text: str, quote: str) -> str:
    start, end = span(text, quote)
    stop = text.rfind(". ", 0, start)
    left = max(stop + 2 if stop >= 0 else 0, text.rfind("\n", 0, start) + 1)
    right = text.find(". ", end)
    return text[left: (right + 1 if right >= 0 else len(text))]


def ev(aid: str, quote: str, type_: str, mode: str | None, actors: list[tuple[str, dict]],
       recipients: list[tuple[str, dict]] = (), day: str | None = None, basis: str = "explicit",
       modality: str = "asserted", location: str | None = None, trigger: str = "") -> Event:
    text = ARTICLES[aid][3]
    s, e = span(text, quote)
    return Event(
        article_id=aid, start=s, end=e, quote=quote, type=type_, mode=mode,
        trigger=trigger or quote.split()[2],
        actors=[ActorRef(text=t, **kw) for t, kw in actors],
        recipients=[ActorRef(text=t, **kw) for t, kw in recipients],
        date_earliest=day, date_latest=day, date_basis=basis if day else "unknown",
        modality=modality, location=location, sentence=sentence_of(text, quote),
    )


def fig(aid: str, quote: str, kind: str, value: float, qualifier: str, source: str,
        day: str) -> Figure:
    text = ARTICLES[aid][3]
    s, e = span(text, quote)
    return Figure(article_id=aid, start=s, end=e, quote=quote, kind=kind, subject="captives",
                  value=value, qualifier=qualifier, unit="people", date_earliest=day,
                  date_latest=day, date_basis="explicit", source=source,
                  sentence=sentence_of(text, quote))


def stmt(aid: str, quote: str, speaker: str, side: str, content: str, stance: str = "assert",
         day: str = "2024-03-04") -> Statement:
    text = ARTICLES[aid][3]
    s, e = span(text, quote)
    return Statement(article_id=aid, start=s, end=e, quote=quote, speaker=speaker,
                     speaker_actor=ActorRef(text=speaker, canonical=speaker, affiliation=side),
                     cue="said", content=content, stance=stance, date_earliest=day,
                     date_latest=day, date_basis="explicit")


def timex(aid: str, quote: str, value: str) -> TimeExpression:
    text = ARTICLES[aid][3]
    s, e = span(text, quote)
    return TimeExpression(article_id=aid, start=s, end=e, quote=quote, type="DATE", value=value,
                          earliest=value, latest=value, anchored="published")


def extractions() -> list[Extraction]:
    return [
        Extraction(
            "a1",
            events=[
                ev("a1", "Group A released two elderly women it held captive on Monday", "RETREAT",
                   "release",
                   [("Group A", GROUP_A)], day="2024-03-04", basis="relative",
                   trigger="released"),
                ev("a1", "Mediator Q hosted talks between State B and Group A in Capital Q on "
                   "Monday", "CONSULT", "third-party", [("Mediator Q", MEDIATOR)],
                   [("State B", STATE_B), ("Group A", GROUP_A)], day="2024-03-04",
                   basis="relative", location="Capital Q", trigger="hosted"),
                ev("a1", "Group A will release more captives next week", "RETREAT", "release",
                   [("Group A", GROUP_A)], modality="future", trigger="release"),
            ],
            figures=[fig("a1", "more than 200 captives", "hostages_held", 200, "more_than",
                         "The army", "2024-03-04")],
            statements=[
                stmt("a1", "State B said the offensive pushed Group A back to the negotiating "
                     "table.", "State B", "State B",
                     "the offensive pushed Group A back to the negotiating table"),
                stmt("a1", "Group A denied the assertion.", "Group A", "Group A",
                     "the assertion", stance="deny"),
                stmt("a1", "It said talks had never stopped.", "Group A", "Group A",
                     "talks had never stopped"),
            ],
            time_expressions=[timex("a1", "on Monday", "2024-03-04")],
        ),
        Extraction(
            "a2",
            events=[
                ev("a2", "Two elderly women held by Group A were freed on 4 March", "RETREAT",
                   "release", [("Group A", GROUP_A)], day="2024-03-04", trigger="freed"),
                ev("a2", "State B's aircraft struck a market in Northtown on Monday", "ASSAULT",
                   "heavy-weapons", [("State B's aircraft", STATE_B)], [("Group A", GROUP_A)],
                   day="2024-03-04", basis="relative", location="Northtown", trigger="struck"),
            ],
            figures=[fig("a2", "135 captives", "hostages_held", 135, "exact", "The group",
                         "2024-03-04")],
            time_expressions=[timex("a2", "4 March", "2024-03-04")],
        ),
        Extraction(
            "a3",
            events=[
                ev("a3", "A truce between State B and Group A took effect on 6 March", "RETREAT",
                   "ceasefire", [("State B", STATE_B), ("Group A", GROUP_A)], day="2024-03-06",
                   trigger="took effect"),
                ev("a3", f"Protesters in Northtown chanted {SCRIPT} outside the hall", "PROTEST",
                   None, [("Protesters", {"canonical": None})], day="2024-03-06",
                   trigger="chanted", location="Northtown"),
                ev("a3", "State B and Group A agreed to a truce deal on 5 March", "AGREE", None,
                   [("State B", STATE_B), ("Group A", GROUP_A)], day="2024-03-05",
                   trigger="agreed"),
            ],
            time_expressions=[timex("a3", "6 March", "2024-03-06")],
        ),
    ]


def sample_rules():
    """The packaged negotiation vocabulary with this sample's parties and mediator; in three
    articles one report is enough to set a status or rebuild a truce."""
    import copy

    from storyline.story.config import state_rules
    from storyline.story.rules import compile_rules

    data = copy.deepcopy(state_rules())
    data["profile"] = {"parties": ["State B", "Group A"], "mediators": ["Mediator Q"]}
    data["state"]["min_articles"] = 1
    data["truce"]["min_articles"] = 1
    return compile_rules(data)


def build_store(path: Path) -> Store:
    store = Store(f"sqlite:///{path}")
    for aid, (outlet, day, title, text) in ARTICLES.items():
        store.add_article(Article(id=aid, text=text, source=f"/corpus/{aid}.txt", format="text",
                                  title=title, outlet=outlet, published=day,
                                  url=f"https://example.org/{aid}", language="en"))
    for ex in extractions():
        store.save_extraction(ex)
    build_story(store, sample_rules())
    return store
