"""decode_bytes: BOMs, UTF-16/32 without BOM, UTF-8, legacy encodings, binary refusal, newlines."""

from __future__ import annotations

import gzip
import importlib.util
import zlib

import pytest

from storyline.ingest.encoding import BinaryInput, decode_bytes

TEXT = (
    "Negotiators met in Doha on Tuesday \u2014 the \u201cfinal\u201d round, officials said.\n"
    "The mediator\u2019s plan: a six-week truce, caf\u00e9 talk aside, \u00a35m in aid.\n"
)


def test_ascii_and_utf8():
    assert decode_bytes(b"Plain words only.\n") == ("Plain words only.\n", "ascii")
    assert decode_bytes(TEXT.encode("utf-8")) == (TEXT, "utf-8")


@pytest.mark.parametrize(
    ("codec", "bom", "name"),
    [
        ("utf-8", b"\xef\xbb\xbf", "utf-8-sig"),
        ("utf-16-le", b"\xff\xfe", "utf-16-le"),
        ("utf-16-be", b"\xfe\xff", "utf-16-be"),
        ("utf-32-le", b"\xff\xfe\x00\x00", "utf-32-le"),
        ("utf-32-be", b"\x00\x00\xfe\xff", "utf-32-be"),
    ],
)
def test_byte_order_marks_are_used_and_removed(codec, bom, name):
    text, encoding = decode_bytes(bom + TEXT.encode(codec))
    assert (text, encoding) == (TEXT, name)
    assert "\ufeff" not in text


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_wide_encodings_without_bom_are_found_by_their_nul_pattern(codec):
    assert decode_bytes(TEXT.encode(codec)) == (TEXT, codec)


def test_windows_1252_file():
    text, encoding = decode_bytes(TEXT.encode("cp1252"))
    assert (text, encoding) == (TEXT, "cp1252")


def test_bytes_undefined_in_cp1252_still_decode():
    # 0x81 is undefined in cp1252: the decoder must still return text, never raise.
    data = "Caf\u00e9 owners in S\u00e3o Paulo said the price rose.".encode("latin-1") + b"\x81"
    text, encoding = decode_bytes(data)
    assert text.startswith("Caf") and "Paulo said the price rose." in text
    assert encoding != "utf-8"


@pytest.mark.skipif(
    importlib.util.find_spec("charset_normalizer") is None, reason="charset-normalizer absent"
)
def test_legacy_chinese_file_is_not_read_as_cp1252():
    chinese = "\u8c08\u5224\u4ee3\u8868\u5468\u4e8c\u5728\u591a\u54c8\u4f1a\u9762\uff0c" * 20
    text, encoding = decode_bytes(chinese.encode("gb18030"))
    assert text == chinese
    assert encoding.lower().replace("-", "") in {"gb18030", "gbk", "gb2312", "cp936"}


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", "PDF"),
        (b"PK\x03\x04\x14\x00\x06\x00" + bytes(64), "ZIP"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(32), "PNG"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "JPEG"),
        (b"GIF89a\x01\x00\x01\x00\x80\x00\x00", "GIF"),
        (gzip.compress(TEXT.encode()), "gzip"),
        (b"\x7fELF\x02\x01\x01" + bytes(57), "ELF"),
        (b"SQLite format 3\x00" + bytes(84), "SQLite"),
    ],
)
def test_binary_signatures_are_refused(data, kind):
    with pytest.raises(BinaryInput) as caught:
        decode_bytes(data)
    message = str(caught.value)
    assert message.startswith("binary file (") and kind in message
    assert isinstance(caught.value, ValueError)


def test_binary_without_a_signature_is_refused():
    noise = zlib.compress(TEXT.encode() * 50)[2:]  # deflate stream: random-looking bytes
    with pytest.raises(BinaryInput, match="binary file"):
        decode_bytes(noise)
    with pytest.raises(BinaryInput, match="NUL bytes"):
        decode_bytes(b"abc\x00\x00\x01\x00def\x00\x00\x02\x00" * 20)
    with pytest.raises(BinaryInput, match="control characters"):
        decode_bytes(bytes(range(1, 32)) * 10 + b"some words")


def test_text_that_begins_like_a_weak_signature_is_text():
    for start in ("BMW sales rose.", "MZ Airlines said.", "PK Singh said."):
        assert decode_bytes(start.encode())[0] == start


def test_newlines_are_normalised():
    raw = "One line.\r\nTwo lines.\rThree\u2028lines.\u2029Four.\n"
    expected = "One line.\nTwo lines.\nThree\nlines.\nFour.\n"
    assert decode_bytes(raw.encode("utf-8"))[0] == expected
    assert decode_bytes(b"\xff\xfe" + raw.encode("utf-16-le"))[0] == expected
    assert decode_bytes(raw.replace("\u2028", " ").replace("\u2029", " ").encode("cp1252"))[
        0
    ] == expected.replace("Three\nlines.\nFour", "Three lines. Four")


def test_a_stray_nul_is_dropped_not_fatal():
    assert decode_bytes(b"Talks resumed\x00 in Cairo.")[0] == "Talks resumed in Cairo."


def test_utf8_with_a_few_stray_cp1252_bytes_keeps_its_utf8():
    data = TEXT.encode("utf-8") + "Ende \u2013 gut.".encode("cp1252")
    text, encoding = decode_bytes(data)
    assert text == TEXT + "Ende \u2013 gut."
    assert encoding == "utf-8+cp1252"


def test_utf8_cut_inside_its_last_character():
    data = TEXT.encode("utf-8") + "\u201c".encode("utf-8")[:2]
    text, _ = decode_bytes(data)
    assert text.startswith(TEXT)
