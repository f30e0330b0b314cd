"""Dependency-parse helpers shared by the extractors (spaCy English labels, ClearNLP style).

Every helper looks only at a token's own children or a bounded walk up its heads, so callers
that use them once per candidate stay linear in the size of the document.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.tokens import Token

SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
PASSIVE_SUBJECT_DEPS = frozenset({"nsubjpass", "csubjpass"})
OBJECT_DEPS = frozenset({"dobj", "obj"})
COMPLEMENT_DEPS = frozenset({"xcomp", "ccomp"})
# Left modifiers that belong to a noun phrase ("the Hamas-run health ministry", "U.S. officials").
NP_LEFT_DEPS = frozenset(
    {"det", "compound", "amod", "poss", "nmod", "npadvmod", "nummod", "quantmod", "case", "punct",
     "predet", "advmod"}
)
# Right dependents that stay out of a compact noun phrase extent.
NP_RIGHT_STOP = frozenset(
    {"relcl", "acl", "appos", "conj", "cc", "punct", "advcl", "prep", "parataxis", "ccomp"}
)
# Verbs whose object controls their infinitive ("advised Israel to hold off").
OBJECT_CONTROL = frozenset(
    {"advise", "urge", "ask", "tell", "force", "allow", "persuade", "press", "order", "call",
     "encourage", "push", "pressure", "invite", "help", "enable", "compel", "request", "warn",
     "implore", "beg", "lead", "let", "get", "want", "expect", "need", "require"}
)


# Relative pronouns ("which", "who", "that") as tagged by the English models.
RELATIVE_TAGS = frozenset({"WDT", "WP"})
# Passive verbs that raise their infinitive's subject ("talks are expected to resume",
# "Hamas is believed to hold"): the passive subject is the agent of the infinitive.
RAISING_PASSIVES = frozenset({"expect", "set", "schedule", "due", "believe", "say", "report",
                              "think", "understand", "poise", "slate"})
# Nouns whose infinitive is done by whoever holds them: "Northland reserved the right to pull out"
# (Northland pulls out), "has the power to veto"; not "rejected a proposal to withdraw".
CONTROL_NOUNS = frozenset({"right", "power", "ability", "option", "freedom", "authority"})
# plover13: documents whose participle says what their issuer does ("a statement demanding …")
DOCUMENT_NOUNS = frozenset({"statement", "declaration", "communique", "letter", "message",
                            "resolution", "note", "memo", "memorandum", "notice", "appeal",
                            "petition", "decree", "order", "announcement", "speech", "address"})


def _issuer_verb(noun: Token) -> Token | None:
    """The verb a document noun is the object of ("issued a statement") or that it sets ("said
    in a statement"), or None."""
    if noun.dep_ in ("dobj", "obj") and noun.head.pos_ in ("VERB", "AUX"):
        return noun.head
    if noun.dep_ == "pobj" and noun.head.dep_ == "prep" and noun.head.head.pos_ in ("VERB", "AUX"):
        return noun.head.head
    return None


def is_reduced_relative(verb: Token) -> bool:
    """A past participle describing a noun, without auxiliary, subject or subordinator: "the
    deal *signed* in July", "arms *supplied* by Eastland" (not "the claim that X had
    *ordered* it")."""
    return verb.dep_ == "acl" and verb.tag_ == "VBN" and verb.head.pos_ in ("NOUN", "PROPN") \
        and not any(c.dep_ in ("aux", "auxpass", "mark", "nsubj", "nsubjpass")
                    for c in verb.children)


# plover13: participles whose "passive" is a state of the subject's own doing: "forces were
# engaged in fighting", "were involved in the attack": the subject acts
STATIVE_PARTICIPLES = frozenset({"engage", "involve"})


def is_passive(verb: Token) -> bool:
    """True for a passive verb ("were released"), including a bare past participle in a small
    clause ("which saw 1,200 people killed", "left two hostages freed")."""
    if verb.lemma_.lower() in STATIVE_PARTICIPLES and not any(
            c.dep_ == "agent" for c in verb.children):
        return False
    if any(c.dep_ in ("auxpass", "nsubjpass", "csubjpass") for c in verb.children):
        return True
    if verb.tag_ != "VBN" or any(c.dep_ in ("aux", "auxpass") for c in verb.children):
        return False
    if verb.dep_ == "conj" and verb.head.i != verb.i and verb.head.pos_ in ("VERB", "AUX") and any(
            c.dep_ in ("auxpass", "nsubjpass") for c in verb.head.children):
        return True  # "32 were killed and several others taken hostage": the passive elided
    if is_reduced_relative(verb):
        return True  # "the deal *signed* in July", "arms *supplied* by X"
    return verb.dep_ in ("ccomp", "xcomp", "oprd", "acl") and any(
        c.dep_ == "nsubj" for c in verb.children)


# Adverbs that the parser often attaches as `advmod` or `prep` where they are the verb's
# particle: "walked *out* over pay", "pulled *out* of the talks" (out → prep, of → prep under it).
PARTICLE_WORDS = frozenset({"out", "back", "off", "down", "up", "over", "through", "away",
                            "free"})  # "set free the aid workers"
STACKED_PARTICLES = frozenset({"out", "back", "away", "off"})


def particle(verb: Token) -> Token | None:
    """The verb's particle ("call *up*", "let *in*", "pull *out* of"), if any: a `prt` child,
    one of `PARTICLE_WORDS` right after the verb that governs no noun of its own ("walked out";
    not "ran over the road"), or a stacked one with a preposition under it ("pulled its
    troops out of the town")."""
    for child in verb.children:
        if child.dep_ == "prt":
            return child
    doc = verb.doc
    if verb.i + 1 < len(doc):
        nxt = doc[verb.i + 1]
        if (nxt.head.i == verb.i and nxt.lower_ in PARTICLE_WORDS and nxt.dep_ in ("advmod", "prep")
                and not any(c.dep_ == "pobj" for c in nxt.children)):
            return nxt
    for child in verb.children:
        if (child.dep_ == "prep" and child.lower_ in STACKED_PARTICLES
                and not any(g.dep_ == "pobj" for g in child.children)
                and any(g.dep_ == "prep" for g in child.children)):
            return child
    return None


def with_conjuncts(tokens: Iterable[Token]) -> list[Token]:
    """The tokens plus their coordinated conjuncts ("Eastland and Westland"), in text order."""
    seen: dict[int, Token] = {}
    for token in tokens:
        seen.setdefault(token.i, token)
        for conj in token.conjuncts:
            seen.setdefault(conj.i, conj)
    return [seen[i] for i in sorted(seen)]


def children(token: Token, deps: Iterable[str] | frozenset[str]) -> list[Token]:
    """The token's children with one of these dependency labels."""
    wanted = deps if isinstance(deps, frozenset) else frozenset(deps)
    return [c for c in token.children if c.dep_ in wanted]


def prep_objects(token: Token, preps: Iterable[str] | None = None) -> Iterator[tuple[Token, Token]]:
    """(preposition, object) pairs under the token ("talks *with* Vanguard", "released *by* …")."""
    wanted = None if preps is None else {p.lower() for p in preps}
    for child in token.children:
        if child.dep_ not in ("prep", "agent", "dative"):
            continue
        if wanted is not None and child.lower_ not in wanted:
            continue
        for grand in child.children:
            if grand.dep_ in ("pobj", "pcomp"):
                yield child, grand


def direct_objects(verb: Token) -> list[Token]:
    """Direct objects (with conjuncts); for a passive verb, its passive subject."""
    objs = children(verb, OBJECT_DEPS)
    if not objs and is_passive(verb):
        objs = children(verb, PASSIVE_SUBJECT_DEPS) or children(verb, ("nsubj",))
        if not objs and is_reduced_relative(verb):
            objs = [verb.head]  # "the agreement signed in July": what was signed
    return with_conjuncts(objs)


def _own_subjects(verb: Token) -> list[Token]:
    subs = children(verb, SUBJECT_DEPS)
    if not subs and verb.lemma_.lower() in STATIVE_PARTICIPLES and not is_passive(verb):
        subs = children(verb, PASSIVE_SUBJECT_DEPS)
    if is_passive(verb):  # the agent of a passive is its by-phrase, never its subject
        subs = [pobj for _, pobj in prep_objects(verb, ("by",)) if _.dep_ == "agent"] or [
            pobj for _, pobj in prep_objects(verb, ("by",))
        ]
    return subs


def subjects(verb: Token, max_hops: int = 4) -> list[Token]:
    """The agents of a verb: nsubj, or the by-agent of a passive, or (when the clause has none)
    the controller of an infinitive or the subject of the verb it is coordinated with.

    "Eastland and Westland mediated" → [Eastland, Westland]; "were released by Vanguard" → [Vanguard];
    "Washington tries to free" (free) → [Washington]; "advised Northland to hold off" (hold) →
    [Northland]; "met and discussed" (discussed) → the subject of "met".
    """
    token = verb
    via_xcomp = False
    for _ in range(max_hops):
        own = _own_subjects(token)
        if own:
            if (token.dep_ == "relcl" and len(own) == 1 and own[0].tag_ in RELATIVE_TAGS
                    and token.head.pos_ in ("NOUN", "PROPN")):
                return with_conjuncts([token.head])  # "Israel, which has resumed …" → Israel
            return with_conjuncts(own)
        if is_passive(token):
            if via_xcomp and token.lemma_.lower() in RAISING_PASSIVES:
                # "negotiators are expected to resume": the raised subject is the agent
                return with_conjuncts(children(token, PASSIVE_SUBJECT_DEPS))
            return []  # an agentless passive has no stated agent
        dep, head = token.dep_, token.head
        if head.i == token.i:
            return []
        via_xcomp = dep == "xcomp"
        if dep == "xcomp":
            objs = children(head, ("dobj", "obj"))
            if objs and head.lemma_ in OBJECT_CONTROL:
                return with_conjuncts(objs)
            token = head
        elif dep == "conj" and head.pos_ in ("VERB", "AUX"):
            if is_passive(head) and not is_passive(token):
                # plover13: "was indicted by the court and will resign": the conjunct shares
                # the passive's subject, not its by-agent
                shared = children(head, PASSIVE_SUBJECT_DEPS)
                if shared:
                    return with_conjuncts(shared)
            token = head
        elif dep == "acomp":
            token = head  # "trucks had been able to enter": able → been
        elif dep == "pcomp" and head.dep_ == "prep" and head.head.pos_ in ("VERB", "AUX"):
            token = head.head  # "signaled a shift by sending infantry" → sending's subject
        elif (dep == "acl" and head.lemma_.lower() in CONTROL_NOUNS
              and head.dep_ in ("dobj", "obj") and head.head.pos_ in ("VERB", "AUX")
              and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)):
            token = head.head  # "Northland reserved the right to pull out" → Northland
        elif (dep == "acl" and token.tag_ == "VBG" and head.lemma_.lower() in DOCUMENT_NOUNS
              and _issuer_verb(head) is not None):
            # plover13: "issued a statement demanding that …", "said in a letter urging …": the
            # document's participle is its issuer's act
            token = _issuer_verb(head)
        elif dep in ("relcl", "acl") and head.pos_ in ("NOUN", "PROPN", "PRON"):
            # "the militants who attacked" → militants (only for active relative clauses)
            return [head] if dep == "relcl" else []
        elif dep == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
            token = head  # "Israel struck Rafah to free hostages": purpose shares the subject
        elif dep == "advcl" and token.tag_ == "VBG" and not any(
                c.dep_ in ("mark", "nsubj") for c in token.children):
            token = head  # "gunmen attacked Israel, killing 1,200": the participle's subject
        else:
            return []
    return []


