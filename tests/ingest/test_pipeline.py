"""The ingest stage end to end on files the tests write: bad input never stops a batch."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.ingest import pipeline
from storyline.ingest.readers import ReadOptions
from storyline.store import Store

GOOD = (
    "Negotiators from Qatar and Egypt met in Cairo on Tuesday to discuss a new truce proposal, "
    "officials said, as families of the captives rallied outside the parliament.\n\n"
    "The talks are expected to continue next week, according to two people briefed on them."
)
OTHER = (
    "A convoy of aid trucks crossed into the territory on Sunday after days of delay, "
    "the relief agency said, adding that far more supplies were needed before winter."
)


@pytest.fixture
def store(tmp_path):
    with Store(f"sqlite:///{tmp_path / 'store.db'}") as s:
        yield s


def _write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_good_file_stored_once_then_duplicate(tmp_path, store):
    path = _write(tmp_path, "good.txt", GOOD)
    first = pipeline.ingest_paths([str(path)], store)
    assert (first.stored, first.duplicates, first.failed) == (1, 0, 0)
    again = pipeline.ingest_paths([str(path)], store)
    assert (again.stored, again.duplicates, again.failed) == (0, 1, 0)
    assert store.count_articles() == 1


def test_a_duplicate_is_neither_classified_nor_compared(tmp_path, store, monkeypatch):
    # a duplicate costs no language model load and no read of the stored signatures
    path = _write(tmp_path, "good.txt", GOOD)
    pipeline.ingest_paths([str(path)], store)

    def fail(*_args):  # noqa: ANN202
        raise AssertionError("not for a duplicate")

    monkeypatch.setattr(pipeline, "detect_language", fail)
    monkeypatch.setattr(store, "minhashes", fail)
    again = pipeline.ingest_paths([str(path)], store)
    assert (again.stored, again.duplicates, again.failed) == (0, 1, 0)
    assert store.list_articles()[0].language == "en"


def test_same_text_with_other_whitespace_is_a_duplicate(tmp_path, store):
    a = _write(tmp_path, "a.txt", GOOD)
    b = _write(tmp_path, "b.txt", "  " + GOOD.replace(" ", "  ") + "\n\n")
    summary = pipeline.ingest_paths([str(a), str(b)], store)
    assert (summary.stored, summary.duplicates) == (1, 1)


def test_near_duplicate_is_linked_not_merged(tmp_path, store):
    rewrite = GOOD.replace("on Tuesday", "on Tuesday afternoon").replace("rallied", "gathered")
    a = _write(tmp_path, "a.txt", GOOD)
    b = _write(tmp_path, "b.txt", rewrite)
    c = _write(tmp_path, "c.txt", OTHER)
    summary = pipeline.ingest_paths([str(a), str(b), str(c)], store)
    assert summary.stored == 3
    assert summary.near_duplicates == 1
    ids = {row.source: row.id for row in store.list_articles()}
    links = store.links(ids[str(b)])
    assert [other for other, kind, _ in links] == [ids[str(a)]]
    assert store.links(ids[str(c)]) == []


BAD_INPUTS = {
    "empty.txt": (b"", "empty"),
    "blank.txt": (b"   \n\n  ", "empty"),
    "image.txt": (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "binary"),
    "truncated.json": (b'[{"title": "A", "text": "Talks resumed in Doha on', "JSON"),
    "notext.csv": (b"title,date\nTalks resume,2024-01-01\n", "text column"),
    "nav.html": (
        b"<html><head><title>Menu</title></head><body><nav><a href='/'>Home</a></nav>"
        b"</body></html>",
        "",
    ),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_input_is_one_line_and_the_batch_goes_on(tmp_path, store, name):
    content, expected = BAD_INPUTS[name]
    bad = _write(tmp_path, name, content)
    good = _write(tmp_path, "zz-good.txt", GOOD)
    summary = pipeline.ingest_paths([str(bad), str(good)], store)
    assert summary.stored == 1
    assert summary.failed == 1
    [line] = summary.problems
    assert line.startswith(f"{bad}: ")
    assert "\n" not in line and "Traceback" not in line
    assert expected.lower() in line.lower()


def test_missing_path_and_unmatched_glob(tmp_path, store):
    summary = pipeline.ingest_paths(
        [str(tmp_path / "nope.txt"), str(tmp_path / "*.none")], store
    )
    assert summary.failed == 2
    assert "no such file" in summary.problems[0]
    assert "no file matches" in summary.problems[1]


def test_unreadable_file(tmp_path, store, monkeypatch):
    bad = _write(tmp_path, "locked.txt", GOOD)
    real = Path.open

    def open_(self: Path, *args, **kwargs):
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied")
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", open_)
    summary = pipeline.ingest_paths([str(bad)], store)
    assert summary.problems == [f"{bad}: cannot read: Permission denied"]


def test_fifty_megabyte_text_file_is_refused_without_reading_it(tmp_path, store):
    big = tmp_path / "huge.txt"
    with big.open("wb") as handle:
        chunk = b"the talks went on and on " * 4000
        while handle.tell() < 50 * 1024 * 1024:
            handle.write(chunk)
    summary = pipeline.ingest_paths([str(big)], store)
    assert summary.failed == 1
    assert "too large for one" in summary.problems[0]


def test_folder_is_walked_recursively_and_hidden_files_skipped(tmp_path, store):
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    _write(tmp_path / "sub", "a.txt", GOOD)
    _write(tmp_path / "sub" / "deeper", "b.txt", OTHER)
    _write(tmp_path / "sub", ".hidden.txt", "not to be read " * 10)
    summary = pipeline.ingest_paths([str(tmp_path / "sub")], store)
    assert (summary.files, summary.stored) == (2, 2)


def test_jsonl_records_get_their_own_source_and_bad_records_are_reported(tmp_path, store):
    lines = [
        json.dumps({"title": "One", "text": GOOD, "published": "2024-01-02"}),
        json.dumps({"title": "Two", "text": OTHER, "date": "2024-01-03T10:00:00"}),
        json.dumps({"title": "Empty", "text": ""}),
    ]
    path = _write(tmp_path, "dump.jsonl", "\n".join(lines) + "\n")
    summary = pipeline.ingest_paths([str(path)], store)
    assert summary.stored == 2
    assert (summary.skipped, summary.failed) == (1, 0)  # an empty record is no article
    assert summary.skips == [f"{path}#3: no article text (fewer than 40 characters)"]
    rows = sorted(store.list_articles(), key=lambda r: r.source)
    assert [r.source for r in rows] == [f"{path}#1", f"{path}#2"]
    assert [r.published[:10] for r in rows] == ["2024-01-02", "2024-01-03"]


def test_options_fill_only_what_the_document_does_not_state(tmp_path, store):
    path = _write(tmp_path, "plain.txt", GOOD)
    options = ReadOptions(outlet="Example Post", published="2024-02-03")
    pipeline.ingest_paths([str(path)], store, options)
    [row] = store.list_articles()
    assert (row.outlet, row.published) == ("Example Post", "2024-02-03")


def test_mojibake_is_repaired_and_recorded(tmp_path, store):
    clean = "Israel\u2019s cabinet met on Sunday \u2014 officials said the \u201cframework\u201d held. " * 2
    damaged = clean.encode("utf-8").decode("cp1252", errors="replace")
    path = _write(tmp_path, "moji.txt", damaged)
    pipeline.ingest_paths([str(path)], store)
    [row] = store.list_articles()
    article = store.get_article(row.id)
    assert article.text == clean.strip()
    assert any(r.changed > 0 for r in article.repairs)


def test_non_english_article_is_stored_and_flagged(tmp_path, store):
    text = (
        "Los negociadores de Qatar y Egipto se reunieron el martes en El Cairo para discutir "
        "una nueva propuesta de tregua, según dijeron fuentes oficiales a la prensa local."
    )
    path = _write(tmp_path, "es.txt", text)
    summary = pipeline.ingest_paths([str(path)], store)
    assert (summary.stored, summary.flagged) == (1, 1)
    [row] = store.list_articles()
    assert row.language == "es" and "non_english" in row.flags
