"""repair_text: clean text untouched byte for byte; cp1252 and GBK mojibake repaired exactly."""

from __future__ import annotations

import re
import unicodedata

import pytest

from storyline.ingest.repair import changed_characters, repair_text

# Texts written for these tests. Each mixes the punctuation that UTF-8 mojibake destroys.
ENGLISH = (
    "Mediators said on Tuesday that Israel\u2019s negotiators would return to Cairo \u2014 "
    "their third visit in a month \u2014 with what one official called a \u201cfinal offer\u201d.\n"
    "\u201cWe are closer than we have been,\u201d the official said, asking not to be named. "
    "\u201cBut closer is not there.\u201d\n"
    "The proposal, drafted over 10\u201312 days of talks, would pause fighting for six weeks\u2026 "
    "and let 600 aid trucks a day through the crossings, a source familiar with it said.\n"
    "Hamas\u2019 political bureau has not replied. Its spokesman said the group was \u2018studying "
    "it\u2019 and would answer \u201cin due course.\u201d\n"
)
ACCENTS = (
    "At a caf\u00e9 near the Rafah crossing, Jos\u00e9 Mart\u00ednez, a volunteer with a "
    "S\u00e3o Paulo charity, said the na\u00efve hope of early October was gone. "
    "\u201cIt costs \u00a35 for bread now,\u201d he said; temperatures hit 34\u00b0C. "
    "Fran\u00e7ois M\u00fcller, 52, agreed: \u201cNobody expected this\u2026\u201d\n"
)
CLOSED_QUOTES = (
    "The minister called the plan \u201ca serious step\u201d and the envoy\u2019s visit "
    "\u201cuseful,\u201d while the opposition leader said it was \u201cnonsense\u201d.\n"
    "\u201cThey don\u2019t want a deal,\u201d he told reporters. \u201cThey want time.\u201d\n"
)

CLEAN = {
    "english": ENGLISH,
    "accents": ACCENTS,
    "chinese": "\u8c08\u5224\u4ee3\u8868\u5468\u4e8c\u5728\u591a\u54c8\u4f1a\u9762\uff0c"
    "\u5916\u4ea4\u90e8\u53d1\u8a00\u4eba\u8868\u793a\uff1a\u201c\u6211\u4eec\u4ecd\u7136"
    "\u5e0c\u671b\u8fbe\u6210\u534f\u8bae\u3002\u201d\u53cc\u65b9\u2014\u2014\u5305\u62ec"
    "\u8c03\u89e3\u65b9\u2014\u2014\u90fd\u5728\u5f85\u547d\u2026\u2026\n",
    "chinese with a rare ideograph": "\u6211\u6709\u4e00\u628a\u9225, \u5f88\u65e7\u3002 "
    "\u9225\u5934\u548c\u9225\u5b50\u3002",
    "chinese with a lone U+FFFD": "\u4ed6\u8bf4\u9225\ufffd\u6211\u4eec\u4f1a\u56de\u6765",
    "japanese": "\u4ea4\u6e09\u306f\u706b\u66dc\u65e5\u306b\u518d\u958b\u3055\u308c\u305f"
    "\u3002\u300c\u5408\u610f\u306f\u8fd1\u3044\u300d\u3068\u5f53\u5c40\u8005\u306f\u8ff0"
    "\u3079\u305f\u3002",
    "korean": "\ud611\uc0c1\uc740 \ud654\uc694\uc77c\uc5d0 \uc7ac\uac1c\ub410\ub2e4.",
    "russian greek arabic hebrew": "\u041f\u0435\u0440\u0435\u0433\u043e\u0432\u043e\u0440"
    "\u044b \u2014 \u03b4\u03b9\u03b1\u03c0\u03c1\u03b1\u03b3\u03bc\u03b1\u03c4\u03b5\u03cd"
    "\u03c3\u03b5\u03b9\u03c2 \u2014 \u0645\u0641\u0627\u0648\u0636\u0627\u062a \u2014 "
    "\u05de\u05e9\u05d0 \u05d5\u05de\u05ea\u05df.",
    "turkish vietnamese polish czech": "\u0130stanbul, \u0110\u00e0 N\u1eb5ng, \u0141\u00f3d"
    "\u017a, Dvo\u0159\u00e1k, \u0218tefan, \u021a\u0103r\u0103.",
    "portuguese and romanian capitals": "S\u00c3O PAULO: N\u00c3O \u00c0 GUERRA. "
    "\u00ceNC\u00c2T \u00c2GE. INFORMA\u00c7\u00d5ES. \u00c3, \u00c2 and \u00c3 alone.",
    "emoji": "Families rallied \U0001f64f\U0001f3fd with flags \U0001f1ee\U0001f1f1 "
    "\U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f and "
    "\U0001f468\u200d\U0001f469\u200d\U0001f467 families.",
    "typography ftfy would fold": "\ufb01nal \uff21\uff22\uff23 full-width, e\u0301 "
    "decomposed, \u2460 circled, x\u00b2, \u00bd, AT&amp;T &lt;b&gt; stays escaped.",
    # (U+0085 is not here: ftfy reads a C1 control as the cp1252 byte it was, so NEL → "…".)
    "line breaks": "One line.\r\nAnother\u2028and\u2029more.\n",
    "controls and invisibles": "Soft\u00adhyphen, zero\u200bwidth, \u200fRLM and tab\tkept.",
    "mojibake discussed in quotes": "The pound sign \u00a3 and the euro \u20ac are common.",
}