def grammatical_subjects(verb: Token, max_hops: int = 4) -> list[Token]:
    """The surface subject (active or passive) of a verb or of the verb controlling it:
    "Talks are set to resume" (resume) → [Talks]."""
    token = verb
    for _ in range(max_hops):
        own = children(token, SUBJECT_DEPS | PASSIVE_SUBJECT_DEPS)
        if own:
            return with_conjuncts(own)
        if token.dep_ in ("xcomp", "acomp", "conj") and token.head.i != token.i:
            token = token.head
        else:
            return []
    return []


def np_extent(token: Token) -> tuple[int, int]:
    """Token range [start, end) of a compact noun phrase headed by `token`: its left modifiers
    and right complements, without relative clauses, appositions, conjuncts or trailing PPs
    other than "of"."""
    start = token.i
    for child in token.lefts:
        if child.dep_ in NP_LEFT_DEPS or child.dep_ in ("amod", "compound"):
            start = min(start, child.left_edge.i)
    end = token.i + 1
    for child in token.rights:
        if child.dep_ in NP_RIGHT_STOP and not (child.dep_ == "prep" and child.lower_ == "of"):
            break
        end = max(end, child.right_edge.i + 1)
    # never start on punctuation or a coordinating word
    doc = token.doc
    while start < token.i and (doc[start].is_punct or doc[start].dep_ == "cc"):
        start += 1
    return start, end


