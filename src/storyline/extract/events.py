"""PLOVER events from one parsed article: who did what to whom, where, when, and how sure.

A predicate from `data/event_lexicon.yaml` (a verb sense, a light verb with an event noun such as
"launched an offensive", a stop verb such as "suspended talks", or an event noun with an actor
attached such as "Northland's blockade of Gaza") gives the PLOVER type and mode. The dependency
parse gives the participants (subjects with conjuncts, passive by-agents, infinitive controllers;
objects and prepositional recipients), the location (a place in a locative PP) and the content of
requests and rejections ("advised Northland to hold off" is one REQUEST by State C to
Northland, mode change; "hold off" is not an event of its own). `extract/modality.py` gives the
modality and the reporting source; `extract/event_dates.py` the date from the event's own time
expressions and whether it is a background mention (PLOVER's "historical" context). Plain
statements are not events.

`merge_events` makes one record per happening: the records of one predicate (from the rules
and from the learned typing), and those of an event noun and the clause that describes it
("the attack, in which 30 were killed"), with one actor set and one recipient set.

One pass over the tokens finds the candidates; each candidate looks only at its own
neighbourhood in the tree, so the cost is linear in the article's length.
"""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass
from datetime import date
from typing import Any

from spacy.tokens import Doc, Token

from storyline.data import read_yaml
from storyline.extract import event_classifier, syntax
from storyline.extract.actors import PLACE_LABELS, PRONOUNS, ActorResolver
from storyline.extract.event_dates import TimeFrameCues, event_date, frame_tokens
from storyline.extract.modality import ModalityCues, modality_of
from storyline.nlp import doc_text
from storyline.records import ActorRef, Article, Event, TimeExpression
from storyline.temporal.anchoring import article_anchor

LOCATIVE_PREPS = frozenset({"in", "at", "near", "inside", "across", "outside", "into", "off",
                            "throughout", "around", "within", "from", "on"})
RECIPIENT_PREPS = frozenset({"with", "to", "against", "on", "at", "between", "toward", "towards",
                             "upon", "of", "from", "for"})
# Prepositions that, before a place name, say where rather than to whom.
PLACE_PREPS = frozenset({"at", "from", "in", "near", "inside", "across", "outside", "into",
                         "off", "throughout", "around", "within"})
DEFINITE_DETERMINERS = frozenset({"the", "this", "that", "these", "those"})
# "killed *in* Israeli strikes", "wounded *by* shelling": the event noun is the means.
INSTRUMENT_PREPS = frozenset({"in", "by", "during", "amid"})


@dataclass(frozen=True)
class Sense:
    """One sense of a verb in the lexicon, with the conditions under which it applies."""

    type: str
    mode: str | None = None
    prt: str | None = None
    prep: str | None = None
    objects: frozenset[str] | None = None
    subjects: frozenset[str] | None = None
    complement: str | None = None  # None, "any", "base", "finite" or "other"
    # the complement's verb is one of these ("asked not to be *named*", "let it *expire*")
    complement_words: frozenset[str] | None = None
    # the complement is an event of one of these types ("refused to *deploy* troops")
    complement_types: frozenset[str] | None = None
    conflict: bool = False
    # the classifier never retypes this reading (an unambiguous verb: "welcomed")
    firm: bool = False
    # only with no object and no clause ("the minister has just signed")
    intransitive: bool = False


@dataclass
class EventLexicon:
    """The compiled event lexicon (see `load_event_lexicon`)."""

    verbs: dict[str, list[Sense]]
    light_verbs: frozenset[str]
    stop_verbs: frozenset[str]
    stop_result: dict[str, tuple[str, str | None]]
    nouns: dict[str, tuple[str, str | None]]
    standalone: frozenset[str]
    request_modes: dict[str, str]
    request_default: str
    future_types: dict[str, str]
    commitment: frozenset[str]
    content_types: frozenset[str]
    threat_modes: dict[str, str]
    threat_words: frozenset[str]
    quad_class: dict[str, int]
    cues: ModalityCues
    patient_nouns: frozenset[str] = frozenset()
    weapon_nouns: frozenset[str] = frozenset()  # a weapon subject's owner is the actor
    place_nouns: frozenset[str] = frozenset()  # a name before one says where, not to whom
    noun_prep_types: dict[tuple[str, str], tuple[str, str | None]] = dataclasses.field(
        default_factory=dict)
    # light verbs that also take their event noun as subject ("talks resumed", "war broke out")
    intransitive_light: frozenset[str] = frozenset()
    # nouns that carry the event their modifier names ("mediation efforts", "the aid programme")
    carrier_nouns: frozenset[str] = frozenset()
    phrasal_light: frozenset[str] = frozenset()  # "break out", "flare up": light with particle
    time_frame: TimeFrameCues | None = None
    # types that are a commitment themselves: committed to, they are made now
    commitment_types: frozenset[str] = frozenset()
    # types a party performs by announcing them ("said it was suspending its participation")
    announced_types: frozenset[str] = frozenset()
    # light verbs whose event is still to come ("more talks were planned")
    schedule_verbs: frozenset[str] = frozenset()
    # plover13: verbs whose object is moved or freed, not addressed ("freed the hostages")
    moved_object_verbs: frozenset[str] = frozenset()
    # plover13: nouns of a commitment whose "to"/"against" object is the party it is aimed at
    pledge_nouns: frozenset[str] = frozenset()
    # plover13: participles that say captives were taken ("kidnapped villagers")
    captor_verbs: frozenset[str] = frozenset()

    def particle_lemmas(self, lemma: str) -> bool:
        return any(s.prt for s in self.verbs.get(lemma, ()))


def _words(value: Any, sets: dict[str, frozenset[str]]) -> frozenset[str] | None:
    if value is None:
        return None
    if isinstance(value, str):
        if value not in sets:
            raise ValueError(f"event lexicon: unknown word set {value!r}")
        return sets[value]
    return frozenset(str(w).lower() for w in value)


