"""Who said what: attribution spans (speaker, cue, content) read off one spaCy parse.

This module finds the spans; `statements.py` turns them into Statement records (speaker actor,
stance, date). Patterns handled, each from the dependency parse:

- a speech verb with a complement clause: "Ostrow said (that) the sweep was underway", "X told
  the Wire …"; the clause may come first: "Vanguard released two, the group said";
- a direct quotation next to the cue, before or after it, over several sentences:
  "“…,” he said.", "He said: “… . …”", "“A,” she said, “B.”" (content = both quotations);
  a quotation right after a direct attribution in the same paragraph continues it;
- a reporting verb in parenthesis: "The talks, officials said, were stalled";
- "according to X": the rest of the clause is the content;
- agentless passives: "it was reported that …", "X is said to …" (no speaker);
- verbs whose object is the content: "Vanguard denied the assertion".

Cue verbs, their stance and the anonymous-source nouns live in `data/base/speech_verbs.yaml`.
Nested attributions (a cue inside another one's content or inside a quotation) are dropped:
"X said Vanguard told mediators …" is X's claim, not Vanguard's statement.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Token

from storyline.data import read_yaml
from storyline.extract.syntax import subjects
from storyline.nlp import doc_text

OPEN_QUOTES = "“\"«„"
CLOSE_QUOTES = "”\"»"
QUOTE_CHARS = frozenset("“”\"«»„'`")
_EDGE = " \t\n\r,;:—–-"
_GAP_BEFORE = re.compile(r"^[\s,—–-]*$")  # between a quotation and the cue after it
_GAP_AFTER = re.compile(r"^[\s,:—–-]*$")  # between the cue and a quotation after it
_COMPLEMENT_DEPS = ("ccomp", "parataxis")
_TRAILING_PREPS = frozenset({"on", "in", "at", "for", "by", "of", "to", "from", "with", "during"})
_MARKS = re.compile(r"''|``|[“”\"«»„\n]")
# a quotation signed after a dash: "… .” ― Jane Doe" (the name ends the line)
_SIGNATURE = re.compile(r"[ \t\xa0]*([―—–]|--)[ \t\xa0]*([A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,4})"
                        r"[ \t\xa0]*(?=\n|$)")
# a transcript turn: a paragraph opening with a name in capitals and a colon
_TURN = re.compile(r"(?m)^[\"“]?([A-Z][A-Z.'’ -]{1,30}[A-Z]|[A-Z][a-z]+(?: [A-Z][a-z]+){0,2}):[ \t]")


# --------------------------------------------------------------------------- lexicon


@dataclass(frozen=True)
class SpeechLexicon:
    """Compiled `speech_verbs.yaml`."""

    stance: dict[str, str]  # lemma or "lemma particle" -> stance
    object_content: frozenset[str]
    clause_only: frozenset[str]
    passive: frozenset[str]
    anonymous_nouns: frozenset[str]
    deny_content: tuple[str, ...]
    empty_objects: frozenset[str]
    naming: frozenset[str] = frozenset()
    no_speaker: frozenset[str] = frozenset()
    # first words of an outlet's note on its own article ("Correction 2 June: …")
    editorial_notes: frozenset[str] = frozenset()
    # a paragraph with this many titles run together ("Latest updatesHostages: Who are …") is
    # a list of links to other stories, not the article's text (0: never)
    link_list_joins: int = 0
    own_capitals: frozenset[str] = frozenset()  # "WhatsApp": no two titles run together
    # content cues that turn a cue's default stance into what the speaker does
    claim_nouns: frozenset[str] = frozenset()
    demand_modals: frozenset[str] = frozenset()
    demand_verbs: frozenset[str] = frozenset()
    warn_content: tuple[str, ...] = ()
    warn_modals: frozenset[str] = frozenset()
    harm_lemmas: frozenset[str] = frozenset()
    # "said Russia was *ready* to return": an offer of the speaker's side, a promise
    promise_adjectives: frozenset[str] = frozenset()

    @functools.cached_property
    def first_words(self) -> frozenset[str]:
        """First words of every cue: a token whose lemma is not one of them is no cue."""
        return frozenset(k.split()[0] for k in self.stance)

    def cue_key(self, verb: Token) -> tuple[str, Token | None] | None:
        """The lexicon key of a cue verb ("call for" before "call") and its particle token."""
        lemma = verb.lemma_.lower()
        nxt = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
        if nxt is not None and nxt.head.i == verb.i and nxt.dep_ in ("prt", "prep"):
            phrase = f"{lemma} {nxt.lower_}"
            if phrase in self.stance:
                return phrase, nxt
        if lemma in self.stance:
            return lemma, None
        return None


def _words(data: dict[str, Any], name: str) -> frozenset[str]:
    return frozenset(str(w).lower() for w in data.get(name) or [])


@functools.cache
def load_speech_lexicon(path: str | None = None) -> SpeechLexicon:
    """Load the cue lexicon once per process (`path` None = the packaged speech_verbs.yaml)."""
    return compile_speech_lexicon(read_yaml("base/speech_verbs.yaml", path), path)


def compile_speech_lexicon(data: dict[str, Any], path: str | None = None) -> SpeechLexicon:
    """The cue lexicon from its data (the base's speech verbs)."""
    if not isinstance(data, dict) or not isinstance(data.get("verbs"), dict):
        raise ValueError(f"speech lexicon {path or 'speech_verbs.yaml'}: expected 'verbs:'")
    stance: dict[str, str] = {}
    for name, verbs in data["verbs"].items():
        for verb in verbs or []:
            stance.setdefault(str(verb).lower(), str(name))
    return SpeechLexicon(
        stance=stance,
        object_content=_words(data, "object_content"),
        clause_only=_words(data, "clause_only"),
        passive=_words(data, "passive"),
        anonymous_nouns=_words(data, "anonymous_nouns"),
        deny_content=tuple(sorted(_words(data, "deny_content"))),
        empty_objects=_words(data, "empty_objects"),
        naming=_words(data, "naming"),
        no_speaker=_words(data, "no_speaker"),
        editorial_notes=_words(data, "editorial_notes"),
        link_list_joins=int(data.get("link_list_joins") or 0),
        own_capitals=frozenset(str(w) for w in data.get("own_capitals") or ()),
        claim_nouns=_words(data, "claim_nouns"),
        demand_modals=_words(data, "demand_modals"),
        demand_verbs=_words(data, "demand_verbs"),
        warn_content=tuple(sorted(_words(data, "warn_content"))),
        warn_modals=_words(data, "warn_modals"),
        harm_lemmas=_words(data, "harm_lemmas"),
        promise_adjectives=_words(data, "promise_adjectives"),
    )


# --------------------------------------------------------------------------- records


@dataclass
class Attribution:
    """One attribution as character spans into the document text."""

    cue: tuple[int, int]
    cue_key: str  # lexicon key: "say", "call for", "according to"
    cue_token: int  # index of the cue's head token
    contents: list[tuple[int, int]] = field(default_factory=list)
    speaker: tuple[int, int] | None = None
    speaker_token: int | None = None  # head of the speaker's noun phrase
    direct: bool = False
    kind: str = "verb"  # verb, according_to, passive
    negated: bool = False

    @property
    def start(self) -> int:
        return min(s for s, _ in self._spans())

    @property
    def end(self) -> int:
        return max(e for _, e in self._spans())

    def _spans(self) -> list[tuple[int, int]]:
        spans = [self.cue, *self.contents]
        if self.speaker is not None:
            spans.append(self.speaker)
        return spans


# --------------------------------------------------------------------------- quotations


def find_quotations(text: str) -> list[tuple[int, int]]:
    """Quotation spans (marks included), paired within a paragraph: a quotation still open at
    a line break ends there (long quotes reopen each paragraph with a new mark). Curly and
    straight double quotes, guillemets, and the doubled single quotes some archives use
    ('' … '')."""
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    n = len(text)
    for m in _MARKS.finditer(text):
        i, mark = m.start(), m.group()
        width = len(mark)
        if mark == "\n":
            if open_at is not None:
                spans.append((open_at, _rstrip_at(text, i)))
                open_at = None
        elif open_at is None and mark != "”" and mark != "»":
            if mark in ("\"", "''") and i > 0 and text[i - 1].isalnum() and (
                    i + width >= n or text[i + width].isspace() or text[i + width] in ".,;:"):
                continue  # a closing straight quote with no opener: skip it
            open_at = i
        elif open_at is not None and mark in ("”", "\"", "»", "''"):
            spans.append((open_at, i + width))
            open_at = None
    if open_at is not None:
        spans.append((open_at, _rstrip_at(text, n)))
    return [(s, e) for s, e in spans if e - s > 2]


def _rstrip_at(text: str, end: int) -> int:
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


# --------------------------------------------------------------------------- helpers


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink a span past edge whitespace and punctuation (quotation marks stay)."""
    while start < end and (text[start].isspace() or text[start] in _EDGE + "."):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in _EDGE):
        end -= 1
    if end > start and text[end - 1] == "." and text[end - 2:end - 1] not in QUOTE_CHARS:
        end -= 1  # the sentence's full stop belongs to no span, except inside a quotation
    return start, end


def _trim_name(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink a speaker span: never across a line break, no edge quotation marks or spaces;
    a comma closing an apposition stays ("Jane Doe, a spokeswoman, said")."""
    brk = text.rfind("\n", start, end)
    if brk >= 0:
        start = brk + 1
    while start < end and (text[start].isspace() or text[start] in _EDGE + ".)" or
                           text[start] in QUOTE_CHARS):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in QUOTE_CHARS or
                           text[end - 1] in ";:—–-"):
        end -= 1
    if end > start and text[end - 1] == "," and text.count(",", start, end) < 2:
        end -= 1  # a lone trailing comma closes nothing
    words = text[start:end].rsplit(None, 1)
    if len(words) == 2 and words[1].lower() in _TRAILING_PREPS:
        end = start + len(words[0])  # "Eliav Benjamin on [Monday] told": a stray preposition
    if end - start > 4 and text[end - 1] == "." and text[end - 2].islower() and \
            text[end - 4:end - 1].isalpha():
        end -= 1  # a full stop, not an abbreviation ("Jr.")
    return start, end


