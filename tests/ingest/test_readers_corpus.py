"""Format detection, empty input, and every file of the example corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.ingest.readers import FORMATS, ReadError, ReadOptions, detect_format, read_document

CORPUS = Path(__file__).resolve().parents[2] / "examples" / "corpus"
CORPUS_FILES = sorted(p for p in CORPUS.iterdir() if p.name != "README.md")


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("a.json", "[]", "json"),
        ("noname", '{"text": "x"}', "json"),
        ("a.jsonl", '{"text": "x"}', "jsonl"),
        ("a.csv", "anything", "csv"),
        ("a.tsv", "title\ttext\n", "csv"),
        ("a.txt", "Plain words of a story.\nMore words.", "text"),
        ("a.md", "Plain words of a story.", "markdown"),
        ("a.html", "Just words, no markup at all.", "text"),
        ("a.txt", "# Title\n\n**By Jane Doe**\n\nText.", "markdown"),
        ("a.txt", "<html><body><p>x</p><p>y</p></body></html>", "html"),
        ("a.txt", "#BringThemHome trended on Sunday.\nMore words.", "text"),
    ],
)
def test_detect_format(name, text, expected):
    assert detect_format(name, text) == expected
    assert expected in FORMATS


@pytest.mark.parametrize("text", ["", "   \n\t\n"])
def test_empty_file(text):
    with pytest.raises(ReadError, match="empty file"):
        read_document("e.txt", text, ReadOptions())


def test_corpus_has_every_format():
    formats = {detect_format(p.name, p.read_text(encoding="utf-8")) for p in CORPUS_FILES}
    assert formats == set(FORMATS)


@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.name)
def test_every_corpus_file_reads(path):
    result = read_document(path.name, path.read_text(encoding="utf-8"), ReadOptions())
    assert len(result) >= 1 and not result.problems
    for doc in result:
        assert len(doc.text.split()) >= 150, doc.title
        assert doc.title


def test_corpus_size_and_undated_articles():
    documents = [
        doc
        for path in CORPUS_FILES
        for doc in read_document(path.name, path.read_text(encoding="utf-8"), ReadOptions())
    ]
    assert 12 <= len(documents) <= 14
    assert sum(doc.published is None for doc in documents) == 2


def test_mojibake_example_is_the_script_output():
    import importlib.util

    script = CORPUS.parent / "make_mojibake.py"
    spec = importlib.util.spec_from_file_location("make_mojibake", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    clean = module.DEFAULT_SOURCE.read_text(encoding="utf-8")
    assert module.DEFAULT_OUTPUT.read_text(encoding="utf-8") == module.misdecode(clean, "cp1252")
    assert "\u2019" in clean and "\u2019" not in module.DEFAULT_OUTPUT.read_text(encoding="utf-8")
    json.dumps(clean)  # plain text, nothing binary