def _word(value: Any) -> str | None:
    """A particle or preposition from YAML, where a bare `on`/`off` parses as a boolean."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "on" if value else "off"
    return str(value).lower()


# A sense of this type says the reading is no event (its conditions pick it out).
NO_EVENT = "NONE"
# plover13: the word a lexicon set uses for any token tagged a person's name ("hosted Ryutaro
# Hashimoto": the object's lemma is the surname, which no list can hold)
PERSON_WORD = "<person>"


@functools.cache
def load_event_lexicon(path: str | None = None) -> EventLexicon:
    """Compile the event lexicon once per process (`path` None = the default story profile's)."""
    if path is None:
        from storyline.profiles.compiled import default_resources

        return default_resources().events
    return compile_event_lexicon(read_yaml("event_lexicon.yaml", path))


def compile_event_lexicon(data: dict[str, Any]) -> EventLexicon:
    """The event lexicon from its data (a story profile's, merged with the base)."""
    sets = {k: frozenset(str(w).lower() for w in v) for k, v in (data.get("sets") or {}).items()}
    verbs: dict[str, list[Sense]] = {}
    for lemma, senses in (data.get("verbs") or {}).items():
        compiled = []
        for raw in senses or []:
            complement = raw.get("complement")
            compiled.append(Sense(
                type=str(raw["type"]),
                mode=raw.get("mode"),
                prt=_word(raw.get("prt")),
                prep=_word(raw.get("prep")),
                objects=_words(raw.get("objects"), sets),
                subjects=_words(raw.get("subjects"), sets),
                complement=(complement if complement in ("base", "finite", "other") else "any")
                if complement else None,
                complement_words=_words(raw.get("complement_words"), sets),
                complement_types=frozenset(str(t) for t in raw["complement_types"])
                if raw.get("complement_types") else None,
                conflict=bool(raw.get("conflict")),
                firm=bool(raw.get("firm")),
                intransitive=bool(raw.get("intransitive")),
            ))
        verbs[str(lemma).lower()] = compiled
    stop = data.get("stop_verbs") or {}
    nouns = {str(k).lower(): (str(v["type"]), v.get("mode"))
             for k, v in (data.get("nouns") or {}).items()}
    request_modes: dict[str, str] = {}
    for mode, words in (data.get("request_modes") or {}).items():
        for word in words or []:
            request_modes.setdefault(str(word).lower(), str(mode))
    cues = ModalityCues.from_dict(data.get("modality") or {})
    schedule = frozenset(str(w).lower() for w in data.get("schedule_verbs") or [])
    return EventLexicon(
        verbs=verbs,
        light_verbs=frozenset(str(w) for w in data.get("light_verbs") or []) | schedule,
        stop_verbs=frozenset(str(w) for w in stop.get("verbs") or []),
        stop_result={k: (str(v["type"]), v.get("mode")) for k, v in (stop.get("result") or {}).items()},
        nouns=nouns,
        standalone=frozenset(str(w).lower() for w in data.get("standalone_nouns") or []),
        request_modes=request_modes,
        request_default=str(data.get("request_default_mode") or "change"),
        future_types={str(k): str(v) for k, v in (data.get("future_types") or {}).items()},
        commitment=frozenset(str(w).lower() for w in data.get("commitment_cues") or []),
        content_types=frozenset(data.get("content_types") or []),
        threat_modes={str(k): str(v) for k, v in (data.get("threat_modes") or {}).items()},
        threat_words=frozenset(str(w).lower() for w in data.get("threat_words") or []),
        quad_class={str(k): int(v) for k, v in (data.get("quad_class") or {}).items()},
        cues=cues,
        patient_nouns=frozenset(str(w).lower() for w in data.get("patient_nouns") or []),
        weapon_nouns=frozenset(str(w).lower() for w in data.get("weapon_nouns") or []),
        place_nouns=frozenset(str(w).lower() for w in data.get("place_nouns") or []),
        noun_prep_types={
            (str(noun).lower(), str(_word(prep))): (str(v["type"]), v.get("mode"))
            for noun, preps in (data.get("noun_preps") or {}).items()
            for prep, v in (preps or {}).items()
        },
        intransitive_light=frozenset(str(w).lower() for w in data.get("intransitive_light") or []),
        carrier_nouns=frozenset(str(w).lower() for w in data.get("carrier_nouns") or []),
        phrasal_light=frozenset(str(w).lower() for w in data.get("phrasal_light_verbs") or []),
        time_frame=TimeFrameCues.from_dict(data.get("time_frame") or {},
                                           cues.speech | cues.belief_passive),
        commitment_types=frozenset(str(t) for t in data.get("commitment_types") or []),
        announced_types=frozenset(str(t) for t in data.get("announced_types") or []),
        schedule_verbs=schedule,
        moved_object_verbs=frozenset(str(w).lower() for w in data.get("moved_object_verbs") or []),
        pledge_nouns=frozenset(str(w).lower() for w in data.get("pledge_nouns") or []),
        captor_verbs=frozenset(str(w).lower() for w in data.get("captor_verbs") or []),
    )


# --------------------------------------------------------------------------- predicate matching


@dataclass
class Candidate:
    """A predicate found in the text, before participants are attached."""

    trigger: Token
    type: str
    mode: str | None
    kind: str  # verb, light, stop, noun
    noun: Token | None = None  # the event noun of a light/stop verb or a nominal event
    objects: tuple[Token, ...] = ()
    complement: Token | None = None
    # the lexicon sense matched a particle, preposition, object or subject constraint: a
    # reading of the phrase itself, which the sentence-level classifier does not retype
    specific: bool = False
    # added by the classifier (no lexicon predicate): an event only with a resolved actor
    learned: bool = False
    # plover13: a clause another party is said to be obliged to do ("said Sudan must return
    # the helicopter"), no lexicon predicate: an event only as the speaker's demand
    obliged: bool = False


def _noun_key(noun: Token, lex: EventLexicon) -> tuple[str, str | None] | None:
    """Event type of a noun, trying "air strike"-style compounds (and adjectives) first."""
    if noun.ent_type_ in ("DATE", "TIME"):
        return None  # "since 2 March": the month, not a march
    lemma = noun.lemma_.lower()
    # "calls *for* a ceasefire" are requests, not phone calls (the parser often hangs "for" on
    # the verb, so the next word counts as well as a prep child)
    nxt = noun.nbor(1) if noun.i + 1 < len(noun.doc) else None
    for child in [*(c for c in noun.children if c.dep_ == "prep"), *([nxt] if nxt else [])]:
        if (lemma, child.lower_) in lex.noun_prep_types:
            return lex.noun_prep_types[(lemma, child.lower_)]
    for child in noun.lefts:
        if child.dep_ in ("compound", "amod"):  # "air strike", "general strike"
            both = f"{child.lemma_.lower()} {lemma}"
            if both in lex.nouns:
                return lex.nouns[both]
    found = lex.nouns.get(lemma) or lex.nouns.get(noun.lower_)
    if found is None and lemma in lex.carrier_nouns:
        # "ended its mediation efforts", "suspended the aid programme": the modifier's event
        for child in noun.lefts:
            if child.dep_ in ("compound", "amod") and child.lemma_.lower() in lex.nouns:
                return lex.nouns[child.lemma_.lower()]
    return found


def _complements(verb: Token) -> list[Token]:
    return [c for c in verb.children if c.dep_ in syntax.COMPLEMENT_DEPS]


def _verb_prep_objects(verb: Token, preps: tuple[str, ...]) -> list[tuple[Token, Token]]:
    """(preposition, object) pairs of the verb, and of a particle the parser made a
    preposition or an adverb ("pulled out *of* the deal", "walked away *from* the offer": the
    preposition hangs on the particle)."""
    pairs = list(syntax.prep_objects(verb, preps))
    prt = syntax.particle(verb)
    if prt is not None and prt.dep_ in ("prep", "advmod"):
        pairs += syntax.prep_objects(prt, preps)
    return pairs


def _has_prep(verb: Token, prep: str) -> bool:
    """The verb, or its direct object, has this preposition ("discussed the crisis *with* …")."""
    if _verb_prep_objects(verb, (prep,)):
        return True
    return any(any(True for _ in syntax.prep_objects(o, (prep,)))
               for o in syntax.children(verb, syntax.OBJECT_DEPS))


def _sense_objects(verb: Token, sense: Sense) -> list[Token]:
    if sense.prep:
        return [pobj for _, pobj in _verb_prep_objects(verb, (sense.prep,))]
    objs = syntax.direct_objects(verb)
    if not objs:
        # "called up reservists" parsed with the object under the particle, or "let aid in"
        objs = [pobj for _, pobj in syntax.prep_objects(verb, ("of",))]
    return objs


def _lemma_set(tokens: list[Token]) -> set[str]:
    out = set()
    for tok in tokens:
        out.add(tok.lemma_.lower())
        out.add(tok.lower_)
        if tok.ent_type_ == "NORP" and tok.tag_ in ("NNPS", "NNS"):
            out.add("people")  # "freed five Americans": nationals are people
        if tok.ent_type_ == "PERSON":
            out.add(PERSON_WORD)  # plover13: "hosted Ryutaro Hashimoto": a person by name
            out.add("person")  # cameo13: "freed Jan Novak": a named person is a person
        for child in tok.children:  # "trucks of aid", "aid trucks", "jailed Palestinian men"
            if child.dep_ in ("compound", "amod"):
                out.add(child.lemma_.lower())
            if child.dep_ == "prep" and child.lower_ == "of":  # "hundreds of jailed militants"
                for g in child.children:
                    if g.dep_ == "pobj":
                        out.add(g.lemma_.lower())
                        out.update(m.lemma_.lower() for m in g.children
                                   if m.dep_ in ("compound", "amod"))
    return out


def _conflict_mode(verb: Token, lex: EventLexicon) -> str | None:
    """Threat mode if the verb's complement announces a conflict act, else None."""
    for comp in _complements(verb) + [p for _, p in syntax.prep_objects(verb, ("of", "against"))]:
        for tok in comp.subtree:
            lemma = tok.lemma_.lower()
            for sense in lex.verbs.get(lemma, ()):
                if sense.type in lex.threat_modes and tok.pos_ == "VERB":
                    return lex.threat_modes[sense.type]
            if lemma in lex.threat_words:
                return "violence"
    return None


# Modals of obligation: "suggested that the cargoes *should* be limited" asks for it, as the
# subjunctive "suggested the cargoes be limited" does; "might", "could" only conjecture.
MANDATIVE_MODALS = frozenset({"should", "must"})


def _mandative(clause: Token) -> bool:
    """A clause that states what someone is to do: a bare subjunctive ("suggested Northland
    refrain", "insisted the cargoes be limited") or one with "should"/"must"; not a
    conjecture ("suggested it might be")."""
    modals = [a for a in clause.children if a.dep_ in ("aux", "auxpass") and a.tag_ == "MD"]
    if modals:
        return all(a.lower_ in MANDATIVE_MODALS for a in modals)
    if clause.tag_ == "VB":
        return True
    return clause.tag_ == "VBN" and any(
        a.dep_ == "auxpass" and a.tag_ == "VB" for a in clause.children)


def _finite(clause: Token) -> bool:
    """A "that" clause with its own subject ("promised that Northland would not attack"), not an
    infinitive ("promised to open the port")."""
    return clause.dep_ == "ccomp" and any(
        c.dep_ in ("nsubj", "nsubjpass", "expl") for c in clause.children) and not any(
        c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)


def _others_act(verb: Token) -> list[Token]:
    """The clauses of `verb` that say what someone other than its subject is to do: a
    complement with a subject of its own ("wanted the restrictions to be lifted", "wanted the
    port added to the deal"), an infinitive controlled by the object ("wants the West to lift
    the sanctions") or a participle on the object ("wants the prisoners freed"); not the
    subject's own wish ("wants to join the alliance")."""
    objects = syntax.direct_objects(verb)
    out = [c for c in _complements(verb)
           if (c.dep_ == "ccomp" and any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children))
           or (c.dep_ == "xcomp" and objects)]
    out += [a for o in objects for a in o.children if a.dep_ == "acl" and a.tag_ == "VBN"]
    return out


