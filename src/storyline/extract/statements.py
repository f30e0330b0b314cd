"""Attributed statements: who said what, how (stance) and when.

The spans come from `attribution.find_attributions` (one per attribution, in text order); this
module adds what a Statement needs beyond them:

- the speaker's actor through the article's ActorResolver; a pronoun speaker ("he", "it") keeps
  its text and takes the actor of the last named speaker of a compatible kind ("Vanguard denied …
  It said …" → Vanguard), else the resolver's own antecedent; "who" takes the noun it modifies;
- `anonymous` for unnamed sources ("a source familiar with the efforts", "officials", "State C
  officials" — the last still resolves to the government they speak for) and for agentless
  passives ("it was reported that …"), which have no speaker at all;
- the stance of the cue verb (data/base/speech_verbs.yaml), a plain "said" turned into a denial when
  its content calls something false ("said the report was baseless");
- the date the statement was made: a time expression attached to the cue's clause, never one
  inside the content ("Ostrow said on Saturday that talks would resume on Monday" → Saturday);
  without one, the publication date flagged as such.

Split quotations ("“A,” he said, “B.”") give one statement whose content is the pieces joined
by " … "; content_start/content_end cover them all.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from storyline.extract.actors import PRONOUNS, ActorResolver
from storyline.extract.attribution import (
    Attribution,
    SpeechLexicon,
    find_attributions,
    load_speech_lexicon,
)
from storyline.nlp import doc_text
from storyline.records import ActorRef, Article, Statement, TimeExpression
from storyline.temporal.anchoring import article_anchor, date_for_span

PIECE_JOIN = " … "
_PERSON_PRONOUNS = {"he", "she", "him", "her", "his"}
_THING_PRONOUNS = {"it", "its"}
_RELATIVE = {"who", "which", "that"}



def _is_person(ref: ActorRef | None) -> bool:
    return ref is not None and (ref.kind == "person" or ref.entity_type == "PERSON")


def _named(ref: ActorRef | None) -> bool:
    return ref is not None and bool(ref.canonical or ref.entity_type)


def _compatible(ref: ActorRef, pronoun: str) -> bool:
    if pronoun in _PERSON_PRONOUNS:
        return _is_person(ref)
    if pronoun in _THING_PRONOUNS:
        return not _is_person(ref)
    return True  # they, we: anyone


class _Speakers:
    """Resolves speakers in text order, remembering the last named ones."""

    def __init__(self, doc: Doc, actors: ActorResolver, lex: SpeechLexicon) -> None:
        self.doc = doc
        self.actors = actors
        self.lex = lex
        self.history: list[ActorRef] = []

    def resolve(self, head: Token, span: Span | None = None) -> ActorRef | None:
        """The actor of a speaker whose head is `head` and whose written span is `span`."""
        low = head.lower_
        if low in _RELATIVE and head.dep_.startswith("nsubj"):
            # "Katz, who said …": the noun the relative clause hangs on
            clause = head.head
            if clause.dep_ == "relcl":
                ref = self.actors.resolve_np(clause.head)
                return replace(ref, text=head.text, start=head.idx,
                               end=head.idx + len(head)) if ref is not None else None
            return None
        if low in PRONOUNS:
            # the pronoun's antecedent in the text first ("Kubrakov was less diplomatic.
            # '…,' he told reporters"), else the last speakers named
            ref = self.actors.resolve_np(head)
            if ref is not None and ref.canonical and _compatible(ref, low):
                return ref
            for prev in reversed(self.history[-4:]):
                if _compatible(prev, low):
                    return replace(prev, text=head.text, start=head.idx, end=head.idx + len(head))
            return self.actors.resolve_np(head)
        ref = self.actors.resolve(span) if span is not None else None
        if ref is None or not ref.canonical:
            # the phrase as a whole is unknown ("Qatar and Egypt, key mediators"): its head
            by_head = self.actors.resolve_np(head)
            if by_head is not None and (by_head.canonical or ref is None):
                ref = by_head
        if _named(ref):
            self.history.append(ref)  # type: ignore[arg-type]
        return ref

    def anonymous(self, head: Token) -> bool:
        """An unnamed source: its head noun is a source noun and nothing in it names a person."""
        if head.lemma_.lower() not in self.lex.anonymous_nouns and \
                head.lower_ not in self.lex.anonymous_nouns:
            return False
        for tok in head.subtree:
            if tok.ent_type_ == "PERSON":
                return False
            if tok.dep_ == "appos" and tok.pos_ == "PROPN":
                return False  # "a spokesman, John Smith"
        return True


def _content_root(doc: Doc, pieces: list[tuple[int, int]]) -> Token | None:
    """The head word of the content's first piece (the clause's verb, or the object's noun)."""
    if not pieces:
        return None
    span = doc.char_span(*pieces[0], alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _stance(att: Attribution, content: str, lex: SpeechLexicon,
            root: Token | None = None) -> str:
    stance = lex.stance.get(att.cue_key, "assert")
    if att.negated and stance in ("deny", "reject", "confirm"):
        return "assert"  # "did not deny", "hasn't confirmed": neither a denial nor a confirmation
    if stance == "reject" and root is not None:
        cue = root.doc[att.cue_token]
        objects = [c for c in cue.children if c.dep_ in ("dobj", "obj")]
        if any(o.pos_ in ("NOUN", "PROPN") and o.lemma_.lower() in lex.claim_nouns
               for o in objects):
            return "deny"  # "rejected the charge": a claim of fact denied, not a proposal refused
    if stance == "assert" and root is not None and _never_did(root):
        return "deny"  # "said it had never used the corridor", "“We never promised that …”"
    if stance == "assert" and att.direct and root is not None and \
            root.lower_ in lex.deny_content and root.tag_ in ("VBN", "JJ"):
        return "deny"  # "“These stories are invented,” she said": the quote's own predicate
    if stance == "assert" and not att.direct:
        low = content.lower()
        if any(_has_word(low, w) for w in lex.deny_content) and not _only_attributive(
                root, lex):
            return "deny"
        if root is not None:
            return _content_stance(root, low, lex) or stance
    return stance


def _only_attributive(root: Token | None, lex: SpeechLexicon) -> bool:
    """Whether every one-word denial cue in the content describes a noun ("said Northland was
    spreading *false* stories": an accusation) rather than saying what is false ("said the
    report was false")."""
    if root is None:
        return False
    clause = list(root.subtree)
    low = " ".join(t.lower_ for t in clause)
    if any(" " in w and _has_word(low, w) for w in lex.deny_content):
        return False  # "not true", "fake news": phrases say it whatever their parse
    hits = [t for t in clause if t.lower_ in lex.deny_content]
    return bool(hits) and all(t.dep_ == "amod" for t in hits)


def _never_did(root: Token) -> bool:
    """The content's verb is "never" done in the past ("had never attacked", "never promised"):
    a denial of a past act, not a vow ("will never sign")."""
    auxes = {c.lower_ for c in root.children if c.dep_ in ("aux", "auxpass")}
    return any(c.dep_ in ("neg", "advmod") and c.lower_ == "never" for c in root.children) and (
        root.tag_ == "VBD" or (root.tag_ == "VBN" and bool(auxes & {"has", "have", "had"})))


def _content_stance(root: Token, low: str, lex: SpeechLexicon) -> str | None:
    """What a plain "said" does, read from its content clause: a demand ("… should resume",
    "… wanted the ban lifted") or a warning ("… was risky", "… might shell the town")."""
    modals = {c.lower_ for c in root.children if c.dep_ in ("aux", "auxpass")}
    negated = any(c.dep_ == "neg" for c in root.children)
    if modals & lex.demand_modals and not negated:
        return "demand"
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in root.children)
    if root.lemma_.lower() in lex.demand_verbs and not negated and not passive and not modals:
        # an object of its own ("wanted the ban lifted", "expected the loans to be repaid"), not
        # the speaker's own plan ("wanted to leave")
        if any(c.dep_ in ("dobj", "obj") or (c.dep_ in ("ccomp", "xcomp") and any(
                g.dep_ in ("nsubj", "nsubjpass") for g in c.children)) for c in root.children):
            return "demand"
    if any(_has_word(low, w) for w in lex.warn_content):
        return "warn"
    if not negated and not modals & lex.warn_modals and any(
            c.dep_ == "acomp" and c.lemma_.lower() in lex.promise_adjectives and any(
                g.dep_ == "xcomp" for g in c.children) for c in root.children) and _on_terms(root):
        return "promise"  # "… was ready to return to the deal once the West met its terms"
    if _conditional_harm(root, lex):
        return "warn"  # "Southland would strike back if the corridor were abused"
    # the modal may sit one clause down ("answered with a warning: ships could be targets")
    for clause in [root] + [c for c in root.children if c.dep_ in ("ccomp", "parataxis")]:
        own = {c.lower_ for c in clause.children if c.dep_ in ("aux", "auxpass")}
        if own & lex.warn_modals and any(t.lemma_.lower() in lex.harm_lemmas
                                         for t in clause.subtree):
            return "warn"
    return None