@pytest.mark.parametrize("name", list(CLEAN))
def test_clean_text_is_unchanged_byte_for_byte(name):
    text = CLEAN[name]
    repaired, repairs = repair_text(text)
    assert repaired.encode("utf-8") == text.encode("utf-8")
    assert repairs == []


def _damage_cp1252(text: str, errors: str) -> str:
    return text.encode("utf-8").decode("cp1252", errors=errors)


@pytest.mark.parametrize("text", [ENGLISH, ACCENTS, CLOSED_QUOTES], ids=["en", "acc", "q"])
@pytest.mark.parametrize("errors", ["replace", "ignore"])
def test_utf8_read_as_cp1252_round_trip(text, errors):
    damaged = _damage_cp1252(text, errors)
    assert damaged != text
    repaired, repairs = repair_text(damaged)
    assert repaired == text
    assert [r.name for r in repairs] == ["ftfy"] and repairs[0].changed > 0


def test_utf8_read_as_latin1_round_trip():
    for text in (ENGLISH, ACCENTS, CLOSED_QUOTES):
        assert repair_text(text.encode("utf-8").decode("latin-1"))[0] == text


GBK_READERS = [("gbk", "replace"), ("gbk", "ignore"), ("gb18030", "replace"), ("gb18030", "ignore")]


@pytest.mark.parametrize("text", [ENGLISH, ACCENTS, CLOSED_QUOTES], ids=["en", "acc", "q"])
@pytest.mark.parametrize(("codec", "errors"), GBK_READERS)
def test_utf8_read_as_gbk_round_trip(text, codec, errors):
    damaged = text.encode("utf-8").decode(codec, errors=errors)
    assert re.search("[\u4e00-\u9fff]", damaged)
    repaired, repairs = repair_text(damaged)
    assert repaired == text
    assert [r.name for r in repairs] == ["gbk-mojibake"]


def test_gbk_repair_reports_the_lost_bytes_it_inferred():
    damaged = ENGLISH.encode("utf-8").decode("gbk", errors="replace")
    lost = damaged.count("\ufffd")
    assert lost > 5
    _, [repair] = repair_text(damaged)
    assert f"{lost} lost byte(s) inferred" in repair.detail
    assert repair.changed == changed_characters(damaged, ENGLISH)


@pytest.mark.parametrize(
    ("clean", "why"),
    [
        ("Talks with Hamas\u2019 leaders resumed.", "possessive after s"),
        ("They said \u201cno.\u201d Then left.", "closing quote after punctuation"),
        ("The plan \u2014 drafted in May \u2014 failed.", "dash between spaces"),
        ("He paused\u2026 and then \u201cyes\u201d.", "ellipsis with no quote open"),
        ("\u201cHe said \u2018no\u2019 to them,\u201d she said.", "single quote inside double"),
        ("Pages 10\u201312 and 2023\u201324.", "en dash between digits"),
        ("A \u201c2 million\u201d figure.", "opening quote before a digit"),
    ],
)
def test_lost_bytes_are_inferred_from_context(clean, why):
    damaged = clean.encode("utf-8").decode("gbk", errors="replace")
    assert "\ufffd" in damaged, why
    assert repair_text(damaged)[0] == clean, why


def test_document_dash_style_decides_spaced_dashes():
    # An en dash before a letter survives (鈥 + a character starting 0x93): the document uses en
    # dashes, so the lost ones between spaces are en dashes too.
    clean = "Gaza \u2013 the talks \u2013 stalled. The pre\u2013war border and mid\u2013term plan."
    damaged = clean.encode("utf-8").decode("gbk", errors="replace")
    assert repair_text(damaged)[0] == clean


