"""The learned event classifier beside the rules: a small logistic-regression head over the
sentence embedding (`extract/embeddings.py`) that types each sentence's main event candidate.

Candidates are clauses the parse already gives: the lexicon's predicates (`extract/events.py`)
and, besides them, any other verb with a participant the actor resolver resolves (speech and
denial verbs excluded: their content is the candidate). Only sentences with a candidate are
embedded, once each, so the cost stays near the parse. For the main candidate of a sentence
(the one highest in its tree), two heads give probabilities: PLOVER type (16 types and NONE)
and CAMEO quad class (0-4, trained on CAMEO-coded sentences); they are combined as
log P(type) + weight · log P(quad of type), and a mode head names the mode for the types that
have one learned (CONSULT, RETREAT, AID, COERCE). How the result combines with the rules
(retype a rule candidate, add an event the lexicon missed, drop one the classifier is sure is
not an event) is set by thresholds stored with the weights, chosen on training folds by
`training/events/train.py`.

Weights live in `data/event_head.npz`; inference is numpy only.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import json
import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from spacy.tokens import Doc, Span, Token

from storyline.extract import embeddings, parse_features, quad, syntax
from storyline.extract.actors import ActorResolver

HEAD_PATH = Path(__file__).resolve().parents[1] / "data" / "event_head.npz"
# the same training over the parse's features (`extract/parse_features.py`): no MiniLM run,
# chosen with STORYLINE_EVENT_HEAD=parse (the README's cost row has both heads' figures)
PARSE_HEAD_PATH = HEAD_PATH.with_name("event_head_parse.npz")
NONE = "NONE"
TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
         "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
RULE_FEATURES = (*TYPES, NONE)  # the rule type of the main candidate, one-hot
# Verbs whose clause is someone's statement: the statement's content is the candidate.
CONTENT_GOVERNORS = frozenset({"say", "tell", "report", "claim", "state", "add", "note", "write",
                               "explain", "stress", "emphasise", "emphasize", "insist", "argue",
                               "believe", "think", "know", "hope", "fear", "suggest", "deny",
                               "dispute", "describe", "estimate", "mention", "quote", "reiterate",
                               "repeat", "predict", "expect", "understand", "seem", "appear"})
# Verbs that report a thing they name ("announced the renewal", "confirmed the extension"): the
# thing is the event, told elsewhere; only announcing a decision in a clause ("announced that
# the schools would reopen") is a candidate (an announced truce or release is the lexicon's).
NAMING_REPORTERS = frozenset({"announce", "confirm"})


# Verbs too general to make an event on their own ("have", "take", "go"): they are candidates
# only through the lexicon. Keeps the clauses embedded, and so the cost, near the parse.
GENERAL_VERBS = frozenset({
    "have", "take", "see", "go", "follow", "do", "get", "work", "leave", "speak", "make", "want",
    "use", "live", "need", "continue", "come", "face", "try", "give", "show", "find", "accord",
    "set", "bring", "put", "hear", "run", "remain", "include", "feel", "lead", "post",
    "comment", "die", "stand", "lose", "play", "mean", "look", "be", "wait", "become", "keep",
    "start", "happen", "seem", "know", "think", "hope", "grow", "spend", "watch",
    "read", "write", "learn", "believe", "consider", "wish", "like", "love", "ask",
    # "held hostage", "held citizenship", "held candles": a state, which the head typed as a
    # release or an attack; "held talks" and "a vigil was held" stay, through the lexicon
    "hold",
    # a ship sailing somewhere is a movement, no interaction between actors
    "sail"})


class HeadMissing(RuntimeError):
    """The trained head file is missing or unreadable."""


@dataclass
class Head:
    """The trained weights and the combination settings (see `training/events/train.py`)."""

    type_labels: tuple[str, ...]
    type_w: np.ndarray
    type_b: np.ndarray
    quad_w: np.ndarray
    quad_b: np.ndarray
    mode_labels: dict[str, tuple[str, ...]]
    mode_w: dict[str, np.ndarray]
    mode_b: dict[str, np.ndarray]
    quad_of_type: dict[str, int]
    appeal_lemmas: frozenset[str]
    settings: dict[str, float]
    trained_on: dict = field(default_factory=dict)
    # what the head reads: "minilm" (the sentence embedding) or "parse" (the parse's own token
    # vectors and dependency features, `extract/parse_features.py`)
    inputs: str = "minilm"

    @staticmethod
    def features(vectors: np.ndarray, rule_types: Sequence[str]) -> np.ndarray:
        """Embedding plus the one-hot rule type of each row's main candidate."""
        onehot = np.zeros((len(rule_types), len(RULE_FEATURES)), dtype=np.float32)
        for i, t in enumerate(rule_types):
            onehot[i, RULE_FEATURES.index(t if t in RULE_FEATURES else NONE)] = 1.0
        return np.hstack([vectors.astype(np.float32), onehot])

    def type_probabilities(self, x: np.ndarray) -> np.ndarray:
        return _softmax(x @ self.type_w + self.type_b)

    def quad_probabilities(self, x: np.ndarray) -> np.ndarray:
        return _softmax(x @ self.quad_w + self.quad_b)

    def quad_for(self, label: str, lemma: str | None) -> int:
        """CAMEO quad class of a type; a REQUEST made with an appeal verb is CAMEO 02 (class 0
        in the five-way CAMEO scheme), a demand CAMEO 10."""
        if label == "REQUEST" and lemma in self.appeal_lemmas:
            return 0
        return self.quad_of_type.get(label, 0)

    def combined(self, x: np.ndarray, lemmas: Sequence[str | None]) -> np.ndarray:
        """Log-scores of each type label: log P(type) + weight · log P(quad of type)."""
        pt = np.log(np.clip(self.type_probabilities(x), 1e-12, None))
        weight = self.settings.get("quad_weight", 0.0)
        if not weight:
            return pt
        pq = np.log(np.clip(self.quad_probabilities(x), 1e-12, None))
        quads = np.array([[self.quad_for(label, lemma) for label in self.type_labels]
                          for lemma in lemmas], dtype=np.int64).reshape(len(lemmas), -1)
        return pt + weight * np.take_along_axis(pq, quads, axis=1)

    def predict(self, x: np.ndarray, lemmas: Sequence[str | None]) -> list[tuple[str, float]]:
        """(type label, its normalised probability) per row."""
        scores = self.combined(x, lemmas)
        probs = _softmax(scores)
        best = probs.argmax(axis=1)
        return [(self.type_labels[j], float(probs[i, j])) for i, j in enumerate(best)]

    def type_probability(self, x: np.ndarray, label: str) -> np.ndarray:
        """The type head's probability of `label` for each row (0 for an unknown label)."""
        if label not in self.type_labels:
            return np.zeros(len(x))
        return self.type_probabilities(x)[:, self.type_labels.index(label)]

    def mode(self, label: str, x: np.ndarray) -> str | None:
        """Mode of one row for a type with a mode head ("other" and unknown types: None)."""
        if label not in self.mode_w:
            return None
        p = _softmax(x[None, :] @ self.mode_w[label] + self.mode_b[label])[0]
        mode = self.mode_labels[label][int(p.argmax())]
        return None if mode == "other" else mode

    def save(self, path: Path) -> None:
        arrays = {"type_w": self.type_w, "type_b": self.type_b, "quad_w": self.quad_w,
                  "quad_b": self.quad_b}
        for t in self.mode_w:
            arrays[f"mode_w_{t}"] = self.mode_w[t]
            arrays[f"mode_b_{t}"] = self.mode_b[t]
        meta = {"type_labels": list(self.type_labels),
                "mode_labels": {k: list(v) for k, v in self.mode_labels.items()},
                "quad_of_type": self.quad_of_type, "appeal_lemmas": sorted(self.appeal_lemmas),
                "settings": self.settings, "trained_on": self.trained_on,
                "rule_features": list(RULE_FEATURES), "inputs": self.inputs,
                "embedding": "all-MiniLM-L6-v2 int8" if self.inputs == "minilm" else None}
        arrays = {k: np.asarray(v, dtype=np.float32) for k, v in arrays.items()}
        np.savez_compressed(path, meta=np.frombuffer(json.dumps(meta).encode(), dtype=np.uint8),
                            **arrays)

    @classmethod
    def read(cls, path: Path) -> Head:
        try:
            with np.load(path) as data:
                meta = json.loads(bytes(data["meta"]).decode())
                arrays = {k: data[k] for k in data.files if k != "meta"}
        except (OSError, ValueError, KeyError) as exc:
            raise HeadMissing(f"{path}: cannot read the event classifier head ({exc}); "
                              "retrain it with python training/events/train.py") from None
        if meta.get("rule_features") != list(RULE_FEATURES):
            raise HeadMissing(f"{path}: trained for other features; retrain it with "
                              "python training/events/train.py")
        modes = meta["mode_labels"]
        return cls(
            type_labels=tuple(meta["type_labels"]), type_w=arrays["type_w"],
            type_b=arrays["type_b"], quad_w=arrays["quad_w"], quad_b=arrays["quad_b"],
            mode_labels={k: tuple(v) for k, v in modes.items()},
            mode_w={k: arrays[f"mode_w_{k}"] for k in modes},
            mode_b={k: arrays[f"mode_b_{k}"] for k in modes},
            quad_of_type={k: int(v) for k, v in meta["quad_of_type"].items()},
            appeal_lemmas=frozenset(meta["appeal_lemmas"]), settings=meta["settings"],
            trained_on=meta.get("trained_on", {}), inputs=meta.get("inputs", "minilm"))


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)


