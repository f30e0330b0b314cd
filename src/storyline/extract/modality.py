"""Modality of an event predicate: asserted, negated, future, hypothetical or reported.

Read off the parse around the trigger, walking up through the clauses that govern it:

- negated: a negation on the predicate ("has not responded"), a negative governor ("refused to
  release", "failed to"), or a denial that embeds it ("Vanguard denied it rejected …": negated, with
  Vanguard kept as the source);
- future: "will/shall", "is to" ("Vanguard is to free 50 hostages"), or a governor of intent or
  schedule ("is set to resume", "plans to"; not an aspectual verb in the past: "began striking");
  a present-tense time clause of a future clause ("will withdraw once the prisoners are freed");
- hypothetical: modal auxiliaries ("could"; "would" unless a past speech verb reports it, when it
  is the speaker's "will" and future), conditional clauses ("if …"), governors of
  possibility ("risk", "may need to"), purposes ("the aim is to free"), the "that" clause of a
  possibility noun ("the suggestion that Southland ordered the attack");
- reported: inside the complement of a speech verb with a source ("sources said"), under
  "according to …", behind "is believed to" or "reportedly", in the "that" clause of a claim
  noun ("reports that …"): the outlet does not vouch for it.

Whether an event is a background mention of the past (PLOVER's "historical" context) is a
question of time, answered with its date in `extract/event_dates.py`.

When several apply, the strongest wins: negated > hypothetical > future > reported. The source
of a reporting frame is kept whatever the final modality ("Ostrow said the army would expand" is
future, source Ostrow). Cue words live in `data/event_lexicon.yaml` under `modality:`.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from storyline.extract.syntax import OBJECT_CONTROL, according_to, is_reduced_relative

ORDER = ("negated", "hypothetical", "future", "reported")
# "would" in a clause a past speech verb reports is the speaker's "will" shifted back ("Ostrow said
# the delegations would meet" reports "will meet"); with a condition beside it, or outside
# reported speech, it stays a conjecture.
BACKSHIFT_AUX = frozenset({"would", "'d"})
NEGATIVE_DETERMINERS = frozenset({"no", "neither"})
# Subordinators of a cause clause, which a reporting verb above it reports with its clause.
CAUSE_MARKS = frozenset({"because"})
NEGATABLE_ARGUMENTS = frozenset({"nsubj", "nsubjpass", "dobj", "obj"})
# A negative pronoun as the predicate's object or subject: "signed nothing", "nobody agreed".
NEGATIVE_PRONOUNS = frozenset({"nothing", "nobody", "none", "noone"})


@dataclass(frozen=True)
class ModalityCues:
    """Cue word sets (lemmas or lowercase forms)."""

    speech: frozenset[str]
    deny: frozenset[str]
    belief_passive: frozenset[str]
    report_adverbs: frozenset[str]
    future_aux: frozenset[str]
    hypothetical_aux: frozenset[str]
    future_governors: frozenset[str]
    hypothetical_governors: frozenset[str]
    negative_governors: frozenset[str]
    hypothetical_marks: frozenset[str]
    hypothetical_nominal: frozenset[str]
    purpose_nouns: frozenset[str] = frozenset()  # "the aim is to …": intended, not scheduled
    claim_nouns: frozenset[str] = frozenset()  # "the claim that …": reported
    possibility_nouns: frozenset[str] = frozenset()  # "the suggestion that …": hypothetical
    # future governors that, in the past tense, report what happened ("Israel began striking")
    aspectual: frozenset[str] = frozenset()
    # time-clause subordinators ("once the prisoners are freed"): future under a future clause
    future_clause_marks: frozenset[str] = frozenset()
    # verbs whose object takes a participle complement ("would see the hostages released")
    small_clause_verbs: frozenset[str] = frozenset()
    # prepositions whose event noun is a past reference point, whatever the clause around it
    # says of its own act ("the first cargo to leave since the invasion": the invasion happened)
    presupposing_preps: frozenset[str] = frozenset()
    # verbs that name a thing as someone calls it ("what it called a massive attack"): the
    # naming is that someone's account, reported
    naming_verbs: frozenset[str] = frozenset()

    @classmethod
    def from_dict(cls, data: dict[str, list[str]]) -> ModalityCues:
        def words(name: str) -> frozenset[str]:
            return frozenset(str(w).lower() for w in data.get(name) or [])

        return cls(**{name: words(name) for name in cls.__dataclass_fields__})


@dataclass
class Modality:
    """The modality of one predicate, the source that reports it and the cue words seen."""

    value: str = "asserted"
    source: Token | None = None  # head of the reporting source's noun phrase
    source_text: str | None = None  # "sources", "a source familiar with the talks"
    cues: tuple[str, ...] = ()  # the words that decided it (lowercase)
    found: frozenset[str] = frozenset()  # every modality seen, before the strongest won


def _source_of(verb: Token, hops: int = 3) -> Token | None:
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return child
        if child.dep_ == "agent":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    return pobj
    if hops and verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        # "the UN condemned the strike and said …": the speaker is the first verb's subject
        return _source_of(verb.head, hops - 1)
    if hops and verb.tag_ == "VBG" and verb.dep_ in ("advcl", "xcomp") and \
            verb.head.pos_ in ("VERB", "AUX"):
        # "Northland left the talks, saying the rebels had fired first": the participle's
        # speaker is the subject of the clause it hangs on
        return _source_of(verb.head, hops - 1)
    return None



def _np_text(token: Token) -> str:
    doc = token.doc
    start = max(token.left_edge.i, token.sent.start)
    end = token.right_edge.i + 1
    # keep the source phrase compact: stop before a relative clause or a comma, and never
    # reach back over a line break (headings glued to the sentence by the parser)
    for i in range(token.i + 1, end):
        if doc[i].dep_ in ("relcl", "punct") and doc[i].head.i == token.i:
            end = i
            break
    for i in range(token.i - 1, start - 1, -1):
        if "\n" in doc[i].text or "\n" in doc[i].whitespace_:
            start = i + 1
            break
    return doc[start:end].text.strip()


def _future_time_clause(clause: Token, cues: ModalityCues, max_hops: int
                        ) -> tuple[str, str] | None:
    """(modality, subordinator) when `clause` is a present-tense time clause ("after the truce
    begins", "once the prisoners are freed") of a clause that is future or hypothetical
    ("the militia will release …", "would keep fighting until …"): English keeps such a clause in the
    present for an act still to come, which takes the other clause's modality. None otherwise."""
    if clause.dep_ != "advcl" or max_hops <= 1:
        return None
    mark = next((c for c in clause.children if c.lower_ in cues.future_clause_marks and (
        c.dep_ == "mark" or (c.dep_ == "advmod" and c.tag_ == "WRB"))), None)  # "when": advmod
    if mark is None or clause.tag_ in ("VBD",) or any(
            c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in clause.children):
        return None  # "after the truce began": told as past
    # "will not stop fighting until the hostages are released": the release is still to come
    found = modality_of(clause.head, cues, max_hops - 1).found
    governing = next((m for m in ("hypothetical", "future") if m in found), None)
    return (governing, mark.lower_) if governing else None


def _infinitive_of_conjunct(verb: Token, head: Token) -> Token | None:
    """The infinitive a bare verb really continues when the parser made it a conjunct of the
    finite verb: in "wants to defeat the rebels, restore order and free the captives", "restore"
    cannot be a conjunct of "wants" (it would be "restores"): it continues "to defeat"."""
    if verb.tag_ != "VB" or head.tag_ not in ("VBZ", "VBD") or any(
            c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in verb.children):
        return None
    return next((c for c in head.children if c.dep_ == "xcomp" and c.i < verb.i and any(
        g.dep_ == "aux" and g.lower_ == "to" for g in c.children)), None)



def _carry_report(outer: Modality, found: set[str], words: list[str], source: Token | None
                  ) -> Token | None:
    """Only who reports the clause around carries over (`outer`: its modality): "reported"
    and its source join `found` and `words`; returns the source."""
    if "reported" in outer.found:
        found.add("reported")
        words.append("reported")
        return source or outer.source
    return source

def modality_of(trigger: Token, cues: ModalityCues, max_hops: int = 6) -> Modality:
    """Modality of the predicate headed by `trigger` (a verb, or an event noun)."""
    if trigger.pos_ in ("NOUN", "PROPN") and trigger.dep_ == "pobj" and (
            trigger.head.lower_ in cues.presupposing_preps) and not any(
            c.dep_ == "det" and c.lower_ in NEGATIVE_DETERMINERS for c in trigger.children):
        # the clause's future, purpose or report is about its own act, not the reference
        # point's; whether that is background is a question of time (`event_dates.py`)
        return Modality(cues=(trigger.head.lower_,))
    found: set[str] = set()
    words: list[str] = []
    source: Token | None = None
    token = trigger
    via_conj = False
    would = backshifted = False  # "said X would …": the reported "will", not a conjecture
    shared = False  # a conjunct with no subject or auxiliary of its own shares its head's
    # only infinitives up from the trigger ("would keep *talking*"): a "would" there is the
    # trigger's own, backshifted under a past speech verb as on the trigger itself
    xchain = False
    for _ in range(max_hops):
        for child in token.children:
            dep, low = child.dep_, child.lower_
            if shared and dep in ("aux", "auxpass"):
                # "might attack the port and blame the rebels": the modal governs both verbs
                if low in cues.future_aux:
                    found.add("future")
                    words.append(low)
                elif low in cues.hypothetical_aux and low not in BACKSHIFT_AUX:
                    found.add("hypothetical")
                    words.append(low)
            if not via_conj:
                if dep == "neg" or (dep == "det" and low in NEGATIVE_DETERMINERS):
                    found.add("negated")  # "has not responded"; "no agreement" (event noun)
                    words.append(low)
                elif token.i == trigger.i and dep in NEGATABLE_ARGUMENTS and any(
                    g.dep_ == "det" and g.lower_ in NEGATIVE_DETERMINERS for g in child.children
                ):
                    found.add("negated")  # "No agreement has been reached", "freed no one"
                    words.append(next(g.lower_ for g in child.children if g.dep_ == "det"))
                elif token.i == trigger.i and dep in NEGATABLE_ARGUMENTS and (
                        low in NEGATIVE_PRONOUNS):
                    found.add("negated")  # "had signed nothing with Northland"
                    words.append(low)
                elif dep in ("aux", "auxpass") and low in cues.future_aux:
                    found.add("future")
                    words.append(low)
                elif dep == "aux" and low in BACKSHIFT_AUX and (token.i == trigger.i or xchain) \
                        and not any(
                        t.dep_ == "mark" and t.lower_ not in ("that", "whether")
                        for t in token.subtree):  # "as soon as", "if", "once": conditional
                    would = True  # decided below: backshifted "will" or a conjecture
                    words.append(low)
                elif dep == "aux" and low in cues.hypothetical_aux:
                    found.add("hypothetical")
                    words.append(low)
                elif dep == "mark" and low in cues.hypothetical_marks:
                    found.add("hypothetical")
                    words.append(low)
                elif dep in ("amod", "det") and token.pos_ == "NOUN" and low in cues.hypothetical_nominal:
                    found.add("hypothetical")
                    words.append(low)
            if dep == "advmod" and low in cues.report_adverbs:
                found.add("reported")
                words.append(low)
            elif dep == "parataxis" and child.lemma_.lower() in cues.speech:
                # "Hamas released two hostages, the group said"
                src = _source_of(child)
                if src is not None:
                    found.add("reported")
                    source = source or src
                    words.append(child.lemma_.lower())
        acc = according_to(token)
        if acc is not None:
            found.add("reported")
            source = source or acc
            words.append("according to")
        dep, head = token.dep_, token.head
        if head.i == token.i:
            break
        head_lemma = head.lemma_.lower()
        if dep in ("xcomp", "acomp") or (dep == "pcomp" and head.pos_ == "ADP"):
            # "is set to resume", "refused to release", "could risk disrupting"
            if head_lemma in cues.negative_governors:
                found.add("negated")
                words.append(head_lemma)
            elif head_lemma in cues.future_governors and not (
                    head_lemma in cues.aspectual and head.tag_ in ("VBD", "VBN")):
                found.add("future")
                words.append(head_lemma)
            elif head_lemma in cues.hypothetical_governors:
                found.add("hypothetical")
                words.append(head_lemma)
            elif head_lemma in cues.belief_passive and any(
                c.dep_ == "auxpass" for c in head.children
            ):
                found.add("reported")  # "Hamas is believed to hold …"
                words.append(head_lemma)
            elif head_lemma == "be" and dep == "xcomp" and any(
                    c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
                # "Hamas is to free 50 hostages": scheduled; "the aim is to free": intended
                subjects = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")]
                if any(s.lemma_.lower() in cues.purpose_nouns for s in subjects):
                    found.add("hypothetical")
                    words.append(subjects[0].lemma_.lower())
                else:
                    found.add("future")
                    words.append("is to")
            elif dep == "xcomp" and head.pos_ == "VERB" and head_lemma not in OBJECT_CONTROL and any(
                c.dep_ in ("dobj", "obj") for c in head.children
            ) and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
                # purpose: "assembling its fighters to ambush any invasion"
                found.add("hypothetical")
                words.append("to")
                break
            xchain = dep == "xcomp" and (token.i == trigger.i or xchain)
            token, via_conj = head, False
            continue
        xchain = False
        if dep == "advcl" and not via_conj:
            to_come = _future_time_clause(token, cues, max_hops)
            if to_come is not None:
                found.add(to_come[0])
                words.append(to_come[1])
                break
            if any(c.dep_ == "mark" and c.lower_ in CAUSE_MARKS for c in token.children) and \
                    max_hops > 1:
                # "no ships were checked because the delegation refused, the centre said": the
                # cause is the speaker's explanation, reported, though not of what the clause it
                # hangs on may, will or did not do; a time clause ("two days after X left") is
                # the writer's reference point and stays asserted
                source = _carry_report(modality_of(head, cues, max_hops - 1), found, words,
                                       source)
                break
        if dep in ("advcl", "acl", "relcl") and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in token.children
        ):
            # purpose or modifier infinitive: "assembling fighters to ambush any invasion",
            # "time for aid to be delivered": intended, not done
            found.add("hypothetical")
            words.append("to")
            break
        if is_reduced_relative(token) and head.dep_ in ("dobj", "obj") and (
                head.head.lemma_.lower() in cues.small_clause_verbs):
            # not a reduced relative but an object complement: "would see the hostages
            # released", "wants the prisoners freed": the act is that clause's, and a wish's
            # object is not done
            outer = modality_of(head.head, cues, max_hops - 1)
            wish = head.head.lemma_.lower() in cues.hypothetical_governors
            value = "hypothetical" if wish else next(
                (m for m in ORDER if m in outer.found), None)
            if value is not None:
                found.add(value)
                words.append(head.head.lemma_.lower())
            source = source or outer.source
            break
        if is_reduced_relative(token):
            # a reduced relative ("weapons supplied by the US") presupposes its act: whatever
            # the clause around its noun says of that clause's own act, only who reports it
            # carries over ("Zakharova said the missiles hit weapons supplied by the US")
            source = _carry_report(modality_of(head, cues, max_hops - 1), found, words, source)
            break
        if dep in ("acl", "ccomp", "relcl") and head.pos_ == "NOUN" and any(
                c.dep_ == "mark" and c.lower_ == "that" for c in token.children) and (
                head_lemma in cues.claim_nouns or head_lemma in cues.possibility_nouns):
            # "the claim that Israel struck …", "the suggestion that Iran ordered the attack"
            found.add("reported" if head_lemma in cues.claim_nouns else "hypothetical")
            words.append(head_lemma)
            break
        if dep == "ccomp" and head_lemma in cues.future_governors and any(
                c.dep_ == "aux" and c.lower_ == "to" for c in token.children) and not any(
                c.dep_ == "auxpass" for c in head.children):
            # "he expected the envoy to agree" (parsed as a clause with its own subject): the
            # expected act is still to come, and who reports the expecting reports it
            found.add("future")
            words.append(head_lemma)
            token, via_conj = head, False
            continue
        if dep == "ccomp" and head_lemma in cues.small_clause_verbs and head.pos_ == "VERB" \
                and token.tag_ == "VB":
            # "would see Hamas release 40 hostages": the bare infinitive's act is that clause's
            if head_lemma in cues.hypothetical_governors:
                found.add("hypothetical")
                words.append(head_lemma)
                break
            token, via_conj = head, False
            continue
        if dep in ("ccomp", "parataxis"):
            if head_lemma in cues.deny:
                found.add("negated")
                source = source or _source_of(head)
                words.append(head_lemma)
                break
            if head_lemma in cues.speech or head_lemma in cues.belief_passive:
                src = _source_of(head)
                if src is not None and src.lower_ not in ("it",):
                    found.add("reported")
                    source = source or src
                    words.append(head_lemma)
                    backshifted = head.tag_ == "VBD"  # "said", "told": sequence of tenses
                elif any(c.dep_ == "auxpass" for c in head.children):
                    found.add("reported")  # "it is believed that …"
                    words.append(head_lemma)
                else:
                    acc = according_to(head)
                    if acc is not None:
                        found.add("reported")
                        source = source or acc
                        words.append("according to")
                break
            if head_lemma in cues.hypothetical_governors or head_lemma in cues.future_governors:
                # "hopes that talks resume", "fear that Israel could invade"
                found.add("hypothetical" if head_lemma in cues.hypothetical_governors else "future")
                words.append(head_lemma)
            break
        if dep == "oprd" and token.pos_ == "NOUN" and head_lemma in cues.naming_verbs:
            # "after what it called a massive drone attack": its word for it, not the outlet's
            src = _source_of(head)
            if src is not None:
                found.add("reported")
                source = source or src
                words.append(head_lemma)
            break
        if dep == "conj":
            infinitive = _infinitive_of_conjunct(token, head)
            shared = infinitive is None and token.pos_ == "VERB" and head.pos_ == "VERB" and \
                not any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in token.children)
            token, via_conj = infinitive or head, True
            continue
        shared = False
        if token.pos_ == "NOUN" and dep in ("dobj", "pobj", "nsubj", "nsubjpass", "attr", "prep",
                                            "nmod", "conj", "appos"):
            # an event noun inherits the modality of the clause it sits in
            token, via_conj = head, False
            continue
        if dep in ("prep", "agent"):
            token, via_conj = head, False
            continue
        break
    if would:
        found.add("future" if backshifted else "hypothetical")
    value = next((m for m in ORDER if m in found), "asserted")
    return Modality(
        value=value,
        source=source,
        source_text=_np_text(source) if source is not None else None,
        cues=tuple(words),
        found=frozenset(found),
    )
