"""Figures from one parsed article: every reported number about the story's state.

`extract/numbers.py` finds the number phrases of each sentence (digits or words, ranges, vague
amounts, qualifiers); the parse then says what each one counts and in what context:

- the counted noun ("300,000 *reservists*", "hundreds *of militants*"); a number without one
  ("kidnapped 250", "with 116 confirmed to be alive") takes the noun of the sentence's previous
  figure;
- the context: the words from the number up to its clause's verb ("*release* of two Americans"),
  the verb's complements ("taken *hostage*", "confirmed to be *alive*"), clauses on the counted
  noun ("hostages *held*"), and for a measuring verb the measured noun phrase ("the death *toll*
  … passes 5,000"; "estimates put the *number of hostages held* at more than 220");
- a rule of `data/figure_kinds.yaml` turns noun and context into the kind; numbers that no rule
  claims (dates, ages, durations, "two sources", "one of the leaders") are no figures;
- the source as written: "according to X", a speech verb over the clause ("X said", "X has stated
  that they believe …": the first source that is not a pronoun), "as stated by X", or "estimates
  from X"; it is resolved through the article's ActorResolver;
- the date from the time expression attached to the figure (`temporal.anchoring.date_for_span`),
  with its basis (explicit, relative, publication, unknown).

Figures whose verb is only planned, hypothetical or denied ("would release 33 hostages") are
dropped: they are no state of the story.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from spacy.tokens import Doc, Span, Token

from storyline.data import read_yaml
from storyline.extract import syntax
from storyline.extract.actors import ActorResolver
from storyline.extract.events import load_event_lexicon
from storyline.extract.figure_frame import (
    FrameLexicon,
    clause_tokens,
    figure_modality,
    group_of,
    load_frame_lexicon,
    place_of,
    scope_of,
    settle_scope,
)
from storyline.extract.modality import ModalityCues
from storyline.extract.numbers import Quantity, find_quantities, is_round, not_a_count
from storyline.extract.syntax import according_to
from storyline.nlp import doc_text
from storyline.records import ActorRef, Article, Figure, TimeExpression
from storyline.temporal.anchoring import DateAttachment, article_anchor, date_for_span

_SKIP_ENTS = frozenset({"DATE", "TIME", "ORDINAL"})
_RATIO_AFTER = re.compile(r"^\s+(?:in|out\s+of)\s+(?:\d{1,3}\b(?![\d,]|\s+(?:hours?|days?|weeks?|"
                          r"months?|years?))|one|two|three|four|five|six|seven|eight|nine|ten)\b",
                          re.I)
_RATIO_BEFORE = re.compile(r"\b(?:\d+|one|two|three)\s+in\s+$", re.I)
_DATE_WORDS = frozenset(
    "january february march april may june july august september october november december jan "
    "feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday "
    "saturday sunday year years month months week weeks day days hour hours minute minutes "
    "decade decades century am pm a.m p.m o'clock".split()
)
_PARTITIVE = re.compile(r"^\s+of\s+(?:the|his|her|their|its|our|those|these|them)\b", re.I)
_COMPLEMENT_DEPS = frozenset({"oprd", "acomp", "xcomp", "dobj", "attr", "prt", "ccomp"})
_NOUN_MODS = frozenset({"compound", "amod", "nmod"})
_CLIMB_DEPS = frozenset({"nummod", "quantmod", "compound", "npadvmod", "amod", "advmod", "nmod",
                         "appos"})


@dataclass(frozen=True)
class KindRule:
    """One rule of the figure kinds file (see its header for the conditions)."""

    kind: str
    units: frozenset[str] | None = None
    nouns: frozenset[str] | None = None
    people: bool = False  # nouns given as @people: nationality words also qualify
    bare: bool = False
    cues: frozenset[str] | None = None
    pairs: frozenset[tuple[str, str]] = frozenset()
    article: frozenset[str] | None = None
    context: frozenset[str] | None = None  # a lemma of the number's context must be here too
    sentence: frozenset[str] | None = None  # a lemma of the sentence must be here
    unless_sentence: frozenset[str] | None = None  # no lemma of the sentence may be here
    group: str | None = None  # the group every figure of this rule counts ("hostages")
    group_nouns: frozenset[str] = frozenset()  # nouns that name that group ("hostage")
    unless: frozenset[str] | None = None  # no lemma of the number's context may be here
    not_counted: frozenset[str] | None = None  # the counted noun may not be one of these
    stock: bool = False  # a count held on a day (hostages held): one series per kind and group
    stock_cues: frozenset[str] | None = None  # words that say a stock figure is the whole count
    modality: bool = False
    unit: str | None = None


@dataclass(frozen=True)
class FigureKinds:
    """The compiled figure kinds file."""

    rules: tuple[KindRule, ...]
    source_verbs: frozenset[str]
    source_nouns: frozenset[str]
    measure_verbs: frozenset[str]
    skip_suffixes: frozenset[str]
    skip_nouns: frozenset[str]
    kinds: tuple[str, ...] = field(default=())
    exchange: dict[str, Any] = field(default_factory=dict)


def _word_set(value: Any, sets: dict[str, frozenset[str]]) -> frozenset[str] | None:
    if value is None:
        return None
    if isinstance(value, str):
        if value.startswith("@"):
            if value[1:] not in sets:
                raise ValueError(f"figure kinds: unknown set {value!r}")
            return sets[value[1:]]
        return frozenset({value.lower()})
    return frozenset(str(w).lower() for w in value)


@functools.cache
def load_figure_kinds(path: str | None = None) -> FigureKinds:
    """Compile the figure kinds once per process (`path` None = the default story profile's)."""
    if path is None:
        from storyline.profiles.compiled import default_resources

        return default_resources().figures
    return compile_figure_kinds(read_yaml("figure_kinds.yaml", path))


def compile_figure_kinds(data: dict[str, Any]) -> FigureKinds:
    """The figure kinds from their data (a story profile's, merged with the base)."""
    sets = {k: frozenset(str(w).lower() for w in v) for k, v in (data.get("sets") or {}).items()}
    rules = []
    for raw in data.get("kinds") or []:
        cues = _word_set(raw.get("cues"), sets)
        singles = frozenset(c for c in cues or () if " " not in c) if cues is not None else None
        pairs = frozenset(tuple(c.split(None, 1)) for c in cues or () if " " in c)
        rules.append(KindRule(
            kind=str(raw["kind"]),
            units=frozenset(raw["units"]) if raw.get("units") else None,
            nouns=_word_set(raw.get("nouns"), sets),
            people=raw.get("nouns") == "@people",
            bare=bool(raw.get("bare")),
            cues=singles,
            pairs=pairs,  # type: ignore[arg-type]
            article=_word_set(raw.get("article"), sets),
            context=_word_set(raw.get("context"), sets),
            sentence=_word_set(raw.get("sentence"), sets),
            unless_sentence=_word_set(raw.get("unless_sentence"), sets),
            group=raw.get("group"),
            group_nouns=_word_set(raw.get("group_nouns"), sets) or frozenset(),
            unless=_word_set(raw.get("unless"), sets),
            not_counted=_word_set(raw.get("not_counted"), sets),
            stock=bool(raw.get("stock")),
            stock_cues=_word_set(raw.get("stock_cues"), sets),
            modality=bool(raw.get("modality")),
            unit=raw.get("unit"),
        ))

    def words(name: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in data.get(name) or [])

    return FigureKinds(
        rules=tuple(rules),
        source_verbs=words("source_verbs"),
        source_nouns=words("source_nouns"),
        measure_verbs=words("measure_verbs"),
        skip_suffixes=words("skip_suffixes"),
        skip_nouns=words("skip_nouns"),
        kinds=tuple(dict.fromkeys(r.kind for r in rules)),
        exchange=_exchange_spec(data.get("exchange"), sets),
    )


def _exchange_spec(raw: Any, sets: dict[str, frozenset[str]]) -> dict[str, Any]:
    if not raw:
        return {}
    return {"release": _word_set(raw["release"], sets) or frozenset(),
            "captives": _word_set(raw["captives"], sets) or frozenset(),
            "captives_kind": str(raw["captives_kind"]), "others_kind": str(raw["others_kind"])}


# --------------------------------------------------------------------------- context


@dataclass
class Context:
    """What one number counts and the words around it that say of what kind it is."""

    quantity: Quantity
    number: Token  # head token of the numeral
    counted: Token | None  # the counted noun, None for a bare number
    nouns: set[str]  # lemmas naming what is counted (noun, its modifiers, "of" object)
    heads: set[str]  # the counted noun's own lemma (and its "of" object): "settler *homes*"
    nationality: bool  # the counted noun is a NORP/PERSON-like group ("Eight Americans")
    cues: dict[str, Token]  # context lemma → the token it came from
    pairs: set[tuple[str, str]]  # (verb lemma, complement lemma): "take hostage"
    predicate: Token | None
    measured: Token | None  # head of the measured noun phrase ("toll" in "the toll passed …")
    subject: str | None
    inherited: bool = False
    group_noun: Token | None = None  # the counted noun a bare number inherits the group of
    group_prev: str | None = None  # the group of the figure it inherits from
    group: str | None = None  # the group this figure was given
    own: dict[str, Token] = field(default_factory=dict)  # cues of the noun's own clauses
    _clause: set[str] | None = None

    def own_lemmas(self) -> set[str]:
        """Lemmas of the counted noun's phrase and of the prepositions on the figure's verb that
        hold no other number ("held *under detention in state jails*")."""
        out: set[str] = set()
        if self.counted is not None:
            out = {_lemma(t) for t in _np_tokens(self.counted)}
            for child in self.counted.children:  # "people held under detention": its clauses
                if child.dep_ in ("acl", "relcl") and not any(
                        t.like_num and t.i != self.number.i for t in child.subtree):
                    out.update(_lemma(t) for t in child.subtree)
        if self.predicate is not None:
            for child in self.predicate.children:
                if child.dep_ == "prep" and not any(
                        t.like_num and t.i != self.number.i for t in child.subtree):
                    out.update(_lemma(t) for t in child.subtree)
        return out

    def clause_lemmas(self) -> set[str]:
        """Lemmas of the figure's own clause ("held *without trial*", "held *in jails*")."""
        if self._clause is None:
            top = self.predicate or self.counted or self.number
            self._clause = {_lemma(t) for t in clause_tokens(top, self.number)}
        return self._clause
    own_first: bool = False  # those cues decide (a conjoined count, a count inside a phrase)
    exchange: bool = False  # "in exchange for N …": the other side of a swap
    partitive_of: bool = False  # "30 of the 133 hostages": a part of the counted noun's people
    part_or_whole: bool = False  # "among them 90 men", "110 of the 215", "from among 240"
    next_cue: Token | None = None  # the participle right after a coordinated count


def _lemma(tok: Token) -> str:
    return tok.lemma_.lower()


def _num_head(doc: Doc, q: Quantity) -> Token | None:
    span = doc.char_span(q.num_start, q.num_end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    inside = {t.i for t in span}
    for tok in span:
        if tok.head.i not in inside or tok.head == tok:
            return tok
    return span[-1]


def _counted_noun(number: Token, q: Quantity) -> Token | None:
    """The noun a number counts: climb "2 million-strong population" to "population"; take
    "militants" in "hundreds of militants"."""
    for child in number.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                if pobj.dep_ == "pobj" and pobj.pos_ in ("NOUN", "PROPN", "PRON"):
                    return pobj
    tok = number
    for _ in range(4):
        if tok.dep_ not in _CLIMB_DEPS or tok.head == tok:
            break
        head = tok.head
        if head.i < number.i and tok.dep_ != "appos":
            break  # a modifier attaches rightwards; a head on the left is another phrase
        if head.pos_ in ("NOUN", "PROPN") and not head.like_num:
            return head
        if head.pos_ == "ADJ" and head.dep_ not in ("amod", "advmod", "acomp", "npadvmod"):
            return head  # an adjective used as a noun: "15 dead", "100 wounded"
        if head.pos_ not in ("ADJ", "NUM", "ADV", "NOUN"):
            break
        tok = head
    if number.pos_ in ("NOUN", "PROPN") and not number.like_num and not q.vague:
        return number  # "Eight Americans" parsed as one PROPN chunk is rare but possible
    return None


def _partitive(head: Token) -> bool:
    """A noun that counts its "of" object ("the number of hostages", "truckloads of aid")."""
    lemma = _lemma(head)
    return lemma in load_frame_lexicon().partitive_nouns or lemma.endswith("load")


def _np_lemmas(head: Token) -> set[str]:
    """Lemmas of a noun phrase's head and its modifiers, and of the "of" object of a noun that
    counts it ("the number *of hostages*", but not "relatives *of hostages*")."""
    out = {_lemma(head), head.lower_}
    partitive = _partitive(head)
    for child in head.children:
        if child.dep_ in _NOUN_MODS or child.dep_ == "poss":
            out.update(_lemma(t) for t in child.subtree if not t.like_num)
        elif child.dep_ == "prep" and child.lower_ == "of" and partitive:
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    out.add(_lemma(pobj))
                    out.update(_lemma(c) for c in pobj.children if c.dep_ in _NOUN_MODS)
    return out


def _partitive_clause(clause: Token) -> bool:
    """ "some of whom have since been released": a clause about part of the noun's people."""
    for child in clause.children:
        if child.dep_ in ("nsubj", "nsubjpass") and any(
                c.dep_ == "prep" and c.lower_ == "of" for c in child.children):
            return True
    return False


def _clause_cues(head: Token, cues: dict[str, Token], skip: set[int]) -> None:
    """Clauses and modifiers on a noun: "hostages *held*", "Palestinians *killed*",
    "the *remaining* 48 hostages"."""
    for child in head.children:
        if child.i in skip:
            continue
        if child.dep_ == "relcl" and _partitive_clause(child):
            continue
        if child.dep_ in ("acl", "relcl", "amod"):
            cues.setdefault(_lemma(child), child)
            frontier = [child]
            for _ in range(2):  # "34 who are believed to be *dead*"
                frontier = [g for t in frontier for g in t.children
                            if g.dep_ in _COMPLEMENT_DEPS and g.i not in skip]
                for grand in frontier:
                    cues.setdefault(_lemma(grand), grand)
        elif child.dep_ == "prep" and child.lower_ in ("of", "on", "for"):
            for pobj in child.children:  # "the figure on the number of Israelis *killed*"
                if pobj.dep_ == "pobj" and pobj.i not in skip:
                    cues.setdefault(_lemma(pobj), pobj)
                    _clause_cues(pobj, cues, skip)


def _complement_cues(verb: Token, cues: dict[str, Token], pairs: set[tuple[str, str]],
                     skip: set[int]) -> None:
    """The verb's complements, two levels down: "taken *hostage*", "confirmed to be *alive*",
    "left 100 people *dead*"."""
    frontier = [verb]
    for _ in range(2):
        nxt = []
        for tok in frontier:
            for child in tok.children:
                if child.i in skip or child.dep_ not in _COMPLEMENT_DEPS:
                    continue
                if child.dep_ == "ccomp" and child.pos_ in ("VERB", "AUX"):
                    continue  # a reported clause is its own figure's context
                cues.setdefault(_lemma(child), child)
                pairs.add((_lemma(verb), _lemma(child)))
                nxt.append(child)
        frontier = nxt


def _subject_of(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return child
    return None


def _speaker_of(verb: Token) -> Token | None:
    """The subject of a source verb; a participle's is its clause's ("the air force said,
    *adding* that …": the air force adds)."""
    subj = _subject_of(verb)
    if subj is None and verb.dep_ == "advcl" and verb.tag_ == "VBG" and verb.head.i != verb.i:
        return _subject_of(verb.head)
    if subj is None and verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        # "the ministry blamed the rebels and said …": the first verb's subject says it
        return _speaker_of(verb.head)
    return subj


def _lexical_verb(verb: Token) -> Token:
    """The verb an auxiliary belongs to, when the parser made the subject hang on the
    auxiliary ("17 ships … *are* stuck": the clause's verb is "stuck")."""
    if verb.pos_ == "AUX" and verb.dep_ in ("aux", "auxpass") and verb.head.pos_ == "VERB":
        return verb.head
    return verb


def _context(number: Token, q: Quantity, kinds: FigureKinds) -> Context | None:
    counted = _counted_noun(number, q)
    if counted is not None and counted.lower_ == "more" and not any(
            c.dep_ in ("prep", "compound") for c in counted.children):
        counted = None  # "injured 40 more": more of the sentence's earlier people
    anchor = counted if counted is not None else number
    skip = {t.i for t in anchor.subtree} if counted is not None else {number.i}
    cues: dict[str, Token] = {}
    pairs: set[tuple[str, str]] = set()
    nouns: set[str] = set()
    nationality = False
    if counted is not None:
        nouns = _np_lemmas(counted)
        nouns.discard(number.lower_)
        cues.setdefault(_lemma(counted), counted)
        _clause_cues(counted, cues, {number.i})
        # "Eight Americans", "three Britons": a plural proper noun names a group of people
        nationality = counted.ent_type_ == "NORP" or counted.tag_ == "NNPS"
    else:
        _clause_cues(number, cues, set())
    # up to the clause's verb, through prepositions and nouns ("release of two Americans")
    predicate = None
    tok = anchor
    for _ in range(6):
        head = tok.head
        if head == tok:
            if tok.pos_ in ("VERB", "AUX"):
                predicate = tok
            break
        if head.pos_ in ("VERB", "AUX"):
            predicate = _lexical_verb(head)
            break
        if head.pos_ in ("NOUN", "PROPN", "ADJ", "ADV"):
            cues.setdefault(_lemma(head), head)
            if head.pos_ == "NOUN":
                nouns_of_head = _np_lemmas(head)
                for lemma in nouns_of_head:
                    cues.setdefault(lemma, head)
        tok = head
    measured = None
    if predicate is not None:
        cues.setdefault(_lemma(predicate), predicate)
        _complement_cues(predicate, cues, pairs, skip)
        if tok.dep_ in ("nsubj", "nsubjpass"):
            # "16 ships were loaded and *waiting*": a verb coordinated with no subject of its
            # own says it of the counted subject too
            for conj in predicate.children:
                if conj.dep_ == "conj" and conj.pos_ in ("VERB", "AUX") and not any(
                        c.dep_ in ("nsubj", "nsubjpass") for c in conj.children):
                    cues.setdefault(_lemma(conj), conj)
        for _, pobj in syntax.prep_objects(predicate, ("among",)):
            _clause_cues(pobj, cues, skip)  # "100 children were among those killed"
            cues.setdefault(_lemma(pobj), pobj)
        if syntax.is_reduced_relative(predicate) and predicate.head.dep_ in (
                "nsubj", "nsubjpass") and predicate.head.head.pos_ in ("VERB", "AUX"):
            # "17 ships loaded with 600,000 tonnes are stuck": the cargo shares what its
            # carriers' clause says of them
            main = _lexical_verb(predicate.head.head)
            cues.setdefault(_lemma(main), main)
            _complement_cues(main, cues, pairs, skip)
        prt = syntax.particle(predicate)
        if prt is not None:
            pairs.add((_lemma(predicate), prt.lower_))
        if _lemma(predicate) in kinds.measure_verbs and anchor.dep_ not in ("nsubj", "nsubjpass"):
            verb = predicate
            for _ in range(2):
                if _lemma(verb) in ("put", "bring", "take"):
                    measured = next((o for o in syntax.children(verb, ("dobj",))), None)
                else:
                    measured = _subject_of(verb)
                if measured is not None or verb.dep_ not in ("advcl", "xcomp", "conj", "pcomp"):
                    break
                verb = verb.head  # "the number of Palestinians killed … edging closer to 40,000"
                cues.setdefault(_lemma(verb), verb)
                measured = _subject_of(verb)
                if measured is not None:
                    break
            if measured is not None and measured.i not in skip:
                for lemma in _np_lemmas(measured):
                    cues.setdefault(lemma, measured)
                _clause_cues(measured, cues, skip)
    subject = _subject_text(counted, measured, q)
    heads: set[str] = set()
    if counted is not None:
        heads = {_lemma(counted), counted.lower_}
        if _partitive(counted):
            for _, pobj in syntax.prep_objects(counted, ("of",)):
                heads.add(_lemma(pobj))
    own: dict[str, Token] = {}
    next_cue = None
    _clause_cues(anchor, own, {number.i})
    own.pop(_lemma(anchor), None)
    conjoined = number.dep_ == "conj" or (counted is not None and counted.dep_ == "conj")
    doc = number.doc
    last = counted if counted is not None else number
    nxt = doc[last.i + 1] if last.i + 1 < len(doc) else None
    before = doc[number.left_edge.i - 1] if number.left_edge.i > 0 else None
    if nxt is not None and nxt.tag_ in ("VBN", "JJ", "VBG") and (
            conjoined or (before is not None and before.lower_ in ("and", ",", "with"))):
        # "killed and 89,459 injured", "the toll rose to 28,100 and 67,500 injured": the
        # participle after a coordinated count says what it counts, whatever the parser hung
        # it on
        own.setdefault(_lemma(nxt), nxt)
        conjoined = True
        next_cue = nxt
    partitive_of = (counted is not None and counted.dep_ == "pobj" and counted.head.lower_ == "of"
                    and counted.head.head == number)  # "30 of the 133 remaining hostages"
    own_first = conjoined or (anchor.dep_ in ("pobj", "appos") and not partitive_of)
    return Context(q, number, counted, nouns, heads, nationality, cues, pairs, predicate,
                   measured, subject, own=own, own_first=own_first,
                   exchange=_in_exchange(anchor) or _in_exchange(number),
                   partitive_of=partitive_of, next_cue=next_cue,
                   part_or_whole=_part_or_whole(number, anchor, predicate))


def _part_or_whole(number: Token, anchor: Token, predicate: Token | None) -> bool:
    """A count that is a part of another or the whole another is part of, never the count
    held itself: "among the remaining captives are 90 men" (a part), "110 of the 215 being
    held" (the 110), "120 captives from among 240 seized" (the 240: the whole the others
    are from)."""
    if anchor.dep_ == "pobj" and anchor.head.lower_ == "among":
        return True
    if predicate is not None and any(c.dep_ == "prep" and c.lower_ == "among"
                                     for c in predicate.children) and anchor.dep_ in (
            "nsubj", "nsubjpass", "attr", "conj"):
        return True
    return any(c.dep_ == "prep" and c.lower_ == "of" and any(
        o.dep_ == "pobj" and (o.pos_ == "NUM" or o.like_num) for o in c.children)
        for c in number.children)


def _in_exchange(anchor: Token) -> bool:
    """ "in exchange for 240 prisoners", "in return for 50 hostages"."""
    if anchor.dep_ != "pobj" or anchor.head.lower_ != "for":
        return False
    head = anchor.head.head
    return _lemma(head) in ("exchange", "return", "swap", "trade")


def _np_tokens(head: Token) -> Span:
    """The noun phrase's left modifiers, head and an "of" complement: "trucks of aid", but not
    "hostages still in Gaza"."""
    start = syntax.np_left_extent(head)
    end = head.i + 1
    for child in head.rights:
        if child.dep_ == "prep" and child.lower_ == "of" or child.dep_ == "compound":
            end = child.right_edge.i + 1
        break
    return head.doc[start:end]


def _subject_text(counted: Token | None, measured: Token | None, q: Quantity) -> str | None:
    head = counted if counted is not None else measured
    if head is None:
        return None
    doc = head.doc
    toks = [t for t in _np_tokens(head)
            if not (q.start <= t.idx < q.end) and not t.like_num
            and t.lower_ not in ("more", "%", "strong", "-") and t.dep_ not in ("quantmod",)]
    while toks and (toks[0].dep_ in ("det", "punct", "cc", "prep") or toks[0].lower_ in ("'s",)):
        toks = toks[1:]
    while toks and toks[-1].dep_ in ("punct", "cc", "prep"):
        toks = toks[:-1]
    if not toks:
        return None
    return doc_text(doc)[toks[0].idx : toks[-1].idx + len(toks[-1])]


# --------------------------------------------------------------------------- kinds


def _match(ctx: Context, kinds: FigureKinds, article_lemmas: set[str]) -> tuple[KindRule,
                                                                                  Token | None] | None:
    """The first rule that matches; the noun's own clauses first when they decide ("killed and
    89,459 *injured*", "out of 240 hostages *seized*, 100 were released")."""
    if ctx.own_first and ctx.own:
        if ctx.next_cue is not None:
            found = _match_rules(ctx, kinds, article_lemmas, {_lemma(ctx.next_cue): ctx.next_cue})
            if found is not None:
                return found
        found = _match_rules(ctx, kinds, article_lemmas, ctx.own)
        if found is not None:
            return found
    return _match_rules(ctx, kinds, article_lemmas, None)


def _match_rules(ctx: Context, kinds: FigureKinds, article_lemmas: set[str],
                 pool: dict[str, Token] | None) -> tuple[KindRule, Token | None] | None:
    q = ctx.quantity
    for rule in kinds.rules:
        if pool is not None and rule.cues is None:
            continue  # the own-clause pass only takes rules that name their cue words
        if rule.units is not None:
            if q.unit not in rule.units:
                continue
        elif q.unit is not None:
            continue  # a percentage or a sum of money is no count of people or trucks
        if rule.nouns is not None:
            if ctx.counted is None and not ctx.nouns:
                if not rule.bare:
                    continue
            elif rule.people:
                if not (ctx.heads & rule.nouns or ctx.nationality):
                    continue  # people are named by the head: "3,476 settler homes" are homes
            elif not ctx.nouns & rule.nouns:
                continue
        cue_tok: Token | None = None
        if rule.cues is not None:
            cues = ctx.cues if pool is None else pool
            hit = next((cues[c] for c in cues if c in rule.cues), None)
            if hit is None and pool is None:
                hit = next((ctx.predicate for p in ctx.pairs if p in rule.pairs), None)
            if hit is None:
                continue
            cue_tok = hit
        if rule.article is not None and not (article_lemmas & rule.article):
            continue
        if rule.context is not None and not any(c in rule.context for c in ctx.cues):
            continue
        if rule.unless is not None and (any(c in rule.unless for c in ctx.cues)
                                        or ctx.own_lemmas() & rule.unless):
            continue
        if rule.not_counted is not None and ctx.heads & rule.not_counted:
            continue
        if rule.sentence is not None and not any(
                t.lemma_.lower() in rule.sentence for t in ctx.number.sent):
            continue
        if rule.unless_sentence is not None and any(
                t.lemma_.lower() in rule.unless_sentence for t in ctx.number.sent):
            continue
        return rule, cue_tok
    return None


# --------------------------------------------------------------------------- sources



def _is_pronoun(tok: Token) -> bool:
    return tok.pos_ == "PRON"


def _source_np(tok: Token) -> str:
    start, end = syntax.np_extent(tok)
    doc = tok.doc
    return doc[start:end].text.strip(" ,")


def _noun_source(noun: Token, kinds: FigureKinds, actors: ActorResolver) -> Token | None:
    """"Estimates from Israeli officials", "the ministry's tally": who the numbers come from
    (an actor; "the toll from the war" names none)."""
    if _lemma(noun) not in kinds.source_nouns:
        return None
    for child in noun.children:
        cands = []
        if child.dep_ == "poss" and child.pos_ != "PRON":
            cands = [child]
        elif child.dep_ == "prep" and child.lower_ in ("from", "by"):
            cands = [p for p in child.children if p.dep_ == "pobj"]
        elif child.dep_ == "acl" and child.tag_ == "VBN":
            # "figures published by the coordination centre": who put the numbers out
            cands = [p for _, p in syntax.prep_objects(child, ("by",))]
        for cand in cands:
            if actors.resolve_np(cand) is not None:
                return cand
    return None


def find_source(token: Token, kinds: FigureKinds, actors: ActorResolver) -> Token | None:
    """Head of the noun phrase that reports the clause of `token`, walking up the clauses; a
    pronoun ("they believe") gives way to a named source higher up. A relative clause is an
    aside of the writer's: the walk stops there ("the Strip — which is 30% occupied —")."""
    fallback: Token | None = None
    tok = token
    for _ in range(10):
        acc = according_to(tok) or _closing_according_to(tok)
        if acc is not None:
            return _noun_source(acc, kinds, actors) or acc
        for child in tok.children:
            lemma = _lemma(child)
            if child.dep_ == "parataxis" and lemma in kinds.source_verbs:
                subj = _subject_of(child)
                if subj is not None and not _is_pronoun(subj):
                    return subj
            if child.dep_ == "advcl" and lemma in kinds.source_verbs:
                # "…, as stated by the White House"
                for _, pobj in syntax.prep_objects(child, ("by",)):
                    return pobj
                acc = according_to(child)
                if acc is not None:
                    return acc
            if child.dep_ in ("nsubj", "nsubjpass"):
                found = _noun_source(child, kinds, actors)
                if found is not None:
                    return found
        head = tok.head
        if head == tok or tok.dep_ == "relcl":
            break
        if tok.dep_ in ("ccomp", "parataxis") and _lemma(head) in kinds.source_verbs:
            subj = _speaker_of(head)
            if subj is not None and subj.dep_ == "nsubj":
                if not _is_pronoun(subj) or subj.lower_ in ("we", "i"):
                    return subj
                fallback = fallback or subj
        tok = head
    return fallback


# Modals and subordinators of an amount that would only be on a condition.
CONDITIONAL_MODALS = frozenset({"could", "would", "might", "'d"})
CONDITION_MARKS = frozenset({"if", "unless"})


def _on_condition(predicate: Token | None) -> bool:
    """The figure's verb is a conditional: "could"/"would"/"might" with an "if"/"unless"
    clause of its own."""
    if predicate is None or predicate.pos_ not in ("VERB", "AUX"):
        return False
    return any(c.dep_ == "aux" and c.lower_ in CONDITIONAL_MODALS for c in predicate.children) \
        and any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in CONDITION_MARKS
                                          for m in c.children) for c in predicate.children)


def _closing_according_to(verb: Token) -> Token | None:
    """The "according to X" that closes a coordination of clauses ("33 million tonnes were
    carried, and more than 1,000 voyages were completed, according to the centre"): the
    last conjunct holds it, and it sources them all."""
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    last = None
    for child in verb.children:
        if child.dep_ == "conj" and child.pos_ in ("VERB", "AUX") and child.i > verb.i:
            last = child
    if last is None:
        return None
    acc = according_to(last)
    if acc is None or acc.i < last.i:
        return None
    return acc


# --------------------------------------------------------------------------- extraction



def _skip_quantity(q: Quantity, number: Token, kinds: FigureKinds,
                   time_spans: list[tuple[int, int]]) -> bool:
    if any(s < q.num_end and q.num_start < e for s, e in time_spans):
        return True
    if number.ent_type_ == "ORDINAL" or (number.ent_type_ in _SKIP_ENTS and _date_like(number)):
        return True
    if q.suffix and q.suffix not in ("strong", "plus"):
        return True
    text = doc_text(number.doc)
    after, before = text[q.num_end : q.num_end + 12], text[max(0, q.start - 8) : q.start]
    if _RATIO_AFTER.match(after) or _RATIO_BEFORE.search(before):
        return True  # "one in four": a ratio, not a count
    numeral = text[q.num_start : q.num_end].lower()
    if numeral in ("one", "1", "a dozen") and _PARTITIVE.match(after):
        return True  # "one of the hostages": a person, not a figure
    digits = q.text[q.num_start - q.start : q.num_end - q.start]
    if digits.isdigit() and len(digits) == 4 and 1800 <= int(digits) <= 2100 and q.unit is None:
        return True  # a year
    return False


def _date_like(number: Token) -> bool:
    """A number next to a month, a weekday or a time unit ("7 October", "Oct. 7", "10 months",
    "5 pm"): the parser's DATE/TIME label alone also covers "since 7 October *to 89*"."""
    doc = number.doc
    for i in (number.i - 2, number.i - 1, number.i + 1):
        if 0 <= i < len(doc) and i != number.i and doc[i].lower_.rstrip(".") in _DATE_WORDS:
            return True
    return False


def _qualifier(q: Quantity) -> str:
    if q.suffix == "plus":
        return "more_than"
    if q.suffix == "strong" and q.qualifier == "exact" and is_round(
        q.text[q.num_start - q.start : q.num_end - q.start]
    ):
        return "approximately"  # "a 2 million-strong population": a round headcount
    return q.qualifier


def _unit(rule: KindRule, ctx: Context) -> str | None:
    if rule.unit == "currency":
        return ctx.quantity.unit
    if rule.unit == "counted":
        return ctx.counted.lemma_.lower() if ctx.counted is not None else None
    return rule.unit


def _verb_line(predicate: Token) -> set[int]:
    """The predicate, the verbs governing it up to a coordination or relative clause, and
    the verbs coordinated with it ("attacked the town on 7 May and killed 1,400")."""
    out = {predicate.i}
    out.update(c.i for c in predicate.conjuncts)
    tok = predicate
    for _ in range(8):
        if tok.dep_ in ("conj", "relcl") or tok.head == tok:
            break
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX"):
            out.add(tok.i)
    return out


_ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "obj", "pobj", "appos", "attr"})