@functools.cache
def _read_head(path: str | None) -> Head:
    return Head.read(Path(path) if path else head_path())


def head_path() -> Path:
    """The head file: STORYLINE_EVENT_HEAD when set (a path, or "parse" for the packaged head
    over the parse's own features, `data/event_head_parse.npz`), else the shipped one."""
    configured = os.environ.get("STORYLINE_EVENT_HEAD")
    if configured == parse_features.NAME:
        return PARSE_HEAD_PATH
    return Path(configured) if configured else HEAD_PATH


_OVERRIDE: list[Head | None] = []  # innermost `using_head` first


def load_head(path: str | None = None) -> Head | None:
    """The head in use: the one set by `using_head`, else the shipped one (read once per
    process). None while `using_head(None)` is in force: rules only."""
    if _OVERRIDE:
        return _OVERRIDE[-1]
    return _read_head(path)


@contextlib.contextmanager
def using_head(head: Head | None) -> Iterator[None]:
    """Run extraction with another head (a cross-validation fold's), or with None for the
    rules alone, within this block."""
    _OVERRIDE.append(head)
    try:
        yield
    finally:
        _OVERRIDE.pop()


# --------------------------------------------------------------------------- candidates


def depth(token: Token) -> int:
    """Distance from the token to its sentence root."""
    d = 0
    while token.head is not token and d < 50:
        token, d = token.head, d + 1
    return d


