"""HTML pages: trafilatura finds the article among the page furniture; stated metadata only."""

from __future__ import annotations

import pytest

from storyline.ingest.readers import ReadError, ReadOptions, detect_format, read_document
from storyline.ingest.readers.html import stated_published

PARAGRAPHS = [
    "Mediators from Qatar and Egypt held a new round of talks in Cairo on Tuesday, officials "
    "said, while relatives of the captives marched through the capital demanding a deal.",
    "The talks focused on the order in which captives and prisoners would be exchanged, two "
    "people briefed on the discussions said, and on the return of displaced families.",
    "No agreement was reached, and the delegations were due to meet again later in the week, "
    "an Egyptian official said, adding that both sides had shown some flexibility.",
]

PAGE = """<!doctype html><html><head><title>Talks resume in Cairo | Fixture Post</title>
<meta property="og:site_name" content="Fixture Post">
<meta property="og:title" content="Talks resume in Cairo">
<meta name="author" content="Lena Ortiz">
<link rel="canonical" href="https://www.fixturepost.example/2024/03/05/talks-resume">
<script type="application/ld+json">{"@type": "NewsArticle",
 "datePublished": "2024-03-05T09:12:00+02:00"}</script>
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/sport">Sport</a></li></ul></nav>
<div class="promo">Subscribe today for unlimited access to all our journalism.</div>
<article><h1>Talks resume in Cairo</h1>
%s
</article>
<aside><h2>Most read</h2><ul><li><a href="/a">Weather warning for the weekend</a></li>
<li><a href="/b">Football club appoints new manager</a></li></ul></aside>
<footer><p>Copyright 2024 Fixture Post. All rights reserved.</p>
<a href="/privacy">Privacy</a> <a href="/terms">Terms</a></footer>
</body></html>""".replace("%s", "\n".join(f"<p>{p}</p>" for p in PARAGRAPHS))


def test_main_text_and_metadata():
    [doc] = read_document("page.html", PAGE, ReadOptions())
    assert doc.format == "html"
    assert doc.title == "Talks resume in Cairo"
    assert doc.byline == ["Lena Ortiz"]
    assert doc.published == "2024-03-05T09:12+02:00"
    assert doc.url == "https://www.fixturepost.example/2024/03/05/talks-resume"
    assert doc.outlet == "Fixture Post"
    assert doc.text == "\n\n".join(PARAGRAPHS)  # the headline is the title, not the body; a paragraph per block
    for boilerplate in ("Subscribe", "Most read", "Football", "Privacy", "Copyright"):
        assert boilerplate not in doc.text


def test_detected_by_content_without_suffix():
    assert detect_format("<stdin>", PAGE) == "html"
    assert detect_format("saved.txt", PAGE) == "html"


def test_page_without_an_article_is_a_read_error():
    page = ("<html><head><title>Menu</title></head><body><nav><a href='/'>Home</a>"
            "<a href='/world'>World</a></nav><footer>About us</footer></body></html>")
    with pytest.raises(ReadError, match="no article text found in the HTML page"):
        read_document("nav.html", page, ReadOptions())


def test_no_stated_date_means_none_and_a_url_date_is_only_a_hint():
    page = PAGE.replace('"datePublished": "2024-03-05T09:12:00+02:00"', '"name": "x"')
    [doc] = read_document("page.html", page, ReadOptions())
    assert doc.published is None and doc.extra["date_in_url"] == "2024-03-05"
    page = page.replace("/2024/03/05/", "/")
    [doc] = read_document("page.html", page, ReadOptions())
    assert doc.published is None and "date_in_url" not in doc.extra


def test_meta_and_time_dates():
    assert stated_published(
        '<meta property="article:published_time" content="2023-10-21T08:45:00+03:00">'
    ) == "2023-10-21T08:45+03:00"
    assert stated_published('<time datetime="2023-10-21" pubdate>21 Oct</time>') == "2023-10-21"
    assert stated_published('<time datetime="2023-10-21">21 Oct</time>') is None  # not marked


def test_a_subheading_is_a_paragraph_of_its_own():
    # a heading has no full stop: as its own paragraph it cannot run on into the text under it
    paragraphs = "\n".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    page = PAGE.replace(paragraphs, "<h2>Convoy reaches the border</h2>" + paragraphs)
    [doc] = read_document("page.html", page, ReadOptions())
    assert doc.text == "\n\n".join(["Convoy reaches the border", *PARAGRAPHS])