def _match_verb(verb: Token, lex: EventLexicon) -> Candidate | None:
    lemma = verb.lemma_.lower()
    prt_tok = syntax.particle(verb)
    prt = prt_tok.lower_ if prt_tok is not None else None
    senses = lex.verbs.get(lemma)
    if senses:
        subject_lemmas = None
        # "approved continued ground operations": a light verb over an event noun is that
        # event, whatever the verb's unconditioned sense ("approved the plan": SUPPORT)
        light_noun = lemma in lex.light_verbs and any(
            _noun_key(o, lex) for o in syntax.direct_objects(verb))
        for sense in senses:
            if light_noun and sense == Sense(type=sense.type, mode=sense.mode):
                continue
            if sense.prt and sense.prt != prt:
                continue
            if not sense.prt and prt and lex.particle_lemmas(lemma):
                continue  # "hold off", "call off": a particle sense exists and this is not it
            if sense.prep and not _has_prep(verb, sense.prep):
                continue
            objs = _sense_objects(verb, sense) if sense.objects is not None else []
            if sense.intransitive and (syntax.direct_objects(verb) or _complements(verb)):
                continue
            if sense.objects is not None and not (_lemma_set(objs) & sense.objects):
                continue
            if sense.subjects is not None:
                if subject_lemmas is None:
                    subs = syntax.grammatical_subjects(verb)
                    subject_lemmas = _lemma_set(subs)
                if not (subject_lemmas & sense.subjects):
                    continue
            comp = None
            if (sense.complement or sense.complement_words is not None
                    or sense.complement_types is not None):
                comps = _others_act(verb) if sense.complement == "other" else _complements(verb)
                if sense.complement == "base":
                    comps = [c for c in comps if _mandative(c)]
                elif sense.complement == "finite":
                    comps = [c for c in comps if _finite(c)]
                if sense.complement_words is not None:
                    comps = [c for c in comps if c.lemma_.lower() in sense.complement_words]
                if sense.complement_types is not None:
                    comps = [c for c in comps if c.pos_ in ("VERB", "AUX") and (
                        (found := _match_verb(c, lex)) is not None
                        and found.type in sense.complement_types)]
                if not comps:
                    continue
                comp = comps[0]
            mode = sense.mode
            if sense.conflict:
                mode = _conflict_mode(verb, lex)
                if mode is None:
                    continue
            if sense.type == NO_EVENT:
                # a reading the lexicon rules out ("met their demands"): no event, and no
                # clause for the classifier to type either
                return Candidate(verb, NO_EVENT, None, "verb")
            specific = bool(sense.prt or sense.prep or sense.objects is not None
                            or sense.subjects is not None or sense.complement_words is not None
                            or sense.complement_types is not None
                            or sense.firm or sense.intransitive)
            return Candidate(verb, sense.type, mode, "verb", objects=tuple(objs),
                             complement=comp or next(iter(_complements(verb)), None),
                             specific=specific)
    phrasal = f"{lemma} {prt}" in lex.phrasal_light if prt else False
    if lemma in lex.light_verbs or lemma in lex.stop_verbs or phrasal:
        if prt and not phrasal and lemma not in ("carry", "step", "call", "break"):
            return None  # "hold off", "hold up": not "hold talks"
        if lemma in lex.schedule_verbs and _complements(verb):
            return None  # "talks are scheduled to resume": the resuming is the event
        nouns = syntax.direct_objects(verb)
        intransitive = False
        if not nouns:
            # "talks resumed", "fighting continued", "talks are set to resume"
            nouns = syntax.grammatical_subjects(verb)
            intransitive = True
        for noun in nouns:
            key = _noun_key(noun, lex)
            if key is None:
                continue
            ev_type, mode = key
            if lemma in lex.stop_verbs and not phrasal:
                if ev_type not in lex.stop_result:
                    return None
                ev_type, mode = lex.stop_result[ev_type]
                return Candidate(verb, ev_type, mode, "stop", noun=noun, objects=(noun,))
            if intransitive and not phrasal and lemma not in lex.intransitive_light:
                return None
            return Candidate(verb, ev_type, mode, "light", noun=noun, objects=(noun,))
        if lemma in lex.stop_verbs and not phrasal:
            # "stopped firing", "agreed to halt fighting": a gerund of attack the stop verb
            # governs is the fire it ends (a ceasefire). Only attacks: "stopped protesting
            # students" is mostly a misparse of a participle, not a protest called off
            for comp in verb.children:
                if comp.dep_ in ("xcomp", "dobj") and comp.tag_ == "VBG":
                    ended = _match_verb(comp, lex)
                    if ended is not None and ended.type == "ASSAULT" and ended.type in lex.stop_result:
                        ev_type, mode = lex.stop_result[ended.type]
                        return Candidate(verb, ev_type, mode, "stop", noun=comp, objects=(comp,))
    return None


# How far back (tokens) a definite weapon noun looks for the mention that says whose it is.
WEAPON_ANTECEDENT_WINDOW = 400


def _earlier_owner(weapon: Token) -> list[Token]:
    """The owner of a definite weapon noun named by an earlier mention of the same noun:
    "Northland cruise missiles struck the port … the missiles had destroyed a warship" →
    Northland. Empty for an indefinite one ("two missiles") or when no earlier mention says."""
    if not any(c.dep_ == "det" and c.lower_ in DEFINITE_DETERMINERS for c in weapon.children):
        return []
    doc = weapon.doc
    lemma = weapon.lemma_.lower()
    for i in range(weapon.i - 1, max(-1, weapon.i - WEAPON_ANTECEDENT_WINDOW), -1):
        if doc[i].lemma_.lower() == lemma and doc[i].pos_ == "NOUN":
            owner = _noun_actor_tokens(doc[i])
            if owner:
                return owner
    return []


def _pronoun_owner(weapon: Token) -> list[Token]:
    """ "its missiles", "their drones": the possessive pronoun, which the actor resolver takes
    to its antecedent ("Northland denied that its missiles had hit the port" → Northland)."""
    return [c for c in weapon.children if c.dep_ == "poss" and c.pos_ == "PRON"
            and c.lower_ in ("its", "their", "his", "her", "our")]


def _noun_actor_tokens(noun: Token) -> list[Token]:
    """Tokens naming who carries out a nominal event: "Northland's", "Israeli", "State C", "by X".

    The possessive of a patient noun names who undergoes it ("Nasser's assassination"): only
    "by X" or an adjective names its agent there."""
    patient = noun.lemma_.lower() in load_event_lexicon().patient_nouns and not any(
        c.dep_ == "prep" and c.lower_ == "of" for c in noun.children)  # "Israel's killing of X"
    out = []
    for child in noun.children:
        if child.dep_ == "poss" and child.pos_ != "PRON":
            if not patient:
                out.append(child)
        elif child.dep_ in ("amod", "compound", "nmod") and child.ent_type_ in (
                ("NORP", "GPE", "ORG") if patient else ("NORP", "GPE", "ORG", "PERSON")):
            out.append(child)
        elif child.dep_ == "prep" and child.lower_ == "by":
            out.extend(g for g in child.children if g.dep_ == "pobj")
    return out


# --------------------------------------------------------------------------- extraction



def _location(tokens: list[Token]) -> str | None:
    """A place named in a locative PP of the trigger, its event noun or its object."""
    for tok in tokens:
        for prep, pobj in syntax.prep_objects(tok):
            if prep.lower_ not in LOCATIVE_PREPS and prep.lower_ != "to":
                continue
            if pobj.ent_type_ in PLACE_LABELS:
                start, end = syntax.np_extent(pobj)
                span = pobj.doc[start:end]
                ents = [e for e in span.ents if e.label_ in PLACE_LABELS]
                if ents:
                    return ents[0].text
    return None


# Verbs of a relative clause that lay an attack at someone's door ("which Russia blamed on …").
BLAME_VERBS = frozenset({"blame", "attribute", "pin"})


def _armed_attack_on(noun: Token, lex: EventLexicon) -> bool:
    """An event noun with its weapon and its target ("a drone attack on ships", "missile
    strikes against the port"), or an attack on a named place that did something ("strikes on
    Lakeport destroyed the silos"): one happening, though the text may not say whose."""
    targets = [g for c in noun.children if c.dep_ == "prep" and c.lower_ in ("on", "against")
               for g in c.children if g.dep_ == "pobj"]
    if not targets:
        return False
    if any(c.dep_ == "compound" and c.lemma_.lower() in lex.weapon_nouns for c in noun.children):
        return True
    key = _noun_key(noun, lex)
    if key is None or key[0] != "ASSAULT" or not any(
            t.ent_type_ in PLACE_LABELS or t.pos_ == "PROPN" or any(
                c.dep_ == "compound" and c.pos_ == "PROPN" for c in t.children) for t in targets):
        return False
    if noun.dep_ == "nsubj" and noun.head.pos_ == "VERB":
        return True
    # one dated attack on a named target ("Monday's attack on the Crimean bridge", "the
    # attack on the Kerch bridge, which Russia blamed on Ukraine"): a happening of its own
    return any(c.dep_ == "poss" and c.ent_type_ in ("DATE", "TIME") for c in noun.children) or any(
        c.dep_ == "relcl" and c.lemma_.lower() in BLAME_VERBS for c in noun.children)