def _token_span(doc: Doc, first: int, last: int) -> tuple[int, int]:
    """Characters of tokens first..last (inclusive)."""
    return doc[first].idx, doc[last].idx + len(doc[last].text)


def _subtree_span(
    token: Token, text: str, exclude: tuple[int, int] | None = None
) -> list[tuple[int, int]]:
    """Character pieces of a token's subtree, minus an excluded token range [a, b)."""
    lo, hi = token.left_edge.i, token.right_edge.i + 1
    if exclude is None or exclude[1] <= lo or exclude[0] >= hi:
        ranges = [(lo, hi)]
    else:
        ranges = [(lo, exclude[0]), (exclude[1], hi)]
    doc = token.doc
    out = []
    for a, b in ranges:
        while a < b and (doc[a].dep_ in ("cc", "preconj") or doc[a].is_punct and
                         doc[a].text not in QUOTE_CHARS and doc[a].text not in OPEN_QUOTES):
            a += 1  # "But in recent days …": the conjunction links sentences, says nothing
        if b > a:
            s, e = _trim(text, *_token_span(doc, a, b - 1))
            s, e = _one_paragraph(text, s, e, token.idx)
            if e > s:
                out.append((s, e))
    return out


def _one_paragraph(text: str, start: int, end: int, near: int) -> tuple[int, int]:
    """The part of a span within one paragraph (the one nearest `near`): the parser
    sometimes glues a heading or the next paragraph to a sentence."""
    if "\n" not in text[start:end]:
        return start, end
    best = (start, end)
    dist = None
    pos = start
    for part in text[start:end].split("\n"):
        s, e = pos, pos + len(part)
        pos = e + 1
        d = 0 if s <= near < e else min(abs(near - s), abs(near - e))
        if part.strip() and (dist is None or d < dist):
            best, dist = (s, e), d
    return _trim(text, *best)