def _participants(verb: Token) -> list[Token]:
    out = list(syntax.subjects(verb))
    out.extend(syntax.children(verb, syntax.PASSIVE_SUBJECT_DEPS))
    out.extend(syntax.direct_objects(verb))
    out.extend(pobj for _, pobj in syntax.prep_objects(verb))
    return out


def is_open_candidate(token: Token, actors: ActorResolver) -> bool:
    """A verb, not a general one, with a participant the resolver resolves (an actor, a group
    or a named place): a clause the classifier may type although no lexicon predicate matched."""
    if token.pos_ != "VERB" or token.dep_ in ("amod", "compound", "aux", "auxpass", "acl",
                                              "csubj", "csubjpass"):
        # a participle describing a noun ("a centre staffed by officials") or a clause as a
        # subject is no clause of its own; the lexicon's predicates still make events of them
        return False
    if token.dep_ == "advcl" and any(c.dep_ == "mark" for c in token.children):
        # "while Russia stayed away, ships kept sailing": a clause setting the scene for
        # another is no main event of its sentence
        return False
    lemma = token.lemma_.lower()
    if lemma in CONTENT_GOVERNORS or lemma in GENERAL_VERBS:
        return False
    if lemma in NAMING_REPORTERS and not any(
            c.lemma_.lower() not in GENERAL_VERBS
            for c in syntax.children(token, syntax.COMPLEMENT_DEPS)):
        # "confirmed that a delegation was in Istanbul" tells a state, no decision
        return False
    for tok in _participants(token):
        if tok.pos_ == "PRON" and tok.lower_ not in ("it", "they", "he", "she", "we"):
            continue
        if actors.resolve_group(tok):
            return True
    return False


@dataclass
class SentenceCandidate:
    """The main candidate of one sentence: the rule candidate or open verb highest in its
    tree, with what the classifier needs."""

    sentence: Span
    trigger: Token
    rule_index: int | None  # index into the rule candidates, None for an open candidate
    rule_type: str  # the rule candidate's type, NONE for an open one


