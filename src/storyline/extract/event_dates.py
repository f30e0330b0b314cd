"""When an event happened relative to its article: its own date, a lower bound, or background.

An event's date comes only from time expressions that belong to it. An expression belongs to
the predicate (or event noun) it hangs on; the event shares it with the predicates it forms one
time frame with: coordinated verbs ("attacked … on 7 October and killed"), participles ("…,
killing 1,200"), "in which" clauses of an event noun, and the verb an event noun is the subject
of ("the attack took place on …"). An expression that belongs to another predicate does not date
this one ("criticised Northland's response to the attacks on 7 October" is not on 7 October), except
that an antecedent ("after", "following", "since", "in response to" …) bounds it from below.

Background (PLOVER's "historical" context) is read off the grammar, with cue words in
`data/event_lexicon.yaml` under `time_frame:`: a "since" clause or phrase ("since the war
began"), an onset in a subordinate clause ("before war broke out"), a past perfect outside
reported speech, background adverbs ("previously"), or an own date well before the article's.
A background event without a date of its own stays undated: it is never a fresh event on the
publication day. Future and hypothetical events without a date of their own are undated too,
as are events with only a vague past of their own ("several weeks ago") and what a recording
shows ("footage shows troops storming …": recorded on a day the text does not give).
"""

from __future__ import annotations

import re
from collections.abc import Container
from dataclasses import dataclass
from datetime import date, timedelta

from spacy.tokens import Doc, Token

from storyline.extract.numbers import parse_number
from storyline.nlp import doc_text
from storyline.records import TimeExpression
from storyline.temporal.anchoring import date_for_span
from storyline.temporal.timex import is_absolute

PUBLICATION, UNKNOWN, RELATIVE = "publication", "unknown", "relative"
_SINCE_BEFORE = re.compile(r"\bsince\s+(the\s+)?$", re.I)
_RANGE_WORDS = re.compile(r"\b(since|between|from|until|till|through|to)\s+(the\s+)?$", re.I)
# Relative words that make a relative clause share its head event's time ("in which", "when").
_FRAME_RELATIVES = frozenset({"which", "when", "whom"})


@dataclass(frozen=True)
class TimeFrameCues:
    """Cue words for dating and background (lemmas or lowercase forms)."""

    background_marks: frozenset[str]  # subordinators whose clause is background ("since")
    background_preps: frozenset[str]  # prepositions whose event object is background
    antecedent_words: frozenset[str]  # "after", "following", "response": a lower bound
    setting_words: frozenset[str]  # "during", "amid": the event happened within the other
    background_adverbs: frozenset[str]  # "previously", "formerly"
    onset_verbs: frozenset[str]  # "begin", "break out": the start of an event
    occurrence_verbs: frozenset[str]  # "happen", "take place": an event noun's own verb
    sequel_verbs: frozenset[str]  # "comes (after …)": a present state after an earlier event
    report_verbs: frozenset[str]  # speech and cognition verbs (from the modality cues)
    depiction_verbs: frozenset[str] = frozenset()  # "footage captured troops storming …"
    recording_nouns: frozenset[str] = frozenset()  # subjects with which "show" depicts
    recording_verbs: frozenset[str] = frozenset()  # depict only with a recording ("show", "see")
    occasion_verbs: frozenset[str] = frozenset()  # "a truce in November saw hostages released"
    state_nouns: frozenset[str] = frozenset()  # "the hostages taken by …": a presupposed taking
    state_verbs: frozenset[str] = frozenset()
    iterative_adverbs: frozenset[str] = frozenset()  # "has repeatedly called for": many days
    distributive_determiners: frozenset[str] = frozenset()  # "each busload … released"
    historical_days: int = 7
    antecedent_days: int = 1

    @classmethod
    def from_dict(cls, data: dict, report_verbs: frozenset[str]) -> TimeFrameCues:
        def words(name: str) -> frozenset[str]:
            return frozenset(str(w).lower() for w in data.get(name) or [])

        return cls(
            background_marks=words("background_marks"),
            background_preps=words("background_preps"),
            antecedent_words=words("antecedent_words"),
            setting_words=words("setting_words"),
            background_adverbs=words("background_adverbs"),
            onset_verbs=words("onset_verbs"),
            occurrence_verbs=words("occurrence_verbs"),
            sequel_verbs=words("sequel_verbs"),
            report_verbs=report_verbs,
            depiction_verbs=words("depiction_verbs"),
            recording_nouns=words("recording_nouns"),
            recording_verbs=words("recording_verbs"),
            occasion_verbs=words("occasion_verbs"),
            state_nouns=words("state_nouns"),
            state_verbs=words("state_verbs"),
            iterative_adverbs=words("iterative_adverbs"),
            distributive_determiners=words("distributive_determiners"),
            historical_days=int(data.get("historical_days", 7)),
            antecedent_days=int(data.get("antecedent_days", 1)),
        )


