"""What each file of a story profile may hold, checked on the YAML node tree so that every
problem names its file, line and field ("actors.yaml:57: actors[3].kind: 'stat' is not one of
…"). A small schema language of our own: the files are small, their shapes fixed, and the one
thing a general validator would not give us is the line of the offending node.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import yaml

from storyline.data import compose_yaml, load_yaml

PLOVER_TYPES = frozenset({
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
})
ACTOR_KINDS = frozenset({"state", "government", "military", "armed_group", "igo", "ngo",
                         "ministry", "person", "office", "media", "organisation"})
ANALYSES = frozenset({"negotiation"})
POLARITIES = frozenset({"real", "negated", "irrealis"})
QUALIFIERS = frozenset({"exact", "approximately", "at_least", "more_than", "fewer_than",
                        "nearly", "up_to"})

_STR, _INT, _FLOAT, _BOOL, _NULL = (f"tag:yaml.org,2002:{t}" for t in
                                    ("str", "int", "float", "bool", "null"))
_TYPE_NAMES = {_STR: "a string", _INT: "a whole number", _FLOAT: "a number", _BOOL: "true/false",
               _NULL: "empty"}


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a profile file: where it is and what is wrong."""

    file: str
    line: int | None  # 1-based; None when the file as a whole is wrong
    field: str  # "actors[3].kind", "" for the top level
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


# ------------------------------------------------------------------------- the schema language


@dataclass(frozen=True)
class Scalar:
    tags: tuple[str, ...] = (_STR,)
    choices: frozenset[str] | None = None
    pattern: str | None = None  # a regex the whole string must match
    hint: str = ""


@dataclass(frozen=True)
class Seq:
    item: Any
    min_items: int = 0


@dataclass(frozen=True)
class Map:
    fields: dict[str, Any] = field(default_factory=dict)  # fixed keys
    required: frozenset[str] = frozenset()
    values: Any = None  # spec for any other key (None: other keys are errors)
    key_pattern: str | None = None


@dataclass(frozen=True)
class Either:
    options: tuple[Any, ...]
    hint: str


@dataclass(frozen=True)
class AnyValue:
    pass


STR = Scalar()
INT = Scalar((_INT,))
NUMBER = Scalar((_INT, _FLOAT))
BOOL = Scalar((_BOOL,))
WORD_OR_BOOL = Scalar((_STR, _BOOL))  # YAML reads a bare `on`/`off` particle as a boolean
WORDS = Seq(Scalar((_STR, _INT, _BOOL)))
SET_OR_WORDS = Either((Scalar(pattern=r"@[A-Za-z_][\w-]*", hint="@set"), WORDS),
                      "a @set name or a list of words")
PLOVER = Scalar(choices=PLOVER_TYPES)
PLOVER_OR_NONE = Scalar(choices=PLOVER_TYPES | {"NONE"})  # a verb sense may rule its reading out


