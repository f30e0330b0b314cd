"""What one figure is of: its group, place, scope and modality, read off the parse.

A figure series means one quantity (`story/series.py`): a kind, a group (the normalised
subject: "Palestinians", "hostages"), a place and a scope. This module reads the last three and
the group from the words around a figure, with the word lists of `data/figure_kinds.yaml`:

- group: the counted noun's lemma and modifiers ("Northland soldiers"), or the measured noun's
  ("the Palestinian death toll"); "people" in a place whose people the data names take that
  group ("people in Gaza" → Palestinians);
- place: a place named by a preposition on the figure's words ("killed in Northland", "the toll
  in Southland", "strikes on Northland"), a possessive or modifier on the counted or measured
  noun ("Northland's death toll"), the object of the attack or campaign that caused it ("the
  attack on Southland",
  "the war in Gaza"), else the place of its source when the data ties the source to one;
- scope: cumulative (a running total: "since", "so far", "the toll", a present perfect, a
  campaign as cause), incident (one event's toll: "killed in the blast", "the attack, in which",
  "attacked Southland, killing …", a past tense dated to one day) or period ("in the past 24
  hours"); None when nothing says;
- modality of the figure's own verb or noun: asserted, reported, negated, future,
  hypothetical, proposed ("a deal for the release of 40") or demanded ("calls for the release
  of 100").
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Token

from storyline.data import read_yaml
from storyline.extract.modality import ModalityCues, modality_of

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_PLACE_PREPS = frozenset({"in", "inside", "across", "throughout", "within", "on", "at", "over",
                          "into"})
_NESTED = frozenset({"ccomp", "advcl", "relcl", "acl", "parataxis", "csubj", "xcomp"})


@dataclass(frozen=True)
class GroupRule:
    group: str
    nouns: frozenset[str]
    with_: frozenset[str] | None = None


@dataclass(frozen=True)
class FrameLexicon:
    """The word lists of the figure kinds file that place and scope a figure."""

    groups: tuple[GroupRule, ...]
    place_alias: dict[str, str]  # words naming a whole place → its name
    place_people: dict[str, str]
    localities: dict[str, tuple[str, str]]  # words → (locality, the place it is in)
    adjective_places: dict[str, str]  # "israeli" → Israel (for what an attack hit)
    direction: frozenset[str]
    fillers: frozenset[str]
    since_period_days: int
    source_places: dict[str, str]
    since_words: frozenset[str]
    cumulative_phrases: tuple[str, ...]
    period_patterns: tuple[re.Pattern, ...]
    incident_nouns: frozenset[str]
    campaign_nouns: frozenset[str]
    one_off_nouns: frozenset[str]
    attack_verbs: frozenset[str]
    identifier_nouns: frozenset[str]
    partitive_nouns: frozenset[str]
    non_sources: frozenset[str]
    negating_adverbs: frozenset[str]
    proposal_nouns: frozenset[str]
    demand_verbs: frozenset[str]
    proposal_verbs: frozenset[str]


def _words(values: Iterable[object] | None) -> frozenset[str]:
    return frozenset(str(v).lower() for v in values or [])


@functools.cache
def load_frame_lexicon(path: str | None = None) -> FrameLexicon:
    """The frame lists of `figure_kinds.yaml` (`path` None = the default story profile's),
    once."""
    if path is None:
        from storyline.profiles.compiled import default_resources

        return default_resources().frame
    return compile_frame_lexicon(read_yaml("figure_kinds.yaml", path))


def compile_frame_lexicon(data: dict[str, Any]) -> FrameLexicon:
    """The frame lists from figure-kinds data (a story profile's, merged with the base)."""
    sets = {k: _words(v) for k, v in (data.get("sets") or {}).items()}

    def word_set(value: object) -> frozenset[str]:
        if isinstance(value, str) and value.startswith("@"):
            if value[1:] not in sets:
                raise ValueError(f"figure kinds: unknown set {value!r}")
            return sets[value[1:]]
        return _words(value if isinstance(value, list) else [value])

    groups = tuple(GroupRule(str(g["group"]), word_set(g["nouns"]),
                             word_set(g["with"]) if g.get("with") else None)
                   for g in data.get("groups") or [])
    alias: dict[str, str] = {}
    people: dict[str, str] = {}
    localities: dict[str, tuple[str, str]] = {}
    adjectives: dict[str, str] = {}
    for entry in data.get("places") or []:
        name = str(entry["place"])
        alias.setdefault(name.lower(), name)
        for a in entry.get("aliases") or []:
            alias.setdefault(str(a).lower(), name)
        for loc in entry.get("localities") or []:
            localities.setdefault(str(loc).lower(), (str(loc), name))
        for adj in entry.get("adjectives") or []:
            adjectives.setdefault(str(adj).lower(), name)
        if entry.get("people"):
            people[name] = str(entry["people"])
    scope = data.get("scope") or {}
    mod = data.get("modality") or {}
    return FrameLexicon(
        groups=groups,
        place_alias=alias,
        place_people=people,
        localities=localities,
        adjective_places=adjectives,
        direction=_words(data.get("direction_words")),
        fillers=_words(data.get("place_fillers")),
        since_period_days=int(scope.get("since_period_days", 14)),
        source_places={str(k): str(v) for k, v in (data.get("source_places") or {}).items()},
        since_words=_words(scope.get("since_words")),
        cumulative_phrases=tuple(str(p).lower() for p in scope.get("cumulative_phrases") or []),
        period_patterns=tuple(re.compile(p, re.I) for p in scope.get("period_patterns") or []),
        incident_nouns=_words(scope.get("incident_nouns")),
        campaign_nouns=_words(scope.get("campaign_nouns")),
        one_off_nouns=_words(scope.get("one_off_nouns")),
        attack_verbs=_words(scope.get("attack_verbs")),
        identifier_nouns=_words(data.get("identifier_nouns")),
        partitive_nouns=_words(data.get("partitive_nouns")),
        non_sources=_words(data.get("non_sources")),
        negating_adverbs=_words(mod.get("negating_adverbs")),
        proposal_nouns=_words(mod.get("proposal_nouns")),
        demand_verbs=_words(mod.get("demand_verbs")),
        proposal_verbs=_words(mod.get("proposal_verbs")),
    )


def _lemma(tok: Token) -> str:
    return tok.lemma_.lower()


# --------------------------------------------------------------------------- places


def place_name(tok: Token, lex: FrameLexicon) -> str | None:
    """The place a noun names, normalised by the data: a whole place ("the Gaza Strip", "the
    enclave" → Gaza), a locality ("Khan Younis"), or a part ("southern Gaza"); an unlisted
    place keeps spaCy's entity text."""
    parts = [c for c in tok.lefts if c.dep_ in ("compound", "amod", "nmod") and c.i >= tok.i - 3]
    words = [t.lower_ for t in (*parts, tok) if t.lower_ not in lex.fillers]
    if tok.ent_type_ in PLACE_LABELS:
        ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
        if ent is not None and ent.end - ent.start > len(words):
            words = [w for w in ent.text.lower().replace("'s", "").split()
                     if w not in lex.fillers]
    found = _place_words(words, lex)
    if found:
        return found
    for cand in (tok.lower_, tok.lemma_.lower()):
        if cand in lex.place_alias:
            return lex.place_alias[cand]
    if tok.ent_type_ in ("GPE", "LOC") and tok.pos_ == "PROPN":
        ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
        if ent is not None:
            text = " ".join(w for w in ent.text.replace("'s", "").split()
                            if w.lower() not in lex.fillers)
            return text or None
    return None


def _place_words(words: list[str], lex: FrameLexicon) -> str | None:
    direction = [w for w in words if w in lex.direction]
    core = [w for w in words if w not in lex.direction]
    key = " ".join(core)
    if not key:
        return None
    if key in lex.localities:
        return lex.localities[key][0]
    if key in lex.place_alias:
        name = lex.place_alias[key]
        return f"{direction[0]} {name}" if direction else name
    return None


def parent_place(place: str | None, lex: FrameLexicon) -> str | None:
    """The whole place a locality or part is in ("Rafah", "southern Gaza" → Gaza)."""
    if place is None:
        return None
    if place in lex.place_people or place.lower() in lex.place_alias:
        return lex.place_alias.get(place.lower(), place)
    loc = lex.localities.get(place.lower())
    if loc is not None:
        return loc[1]
    words = place.split()
    if len(words) > 1 and words[0].lower() in lex.direction:
        return lex.place_alias.get(" ".join(words[1:]).lower())
    return None


_THROUGH_PREPS = frozenset({"during", "by", "after", "amid", "following", "from", "with",
                            "of"})


def _pp_places(head: Token, lex: FrameLexicon, depth: int = 2) -> Iterator[str]:
    """Places named by prepositions on `head`, and on the nouns those prepositions take
    ("killed in strikes *on Gaza*", "killed during an operation *in Jenin*")."""
    for child in head.children:
        if child.dep_ not in ("prep", "agent"):
            continue
        direct = child.lower_ in _PLACE_PREPS
        if not direct and child.lower_ not in _THROUGH_PREPS:
            continue
        for pobj in child.children:
            if pobj.dep_ != "pobj":
                continue
            found = place_name(pobj, lex) if direct else None
            if found:
                yield found
            elif depth > 1 and pobj.pos_ in ("NOUN", "PROPN"):
                yield from _pp_places(pobj, lex, depth - 1)


def _modifier_place(head: Token, lex: FrameLexicon) -> str | None:
    """"Gaza's death toll", "the Gaza toll", "Gazan deaths"."""
    for child in head.children:
        if child.dep_ in ("poss", "compound", "amod", "nmod") and child.i < head.i:
            found = place_name(child, lex)
            if found:
                return found
    return None


def _cause_nouns(predicate: Token | None, lex: FrameLexicon | None = None) -> Iterator[Token]:
    """The nouns or verbs that caused the figure: the predicate's subject ("the war has
    killed"), the noun a relative clause hangs on ("the attack, in which"), the verb a
    participle clause hangs on ("attacked Southland, killing …") and its object. Relative and
    participle clauses are tried on the nearest noun or verb before them first: the parser
    often hangs them too high ("the war began when Group A attacked Southland, killing …")."""
    if predicate is None:
        return
    subject = False
    for child in predicate.children:
        if child.dep_ in ("nsubj", "nsubjpass", "csubj"):
            subject = True
        if child.dep_ in ("nsubj", "agent") and child.pos_ in ("NOUN", "PROPN"):
            yield child
        if child.dep_ == "agent":
            yield from (g for g in child.children if g.dep_ == "pobj")
    head = predicate.head
    finite = predicate.tag_ in ("VBD", "VBZ", "VBP")
    if predicate.dep_ in ("relcl", "acl") and head.pos_ in ("NOUN", "PROPN"):
        low = _nearest_noun_before(predicate)
        if low is not None and low != head:
            yield low
        yield head
    elif finite and not subject and predicate.dep_ in ("advcl", "ccomp", "conj"):
        # "after an attack by Hamas's military wing on 7 October killed 1,400": a finite verb
        # the parser left without its subject takes the noun phrase before it
        low = _nearest_noun_before(predicate)
        while low is not None and low.dep_ == "pobj" and low.head.head.pos_ == "NOUN":
            low = low.head.head
        if low is not None:
            yield low
    elif predicate.dep_ in ("advcl", "conj", "xcomp") and head.pos_ in ("VERB", "AUX") and not any(
            c.dep_ == "mark" for c in predicate.children):
        # a participle clause ("attacked Israel, killing 1,200"), not a finite one with its
        # own conjunction ("bombing Gaza since an attack killed 1,400")
        near = _nearest_verb_before(predicate)
        if near is not None and near != head and lex is not None and (
                _lemma(near) in lex.attack_verbs):
            yield near
            for child in near.children:
                if child.dep_ in ("dobj", "obj"):
                    yield child
            return
        yield head
        for child in head.children:
            if child.dep_ in ("dobj", "obj", "nsubj"):
                yield child


def _nearest_verb_before(clause: Token) -> Token | None:
    first = clause.left_edge.i
    doc = clause.doc
    for i in range(first - 1, max(clause.sent.start - 1, first - 14), -1):
        if doc[i].pos_ == "VERB":
            return doc[i]
    return None


def _nearest_noun_before(clause: Token) -> Token | None:
    """The common noun right before a relative clause ("the attack on 7 October, *during
    which* …" → attack), skipping dates, names of places and punctuation."""
    first = clause.left_edge.i
    doc = clause.doc
    for i in range(first - 1, max(-1, first - 14), -1):
        tok = doc[i]
        if tok.is_punct or tok.ent_type_ in ("DATE", "GPE", "LOC") or tok.pos_ in (
                "ADP", "DET", "NUM", "ADJ", "PART", "PROPN"):
            continue
        return tok if tok.pos_ == "NOUN" else None
    return None


def place_of(number: Token, counted: Token | None, measured: Token | None,
             predicate: Token | None, source: str | None, lex: FrameLexicon,
             scope: str | None = None, source_token: Token | None = None) -> str | None:
    """Where the figure's people are (see the module docstring for the order)."""
    for head in (counted, measured, number, predicate):
        if head is not None:
            for found in _pp_places(head, lex):
                return found
    for head in (counted, measured):
        if head is not None:
            found = _modifier_place(head, lex)
            if found:
                return found
    for cause in _cause_nouns(predicate, lex):
        found = place_name(cause, lex) if cause.pos_ == "PROPN" and cause.dep_ in (
            "dobj", "obj") else None
        if found is None and cause.dep_ in ("dobj", "obj"):
            # "attacked Israeli communities": the attacked people's place
            found = next((lex.adjective_places[m.lower_] for m in cause.lefts
                          if m.dep_ == "amod" and m.lower_ in lex.adjective_places), None)
        if found:
            return found
        for found in _pp_places(cause, lex):
            return found
        found = _modifier_place(cause, lex) if cause.pos_ == "NOUN" else None
        if found and cause.dep_ not in ("nsubj",):
            return found
    if source_token is not None:
        # "the health ministry in the occupied West Bank": where the source is
        for found in _pp_places(source_token, lex, depth=1):
            return found
    found = lex.source_places.get(source or "")
    if found:
        return found
    if scope != "cumulative":
        return None
    # a running total: the one place the sentence names (by a preposition) is the figure's
    named = set()
    for tok in number.sent:
        if tok.dep_ == "pobj" and tok.head.lower_ in _PLACE_PREPS:
            name = place_name(tok, lex)
            if name:
                named.add(name)
    return named.pop() if len(named) == 1 else None


# --------------------------------------------------------------------------- groups


def _mods(tok: Token) -> set[str]:
    out = set()
    for child in tok.children:
        if child.dep_ in ("compound", "amod", "nmod", "poss") and child.i < tok.i:
            out.update((_lemma(child), child.lower_))
    return out


def group_of(counted: Token | None, measured: Token | None, place: str | None,
             lex: FrameLexicon) -> str | None:
    """The normalised subject: the first group rule whose noun is the counted (or measured)
    noun and whose `with` words, when given, are among its modifiers."""
    head = counted if counted is not None else measured
    if head is None:
        return None
    if head.pos_ == "PRON" and head.dep_ == "pobj" and head.head.lower_ == "of":
        return None  # "7,300 of them": a part of another figure's people
    if _lemma(head) in lex.partitive_nouns:
        inner = next((p for c in head.children if c.dep_ == "prep" and c.lower_ == "of"
                      for p in c.children if p.dep_ == "pobj"), None)
        if inner is not None:
            head = inner
    lemmas = {_lemma(head), head.lower_}
    mods = _mods(head)
    group = None
    for rule in lex.groups:
        if lemmas & rule.nouns and (rule.with_ is None or mods & rule.with_):
            group = rule.group
            break
    if group is None and (head.ent_type_ == "NORP" or head.tag_ == "NNPS"):
        group = head.text  # "Americans", "Thai nationals": a nationality as written
    home = parent_place(place, lex)
    if group == "people" and home in lex.place_people:
        group = lex.place_people[home]
    return group


# --------------------------------------------------------------------------- scope


def _dated(noun: Token) -> bool:
    return any(t.ent_type_ == "DATE" for t in noun.subtree if t.i != noun.i)


def _noun_scope(noun: Token, lex: FrameLexicon) -> str | None:
    """cumulative for a campaign ("the war"), incident for one event ("the blast", "the 7
    October attacks"), None for any other noun. Bare plural events ("Israeli strikes on
    Gaza") are a campaign."""
    lemma, low = _lemma(noun), noun.lower_
    if lemma in lex.incident_nouns:
        plural = noun.tag_ in ("NNS", "NNPS")
        if not plural or _dated(noun) or any(
                c.dep_ in ("det",) and c.lower_ in ("the", "this", "that", "these", "those")
                and any(d.dep_ in ("compound", "nmod", "poss") for d in noun.children)
                for c in noun.children):
            return "incident"
        return "cumulative"
    if lemma in lex.campaign_nouns or low in lex.campaign_nouns:
        if lemma in lex.one_off_nouns and noun.tag_ == "NN" and any(
                c.dep_ == "det" and c.lower_ in ("a", "an", "the", "this", "that")
                for c in noun.children) and not any(c.dep_ == "poss" for c in noun.children):
            return "incident"  # "during an operation in Jenin", "killed in the operation"
        return "cumulative"
    return None


def clause_tokens(top: Token, keep: Token) -> list[Token]:
    """The tokens of `top`'s clause: its subtree without nested clauses, except the one that
    holds `keep`."""
    out: list[Token] = []
    stack = [top]
    inside = {t.i for t in keep.ancestors} | {keep.i}
    while stack:
        tok = stack.pop()
        out.append(tok)
        for child in tok.children:
            if child.dep_ in _NESTED and child.i not in inside:
                continue
            if child.dep_ == "conj" and child.pos_ in ("VERB", "AUX") and child.i not in inside:
                continue
            stack.append(child)
    out.sort(key=lambda t: t.i)
    return out


def _present_perfect(verb: Token | None) -> bool:
    if verb is None:
        return False
    for tok in (verb, verb.head if verb.dep_ in ("xcomp", "conj") else verb):
        if any(c.dep_ == "aux" and _lemma(c) == "have" and c.tag_ in ("VBZ", "VBP")
               for c in tok.children):
            return True
    return False


@dataclass(frozen=True)
class Scope:
    scope: str | None  # cumulative, incident, period
    incident: str | None = None  # the incident noun's lemma ("blast")
    since: bool = False  # a "since" phrase: the figure runs up to the report
    cue: str | None = None  # what decided: "since", "period", a noun's lemma, "phrase",
    # "measure", "perfect" (a present perfect alone: the weakest), "date"
    noun: Token | None = None  # the incident (or campaign) noun, when one decided


def scope_of(number: Token, counted: Token | None, measured: Token | None,
             predicate: Token | None, lex: FrameLexicon) -> Scope:
    """The figure's scope (module docstring)."""
    anchor = predicate or counted or number
    clause = clause_tokens(anchor, number)
    if measured is not None and measured not in clause:
        clause.extend(measured.subtree)
    text = " ".join(t.lower_ for t in clause)
    # "since" on the figure's words ("killed since 7 October", "since the war began"); not the
    # mark of the figure's own clause ("bombing Gaza since an attack killed 1,400": that
    # clause is the start, and its figure one incident)
    if any(t.lower_ in lex.since_words and (t.dep_ == "prep" or (t.dep_ == "mark"
                                                                  and t.head != anchor))
           for t in clause) or any(
            c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in lex.since_words
                                      for m in c.children) for c in anchor.children):
        return Scope("cumulative", since=True, cue="since")
    if any(p.search(text) for p in lex.period_patterns):
        return Scope("period", cue="period")
    # the nouns the figure's words take through prepositions ("killed in the blast", "the toll
    # from the war"), then what caused it
    for head in (counted, measured, predicate):
        if head is None:
            continue
        for child in head.children:
            if child.dep_ in ("prep", "agent") and child.lower_ in ("in", "during", "from", "by",
                                                                    "of", "after", "amid"):
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        found = _noun_scope(pobj, lex)
                        if found:
                            return _noun_result(found, pobj, lex)
    for cause in _cause_nouns(predicate, lex):
        if cause.pos_ in ("VERB", "AUX"):
            if predicate is not None and predicate.tag_ == "VBG" and (
                    _lemma(cause) in lex.attack_verbs):
                obj = next((c for c in cause.children if c.dep_ in ("dobj", "obj")), None)
                if obj is not None and _noun_scope(obj, lex):
                    return _noun_result(_noun_scope(obj, lex), obj, lex)
                return Scope("incident", _lemma(cause), cue=_lemma(cause), noun=cause)
            continue
        found = _noun_scope(cause, lex)
        if found:
            return _noun_result(found, cause, lex, predicate)
    padded = f" {text} "
    if any(f" {p} " in padded for p in lex.cumulative_phrases):
        return Scope("cumulative", cue="phrase")
    if measured is not None and _lemma(measured) in ("toll", "total", "tally", "number", "count"):
        return Scope("cumulative", cue="measure")
    if _present_perfect(predicate):
        return Scope("cumulative", cue="perfect")
    return Scope(None)


WEAK_CUES = frozenset({"perfect", "plural", "object", "measure"})


def _noun_result(found: str | None, noun: Token, lex: FrameLexicon,
                 predicate: Token | None = None) -> Scope:
    """The scope a noun gives, with how sure it is: a bare plural event ("strikes") or the
    object of another verb ("began strikes on Gaza after …") is weak evidence of a total."""
    if found == "incident":
        return Scope("incident", _lemma(noun), cue=_lemma(noun), noun=noun)
    cue = _lemma(noun)
    if found == "cumulative" and _lemma(noun) in lex.incident_nouns:
        cue = "plural"
    if predicate is not None and noun.dep_ in ("dobj", "obj") and noun.head != predicate:
        cue = "object"
    return Scope(found, cue=cue, noun=noun)


def settle_scope(scope: Scope, when: object, since_day: str | None, predicate: Token | None,
                 anchor: object, lex: FrameLexicon) -> Scope:
    """The scope once the figure's date is known: a running total since a stated day less
    than `since_period_days` before the report is a period's toll ("since Saturday"); a
    past-tense figure nobody scoped, dated to one day, is that day's incident ("killed 11 on
    Saturday")."""
    earliest = getattr(when, "earliest", None)
    latest = getattr(when, "latest", None)
    basis = getattr(when, "basis", "")
    if since_day and anchor is not None:
        try:
            gap = (anchor - date_of(since_day)).days  # type: ignore[operator]
        except (TypeError, ValueError):
            gap = None
        if gap is not None and 0 <= gap <= lex.since_period_days:
            return Scope("period", since=True, cue="since")
    one_day = bool(earliest) and earliest == latest and basis in ("explicit", "relative")
    past = predicate is not None and predicate.tag_ in ("VBD", "VBN") and not (
        _present_perfect(predicate))
    if one_day and past and scope.scope is None:
        return Scope("incident", cue="date")
    if one_day and past and scope.scope == "cumulative" and scope.cue in WEAK_CUES:
        return Scope("period", cue="date")  # "strikes killed 18 people on Tuesday"
    return scope


def date_of(text: str):  # noqa: ANN201 - a date
    from datetime import date

    return date.fromisoformat(text[:10])


# --------------------------------------------------------------------------- modality


def figure_modality(cue: Token | None, number: Token, lex: FrameLexicon,
                    cues: ModalityCues) -> str:
    """Modality of the figure's own verb or noun (module docstring)."""
    start = cue if cue is not None else number
    tok = start
    verb = None
    for _ in range(8):
        if tok.pos_ in ("VERB", "AUX") and tok != number:
            verb = tok
            break
        if tok != start and tok.pos_ == "NOUN" and _lemma(tok) in lex.proposal_nouns:
            return "proposed"
        if tok.head == tok:
            break
        tok = tok.head
    if verb is None:
        return "asserted"
    chain = [verb]
    while chain[-1].dep_ in ("xcomp", "ccomp", "conj") and chain[-1].head != chain[-1] \
            and len(chain) < 4:
        chain.append(chain[-1].head)
    for v in chain if start != verb else chain[1:]:
        lemma = _lemma(v)
        if lemma in lex.demand_verbs:
            return "demanded"
        if lemma in lex.proposal_verbs:
            return "proposed"
    for v in chain:
        if any(c.dep_ == "advmod" and c.lower_ in lex.negating_adverbs for c in v.children):
            return "negated"  # "this article wrongly reported that …"
    return modality_of(verb, cues).value


__all__ = ["FrameLexicon", "Scope", "figure_modality", "group_of", "load_frame_lexicon",
           "parent_place", "place_name", "place_of", "scope_of", "settle_scope"]