@dataclass(frozen=True)
class EventDate:
    """The date interval an event holds for, how it was found, and whether it is background."""

    earliest: str | None
    latest: str | None
    text: str | None
    basis: str  # explicit, relative, publication, unknown
    historical: bool = False
    cues: tuple[str, ...] = ()


def _lemma(tok: Token) -> str:
    return tok.lemma_.lower()


def phrase_lemma(verb: Token) -> str:
    """"break out" for a verb with its particle, else the lemma."""
    for child in verb.children:
        if child.dep_ == "prt":
            return f"{_lemma(verb)} {child.lower_}"
    return _lemma(verb)


def frame_tokens(trigger: Token, noun: Token | None, events: Container[int],
                 cues: TimeFrameCues) -> list[Token]:
    """The predicates whose time frame the event shares, from its own trigger upwards (the
    event noun of a light verb first; the last is the head of the frame's clause)."""
    out = ([noun] if noun is not None and noun.i != trigger.i else []) + [trigger]
    tok = noun if noun is not None and trigger.pos_ not in ("VERB", "AUX") else trigger
    for _ in range(6):
        head, dep = tok.head, tok.dep_
        if head.i == tok.i:
            break
        if dep == "conj" and head.pos_ in ("VERB", "AUX") and tok.pos_ in ("VERB", "AUX"):
            if any(c.dep_ in ("aux", "auxpass") and c.tag_ == "MD" for c in tok.children):
                break  # "struck on Monday and will strike again": a frame of its own
            if _present_perfect(tok) and not _present_perfect(head):
                # "was taken on 7 October and has since been rescued": the perfect reaches up
                # to now, not back to the other verb's day
                break
        elif dep == "xcomp" or (dep == "advcl" and tok.tag_ in ("VBG", "VBN") and not any(
                c.dep_ == "mark" for c in tok.children)):
            pass  # "tries to free", "…, killing 1,200"
        elif dep == "acl" and tok.tag_ in ("VBG", "VBN") and head.i in events:
            pass  # "an attack killing 1,200"
        elif dep == "relcl" and head.i in events and _frame_relative(tok):
            pass  # "the attack, in which 1,200 people were killed"
        elif dep in ("nsubj", "nsubjpass", "attr") and (tok.i in events or tok.i == trigger.i) and (
                head.i in events or phrase_lemma(head) in cues.occurrence_verbs):
            pass  # "the attack killed …", "the attack took place on …"
        else:
            break
        out.append(head)
        tok = head
    return out


def _with_occasion(frame: list[Token], events: Container[int], cues: TimeFrameCues
                   ) -> list[Token]:
    """The frame with the event that occasions it: "a truce in November saw hostages
    released", "the attacks in October triggered the bombardment" (the complement happened in
    the subject's time). Only for dating: the two are different happenings."""
    top = frame[-1]
    head = top.head
    if head.i == top.i or top.dep_ not in ("ccomp", "xcomp", "dobj", "oprd") \
            or _lemma(head) not in cues.occasion_verbs:
        return frame
    subject = next((c for c in head.children if c.dep_ == "nsubj"
                    and c.pos_ in ("NOUN", "PROPN")), None)
    if subject is None:
        return frame
    cause = subject if subject.i in events else next(
        # "a truce agreed in March saw the militia free …": the participle is the occasion
        (a for a in subject.children if a.dep_ == "acl" and a.i in events), None)
    return frame if cause is None else [*frame, cause, head]


# Prepositions that put an act inside another event: "urged the envoy *in* a phone call on
# Wednesday", "said *at* a meeting on Monday": the act is done in the call, on its day.
_SETTING_PREPS = frozenset({"in", "during", "at"})


def _setting_of(owner: Token, frame: list[Token]) -> Token:
    """The frame's predicate for an event noun the act is done in ("urged the envoy in a phone call
    on Wednesday": the call's day is the urging's), else `owner`."""
    head = owner.head
    if owner.pos_ == "NOUN" and owner.dep_ == "pobj" and head.lower_ in _SETTING_PREPS and \
            head.dep_ == "prep" and any(head.head.i == t.i for t in frame) and \
            head.head.pos_ in ("VERB", "AUX"):
        return head.head
    return owner


def _own_frame(owner: Token, trigger: Token) -> bool:
    """Whether the verb a time expression hangs on is a time frame apart from the trigger's,
    though inside its quote: a participle with its own agent ("a sailor seized by pirates on
    2 May has been freed"), or the past verb a present-perfect trigger is coordinated with
    ("seized the town on 2 May and have released …")."""
    if owner.dep_ == "acl" and any(c.dep_ == "agent" for c in owner.children):
        return True
    return (trigger.dep_ == "conj" and trigger.head.i == owner.i
            and _present_perfect(trigger) and not _present_perfect(owner))