def _date_attached(when: DateAttachment, doc: Doc, start: int, end: int,
                   predicate: Token | None, own: set[int]) -> bool:
    """True unless the chosen time expression dates another branch of the sentence ("State B
    blocked aid *in March*, and the agency says the population faces famine") or another noun
    ("in response to the *7 October* attack, the war has killed 33,000"): on its way up to the
    verb it may pass prepositions and the figure's own words (`own`: token indices of the
    counted and measured nouns and the incident), not another noun phrase."""
    tx = when.expression
    if tx is None or predicate is None or (start <= tx.start and tx.end <= end):
        return True
    span = doc.char_span(tx.start, tx.end, alignment_mode="expand")
    if span is None:
        return True
    verb = syntax.clause_verb(span.root)
    if verb is not None and verb.i not in _verb_line(predicate):
        return False
    inside = {t.i for t in span}
    tok = span.root
    for _ in range(10):
        if verb is None or tok.i == verb.i or tok.head == tok:
            break
        if (tok.i not in inside and tok.i not in own and tok.pos_ in ("NOUN", "PROPN")
                and tok.dep_ in _ARGUMENT_DEPS and tok.ent_type_ != "DATE"):
            return False
        tok = tok.head
    return True


def _span_of(ctx: Context, cue: Token | None, sent: Span) -> tuple[int, int]:
    start, end = ctx.quantity.start, ctx.quantity.end
    if ctx.counted is not None:
        toks = _np_tokens(ctx.counted)
        start, end = min(start, toks.start_char), max(end, toks.end_char)
    for tok in (cue, ctx.measured):
        if tok is not None and sent.start <= tok.i < sent.end and abs(tok.i - ctx.number.i) <= 8:
            start, end = min(start, tok.idx), max(end, tok.idx + len(tok))
    return start, end