def np_left_extent(token: Token) -> int:
    """First token index of the noun phrase's left modifiers (determiners, adjectives, compounds,
    possessives): "the Vanguard-run health ministry" → index of "the"."""
    start = token.i
    for child in token.lefts:
        if child.dep_ in NP_LEFT_DEPS:
            start = min(start, child.left_edge.i)
    doc = token.doc
    while start < token.i and (doc[start].is_punct or doc[start].dep_ == "cc"):
        start += 1
    return start


def head_chain(token: Token, max_hops: int = 8) -> Iterator[Token]:
    """The token's heads upwards (not including the token), stopping at the sentence root."""
    current = token
    for _ in range(max_hops):
        head = current.head
        if head.i == current.i:
            return
        yield head
        current = head


def clause_verb(token: Token, max_hops: int = 8) -> Token | None:
    """The nearest verb governing the token (itself if it is a verb)."""
    if token.pos_ in ("VERB", "AUX"):
        return token
    for head in head_chain(token, max_hops):
        if head.pos_ in ("VERB", "AUX"):
            return head
    return None


def according_to(token: Token) -> Token | None:
    """The pobj of an "according to X" attached to the token."""
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "according":
            for to in child.children:
                if to.lower_ == "to":
                    for pobj in to.children:
                        if pobj.dep_ == "pobj":
                            return pobj
    return None