def _involvement(noun: Token) -> tuple[Token, Token] | None:
    """("have", the pronoun) when an event noun ends "X had nothing (anything) to do with the
    attack": X's part in it, denied or asserted ("denied having anything to do with it")."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "with":
        return None
    do = prep.head
    if do.lemma_.lower() != "do" or do.dep_ not in ("relcl", "acl"):
        return None
    pron = do.head
    have = pron.head
    if pron.lower_ not in ("nothing", "anything", "something") or pron.dep_ not in ("dobj", "obj") \
            or have.lemma_.lower() != "have":
        return None
    return have, pron


def _agentless_ok(cand: Candidate) -> bool:
    if cand.kind == "noun":
        return _armed_attack_on(cand.trigger, load_event_lexicon())
    trig = cand.trigger
    unresolved_subject = bool(syntax.children(trig, ("nsubj",))) and cand.type == "RETREAT"
    if cand.learned:
        # a clause only the classifier typed names its event by who does it: an agentless
        # passive ("more ships were being loaded") gives the typing nothing to stand on
        return unresolved_subject
    if cand.kind == "light" and cand.noun is not None and cand.noun.dep_ in (
            "nsubj", "nsubjpass", "csubj"):
        return True
    if any(s.subjects for s in load_event_lexicon().verbs.get(trig.lemma_.lower(), ())):
        return True
    if syntax.is_reduced_relative(trig):
        # a reduced relative without its agent is one happening only on a definite noun
        # ("the agreement signed in Istanbul"); on a bare one it is a kind ("money sent
        # from abroad")
        return any(c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in DEFINITE_DETERMINERS)
                   for c in trig.head.children)
    if syntax.is_passive(trig):
        return True
    return unresolved_subject


def _participants(tokens: list[Token], actors: ActorResolver) -> list[ActorRef]:
    out: list[ActorRef] = []
    for tok in syntax.with_conjuncts(tokens):
        out.extend(actors.resolve_group(tok))
    return out


def _is_place_only(ref: ActorRef) -> bool:
    return ref.canonical is None and ref.entity_type in PLACE_LABELS


def _dedupe(refs: list[ActorRef], exclude: list[ActorRef] = ()) -> list[ActorRef]:
    seen = {(r.start, r.end) for r in exclude}
    seen_names = {r.canonical for r in exclude if r.canonical}
    out = []
    for ref in refs:
        key = (ref.start, ref.end)
        if key in seen or (ref.canonical and ref.canonical in seen_names and ref.text.lower() in (
                "it", "they", "he", "she")):
            continue
        seen.add(key)
        out.append(ref)
    return out


def _request_mode(cand: Candidate, lex: EventLexicon) -> str:
    probes: list[Token] = []
    if cand.complement is not None:
        probes.append(cand.complement)
        probes.extend(syntax.direct_objects(cand.complement))
    probes.extend(syntax.direct_objects(cand.trigger))
    probes.extend(p for _, p in syntax.prep_objects(cand.trigger, ("for", "on")))
    for tok in probes:
        for lemma in (tok.lemma_.lower(), tok.lower_):
            if lemma in lex.request_modes:
                return lex.request_modes[lemma]
        for child in tok.children:  # "release of hostages" under "demand"
            if child.dep_ in ("compound", "amod") and child.lemma_.lower() in lex.request_modes:
                return lex.request_modes[child.lemma_.lower()]
    return lex.request_default


def _shared_subject_conjunct(trigger: Token) -> Token | None:
    """The verb conjunct the trigger's clause is when it takes its subject from an earlier verb
    ("it had struck sites …, and *denied* targeting civilians"), else None."""
    tok = trigger
    for _ in range(4):
        if tok.dep_ == "conj" and tok.head.pos_ in ("VERB", "AUX"):
            return tok if not syntax.children(tok, ("nsubj", "nsubjpass")) else None
        if tok.dep_ != "xcomp":
            return None
        tok = tok.head
    return None


def _span_tokens(cand: Candidate, actor_toks: list[Token], recip_toks: list[Token]) -> tuple[int, int]:
    sent = cand.trigger.sent
    lo = hi = cand.trigger.i
    # a subject borrowed from an earlier conjunct names who acts, but the text of this event
    # starts at its own clause: "…, and denied targeting civilians" is not the strike before it
    conjunct = _shared_subject_conjunct(cand.trigger)
    own_start = conjunct.left_edge.i if conjunct is not None else sent.start
    def cover(tok: Token) -> None:
        nonlocal lo, hi
        if not (sent.start <= tok.i < sent.end):
            return
        s, e = syntax.np_extent(tok) if tok.pos_ in ("NOUN", "PROPN", "PRON", "NUM") else (tok.i, tok.i + 1)
        lo, hi = min(lo, s), max(hi, e - 1)
    prt = syntax.particle(cand.trigger)
    if prt is not None:
        cover(prt)
    for tok in actor_toks:
        if tok.i >= own_start:
            cover(tok)
    for tok in [*recip_toks, *cand.objects]:
        cover(tok)
    if cand.noun is not None:
        cover(cand.noun)
    if cand.complement is not None and cand.type in ("REQUEST", "REJECT", "THREATEN", "AGREE"):
        cover(cand.complement)
        cp = syntax.particle(cand.complement)
        if cp is not None:
            cover(cp)
        for obj in syntax.direct_objects(cand.complement):
            cover(obj)
        for _, pobj in syntax.prep_objects(cand.complement, ("on", "to", "from")):
            cover(pobj)
    return lo, hi + 1


def find_candidates(doc: Doc, lex: EventLexicon, ruled_out: set[int] | None = None
                    ) -> list[Candidate]:
    """Every predicate of the lexicon in the document, in text order. The indexes of verbs
    whose reading the lexicon rules out (a NONE sense: "rejected that account") go into
    `ruled_out` when it is given."""
    candidates: list[Candidate] = []
    for token in doc:
        if token.dep_ in ("amod", "compound"):
            continue  # "probing incursions": an adjective, not a predicate
        if token.pos_ in ("VERB", "AUX") or (token.pos_ == "NOUN" and token.dep_ in ("ROOT",
                                                                                      "conj")
                                               and token.tag_.startswith("VB")):
            cand = _match_verb(token, lex)
            if cand is not None and cand.type == NO_EVENT:
                if ruled_out is not None:
                    ruled_out.add(token.i)
            elif cand is not None:
                candidates.append(cand)
            elif _obliged_clause(token, lex):
                candidates.append(Candidate(token, "REQUEST", None, "verb", obliged=True,
                                            complement=token))
        elif token.pos_ in ("NOUN", "PROPN") and token.lemma_.lower() in lex.standalone \
                and token.ent_type_ not in ("DATE", "TIME"):
            # a weapon attack on a target, or "had nothing to do with the attack", says what
            # happened in so many words: the classifier neither retypes nor drops it
            # its compound first: a "hunger strike" is no air strike
            key = _noun_key(token, lex) or lex.nouns[token.lemma_.lower()]
            candidates.append(Candidate(token, *key, "noun",
                                        noun=token, specific=_armed_attack_on(token, lex)
                                        or _involvement(token) is not None))
    return candidates


def _obliged_clause(verb: Token, lex: EventLexicon) -> bool:
    """plover13: a reported clause saying another party must or should act ("Ruritania said
    Syldavia must return the tanker"), of a verb the lexicon does not know: the demand is made
    in the saying (GUIDE: the speaker's REQUEST), whatever the act."""
    return (verb.pos_ == "VERB" and verb.dep_ == "ccomp"
            and verb.lemma_.lower() not in ("be", "have", "do", "get", "remain", "stay")
            and verb.head.lemma_.lower() in lex.cues.speech
            and any(c.dep_ == "aux" and c.lower_ in OBLIGATION_MODALS for c in verb.children)
            and not any(c.dep_ == "neg" for c in verb.children)
            and bool(syntax.children(verb, ("nsubj",))))


# Subordinators of a time clause that tells a past act as a reference point.
_PAST_TIME_MARKS = frozenset({"after", "since", "when"})


def _past_time_clauses(comp: Token) -> list[Token]:
    """Past-tense time clauses inside a complement ("warned that ships would be targets, two
    days after Northland *walked away* from the deal"): what they tell happened, whatever the
    warning or demand around them says."""
    return [t for t in comp.subtree if t.dep_ == "advcl" and t.i != comp.i and (
        t.tag_ == "VBD" or any(c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD"
                               for c in t.children))
        and any(c.dep_ == "mark" and c.lower_ in _PAST_TIME_MARKS for c in t.children)]


def content_tokens(candidates: list[Candidate], lex: EventLexicon) -> set[int]:
    """Token indexes that are the content of another predicate, not events of their own:
    complements of content verbs ("advised Northland to *hold off*", "demanded the *release*")
    and the nouns of light verbs ("launched an *offensive*")."""
    consumed: set[int] = set()
    for cand in candidates:
        if cand.kind in ("light", "stop") and cand.noun is not None:
            consumed.add(cand.noun.i)
        if cand.type in lex.content_types:
            for comp in _complements(cand.trigger):
                told = {t.i for clause in _past_time_clauses(comp) for t in clause.subtree}
                consumed.update(t.i for t in comp.subtree if t.i not in told)
            for obj in syntax.direct_objects(cand.trigger):
                if obj.i == cand.trigger.head.i and syntax.is_reduced_relative(cand.trigger):
                    continue  # "the agreement signed in July": the noun the participle describes
                consumed.update(t.i for t in obj.subtree)
            # "accused Northland *of* using a pretext to shut the corridor": the charge
            for _, pobj in syntax.prep_objects(cand.trigger, ("for", "on", "to", "of")):
                consumed.update(t.i for t in pobj.subtree)
    return consumed


def _stated_participle(trigger: Token) -> bool:
    """A reduced relative with its agent ("a deal *brokered* by Eastland", "weapons *supplied*
    by Westland") states a past act even inside what another predicate is about ("signed
    agreements ... in a deal brokered by Eastland"): it is no content of that predicate."""
    return syntax.is_reduced_relative(trigger) and any(
        c.dep_ == "agent" for c in trigger.children)


def event_holders(doc: Doc, candidates: list[Candidate], lex: EventLexicon) -> dict[int, str]:
    """Token index → PLOVER type of every word that names an event (predicates, and event
    nouns even where they are content or context): a time expression hanging on one of them
    dates that event, not its neighbours."""
    out = {tok.i: lex.nouns[tok.lemma_.lower()][0] for tok in doc
           if tok.pos_ in ("NOUN", "PROPN") and tok.lemma_.lower() in lex.nouns
           and tok.ent_type_ not in ("DATE", "TIME")}  # "2 March" is no march
    for cand in candidates:
        out[cand.trigger.i] = cand.type
        if cand.noun is not None:
            out[cand.noun.i] = cand.type
    return out


def extract_events(
    doc: Doc, article: Article, times: list[TimeExpression], actors: ActorResolver,
    lex: EventLexicon | None = None,
) -> list[Event]:
    """Every PLOVER event of one parsed article, in text order, one per happening (`lex`: the
    story profile's event lexicon; None: the packaged one)."""
    lex = lex or load_event_lexicon()
    anchor, anchored = article_anchor(article)
    ruled_out: set[int] = set()
    candidates = find_candidates(doc, lex, ruled_out)
    # ---- learned typing (extract/event_classifier.py, owned by the classifier's workstream):
    # types each sentence's main candidate and adds the clauses the lexicon missed.
    rule_holders = event_holders(doc, candidates, lex)
    candidates = event_classifier.type_candidates(
        doc, candidates, actors,
        can_yield=lambda c: can_yield_event(c, actors, rule_holders, lex), ruled_out=ruled_out)
    predicates = event_holders(doc, candidates, lex)
    consumed = content_tokens(candidates, lex)
    events: list[Event] = []
    for cand in candidates:
        if cand.trigger.i in consumed and not _stated_participle(cand.trigger):
            continue
        if _left_open(cand.trigger, lex):
            continue
        event = _build(cand, doc, article, times, actors, lex, anchor, anchored, predicates)
        if event is not None:
            events.append(event)
            events.extend(_setting_events(doc, cand, event, lex))
    return merge_events(doc, events, predicates, lex)


# Prepositions that put an act inside a meeting or a call ("urged the envoy *in* a phone call"),
# which becomes an event of its own (dating follows "at" too: event_dates._SETTING_PREPS)
_CALL_PREPS = ("in", "during")


def _setting_events(doc: Doc, cand: Candidate, event: Event, lex: EventLexicon) -> list[Event]:
    """The meeting or call an act between two parties was done in ("urged the envoy in a phone
    call on Wednesday"): a consultation of its own, between the same parties, on the act's
    day and with its source."""
    if event.type == "CONSULT" or not event.actors or not event.recipients or \
            cand.trigger.pos_ not in ("VERB", "AUX"):
        return []
    out = []
    for prep, noun in syntax.prep_objects(cand.trigger, _CALL_PREPS):
        key = lex.nouns.get(noun.lemma_.lower())
        if key is None or key[0] != "CONSULT" or noun.tag_ in ("NNS", "NNPS"):
            continue
        last = noun.right_edge
        start, end = prep.idx, last.idx + len(last)
        out.append(dataclasses.replace(
            event, start=start, end=end, quote=doc_text(doc)[start:end], type="CONSULT",
            mode=key[1], trigger=noun.text, trigger_start=noun.idx,
            trigger_end=noun.idx + len(noun)))
    return out


def _left_open(trigger: Token, lex: EventLexicon, max_hops: int = 4) -> bool:
    """Whether the predicate sits in the question a speaker left open ("did not say whether
    Northland would pull out", "would not say if talks had resumed"): nobody tells it, as
    fact, claim or plan."""
    token = trigger
    for _ in range(max_hops):
        head = token.head
        if head.i == token.i:
            return False
        if token.dep_ == "ccomp" and any(c.dep_ == "mark" and c.lower_ in ("whether", "if")
                                         for c in token.children):
            return head.lemma_.lower() in lex.cues.speech and any(
                c.dep_ == "neg" for c in head.children)
        if token.dep_ not in ("conj", "xcomp", "aux", "dobj", "pobj", "prep"):
            return False
        token = head
    return False


def _who(cand: Candidate, actors: ActorResolver, predicates: dict[int, str],
         lex: EventLexicon) -> tuple[list[Token], list[ActorRef]] | None:
    """The actor tokens and resolved actors of a candidate; None when a nominal event has no
    actor word at all (a bare "war" or "the release of hostages" is context, not an event)."""
    trig = cand.trigger
    if cand.kind == "noun":
        actor_toks = _noun_actor_tokens(trig)
        involved = _involvement(trig)
        if not actor_toks and involved is not None:
            actor_toks = syntax.subjects(involved[0])  # "Northland had nothing to do with it"
        if not actor_toks and not _armed_attack_on(trig, lex):
            return None
    else:
        actor_toks = syntax.subjects(trig)
        if cand.kind in ("light", "stop") and cand.noun is not None:
            if not actor_toks or cand.noun in actor_toks:
                actor_toks = _noun_actor_tokens(cand.noun)
        elif actor_toks and all(t.i in predicates for t in actor_toks):
            # "Israeli strikes killed 20": the subject is an event; its actor is the agent
            actor_toks = [a for t in actor_toks for a in _noun_actor_tokens(t)]
        elif actor_toks and all(t.lemma_.lower() in lex.weapon_nouns for t in actor_toks):
            # "Northland missiles and drones struck the port": the weapons' owner fired them
            # (no owner named: the phrase as it stands, "Government jets")
            actor_toks = (_noun_actor_tokens(actor_toks[0]) or _earlier_owner(actor_toks[0])
                          or _pronoun_owner(actor_toks[0]) or actor_toks)
    # a country or city as the subject of an event predicate stands for its government
    # (metonymy); elsewhere a bare place is where, not who (classifier workstream, issue 8)
    actor_refs = [r for tok in syntax.with_conjuncts(actor_toks)
                  for r in actors.resolve_group(tok)
                  if not _is_place_only(r) or (cand.kind != "noun" and tok.dep_ in (
                      "nsubj", "nsubjpass", "pobj", "conj"))]
    if not actor_refs:
        # an actor phrase the resolver does not know, named by a nationality or a name before
        # it ("Druze villagers", "the Sunni clerics", "the al-Qaeda network") or by a name in
        # apposition ("a member of parliament, Jan Novak,"): the name says who acted
        actor_refs = [r for tok in syntax.with_conjuncts(actor_toks) if tok.pos_ == "NOUN"
                      and tok.lemma_.lower() not in lex.weapon_nouns
                      for m in _name_modifiers(tok, []) + _apposed_names(tok)
                      for r in actors.resolve_group(m)
                      if r.canonical or r.entity_type in ("PERSON", "NORP", "ORG")]
    if not actor_refs:
        # plover13: an unknown head named by a sector noun before it ("the rebel movement",
        # "the opposition party"): the sector says who acted
        actor_refs = [dataclasses.replace(
                          r, text=doc_text(tok.doc)[tok.left_edge.idx:tok.idx + len(tok)],
                          start=tok.left_edge.idx, end=tok.idx + len(tok))
                      for tok in syntax.with_conjuncts(actor_toks) if tok.pos_ == "NOUN"
                      and tok.lemma_.lower() not in lex.weapon_nouns
                      for m in tok.lefts if m.dep_ == "compound" and m.pos_ == "NOUN"
                      for r in actors.resolve_group(m)[:1] if r.sector]
    if not actor_refs:
        # "members of the jurists' association", "doctors from two Swiss charities": the body
        # they belong to (itself, or by its nationality: "American aid groups")
        for tok in syntax.with_conjuncts(actor_toks):
            if tok.pos_ != "NOUN":
                continue
            for _prep, owner in syntax.prep_objects(tok, ("of", "from")):
                refs = [r for r in actors.resolve_group(owner)
                        if r.canonical or r.entity_type in ("NORP", "ORG")]
                if not refs and owner.pos_ == "NOUN":
                    refs = [r for m in _name_modifiers(owner, []) for r in actors.resolve_group(m)
                            if r.canonical or r.entity_type in ("NORP", "ORG")]
                actor_refs.extend(refs)
    return actor_toks, _with_owner_phrases(actor_toks, actor_refs, actors)


def _with_owner_phrases(toks: list[Token], refs: list[ActorRef],
                        actors: ActorResolver) -> list[ActorRef]:
    """plover13: an unnamed role ("leaders", "the deputy chief") followed by the body it
    belongs to ("leaders *of Romania's new government*") is written with that body: the
    mention says whose leaders they are, and a reader (or a gold span naming the body) finds it."""
    by_start = {}
    for tok in syntax.with_conjuncts(toks):
        if tok.pos_ != "NOUN":
            continue
        for _prep, owner in syntax.prep_objects(tok, ("of",)):
            found = [r for r in actors.resolve_group(owner)
                     if r.end is not None and (r.canonical or r.sector or r.entity_type)]
            if found:
                by_start[tok.idx] = max(r.end for r in found)
    if not by_start:
        return refs
    text = doc_text(toks[0].doc)
    out = []
    for ref in refs:
        head_at = next((i for i in by_start if ref.start is not None and ref.end is not None
                        and ref.start <= i < ref.end), None)
        if ref.canonical is None and head_at is not None and by_start[head_at] > ref.end:
            ref = dataclasses.replace(ref, text=text[ref.start:by_start[head_at]],
                                      end=by_start[head_at])
        out.append(ref)
    return out


def can_yield_event(cand: Candidate, actors: ActorResolver, predicates: dict[int, str],
                    lex: EventLexicon | None = None) -> bool:
    """Whether `_build` can make an event of this candidate whatever type the classifier
    gives it: it has a resolved actor, or is agentless in a way some type allows (RETREAT
    keeps an unresolved subject). The classifier skips embedding a sentence whose main
    candidate cannot: typing it would change nothing."""
    who = _who(cand, actors, predicates, lex or load_event_lexicon())
    if who is None:
        return False
    return bool(who[1]) or _agentless_ok(dataclasses.replace(cand, type="RETREAT"))


def _build(
    cand: Candidate, doc: Doc, article: Article, times: list[TimeExpression],
    actors: ActorResolver, lex: EventLexicon, anchor: date | None, anchored: str,
    predicates: dict[int, str] | None = None,
) -> Event | None:
    predicates = predicates if predicates is not None else {}
    trig = cand.trigger
    # ---- who
    who = _who(cand, actors, predicates, lex)
    if who is None:
        return None
    actor_toks, actor_refs = who
    if not actor_refs and not _agentless_ok(cand):
        # PLOVER events need a source actor; only an agentless passive ("two hostages were
        # released"), a subject-conditioned sense ("aid trucks entered") or an event noun
        # subject ("talks resumed") is kept without one
        return None
    # ---- to whom
    recip_toks = _recipient_tokens(cand, actor_toks, lex)
    # a country or city as object or after a recipient preposition ("apologised to Brazil",
    # "sent arms to Pakistan") stands for its people or government, as a subject does; places
    # after a locative preposition never reach here (`_recipient_tokens`)
    # an unnamed party of a known sector ("freed the schoolchildren", "shelled the
    # protesters") is a recipient as it is an actor; not what is moved or used: a MOBILIZE
    # event's forces ("deployed troops") or a weapon ("fired rockets")
    def accepted(tok: Token) -> list[ActorRef]:
        return [r for r in actors.resolve_group(tok)
                if r.canonical or r.entity_type in ("PERSON", "ORG", "NORP", *PLACE_LABELS)
                or (r.sector and cand.type != "MOBILIZE"
                    and r.text.split()[-1].lower() not in lex.weapon_nouns)]

    # where the object is what the actor moves or gives up (a MOBILIZE event's forces, the
    # prisoners freed, the access granted), what it belongs to is no recipient
    owned = cand.type not in ("MOBILIZE", "RETREAT", "CONCEDE")

    def named(tok: Token) -> list[ActorRef]:
        refs = _with_owner_phrases([tok], accepted(tok), actors)
        # what is given up is owned by no recipient ("freed Russian prisoners"), but a
        # preposition's object is aimed at ("lifted the blockade on Palestinian lorries")
        if not refs and (owned or tok.dep_ == "pobj") and tok.pos_ == "NOUN" and (
                tok.lemma_.lower() not in lex.weapon_nouns | lex.place_nouns):
            # a party named only as the modifier of an unresolved phrase ("sanctions on the
            # Taliban movement", "a meeting between a Syldavian charity and the UN")
            refs = [r for m in _name_modifiers(tok, actor_toks) for r in accepted(m)]
        return refs

    recip_refs = [r for tok in syntax.with_conjuncts(recip_toks) for r in named(tok)]
    if not recip_refs and owned:
        # no one named as the object: the owner of the thing acted on is who it is directed
        # at ("rejected a Chilean proposal", "kidnapped ten Russian engineers", "demanded the
        # removal of the governor")
        recip_refs = [r for tok in syntax.with_conjuncts(_owner_tokens(cand, actor_toks, lex))
                      for r in named(tok)]
    recip_refs = _dedupe(recip_refs, actor_refs)
    actor_refs = _dedupe(actor_refs)
    # ---- type and mode
    ev_type, mode = cand.type, cand.mode
    if (ev_type, mode) == ("RETREAT", "release") and _freed_from_others(cand, actor_toks,
                                                                        actor_refs, lex):
        # plover13: GUIDE: captives freed by a third party's forces ("the army freed 30
        # kidnapped villagers") are rescued, not released by those who held them
        ev_type, mode = "AID", "rescue"
    if ev_type in ("REQUEST", "REJECT") and mode is None:
        mode = _request_mode(cand, lex)
    if ev_type == "THREATEN" and mode is None:
        mode = _conflict_mode(trig, lex) or "violence"
    involved = _involvement(trig) if cand.kind == "noun" else None
    if involved is not None:
        # the part in the act is told by the "have" clause: "had nothing to do with" denies
        # it, "denied having anything to do with" too (the denial governs "have")
        modality = modality_of(involved[0], lex.cues)
        if involved[1].lower_ == "nothing":
            modality = dataclasses.replace(modality, value="negated")
    else:
        modality = modality_of(trig, lex.cues)
    value = modality.value
    if (cand.kind == "light" and trig.lemma_.lower() in lex.schedule_verbs
            and value in ("asserted", "reported")):
        value = "future"  # "more talks were planned in Istanbul": talks still to come
    committed = value == "future" and any(c in lex.commitment for c in modality.cues)
    # "was ready to return to the deal once the West met its obligations": an act still to
    # come that waits on a condition is a conditional act, as "would return if …" is
    conditional = value == "future" and _on_condition(trig)
    if committed and ev_type in lex.future_types:
        # a committed future act ("Hamas is to free 50 hostages under the deal") is the
        # verbal concession made now (PLOVER: promised concessions are CONCEDE), not the act
        ev_type = lex.future_types[ev_type]
        mode = None if ev_type != "RETREAT" else mode
        value = "reported" if "reported" in modality.found else "asserted"
    elif committed and ev_type in lex.commitment_types:
        # "the government is set to lift the curfew" typed CONCEDE already: the same concession
        value = "reported" if "reported" in modality.found else "asserted"
    if value in ("reported", "future") and ev_type in lex.announced_types and _self_announced(
            trig, modality, actor_refs, actors):
        # "Russia said it was suspending its participation", "said it would resume": the
        # party's own announcement is the act, done in the saying
        value = "asserted"
    if conditional:
        value = "hypothetical"
    if ev_type in lex.threat_modes and value in ("hypothetical", "future") and actor_refs and (
            _conditional_resolve(trig)) and _retaliation(trig):
        # "Southland would strike back if the corridor were abused": a party's act promised on a
        # condition is a threat, made in the saying (CAMEO 13, PLOVER THREATEN)
        ev_type, mode, value = "THREATEN", lex.threat_modes[ev_type], "asserted"
    demander = _demander(trig, modality, actor_toks, actor_refs, actors)
    if cand.obliged and demander is None:
        return None  # a party's own obligation, or an unknown speaker's: no demand
    if demander is not None and (ev_type != "REQUEST" or cand.obliged):
        # "Ruritania said Syldavia must withdraw": the speaker demands the act of the party
        # that must do it (PLOVER codes the demand, made in the saying, not the act)
        ev_type, value = "REQUEST", "asserted"
        mode = _request_mode(dataclasses.replace(cand, complement=trig), lex)
        recip_refs = _dedupe(actor_refs, [demander])
        actor_refs = [demander]
    source_text = _source_text(modality.source, modality.source_text, actors)
    # ---- where, when, quote
    holders = [trig] + ([cand.noun] if cand.noun is not None and cand.noun is not trig else [])
    lo, hi = _span_tokens(cand, actor_toks, recip_toks)
    start, end = doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1])
    loc_holders = holders + list(cand.objects)
    if cand.complement is not None:
        loc_holders.append(cand.complement)
    location = _location(loc_holders)
    when = event_date(doc, trig, cand.noun, start, end, times, predicates, anchor, anchored,
                      lex.time_frame or TimeFrameCues.from_dict({}, frozenset()), value, ev_type)
    trigger_text = trig.text
    prt = syntax.particle(trig)
    if prt is not None:
        trigger_text = f"{trig.text} {prt.text}"
    if cand.noun is not None and cand.noun is not trig:
        trigger_text = f"{trigger_text} {cand.noun.text}"
    sent = trig.sent
    return Event(
        article_id=article.id,
        start=start,
        end=end,
        quote=doc_text(doc)[start:end],
        type=ev_type,
        mode=mode,
        trigger=trigger_text,
        actors=actor_refs,
        recipients=recip_refs,
        location=location,
        date_earliest=when.earliest,
        date_latest=when.latest,
        date_text=when.text,
        date_basis=when.basis,
        modality=value,
        source=source_text,
        sentence=sent.text,
        historical=when.historical,
        trigger_start=trig.idx,
        trigger_end=trig.idx + len(trig),
    )


