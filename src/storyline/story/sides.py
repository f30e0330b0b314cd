"""Which side an actor stands for: the actor, the actors it belongs to, and its state.

Story records keep actors by name (the canonical name, or the text as written). The actor lexicon
(`data/actors.yaml`) says what each canonical actor is part of (`parent`), answers to
(`affiliation`) and which state it belongs to (`country`): a state's army, its prime minister and
its negotiators all stand for the state; a spy agency for its state. A name the lexicon does not
know stands only for itself.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable


@functools.cache
def _lexicon():  # -> ActorLexicon; imported on use (the lexicon module pulls in spaCy types)
    from storyline.extract.actors import load_lexicon

    return load_lexicon()


@functools.lru_cache(maxsize=8)
def _states(lex=None) -> dict[str, str]:  # noqa: ANN001 - an ActorLexicon
    """Country code -> the name of the lexicon's state actor for it."""
    lex = lex if lex is not None else _lexicon()
    return {e.country: e.name for e in lex.entries.values()
            if e.kind == "state" and e.country}


@functools.lru_cache(maxsize=20_000)
def sides(name: str, lex=None) -> frozenset[str]:  # noqa: ANN001 - an ActorLexicon
    """Lower-cased names the actor stands for: itself, its parents and affiliations, its state
    (`lex`: the story profile's actor lexicon; None: the default profile's)."""
    states = _states(lex)
    lex = lex if lex is not None else _lexicon()
    out: set[str] = {name.lower()}
    todo = [name]
    while todo:
        entry = lex.entries.get(todo.pop())
        if entry is None:
            continue
        for up in (entry.parent, entry.affiliation, states.get(entry.country or "")):
            if up and up.lower() not in out:
                out.add(up.lower())
                todo.append(up)
    return frozenset(out)


def side_among(name: str, wanted: Iterable[str], lex=None) -> str | None:  # noqa: ANN001
    """The first of `wanted` that the actor stands for (None when it stands for none; `lex`:
    the story profile's actor lexicon, None: the default's)."""
    mine = sides(name, lex)
    for w in wanted:
        if w.lower() in mine:
            return w
    return None


def names_any(names: Iterable[str], wanted: Iterable[str]) -> bool:
    """Whether any of the actors stands for any of `wanted`."""
    wanted = list(wanted)
    return any(side_among(n, wanted) for n in names)
