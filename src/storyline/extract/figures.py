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
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from spacy.tokens import Doc, Span, Token

from storyline.data import read_yaml
from storyline.extract import syntax
from storyline.extract.actors import ActorResolver
from storyline.extract.events import load_event_lexicon
from storyline.extract.modality import ModalityCues
from storyline.extract.numbers import Quantity, find_quantities, is_round
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
    """Compile the figure kinds once per process (`path` None = the packaged YAML)."""
    data = read_yaml("figure_kinds.yaml", path)
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
    )


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


def _lemma(tok: Token) -> str:
    return tok.lemma_.lower()


def _num_head(doc: Doc, q: Quantity) -> Token | None:
    span = doc.char_span(q.num_start, q.num_end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    inside = {t.i for t in span}
    for tok in span:
        if tok.head.i not in inside or tok.head is tok:
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
        if tok.dep_ not in _CLIMB_DEPS or tok.head is tok:
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


def _np_lemmas(head: Token) -> set[str]:
    """Lemmas of a noun phrase's head, its modifiers and its "of" object ("trucks of aid")."""
    out = {_lemma(head), head.lower_}
    for child in head.children:
        if child.dep_ in _NOUN_MODS or child.dep_ == "poss":
            out.update(_lemma(t) for t in child.subtree if not t.like_num)
        elif child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    out.add(_lemma(pobj))
                    out.update(_lemma(c) for c in pobj.children if c.dep_ in _NOUN_MODS)
    return out


def _clause_cues(head: Token, cues: dict[str, Token], skip: set[int]) -> None:
    """Clauses and modifiers on a noun: "hostages *held*", "Palestinians *killed*",
    "the *remaining* 48 hostages"."""
    for child in head.children:
        if child.i in skip:
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


def _context(number: Token, q: Quantity, kinds: FigureKinds) -> Context | None:
    counted = _counted_noun(number, q)
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
        if head is tok:
            if tok.pos_ in ("VERB", "AUX"):
                predicate = tok
            break
        if head.pos_ in ("VERB", "AUX"):
            predicate = head
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
        for _, pobj in syntax.prep_objects(predicate, ("among",)):
            _clause_cues(pobj, cues, skip)  # "100 children were among those killed"
            cues.setdefault(_lemma(pobj), pobj)
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
        for _, pobj in syntax.prep_objects(counted, ("of",)):
            heads.add(_lemma(pobj))
    return Context(q, number, counted, nouns, heads, nationality, cues, pairs, predicate,
                   measured, subject)


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
    q = ctx.quantity
    for rule in kinds.rules:
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
            hit = next((ctx.cues[c] for c in ctx.cues if c in rule.cues), None)
            if hit is None:
                hit = next((ctx.predicate for p in ctx.pairs if p in rule.pairs), None)
            if hit is None:
                continue
            cue_tok = hit
        if rule.article is not None and not (article_lemmas & rule.article):
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
        acc = according_to(tok)
        if acc is not None:
            return acc
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
        if head is tok or tok.dep_ == "relcl":
            break
        if tok.dep_ in ("ccomp", "parataxis") and _lemma(head) in kinds.source_verbs:
            subj = _subject_of(head)
            if subj is not None and subj.dep_ == "nsubj":
                if not _is_pronoun(subj) or subj.lower_ in ("we", "i"):
                    return subj
                fallback = fallback or subj
        tok = head
    return fallback


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


def _unreal(verb: Token, cues: ModalityCues) -> bool:
    """The verb's own clause makes it planned, hypothetical or denied: "would release",
    "has not released", "plans to free", "refused to release", "if Hamas releases".
    (Only the verb's own clause: a figure inside "he called for an apology for the attack that
    killed 1,400" is still a figure.)"""
    for child in verb.children:
        low = child.lower_
        if child.dep_ == "neg":
            return True
        if child.dep_ in ("aux", "auxpass") and (low in cues.future_aux
                                                 or low in cues.hypothetical_aux):
            return True
        if child.dep_ == "mark" and low in cues.hypothetical_marks:
            return True
    if verb.dep_ == "xcomp":
        lemma = verb.head.lemma_.lower()
        if lemma in cues.future_governors or lemma in cues.negative_governors or (
                lemma in cues.hypothetical_governors):
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
    the verbs coordinated with it ("attacked Israel on Oct. 7 and killed 1,400")."""
    out = {predicate.i}
    out.update(c.i for c in predicate.conjuncts)
    tok = predicate
    for _ in range(8):
        if tok.dep_ in ("conj", "relcl") or tok.head is tok:
            break
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX"):
            out.add(tok.i)
    return out


def _date_attached(when: DateAttachment, doc: Doc, start: int, end: int,
                   predicate: Token | None) -> bool:
    """True unless the chosen time expression dates another branch of the sentence ("Israel
    blocked aid *in March*, and the UN says the population faces famine")."""
    tx = when.expression
    if tx is None or predicate is None or (start <= tx.start and tx.end <= end):
        return True
    span = doc.char_span(tx.start, tx.end, alignment_mode="expand")
    if span is None:
        return True
    verb = syntax.clause_verb(span.root)
    return verb is None or verb.i in _verb_line(predicate)


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
    doc: Doc, article: Article, times: list[TimeExpression], actors: ActorResolver
) -> list[Figure]:
    """Every figure of one parsed article, in text order."""
    kinds = load_figure_kinds()
    cues = load_event_lexicon().cues
    anchor_day, anchored = article_anchor(article)
    time_spans = [(tx.start, tx.end) for tx in times]
    article_lemmas: set[str] | None = None
    text = doc_text(doc)
    figures: list[Figure] = []
    for sent in doc.sents:
        previous: Context | None = None
        base = sent.start_char
        for raw in find_quantities(sent.text):
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
            if article_lemmas is None:
                article_lemmas = {t.lemma_.lower() for t in doc}
            found = _match(ctx, kinds, article_lemmas)
            if found is None:
                continue
            rule, cue = found
            if rule.modality and cue is not None and cue.pos_ in ("VERB", "AUX"):
                if _unreal(cue, cues):
                    continue
            figures.append(_build(ctx, rule, cue, sent, doc, article, times, actors, kinds,
                                  anchor_day, anchored, text))
            previous = ctx
    return figures


def _build(
    ctx: Context, rule: KindRule, cue: Token | None, sent: Span, doc: Doc, article: Article,
    times: list[TimeExpression], actors: ActorResolver, kinds: FigureKinds,
    anchor_day: date | None, anchored: str, text: str,
) -> Figure:
    q = ctx.quantity
    start, end = _span_of(ctx, cue, sent)
    when = date_for_span(times, doc, start, end, anchor_day, anchored)
    if not _date_attached(when, doc, start, end, ctx.predicate):
        when = date_for_span([], doc, start, end, anchor_day, anchored)
    reporter = ctx.predicate or ctx.counted or ctx.number
    src_tok = find_source(reporter, kinds, actors)
    source: str | None = None
    source_actor: ActorRef | None = None
    if src_tok is not None:
        source = _source_np(src_tok)
        source_actor = actors.resolve_np(src_tok)
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
        date_earliest=when.earliest,
        date_latest=when.latest,
        date_basis=when.basis,
        source=source,
        source_actor=source_actor,
        sentence=sent.text,
    )