def _validate(node: yaml.Node, spec: Any, path: str, file: str, out: list[Problem]) -> None:
    line = node.start_mark.line + 1
    if isinstance(spec, AnyValue):
        return
    if isinstance(spec, Either):
        for option in spec.options:
            trial: list[Problem] = []
            _validate(node, option, path, file, trial)
            if not trial:
                return
        out.append(Problem(file, line, path, f"expected {spec.hint}"))
        return
    if isinstance(spec, Scalar):
        if not isinstance(node, yaml.ScalarNode) or node.tag not in spec.tags:
            want = " or ".join(_TYPE_NAMES.get(t, t) for t in spec.tags)
            out.append(Problem(file, line, path, f"expected {want}, got {_describe(node)}"))
            return
        if spec.choices is not None and node.value not in spec.choices:
            out.append(Problem(file, line, path, f"{node.value!r} is not one of "
                               f"{', '.join(sorted(spec.choices))}"))
        if spec.pattern is not None and not re.fullmatch(spec.pattern, node.value):
            out.append(Problem(file, line, path, f"{node.value!r} is not "
                               f"{spec.hint or 'of the form ' + spec.pattern}"))
        return
    if isinstance(spec, Seq):
        if not isinstance(node, yaml.SequenceNode):
            out.append(Problem(file, line, path, f"expected a list, got {_describe(node)}"))
            return
        if len(node.value) < spec.min_items:
            out.append(Problem(file, line, path, f"needs at least {spec.min_items} item(s)"))
        for i, item in enumerate(node.value):
            _validate(item, spec.item, f"{path}[{i}]", file, out)
        return
    if isinstance(spec, Map):
        if not isinstance(node, yaml.MappingNode):
            out.append(Problem(file, line, path, f"expected a mapping, got {_describe(node)}"))
            return
        seen: set[str] = set()
        for key_node, value_node in node.value:
            key = str(key_node.value)
            sub = f"{path}.{key}" if path else key
            if key in seen:
                out.append(Problem(file, key_node.start_mark.line + 1, sub, "given twice"))
            seen.add(key)
            if key in spec.fields:
                _validate(value_node, spec.fields[key], sub, file, out)
            elif spec.values is not None:
                if spec.key_pattern and not re.fullmatch(spec.key_pattern, key):
                    out.append(Problem(file, key_node.start_mark.line + 1, sub,
                                       f"{key!r} is not a valid name here"))
                _validate(value_node, spec.values, sub, file, out)
            else:
                known = ", ".join(sorted(spec.fields)) or "none"
                out.append(Problem(file, key_node.start_mark.line + 1, sub,
                                   f"unknown field (known: {known})"))
        for name in sorted(spec.required - seen):
            out.append(Problem(file, line, f"{path}.{name}" if path else name, "missing"))
        return
    raise TypeError(f"not a schema: {spec!r}")


