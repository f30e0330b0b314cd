"""Actor lexicon and per-article actor resolution.

The lexicon (`data/actors.yaml`) holds the story's actors, their aliases, demonyms, metonyms and
role nouns; this module only knows how English names actors:

- aliases: "the NDF" → Northland Defence Forces; "the Vanguard-run health ministry" → Gaza health
  ministry, with the affiliation named by "X-run" kept;
- metonyms in participant position: "Washington", "the White House" → State C (government);
- demonym or name + role noun: "State C officials" → State C (government), "Northland forces",
  "Northland's military" → the state's military (its lexicon child with `role: military`);
- people: a name after titles ("Defense Minister Dan Ostrow"); a person absent from the lexicon
  is learned from its first mention, with the affiliation its title or apposition names
  ("Sami Haddad, a senior Vanguard official" → person, affiliation Vanguard), so that a later
  "Haddad" resolves;
- pronoun subjects ("Vanguard said it released …") take their antecedent;
- anything else that looks like an actor is kept as text with its spaCy entity type.

All look-ups are dictionary look-ups over normalised strings: building a resolver for a document
is one pass over its entities; resolving a mention touches only its own tokens.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from storyline.data import read_yaml
from storyline.records import ActorRef

if TYPE_CHECKING:  # the lexicon is also read without spaCy (the report's map, places)
    from spacy.tokens import Doc, Span, Token

ACTOR_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
# Verbs by which a role noun names whom it acts for ("negotiators representing Israel").
REPRESENT_VERBS = frozenset({"represent"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Sentences before a pronoun's own that may hold its antecedent: three, since a quotation
# broken into sentences ("'…,' he told reporters. '…' He accused …") puts the name further back.
PRONOUN_REACH = 3
PRONOUNS = {
    "it": "thing", "its": "thing", "they": "any", "their": "any", "them": "any",
    "he": "person", "his": "person", "him": "person", "she": "person", "her": "person",
    "we": "any", "our": "any",
}
# Named-entity labels of an unknown speaker a pronoun in its reported clause may stand for.
_NAMED_SPEAKERS = {"thing": ("GPE", "ORG", "NORP"), "person": ("PERSON",),
                   "any": ("GPE", "ORG", "NORP", "PERSON")}
FIRST_PERSON = frozenset({"we", "our", "us", "i", "me", "my", "you", "your"})
PLURAL_PRONOUNS = frozenset({"they", "them", "their"})
# "the two countries", "both sides": a plural noun that takes up the parties just named
COLLECTIVE_NOUNS = frozenset({"country", "countries", "side", "sides", "state", "states",
                              "nation", "nations", "government", "governments", "party",
                              "parties", "neighbour", "neighbours", "neighbor", "neighbors"})
COLLECTIVE_COUNTS = frozenset({"two", "both", "three", "all"})
_APOS = str.maketrans({"’": "'", "‘": "'", "`": "'", "“": '"', "”": '"'})
_AFFIL = re.compile(
    r"\b([A-Z][\w.'’]*(?:[ -][A-Z][\w'’]*)?)-(run|controlled|led|backed|affiliated|linked|aligned|"
    r"allied|supported|funded|administered|governed)\b"
)
_WORD = re.compile(r"[\w.'’-]+")
_TRAILING_POSS = re.compile(r"(?:'s|')$")


def _strip(text: str) -> str:
    """Surface clean-up before look-up: apostrophes, quotes, a leading article, a possessive."""
    text = " ".join(text.translate(_APOS).replace('"', " ").split()).strip(" ,;:-")
    text = re.sub(r"^(?:the|a|an)\s+", "", text, flags=re.I)
    return _TRAILING_POSS.sub("", text).strip()


def _is_cased(alias: str) -> bool:
    """ALL-CAPS short aliases ("NDF", an agency whose acronym spells a pronoun) only match in
    capitals."""
    bare = alias.replace(".", "").replace("-", "")
    return bare.isupper() and len(bare) <= 6


class _Index:
    """Alias → value, case-insensitive except for ALL-CAPS aliases."""

    def __init__(self) -> None:
        self.lower: dict[str, str] = {}
        self.cased: dict[str, str] = {}

    def add(self, alias: str, value: str) -> None:
        alias = _strip(alias)
        if not alias:
            return
        if _is_cased(alias):
            self.cased.setdefault(alias.replace(".", ""), value)
        else:
            self.lower.setdefault(alias.lower(), value)
            # "U.N. Security Council" also as "UN Security Council"
            self.lower.setdefault(alias.lower().replace(".", ""), value)

    def get(self, text: str) -> str | None:
        text = _strip(text)
        if not text:
            return None
        found = self.cased.get(text.replace(".", ""))
        if found:
            return found
        lower = text.lower()
        return self.lower.get(lower) or self.lower.get(lower.replace(".", ""))


@dataclass(frozen=True)
class ActorEntry:
    """One actor of the lexicon."""

    name: str
    kind: str
    country: str | None = None
    sector: str | None = None
    parent: str | None = None
    affiliation: str | None = None
    role: str | None = None
    title: str | None = None


@dataclass(eq=False)  # hashed by identity: one compiled lexicon per profile keys caches
class ActorLexicon:
    """The compiled actor lexicon (see `load_lexicon`)."""

    entries: dict[str, ActorEntry]
    aliases: _Index
    metonyms: _Index
    demonyms: _Index
    roles: dict[str, str]  # role noun (lower) → role
    role_sectors: dict[str, str]
    titles: frozenset[str]
    children: dict[tuple[str, str], str] = field(default_factory=dict)  # (parent, role) → name
    max_words: int = 1  # longest alias in words
    offices: frozenset[str] = frozenset()  # "prime minister", "foreign secretary" (lower case)
    # honorifics followed by a first name ("Sir Keir", "Dame Margaret")
    first_name_titles: frozenset[str] = frozenset()
    # "thousands of protesters": the counted phrase is the actor (lower case)
    quantity_heads: frozenset[str] = frozenset()
    first_names: dict[str, str] = field(default_factory=dict)  # first name → lexicon person
    surnames: dict[str, str] = field(default_factory=dict)  # surname → lexicon person

    def ref(self, name: str, text: str, **overrides: Any) -> ActorRef:
        """An ActorRef for a lexicon actor as mentioned by `text`."""
        entry = self.entries[name]
        ref = ActorRef(
            text=text,
            canonical=entry.name,
            kind=entry.kind,
            country=entry.country,
            sector=entry.sector,
            affiliation=entry.affiliation,
        )
        return replace(ref, **overrides) if overrides else ref

    def lookup(self, text: str) -> tuple[str, str] | None:
        """(actor name, how) for an alias, metonym or demonym; how ∈ alias/metonym/demonym."""
        for how, index in (("alias", self.aliases), ("metonym", self.metonyms),
                           ("demonym", self.demonyms)):
            name = index.get(text)
            if name:
                return name, how
        return None


def _load_yaml(path: Path | None) -> dict[str, Any]:
    data = read_yaml("actors.yaml", path)
    if not isinstance(data, dict) or not isinstance(data.get("actors"), list):
        raise ValueError(f"actor lexicon {path or 'actors.yaml'}: expected a mapping with 'actors:'")
    return data


@functools.cache
def load_lexicon(path: str | None = None) -> ActorLexicon:
    """Compile the actor lexicon once per process (`path` None = the default story profile's
    actors with the base lexicon)."""
    if path is None:
        from storyline.profiles.compiled import default_resources

        return default_resources().actors
    return compile_lexicon(_load_yaml(Path(path)))


def compile_lexicon(data: dict[str, Any]) -> ActorLexicon:
    """The actor lexicon from its data (a story profile's actors merged with the base)."""
    entries: dict[str, ActorEntry] = {}
    aliases, metonyms, demonyms = _Index(), _Index(), _Index()
    max_words = 1
    for raw in data["actors"]:
        name = str(raw["name"])
        entry = ActorEntry(
            name=name,
            kind=str(raw.get("kind", "organisation")),
            country=raw.get("country"),
            sector=raw.get("sector"),
            parent=raw.get("parent"),
            affiliation=raw.get("affiliation"),
            role=raw.get("role"),
            title=raw.get("title"),
        )
        entries[name] = entry
        for alias in [name, *(raw.get("aliases") or [])]:
            aliases.add(str(alias), name)
            max_words = max(max_words, len(str(alias).split()))
        for alias in raw.get("metonyms") or []:
            metonyms.add(str(alias), name)
            max_words = max(max_words, len(str(alias).split()))
        for alias in raw.get("demonyms") or []:
            demonyms.add(str(alias), name)
    children = {
        (e.parent, e.role): e.name for e in entries.values() if e.parent and e.role
    }
    roles: dict[str, str] = {}
    for role, nouns in (data.get("roles") or {}).items():
        for noun in nouns or []:
            roles.setdefault(str(noun).lower(), str(role))
    # a lexicon person is also named by a title and a first name ("Sir Keir") or surname
    # ("Lord Cameron", "Mr Netanyahu"), when no other person of the lexicon shares it
    first: dict[str, set[str]] = {}
    last: dict[str, set[str]] = {}
    for entry in entries.values():
        words = entry.name.split()
        if entry.kind == "person" and len(words) >= 2:
            first.setdefault(words[0].lower(), set()).add(entry.name)
            last.setdefault(words[-1].lower(), set()).add(entry.name)
    return ActorLexicon(
        entries=entries,
        aliases=aliases,
        metonyms=metonyms,
        demonyms=demonyms,
        roles=roles,
        role_sectors={str(k): str(v) for k, v in (data.get("role_sectors") or {}).items()},
        titles=frozenset(str(t).lower() for t in data.get("titles") or []),
        children=children,
        max_words=max_words,
        offices=frozenset(str(o).lower() for o in data.get("offices") or []),
        first_name_titles=frozenset(str(t).lower() for t in data.get("first_name_titles") or []),
        quantity_heads=frozenset(str(t).lower() for t in data.get("quantity_heads") or []),
        first_names={k: next(iter(v)) for k, v in first.items() if len(v) == 1},
        surnames={k: next(iter(v)) for k, v in last.items() if len(v) == 1},
    )


_ROLE_KIND = {"government": "government", "military": "military", "police": "police",
              "rebels": "armed_group", "civilians": "civilians", "judiciary": "judiciary",
              "legislature": "legislature", "ngos": "organisation", "opposition": "party",
              "criminals": "criminals", "religion": "religious"}


class ActorResolver:
    """Resolves actor mentions of one article (learns people's first mentions)."""

    def __init__(self, doc: Doc | None = None, lexicon: ActorLexicon | None = None) -> None:
        self.doc = doc
        self.lex = lexicon or load_lexicon()
        self.learned: dict[str, ActorRef] = {}  # normalised name or surname → template
        self.first_learned: dict[str, ActorRef | None] = {}  # first name → template (None: two)
        # who holds an office, as the article says: (token index, office, person)
        self.holders: list[tuple[int, str, ActorRef]] = []
        self._ent_at: dict[int, Span] = {}
        self._cache: dict[tuple[int, int], ActorRef | None] = {}
        self._several: dict[int, list[ActorRef]] = {}  # plural anaphor index → its actors
        if doc is not None:
            for ent in doc.ents:
                for i in range(ent.start, ent.end):
                    self._ent_at[i] = ent
            self._learn_people(doc)

    @classmethod
    def for_doc(cls, doc: Doc, lexicon: ActorLexicon | None = None) -> ActorResolver:
        """A resolver for one parsed article; people are learned from their first mentions
        (`lexicon`: the story profile's; None: the packaged one)."""
        return cls(doc, lexicon)

    # ------------------------------------------------------------------ public API

    def resolve(self, span: Span | str) -> ActorRef:
        """What a mention denotes; an unknown mention comes back as text with its entity type."""
        if isinstance(span, str):
            return self._resolve_text(span) or ActorRef(text=_strip(span) or span)
        key = (span.start, span.end)
        if key in self._cache and self._cache[key] is not None:
            return self._cache[key]  # type: ignore[return-value]
        label = span.label_ or (span.root.ent_type_ if span.root.ent_type_ else None)
        office = self._office(span.root, span.start, span.end)
        if office is not None:
            # an office the article never filled is still someone, as in `resolve_np`
            ref = replace(office, text=span.text, start=span.start_char, end=span.end_char) \
                if office else self._unheld_office(span.root, span)
            self._cache[key] = ref
            return ref
        ref = self._resolve_text(span.text, label)
        if ref is None:
            ref = self._resolve_tokens(span.root, span.start, span.end)
        if ref is None:
            ref = ActorRef(text=span.text, entity_type=label or None)
        ref = replace(ref, text=span.text, start=span.start_char, end=span.end_char)
        self._cache[key] = ref
        return ref

    def resolve_group(self, token: Token) -> list[ActorRef]:
        """Like `resolve_np`, but a role noun over coordinated owners denotes each of them:
        "the leaders of Ruritania, Freedonia and Syldavia" → three governments; a count of
        people denotes who is counted ("thousands of protesters" → the protesters); and a
        plural anaphor ("they", "the two countries") the several actors it takes up."""
        if token.lower_ in self.lex.quantity_heads:
            counted = [g for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
                       for g in c.children if g.dep_ == "pobj"]
            if counted:
                return self.resolve_group(counted[0])
        if _plural_anaphor(token):
            if token.i not in self._several:
                self._several[token.i] = []  # a search under way counts as none found
                self._several[token.i] = self._plural_antecedents(token)
            several = self._several[token.i]
            if several:
                return several  # each at its own mention: one actor per name
        role = self.lex.roles.get(token.lower_) or self.lex.roles.get(token.lemma_.lower())
        if role is not None and not any(
                c.dep_ in ("compound", "poss") or (c.dep_ == "amod" and c.ent_type_)
                for c in token.lefts):  # "military delegations from X": the owner is after
            for child in token.children:
                if child.dep_ == "prep" and child.lower_ in ("of", "from"):
                    owners = [g for g in child.children if g.dep_ == "pobj"]
                elif child.dep_ == "acl" and child.lemma_.lower() in REPRESENT_VERBS:
                    # "negotiators representing Israel and Hamas"
                    owners = [g for g in child.children if g.dep_ in ("dobj", "obj")]
                else:
                    continue
                if owners:
                    owners = [o for p in owners for o in (p, *p.conjuncts)]
                    refs = []
                    for owner in owners:
                        found = self.resolve_np(owner)
                        if found is not None and found.canonical in self.lex.entries:
                            refs.append(replace(self._role_ref(found.canonical, role, found.text),
                                                start=found.start, end=found.end))
                    if refs:
                        return refs
        if role is not None:
            owners = self._coordinated_modifiers(token, role)
            if owners:
                return owners
        ref = self.resolve_np(token)
        return [ref] if ref is not None else []

    def _coordinated_modifiers(self, token: Token, role: str) -> list[ActorRef]:
        """A role noun under coordinated owners named before it: "Ruritanian and Freedonian officials"
        → one ref per owner (the parser often leaves the second owner a plain compound, not
        a conjunct). Empty unless two or more modifiers each name a known actor."""
        mods = [c for c in token.lefts if c.dep_ in ("amod", "compound") and c.ent_type_]
        if not any(g.dep_ in ("cc", "conj") for m in mods for g in m.children):
            return []
        mods = sorted({t.i: t for m in mods for t in (m, *m.conjuncts)}.values(),
                      key=lambda t: t.i)
        if len(mods) < 2:
            return []
        refs = []
        for mod in mods:
            found = self._resolve_text(mod.text, mod.ent_type_)
            if found is None or found.canonical not in self.lex.entries:
                return []
            refs.append(replace(self._role_ref(found.canonical, role, found.text),
                                start=mod.idx, end=mod.idx + len(mod)))
        return refs

    def _plural_antecedents(self, token: Token) -> list[ActorRef]:
        """The actors a plural anaphor takes up: the nearest fitting mention before it (as for
        a pronoun, `_antecedent_order`) when that names two or more known actors ("Northland and
        Southland", "delegations from Northland and Southland"); none otherwise (a "they" for one
        group is `_pronoun`'s)."""
        sent = token.sent
        doc = token.doc
        floor = sent.start
        if sent.start > 0:
            floor = doc[sent.start - 1].sent.start
        clause = token.head if token.dep_ in ("dobj", "obj", "dative", "pobj") else None
        if clause is not None and clause.dep_ == "prep":
            clause = clause.head
        # "the mediators … urged both sides": an object is not its own clause's subject
        from storyline.extract.syntax import subjects  # spaCy-free import of this module

        own = set() if clause is None else {t.i for t in subjects(clause)}
        for cand in _antecedent_order(token, floor, self._ent_at):
            if cand.i >= token.i or not _could_be(cand, "any") or _plural_anaphor(cand):
                continue
            if cand.i in own:
                continue
            refs = [r for member in (cand, *cand.conjuncts) for r in self.resolve_group(member)
                    if r.canonical]
            names = {r.canonical for r in refs}
            if len(names) >= 2:
                return [r for n, r in enumerate(refs) if r.canonical not in
                        {x.canonical for x in refs[:n]}]
            if refs or _blocks(cand, None, "any"):
                return []  # the nearest mention is one actor, or a plural naming none
        return []

    def apposed_name(self, token: Token) -> Token | None:
        """The person a role phrase names by apposition: "the minister, Jane Roe," → the head
        of "Jane Roe"; None when `token` is not a role or title noun with an apposed name."""
        low, lemma = token.lower_, token.lemma_.lower()
        if token.pos_ != "NOUN" or not (low in self.lex.roles or lemma in self.lex.roles
                                        or low in self.lex.titles or lemma in self.lex.titles):
            return None
        for child in token.children:
            if child.dep_ == "appos" and child.pos_ == "PROPN" and (
                    child.ent_type_ == "PERSON" or self._person(
                        self._np_text(child), "PERSON") is not None):
                return child
        return None

    @staticmethod
    def _np_text(token: Token) -> str:
        return token.doc[token.left_edge.i:token.i + 1].text

    def resolve_np(self, token: Token) -> ActorRef | None:
        """The actor a noun-phrase head denotes, or None when the phrase names no actor
        ("hostages", "talks"). Pronouns take their antecedent ("it" → Vanguard)."""
        if token.lower_ in PRONOUNS:
            return self._pronoun(token)
        if token.pos_ == "PRON" and not token.text.isupper():
            return None  # "who", "those": no actor of their own
        doc = token.doc
        start = token.i
        for child in token.lefts:
            if child.dep_ in ("det", "compound", "amod", "poss", "nmod", "npadvmod", "nummod",
                              "quantmod", "punct", "predet"):
                start = min(start, child.left_edge.i)
        ent = self._ent_at.get(token.i)
        end = token.i + 1
        if ent is not None and ent.root.i == token.i:
            start, end = min(start, ent.start), max(end, ent.end)
        while start < token.i and (doc[start].is_punct or doc[start].dep_ == "cc"):
            start += 1
        key = (start, end)
        if key in self._cache:
            return self._cache[key]
        # Pronoun antecedents and role owners resolve other phrases, which may lead back here
        # ("its leaders" -> "leaders of it" -> …): a phrase being resolved counts as unknown.
        self._cache[key] = None
        span = doc[start:end]
        office = self._office(token, start, end)
        if office is not None:  # "the prime minister": whoever the article said holds it
            ref = self._unheld_office(token, span) if office is False else \
                replace(office, text=span.text, start=span.start_char, end=span.end_char)
            self._cache[key] = ref
            return ref
        ref = self._resolve_text(span.text, ent.label_ if ent is not None else None)
        if ref is None and ent is not None and (ent.start, ent.end) != key:
            ref = self._resolve_text(ent.text, ent.label_)
        if ref is None:
            ref = self._resolve_tokens(token, start, end)
        if ref is None and self._actor_like(token, ent):
            ref = ActorRef(text=span.text, entity_type=ent.label_ if ent is not None else None)
            role = self._role_of(token)
            if role is not None and ref.entity_type in (None, "CARDINAL"):
                # "gunmen", "protesters", a bare "thousands": unresolved, but shown for what
                # they are (a count of people is people, not a number)
                ref = replace(ref, kind=_ROLE_KIND.get(role), sector=self.lex.role_sectors.get(role),
                              entity_type=None)
        if ref is not None:
            ref = replace(ref, text=span.text, start=span.start_char, end=span.end_char)
        self._cache[key] = ref
        return ref

    # ------------------------------------------------------------------ text resolution

    def _resolve_text(self, text: str, label: str | None = None) -> ActorRef | None:
        clean = _strip(text)
        if not clean:
            return None
        affiliation = None
        match = _AFFIL.search(clean)
        if match:
            found = self.lex.lookup(match.group(1))
            if found:
                affiliation = found[0]
        ref = self._lookup_whole(clean, label)
        if ref is None and match:
            rest = _strip((clean[: match.start()] + clean[match.end():]).replace("  ", " "))
            ref = self._lookup_whole(rest, label) if rest else None
            role = self.lex.roles.get(rest.split()[-1].lower()) if rest else None
            if ref is None and affiliation and role is not None:
                # "Hamas-led gunmen": the role noun of the actor that leads them
                return self._role_ref(affiliation, role, clean)
        if ref is None:
            ref = self._person(clean, label)
        if ref is None:
            ref = self._role_phrase(clean)
        if ref is not None and affiliation and affiliation != ref.canonical:
            ref = replace(ref, affiliation=affiliation)
        return ref

    def _lookup_whole(self, text: str, label: str | None) -> ActorRef | None:
        found = self.lex.lookup(text)
        if found is None:
            return None
        name, how = found
        entry = self.lex.entries[name]
        if how == "metonym":
            # "Washington" / "the White House" acting: the state's government
            return self.lex.ref(name, text, kind="government")
        if how == "demonym":
            # a bare demonym: "Israelis" (people) vs "Israeli" (the state, as an adjective)
            if entry.kind == "state" and text.lower().endswith("s") and label != "ORG":
                return self.lex.ref(name, text, kind="civilians", sector="CVL")
            return self.lex.ref(name, text)
        if entry.kind == "person" or label != "PERSON" or entry.kind != "state":
            return self.lex.ref(name, text)  # "The Houthis" tagged PERSON are the Houthis
        return None  # a lone "Israel" tagged PERSON is a first name, not the state

    def _person(self, text: str, label: str | None) -> ActorRef | None:
        """A person named after titles: the longest known name or learned surname at the end;
        "Sir John" by a first name; else, for a name that looks like a person's (a title, or
        a first name and a surname), that person under the name without its titles."""
        words = text.split()
        if not words:
            return None
        titles, name = self._split_titles(words)
        if titles and titles[-1] in self.lex.first_name_titles and len(name) == 1:
            key = name[0].lower()
            learned = self.first_learned.get(key)
            if learned is not None:
                return learned
            if key in self.lex.first_names:
                return self.lex.ref(self.lex.first_names[key], text)
        for n in range(min(len(words), 6), 0, -1):
            tail = " ".join(words[-n:])
            if n == 1 and not tail[:1].isupper():
                break
            learned = self.learned.get(_person_key(tail))
            if learned is not None:
                return learned
            found = self.lex.aliases.get(tail)
            if found and self.lex.entries[found].kind == "person":
                return self.lex.ref(found, text)
        if name and (titles or label == "PERSON") and len(name) == 1:
            found = self.lex.surnames.get(_strip(name[0]).lower())
            if found:  # "Lord Cameron", "Mr Starmer"
                return self.lex.ref(found, text)
        if label == "PERSON" and name and (titles or len(name) >= 2) and all(
                w[:1].isupper() for w in name):
            return ActorRef(text=text, canonical=" ".join(name), kind="person",
                            entity_type="PERSON")
        return None

    def _split_titles(self, words: list[str]) -> tuple[list[str], list[str]]:
        """Leading title words (lower case) and the name after them."""
        titles: list[str] = []
        rest = list(words)
        while rest and rest[0].lower().strip(".") in self.lex.titles:
            titles.append(rest.pop(0).lower().strip("."))
        return titles, rest

    def _role_phrase(self, text: str) -> ActorRef | None:
        """"State C officials", "Northland's military", "Vanguard fighters", "the leaders of Ruritania"."""
        words = _WORD.findall(text)
        if len(words) < 2:
            return None
        lowered = [w.lower() for w in words]
        role, head_at = None, None
        for n in (2, 1):  # "security forces", "armed wing" before "forces"
            if len(lowered) >= n:
                candidate = " ".join(lowered[-n:])
                if candidate in self.lex.roles:
                    role, head_at = self.lex.roles[candidate], len(words) - n
                    break
        rest = words
        if role is None:
            # "the leaders of Canada": role noun followed by "of <owner>"
            if "of" in lowered:
                k = lowered.index("of")
                head = " ".join(lowered[max(0, k - 2):k])
                head1 = lowered[k - 1] if k else ""
                if head in self.lex.roles or head1 in self.lex.roles:
                    role = self.lex.roles.get(head) or self.lex.roles[head1]
                    rest = words[k + 1:]
            if role is None:
                return None
        else:
            rest = words[:head_at]
        owner = self._find_owner(rest)
        if owner is None:
            return None
        return self._role_ref(owner, role, text)

    def _find_owner(self, words: list[str]) -> str | None:
        """The actor named by the longest alias/demonym among the words (possessives stripped)."""
        words = [_TRAILING_POSS.sub("", w) for w in words]
        best: str | None = None
        best_len = 0
        for i in range(len(words)):
            for n in range(min(self.lex.max_words, len(words) - i), 0, -1):
                if n <= best_len:
                    break
                found = self.lex.lookup(" ".join(words[i:i + n]))
                if found:
                    best, best_len = found[0], n
                    break
        return best

    def _role_ref(self, owner: str, role: str, text: str) -> ActorRef:
        entry = self.lex.entries[owner]
        if entry.role and entry.role != role and entry.parent in self.lex.entries:
            # "the Israeli military cabinet": a cabinet is the state's, not its army's
            owner, entry = entry.parent, self.lex.entries[entry.parent]
        if entry.kind == "person":
            return self.lex.ref(owner, text)
        if entry.kind == "state":
            child = self.lex.children.get((owner, role))
            if child:
                return self.lex.ref(child, text)
            sector = self.lex.role_sectors.get(role, entry.sector)
            return self.lex.ref(owner, text, kind=_ROLE_KIND.get(role, entry.kind), sector=sector)
        if role == "civilians":
            return self.lex.ref(owner, text, kind="civilians", sector="CVL")
        return self.lex.ref(owner, text)

    # ------------------------------------------------------------------ offices

    def _office(self, head: Token, start: int, end: int) -> ActorRef | None | bool:
        """A bare office ("the prime minister", "the president"): the person the article last
        named as its holder before this mention (of the named country, when one is given:
        "the Israeli prime minister"); False when the article named none (an unknown holder),
        None when the phrase is no office. An owned office without a known holder is left to the
        role nouns ("Northland's prime minister": Northland's government)."""
        if not self.lex.offices:
            return None
        doc = head.doc
        words = [t for t in doc[start:end] if not t.is_punct]
        low = " ".join(t.lower_ for t in words).replace("-", " ")
        office = next((o for o in sorted(self.lex.offices, key=len, reverse=True)
                       if low == o or low.endswith(" " + o)), None)
        if office is None:
            return None
        rest = low[: len(low) - len(office)].split()
        if any(w in ("a", "an", "former", "deputy", "acting", "ex", "late") for w in rest):
            return None  # "a spokesman", "the former president": not the office's holder
        owner_words = [w for w in rest if w not in ("the", "a", "an", "'s", "its", "their")]
        owner = self._find_owner(owner_words) if owner_words else None
        if owner_words and owner is None:
            return None  # "the country's prime minister"? left to the role nouns
        country = self.lex.entries[owner].country if owner else None
        for at, held, person in reversed(self.holders):
            if at < start and held == office and (country is None or person.country == country):
                return person
        return None if owner else False

    def _unheld_office(self, head: Token, span: Span) -> ActorRef:
        """An office whose holder the article never named ("The president praised the
        deal"): still someone acting, so an actor, but shown as written with no name guessed;
        its sector is the office's role ("president": government; "pope": religion)."""
        role = self._role_of(head)
        return ActorRef(text=span.text, start=span.start_char, end=span.end_char, kind="person",
                        sector=self.lex.role_sectors.get(role) if role else None)

    def _learn_offices(self, ent: Span, ref: ActorRef) -> None:
        """Offices a person is said to hold: the title before the name ("Prime Minister
        Arne Lund"), an apposition ("Mr Brown, the prime minister"), or, for a person
        of the lexicon, the title it records."""
        doc = ent.doc
        words = [t.lower_ for t in doc[max(ent.root.left_edge.i, ent.start - 5):ent.start]]
        words += [t.lower_ for t in ent]
        for child in ent.root.children:
            if child.dep_ == "appos":
                words += [t.lower_ for t in doc[child.left_edge.i:child.i + 1]]
        if ent.root.dep_ == "appos":  # "the prime minister, Rishi Sunak"
            head = ent.root.head
            words += [t.lower_ for t in doc[head.left_edge.i:head.i + 1]]
        text = " " + " ".join(words).replace("-", " ") + " "
        offices = {o for o in self.lex.offices if f" {o} " in text}
        if ref.canonical in self.lex.entries:
            title = self.lex.entries[ref.canonical].title
            if title and title.lower().replace("-", " ") in self.lex.offices:
                offices.add(title.lower().replace("-", " "))
        for office in offices:
            # "prime minister" also holds for "minister" alone only when nothing longer fits
            self.holders.append((ent.start, office, replace(ref, start=None, end=None)))

    # ------------------------------------------------------------------ token-level analysis

    def _resolve_tokens(self, head: Token, start: int, end: int) -> ActorRef | None:
        """Owner + role from the parse when the surface string did not match: "its leaders"
        (pronoun owner), "officials from Eastland", "leaders of Ruritania"."""
        role = self.lex.roles.get(head.lower_) or self.lex.roles.get(head.lemma_.lower())
        if role is None:
            return None
        for child in head.children:
            if child.dep_ == "poss" and child.lower_ in PRONOUNS:
                owner = self._pronoun(child)
                if owner is not None and owner.canonical in self.lex.entries:
                    return self._role_ref(owner.canonical, role, head.doc[start:end].text)
            if child.dep_ == "prep" and child.lower_ in ("of", "from", "in"):
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        found = self.resolve_np(pobj)
                        if found is not None and found.canonical in self.lex.entries:
                            return self._role_ref(
                                found.canonical, role, head.doc[start:pobj.right_edge.i + 1].text
                            )
        return None

    def _role_of(self, token: Token) -> str | None:
        """The role a head noun names, alone or with the compound before it ("gunmen";
        "rights groups", "aid agencies": the two-word role, where "groups" alone is none)."""
        before = token.doc[token.i - 1] if token.i > token.sent.start else None
        if before is not None and before.dep_ == "compound":
            two = self.lex.roles.get(f"{before.lower_} {token.lower_}")
            if two is not None:
                return two
        return self.lex.roles.get(token.lower_) or self.lex.roles.get(token.lemma_.lower())

    def _actor_like(self, token: Token, ent: Span | None) -> bool:
        if ent is not None and ent.label_ in ACTOR_LABELS:
            return True
        if self._role_of(token) is not None:
            return True
        return token.pos_ == "PROPN" and (ent is None or ent.label_ not in PLACE_LABELS | {
            "DATE", "TIME", "CARDINAL", "MONEY", "PERCENT", "QUANTITY", "ORDINAL", "EVENT",
            "LAW", "WORK_OF_ART", "PRODUCT", "LANGUAGE"})

    def _pronoun(self, token: Token) -> ActorRef | None:
        """Antecedent of a third-person pronoun: the subject of the speech verb it reports for
        ("Vanguard said it …"), else the nearest earlier compatible mention, within the sentence
        and the `PRONOUN_REACH` before it (subjects of the clauses containing the pronoun
        first, then main-clause subjects, then other named mentions, nearest first). A "he" or "she" takes
        the nearest person, an "it" the nearest singular subject or named mention that is not
        a person, a "they" the nearest plural one or group; when that nearest mention is no
        known actor ("the plan", a first name alone), the pronoun is left unresolved rather
        than given a farther, likelier wrong antecedent. "We", "I" and "you" stand for a
        speaker and are never resolved here."""
        want = PRONOUNS.get(token.lower_)
        if want is None or token.lower_ in FIRST_PERSON:
            return None
        found = None
        speaker = None
        clause = token.head
        # "Hamas said it released": pronoun subject of a complement of a verb with a subject
        if token.dep_ in ("nsubj", "nsubjpass", "poss") and clause.dep_ in ("ccomp", "xcomp",
                                                                           "conj", "advcl"):
            for sub in clause.head.children:
                if sub.dep_ in ("nsubj", "nsubjpass") and sub.i != token.i and sub.pos_ != "PRON" \
                        and (want != "any" or _could_be(sub, want)):  # "Turkey said they …"
                    found = self.resolve_np(sub)
                    speaker = sub
                    break
        if found is not None and found.canonical and _compatible(found, want):
            return replace(found, text=token.text, start=token.idx, end=token.idx + len(token))
        if (found is not None and speaker is not None and token.dep_ != "poss"
                and (found.sector or found.entity_type in ("ORG", "NORP"))
                and _compatible(found, want) and _could_be(speaker, want)):
            # plover13: "the rebels said they would meet the envoy", "gunmen said they tried
            # to kill him": the subject of the clause that reports for the pronoun is its
            # antecedent though no list names it; the mention keeps its own words and offsets
            return found
        if found is not None and found.entity_type in _NAMED_SPEAKERS.get(want, ()):
            # "Norland said it would withdraw": a named country, body or person the lexicon
            # does not know is still who the reported clause's pronoun stands for
            return replace(found, text=token.text, start=token.idx, end=token.idx + len(token))
        sent = token.sent
        doc = token.doc
        floor = sent.start
        for _ in range(PRONOUN_REACH):
            if floor == 0:
                break
            floor = doc[floor - 1].sent.start
        for cand in _antecedent_order(token, floor, self._ent_at):
            if not _could_be(cand, want) and not self._one_person(cand, want):
                continue
            ref = self.resolve_np(cand)
            if ref is not None and ref.canonical and _compatible(ref, want):
                return replace(ref, text=token.text, start=token.idx, end=token.idx + len(token))
            if _blocks(cand, ref, want):
                return None  # the nearest fitting mention is no known actor
        return None

    def _one_person(self, cand: Token, want: str) -> bool:
        """A surname ending in -s ("Alves", "Nunes") that the tagger took for a plural
        noun, where it names one known person: a fit for "he" or "she" all the same."""
        if want != "person" or any(c.dep_ == "conj" for c in cand.children):
            return False
        ref = self.resolve_np(cand)
        return ref is not None and ref.kind == "person"

    # ------------------------------------------------------------------ learning people

    def _learn_people(self, doc: Doc) -> None:
        self._learn_names(doc)
        for ent in doc.ents:  # then who holds which office, once the names are known
            if ent.label_ == "PERSON":
                ref = self._resolve_text(ent.text, "PERSON")
                if ref is not None and ref.kind == "person" and ref.canonical:
                    self._learn_offices(ent, ref)

    def _learn_names(self, doc: Doc) -> None:
        for ent in doc.ents:
            if ent.label_ != "PERSON":
                continue
            words = [w for w in _strip(ent.text).split() if w]
            while words and words[0].lower().strip(".") in self.lex.titles:
                words.pop(0)
            if not words:
                continue
            name = " ".join(words)
            if self.lex.aliases.get(name) and self.lex.entries[
                self.lex.aliases.get(name)  # type: ignore[index]
            ].kind == "person":
                continue
            if _person_key(name) in self.learned:
                continue
            if len(words) == 1 and _person_key(name) in self.learned:
                continue
            affiliation = self._affiliation_of(ent)
            template = ActorRef(text=name, canonical=name, kind="person", entity_type="PERSON")
            if affiliation is not None:
                entry = self.lex.entries[affiliation]
                template = replace(
                    template, affiliation=affiliation, country=entry.country,
                    sector=entry.sector if entry.kind != "media" else "MED",
                )
            if len(words) == 1:
                # a lone surname never seen in full: learn it only when something names its side
                if affiliation is None:
                    continue
            self.learned[_person_key(name)] = template
            if len(words) > 1:
                self.learned.setdefault(_person_key(words[-1]), template)
                first = words[0].lower()
                known = self.first_learned.get(first, template)
                self.first_learned[first] = template if known == template else None

    def _affiliation_of(self, ent: Span) -> str | None:
        """The side a person's title or apposition names: "Vanguard official Sami Haddad",
        "Sami Haddad, a senior Vanguard official", "Northland's Deputy Ambassador … Eliav
        Benjamin"."""
        root = ent.root
        doc = ent.doc
        words: list[str] = []
        # title before the name: compound/amod/poss modifiers left of the entity
        left = root.left_edge.i
        if left < ent.start:
            words.extend(t.text for t in doc[left:ent.start])
        # "X, a senior Hamas official" / "X, the group's spokesman"
        for child in root.children:
            if child.dep_ == "appos":
                a_start = child.left_edge.i
                words.extend(t.text for t in doc[a_start:child.i + 1])
                for _, pobj in prep_objects_of(child):
                    words.extend(t.text for t in doc[pobj.left_edge.i:pobj.i + 1])
        # "... Eliav Benjamin" whose title token was tagged as a separate entity
        if not words and ent.start > 0:
            prev = []  # the title's words run up to the name: a verb between ends them
            for t in reversed(doc[max(0, ent.start - 6):ent.start]):  # ("Hamas gunmen seized
                if t.pos_ in ("VERB", "AUX"):                          # Amir": no title)
                    break
                prev.append(t)
            words.extend(t.text for t in reversed(prev) if t.dep_ in ("compound", "poss", "amod"))
        owner = self._find_owner(words) if words else None
        if owner is not None and self.lex.entries[owner].kind == "person":
            return None
        return owner


def _antecedent_order(token: Token, floor: int, ents: dict[int, Span] | None = None,
                      ) -> list[Token]:
    """Mentions a pronoun may refer to: in its own sentence the subjects of the clauses
    containing it, then the other subjects, nearest first; in earlier sentences the main
    clause's subject first ("Northland, which went to war after Vanguard killed …, has entered
    truces. It refuses …": Northland, not Vanguard), then the other subjects; then, in each
    sentence, the heads of other named mentions, nearest first."""
    doc = token.doc
    out: list[Token] = []
    sent = token.sent
    while True:
        last = min(token.i, sent.end) - 1
        subs = [doc[i] for i in range(last, sent.start - 1, -1)
                if doc[i].dep_ in ("nsubj", "nsubjpass") and doc[i].pos_ != "PRON"]
        if sent.start <= token.i < sent.end:
            above = {t.i for t in token.ancestors}
            governing = [t for t in subs if t.head.i in above]
            out += governing + [t for t in subs if t not in governing]
        else:
            root = sent.root
            main = [t for t in subs if t.head.i == root.i
                    or (t.head.dep_ == "conj" and t.head.head.i == root.i)]
            out += main + [t for t in subs if t not in main]
        if ents:
            seen = {t.i for t in out}
            for i in range(last, sent.start - 1, -1):
                ent = ents.get(i)
                if ent is not None and ent.root.i == i and i not in seen and \
                        ent.label_ in ACTOR_LABELS and doc[i].pos_ != "PRON":
                    out.append(doc[i])
        if sent.start <= floor or sent.start == 0:
            return out
        sent = doc[sent.start - 1].sent


def _is_plural(tok: Token) -> bool:
    # a person's name ending in -s ("Guterres", "Reyes") is often tagged as a plural proper
    # noun: one person all the same
    plural_tag = tok.tag_ in ("NNS", "NNPS") and tok.ent_type_ != "PERSON"
    return plural_tag or any(c.dep_ == "conj" for c in tok.children)


def _could_be(cand: Token, want: str) -> bool:
    """Whether a mention's grammar fits the pronoun: "it" wants a singular one."""
    if want == "thing":
        return not _is_plural(cand) and cand.ent_type_ != "PERSON"
    if want == "person":
        return not _is_plural(cand)
    # "they": a group or several, not one named person nor one named country ("Turkey said
    # they had agreed": the delegations, not Turkey)
    return _is_plural(cand) or cand.ent_type_ not in ("PERSON", "GPE")


def _plural_anaphor(token: Token) -> bool:
    """"they", or a plural collective noun with a count or "both": "the two countries"."""
    if token.lower_ in PLURAL_PRONOUNS:
        return True
    return (token.lower_ in COLLECTIVE_NOUNS and token.tag_ == "NNS" and any(
        c.dep_ in ("nummod", "det", "predet") and c.lower_ in COLLECTIVE_COUNTS
        for c in token.children))


def _blocks(cand: Token, ref: ActorRef | None, want: str) -> bool:
    """Whether an unresolved mention is the pronoun's likelier antecedent than any farther
    one: a person named only by a first name for "he"; a subject that names no actor ("the
    plan", "residents") for "it" and "they"."""
    if want == "person":
        return cand.ent_type_ == "PERSON"
    if want == "thing":
        return cand.dep_ in ("nsubj", "nsubjpass") and cand.ent_type_ not in ("DATE", "TIME")
    return cand.dep_ in ("nsubj", "nsubjpass") and _is_plural(cand)


def prep_objects_of(token: Token) -> list[tuple[Token, Token]]:
    """(prep, pobj) pairs of a token ("spokesman *for* Vanguard")."""
    out = []
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in ("of", "for", "with", "from", "at"):
            out.extend((child, g) for g in child.children if g.dep_ == "pobj")
    return out


def _person_key(name: str) -> str:
    return _strip(name).lower()


def _compatible(ref: ActorRef, want: str) -> bool:
    if want == "person":
        return ref.kind == "person"
    if want == "thing":
        return ref.kind != "person"
    return True