def _freed_from_others(cand: Candidate, actor_toks: list[Token], actor_refs: list[ActorRef],
                       lex: EventLexicon) -> bool:
    """plover13: soldiers or police free captives someone else took: the object is described
    as kidnapped, abducted or held ("kidnapped villagers", "passengers held by gunmen") by no
    one among the actors."""
    if not any(r.sector in ("MIL", "COP") for r in actor_refs):
        return False
    actor_ids = {a.i for a in actor_toks}
    for obj in syntax.direct_objects(cand.trigger):
        for mod in obj.children:
            lemma = mod.lemma_.lower()
            if mod.dep_ not in ("amod", "acl") or syntax.children(mod, ("nsubj", "nsubjpass")):
                continue
            agents = [p for _, p in syntax.prep_objects(mod, ("by",))]
            if any(p.i in actor_ids for p in agents):
                continue
            # "prisoners held at the camp" may be the actor's own: held counts with its holder
            if lemma in lex.captor_verbs or (lemma in ("hold", "keep") and agents):
                return True
    return False


# What a party says it will or would do: with a condition, a threat ("would retaliate if …").
RESOLVE_AUX = frozenset({"will", "would", "'ll", "'d", "shall"})
CONDITION_MARKS = frozenset({"if", "unless", "should"})