def extract_figures(
    doc: Doc, article: Article, times: list[TimeExpression], actors: ActorResolver,
    kinds: FigureKinds | None = None, frame: FrameLexicon | None = None,
    cues: ModalityCues | None = None,
) -> list[Figure]:
    """Every figure of one parsed article, in text order (figures only planned, demanded or
    denied are kept with their modality; series take only what happened)."""
    # the story profile's kinds and frame lists, the event lexicon's modality cues (None:
    # the packaged ones)
    kinds = kinds or load_figure_kinds()
    frame = frame or load_frame_lexicon()
    cues = cues or load_event_lexicon().cues
    anchor_day, anchored = article_anchor(article)
    time_spans = [(tx.start, tx.end) for tx in times]
    article_lemmas: set[str] | None = None
    text = doc_text(doc)
    figures: list[Figure] = []
    for sent in doc.sents:
        previous: Context | None = None
        base = sent.start_char
        for raw in find_quantities(sent.text):
            if not_a_count(sent.text, raw, frame.identifier_nouns) is not None:
                continue
            q = Quantity(**{**raw.__dict__, "start": raw.start + base, "end": raw.end + base,
                            "num_start": raw.num_start + base, "num_end": raw.num_end + base})
            number = _num_head(doc, q)
            if number is None or _skip_quantity(q, number, kinds, time_spans):
                continue
            ctx = _context(number, q, kinds)
            if ctx is None:
                continue
            if ctx.counted is not None and (_lemma(ctx.counted) in kinds.skip_nouns
                                            or ctx.counted.ent_type_ in _SKIP_ENTS):
                continue
            if ctx.counted is None and ctx.measured is None and previous is not None:
                # "killed 1,200 people and kidnapped 250": 250 people
                ctx.nouns = set(previous.nouns)
                ctx.heads = set(previous.heads)
                ctx.nationality = previous.nationality
                ctx.subject = previous.subject
                ctx.inherited = True
                ctx.group_noun = previous.counted or previous.group_noun
                ctx.group_prev = previous.group
            if article_lemmas is None:
                article_lemmas = {t.lemma_.lower() for t in doc}
            found = _exchange_kind(ctx, kinds) or _match(ctx, kinds, article_lemmas)
            if found is None:
                continue
            rule, cue = found
            if rule.stock and (text[q.num_start:q.num_end].lower() in ("one", "1")
                               or ctx.partitive_of or ctx.part_or_whole):
                continue  # "one woman held", "three of the remaining hostages": not the count
            if _on_condition(ctx.predicate):
                continue  # "could ship up to 6 million tonnes if inspections sped up": a
                # capacity on a condition, no amount that is
            figures.append(_build(ctx, rule, cue, sent, doc, article, times, actors, kinds,
                                  frame, cues, anchor_day, anchored, text))
            previous = ctx
    return figures