def main_candidates(doc: Doc, rule_candidates: Sequence[tuple[Token, str]],
                    actors: ActorResolver, ruled_out: Iterable[int] = ()
                    ) -> list[SentenceCandidate]:
    """One main candidate per sentence that has any candidate, in text order.

    `rule_candidates` are the lexicon candidates as (trigger, type); their order gives
    `rule_index`. `ruled_out`: indexes of verbs whose reading the lexicon rules out, never
    open candidates."""
    by_sentence: dict[int, list[tuple[int, int, int | None, Token]]] = {}
    rule_at = {tok.i for tok, _ in rule_candidates} | set(ruled_out)
    for n, (tok, _) in enumerate(rule_candidates):
        if syntax.is_reduced_relative(tok):
            continue  # a reduced relative ("an exchange mediated by Qatar") is never the
            # sentence's main event: the sentence's embedding does not type it
        by_sentence.setdefault(tok.sent.start, []).append((depth(tok), tok.i, n, tok))
    for token in doc:
        if token.i in rule_at or not is_open_candidate(token, actors):
            continue
        by_sentence.setdefault(token.sent.start, []).append((depth(token), token.i, None, token))
    out = []
    for start in sorted(by_sentence):
        # highest in the tree; a rule candidate before an open one at the same height
        _, _, n, tok = min(by_sentence[start], key=lambda c: (c[0], c[2] is None, c[1]))
        rule_type = rule_candidates[n][1] if n is not None else NONE
        out.append(SentenceCandidate(tok.sent, tok, n, rule_type))
    return out


def sentence_vectors(sentences: Iterable[Span]) -> np.ndarray:
    """Embeddings of the sentences' texts (one model call, batched)."""
    return embeddings.embed([s.text.strip() for s in sentences])


def head_inputs(kind: str, pairs: Sequence[tuple[Span, Token]]) -> np.ndarray:
    """What a head of this input kind reads for each (sentence, trigger) pair, before the
    rule-type one-hot: the sentence embedding, or the parse's features."""
    if kind == parse_features.NAME:
        return parse_features.vectors(pairs)
    return sentence_vectors(s for s, _ in pairs)


def classify(doc: Doc, rule_candidates: Sequence[tuple[Token, str]], actors: ActorResolver,
             head: Head, mains: Sequence[SentenceCandidate] | None = None,
             ) -> list[tuple[SentenceCandidate, str, float, str | None, float]]:
    """(main candidate, type label, probability, mode, the type head's probability of the rule
    type) for each sentence with a candidate (`mains`: only these main candidates)."""
    if mains is None:
        mains = main_candidates(doc, rule_candidates, actors)
    if not mains:
        return []
    x = head.features(head_inputs(head.inputs, [(m.sentence, m.trigger) for m in mains]),
                      [m.rule_type for m in mains])
    preds = head.predict(x, [m.trigger.lemma_.lower() for m in mains])
    return [(m, label, p, head.mode(label, row), float(head.type_probability(row[None, :],
                                                                            m.rule_type)[0]))
            for m, (label, p), row in zip(mains, preds, x, strict=True)]


def _open_candidate(trig: Token, label: str, mode: str | None):
    from storyline.extract.events import Candidate  # events.py imports this module

    comps = syntax.children(trig, syntax.COMPLEMENT_DEPS)
    return Candidate(trig, label, mode, "verb", objects=tuple(syntax.direct_objects(trig)),
                     complement=comps[0] if comps else None, learned=True)


def _worth_embedding(main: SentenceCandidate, candidates: Sequence, head: Head,
                     can_yield: Callable[[object], bool] | None) -> bool:
    """Whether typing this main candidate can change the events (`type_candidates`' rules
    read backwards). A rule candidate whose type stands whatever the classifier says (a kept
    type, a phrase-specific sense, an aside) can only gain a mode, and only when its type has
    a mode head and it has no mode yet; an open candidate is never added when it is an aside
    or the add threshold cannot be met; neither matters when no type would give it an actor
    (`can_yield`). The sentence embedding is most of the classifier's cost, so these
    sentences skip it; the events are those of embedding them all."""
    if main.rule_index is not None:
        cand = candidates[main.rule_index]
        stands = (cand.type in head.settings.get("rule_types_kept", ()) or cand.specific
                  or _aside(cand.trigger))
        if stands and (cand.type not in head.mode_w or cand.mode is not None):
            return False
        return can_yield is None or can_yield(cand)
    if _aside(main.trigger) or head.settings["add_threshold"] > 1.0:
        return False
    return can_yield is None or can_yield(_open_candidate(main.trigger, NONE, None))


def _lexicon_only(label: str, mode: str | None, settings: dict) -> bool:
    """Whether events of this type and mode come from the lexicon alone, never from a clause
    the head types by its sentence: a release or a truce is the story's state, and the head
    read one into "smashed through" and "held hostage" (head setting `lexicon_only`)."""
    wanted = settings.get("lexicon_only", ("RETREAT/release", "RETREAT/ceasefire"))
    return f"{label}/{mode}" in wanted or label in wanted


