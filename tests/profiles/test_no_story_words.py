"""No story word in the package's Python: the default profile's actor names and aliases must
not appear outside comments (docstrings and strings count: examples belong in tests and in the
profile's own comments; the package's docstrings use neutral names such as Northland and
Vanguard). A few letter runs that only look like an alias are allowed by their context (`ALLOWED`).
"""

from __future__ import annotations

import io
import re
import tokenize
from pathlib import Path

from storyline.profiles import packaged_profile

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "storyline"
# Text around a hit that makes it no name: a currency code, a regex's AM/PM, a method's name.
ALLOWED = ("US\\$", "[AP]M", "TF-IDF")
_SKIP = {tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT,
         tokenize.ENDMARKER}


def story_terms() -> set[str]:
    """The default profile's actor names and aliases."""
    terms: set[str] = set()
    for actor in packaged_profile().data("actors")["actors"]:
        terms.add(str(actor["name"]))
        terms.update(str(a) for a in actor.get("aliases") or [])
    return {t for t in terms if t.strip()}


def _patterns(terms: set[str]) -> list[re.Pattern[str]]:
    # As the actor lexicon matches them: ALL-CAPS and short aliases ("US", "UN", "AP") only in
    # capitals, the rest in any case; whole words only ("Israel" is not in "Israeli"). Longest
    # first, so that a hit names the longest alias.
    exact = sorted((t for t in terms if t.isupper() or len(t) <= 3), key=len, reverse=True)
    loose = sorted((t for t in terms if t not in exact), key=len, reverse=True)

    def alternation(words: list[str]) -> str:
        return r"(?<![A-Za-z0-9])(?:" + "|".join(map(re.escape, words)) + r")(?![A-Za-z0-9])"

    return [re.compile(alternation(exact)), re.compile(alternation(loose), re.I)]


def story_word_hits(root: Path = PACKAGE) -> list[str]:
    """`file:line: term` for every term in a token of the package's Python that is not a
    comment."""
    patterns = _patterns(story_terms())
    hits = []
    for path in sorted(root.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        for tok in tokenize.generate_tokens(io.StringIO(source).readline):
            if tok.type in _SKIP:
                continue
            for rx in patterns:
                for m in rx.finditer(tok.string):
                    around = tok.string[max(0, m.start() - 3):m.end() + 3]
                    if any(a in around for a in ALLOWED):
                        continue
                    line = tok.start[0] + tok.string.count("\n", 0, m.start())
                    hits.append(f"{path.relative_to(root.parent)}:{line}: {m.group(0)}")
    return sorted(set(hits), key=lambda h: (h.split(":")[0], int(h.split(":")[1]), h))


def test_the_scanner_finds_a_story_word_and_skips_comments(tmp_path):
    terms = story_terms()
    name = sorted(t for t in terms if len(t) > 3 and not t.isupper())[0]
    pkg = tmp_path / "pkg"
    pkg.mkdir()
    (pkg / "a.py").write_text(f'# {name} in a comment is fine\nX = 1  # {name}\n')
    (pkg / "b.py").write_text(f'"""Docstring naming {name}."""\nWORDS = ["{name.lower()}"]\n')
    hits = story_word_hits(pkg)
    assert hits == [f"pkg/b.py:1: {name}", f"pkg/b.py:2: {name.lower()}"]


def test_no_story_word_in_the_package_python():
    hits = story_word_hits()
    assert not hits, f"{len(hits)} story words in the package's Python:\n" + "\n".join(hits)