def _exchange_kind(ctx: Context, kinds: FigureKinds) -> tuple[KindRule, Token | None] | None:
    """ "freed 105 hostages in exchange for 240 prisoners": the count after "in exchange for"
    is the other side's release (`exchange` in the figure kinds file)."""
    spec = kinds.exchange
    if not ctx.exchange or not spec:
        return None
    captive = bool(ctx.heads & spec["captives"])
    kind = spec["captives_kind"] if captive else spec["others_kind"]
    rule = next((r for r in kinds.rules if r.kind == kind), None)
    return (rule, ctx.predicate) if rule is not None else None


def _build(
    ctx: Context, rule: KindRule, cue: Token | None, sent: Span, doc: Doc, article: Article,
    times: list[TimeExpression], actors: ActorResolver, kinds: FigureKinds,
    frame: FrameLexicon, cues: ModalityCues, anchor_day: date | None, anchored: str, text: str,
) -> Figure:
    q = ctx.quantity
    start, end = _span_of(ctx, cue, sent)
    reporter = ctx.predicate or ctx.counted or ctx.number
    src_tok = find_source(reporter, kinds, actors)
    source, source_actor = (None, None)
    if src_tok is not None:
        source, source_actor = _resolve_source(src_tok, actors, frame)
    if rule.modality:
        modality = figure_modality(cue if cue is not None and cue.pos_ in ("VERB", "AUX", "NOUN")
                                   else ctx.predicate, ctx.number, frame, cues)
    else:
        modality = "asserted"
    if modality == "asserted" and source_actor is not None:
        modality = "reported"
    scope = scope_of(ctx.number, ctx.counted, ctx.measured, ctx.predicate, frame)
    place = place_of(ctx.number, ctx.counted, ctx.measured, ctx.predicate,
                     source_actor.canonical if source_actor else None, frame, scope.scope,
                     src_tok)
    group = _rule_group(ctx, rule, frame) or (ctx.group_prev if ctx.inherited else None) or (
        group_of(ctx.counted if ctx.counted is not None else ctx.group_noun, ctx.measured, place,
                 frame))
    # the words a date may hang on and still date the figure; a stock (a count held on a day)
    # is dated by its own verb only, not by the incident its people came from
    own = {t.i for t in (ctx.counted, ctx.measured, cue, None if rule.stock else scope.noun)
           if t is not None}
    when = date_for_span(times, doc, start, end, anchor_day, anchored)
    if not _date_attached(when, doc, start, end, ctx.predicate, own):
        when = date_for_span([], doc, start, end, anchor_day, anchored)
        if scope.scope == "incident" and scope.noun is not None and not rule.stock:
            # "the attack on 7 October, in which 1,200 were killed": the incident's own date
            when = _noun_date(scope.noun, times, doc, anchor_day, anchored) or when
    if scope.since and (when.expression is None or not _under_since(
            when.expression, doc, ctx.predicate, frame)):
        inner = _since_date(ctx.predicate, times, doc, anchor_day, anchored, frame)
        if inner is not None:
            when = inner  # "since the war began on 2 March": where the count starts
    tx = when.expression
    since_day = tx.earliest if tx is not None and (
        _under_since(tx, doc, ctx.predicate, frame)
        or (when.text or "").lower().startswith(tuple(frame.since_words))) else None
    scope = settle_scope(scope, when, since_day, ctx.predicate, anchor_day, frame)
    held = _holding_date(when, doc, ctx.predicate, scope.scope, scope.since, anchor_day,
                         modality, frame)
    ctx.group = group
    body = article.text if article.text == text else text
    return Figure(
        article_id=article.id,
        start=start,
        end=end,
        quote=body[start:end],
        kind=rule.kind,
        subject=ctx.subject,
        value=q.value,
        low=q.low,
        high=q.high,
        qualifier=_qualifier(q),
        unit=_unit(rule, ctx),
        date_earliest=held[0],
        date_latest=held[1],
        date_basis=held[2],
        source=source,
        source_actor=source_actor,
        sentence=sent.text,
        group=group,
        place=place,
        scope="stock" if rule.stock else scope.scope,
        scope_cue=_stock_cue(ctx, rule) if rule.stock else scope.cue,
        since=held[3],
        incident=scope.incident,
        modality=modality,
    )