def _present_perfect(verb: Token) -> bool:
    """A verb with "has" or "have" as its auxiliary ("has been rescued")."""
    return any(c.dep_ == "aux" and c.lower_ in ("has", "have", "'s", "'ve") and c.tag_ in (
        "VBZ", "VBP") for c in verb.children)


def _frame_relative(clause: Token) -> bool:
    """A relative clause introduced by "in which", "during which" or "when"."""
    for child in clause.children:
        if child.dep_ == "advmod" and child.lower_ == "when":
            return True
        if child.dep_ == "prep" and any(g.lower_ in _FRAME_RELATIVES for g in child.children):
            return True
    return False


def _owner(tok: Token, events: Container[int], cues: TimeFrameCues) -> Token:
    """The predicate a time expression hangs on: the first verb or event noun above it."""
    current = tok
    for _ in range(12):
        if current.i in events:
            return current
        if current.pos_ in ("VERB", "AUX") and not (
                current.dep_ in ("amod", "compound")
                # a participle with an agent is a passive clause of its own ("a sailor
                # seized by pirates on 2 May"), not a modifier
                or (current.dep_ == "acl" and current.tag_ in ("VBN", "VBG")
                    and not any(c.dep_.startswith("nsubj") or c.dep_ == "agent"
                                for c in current.children))
                # a participle used as a preposition ("in the week beginning 7 April"), unless
                # it names an antecedent ("following the raid on Monday")
                or (current.dep_ == "prep" and current.tag_ in ("VBG", "VBN")
                    and _lemma(current) not in cues.antecedent_words
                    and current.lower_ not in cues.antecedent_words)):
            return current  # "the occupied West Bank", "trucks destined for Gaza": modifiers
        if current.head.i == current.i:
            return current
        current = current.head
    return current


def _path_words(low: Token, high: Token, max_hops: int = 12) -> list[str] | None:
    """Lower-case words of the prepositions and subordinators between `low` and its ancestor
    `high`, with the nouns that carry a preposition ("in *response* to"); None when `high` is
    not an ancestor within reach."""
    words: list[str] = []
    current = low
    for _ in range(max_hops):
        if current.i == high.i:
            # not `high`'s own subordinator: in "after 1,200 were killed on 7 October by gunmen,
            # who also took hostages" the taking is inside the "after" clause, not before it
            return words
        words.extend(c.lower_ for c in current.children if c.dep_ == "mark")
        head = current.head
        if head.i == current.i:
            return None
        if current.dep_ in ("prep", "agent"):
            words.append(current.lower_)
        elif current.dep_ in ("pobj", "pcomp") and head.head.pos_ == "NOUN":
            words.append(_lemma(head.head))
        current = head
    return None


def _adverbial_below(low: Token, high: Token) -> bool:
    """Whether `low` hangs on `high` through an adverbial (a preposition or a subordinate
    clause: "launched it *in* response to …", "began *after* Vanguard attacked"), not through
    an argument ("criticised Northland's response to …")."""
    current = low
    below = None  # the last non-conjunct dependency on the way up ("began …, and stopped
    for _ in range(10):  # imports in retaliation for …": the conjunct shares the adverbial)
        head = current.head
        if head.i == current.i:
            return False
        if current.dep_ != "conj":
            below = current.dep_
        if head.i == high.i:
            return (below if current.dep_ == "conj" else current.dep_) in (
                "prep", "advcl", "npadvmod", "advmod", "agent", "pcomp")
        current = head
    return False


