"""The one text limit on every path, streamed JSONL/CSV, per-run encoding repair, covers."""

from __future__ import annotations

import json

import pytest

from storyline.ingest.encoding import MIXED, LineDecoder, decode_bytes
from storyline.ingest.limits import MAX_TEXT_CHARS
from storyline.ingest.pipeline import InputProblem, Problem, iter_input
from storyline.ingest.readers import ReadOptions
from storyline.ingest.readers.covers import export_page
from storyline.ingest.sources import InputFile, display_name, expand

TEXT = ("Envoys met in a neutral capital on Tuesday to discuss a new proposal for a pause, "
        "two officials said, and agreed to meet again.")


def _outcomes(tmp_path, name: str, data: bytes) -> list:
    path = tmp_path / name
    path.write_bytes(data)
    return list(iter_input(InputFile(name, path), ReadOptions()))


def test_the_limit_is_the_same_for_a_field_a_line_and_a_file(tmp_path):
    long = "word " * (MAX_TEXT_CHARS // 5 + 1)
    for name, data in (
        ("a.jsonl", (json.dumps({"text": TEXT}) + "\n" + json.dumps({"text": long})).encode()),
        ("a.csv", f'title,text\nx,"{TEXT}"\ny,"{long}"\n'.encode()),
    ):
        got = _outcomes(tmp_path, name, data)
        problems = [g for g in got if isinstance(g, Problem)]
        assert len(got) == 2 and len(problems) == 1, name
        assert "over the 200,000-character limit" in problems[0].line
    with pytest.raises(InputProblem, match="over the 200,000-character limit"):
        _outcomes(tmp_path, "a.txt", long.encode())


def test_a_record_over_the_byte_ceiling_is_skipped_without_being_held(tmp_path):
    from storyline.ingest.limits import MAX_DOCUMENT_BYTES

    big = b'{"text": "' + b"a" * (MAX_DOCUMENT_BYTES + 10) + b'"}\n'
    got = _outcomes(tmp_path, "b.jsonl", json.dumps({"text": TEXT}).encode() + b"\n" + big
                    + json.dumps({"text": TEXT + " Again."}).encode() + b"\n")
    assert [type(g).__name__ for g in got] == ["Article", "Problem", "Article"]
    assert "line 2: over 16 MB, not read" in got[1].line


class _CountingInput(InputFile):
    """An input whose handle says how far it has been read."""

    def open(self):  # noqa: ANN201
        handle = super().open()
        self.handles.append(handle)
        return handle


def test_jsonl_is_read_one_record_at_a_time(tmp_path):
    path = tmp_path / "s.jsonl"
    path.write_text("".join(json.dumps({"text": f"{TEXT} {i}."}) + "\n" for i in range(3000)))
    item = _CountingInput("s.jsonl", path)
    object.__setattr__(item, "handles", [])
    stream = iter_input(item, ReadOptions())
    first = next(stream)  # the first article, before the rest of the file is read
    assert first.text.endswith(" 0.")
    assert item.handles[0].tell() < path.stat().st_size // 4


def test_mixed_runs_keep_utf8_and_decode_the_rest():
    utf8 = "Caf\u00e9 \u2014 \u201ctalks\u201d".encode()
    data = utf8 + b" and the \xe9l\xe8ve in Gen\xe8ve said d\xe9j\xe0 vu twice, d\xe9j\xe0 vu."
    text, encoding = decode_bytes(data)
    assert encoding == MIXED
    assert text == ("Caf\u00e9 \u2014 \u201ctalks\u201d and the \u00e9l\u00e8ve in Gen\u00e8ve "
                    "said d\u00e9j\u00e0 vu twice, d\u00e9j\u00e0 vu.")
    decoder = LineDecoder(b'{"text": "caf\xc3\xa9"}\n')
    assert decoder.decode("l'\u00e9l\u00e8ve\n".encode("latin-1")) == ("l'\u00e9l\u00e8ve\n", True)
    assert decoder.decode("caf\u00e9\n".encode()) == ("caf\u00e9\n", False)


def test_a_legacy_file_stays_a_legacy_file():
    assert decode_bytes("\u041f\u0440\u0438\u0432\u0435\u0442 \u043c\u0438\u0440, "
                        "\u043a\u0430\u043a \u0434\u0435\u043b\u0430".encode("cp1251"))[1] \
        == "cp1251"


def test_cover_pages_are_recognised_and_articles_are_not():
    assert export_page("Date and Time: Monday\nJob Number: 1\nDocuments (2)\n\n1. A\n2. B\n") \
        == "Nexis result list"
    assert export_page("Search Summary\nText: x\nDate: 2024\nSource: All\nResults Found: 3\n") \
        == "Factiva search summary"
    assert export_page(TEXT) is None
    assert export_page("Date and Time: Monday\nJob Number: 1\n\nBody\n\n" + TEXT) is None


def test_names_that_are_not_utf8_are_escaped(tmp_path):
    import os

    raw = os.fsencode(tmp_path) + b"/r\xe9sum\xe9.txt"
    with open(raw, "wb") as handle:
        handle.write(TEXT.encode())
    [item] = list(expand([str(tmp_path)]))
    assert item.name.endswith("r\\xe9sum\\xe9.txt") and item.name.encode("utf-8")
    assert display_name("plain.txt") == "plain.txt"


def test_symlink_loops_and_fifos_are_lines_not_errors(tmp_path):
    import os

    (tmp_path / "a.txt").write_text(TEXT)
    os.symlink("l2", tmp_path / "l1")
    os.symlink("l1", tmp_path / "l2")
    os.mkfifo(tmp_path / "pipe")
    found = {getattr(i, "name", "").rsplit("/", 1)[-1]: getattr(i, "problem", None)
             for i in expand([str(tmp_path)])}
    assert found == {"a.txt": None, "l1": "symlink loop", "l2": "symlink loop",
                     "pipe": "a FIFO (named pipe), not read"}