HAPPENED = frozenset({"asserted", "reported"})


def _rule_group(ctx: Context, rule: KindRule, frame: FrameLexicon) -> str | None:
    """The rule's group ("hostages"), unless the counted noun names a part of it by
    nationality or kind of person ("two British nationals held", "four other Northlanders"): that
    part is its own group, as written."""
    if rule.group is None:
        return None
    counted = ctx.counted
    if counted is None or counted.pos_ == "PRON" or _lemma(counted) in frame.partitive_nouns:
        return ctx.group_prev if ctx.inherited and ctx.group_prev else rule.group
    own = group_of(counted, None, None, frame)
    captive_noun = _lemma(counted) in rule.group_nouns
    named = counted.ent_type_ == "NORP" or counted.tag_ == "NNPS" or any(
        c.ent_type_ in ("NORP", "GPE") and c.dep_ in ("amod", "compound") for c in counted.lefts)
    if captive_noun and not any(c.dep_ in ("amod", "compound") and c.ent_type_ in ("NORP", "GPE")
                                and c.lower_ not in rule.group_nouns for c in counted.lefts):
        return rule.group
    if named or (own not in (None, "people") and not captive_noun):
        text = _subject_text(counted, None, ctx.quantity)
        return text or own or rule.group
    return rule.group


