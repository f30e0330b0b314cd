"""Training the event classifier head (`extract/event_classifier.py`) from its three sources,
deterministically, and choosing how it combines with the rules on training folds only.

Sources:
- the ConfliBERT CAMEO training sentences (quad class 0-4): train the quad head;
- the PLOVER gold standard records (PLOVER 0.5 labels mapped to v2 by `PLOVER_05_TO_V2`):
  type head, mode heads, and the quad head through their type's quad class;
- the training two-thirds of the team-written set (`training/events/`): the same.

Every sentence is parsed and run through the product's candidate search, so the features a
head is trained on are the ones it sees in extraction. Needs scikit-learn (`pip install -e
'.[train]'`).
"""

from __future__ import annotations

import dataclasses
import json
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from storyline import nlp
from storyline.evaluate import event_set
from storyline.extract import event_classifier as ec
from storyline.extract import parse_features, quad
from storyline.extract.actors import ActorResolver
from storyline.extract.events import find_candidates, load_event_lexicon

# PLOVER 0.5 (the gold standard records' version) to v2: DEMAND became REQUEST; DISAPPROVE and
# INVESTIGATE merged into ACCUSE; FIGHT merged into ASSAULT. The other types kept their names.
PLOVER_05_TO_V2 = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE",
                   "FIGHT": "ASSAULT"}
# Modes the head learns, per type; any other known mode of these types is "other".
MODE_TYPES = {"CONSULT": ("third-party", "visit"), "RETREAT": ("release", "ceasefire", "access"),
              "AID": ("rescue",), "COERCE": ("restrict",)}
DEFAULT_CAMEO = Path("../shared/data/events/conflibert-cameo-class/train.tsv")
DEFAULT_GSR = Path("../shared/data/events/plover-gsr.json")
SEED = 13
C_TYPE = 4.0
C_QUAD = 4.0
C_MODE = 4.0
SPARSE_ABOVE = 1000  # feature columns above which a fit runs on a sparse matrix
GRID = {
    "quad_weight": (0.5, 1.0, 2.0),
    # the rules' type stands unless the type head gives it less than this ...
    "veto_below": (0.1, 0.2, 0.35),
    # ... and the classifier is confident of another: by design, not below 0.7 ("rules keep
    # what they do well": a clear lexicon reading is not overturned by a hesitant classifier)
    "retype_threshold": (0.7, 0.85),
    "drop_threshold": (0.7, 0.9, 1.01),
    "add_threshold": (0.3, 0.5, 0.7, 1.01),
}


@dataclass
class Example:
    """One training or scoring sentence."""

    text: str
    source: str  # cameo, gsr, team
    id: str
    type: str | None = None  # PLOVER v2 type or NONE; None when only the quad is known
    mode: str | None = None
    quad: int | None = None  # five-way CAMEO class, when known from the source


@dataclass
class Prepared:
    """Examples with their product-path features: the main candidate of each sentence."""

    examples: list[Example]
    x: np.ndarray  # head features (embedding + rule type one-hot)
    lemma: list[str | None]  # trigger lemma of the main candidate
    main: list[str]  # "rule", "open" or "none"
    rule_main: list[str]  # type of the rules' main event without the classifier (or NONE)
    docs: list = field(default_factory=list)
    inputs: str = "minilm"  # what x was computed from (see `prepare`)

    def subset(self, idx: Sequence[int]) -> Prepared:
        idx = list(idx)
        return Prepared([self.examples[i] for i in idx], self.x[idx],
                        [self.lemma[i] for i in idx], [self.main[i] for i in idx],
                        [self.rule_main[i] for i in idx],
                        [self.docs[i] for i in idx] if self.docs else [], self.inputs)


def concat(*parts: Prepared) -> Prepared:
    """One Prepared from several (docs kept only when every part has them)."""
    keep = all(len(p.docs) == len(p.examples) for p in parts)
    if len({p.inputs for p in parts}) > 1:
        raise ValueError("parts prepared with different head inputs")
    return Prepared([e for p in parts for e in p.examples], np.vstack([p.x for p in parts]),
                    [v for p in parts for v in p.lemma], [v for p in parts for v in p.main],
                    [v for p in parts for v in p.rule_main],
                    [d for p in parts for d in p.docs] if keep else [], parts[0].inputs)


# --------------------------------------------------------------------------- data


def load_cameo(path: Path) -> list[Example]:
    from storyline.evaluate.cameo import load_tsv

    return [Example(text, "cameo", f"cameo-{n}", quad=int(label))
            for n, (text, label) in enumerate(load_tsv(path))]