def _np_span(
    token: Token, text: str, stop: int | None = None, lexicon: SpeechLexicon | None = None
) -> tuple[int, int] | None:
    """Characters of a noun phrase: the head's subtree, cut before `stop` (a token index)
    when the phrase would reach it (speaker after the cue: "said a source familiar with …"),
    and before a relative clause that is an attribution of its own ("Kamin, who said …")."""
    lo, hi = token.left_edge.i, token.right_edge.i + 1
    if stop is not None and lo <= stop < hi:
        if token.i < stop:
            hi = stop
        else:
            lo = stop + 1
    for child in token.rights:
        # "Eliav Benjamin on Monday told …": the date belongs to the saying
        if child.i < hi and (child.ent_type_ in ("DATE", "TIME") or child.dep_ == "prep" and any(
                g.ent_type_ in ("DATE", "TIME") for g in child.children)):
            hi = min(hi, child.left_edge.i)
            break
    if lexicon is not None:
        for child in token.rights:
            if child.dep_ == "relcl" and lexicon.cue_key(child) is not None and child.i < hi:
                hi = min(hi, child.left_edge.i)
                break
    lo, hi = max(lo, token.sent.start), min(hi, token.sent.end)
    doc = token.doc
    while lo < token.i and doc[lo].dep_ in ("advmod", "cc", "preconj") and doc[lo].head.i == token.i:
        lo += 1  # "Even China", "But officials"
    if hi <= lo:
        return None
    s, e = _trim_name(text, *_token_span(doc, lo, hi - 1))
    return (s, e) if e > s else None


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= pos < e for s, e in spans)


def _depth(token: Token) -> int:
    depth = 0
    while token.head.i != token.i and depth < 64:
        token, depth = token.head, depth + 1
    return depth


# --------------------------------------------------------------------------- finder