def _background_cues(frame: list[Token], cues: TimeFrameCues) -> list[str]:
    """Grammatical signs that the event is a past event mentioned as background."""
    found: list[str] = []
    frame = _with_governor(frame)  # an event noun's clause: "which began with a … attack"
    top = frame[-1]
    for tok in frame:
        for child in tok.children:
            if child.dep_ == "advmod" and child.lower_ in cues.background_adverbs:
                found.append(child.lower_)
    # "the military previously said it was targeting …": what a report made at an unsaid
    # earlier time told of is no news of the article's day
    teller = top.head if top.dep_ == "ccomp" and top.head.i != top.i else None
    if teller is not None and phrase_lemma(teller) in cues.report_verbs:
        found += [c.lower_ for c in teller.children
                  if c.dep_ == "advmod" and c.lower_ in cues.background_adverbs]
    # "since the war began", "before war broke out": the frame's clause is subordinate
    marks = [c.lower_ for c in top.children if c.dep_ == "mark"]
    subordinate = top.dep_ in ("advcl", "relcl", "pcomp") or bool(marks)
    if any(m in cues.background_marks for m in marks):
        found.append(next(m for m in marks if m in cues.background_marks))
    if top.dep_ == "pcomp" and top.head.lower_ in cues.background_marks:
        found.append(top.head.lower_)  # "since Israel began its campaign" parsed as pcomp
    if subordinate and top.tag_ in ("VBD", "VBN") and any(
            phrase_lemma(t) in cues.onset_verbs for t in frame if t.pos_ in ("VERB", "AUX")):
        found.append("onset")
    # "since Hamas's attacks", "since the start of the war"
    for tok in frame:
        if tok.pos_ not in ("NOUN", "PROPN"):
            continue
        node = tok
        for _ in range(3):
            if node.dep_ != "pobj":
                break
            prep = node.head
            if prep.lower_ in cues.background_preps:
                found.append(prep.lower_)
                break
            if prep.lower_ != "of" or prep.head.pos_ != "NOUN":
                break
            node = prep.head  # "the start *of* the war": climb to "start"
    # "they were stranded when war broke out and were later detained": a temporal clause of
    # a background clause is background too (one level up)
    if top.dep_ == "advcl" and marks and not found and top.head.i != top.i:
        head = top.head
        if any(phrase_lemma(head) in cues.onset_verbs or c.lower_ in cues.background_marks
               for c in [head, *head.children] if c.dep_ in ("mark", "ROOT", head.dep_)):
            found.append("in-background")
    # past perfect outside reported speech: "Hamas had taken hostages" (prior to the story's
    # reference time), not "the army said it had struck" (a backshifted report)
    verb = next((t for t in _with_governor(frame) if t.pos_ in ("VERB", "AUX")), None)
    if verb is not None and verb.tag_ == "VBN" and any(
            c.dep_ == "aux" and c.lower_ == "had" for c in verb.children):
        if not _under_report(verb, cues):
            found.append("had")
    return found


def _governor(tok: Token) -> list[Token]:
    """The words from an event noun up to the verb whose clause it sits in, that verb last
    ("killed *by* Israeli strikes" → killed; "raids had increased pressure" → increased;
    "a target for Israeli raids since …" → target, been)."""
    path: list[Token] = []
    current = tok
    for _ in range(5):
        if current.dep_ not in ("pobj", "prep", "agent", "nsubj", "nsubjpass", "dobj", "attr"):
            return []
        head = current.head
        if head.i == current.i:
            return []
        path.append(head)
        if head.pos_ in ("VERB", "AUX"):
            return path
        current = head
    return []


def _with_governor(frame: list[Token]) -> list[Token]:
    top = frame[-1]
    if top.pos_ in ("NOUN", "PROPN"):
        path = _governor(top)
        if path:
            return [*frame, *(t for t in path if t.pos_ != "ADP")]
    return frame


def _adjective_ref(tx: TimeExpression, doc: Doc) -> bool:
    """"the current war", "the present crisis": an adjective of now dates no event."""
    if not (tx.value or "").endswith("_REF"):
        return False
    span = doc.char_span(tx.start, tx.end, alignment_mode="expand")
    return span is not None and span.root.dep_ in ("amod", "compound")


def _since_unknown(frame: list[Token], cues: TimeFrameCues) -> bool:
    """A "since" adverbial (a phrase, a clause or "since then") on the event's own clause (or
    a coordinated one: "had been killed or wounded since the offensive began")."""
    tokens = list(_with_governor(frame))  # a copy: the caller's frame is used afterwards
    tokens += [c for t in tokens for c in t.children
               if c.dep_ in ("conj", "xcomp") and c.pos_ == "VERB"]
    for tok in tokens:
        for child in tok.children:
            low = child.lower_
            if low in cues.background_marks and child.dep_ in ("prep", "advmod", "mark"):
                if child.dep_ == "mark" and tok.i == frame[0].i:
                    # "since Northland let the deal lapse on Monday": the event is the "since"
                    # clause, the reference point itself, and a date in it is its own
                    continue
                return True
            if child.dep_ == "advcl" and any(
                    g.dep_ == "mark" and g.lower_ in cues.background_marks for g in child.children):
                return True
    # "killed … in the bombardment since then", "aid has entered the strip since the offensive
    # began": a "since" right after the event noun's phrase or a present perfect's clause is
    # its span, wherever the parser attached it
    event = frame[0]
    if event.pos_ in ("NOUN", "PROPN") or _present_perfect(event):
        after = event.right_edge.i + 1
        doc = event.doc
        if after < len(doc) and doc[after].lower_ in cues.background_marks and \
                doc[after].dep_ in ("prep", "mark"):
            return True
    return False


def _under_report(verb: Token, cues: TimeFrameCues) -> bool:
    current = verb
    for _ in range(6):
        head = current.head
        if head.i == current.i:
            return False
        if current.dep_ in ("ccomp", "parataxis") and _lemma(head) in cues.report_verbs:
            return True
        if current.dep_ not in ("conj", "xcomp", "advcl", "ccomp", "relcl"):
            return False
        current = head
    return False