def _stock_cue(ctx: Context, rule: KindRule) -> str:
    """ "stated" when the figure's words say it is the whole count ("still held", "the
    remaining 130"), else "weak" (any "three hostages" may be a few of them)."""
    if rule.stock_cues and (ctx.clause_lemmas() | set(ctx.cues)) & rule.stock_cues:
        return "stated"
    return "weak"


def _since_date(predicate: Token | None, times: list[TimeExpression], doc: Doc,
                anchor: date | None, anchored: str, frame: FrameLexicon) -> DateAttachment | None:
    """The date inside the figure's "since" phrase or clause, if it states one."""
    if predicate is None:
        return None
    for child in predicate.children:
        head = None
        if child.dep_ == "prep" and child.lower_ in frame.since_words:
            head = child
        elif child.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in frame.since_words
                                           for m in child.children):
            head = child
        if head is None:
            continue
        start, end = head.left_edge.idx, head.right_edge.idx + len(head.right_edge)
        inside = [tx for tx in times if start <= tx.start and tx.end <= end]
        if inside:
            return date_for_span(inside, doc, start, end, anchor, anchored)
    return None


def _noun_date(noun: Token, times: list[TimeExpression], doc: Doc, anchor: date | None,
               anchored: str) -> DateAttachment | None:
    """The date inside an incident noun's own phrase ("the *7 October* attack", "the strike on
    Tuesday"), not one elsewhere in the sentence; its relative clauses left out."""
    lo = noun.left_edge.i
    hi = noun.i
    for child in noun.rights:
        if child.dep_ in ("relcl", "acl", "punct", "cc", "conj"):
            break
        hi = child.right_edge.i
    start, end = doc[lo].idx, doc[hi].idx + len(doc[hi])
    inside = [tx for tx in times if start <= tx.start and tx.end <= end]
    if not inside:
        return None
    return date_for_span(inside, doc, start, end, anchor, anchored)