def _crosses_sides(rule_type: str, label: str) -> bool:
    """Whether retyping would turn cooperation into conflict or back (CAMEO quad classes 1-2
    against 3-4)."""
    quads = quad.quad_classes()
    a, b = quads.get(rule_type, 0), quads.get(label, 0)
    return bool(a and b) and (a <= 2) != (b <= 2)


def _aside(trigger: Token) -> bool:
    """A non-restrictive relative clause ("Akar, *who opened* the centre, said …"): the writer's
    description of a participant, which the head types by the sentence around it, so it
    neither adds nor retypes one; the lexicon still codes one it knows ("…, which struck the
    port")."""
    return trigger.dep_ == "relcl" and trigger.i > 0 and any(
        t.text == "," for t in trigger.doc[trigger.left_edge.i - 1:trigger.left_edge.i])


def _act_into_words(rule_type: str, label: str) -> bool:
    """Whether retyping would turn a material act the lexicon names (CAMEO quad classes 2 and
    4: an attack, a blockade, aid) into a verbal one (classes 1 and 3: a demand, an
    accusation)."""
    quads = quad.quad_classes()
    a, b = quads.get(rule_type, 0), quads.get(label, 0)
    return a in (2, 4) and b in (1, 3)


def type_candidates(doc: Doc, candidates: list, actors: ActorResolver,
                    head: Head | None = None,
                    can_yield: Callable[[object], bool] | None = None,
                    ruled_out: Iterable[int] = ()) -> list:
    """The rule candidates, with each sentence's main candidate typed by the classifier:
    retyped when it disagrees with probability >= `retype_threshold`, dropped when it is sure
    there is no event (>= `drop_threshold`), and an open candidate added as an event of its
    own when >= `add_threshold`. A rule candidate keeps its type when the type head gives that
    type at least `veto_below`, when its type is in `rule_types_kept` (where the rules did
    at least as well on the training folds), or when its lexicon sense is phrase-specific.
    `can_yield(candidate)`: whether extraction could build an event of it (see
    `_worth_embedding`); `ruled_out`: verbs the lexicon says are no event (no open
    candidates). Returns the new candidate list in text order."""
    head = head or load_head()
    if head is None:
        return candidates
    s = head.settings
    kept = frozenset(s.get("rule_types_kept", ()))
    out = list(candidates)
    dropped: set[int] = set()
    added = []
    mains = [m for m in main_candidates(doc, [(c.trigger, c.type) for c in candidates], actors,
                                        ruled_out)
             if _worth_embedding(m, candidates, head, can_yield)]
    for main, label, p, mode, p_rule in classify(doc, (), actors, head, mains):
        if label != NONE and any(
                c.type == label and c.trigger.sent.start == main.sentence.start
                and n != main.rule_index for n, c in enumerate(candidates)):
            # the head types the sentence, not its main verb: when another predicate of the
            # sentence already has that type ("were arrested … had been released"), the label
            # is that one's, and the main candidate keeps the rules' reading
            continue
        if main.rule_index is not None:
            cand = out[main.rule_index]
            if cand.type in kept or cand.specific or p_rule >= s.get("veto_below", 1.01) or \
                    _aside(cand.trigger):
                # a type the rules code better (training folds), a phrase-specific lexicon
                # sense ("call up" forces), or one the classifier finds plausible: the rules'
                # reading stands
                if label == cand.type and mode is not None and cand.mode is None:
                    out[main.rule_index] = dataclasses.replace(cand, mode=mode)
                continue
            if label == NONE:
                if p >= s["drop_threshold"]:
                    dropped.add(main.rule_index)
            elif label != cand.type:
                if _crosses_sides(cand.type, label):
                    # "were arrested" as a release, "kidnapped" as a release: the head reads
                    # the sentence's topic; a lexicon verb is not turned into its opposite
                    continue
                if _act_into_words(cand.type, label):
                    # "said shelling had damaged the pipe", "said the army might attack":
                    # the head reads the statement around a lexicon act of force as a demand
                    continue
                if p >= s["retype_threshold"]:
                    out[main.rule_index] = dataclasses.replace(cand, type=label, mode=mode)
            elif mode is not None and cand.mode is None:
                # a mode the lexicon gives stands ("resigned" is RETREAT/resign, "withdrew"
                # RETREAT/withdraw, whatever the mode head makes of the sentence)
                out[main.rule_index] = dataclasses.replace(cand, mode=mode)
        elif label != NONE and p >= s["add_threshold"] and not _lexicon_only(label, mode, s) \
                and not _aside(main.trigger):
            added.append(_open_candidate(main.trigger, label, mode))
    kept = [c for n, c in enumerate(out) if n not in dropped]
    return sorted(kept + added, key=lambda c: c.trigger.i)