# Subordinators of a condition a committed act waits on ("ready to return once …").
COMMITMENT_CONDITIONS = frozenset({"if", "unless", "provided", "providing"})


def _on_condition(trigger: Token, max_hops: int = 3) -> bool:
    """An "if" or "unless" clause, or a backshifted "once" one, on the trigger or on the
    governors it is the infinitive of ("was ready to return … once the West met its
    obligations")."""
    tok = trigger
    for _ in range(max_hops):
        if any(c.dep_ == "advcl" and any(m.dep_ == "mark" and (
                m.lower_ in COMMITMENT_CONDITIONS or (m.lower_ == "once" and c.tag_ == "VBD"))
                for m in c.children) for c in tok.children):
            # "once" with a past verb is a reported condition ("said it was ready to return
            # once the West met its obligations"); with a present one, only a time ("is to
            # withdraw once the agreement comes into force")
            return True
        if tok.dep_ not in ("xcomp", "acomp") or tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


# Verbs of paying back an act ("strike back", "retaliate"): said of a condition, a deterrent.
RETALIATION_VERBS = frozenset({"retaliate", "respond", "avenge", "reply"})


def _retaliation(verb: Token) -> bool:
    """The act pays back another ("would strike back", "would retaliate"): what a party says
    it would do in return is a threat; "would send more warships if …" is a conditional act."""
    prt = syntax.particle(verb)
    return verb.lemma_.lower() in RETALIATION_VERBS or (prt is not None and prt.lower_ == "back")


def _conditional_resolve(verb: Token) -> bool:
    """The verb states what its subject will or would do on a condition: a "will"/"would"
    auxiliary and an "if"/"unless" clause of its own, not negated ("would not strike")."""
    if not any(c.dep_ == "aux" and c.lower_ in RESOLVE_AUX for c in verb.children):
        return False
    if any(c.dep_ == "neg" for c in verb.children):
        return False
    return any(c.dep_ == "advcl" and any(m.dep_ in ("mark", "aux") and m.lower_ in CONDITION_MARKS
                                         and m.i < c.i for m in c.children)
               for c in verb.children)


# Modals of obligation: "said Syldavia must withdraw", "said the rebels should disarm".
OBLIGATION_MODALS = frozenset({"must", "should"})


def _demander(verb: Token, modality: Any, actor_toks: list[Token], actor_refs: list[ActorRef],
              actors: ActorResolver) -> ActorRef | None:
    """Who demands the act when a reporting verb says another party must or should do it:
    the speaker, a known actor other than the act's own; None for a party's own obligation
    ("Ruritania said it must defend itself") or an unknown speaker."""
    if modality.source is None or not actor_refs or verb.dep_ != "ccomp":
        return None
    if not any(c.dep_ == "aux" and c.lower_ in OBLIGATION_MODALS for c in verb.children):
        return None
    if {"negated"} & modality.found:
        return None
    speaker = actors.resolve_np(modality.source)
    if speaker is None or not speaker.canonical:
        return None
    own = {n for n in (speaker.canonical, speaker.affiliation) if n}
    if any((r.canonical and r.canonical in own) or r.affiliation == speaker.canonical
           for r in actor_refs):
        return None
    if any(c.dep_ == "poss" and c.pos_ == "PRON" for t in actor_toks for c in t.children):
        return None  # "said its forces must hold the line": its own forces
    return speaker