def _under_since(tx: TimeExpression, doc: Doc, predicate: Token | None,
                 frame: FrameLexicon) -> bool:
    """The time expression sits in a "since" phrase of the figure's clause ("since Group A's
    attack on 7 October"): it is where the count starts, not the day it holds for."""
    span = doc.char_span(tx.start, tx.end, alignment_mode="expand")
    if span is None:
        return False
    tok = span.root
    for _ in range(8):
        if predicate is not None and tok.i == predicate.i or tok.head == tok:
            return False  # the figure's own clause: "since an attack killed 1,400 on 7 Oct"
        if tok.lower_ in frame.since_words or any(
                c.dep_ == "mark" and c.lower_ in frame.since_words for c in tok.children):
            return True  # "since 7 October", "since the war began on 2 March"
        tok = tok.head
    return False


def _holding_date(when: DateAttachment, doc: Doc, predicate: Token | None, scope: str | None,
                  since_scope: bool, anchor: date | None, modality: str,
                  frame: FrameLexicon) -> tuple[str | None, str | None, str, str | None]:
    """(earliest, latest, basis, since) of the day a figure holds for. A figure of what
    happened never holds after its article's date ("this year" in April is April's count); a
    running total "since" a day holds for the report's day, and the day is where it starts."""
    earliest, latest, basis = when.earliest, when.latest, when.basis
    if anchor is None or modality not in HAPPENED:
        return earliest, latest, basis, None
    day = anchor.isoformat()
    since = None
    tx = when.expression
    if tx is not None and (since_scope or scope in ("cumulative", "period")) and (
            _under_since(tx, doc, predicate, frame) or (when.text or "").lower().startswith(
                tuple(frame.since_words))):
        # "since 7 October": from that day up to the report (the figure holds for its end)
        start = min(tx.earliest or day, day)
        return start, day, basis, start
    if latest and latest > day:
        if scope == "cumulative" and earliest and earliest <= day:
            since = earliest  # "so far this year"
        latest = day
        if earliest and earliest > day:
            earliest = day
        if scope == "cumulative":
            earliest = day
    return earliest, latest, basis, since