def load_gsr(path: Path) -> list[Example]:
    from storyline.evaluate.plover import load_records

    out = []
    for rec in load_records(path):
        t = PLOVER_05_TO_V2.get(rec["event"], rec["event"])
        out.append(Example(rec["text"], "gsr", str(rec.get("id")), type=t,
                           mode=rec.get("mode") or None))
    return out


def load_team(path: Path, part: str = "train") -> list[Example]:
    return [Example(s.text, "team", s.id, type=s.type, mode=s.mode)
            for s in event_set.load(path, part)]


def head_inputs() -> str:
    """The head input the training and the cross-validated scorers use: STORYLINE_HEAD_INPUTS
    ("minilm", the default, or "parse"; see `extract/parse_features.py`)."""
    kind = os.environ.get("STORYLINE_HEAD_INPUTS", "minilm")
    if kind not in ("minilm", parse_features.NAME):
        raise ValueError(f"STORYLINE_HEAD_INPUTS={kind!r}: minilm or {parse_features.NAME}")
    return kind


def prepare(examples: list[Example], keep_docs: bool = False,
            inputs: str | None = None) -> Prepared:
    """Parse each sentence, find its main candidate as extraction does, and compute the head's
    input for it (`inputs`: "minilm" or "parse"; None: `head_inputs()`)."""
    inputs = inputs or head_inputs()
    lex = load_event_lexicon()
    texts = [e.text for e in examples]
    lemmas, mains, rule_types, rule_main, sents, docs = [], [], [], [], [], []
    pairs = []
    for doc in nlp.parse_many(texts, batch_size=64):
        actors = ActorResolver.for_doc(doc)
        cands = find_candidates(doc, lex)
        found = ec.main_candidates(doc, [(c.trigger, c.type) for c in cands], actors)
        if found:
            m = found[0]  # a training sentence is one sentence: its first main candidate
            lemmas.append(m.trigger.lemma_.lower())
            mains.append("rule" if m.rule_index is not None else "open")
            rule_types.append(m.rule_type)
            sents.append(m.sentence.text.strip())
            pairs.append((m.sentence, m.trigger))
        else:
            lemmas.append(None)
            mains.append("none")
            rule_types.append(ec.NONE)
            sents.append(doc.text.strip())
            first = next(iter(doc.sents), doc[:])
            pairs.append((first, first.root))
        top = min(cands, key=lambda c: ec.depth(c.trigger)) if cands else None
        rule_main.append(top.type if top is not None else ec.NONE)
        if keep_docs:
            docs.append(doc)
    vectors = (parse_features.vectors(pairs) if inputs == parse_features.NAME
               else ec.embeddings.embed(sents))
    x = ec.Head.features(vectors, rule_types)
    return Prepared(examples, x, lemmas, mains, rule_main, docs, inputs)


def quad_target(example: Example, lemma: str | None) -> int | None:
    if example.quad is not None:
        return example.quad
    if example.type is None:
        return None
    return quad.cameo_class(None if example.type == ec.NONE else example.type, lemma)


# --------------------------------------------------------------------------- fitting


def _fit(x: np.ndarray, y: Sequence, c: float, models: dict | None = None,
         name: str = "") -> tuple[list, np.ndarray, np.ndarray]:
    from sklearn.linear_model import LogisticRegression

    labels = sorted(set(y), key=str)
    if len(labels) == 1:  # a constant head
        w = np.zeros((x.shape[1], 1), dtype=np.float32)
        return labels, w, np.zeros(1, dtype=np.float32)
    model = LogisticRegression(C=c, max_iter=3000, tol=1e-5)
    if x.shape[1] > SPARSE_ABOVE:
        # the parse's hashed indicators are mostly zeros: a sparse matrix fits several times
        # faster (the same problem; the MiniLM head's dense fit is left exactly as it was)
        from scipy import sparse

        x = sparse.csr_matrix(x)
    model.fit(x, list(y))
    if models is not None:
        models[name] = model
    classes = [c.item() if hasattr(c, "item") else c for c in model.classes_]
    w, b = model.coef_.T, model.intercept_
    if len(classes) == 2:  # sklearn keeps one row for two classes
        w = np.hstack([-w / 2, w / 2])
        b = np.array([-b[0] / 2, b[0] / 2])
    return classes, w.astype(np.float32), b.astype(np.float32)


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def _types_of_class(type_labels: Sequence[str]) -> dict[int, list[int]]:
    """Columns of the type labels that a sentence of each five-way CAMEO class may have:
    class 0 is no event or an appeal (a REQUEST)."""
    quads = quad.quad_classes()
    out: dict[int, list[int]] = {}
    for j, label in enumerate(type_labels):
        if label in (ec.NONE, "REQUEST"):
            out.setdefault(0, []).append(j)
        if label in quads:
            out.setdefault(quads[label], []).append(j)
    return out


