"""Markdown: the scraped-article header block, images and captions out of the body, plain text."""

from __future__ import annotations

from storyline.ingest.readers import ReadOptions, detect_format, read_document

HEADER_BLOCK = """# Mediators meet in Cairo on new truce plan
**Lena Ortiz, Sam Patel and Ana Ruiz**

**2024-03-05 09:12**

**https://www.reuters.com/world/mediators-cairo-2024-03-05/**

![Trucks wait at a crossing](https://img.example.org/resize/filters:quality(80)/trucks.jpg)

Trucks wait at a crossing on March 4, 2024. FIXTURE/Sam Patel

Negotiators from Qatar and Egypt met in Cairo on Tuesday to discuss a new truce proposal, officials said.

The talks are expected to continue next week, according to two people briefed on them.
"""

GENERIC = """---
title: Relief flights planned as talks stall
date: 2024-03-06
author: [Ana Ruiz]
source: Fixture Wire
---

Officials said on *Wednesday* that relief flights would begin, while the **talks** remained
stalled over the [sequencing](https://example.org/x "x") of releases.

## What comes next

- A second round in Doha
- A vote in the cabinet

> "We are not there yet," one official said.

![](https://example.org/map.png)

Aid groups said the flights were no substitute for crossings.
"""


def test_header_block():
    [doc] = read_document("a.txt", HEADER_BLOCK, ReadOptions())
    assert doc.format == "markdown"
    assert doc.title == "Mediators meet in Cairo on new truce plan"
    assert doc.byline == ["Lena Ortiz", "Sam Patel", "Ana Ruiz"]
    assert doc.published == "2024-03-05T09:12"
    assert doc.url == "https://www.reuters.com/world/mediators-cairo-2024-03-05/"
    assert doc.outlet == "Reuters"
    [image] = doc.images
    assert image.url.endswith("filters:quality(80)/trucks.jpg")
    assert image.alt == "Trucks wait at a crossing"
    assert image.caption.endswith("FIXTURE/Sam Patel")
    assert doc.text.startswith("Negotiators from Qatar and Egypt")
    assert "FIXTURE" not in doc.text and "![" not in doc.text and "**" not in doc.text


def test_generic_markdown_with_front_matter():
    [doc] = read_document("b.md", GENERIC, ReadOptions())
    assert (doc.title, doc.published, doc.outlet) == (
        "Relief flights planned as talks stall", "2024-03-06", "Fixture Wire")
    assert doc.byline == ["Ana Ruiz"]
    lines = doc.text.split("\n")
    assert lines[0] == (
        "Officials said on Wednesday that relief flights would begin, while the talks remained "
        "stalled over the sequencing of releases."
    )
    assert "What comes next" in lines
    assert "A second round in Doha" in lines and "A vote in the cabinet" in lines
    assert '"We are not there yet," one official said.' in lines
    assert [i.url for i in doc.images] == ["https://example.org/map.png"]
    assert "Aid groups said the flights were no substitute for crossings." in lines
    for markup in ("*", "#", "](", "---", ">"):
        assert markup not in doc.text


def test_paragraph_after_an_image_is_body_unless_it_is_a_caption():
    text = (
        "# Title of the story here\n\n![A map](https://example.org/m.png)\n\n"
        "Negotiators met again on Tuesday in Cairo, officials said, in a long session.\n"
    )
    [doc] = read_document("c.md", text, ReadOptions())
    assert doc.text.startswith("Negotiators met again") and doc.images[0].caption == ""


def test_html_suffix_holding_markdown():
    assert detect_format("page.html", HEADER_BLOCK) == "markdown"


def test_seed_000(shared_dir):
    path = shared_dir / "seeds" / "000_926d9990cf6caa3f.txt"
    [doc] = read_document(path.name, path.read_text(encoding="utf-8"), ReadOptions())
    assert doc.format == "markdown"
    assert doc.title.startswith("US advises Israel hold off on Gaza invasion")
    assert doc.byline == ["Matt Spetalnick", "Steve Holland", "Humeyra Pamuk"]
    assert doc.published == "2023-10-24T01:49"
    assert doc.url == (
        "https://www.reuters.com/world/us-advises-israel-hold-off-gaza-invasion-keeps-hamas-"
        "mediator-qatar-loop-sources-2023-10-23/"
    )
    assert doc.outlet == "Reuters"
    [image] = doc.images
    assert image.url.endswith(".jpg") and "quality(80)" in image.url
    assert image.caption.startswith("Smoke is seen rising in Gaza")
    assert doc.text.startswith("The United States has advised Israel")
    assert "REUTERS/Violeta" not in doc.text and "![" not in doc.text and "**" not in doc.text