_SOURCE_PRONOUNS = frozenset({"it", "he", "she", "they", "we", "i", "its", "their", "his", "her",
                              "this", "that", "these", "those", "which", "who", "them", "one"})


def _resolve_source(tok: Token, actors: ActorResolver,
                    frame: FrameLexicon) -> tuple[str | None, ActorRef | None]:
    """The source as written and the actor it denotes. A pronoun takes its antecedent (its
    canonical name is shown) or is dropped; a noun that names no one ("figures show") is
    dropped; "the ministry" takes the article's earlier ministry; "the minister, Jane Roe," is
    Jane Roe."""
    tok = actors.apposed_name(tok) or tok
    if tok.pos_ == "PRON" or tok.lower_ in _SOURCE_PRONOUNS:
        ref = actors.resolve_np(tok)
        if ref is not None and ref.canonical:
            return ref.canonical, ref
        return None, None
    text = _source_np(tok)
    ref = actors.resolve_np(tok)
    if ref is not None and ref.canonical:
        return text, ref
    earlier = _definite_antecedent(tok, actors, frame)
    if earlier is not None:
        return text, replace(earlier, text=text, start=tok.idx, end=tok.idx + len(tok))
    if _lemma(tok) in frame.non_sources:
        return None, None
    return text, ref


def _definite_antecedent(tok: Token, actors: ActorResolver,
                         frame: FrameLexicon) -> ActorRef | None:
    """ "the ministry", "the health ministry", "the region's health ministry": the nearest
    earlier mention in the article with the same head noun whose actor's name holds every
    other word of the phrase (place words, affiliations and determiners aside)."""
    head = _lemma(tok)
    if tok.pos_ not in ("NOUN", "PROPN") or head in frame.non_sources:
        return None
    words = set()
    for child in tok.lefts:
        if child.dep_ in ("compound", "amod", "nmod"):
            for t in child.subtree:
                low = t.lower_
                if t.is_punct or low in frame.place_alias or low in ("run", "led", "controlled"):
                    continue
                if t.ent_type_ in ("ORG", "NORP", "GPE"):
                    continue  # "Hamas-run": an affiliation, not part of the name
                words.add(low)
    doc = tok.doc
    for i in range(tok.i - 1, -1, -1):
        cand = doc[i]
        if _lemma(cand) != head or cand.pos_ not in ("NOUN", "PROPN"):
            continue
        ref = actors.resolve_np(cand)
        if ref is None or not ref.canonical:
            continue
        name = ref.canonical.lower()
        if head in name and all(w in name for w in words):
            return ref
    return None
