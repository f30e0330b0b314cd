"""What in an article's text is not its news: an outlet's note on its own article
("Correction 2 June: …") and the page's lists of links to other stories that were copied with
the text. Records made inside these spans are dropped (extract/pipeline.py); the text and its
offsets stay as stored."""

from __future__ import annotations

import re

from spacy.tokens import Doc

# How many words may stand between a note's first word and its colon ("Correction 13th
# February 2024:").
NOTE_LABEL_WORDS = 6


def editorial_note_spans(doc: Doc, leads: frozenset[str]) -> list[tuple[int, int]]:
    """Character spans of the sentences that are an outlet's note on its own article: a
    sentence whose first words are one of `leads` followed by a colon within
    `NOTE_LABEL_WORDS` words, with the sentences after it up to the end of its paragraph."""
    if not leads:
        return []
    text = doc.text
    out = []
    for sent in doc.sents:
        words = sent.text.lstrip().lower()
        lead = next((w for w in leads if words.startswith(w)), None)
        if lead is None:
            continue
        label = words[len(lead):].split(":", 1)
        if len(label) < 2 or len(label[0].split()) > NOTE_LABEL_WORDS:
            continue
        end = text.find("\n", sent.start_char)  # a text without breaks: the sentence alone
        out.append((sent.start_char, sent.end_char if end < 0 else max(end, sent.end_char)))
    return out


# A word of at least four letters ending in a small one (or a closing quote or question mark
# after it) running straight into a capitalised word: two link titles joined ("updatesHostages",
# "Israel?From"). Shorter heads are names' own capitals ("McGurk", "YouTube"), capitals a
# shouted name ("GENERAL"); a full stop is left out, since a sentence missing its space ("in
# the port.The ministry …") is still text.
_TITLE_JOIN = re.compile(r"[A-Za-z]{3}[a-z][?!'’\"”)]?(?=[A-Z][A-Za-z])")
_WORD_AT = re.compile(r"[A-Za-z]+")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]?\s|\n")
# the longest a linked title runs: joins further apart, or a sentence end between them, are
# not one list
TITLE_CHARS = 110


def link_list_spans(text: str, min_joins: int, own_capitals: frozenset[str] = frozenset()
                    ) -> list[tuple[int, int]]:
    """Character spans of the lists of links to other stories in a text: titles run together
    at least `min_joins` times (see `_TITLE_JOIN`), each title at most `TITLE_CHARS` long and
    with no sentence end inside; a span runs from the sentence end before its first title to
    where its last title ends (`_title_end`; the text may have no paragraph breaks to bound
    it)."""
    if min_joins <= 0:
        return []
    joins: list[int] = []
    for m in _TITLE_JOIN.finditer(text):
        if joins and not any(c.isspace() for c in text[joins[-1]:m.end()]):
            continue  # one word's own capitals ("HaveYourSay")
        word = _WORD_AT.match(text, max(0, text.rfind(" ", 0, m.start()) + 1))
        if word and word.group(0) in own_capitals:
            continue  # a name written with inner capitals ("WhatsApp")
        joins.append(m.end())
    runs: list[list[int]] = []
    for at in joins:
        if runs and at - runs[-1][-1] <= TITLE_CHARS and not _SENTENCE_END.search(
                text, runs[-1][-1], at):
            runs[-1].append(at)
        else:
            runs.append([at])
    out = []
    for run in runs:
        if len(run) < min_joins:
            continue
        before = list(_SENTENCE_END.finditer(text, max(0, run[0] - TITLE_CHARS), run[0]))
        lo = before[-1].end() if before else max(0, run[0] - TITLE_CHARS)
        out.append((lo, _title_end(text, run[-1])))
    return out


# the text after a list's last title starts with a capital after a small word ("… as the rift
# grows The chancellor met …"): the title is taken to end there, after its first few words
_NEXT_CAPITAL = re.compile(r"(?<=[a-z]) (?=[A-Z])")
TITLE_MIN_WORDS = 3


def _title_end(text: str, start: int) -> int:
    """Where the title that starts at `start` ends: its question mark, else the first capital
    after a small word once it has `TITLE_MIN_WORDS` words (prose is kept rather than dropped
    where the two run on), else a sentence end, within `TITLE_CHARS`."""
    stop = min(len(text), start + TITLE_CHARS)
    end = _SENTENCE_END.search(text, start, stop)
    if end and text[end.start()] in "?!":
        return end.start() + 1  # a title asks ("Why are the two sides fighting?"): prose is not
    stop = end.start() + 1 if end else stop
    for m in _NEXT_CAPITAL.finditer(text, start, stop):
        if len(text[start:m.start()].split()) >= TITLE_MIN_WORDS:
            return m.start()
    return stop