def _describe(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    return f"{_TYPE_NAMES.get(node.tag, node.tag)} {node.value!r}"


# ------------------------------------------------------------------------- the files

ACTOR = Map(
    fields={
        "name": STR,
        "kind": Scalar(choices=ACTOR_KINDS),
        "country": Scalar(pattern=r"[A-Z]{3}", hint="an ISO 3166 alpha-3 code (e.g. TUR)"),
        "sector": Scalar(pattern=r"[A-Z]{2,4}", hint="a PLOVER sector code (GOV, MIL, IGO …)"),
        "parent": STR, "affiliation": STR, "role": STR, "title": STR,
        "aliases": WORDS, "demonyms": WORDS, "metonyms": WORDS,
    },
    required=frozenset({"name", "kind"}),
)
SENSE = Map(fields={
    "type": PLOVER_OR_NONE, "mode": STR, "prt": WORD_OR_BOOL, "prep": WORD_OR_BOOL,
    "objects": Either((STR, WORDS), "a set name or a list of words"),
    "subjects": Either((STR, WORDS), "a set name or a list of words"),
    "complement": Scalar((_STR, _BOOL)), "conflict": BOOL,
    "complement_words": Either((STR, WORDS), "a set name or a list of words"), "firm": BOOL,
    "complement_types": Seq(PLOVER),
}, required=frozenset({"type"}))
FIGURE_KIND = Map(fields={
    "kind": Scalar(pattern=r"[a-z][a-z0-9_]*", hint="a lower-case name (grain_exported)"),
    "units": WORDS, "nouns": SET_OR_WORDS, "bare": BOOL, "cues": SET_OR_WORDS,
    "article": SET_OR_WORDS, "modality": BOOL, "unit": STR,
    # what one figure is of (extract/figure_frame.py; figure_kinds.yaml's header explains)
    "context": SET_OR_WORDS, "sentence": SET_OR_WORDS, "unless_sentence": SET_OR_WORDS,
    "unless": SET_OR_WORDS, "not_counted": SET_OR_WORDS, "group": STR,
    "group_nouns": SET_OR_WORDS, "stock": BOOL, "stock_cues": SET_OR_WORDS,
}, required=frozenset({"kind"}))
FIGURE_GROUP = Map(fields={"group": STR, "nouns": SET_OR_WORDS, "with": SET_OR_WORDS},
                   required=frozenset({"group", "nouns"}))
FIGURE_PLACE = Map(fields={"place": STR, "people": STR, "aliases": WORDS, "localities": WORDS,
                           "adjectives": WORDS}, required=frozenset({"place"}))
# state_rules.yaml: word lists are strings only (YAML reads a bare no/on/yes as a boolean:
# quote them), a reference to another list is "@name"
PHRASES = Seq(Scalar(hint="a word (quote no, on, off, yes)"))
PHRASE_REF = Either((Scalar(pattern=r"@[A-Za-z_][\w-]*", hint="@list"), PHRASES),
                    "an @list name or a list of words")
POLARITY_OR_LIST = Either((Scalar(choices=POLARITIES), Seq(Scalar(choices=POLARITIES))),
                          "real, negated, irrealis or a list of them")
RECORD_RULE = Map(fields={
    "kind": STR, "types": Seq(PLOVER), "modes": WORDS, "polarity": POLARITY_OR_LIST,
    "stances": WORDS, "involves": Scalar(choices=frozenset({
        "negotiators", "parties", "acting_parties", "mediators", "bodies", "any"})),
    "named": BOOL, "min_roles": INT, "min_articles": INT, "min_hits": INT, "words": PHRASE_REF,
    "words_also": PHRASE_REF, "words_not": PHRASE_REF, "all_of": Seq(STR),
    "response": Scalar(choices=frozenset({"accept", "reject", "amend"})),
}, required=frozenset({"kind"}))
NATIONALITY = Map(fields={
    "words": Seq(STR, min_items=1),
    "country": Scalar(pattern=r"[A-Z]{3}", hint="an ISO 3166 alpha-3 code"),
    "actor": STR,
}, required=frozenset({"words"}))

SCHEMAS: dict[str, Any] = {
    "profile": Map(fields={
        "name": Scalar(pattern=r"[a-z0-9][a-z0-9_-]*", hint="a lower-case name (grain-deal)"),
        "title": STR, "description": STR, "language": Scalar(choices=frozenset({"en"})),
        "analyses": Seq(Scalar(choices=ANALYSES)), "version": Scalar((_STR, _INT, _FLOAT)),
    }, required=frozenset({"name"})),
    "actors": Map(fields={
        "actors": Seq(ACTOR),
        "roles": Map(values=WORDS), "role_sectors": Map(values=STR), "titles": WORDS,
        # titles that go with a first name ("Sir Keir"), and offices a role noun may name
        "first_name_titles": WORDS, "offices": WORDS,
        "quantity_heads": WORDS,  # "thousands of protesters": who is counted acts
    }, required=frozenset({"actors"})),
    "figure_kinds": Map(fields={
        "sets": Map(values=WORDS), "kinds": Seq(FIGURE_KIND),
        "source_verbs": WORDS, "source_nouns": WORDS, "measure_verbs": WORDS,
        "skip_suffixes": WORDS, "skip_nouns": WORDS,
        "groups": Seq(FIGURE_GROUP), "places": Seq(FIGURE_PLACE), "direction_words": WORDS,
        "place_fillers": WORDS, "source_places": Map(values=STR),
        "scope": Map(fields={
            "since_words": WORDS, "since_period_days": INT, "cumulative_phrases": WORDS,
            "period_patterns": WORDS, "incident_nouns": WORDS, "campaign_nouns": WORDS,
            "one_off_nouns": WORDS, "attack_verbs": WORDS}),
        "identifier_nouns": WORDS, "partitive_nouns": WORDS, "non_sources": WORDS,
        "modality": Map(fields={"negating_adverbs": WORDS, "proposal_nouns": WORDS,
                                "demand_verbs": WORDS, "proposal_verbs": WORDS}),
        "exchange": Map(fields={"release": SET_OR_WORDS, "captives": SET_OR_WORDS,
                                "captives_kind": STR, "others_kind": STR}),
    }, required=frozenset({"kinds"})),
    "outlets": Map(fields={
        "outlets": Map(values=STR, key_pattern=r"[a-z0-9.-]+\.[a-z0-9-]+"),
        "second_level_suffixes": WORDS,
    }, required=frozenset({"outlets"})),
    "state_rules": Map(fields={
        "profile": Map(fields={"parties": Seq(STR), "mediators": Seq(STR),
                               "bodies": Seq(STR)}),
        "words": Map(values=PHRASES),
        "record": Map(fields={
            "rules": Seq(RECORD_RULE), "statement_rules": Seq(RECORD_RULE),
            "outcomes": Map(values=Either((Map(fields={"polarity": POLARITY_OR_LIST,
                                                       "words": PHRASE_REF}),
                                           Scalar((_NULL,))), "a condition or nothing")),
            "venue_preps": PHRASES, "terms": Map(values=PHRASE_REF),
            "durations": Map(fields={"units": Map(values=INT), "phrases": Map(values=INT)}),
            "merge_days": INT, "merge_same_terms": WORDS, "max_interval_days": INT,
            "summary_chars": INT,
        }),
        "truce": Map(fields={"context_words": INT, "window_words": INT, "min_articles": INT,
                             "max_days": INT, "group_days": INT, "bases": WORDS}),
        "positions": Map(fields={
            "stances": WORDS, "types": Seq(PLOVER), "require": PHRASE_REF,
            "topics": Map(values=PHRASE_REF), "stance_groups": Map(values=WORDS),
        }),
        "statuses": Map(values=Map(fields={"precedence": INT, "label": STR,
                                           "expires_days": INT},
                                   required=frozenset({"precedence", "label"}))),
        "state": Map(fields={
            "set_by": Map(values=STR), "min_articles": INT, "window_days": INT,
            "min_days": INT, "publication_min_articles": INT, "bases": WORDS,
            "statement_items": BOOL, "roles_window_days": INT,
        }),
    }),
    "demonyms": Map(fields={"nationalities": Seq(NATIONALITY)},
                    required=frozenset({"nationalities"})),
    "negotiation": Map(fields={
        "sets": Map(values=WORDS),
        "party_words": WORDS,
    }),
    "event_lexicon": Map(fields={
        "sets": Map(values=WORDS),
        "verbs": Map(values=Seq(SENSE)),
        "nouns": Map(values=Map(fields={"type": PLOVER, "mode": STR},
                                required=frozenset({"type"}))),
    }, values=AnyValue()),
}


def validate_text(kind: str, file: str, text: str) -> tuple[Any, list[Problem]]:
    """Parse one profile file and check its shape: (data, problems)."""
    try:
        node = compose_yaml(text)
        data = load_yaml(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        context, start = getattr(exc, "context", None), getattr(exc, "context_mark", None)
        if context and start is not None and start.line + 1 != line:
            problem += f" ({context} on line {start.line + 1})"
        return None, [Problem(file, line, "", f"not valid YAML: {problem}")]
    if node is None:
        node = compose_yaml("{}")
        data = {}
    problems: list[Problem] = []
    _validate(node, SCHEMAS[kind], "", file, problems)
    return data, problems


# ------------------------------------------------------------------------- across files


def _lines_of(node: yaml.Node | None) -> dict[str, int]:
    """Line of each actor by name (for cross-file messages)."""
    out: dict[str, int] = {}
    if not isinstance(node, yaml.MappingNode):
        return out
    for key, value in node.value:
        if key.value == "actors" and isinstance(value, yaml.SequenceNode):
            for item in value.value:
                if isinstance(item, yaml.MappingNode):
                    for k, v in item.value:
                        if k.value == "name" and isinstance(v, yaml.ScalarNode):
                            out.setdefault(str(v.value), item.start_mark.line + 1)
    return out


def cross_check(data: dict[str, Any], files: dict[str, str], texts: dict[str, str],
                base: dict[str, Any] | None = None) -> list[Problem]:
    """Checks between the fields and files of one profile (and the base files it extends,
    `base`: kind -> data): references to actors, roles, statuses, word sets; names given
    twice."""
    base = base or {}
    out: list[Problem] = []
    actors = data.get("actors") or {}
    entries = actors.get("actors") or [] if isinstance(actors, dict) else []
    actor_file = files.get("actors", "actors.yaml")
    actor_lines = _lines_of(_compose(texts.get("actors", "")))
    names: dict[str, int] = {}
    for i, a in enumerate(entries):
        if not isinstance(a, dict) or "name" not in a:
            continue
        name = str(a["name"])
        if name in names:
            out.append(Problem(actor_file, actor_lines.get(name), f"actors[{i}].name",
                               f"{name!r} is given twice"))
        names[name] = i
    roles = set((actors.get("roles") or {}) if isinstance(actors, dict) else {})
    roles |= set((base.get("actors") or {}).get("roles") or {})
    for i, a in enumerate(entries):
        if not isinstance(a, dict):
            continue
        for ref in ("parent", "affiliation"):
            target = a.get(ref)
            if target is not None and str(target) not in names:
                out.append(Problem(actor_file, actor_lines.get(str(a.get("name"))),
                                   f"actors[{i}].{ref}", f"no actor named {target!r}"))
        if a.get("role") is not None and roles and a["role"] not in roles:
            out.append(Problem(actor_file, actor_lines.get(str(a.get("name"))),
                               f"actors[{i}].role", f"{a['role']!r} is not one of the roles "
                               f"({', '.join(sorted(roles))})"))
    out += _set_refs(data.get("figure_kinds"), files.get("figure_kinds", "figure_kinds.yaml"),
                     "kinds", ("nouns", "cues", "article"))
    out += _set_refs(data.get("event_lexicon"), files.get("event_lexicon", "event_lexicon.yaml"),
                     None, ())
    rules = data.get("state_rules")
    if isinstance(rules, dict):
        file = files.get("state_rules", "state_rules.yaml")
        statuses = set(rules.get("statuses") or {}) | set(
            (base.get("state_rules") or {}).get("statuses") or {})
        for key, status in ((rules.get("state") or {}).get("set_by") or {}).items():
            if status not in statuses:
                out.append(Problem(file, None, f"state.set_by.{key}",
                                   f"status {status!r} is not under statuses:"))
        out += _list_refs(rules, file, [*((base.get("state_rules") or {}).get("words") or {}),
                                        *((data.get("negotiation") or {}).get("sets") or {})])
    dem = data.get("demonyms")
    if isinstance(dem, dict) and names:
        for i, n in enumerate(dem.get("nationalities") or []):
            if isinstance(n, dict) and n.get("actor") is not None and n["actor"] not in names:
                out.append(Problem(files.get("demonyms", "demonyms.yaml"), None,
                                   f"nationalities[{i}].actor",
                                   f"no actor named {n['actor']!r} in {actor_file}"))
    return out


def _list_refs(rules: dict, file: str, more: Iterable[str] = ()) -> list[Problem]:
    """Every "@name" in state_rules.yaml must name a list under `words:` (its own, or one of
    `more`: the base's and negotiation.yaml's)."""
    names = set(rules.get("words") or {}) | set(more)
    out: list[Problem] = []

    def walk(value: Any, where: str) -> None:
        if isinstance(value, str) and value.startswith("@") and value[1:] not in names:
            out.append(Problem(file, None, where, f"{value!r}: no list {value[1:]!r} under "
                               "words:"))
        elif isinstance(value, list):
            for i, v in enumerate(value):
                walk(v, f"{where}[{i}]")
        elif isinstance(value, dict):
            for k, v in value.items():
                walk(v, f"{where}.{k}" if where else str(k))

    walk({k: v for k, v in rules.items() if k != "statuses"}, "")
    return out


def _compose(text: str) -> yaml.Node | None:
    try:
        return compose_yaml(text) if text else None
    except yaml.YAMLError:
        return None


def _set_refs(data: Any, file: str, list_key: str | None, fields: Iterable[str]
              ) -> list[Problem]:
    """`@name` references to the file's own `sets:`."""
    if not isinstance(data, dict):
        return []
    sets = set(data.get("sets") or {})
    out = []
    items = data.get(list_key) if list_key else None
    for i, item in enumerate(items or []):
        if not isinstance(item, dict):
            continue
        for f in fields:
            value = item.get(f)
            if isinstance(value, str) and value.startswith("@") and value[1:] not in sets:
                out.append(Problem(file, None, f"{list_key}[{i}].{f}",
                                   f"no set named {value[1:]!r} under sets:"))
    return out