def _told_as_now_or_to_come(verb: Token) -> bool:
    """The predicate is in the present, the progressive or the future ("is suspending", "was
    suspending" reported, "would resume"), not a past or perfect account ("had struck",
    "agreed", "was suspended")."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lemma_.lower() == "have" for a in auxes):
        return False
    if verb.tag_ == "VBG":
        return True
    if any(a.tag_ == "MD" for a in auxes):
        return True
    return verb.tag_ in ("VB", "VBP", "VBZ") and not any(a.dep_ == "auxpass" for a in auxes)


def _self_announced(verb: Token, modality: Any, actor_refs: list[ActorRef],
                    actors: ActorResolver) -> bool:
    """A party tells of its own act, now or to come: the source of the reporting frame is
    (or acts for) one of the event's actors, and the act is not told as past."""
    if modality.source is None or not actor_refs or not _told_as_now_or_to_come(verb):
        return False
    if {"negated", "hypothetical"} & modality.found:
        return False
    source = actors.resolve_np(modality.source)
    if source is None or not source.canonical:
        return False
    mine = {source.canonical, source.affiliation}
    return any(r.canonical and (r.canonical in mine or r.affiliation == source.canonical)
               for r in actor_refs)


def _source_text(source: Token | None, written: str | None, actors: ActorResolver) -> str | None:
    """Who reports the event, as written; a pronoun ("he said") or relative ("who said") by
    the actor it stands for, or no source at all when that is unknown."""
    if source is None:
        return None
    if source.pos_ == "PRON" or source.lower_ in PRONOUNS:
        if source.tag_ in syntax.RELATIVE_TAGS and source.head.dep_ == "relcl":
            source = source.head.head  # "officials, who said …": the officials
            ref = actors.resolve_np(source)
            return ref.display() if ref is not None else None
        ref = actors.resolve_np(source)
        return ref.display() if ref is not None and ref.canonical else None
    if written:
        return written
    ref = actors.resolve_np(source)
    return ref.text if ref is not None else source.text


def _recipient_tokens(cand: Candidate, actor_toks: list[Token], lex: EventLexicon) -> list[Token]:
    """Who the event is done to: indirect and direct objects (a passive's subject), the
    possessive of a patient noun, and the objects of recipient prepositions; a place after a
    locative preposition is where it happened, not a recipient."""
    trig = cand.trigger
    holders = [trig] + ([cand.noun] if cand.noun is not None and cand.noun is not trig else [])
    actor_ids = {a.i for a in actor_toks}
    out: list[Token] = []
    for holder in holders:
        out.extend(syntax.children(holder, ("dative", "iobj")))
        if holder.pos_ == "NOUN" and holder.lemma_.lower() in lex.patient_nouns and not any(
                c.dep_ == "prep" and c.lower_ == "of" for c in holder.children):
            out.extend(c for c in syntax.children(holder, ("poss",)) if c.pos_ != "PRON")
        if holder.pos_ in ("VERB", "AUX") and cand.kind == "verb" and (
                holder.lemma_.lower() not in lex.moved_object_verbs):
            # plover13: not the captives freed nor the people rescued (GUIDE: they are what the
            # act moves, not whom it is directed at)
            out.extend(o for o in syntax.direct_objects(holder) if o.i not in actor_ids)
        for prep, pobj in syntax.prep_objects(holder):
            if prep.lower_ not in RECIPIENT_PREPS or prep.dep_ == "agent":
                continue
            if prep.lower_ in PLACE_PREPS and pobj.ent_type_ in PLACE_LABELS:
                continue  # "rockets fired from Gaza", "clashes at Jenin": a place
            out.append(pobj)
            if pobj.pos_ == "NOUN" and (pobj.lemma_.lower() in lex.nouns
                                        or pobj.lemma_.lower() in lex.pledge_nouns):
                # plover13: the party an act named after the preposition is aimed at ("mobilized
                # reservists for a war against Iraq", "reneged on its pledge to the voters")
                out.extend(p for _, p in syntax.prep_objects(pobj, ("against", "on", "to", "with"))
                           if p.lemma_.lower() not in lex.nouns)
        if holder.pos_ in ("VERB", "AUX"):
            for obj in syntax.children(holder, syntax.OBJECT_DEPS):
                out.extend(p for prep, p in syntax.prep_objects(obj, ("with", "between")))
                # "granted asylum to five officers", "lifted the blockade on lorries"
                # (an event noun there is another event: "the response to the attack")
                out.extend(p for prep, p in syntax.prep_objects(obj, ("to", "on", "against"))
                           if p.ent_type_ not in PLACE_LABELS
                           and p.lemma_.lower() not in lex.nouns)
                # "supported Turkey's bid", "praised Haiti's efforts": the owner of a thing
                # acted on is who it is directed at
                if obj.pos_ == "NOUN" and obj.i not in actor_ids:
                    out.extend(c for c in syntax.children(obj, ("poss",)) if c.pos_ != "PRON")
    if cand.type == "CONSULT" and cand.mode == "visit":
        # the place visited is who is visited: "arrived in Ruritania on a state visit"
        out.extend(p for prep, p in syntax.prep_objects(trig, ("in", "at"))
                   if p.ent_type_ in PLACE_LABELS)
    comp = cand.complement
    if comp is not None and comp.lemma_.lower() in lex.cues.speech | {"quote"}:
        comp = None  # plover13: "demanded …, diplomats quoted a declaration as saying": an attribution
    if comp is not None and comp.dep_ == "ccomp" and (cand.type == "REQUEST" or any(
            c.dep_ == "aux" and c.lower_ == "to" for c in comp.children)
            and cand.type not in ("RETREAT", "MOBILIZE")):
        # "wants Israel to end the war", "urged that Hamas free them": who is to act is asked;
        # "allowed the opposition leader to hold a rally": who is let (or made) to act is
        # acted on (the parser reads such an object as the infinitive's subject); not the
        # people a withdrawal lets through ("allowed aid workers to reach the camp")
        out.extend(c for c in syntax.children(comp, ("nsubj",)) if c.i not in actor_ids)
    if not out and cand.type == "THREATEN":
        # plover13: a threat is aimed at whoever must act to avert it: "threatened to strike
        # unless the ministry withdrew the tax", "will retaliate if Syldavia attacks"
        for verb in [trig] + ([cand.complement] if cand.complement is not None else []):
            for clause in verb.children:
                if clause.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in ("unless", "if")
                                                  for c in clause.children):
                    out.extend(c for c in syntax.children(clause, ("nsubj",))
                               if c.i not in actor_ids and c.pos_ != "PRON")
    if not out and cand.complement is not None and cand.complement.pos_ == "VERB":
        # "offered to hand over two suspects to Britain", "agreed to lift the embargo on
        # Iran": the recipient of the act agreed, offered or promised
        comp = cand.complement
        objs = [o for o in syntax.direct_objects(comp) if o.i not in actor_ids]
        if comp.lemma_.lower() in lex.moved_object_verbs:
            # plover13: "promised to free the hostages": the hostages are moved, not addressed
            pps_of = objs
            objs = []
            out.extend(p for o in pps_of for prep, p in syntax.prep_objects(o, ("to",)))
        out.extend(objs)
        pps = list(syntax.prep_objects(comp))
        pps += [pp for o in objs for pp in syntax.prep_objects(o, ("to", "on", "against", "for"))]
        for prep, pobj in pps:
            if prep.lower_ in RECIPIENT_PREPS and pobj.lemma_.lower() not in lex.nouns and not (
                    prep.lower_ in PLACE_PREPS and pobj.ent_type_ in PLACE_LABELS):
                out.append(pobj)
    return out


# Prepositions inside the phrase of a thing acted on that name its owner or its addressee:
# "the removal *of* the governor", "an appeal *from* the president", "an admission *by* Northland",
# "aid *for* the refugees", "relations *with* Ruritania", "action *against* Iran".
OWNER_PREPS = ("of", "by", "from", "for", "with", "against", "on")


def _owner_tokens(cand: Candidate, actor_toks: list[Token], lex: EventLexicon) -> list[Token]:
    """Who a thing acted on belongs to or is aimed at, when no recipient is named as such:
    a nationality or a name modifying the object ("a Chilean proposal", "Russian engineers":
    the modifier stands for its country), or a party after an owner preposition inside the
    object's phrase. The objects are the trigger's (or its event noun's) and, for an act
    agreed, threatened or asked for, its complement verb's ("threatened to cut ties with
    Ruritania"). A weapon or an event noun is never an owner ("fired Russian rockets", "the
    response to the attack")."""
    actor_ids = {a.i for a in actor_toks}
    verbs = [cand.trigger]
    if cand.complement is not None and cand.complement.pos_ in ("VERB", "AUX"):
        verbs.append(cand.complement)
    # plover13: what a release or rescue moves has no owner it is aimed at either
    objs = [o for v in verbs if v.lemma_.lower() not in lex.moved_object_verbs
            for o in syntax.direct_objects(v)]
    if cand.noun is not None and cand.noun is not cand.trigger:
        objs.append(cand.noun)
    if cand.type == "PROTEST":
        # a protest is aimed at what it is for: "went on hunger strike to demand the
        # minister's resignation", "marched, calling for independence from Ruritania",
        # "blocked the road in protest against the new law"
        for purpose in _purposes(cand.trigger):
            objs.extend(syntax.direct_objects(purpose))
            objs.extend(p for prep, p in syntax.prep_objects(purpose, OWNER_PREPS + ("at",))
                        if prep.dep_ != "agent")
        for _prep, pobj in syntax.prep_objects(cand.trigger, ("in",)):
            if pobj.lemma_.lower() == "protest":
                objs.extend(p for _, p in syntax.prep_objects(pobj, ("against", "at", "over")))
            if pobj.lemma_.lower() == "defiance":
                # plover13: "blocked streets in defiance of the authorities"
                objs.extend(p for _, p in syntax.prep_objects(pobj, ("of",)))
    if cand.type in ("ASSAULT", "COERCE"):
        # plover13: force used to break up or stop someone is aimed at them ("opened fire to
        # disperse the demonstrators"): the object of a purpose that is itself such an act
        for purpose in _purposes(cand.trigger):
            found = _match_verb(purpose, lex)
            if found is not None and found.type in ("ASSAULT", "COERCE"):
                objs.extend(syntax.direct_objects(purpose))
    out: list[Token] = []
    for obj in objs:
        if obj.i in actor_ids or obj.pos_ not in ("NOUN", "PROPN") or (
                obj.lemma_.lower() in lex.weapon_nouns):
            continue
        out.append(obj)  # resolved as it stands, or through its modifier ("Russian engineers")
        out.extend(c for c in obj.children if c.dep_ == "poss" and c.pos_ != "PRON")
        for _prep, pobj in syntax.prep_objects(obj, OWNER_PREPS):
            if _prep.lower_ == "from" and pobj.ent_type_ in PLACE_LABELS and lex.nouns.get(
                    obj.lemma_.lower(), ("",))[0] == "RETREAT":
                continue  # plover13: "the withdrawal of its forces from Georgia": a place left
            if pobj.i not in actor_ids and pobj.lemma_.lower() not in lex.nouns:
                out.append(pobj)
                if pobj.pos_ == "NOUN":
                    # plover13: one level further, the owner of the owned thing ("suspended
                    # part of a military aid programme for Bosnia", "the policies of the United
                    # States' army", "the computers of South Korean officers")
                    out.extend(c for c in pobj.children if c.dep_ == "poss" and c.pos_ != "PRON")
                    out.extend(p for _, p in syntax.prep_objects(pobj, OWNER_PREPS)
                               if p.i not in actor_ids and p.lemma_.lower() not in lex.nouns)
    return out