# What a side says it will or would do on a condition: with a harm, a warning.
_RESOLVE_MODALS = frozenset({"will", "would", "'ll", "'d"})
_CONDITION_MARKS = frozenset({"if", "unless"})


_TERMS_MARKS = frozenset({"if", "unless", "once", "provided", "providing"})


def _on_terms(root: Token) -> bool:
    """An offer made on terms: an "if", "once" or "unless" clause in the content ("ready to
    return once the West met its obligations"); "ready to keep exporting" states a plan."""
    return any(t.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in _TERMS_MARKS
                                         for m in t.children) for t in root.subtree)


def _conditional_harm(root: Token, lex: SpeechLexicon) -> bool:
    """The content is a harm the speaker's side will or would do on a condition ("would
    strike back if the corridor were abused")."""
    own = {c.lower_ for c in root.children if c.dep_ in ("aux", "auxpass")}
    if not own & _RESOLVE_MODALS or any(c.dep_ == "neg" for c in root.children):
        return False
    if root.lemma_.lower() not in lex.harm_lemmas:
        return False
    return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in _CONDITION_MARKS
                                         for m in c.children) for c in root.children)


def _dates_cue(doc: Doc, tx: TimeExpression, att: Attribution) -> bool:
    """Whether a time expression belongs to the cue's clause ("said on Monday", "On Monday,
    Ostrow said"), not to a neighbouring clause ("aid was blocked in March, and the agency says")."""
    span = doc.char_span(tx.start, tx.end, alignment_mode="expand")
    if span is None:
        return False
    cue = doc[att.cue_token]
    token = span.root
    for _ in range(12):
        if token.i == cue.i:
            return True
        if token.pos_ in ("VERB", "AUX") and token.i != span.root.i:
            return False  # another clause's predicate
        if token.head.i == token.i:
            return False
        token = token.head
    return False


