"""The negotiation vocabulary of `data/state_rules.yaml`, compiled once: the story profile (who
negotiates), word lists as matchers, and the rules the record and the state apply.

A word list matches on lower-cased word starts ("negotiat" matches negotiators), phrases as
written; "@name" in a list includes the list `words.name`. Nothing here knows a story's words.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from storyline.story.config import base_state_rules
from storyline.story.sides import side_among


def _phrase_pattern(phrase: str) -> str:
    """A phrase starts at a word start; when its last word has four letters or more it may be
    a prefix ("negotiat", "talk" → talks), a shorter one is a whole word or its plural ("war",
    "no" never match "warn" or "north")."""
    body = re.escape(phrase)
    last = phrase.split()[-1] if phrase.split() else phrase
    if len(last) < 4 and last[-1:].isalnum():
        body += r"s?(?![a-z0-9])"
    return body


class Words:
    """A word list as one compiled pattern over lower-cased text."""

    def __init__(self, phrases: Iterable[str]) -> None:
        self.phrases = sorted({p.lower() for p in phrases if p}, key=len, reverse=True)
        body = "|".join(_phrase_pattern(p) for p in self.phrases)
        self.pattern = re.compile(rf"(?<![a-z0-9])(?:{body})") if body else None

    def __bool__(self) -> bool:
        return self.pattern is not None

    def search(self, text: str) -> re.Match | None:
        return self.pattern.search(text.lower()) if self.pattern else None

    def finditer(self, lowered: str) -> Iterable[re.Match]:
        """Matches in text that is already lower-cased (offsets into it)."""
        return self.pattern.finditer(lowered) if self.pattern else ()

    def at_end(self, lowered: str) -> bool:
        """Whether the text ends with one of the phrases (a whole word)."""
        if not self.pattern:
            return False
        return any(lowered.endswith(p) and (len(lowered) == len(p)
                                            or not lowered[-len(p) - 1].isalnum())
                   for p in self.phrases)


def _expand(value: Any, lists: dict[str, Any], seen: frozenset[str] = frozenset()) -> list[str]:
    items = [value] if isinstance(value, str) else list(value or [])
    out: list[str] = []
    for item in items:
        if not isinstance(item, str):
            raise ValueError(f"state_rules.yaml: {item!r} in a word list is not a word "
                             "(quote words YAML reads otherwise, such as \"no\" or \"on\")")
        if item.startswith("@"):
            name = item[1:]
            if name not in lists:
                raise ValueError(f"state_rules.yaml: unknown word list {item!r}")
            if name not in seen:
                out += _expand(lists[name], lists, seen | {name})
        else:
            out.append(item)
    return out


@dataclass
class NegotiationRules:
    """`data/state_rules.yaml`, compiled."""

    raw: dict[str, Any]
    parties: list[str] = field(default_factory=list)
    mediators: list[str] = field(default_factory=list)
    bodies: list[str] = field(default_factory=list)
    lists: dict[str, Any] = field(default_factory=dict)
    # the story profile's actor lexicon: who stands for which party (None: the default's)
    actors: Any = field(default=None, repr=False)
    _compiled: dict[str, Words] = field(default_factory=dict, repr=False)

    def words(self, value: Any) -> Words:
        """A matcher for a list name ("truce"), an "@name" reference, or a list of phrases."""
        key = value if isinstance(value, str) else repr(value)
        found = self._compiled.get(key)
        if found is None:
            if isinstance(value, str) and not value.startswith("@"):
                value = "@" + value
            found = self._compiled[key] = Words(_expand(value, self.lists))
        return found

    def section(self, name: str) -> dict[str, Any]:
        return dict(self.raw.get(name) or {})

    # ---------------------------------------------------------------- roles

    def party_of(self, name: str) -> str | None:
        return side_among(name, self.parties, self.actors)

    def mediator_of(self, name: str) -> str | None:
        return side_among(name, self.mediators, self.actors)

    def body_of(self, name: str) -> str | None:
        return side_among(name, self.bodies, self.actors)

    def role_of(self, name: str) -> tuple[str, str] | None:
        """("party" | "mediator" | "body", the profile name) an actor stands for."""
        for role, names in (("party", self.parties), ("mediator", self.mediators),
                            ("body", self.bodies)):
            found = side_among(name, names, self.actors)
            if found:
                return role, found
        return None


def with_defaults(data: dict[str, Any], base: dict[str, Any] | None = None) -> dict[str, Any]:
    """State rules with every top-level section they leave out taken from `base` (default: the
    base's `data/base/state_rules.yaml`), so that a profile may hold only its `profile:` and
    keep the base's vocabulary."""
    base = base_state_rules() if base is None else base
    return {**base, **data}


def compile_rules(data: dict[str, Any], actors: Any = None) -> NegotiationRules:
    """Compile state_rules data (sections it lacks come from the base file); `actors`: the
    story profile's actor lexicon (None: the default profile's)."""
    data = with_defaults(data)
    profile = data.get("profile") or {}
    return NegotiationRules(
        raw=data,
        parties=[str(p) for p in profile.get("parties") or []],
        mediators=[str(p) for p in profile.get("mediators") or []],
        bodies=[str(p) for p in profile.get("bodies") or []],
        lists=dict(data.get("words") or {}),
        actors=actors,
    )


def default_rules() -> NegotiationRules:
    """The default story profile's rules (compiled once, with its actor lexicon)."""
    from storyline.profiles.compiled import default_resources

    return default_resources().rules


# --------------------------------------------------------------------------- names in sentences


_TOKEN = re.compile(r"[\w’'.&-]+")


@dataclass(frozen=True)
class NameFinder:
    """Where a sentence names an actor of the lexicon by alias, demonym or metonym: word
    n-grams looked up in the lexicon's tables (ALL-CAPS aliases only in capitals)."""

    cased: dict[str, tuple[str, str]]  # surface without dots -> (actor name, how)
    lower: dict[str, tuple[str, str]]
    lengths: dict[str, tuple[int, ...]]  # first word (lower) -> name lengths in words

    def find(self, sentence: str) -> list[tuple[str, str, int, str]]:
        """(actor name, how, offset, surface) for each name in the sentence, longest first,
        in order."""
        tokens = [(m.start(), m.end()) for m in _TOKEN.finditer(sentence)]
        out = []
        i = 0
        while i < len(tokens):
            first = _possessive(sentence[tokens[i][0]:tokens[i][1]]).lower().replace(".", "")
            for n in self.lengths.get(first, ()):
                if i + n > len(tokens):
                    continue
                start, end = tokens[i][0], tokens[i + n - 1][1]
                surface = _possessive(sentence[start:end])
                hit = self.cased.get(surface.replace(".", "")) or self.lower.get(
                    surface.lower().replace("’", "'"))
                if hit:
                    out.append((hit[0], hit[1], start, surface))
                    i += n
                    break
            else:
                i += 1
        return out


@functools.cache
def name_finder(actors: Any = None) -> NameFinder:
    """A finder over every alias, demonym and metonym of the actor lexicon (`actors`: a story
    profile's; None: the default's)."""
    from storyline.story.sides import _lexicon

    lex = actors if actors is not None else _lexicon()
    cased: dict[str, tuple[str, str]] = {}
    lower: dict[str, tuple[str, str]] = {}
    for how, index in (("alias", lex.aliases), ("demonym", lex.demonyms),
                       ("metonym", lex.metonyms)):
        for surface, name in index.cased.items():
            cased.setdefault(surface, (name, how))
        for surface, name in index.lower.items():
            lower.setdefault(surface, (name, how))
    lengths: dict[str, set[int]] = {}
    for key in [*cased, *lower]:
        words = key.split()
        lengths.setdefault(words[0].lower().replace(".", ""), set()).add(len(words))
    return NameFinder(cased, lower, {k: tuple(sorted(v, reverse=True))
                                     for k, v in lengths.items()})


def _possessive(text: str) -> str:
    text = text.rstrip(".,")
    for tail in ("’s", "'s", "’", "'"):
        if text.endswith(tail):
            return text[: -len(tail)]
    return text