def _purposes(verb: Token) -> list[Token]:
    """Clauses saying what the act is for: a "to" infinitive ("rallied *to demand*") or a
    participle ("marched, *calling for* …")."""
    return [c for c in verb.children if c.dep_ in ("advcl", "xcomp") and c.pos_ == "VERB"
            and (c.tag_ == "VBG" or any(a.dep_ == "aux" and a.lower_ == "to"
                                        for a in c.children))]


def _apposed_names(token: Token) -> list[Token]:
    """A person's or group's name set beside a noun: "a member of parliament, *Jan Novak*,"."""
    return [c for c in token.children if c.dep_ == "appos" and c.pos_ == "PROPN"
            and c.ent_type_ in ("PERSON", "ORG", "NORP")]


def _name_modifiers(token: Token, actor_toks: list[Token]) -> list[Token]:
    """The nationalities and names before a noun ("*Kenyan* opposition candidates", "the
    *Taliban* movement"), its actors' own excepted."""
    actor_ids = {a.i for a in actor_toks}
    # a proper name or adjective counts whatever entity label the tagger gave it ("Ugandan"
    # is often tagged a person); the resolver decides what it names
    return [c for c in token.lefts if c.dep_ in ("amod", "compound", "nmod")
            and (c.ent_type_ in ("NORP", "GPE", "ORG") or c.pos_ == "PROPN"
                 or c.pos_ == "ADJ" and c.text[:1].isupper() and c.i > c.sent.start)
            and c.i not in actor_ids]


# --------------------------------------------------------------------------- one event per happening


def _trigger_token(doc: Doc, event: Event) -> Token | None:
    if event.trigger_start is None:
        return None
    span = doc.char_span(event.trigger_start, event.trigger_end or event.trigger_start + 1,
                         alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _event_noun(trigger: Token, event: Event) -> Token | None:
    """The event noun of a light or stop verb ("launched an *offensive*"), from the trigger text."""
    last = event.trigger.split()[-1] if event.trigger else ""
    if trigger.pos_ not in ("VERB", "AUX") or last == trigger.text:
        return None
    for tok in [*syntax.direct_objects(trigger), *syntax.grammatical_subjects(trigger)]:
        if tok.text == last:
            return tok
    return None


def _modes_agree(a: Event, b: Event) -> bool:
    return a.mode is None or b.mode is None or a.mode == b.mode


def _same_happening(a: Event, ta: Token, b: Event, tb: Token, frames: dict[int, set[int]]) -> bool:
    """Two records of one happening: the same predicate; or predicates of the same type where
    one is an event noun the other describes ("the attack, in which … were killed", "the
    attack killed …", "killed in Israeli strikes"); or coordinated predicates of the same type
    and mode ("attacked … and killed"). Different acts keep their own records ("killing 1,200
    and taking 250 hostages": ASSAULT and ASSAULT/abduct)."""
    if ta.i == tb.i:
        return True
    if a.type == b.type == "CONSULT" and (_purpose_of(ta, tb) or _purpose_of(tb, ta)):
        # "would travel to Odesa to meet officials there": the meeting is what the visit is
        # for, one consultation (the purpose clause alone reads as hypothetical)
        return True
    if a.type != b.type or a.modality != b.modality:
        return False
    nominal = ta.pos_ in ("NOUN", "PROPN") or tb.pos_ in ("NOUN", "PROPN")
    if not (a.mode == b.mode or (nominal and _modes_agree(a, b))):
        return False
    if tb.i in frames[id(a)] or ta.i in frames[id(b)]:
        return True
    for x, y in ((ta, tb), (tb, ta)):
        node = x
        for _ in range(2):  # "by Israeli bombardment and ground attacks": up to the object
            if node.dep_ in ("nmod", "conj", "compound") and node.head.pos_ in ("NOUN", "PROPN"):
                node = node.head
        if node.dep_ == "pobj" and node.head.lower_ in INSTRUMENT_PREPS and node.head.head.i == y.i:
            return True
    return False


def _purpose_of(x: Token, y: Token) -> bool:
    """`x` is a "to" infinitive saying what `y` is done for ("travelled to Cairo *to meet*")."""
    return x.head.i == y.i and x.i != y.i and x.dep_ in ("advcl", "xcomp") and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in x.children)


def _merged(doc: Doc, group: list[Event]) -> Event:
    """One event from the records of one happening: the best-dated, best-attributed record,
    with every actor and recipient the records found (an actor is never also a recipient)."""
    # a record left undated on purpose (background, "since" spans) knows more than one dated
    # by its publication
    rank = {"explicit": 0, "relative": 1, "unknown": 2, "publication": 3}
    # the purpose clause of a visit ("travelled to Havana to meet …") is what the visit is
    # for: the visit's own record leads, with its modality and date
    toks = {id(e): _trigger_token(doc, e) for e in group}
    purpose = {id(e) for e in group for f in group if e is not f and toks[id(e)] is not None
               and toks[id(f)] is not None and _purpose_of(toks[id(e)], toks[id(f)])}
    lead = min(group, key=lambda e: (id(e) in purpose, not e.actors, rank.get(e.date_basis, 3),
                                     e.start))
    dated = min(group, key=lambda e: (id(e) in purpose, rank.get(e.date_basis, 3), e.start))
    actors: list[ActorRef] = []
    for e in [lead, *group]:
        actors.extend(e.actors)
    actors = _unique(actors)
    names = {_ref_key(r) for r in actors}
    recipients = [r for r in _unique([r for e in [lead, *group] for r in e.recipients])
                  if _ref_key(r) not in names]
    start = min(e.start for e in group)
    end = max(e.end for e in group)
    return dataclasses.replace(
        lead,
        start=start,
        end=end,
        quote=doc_text(doc)[start:end],
        mode=lead.mode or next((e.mode for e in group if e.mode), None),
        actors=actors,
        recipients=recipients,
        location=lead.location or next((e.location for e in group if e.location), None),
        date_earliest=dated.date_earliest,
        date_latest=dated.date_latest,
        date_text=dated.date_text,
        date_basis=dated.date_basis,
        historical=dated.historical,
        source=lead.source or next((e.source for e in group if e.source), None),
    )


def _ref_key(ref: ActorRef) -> str:
    return (ref.canonical or ref.text).lower()


def _unique(refs: list[ActorRef]) -> list[ActorRef]:
    seen: set[str] = set()
    out = []
    for ref in refs:
        key = _ref_key(ref)
        if key not in seen:
            seen.add(key)
            out.append(ref)
    return out


def merge_events(doc: Doc, events: list[Event], predicates: dict[int, str] | None = None,
                 lex: EventLexicon | None = None) -> list[Event]:
    """One event per happening: the records made from one clause (by the rules, or by the
    rules and a classifier) become one, with one actor set and one recipient set.

    `events` must come from `doc`; `predicates` are the token indexes of every event predicate
    (None: those of `events`). Records without a trigger offset are kept as they are."""
    lex = lex or load_event_lexicon()
    cues = lex.time_frame or TimeFrameCues.from_dict({}, frozenset())
    tokens: list[tuple[Event, Token | None]] = [(e, _trigger_token(doc, e)) for e in events]
    if predicates is None:
        predicates = {t.i: e.type for e, t in tokens if t is not None}
    frames: dict[int, set[int]] = {}
    for e, tok in tokens:
        if tok is not None:
            frames[id(e)] = {t.i for t in frame_tokens(tok, _event_noun(tok, e), predicates, cues)}
    parent = list(range(len(tokens)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    by_sentence: dict[int, list[int]] = {}
    for i, (_, tok) in enumerate(tokens):
        if tok is not None:
            by_sentence.setdefault(tok.sent.start, []).append(i)
    for members in by_sentence.values():
        for x, i in enumerate(members):
            for j in members[x + 1:]:
                ei, ti = tokens[i]
                ej, tj = tokens[j]
                if _same_happening(ei, ti, ej, tj, frames):  # type: ignore[arg-type]
                    parent[find(j)] = find(i)
    groups: dict[int, list[Event]] = {}
    for i, (e, _) in enumerate(tokens):
        groups.setdefault(find(i), []).append(e)
    out = [g[0] if len(g) == 1 else _merged(doc, g) for g in groups.values()]
    out.sort(key=lambda e: (e.start, e.end))
    return out