def _has_word(text: str, phrase: str) -> bool:
    at = text.find(phrase)
    while at >= 0:
        before = text[at - 1] if at > 0 else " "
        after = text[at + len(phrase)] if at + len(phrase) < len(text) else " "
        if not before.isalnum() and not after.isalnum():
            return True
        at = text.find(phrase, at + 1)
    return False


def extract_statements(
    doc: Doc, article: Article, times: list[TimeExpression], actors: ActorResolver,
    lex: SpeechLexicon | None = None,
) -> list[Statement]:
    """Every attributed statement of one article, in text order (`lex`: the base's speech
    verbs as the profile combines them; None: the packaged ones)."""
    lex = lex or load_speech_lexicon()
    text = doc_text(doc)
    speakers = _Speakers(doc, actors, lex)
    anchor, anchored = article_anchor(article)
    out: list[Statement] = []
    for att in find_attributions(doc, lex):
        pieces = sorted(att.contents)
        content = PIECE_JOIN.join(text[s:e] for s, e in pieces)
        head = doc[att.speaker_token] if att.speaker_token is not None else None
        span = doc.char_span(*att.speaker, alignment_mode="expand") if att.speaker else None
        ref = speakers.resolve(head, span) if head is not None else None
        speaker = text[att.speaker[0]:att.speaker[1]] if att.speaker else ""
        anonymous = att.kind == "passive" or (head is not None and speakers.anonymous(head))
        # the date it was said: expressions inside the content date what is said, not the saying
        own_times = [t for t in times if not any(s <= t.start < e for s, e in pieces)]
        lo = min(att.cue[0], att.speaker[0]) if att.speaker else att.cue[0]
        hi = max(att.cue[1], att.speaker[1]) if att.speaker else att.cue[1]
        when = date_for_span(own_times, doc, lo, hi, anchor, anchored)
        if when.expression is not None and not _dates_cue(doc, when.expression, att):
            when = date_for_span([], doc, lo, hi, anchor, anchored)  # publication, flagged
        out.append(Statement(
            article_id=article.id,
            start=att.start,
            end=att.end,
            quote=text[att.start:att.end],
            speaker=speaker,
            speaker_actor=ref,
            anonymous=anonymous,
            cue=text[att.cue[0]:att.cue[1]],
            cue_start=att.cue[0],
            cue_end=att.cue[1],
            content=content,
            content_start=pieces[0][0],
            content_end=pieces[-1][1],
            speaker_start=att.speaker[0] if att.speaker else None,
            speaker_end=att.speaker[1] if att.speaker else None,
            direct=att.direct,
            stance=_stance(att, content, lex, _content_root(doc, pieces)),
            date_earliest=when.earliest,
            date_latest=when.latest,
            date_basis=when.basis,
        ))
    return out