def fit_head(data: Prepared, settings: dict[str, float] | None = None) -> ec.Head:
    """Type, quad and mode heads on every example of `data` that carries the label."""
    ex = data.examples
    models: dict = {}
    typed = [i for i, e in enumerate(ex) if e.type is not None]
    type_labels, tw, tb = _fit(data.x[typed], [ex[i].type for i in typed], C_TYPE, models,
                               "type")
    # CAMEO sentences carry only their class; label each with the likeliest type of that class
    # (self-training constrained by the quad) and refit, so the type head learns from them too.
    cam = [i for i, e in enumerate(ex) if e.type is None and e.quad is not None]
    if cam:
        probs = _softmax(data.x[cam] @ tw + tb)
        allowed = _types_of_class(type_labels)
        pseudo = []
        for row, i in zip(probs, cam, strict=True):
            cols = allowed.get(int(ex[i].quad), [])
            pseudo.append(type_labels[max(cols, key=lambda j: row[j])] if cols else ec.NONE)
        rows = typed + cam
        type_labels, tw, tb = _fit(data.x[rows], [ex[i].type for i in typed] + pseudo, C_TYPE,
                                   models, "type")
    quads = [(i, quad_target(ex[i], data.lemma[i])) for i in range(len(ex))]
    quads = [(i, q) for i, q in quads if q is not None]
    q_labels, qw, qb = _fit(data.x[[i for i, _ in quads]], [q for _, q in quads], C_QUAD)
    # the quad head's columns in class order 0..4 (a class absent from the data scores -inf)
    full_w = np.zeros((data.x.shape[1], 5), dtype=np.float32)
    full_b = np.full(5, -30.0, dtype=np.float32)
    for j, q in enumerate(q_labels):
        full_w[:, int(q)] = qw[:, j]
        full_b[int(q)] = qb[j]
    mode_labels, mode_w, mode_b = {}, {}, {}
    for t, modes in MODE_TYPES.items():
        # a record of these types without a mode is one of their other modes (aid delivered,
        # a withdrawal, a phone call): "other"
        rows = [i for i in typed if ex[i].type == t]
        if len(rows) < 4:
            continue
        y = [str(ex[i].mode) if ex[i].mode in modes else "other" for i in rows]
        labels, w, b = _fit(data.x[rows], y, C_MODE)
        mode_labels[t], mode_w[t], mode_b[t] = tuple(labels), w, b
    head = ec.Head(
        type_labels=tuple(type_labels), type_w=tw, type_b=tb, quad_w=full_w, quad_b=full_b,
        mode_labels=mode_labels, mode_w=mode_w, mode_b=mode_b,
        quad_of_type=quad.quad_classes(), appeal_lemmas=quad.appeal_verbs(),
        settings=dict(settings or {"quad_weight": 1.0, "retype_threshold": 0.5,
                                   "drop_threshold": 0.9, "add_threshold": 0.5}),
        inputs=data.inputs)
    head.sklearn_models = models  # not saved: lets the training script check numpy inference
    return head


# --------------------------------------------------------------------------- settings


def simulate(head: ec.Head, data: Prepared, settings: dict[str, float],
             preds: list[tuple[str, float]] | None = None,
             p_rule: Sequence[float] | None = None) -> list[str]:
    """The main event type extraction would give each sentence with these settings (the
    `type_candidates` rules, applied to the sentence's main candidate). `preds`: the head's
    (label, probability) per sentence at these settings' quad weight, when already known."""
    if preds is None:
        preds = dataclasses.replace(head, settings=settings).predict(data.x, data.lemma)
    if p_rule is None:
        p_rule = _rule_probabilities(head, data)
    out = []
    veto = settings.get("veto_below", 1.01)
    for (label, p), main, rule_main, pr in zip(preds, data.main, data.rule_main, p_rule,
                                               strict=True):
        if main == "rule" and (rule_main in settings.get("rule_types_kept", ()) or pr >= veto):
            out.append(rule_main)
        elif main == "rule":
            if label == ec.NONE:
                out.append(ec.NONE if p >= settings["drop_threshold"] else rule_main)
            elif label != rule_main and p >= settings["retype_threshold"]:
                out.append(label)
            else:
                out.append(rule_main)
        elif main == "open" and label != ec.NONE and p >= settings["add_threshold"]:
            out.append(label)
        else:
            out.append(rule_main)
    return out


def _rule_probabilities(head: ec.Head, data: Prepared) -> list[float]:
    """The type head's probability of each sentence's rule type."""
    probs = head.type_probabilities(data.x)
    cols = {label: j for j, label in enumerate(head.type_labels)}
    return [float(probs[i, cols[r]]) if r in cols else 0.0 for i, r in enumerate(data.rule_main)]


