"""`storyline serve`: the dashboard, story view, search and reader over a small store; and in
Chromium, new articles appearing while `watch` adds them."""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request

import pytest
from tests.live.site import ARTICLES, rss, standard_site
from tests.output.sample import ARTICLES as SAMPLE
from tests.output.sample import build_store

from storyline.output.dashboard import make_server, wait_for
from storyline.store import Store


@pytest.fixture
def served(tmp_path):
    store = build_store(tmp_path / "story.db")
    url = store.url
    store.close()
    reader = Store(url, readonly=True)
    httpd, live = make_server(reader, "127.0.0.1", 0, "Test story", poll=0.3)
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.1},
                              daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    yield base, url, live
    httpd.shutdown()
    live.close()
    httpd.server_close()
    reader.close()


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as r:
            return r.status, r.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8", "replace")


def test_dashboard_pages(served):
    base, _url, live = served
    status, page = _get(base + "/")
    assert status == 200 and "Newest articles" in page
    titles = [a[1] for a in SAMPLE.values()]
    assert any(t in page for t in titles)
    latest = json.loads(_get(base + "/api/latest")[1])
    assert latest["counts"]["articles"] == len(SAMPLE)
    # the story view is the report, built in the background once
    assert wait_for(lambda: _get(base + "/story")[0] == 200, timeout=120)
    story = _get(base + "/story")[1]
    assert 'data-tab="timeline"' in story and 'data-tab="map"' in story
    # filters in the URL: a type filter leaves only that type's events
    assert wait_for(lambda: _get(base + "/story?type=PROTEST")[0] == 200, timeout=120)
    only = _get(base + "/story?type=PROTEST")[1]
    assert 'data-type="PROTEST"' in only and 'data-type="ASSAULT"' not in only
    # the reader's data is served beside the page
    key = next(iter(live.story_page(__import__(
        "storyline.output.dashboard", fromlist=["filters_from"]).filters_from({})).scripts))
    assert _get(f"{base}/data/{live.version}/{key}.js")[0] == 200
    assert _get(f"{base}/data/{live.version}/../../etc/passwd.js")[0] == 404


def test_search_article_and_refusals(served):
    base, _url, live = served
    assert wait_for(lambda: live.searcher.search("released"), timeout=30)
    status, page = _get(base + "/search?q=released+women")
    assert status == 200 and "<mark>" in page and "result" in page
    hits = json.loads(_get(base + "/api/search?q=released")[1])
    assert hits and {"kind", "article_id", "snippet"} <= set(hits[0])
    record = next(h for h in hits if h["start"] is not None)
    status, article = _get(f"{base}/article/{record['article_id']}")
    assert status == 200 and f'id="r-{record["start"]}-{record["end"]}"' in article
    assert _get(base + "/article/nope")[0] == 404
    # article text is escaped: the sample's script tag never reaches the page as markup
    for aid in SAMPLE:
        text = _get(f"{base}/article/{aid}")[1]
        assert "<script>alert" not in text
    request = urllib.request.Request(base + "/", method="POST", data=b"x")
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(request, timeout=10)
    assert err.value.code == 405


@pytest.mark.browser
@pytest.mark.slow
def test_browser_sees_watch_add_articles(served, tmp_path):
    """Chromium on the dashboard while `watch` ingests a feed entry into the same store: the
    article shows up without a reload."""
    from playwright.sync_api import sync_playwright

    from storyline.ingest.fetch import Fetcher, FetchSettings
    from storyline.ingest.poll import Watcher

    base, url, _live = served
    with standard_site() as site, sync_playwright() as p:
        site.page("/news.xml", rss(site.base, ["aid"]), "application/rss+xml")
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        page = browser.new_page()
        page.goto(base + "/")
        title = ARTICLES["aid"][0]
        assert title not in page.content()
        with Store(url) as writer:
            fetcher = Fetcher(FetchSettings(timeout=5, allow_private=True))
            summary = Watcher(writer, [site.base + "/news.xml"], fetcher,
                              extract=False).run_round()
        assert summary.stored == 1
        page.wait_for_selector(f"#latest li:has-text('{title}')", timeout=20000)
        page.fill("input[name=q]", "lorries Rafah")
        page.click("header button")
        page.wait_for_selector("ol.hits li")
        assert "result" in page.inner_text("h2")
        browser.close()


@pytest.mark.postgres
def test_search_on_postgresql_through_the_same_layer(postgres_url):
    """The sample store written into PostgreSQL: the Searcher uses its full-text search and
    returns the same kinds of hits as FTS5 does on SQLite."""
    from tests.output.sample import extractions

    from storyline.output.search import Searcher
    from storyline.records import Article

    with Store(postgres_url) as store:
        for aid, (outlet, day, title, text) in SAMPLE.items():
            store.add_article(Article(id=aid, text=text, source=f"/corpus/{aid}.txt",
                                      format="text", title=title, outlet=outlet, published=day,
                                      language="en"))
        for ex in extractions():
            store.save_extraction(ex)
        searcher = Searcher(store)
        assert searcher.postgres
        hits = searcher.search("released women")
        kinds = {h.kind for h in hits}
        assert "article" in kinds and kinds & {"event", "statement", "figure"}
        assert all("\x02" in h.snippet for h in hits)
        assert searcher.search("") == [] and searcher.search("'; DROP TABLE articles; --") == []
        assert store.count_articles() == len(SAMPLE)
