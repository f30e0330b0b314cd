"""Plain text: a title line only when it looks like one; byline and date lines under it."""

from __future__ import annotations

from storyline.ingest.readers import ReadOptions, read_document
from storyline.ingest.readers.text import looks_like_title

BODY = (
    "Negotiators from Qatar and Egypt met in Cairo on Tuesday to discuss a new truce proposal, "
    "officials said, as families of the captives rallied outside the parliament.\n\n"
    "The talks are expected to continue next week, according to two people briefed on them."
)


def read(text: str, name: str = "a.txt"):
    [doc] = read_document(name, text, ReadOptions())
    return doc


def test_title_byline_and_date_lines_are_taken_out_of_the_body():
    doc = read(f"Mediators meet in Cairo on new truce plan\nBy Lena Ortiz\n5 March 2024\n\n{BODY}")
    assert doc.format == "text"
    assert doc.title == "Mediators meet in Cairo on new truce plan"
    assert doc.byline == ["Lena Ortiz"]
    assert doc.published == "2024-03-05"
    assert doc.text == BODY


def test_a_first_sentence_is_not_a_title():
    doc = read(BODY)
    assert doc.title is None and doc.text == BODY


def test_question_headline_is_a_title():
    doc = read("Can the truce hold through the weekend?\n" + BODY)
    assert doc.title == "Can the truce hold through the weekend?"


def test_title_heuristics():
    body = BODY
    assert looks_like_title("Talks resume in Doha", "", body)
    assert not looks_like_title("Talks resumed in Doha on Monday.", "", body)  # a sentence
    assert not looks_like_title("Negotiators from Qatar and Egypt met in", "Cairo on Tuesday", body)
    assert not looks_like_title("Talks resume in Doha", "on Monday after a pause", body)
    assert not looks_like_title("talks resume in doha", "", body)
    assert not looks_like_title("Talks stalled. Mediators left", "", body)
    assert not looks_like_title("Talks resume in Doha", "", "Short body.")
    assert not looks_like_title("Ceasefire", "", body)  # one word: a label, not a headline


def test_hard_wrapped_text_is_unwrapped():
    wrapped = (
        "Negotiators from Qatar and Egypt met in Cairo on Tuesday to discuss a new\n"
        "truce proposal, officials said, as families of the captives rallied outside\n"
        "the parliament in the capital for the third day in a row this week.\n\n"
        "The talks are expected to continue next week, according to two people who\n"
        "were briefed on them and who asked not to be named because the talks were\n"
        "not public."
    )
    doc = read(wrapped)
    assert doc.text.split("\n\n")[0].startswith("Negotiators from Qatar and Egypt met in Cairo")
    assert "\n" not in doc.text.split("\n\n")[0]
    assert len(doc.text.split("\n\n")) == 2


def test_lines_that_are_paragraphs_are_kept():
    doc = read(BODY.replace("\n\n", "\n"))
    assert doc.text == BODY.replace("\n\n", "\n")


def test_seed_titles(shared_dir):
    seeds = sorted((shared_dir / "seeds").glob("*.txt"))
    titles = {}
    for path in seeds[1:]:
        [doc] = read_document(path.name, path.read_text(encoding="utf-8"), ReadOptions())
        titles[path.name[:3]] = doc.title
        assert doc.format == "text"
        assert len(doc.text) > 1000
    assert titles == {
        "001": None,
        "002": None,
        "003": "Israel and US brace for Iranian attack as diplomats push hard for Gaza ceasefire",
        "004": None,
    }
    [doc] = read_document(seeds[3].name, seeds[3].read_text(encoding="utf-8"), ReadOptions())
    assert not doc.text.startswith("Israel and US brace")