def _antecedent_before_writing(top: Token, cues: TimeFrameCues) -> bool:
    """The event's clause is the antecedent ("after", "following") of a present-tense sequel
    verb ("the ruling comes after the envoy asked …"), of a situation still going on, or of a
    past onset: it happened before the article, on a day the sentence does not give."""
    if top.dep_ not in ("advcl", "pcomp", "pobj") or top.head.i == top.i:
        return False
    head = top.head
    if top.dep_ in ("pcomp", "pobj"):  # "comes after the envoy's request": after → comes
        if head.lower_ not in cues.antecedent_words or head.head.i == head.i:
            return False
        head = head.head
    elif not any(c.dep_ == "mark" and c.lower_ in cues.antecedent_words for c in top.children):
        return False
    if _lemma(head) in cues.sequel_verbs and head.tag_ in ("VBZ", "VBP") and not any(
            c.dep_ in ("aux", "auxpass") for c in head.children):
        return True
    # a situation still going on as the article is written ("Northland is threatening to strike
    # after it blamed its neighbour for …"): what set it off happened before, on a day not given
    while head.dep_ == "xcomp" and head.head.i != head.i:
        head = head.head  # "is threatening to launch … after": the clause of "threatening"
    if phrase_lemma(head) in cues.onset_verbs and head.tag_ == "VBD":
        # "Northland began air strikes after the militia killed 40 people": what the onset came
        # after happened before it, and the onset itself at the latest on the article's day
        return True
    # (a verb reporting a clause, "is saying that …", frames a report, not a situation)
    return head.tag_ == "VBG" and not any(c.dep_ == "ccomp" for c in head.children) and any(
        c.dep_ == "aux" and c.lower_ in ("is", "are", "am", "'s", "'re") for c in head.children)


def _iterative(frame: list[Token], cues: TimeFrameCues) -> bool:
    """An adverb of repetition on the trigger, or on the verb it is coordinated with when the
    two share their subject ("has repeatedly called for a truce and has criticised …": the
    adverb's reading carries over the conjunction)."""
    first = frame[0]
    verbs = [first]
    if first.dep_ == "conj" and len(frame) > 1 and frame[1].i == first.head.i and not any(
            c.dep_.startswith("nsubj") for c in first.children):
        verbs.append(frame[1])
    return any(c.dep_ == "advmod" and c.lower_ in cues.iterative_adverbs
               for v in verbs for c in v.children) or _distributive(first, cues)