class _Finder:
    def __init__(self, doc: Doc, lex: SpeechLexicon) -> None:
        self.doc = doc
        self.text = doc_text(doc)
        self.lex = lex
        self.quotes = find_quotations(self.text)

    # ---- candidates

    def candidates(self) -> list[Attribution]:
        found: list[Attribution] = []
        first_words = self.lex.first_words
        for token in self.doc:
            if token.lower_ == "according" and token.i + 1 < len(self.doc) and \
                    self.doc[token.i + 1].lower_ == "to":
                att = self._according_to(token)
            elif token.lemma_.lower() in first_words and token.pos_ in ("VERB", "AUX"):
                att = self._verb(token)
            else:
                att = None
            if att is not None:
                att.contents = self._clean(att)
                if att.contents:
                    found.append(att)
        found.extend(self._quote_tails(found))
        found.extend(self._dash_signatures())
        found.extend(self._transcript_turns())
        return found

    def _clean(self, att: Attribution) -> list[tuple[int, int]]:
        """Content without the cue's own words and without a coordinated clause that is an
        attribution of its own ("X said A, and Y warned that B": B is Y's)."""
        holes = [att.cue] + ([att.speaker] if att.speaker else [])
        for s, e in att.contents:
            span = self.doc.char_span(s, e, alignment_mode="expand")
            if span is None:
                continue
            for tok in span:
                if tok.dep_ == "conj" and tok.i != att.cue_token and \
                        self.lex.cue_key(tok) is not None and \
                        any(c.dep_ == "nsubj" for c in tok.children):
                    first = tok.left_edge.i
                    while first > span.start and (self.doc[first - 1].dep_ == "cc" or
                                                  self.doc[first - 1].is_punct):
                        first -= 1
                    holes.append((self.doc[first].idx, e))
        out = []
        for s, e in att.contents:
            segs = [(s, e)]
            for hs, he in holes:
                segs = [part for a, b in segs for part in (
                    [(a, b)] if he <= a or hs >= b else [(a, hs), (he, b)]) if part[1] > part[0]]
            for a, b in segs:
                a, b = _trim(self.text, a, b)
                if b > a and ((a, b) == (s, e) or len(self.text[a:b].split()) >= 2):
                    out.append((a, b))
        return out

    def _token_at(self, start: int, end: int) -> Token | None:
        span = self.doc.char_span(start, end, alignment_mode="expand")
        return span.root if span is not None and len(span) else None

    def _quote_tails(self, found: list[Attribution]) -> list[Attribution]:
        """ "“…,” one source familiar with the discussions confirmed.": a quotation whose
        sentence ends with a short speaker-and-cue tail the parser did not read as a clause."""
        used = {c for a in found for c in a.contents}
        cues = {a.cue_token for a in found}
        out = []
        for qs, qe in self.quotes:
            if (qs, qe) in used or self._quote_words((qs, qe)) < 2:
                continue
            start = self._tok_index(qe)
            if start >= len(self.doc) or not _GAP_BEFORE.match(
                    self.text[qe:self.doc[start].idx]):
                continue
            sent = self.doc[start].sent
            tail = [t for t in self.doc[start:sent.end] if not (t.is_punct or t.is_space)]
            if not 2 <= len(tail) <= 15 or any(t.text in QUOTE_CHARS for t in tail):
                continue
            verbs = [t for t in tail if t.i not in cues and t.tag_.startswith("VB") and
                     self.lex.cue_key(t) is not None]
            if len(verbs) != 1 or verbs[0].i not in (tail[0].i, tail[-1].i):
                continue
            verb = verbs[0]
            words = [t for t in tail if t.i != verb.i]
            lo, hi = words[0].i, words[-1].i + 1
            head = self.doc[lo:hi].root
            speaker = _trim_name(self.text, *_token_span(self.doc, lo, hi - 1))
            if speaker[1] <= speaker[0] or head.lower_ in self.lex.no_speaker:
                continue
            out.append(Attribution(
                cue=_token_span(self.doc, verb.i, verb.i), cue_key=self.lex.cue_key(verb)[0],
                cue_token=verb.i, contents=[(qs, qe)], speaker=speaker, speaker_token=head.i,
                direct=True,
            ))
        return out

    def _tok_index(self, char: int) -> int:
        """Index of the token at or after a character offset (binary search)."""
        lo, hi = 0, len(self.doc)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.doc[mid].idx < char:
                lo = mid + 1
            else:
                hi = mid
        return lo

    def _dash_signatures(self) -> list[Attribution]:
        """ "“…” ― Jane Doe": a quotation signed by a name after a dash, ending its line."""
        out = []
        for qs, qe in self.quotes:
            m = _SIGNATURE.match(self.text, qe)
            if m is None or self._quote_words((qs, qe)) < 3:
                continue
            name = self._token_at(m.start(2), m.end(2))
            if name is None:
                continue
            out.append(Attribution(
                cue=(m.start(1), m.end(1)), cue_key="say", cue_token=name.i,
                contents=[(qs, qe)], speaker=(m.start(2), m.end(2)), speaker_token=name.i,
                direct=True, kind="signature",
            ))
        return out

    def _transcript_turns(self) -> list[Attribution]:
        """ "WALLACE: Let's start …": a transcript turn, speaker in capitals before a colon."""
        out = []
        for m in _TURN.finditer(self.text):
            name = self._token_at(m.start(1), m.end(1))
            if name is not None and not m.group(1).isupper() and name.ent_type_ != "PERSON":
                continue  # "Pence: …" only when the name is a person's
            end = self.text.find("\n", m.end())
            end = len(self.text) if end < 0 else end
            content = _trim(self.text, m.end(), end)
            if name is None or content[1] - content[0] < 10:
                continue
            out.append(Attribution(
                cue=(m.end(1), m.end(1) + 1), cue_key="say", cue_token=name.i,
                contents=[content], speaker=(m.start(1), m.end(1)), speaker_token=name.i,
                direct=True, kind="transcript",
            ))
        return out

    def _according_to(self, token: Token) -> Attribution | None:
        to = self.doc[token.i + 1]
        pobjs = [c for c in to.children if c.dep_ == "pobj"]
        if not pobjs:
            return None
        source = pobjs[0]
        head = token.head
        # the clause the phrase qualifies: the nearest verbal head (or the sentence root)
        for _ in range(6):
            if head.pos_ in ("VERB", "AUX") or head.dep_ == "ROOT" or head.head.i == head.i:
                break
            head = head.head
        if head.i == token.i:
            return None
        phrase = (token.i, source.right_edge.i + 1)
        contents = _subtree_span(head, self.text, exclude=phrase)
        if not contents:
            return None
        return Attribution(
            cue=_token_span(self.doc, token.i, token.i + 1),
            cue_key="according to",
            cue_token=token.i,
            contents=contents,
            speaker=_np_span(source, self.text),
            speaker_token=source.i,
            kind="according_to",
        )

    def _verb(self, verb: Token) -> Attribution | None:
        got = self.lex.cue_key(verb)
        if got is None:
            return None
        key, particle = got
        lemma = verb.lemma_.lower()
        if any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
            return None  # "refused to disclose", "wants to say": nothing is said yet
        passive = any(c.dep_ == "auxpass" for c in verb.children) or (
            verb.tag_ == "VBN" and any(c.dep_ == "agent" for c in verb.children))
        if passive:
            return self._passive(verb, key)
        speakers = subjects(verb)
        inherited = False
        if not speakers and verb.dep_ in ("advcl", "conj", "xcomp") and verb.tag_ == "VBG":
            speakers = subjects(verb.head)  # "…, saying the talks had failed"
            inherited = True
        quoted_as = _quoted_as(verb)
        if not speakers and quoted_as is not None:
            # "Varga was quoted as saying …": the passive subject of "quoted" says it
            speakers = [c for c in quoted_as.children if c.dep_ == "nsubjpass"]
        if not speakers:
            return None
        # a subject inside a quotation is the parser folding the quote into the clause
        # ("“… Full panic mode,” said Leslie Wimes"): take one outside it
        outside = [t for t in speakers if not _inside(t.idx, self.quotes)]
        if not outside:
            return None
        speaker = outside[0]
        if verb.dep_ == "relcl" and speaker.i == verb.head.i:
            # "economists who argue …": the relative pronoun is the written speaker
            rel = [c for c in verb.children if c.i < verb.i and c.tag_ in ("WP", "WDT")]
            if rel:
                speaker = rel[0]
        if speaker.i == verb.i or speaker.lower_ in self.lex.no_speaker:
            return None  # "None has said …", "nobody said"
        cue = self._cue_span(verb, particle)
        sp = self._speaker_span(speaker, verb)
        # the cue's own words: speaker and verb, unless the speaker belongs to another clause
        # ("X said …, adding that …")
        clause = cue if inherited or sp is None else (min(cue[0], sp[0]), max(cue[1], sp[1]))
        if key in self.lex.naming:
            # "called the plan a disaster"; "called" alone is no cue
            contents = self._naming_contents(verb)
            if not contents:
                return None
            return Attribution(cue=cue, cue_key=key, cue_token=verb.i, contents=contents,
                               speaker=sp, speaker_token=speaker.i,
                               direct=self._quoted_share(contents) >= 0.5)
        quoted = self._quoted_contents(verb, clause)
        contents = self._clause_contents(verb, key)
        if not contents and quoted_as is not None:
            contents = self._clause_contents(quoted_as, key)
        if contents:
            contents = self._extend_to_quote(contents)
        contents = _merge(quoted, contents, self.text)
        direct = self._quoted_share(contents) >= 0.5
        if not contents and key in self.lex.object_content:
            contents = self._object_contents(verb, particle)
        if not contents:
            return None
        if key in self.lex.clause_only and not direct and not self._has_clause(verb):
            return None
        if _negated(verb) and any(
                g.dep_ == "mark" and g.lower_ in ("whether", "if")
                for c in verb.children if c.dep_ in _COMPLEMENT_DEPS for g in c.children):
            return None  # "did not say whether the talks had failed": nothing is said
        return Attribution(
            cue=cue,
            cue_key=key if key in self.lex.stance else lemma,
            cue_token=verb.i,
            contents=contents,
            speaker=sp,
            speaker_token=speaker.i,
            direct=direct,
            negated=_negated(verb),
        )

    def _cue_span(self, verb: Token, particle: Token | None) -> tuple[int, int]:
        """The cue's words: the verb with its adjacent auxiliaries, negation and adverb ("has
        also said", "did not deny"), its particle ("pointed out") and a colon glued to it
        ("said:")."""
        first = verb.i
        while first > 0:
            prev = self.doc[first - 1]
            if prev.head.i == verb.i and prev.dep_ in ("aux", "auxpass", "neg", "advmod") and \
                    not (prev.dep_ == "advmod" and prev.ent_type_):
                first -= 1
            else:
                break
        last = particle.i if particle is not None else verb.i
        nxt = self.doc[last + 1] if last + 1 < len(self.doc) else None
        if nxt is not None and nxt.head.i == verb.i and nxt.dep_ == "prt":
            last += 1  # "pointed out"
            nxt = self.doc[last + 1] if last + 1 < len(self.doc) else None
        start, end = _token_span(self.doc, first, last)
        if nxt is not None and nxt.text == ":" and nxt.idx == end:
            end += 1
        return start, end

    def _passive(self, verb: Token, key: str) -> Attribution | None:
        """ "it was reported that …", "X is said to …": reported, no stated speaker (a by-agent
        makes it an ordinary attribution: "it was confirmed by the ministry")."""
        agents = [g for c in verb.children if c.dep_ == "agent" for g in c.children
                  if g.dep_ == "pobj"]
        aux = [c.i for c in verb.children if c.dep_ in ("auxpass", "aux") and c.i < verb.i]
        cue = _token_span(self.doc, min([verb.i, *aux]), verb.i)
        contents: list[tuple[int, int]] = []
        comp = [c for c in verb.children if c.dep_ in _COMPLEMENT_DEPS]
        if comp:
            contents = _subtree_span(comp[0], self.text)
        else:
            xcomp = [c for c in verb.children if c.dep_ == "xcomp"]
            subj = [c for c in verb.children if c.dep_ == "nsubjpass"]
            if xcomp and subj and subj[0].lower_ != "it":
                contents = _subtree_span(subj[0], self.text) + _subtree_span(xcomp[0], self.text)
        subj = [c for c in verb.children if c.dep_ == "nsubjpass" and c.lower_ != "it"]
        told = [c for c in verb.children if c.dep_ in ("oprd", "acomp")]
        if not contents and agents and subj and (told or key in self.lex.object_content):
            # "the decision was announced by the spokesman", "the conditions were declared
            # unmet by the palace": what the agent announces or declares is the subject
            contents = _subtree_span(subj[0], self.text) + [
                span for t in told for span in _subtree_span(t, self.text)]
        if not contents and agents and verb.dep_ == "advcl" and any(
                c.dep_ == "mark" and c.lower_ == "as" for c in verb.children):
            # "…, as stated by the White House": the clause it qualifies
            contents = _subtree_span(verb.head, self.text,
                                     exclude=(verb.left_edge.i, verb.right_edge.i + 1))
        if not contents:
            return None
        if agents:
            agent = agents[0]
            return Attribution(
                cue=cue, cue_key=key, cue_token=verb.i, contents=contents,
                speaker=_np_span(agent, self.text, stop=_aside_start(agent), lexicon=self.lex),
                speaker_token=agent.i,
            )
        if verb.lemma_.lower() not in self.lex.passive:
            return None
        return Attribution(cue=cue, cue_key=key, cue_token=verb.i, contents=contents,
                           kind="passive")

    def _speaker_span(self, speaker: Token, verb: Token) -> tuple[int, int] | None:
        group = speaker
        # coordinated subjects ("Qatar and Egypt said") share one span: take the first
        # conjunct's head when it is the subject itself
        if speaker.dep_ == "conj" and speaker.head.dep_.startswith("nsubj"):
            group = speaker.head
        return _np_span(group, self.text, stop=verb.i if group.sent == verb.sent else None,
                        lexicon=self.lex)

    def _quoted_contents(self, verb: Token, clause: tuple[int, int]) -> list[tuple[int, int]]:
        """Quotations touching the cue clause: ending just before it or opening just after."""
        pieces = []
        sent = verb.sent
        lo, hi = sent.start_char, sent.end_char
        for qs, qe in self.quotes:
            # the mark next to the cue must sit in the cue's sentence: a quotation that ends
            # the previous sentence ("… .” He adds …") is not this cue's
            if qe <= clause[0] and _GAP_BEFORE.match(self.text[qe:clause[0]]) and qe > lo:
                pieces.append((qs, qe))
            elif qs >= clause[1] and _GAP_AFTER.match(self.text[clause[1]:qs]) and qs < hi:
                pieces.append((qs, qe))
        # a quotation also counts when the cue's clause (speaker and object included) ends
        # right before it: "Mardawi told Bloomberg: “…”"
        if not pieces:
            right = max(clause[1], self._right_edge_before_content(verb))
            for qs, qe in self.quotes:
                if qs >= right and _GAP_AFTER.match(self.text[right:qs]) and \
                        self.doc.char_span(qs, qs + 1, alignment_mode="expand") is not None:
                    pieces.append((qs, qe))
                    break
        return [p for p in pieces if self._quote_words(p) >= 2]

    def _right_edge_before_content(self, verb: Token) -> int:
        """End of the cue's own phrase: the verb with its objects and particles
        ("told the Ledger", "said in a statement")."""
        end = verb.idx + len(verb.text)
        for child in verb.rights:
            if child.dep_ in ("dobj", "dative", "prt", "prep", "npadvmod", "advmod", "agent"):
                end = max(end, child.right_edge.idx + len(child.right_edge.text))
            else:
                break
        return end

    def _quote_words(self, piece: tuple[int, int]) -> int:
        return len(self.text[piece[0]:piece[1]].split())

    def _clause_contents(self, verb: Token, key: str) -> list[tuple[int, int]]:
        comp = [c for c in verb.children if c.dep_ in _COMPLEMENT_DEPS]
        if not comp:
            # "said after the convention he would not accept …": a finite clause with its own
            # subject, misparsed as an adverbial, after the verb
            comp = [c for c in verb.rights if c.dep_ == "advcl" and
                    any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children) and
                    not any(g.dep_ == "mark" and g.lower_ != "that" for g in c.children)]
        if not comp:
            # "assured their counterparts that …", the clause misparsed as the object's
            comp = [g for c in verb.children if c.dep_ in ("dobj", "dative") for g in c.children
                    if g.dep_ in ("acl", "relcl", "ccomp") and any(
                        m.dep_ == "mark" and m.lower_ == "that" for m in g.children)]
        comp = [c for c in comp if _closing_dash(verb, c.left_edge.i) is None]
        if comp:
            # "said that X" / "X, the group said": the complement clause
            pieces = []
            for c in comp[:1]:
                pieces.extend(_subtree_span(c, self.text))
            close = _closing_dash(verb, len(self.doc))
            if close is not None:  # "- who said the talks had stalled - left": up to the dash
                pieces = [(a, min(b, close.idx)) for a, b in pieces if a < close.idx]
                pieces = [_trim(self.text, a, b) for a, b in pieces]
            return [(a, b) for a, b in pieces if b > a]
        if verb.dep_ == "parataxis" or (verb.dep_ == "ccomp" and verb.i > verb.head.i and
                                         self.lex.stance.get(verb.head.lemma_.lower()) is None):
            # "The talks, officials said, were stalled": the governing clause minus the cue's
            head = verb.head
            lo, hi = verb.left_edge.i, verb.right_edge.i + 1
            return _subtree_span(head, self.text, exclude=(lo, hi))
        stance = self.lex.stance.get(key)
        if stance in ("demand", "promise", "threaten", "warn", "deny"):
            # "urged Israel to hold off", "vowed to retaliate": object + infinitive; "denied
            # targeting civilians": the gerund
            xcomp = [c for c in verb.children if c.dep_ == "xcomp"]
            if xcomp:
                objs = [c for c in verb.children if c.dep_ in ("dobj", "dative") and
                        c.i < xcomp[0].i]
                first = objs[0].left_edge.i if objs else xcomp[0].left_edge.i
                last = xcomp[0].right_edge.i
                s, e = _trim(self.text, *_token_span(self.doc, first, last))
                return [(s, e)] if e > s else []
        return []

    def _has_clause(self, verb: Token) -> bool:
        return any(c.dep_ in _COMPLEMENT_DEPS + ("xcomp",) for c in verb.children) or \
            verb.dep_ == "parataxis"

    def _object_contents(self, verb: Token, particle: Token | None) -> list[tuple[int, int]]:
        if particle is not None and particle.dep_ == "prep":
            objs = [c for c in particle.children if c.dep_ == "pobj"]
        else:
            objs = [c for c in verb.children if c.dep_ in ("dobj", "obj")]
        if not objs or objs[0].lower_ in self.lex.empty_objects:
            return []
        return _subtree_span(objs[0], self.text)

    def _naming_contents(self, verb: Token) -> list[tuple[int, int]]:
        """ "called the plan a disaster": the object and what it is called."""
        objs = [c for c in verb.children if c.dep_ in ("dobj", "obj")]
        preds = [c for c in verb.children if c.dep_ in ("oprd", "xcomp", "ccomp") and
                 objs and c.i > objs[0].i]
        if not objs or not preds or objs[0].tag_ in ("WP", "WDT"):  # "what they call X"
            return []
        s, e = _trim(self.text, *_token_span(self.doc, objs[0].left_edge.i,
                                             preds[0].right_edge.i))
        return [(s, e)] if e > s else []

    def _extend_to_quote(self, contents: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """A complement that opens a quotation runs to the quotation's end, across sentences:
        "told the Ledger that “negotiations … . The current round …”"."""
        s, e = contents[-1]
        for qs, qe in self.quotes:
            if s <= qs < e < qe:
                return [*contents[:-1], (s, qe)]
        return contents

    def _quoted_share(self, contents: list[tuple[int, int]]) -> float:
        """Share of the content's characters inside quotation marks."""
        total = sum(e - s for s, e in contents)
        if not total:
            return 0.0
        inside = sum(max(0, min(e, qe) - max(s, qs)) for s, e in contents
                     for qs, qe in self.quotes)
        return inside / total

    # ---- selection

    def _rank(self, att: Attribution) -> float:
        """Outer first: depth in the parse; a reporting verb in parenthesis ("…, a source
        told Channel 9") frames the clause it hangs on, so it ranks above that clause."""
        cue = self.doc[att.cue_token]
        depth = _depth(cue)
        if cue.dep_ == "parataxis" and att.contents:
            return depth - 1.5
        return float(depth)

    def select(self, found: list[Attribution]) -> list[Attribution]:
        """Outer attributions first; drop a cue inside another's content or inside a
        quotation, and a quotation already claimed."""
        found.sort(key=lambda a: (self._rank(a), a.cue[0]))
        kept: list[Attribution] = []
        claimed: list[tuple[int, int]] = []
        for att in found:
            relayed = self._relayed(att, kept)
            if (_inside(att.cue[0], claimed) and not relayed) or (
                    _inside(att.cue[0], self.quotes) and att.kind not in ("transcript",)):
                continue
            # a piece another attribution already holds is not this one's ("…,” adding …")
            if not relayed:
                att.contents = [c for c in att.contents
                                if not any(_overlaps(c, k) for k in claimed)]
            if not att.contents:
                continue
            kept.append(att)
            claimed.extend(att.contents)
        kept.sort(key=lambda a: a.start)
        self._continuations(kept)
        return kept

    def _relayed(self, att: Attribution, kept: list[Attribution]) -> bool:
        """A statement an institution relays: its cue is the verb of a kept attribution's own
        content clause, its speaker a named person and the relaying speaker an organisation
        or state ("The palace said Minister Varga told his counterpart that …": Varga's
        statement, as the palace tells it)."""
        if att.kind != "verb" or att.speaker_token is None:
            return False
        cue = self.doc[att.cue_token]
        speaker = self.doc[att.speaker_token]
        if cue.dep_ != "ccomp" or speaker.ent_type_ != "PERSON":
            return False
        # an institution telling what its leader said; a person's account of another's
        # words stays the one statement
        return any(k.cue_token == cue.head.i and k.speaker_token is not None
                   and self.doc[k.speaker_token].ent_type_ in ("ORG", "GPE", "NORP")
                   for k in kept)

    def _continuations(self, kept: list[Attribution]) -> None:
        """A quotation right after a direct attribution, in the same paragraph and claimed by
        no cue of its own, continues it: "“A,” he said. “B.”"."""
        claimed = [c for a in kept for c in a.contents]
        for qs, qe in self.quotes:
            if any(_overlaps((qs, qe), c) for c in claimed) or self._quote_words((qs, qe)) < 3:
                continue
            before = [a for a in kept if a.end <= qs]
            if not before:
                continue
            last = max(before, key=lambda a: a.end)
            if not last.direct or last.kind != "verb":
                continue
            if any(a.start >= last.end and a.start < qs for a in kept):
                continue
            sent_end = max(last.end, self.doc[last.cue_token].sent.end_char)
            if qs < sent_end:
                continue
            gap = self.text[sent_end:qs]
            if "\n" in gap or gap.strip():
                continue
            last.contents.append((qs, qe))
            claimed.append((qs, qe))


_DASHES = frozenset({"-", "–", "—", "--"})


def _aside_start(token: Token) -> int | None:
    """The comma that opens a relative clause or apposition after a name ("by spokesman
    Petrov, who gave no reason"): the speaker's phrase ends there."""
    for child in token.rights:
        if child.dep_ in ("relcl", "appos") and child.left_edge.i > token.i and \
                token.doc[child.left_edge.i - 1].text == ",":
            return child.left_edge.i - 1
    return None


# Passive verbs a speaker is the subject of, with "as saying": "was quoted as saying".
QUOTED_AS = frozenset({"quote", "cite", "report"})


def _quoted_as(verb: Token) -> Token | None:
    """The passive "quoted" of "X was quoted as saying", when `verb` is its "saying"."""
    prep = verb.head
    if verb.tag_ != "VBG" or verb.dep_ != "pcomp" or prep.lower_ != "as":
        return None
    head = prep.head
    if head.lemma_.lower() in QUOTED_AS and any(c.dep_ == "auxpass" for c in head.children):
        return head
    return None


def _closing_dash(verb: Token, before: int) -> Token | None:
    """The dash closing the dash parenthetical a cue stands in, when it comes before token
    `before` ("Families displaced to the south - where the army told them to go - have been
    unable to return": what lies past it is no one's words), else None."""
    sent = verb.sent
    if sum(1 for t in sent if t.i < verb.i and t.text in _DASHES) % 2 == 0:
        return None
    if not any(c.tag_ in ("WDT", "WP", "WP$", "WRB") for c in verb.children):
        # a bare attribution between dashes ("The plan - officials said - was dead") is said
        # of the clause around it; only a relative clause ("- where the army told them -")
        # describes something else
        return None
    return next((t for t in sent if verb.i < t.i < before and t.text in _DASHES), None)


def _negated(verb: Token) -> bool:
    """ "did not deny"; also "hasn't confirmed or denied" (negation shared by coordination)."""
    if any(c.dep_ == "neg" for c in verb.children):
        return True
    return verb.dep_ == "conj" and any(c.dep_ == "neg" for c in verb.head.children)


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _touch(a: tuple[int, int], b: tuple[int, int], text: str) -> bool:
    """Overlapping, or separated only by spaces and commas or dashes."""
    if _overlaps(a, b):
        return True
    lo, hi = (a[1], b[0]) if a[1] <= b[0] else (b[1], a[0])
    return bool(_GAP_BEFORE.match(text[lo:hi]))


def _merge(
    quoted: list[tuple[int, int]], clause: list[tuple[int, int]], text: str
) -> list[tuple[int, int]]:
    """Content pieces from adjacent quotations and the complement clause: a quotation that
    touches the clause becomes one piece with it ("Vanguard notified …, “parting …,” Ostrow said")."""
    pieces = sorted(set(quoted) | set(clause))
    out: list[tuple[int, int]] = []
    for piece in pieces:
        if out and _touch(out[-1], piece, text) and (piece in clause or out[-1] in clause):
            out[-1] = (min(out[-1][0], piece[0]), max(out[-1][1], piece[1]))
        else:
            out.append(piece)
    return out


def find_attributions(doc: Doc, lexicon: SpeechLexicon | None = None) -> list[Attribution]:
    """Every attribution in a parsed document, in text order."""
    finder = _Finder(doc, lexicon or load_speech_lexicon())
    return finder.select(finder.candidates())