def test_genuine_chinese_beside_gbk_mojibake_is_kept():
    chinese = "Officials in \u5317\u4eac \u2014 "
    english = "said the envoy\u2019s trip was \u201cuseful\u201d."
    # Only the English part was damaged (a page assembled from two sources).
    damaged = chinese + english.encode("utf-8").decode("gbk", errors="replace")
    assert repair_text(damaged)[0] == chinese + english


def test_repair_is_idempotent():
    for text in (ENGLISH, ACCENTS):
        once = repair_text(text.encode("utf-8").decode("gbk", errors="replace"))[0]
        assert repair_text(once) == (once, [])


def _has_cjk(text: str) -> bool:
    return any("CJK" in unicodedata.name(c, "") for c in text)


def test_seed_mojibake_is_repaired(shared_dir):
    seeds = shared_dir / "seeds"
    cp1252 = (seeds / "000_926d9990cf6caa3f.txt").read_text(encoding="utf-8")
    gbk = (seeds / "003_d9e28a5d5fb01913.txt").read_text(encoding="utf-8")
    for raw, expected in (
        (cp1252, ["Israel\u2019s"]),
        (
            gbk,
            [
                "\u201cfinal bridging proposal\u201d",
                "\u201cnot pass in vain,\u201d",
                "Israel\u2019s",
                "Hamas\u2019 political",
                "Egypt and Qatar \u2014 key mediators",
                "\u201cI\u2019m determined",
            ],
        ),
    ):
        repaired, repairs = repair_text(raw)
        assert repairs and all(r.changed > 0 for r in repairs)
        assert "\ufffd" not in repaired and not _has_cjk(repaired)
        for phrase in expected:
            assert phrase in repaired
    _, [repair] = repair_text(gbk)
    assert "33 lost byte(s)" in repair.detail


@pytest.mark.parametrize(
    "name",
    ["001_69b8d1e7f87b7635.txt", "002_e0b28578dbf45dea.txt", "004_11e3f07ad350b0dd.txt"],
)
def test_clean_seeds_are_unchanged(shared_dir, name):
    text = (shared_dir / "seeds" / name).read_text(encoding="utf-8")
    assert repair_text(text) == (text, [])


def test_changed_characters():
    assert changed_characters("abc", "abc") == 0
    assert changed_characters("Israel\u00e2\u20ac\u2122s", "Israel\u2019s") == 3
    assert changed_characters("a b", "a  b") == 1


def test_latin1_letters_read_as_gbk_are_repaired_without_punctuation_evidence():
    clean = "Ant\u00f3nio paid \u00a35 to the spokesman\u00a0John in S\u00e3o Paulo."
    damaged = clean.encode("utf-8").decode("gbk", errors="replace")
    assert damaged.startswith("Ant\u8d38nio paid \u62e25 to the spokesman\u807dJohn")
    assert repair_text(damaged)[0] == clean


@pytest.mark.parametrize(
    "text",
    [
        "The \u8305\u53f0 brand sold well, said Ant\u8d38nio.",  # a Chinese word keeps the text
        "The \u8305 character alone, and \u5317\u4eac.",
        "Mo\u8305t paid \u62e25 in \u5317\u4eac.",  # a run that does not decode: leave all
    ],
)
def test_latin1_repair_needs_every_ideograph_run_to_decode(text):
    assert repair_text(text) == (text, [])


def test_house_style_decides_a_spaced_dash_when_given():
    clean = "The talks \u2013 held in Doha \u2013 were \u201cuseful\u201d, officials said."
    damaged = clean.encode("utf-8").decode("gbk", errors="replace")
    assert repair_text(damaged)[0] == clean.replace("\u2013", "\u2014")  # no evidence: em dash
    assert repair_text(damaged, spaced_dash="\u2013")[0] == clean


def test_latin1_fallback_keeps_the_undefined_byte_and_it_is_repaired_once():
    # Browsers decode cp1252's undefined 0x9D as the C1 control U+009D rather than dropping it.
    damaged = "He called it a \u00e2\u20ac\u0153final proposal\u00e2\u20ac\x9d on Monday."
    fixed, repairs = repair_text(damaged)
    assert fixed == "He called it a \u201cfinal proposal\u201d on Monday."
    assert [r.name for r in repairs] == ["ftfy"]