def _distributive(trigger: Token, cues: TimeFrameCues) -> bool:
    """A participant under "each" or "every": the subject or object of the trigger, or the
    noun a participle trigger modifies, or the measure noun that noun is "of" ("each busload
    of prisoners released by the army")."""
    nouns = [c for c in trigger.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")]
    if trigger.dep_ == "acl":
        noun = trigger.head
        nouns.append(noun)
        if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.pos_ == "NOUN":
            nouns.append(noun.head.head)
    return any(c.dep_ == "det" and c.lower_ in cues.distributive_determiners
               for n in nouns for c in n.children)


def _old(latest: str | None, anchor: date | None, cues: TimeFrameCues) -> bool:
    day = _day(latest)
    return day is not None and anchor is not None and \
        day < anchor - timedelta(days=cues.historical_days)


def _clause_on_date(top: Token, times: list[TimeExpression], doc: Doc) -> TimeExpression | None:
    """The time expression a relative clause modifies ("7 October, when Vanguard attacked")."""
    if top.dep_ not in ("relcl", "advcl", "acl") or not any(
            c.lower_ == "when" and c.dep_ in ("advmod", "mark") for c in top.children):
        return None
    head = top.head
    for tx in times:
        if tx.start <= head.idx < tx.end and tx.earliest and tx.latest:
            return tx
    return None


def _depicted(frame: list[Token], cues: TimeFrameCues) -> str | None:
    """The verb when the event is what a recording shows ("footage captured troops storming
    the port", "a video shows soldiers firing"); None otherwise."""
    top = frame[-1]
    head = top.head
    if head.i == top.i or top.dep_ not in ("ccomp", "xcomp", "dobj", "obj", "oprd", "acl"):
        return None
    lemma = _lemma(head)
    if lemma not in cues.depiction_verbs:
        return None
    shown = {t.i for t in top.subtree}
    if lemma in cues.recording_verbs and not any(
            c.dep_ in ("nsubj", "nsubjpass") and _recording(c, cues) for c in head.children
    ) and not any(
            # the setting, wherever it hangs in the verb's clause: "in this image, taken from
            # the south, we can see …"
            t.dep_ == "pobj" and t.head.lower_ in ("in", "on") and _recording(t, cues)
            for t in head.subtree if t.i not in shown):
        # "figures show that …", "we see that …": a statement, not what a recording shows
        return None
    return lemma


def _presupposed(trigger: Token, cues: TimeFrameCues) -> bool:
    """A participle saying how its noun came to be what the noun names ("the hostages taken
    by Vanguard", "captives seized in the raid")."""
    return (trigger.dep_ == "acl" and trigger.tag_ == "VBN"
            and _lemma(trigger) in cues.state_verbs and _lemma(trigger.head) in cues.state_nouns
            and not any(c.dep_ in ("aux", "auxpass") for c in trigger.children))


def _recording(noun: Token, cues: TimeFrameCues) -> bool:
    return _lemma(noun) in cues.recording_nouns or any(
        g.dep_ == "compound" and _lemma(g) in cues.recording_nouns for g in noun.children)


def _vague_past(tx: TimeExpression) -> bool:
    """"several weeks ago", "in recent years": some unsaid time before the article ("recently"
    and "lately" are near enough to it to keep the publication-day reading); "two days later"
    with no date before it to count from."""
    if tx.rule.endswith("narrative-unknown"):
        return True
    return tx.value == "PAST_REF" and tx.quote.lower().strip() not in (
        "recently", "lately", "recent")


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _relation(owner: Token, trigger: Token, frame: list[Token], events: dict[int, str],
              ev_type: str, cues: TimeFrameCues) -> str | None:
    """How the predicate a time expression hangs on (`owner`) relates to an event:
    "own" (it is the event's, or a coordinated predicate's), "related" (a predicate without an
    event of its own that governs it, or a clause about it; or an event of the same type
    around it: "killed … in attacks on 7 October"), "bound" (an antecedent: the event came on
    or after it), or None."""
    frame_ids = {t.i for t in frame}
    if owner.i in frame_ids:
        return "own"
    # a conjunct below a frame predicate: "killed and [68,000] wounded since 7 October"
    node = owner
    for _ in range(3):
        if node.dep_ not in ("conj", "acl", "nummod", "appos") or node.head.i == node.i:
            break
        node = node.head
        if node.i in frame_ids:
            # coordinated clauses report one occasion ("145 were arrested and nine officers
            # were injured on Saturday"); a conjunct of the same type is the same happening
            return "own" if events.get(owner.i, ev_type) == ev_type else "related"
    top = frame[-1]
    for tok in frame:
        words = _path_words(owner, tok)
        if words is not None and any(w in cues.antecedent_words for w in words) and \
                _adverbial_below(owner, tok):
            return "bound"
    for tok in frame:
        words = _path_words(owner, tok)
        if words is not None and any(w in cues.setting_words for w in words) and \
                _adverbial_below(owner, tok):
            return "related"  # "urged Biden …, during a meeting at the White House on Friday"
    if top.dep_ in ("nsubj", "nsubjpass") and _lemma(top.head) in cues.antecedent_words \
            and top.head.is_ancestor(owner):
        return "bound"  # "the bombardment followed the attack on 7 October"
    if owner.is_ancestor(trigger):
        words = _path_words(trigger, owner) or []
        if any(w in cues.antecedent_words for w in words):
            return "before"  # "shut on Sunday after soldiers were killed": by Sunday
        if owner.i not in events or events[owner.i] == ev_type:
            return "related"  # "said on Monday that …", "a statement released on 7 October"
        return None
    # a clause about the event: "the attack, which took place on 7 October"
    node = owner
    for _ in range(3):
        if node.head.i == node.i:
            break
        child, dep, node = node, node.dep_, node.head
        if node.i in frame_ids:
            if dep in ("relcl", "acl") and owner.i not in events:
                return "related"
            if dep == "advcl" and child.i == owner.i and any(
                    c.dep_ == "advmod" and c.lower_ == "when" and c.i < owner.i
                    for c in owner.children):
                return "related"  # "When she was kidnapped in 2009 she was rescued by …"
            if (dep == "dep" or child.pos_ in ("NOUN", "PROPN")) and owner.i not in events \
                    and _dislocated(child, node):
                return "related"  # "The last thing I heard him say a week ago… he was begging"
            if owner.i in events and events[owner.i] == ev_type and dep in ("pobj", "prep"):
                return "related"
            break
    if owner.i in events and events[owner.i] == ev_type and any(
            t.is_ancestor(owner) for t in frame):
        words = _path_words(owner, next(t for t in frame if t.is_ancestor(owner))) or []
        if len(words) <= 2:
            return "related"  # "killed … in surprise attacks on 7 October"
    return None


_LEAD_IN_PUNCT = frozenset({"…", "...", ":", "-", "–", "—"})


def _dislocated(phrase: Token, clause: Token) -> bool:
    """A phrase set before its clause and cut off from it by an ellipsis, colon or dash ("The
    last thing I heard … a week ago… he was begging"): the clause says what the phrase
    introduced, so the phrase's time is the clause's. The parser hangs such a phrase as `dep`."""
    if phrase.i >= clause.i:
        return False
    end = phrase.right_edge.i
    return any(t.text in _LEAD_IN_PUNCT for t in phrase.doc[end + 1:clause.i]) or \
        phrase.doc[end].text in _LEAD_IN_PUNCT


def _host_noun(trigger: Token, events: dict[int, str], ev_type: str) -> Token | None:
    """The event noun of the same type whose relative clause the trigger is ("the attacks that
    killed 1,400 and saw 200 taken"): what the clause tells is part of that happening."""
    clause = trigger
    for _ in range(2):  # "killed … and saw … taken": a conjunct of the relative clause
        if clause.dep_ != "conj":
            break
        clause = clause.head
    head = clause.head
    if clause.dep_ != "relcl" or head.pos_ != "NOUN" or events.get(head.i) != ev_type:
        return None
    return head


_LAG_UNITS = {"day": 1, "week": 7}


def _lag_days(clause: Token) -> int | None:
    """How many days an "after" clause says its act came before the clause it hangs on
    ("five days after the deal was signed", "a week after X"): None when it gives no measure."""
    if not any(c.dep_ == "mark" and c.lower_ == "after" for c in clause.children):
        return None
    for unit in clause.children:
        days = _LAG_UNITS.get(unit.lemma_.lower())
        if unit.dep_ != "npadvmod" or days is None:
            continue
        count = [c for c in unit.children if c.dep_ in ("nummod", "det")]
        if not count:
            return None
        value = parse_number(count[0].text) if count[0].dep_ == "nummod" else (
            1.0 if count[0].lower_ in ("a", "one") else None)
        if value is None or value != int(value):
            return None
        return int(value) * days
    return None


def _adjacent(text: str, start: int, end: int, tx: TimeExpression) -> bool:
    """The expression follows the event's quote, or precedes it, with only a preposition or
    a comma between ("the attack on Northland on 7 October", "On 7 October, gunmen attacked")."""
    if tx.start >= end:
        gap = text[end:tx.start]
    elif tx.end <= start:
        gap = text[tx.end:start]
    else:
        return True
    return len(gap) <= 6 and gap.strip(" ,") in ("", "on", "in", "at", "during")


def event_date(
    doc: Doc, trigger: Token, noun: Token | None, start: int, end: int,
    times: list[TimeExpression], events: dict[int, str], anchor: date | None, anchored: str,
    cues: TimeFrameCues, modality: str, ev_type: str = "",
) -> EventDate:
    """The date of the event whose predicate is `trigger` (with its event noun `noun`), whose
    quote spans [start, end); `events` maps the token index of every event predicate found in
    the document to its type, `modality` and `ev_type` are this event's."""
    sent = trigger.sent
    frame = _with_occasion(frame_tokens(trigger, noun, events, cues), events, cues)
    found: dict[str, list[TimeExpression]] = {"own": [], "related": [], "bound": [],
                                              "before": []}
    text = doc_text(doc)
    for tx in times:
        if not (sent.start_char <= tx.start < sent.end_char):
            continue
        span = doc.char_span(tx.start, tx.end, alignment_mode="expand")
        if span is None:
            continue
        owner = _setting_of(_owner(span.root, events, cues), frame)
        relation = _relation(owner, trigger, frame, events, ev_type, cues)
        if relation is None and not _own_frame(owner, trigger) and _adjacent(text, start, end,
                                                                            tx):
            relation = "related"  # "the attack on Israel | on 7 October", whatever the parse
        if relation is not None:
            found[relation].append(tx)
    background = _background_cues(frame, cues)
    named = _clause_on_date(frame[-1], times, doc)
    if named is not None:
        # "since 7 October, when Hamas gunmen attacked": the clause says what happened that day
        basis = "explicit" if is_absolute(named.rule) else RELATIVE
        return EventDate(named.earliest, named.latest, named.quote, basis,
                         historical=_old(named.latest, anchor, cues), cues=("when-clause",))
    nominal = noun if noun is not None else (trigger if trigger.pos_ in ("NOUN", "PROPN")
                                             else None)
    host = _host_noun(trigger, events, ev_type)
    if host is not None:
        # "the 7 October attacks that killed 1,400": the killing is the attack's, on its day
        # (a date in the noun's words before it; the relative clause is the trigger's own)
        nominal, phrase_end = host, host.idx + len(host)
        candidates = [t for t in times if sent.start_char <= t.start < sent.end_char]
    else:
        candidates = found["own"] if nominal is not None else []
        phrase_end = nominal.right_edge.idx + len(nominal.right_edge) if nominal is not None \
            else 0
    for tx in candidates if nominal is not None else ():
        inside = nominal.left_edge.idx <= tx.start and tx.end <= phrase_end
        np_start = min(nominal.left_edge.idx, tx.start)
        if inside and tx.earliest and tx.latest and not (tx.value or "").endswith("_REF") and \
                not _RANGE_WORDS.search(text[max(np_start, tx.start - 12):tx.start]):
            # inside the event noun's own phrase ("the 7 October attack"): whatever precedes
            # the phrase ("before the 7 October attack") bounds something else, not this event
            basis = "explicit" if is_absolute(tx.rule) else RELATIVE
            return EventDate(tx.earliest, tx.latest, tx.quote, basis,
                             historical=bool(background) or _old(tx.latest, anchor, cues),
                             cues=tuple(background))
    since = _since_unknown(frame, cues)
    for kind in ("own", "related"):
        usable = [t for t in found[kind] if not (t.value or "").endswith("_REF")]
        found["own"] = [t for t in found["own"] if not _adjective_ref(t, doc)]
        # "now", "current" only date an event of their own clause, never through another
        if kind == "own":
            usable += [t for t in found[kind] if (t.value or "").endswith("_REF")]
        if any(t.type == "DATE" for t in usable):
            usable = [t for t in usable if t.type == "DATE"]  # "06:30 on 7 October": the day
        ranges = [t for t in usable if _SINCE_BEFORE.search(text[max(0, t.start - 12):t.start])]
        if ranges:
            usable = ranges  # "have now been killed since 7 October": the span, not "now"
        elif since:
            break  # a "since" span with no date of its own start: undated (below)
        if not usable:
            continue
        got = date_for_span(usable, doc, start, end, anchor, anchored)
        if got.basis not in (PUBLICATION, UNKNOWN):
            latest = _day(got.latest)
            old = (anchor is not None and latest is not None
                   and latest < anchor - timedelta(days=cues.historical_days))
            return EventDate(got.earliest, got.latest, got.text, got.basis,
                             historical=bool(background) or old,
                             cues=tuple(background) + (("dated-earlier",) if old else ()))
    if modality in ("future", "hypothetical"):
        return EventDate(None, None, None, UNKNOWN, cues=(modality,))
    if any(_vague_past(t) for t in found["own"]):
        # "freed two aid workers several weeks ago": some unsaid day before the article's
        return EventDate(None, None, None, UNKNOWN, historical=bool(background),
                         cues=(*background, "vague-past"))
    if _iterative(frame, cues):
        # "has repeatedly criticised the strikes": done on many days, none of them given
        return EventDate(None, None, None, UNKNOWN, historical=bool(background),
                         cues=(*background, "iterative"))
    if _presupposed(trigger, cues):  # no usable date of its own was found above
        # "the hostages taken by Vanguard": how they came to be hostages, an earlier event
        return EventDate(None, None, None, UNKNOWN, historical=True, cues=("presupposed",))
    depicted = _depicted(frame, cues)
    if depicted is not None and not found["own"] and not found["related"]:
        # "video shows soldiers storming the hospital": recorded on a day the text does not give
        return EventDate(None, None, None, UNKNOWN, cues=("depicted",))
    # "since the current war began": an adjective of now says which war, not when it began
    bounds = [t for t in found["bound"] if t.earliest and not (t.value or "").endswith("_REF")]
    if bounds and anchor is not None:
        # "launched its campaign in response to the attack on 7 October": on or after that day
        tx = min(bounds, key=lambda t: t.earliest or "9999")
        if tx.earliest and tx.earliest <= anchor.isoformat():
            lo = _day(tx.earliest)
            old = lo is not None and lo < anchor - timedelta(days=cues.historical_days)
            perfect = any(c.dep_ == "aux" and c.lower_ in ("has", "have")
                          for t in frame for c in t.children)
            historical = bool(background) or (old and not perfect)
            return EventDate(tx.earliest, anchor.isoformat(), tx.quote, RELATIVE,
                             historical=historical, cues=tuple(background) + ("after",))
    before = [t for t in found["before"] if t.earliest and t.latest]
    if before and not background:
        tx = before[0]
        lag = _lag_days(frame[0])
        day = _day(tx.earliest)
        if lag is not None and day is not None and tx.earliest == tx.latest:
            # "opened on Friday, five days after the deal was signed": that many days earlier
            on = (day - timedelta(days=lag)).isoformat()
            return EventDate(on, on, tx.quote, RELATIVE, historical=_old(on, anchor, cues),
                             cues=("before", "lag"))
        lo = _day(tx.earliest)
        earliest = (lo - timedelta(days=cues.antecedent_days)).isoformat() if lo else tx.earliest
        return EventDate(earliest, tx.latest, tx.quote, RELATIVE,
                         historical=_old(tx.latest, anchor, cues), cues=("before",))
    if background:
        return EventDate(None, None, None, UNKNOWN, historical=True, cues=tuple(background))
    if _antecedent_before_writing(frame[-1], cues):
        # "the ruling comes after the envoy asked …": asked before now, on an unsaid day
        return EventDate(None, None, None, UNKNOWN, cues=("earlier-antecedent",))
    if since:
        # "have since been killed", "has fought several wars since it took power": from an
        # undated start up to now, not an event of the article's day
        return EventDate(None, None, None, UNKNOWN, cues=("since",))
    got = date_for_span([], doc, start, end, anchor, anchored)
    return EventDate(got.earliest, got.latest, got.text, got.basis)