def objective(data: Prepared, predicted: Sequence[str]) -> float:
    """Mean of the CAMEO macro-F1 (five-way class) and the type macro-F1 on typed sentences."""
    from sklearn.metrics import f1_score

    parts = []
    cam = [i for i, e in enumerate(data.examples) if e.source == "cameo"]
    if cam:
        gold = [data.examples[i].quad for i in cam]
        pred = [quad.cameo_class(None if predicted[i] == ec.NONE else predicted[i],
                                 data.lemma[i]) for i in cam]
        parts.append(f1_score(gold, pred, average="macro"))
    typed = [i for i, e in enumerate(data.examples) if e.type is not None]
    if typed:
        gold = [data.examples[i].type for i in typed]
        parts.append(f1_score(gold, [predicted[i] for i in typed], average="macro",
                              labels=sorted(set(gold))))
    return float(np.mean(parts)) if parts else 0.0


def _folds(data: Prepared, k: int, seed: int = SEED) -> list[np.ndarray]:
    """k folds stratified by source and label, deterministic."""
    from sklearn.model_selection import StratifiedKFold

    strata = [f"{e.source}:{e.type if e.type is not None else e.quad}" for e in data.examples]
    counts: dict[str, int] = {}
    for s in strata:
        counts[s] = counts.get(s, 0) + 1
    strata = [s if counts[s] >= k else s.split(":")[0] for s in strata]
    skf = StratifiedKFold(n_splits=k, shuffle=True, random_state=seed)
    return [test for _, test in skf.split(np.zeros(len(strata)), strata)]


def choose_settings(data: Prepared, k: int = 3) -> tuple[dict[str, float], float]:
    """Combination settings maximising `objective` in k-fold cross-validation on `data`."""
    import itertools

    folds = _folds(data, k)
    order = np.argsort(np.concatenate(folds))
    pooled = data.subset(np.concatenate(folds).tolist())
    by_weight: dict[float, list[tuple[str, float]]] = {}
    p_rule: list[float] = []
    for test in folds:
        train = np.setdiff1d(np.arange(len(data.examples)), test)
        head = fit_head(data.subset(train))
        part = data.subset(test.tolist())
        p_rule.extend(_rule_probabilities(head, part))
        for weight in GRID["quad_weight"]:
            head.settings = {"quad_weight": weight}
            by_weight.setdefault(weight, []).extend(head.predict(part.x, part.lemma))
    best, best_score = None, -1.0
    thresholds = [key for key in GRID if key != "quad_weight"]
    for weight in GRID["quad_weight"]:
        for values in itertools.product(*(GRID[key] for key in thresholds)):
            settings = {"quad_weight": weight, **dict(zip(thresholds, values, strict=True))}
            predicted = simulate(None, pooled, settings, by_weight[weight],  # type: ignore[arg-type]
                                 p_rule)
            score = objective(pooled, predicted)
            if score > best_score + 1e-9:
                best, best_score = settings, score
    del order
    best = dict(best)
    kept = _rule_types_kept(pooled, simulate(None, pooled, best,  # type: ignore[arg-type]
                                             by_weight[best["quad_weight"]], p_rule))
    best["rule_types_kept"] = kept
    return best, best_score


def _correct(data: Prepared, i: int, predicted: str) -> bool:
    e = data.examples[i]
    if e.type is not None:
        return predicted == e.type
    return quad.cameo_class(None if predicted == ec.NONE else predicted, data.lemma[i]) == e.quad


def _rule_types_kept(data: Prepared, combined: Sequence[str]) -> list[str]:
    """Rule types the rules do at least as well as the combination on (cross-validated): the
    classifier leaves rule candidates of these types alone."""
    kept = []
    for t in sorted({r for r, m in zip(data.rule_main, data.main, strict=True) if m == "rule"}):
        rows = [i for i, (r, m) in enumerate(zip(data.rule_main, data.main, strict=True))
                if m == "rule" and r == t]
        rules = sum(_correct(data, i, t) for i in rows)
        ours = sum(_correct(data, i, combined[i]) for i in rows)
        if rules >= ours:
            kept.append(t)
    return kept


def train(data: Prepared, k: int = 3) -> ec.Head:
    """The head on all of `data`, with settings chosen by k-fold CV on `data` itself."""
    settings, score = choose_settings(data, k)
    head = fit_head(data, settings)
    head.settings = {**settings, "cv_objective": round(score, 4)}
    return head


def describe(data: Prepared) -> dict:
    counts: dict[str, int] = {}
    for e in data.examples:
        counts[e.source] = counts.get(e.source, 0) + 1
    return counts


def dump(head: ec.Head) -> str:
    return json.dumps(head.settings, sort_keys=True)
