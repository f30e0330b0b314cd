"""Fetching pages and feeds from a local site: robots.txt, redirects, limits, one line each."""

from __future__ import annotations

import json
import threading

import pytest
from tests.live.site import rss, standard_site
from typer.testing import CliRunner

from storyline.cli import app
from storyline.ingest.feeds import FeedError, new_entries, parse_feed, read_feed
from storyline.ingest.fetch import Fetcher, FetchError, FetchSettings
from storyline.ingest.poll import Watcher, parse_every
from storyline.store import Store


@pytest.fixture(scope="module")
def site():
    with standard_site() as s:
        yield s


@pytest.fixture
def fetcher():
    return Fetcher(FetchSettings(timeout=2, allow_private=True, max_bytes=1024 * 1024))


def test_fetch_page_with_our_user_agent(site, fetcher):
    got = fetcher.fetch(site.base + "/talks.html")
    assert got.content_type == "text/html" and b"Cairo" in got.data
    agents = {ua for path, ua in site.requests if path == "/talks.html"}
    assert agents and all(ua.startswith("storyline/") for ua in agents)
    assert any(path == "/robots.txt" for path, _ in site.requests)


@pytest.mark.parametrize("path, message", [
    ("/private/secret.html", "robots.txt"),
    ("/elsewhere", "another host"),
    ("/data.json", "not a page"),
    ("/giant.html", "limit"),
    ("/slow.html", "timed out"),
    ("/missing.html", "HTTP 404"),
])
def test_fetch_problems_are_one_line(site, fetcher, path, message):
    with pytest.raises(FetchError) as err:
        fetcher.fetch(site.base + path)
    assert message in str(err.value) and "\n" not in str(err.value)
    if path == "/elsewhere":
        assert not any("other.example" in p for p, _ in site.requests)


def test_same_host_redirect_is_followed(site, fetcher):
    got = fetcher.fetch(site.base + "/moved")
    assert got.final_url.endswith("/talks.html")


def test_private_addresses_refused_by_default(site):
    with pytest.raises(FetchError, match="not public"):
        Fetcher(FetchSettings(timeout=2)).fetch(site.base + "/talks.html")


def test_connection_refused_is_one_line():
    with pytest.raises(FetchError, match="refused|unreachable"):
        Fetcher(FetchSettings(timeout=2, allow_private=True)).fetch("http://127.0.0.1:9/x")


def test_feed_entries_and_malformed_feed(site, fetcher):
    entries = read_feed(site.base + "/feed.xml", fetcher)
    assert [e.link.rsplit("/", 1)[-1] for e in entries] == ["talks.html", "aid.html"]
    assert entries[0].published.startswith("2024-02-13")
    assert [e.link for e in new_entries(entries, {entries[0].link})] == [entries[1].link]
    with pytest.raises(FeedError, match="malformed|not an RSS"):
        read_feed(site.base + "/broken.xml", fetcher)
    with pytest.raises(FeedError, match="not a feed"):
        read_feed(site.base + "/talks.html", fetcher)


def test_atom_feed_parses():
    atom = (b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>'
            b'<entry><title>x</title><link href="https://news.example/x"/>'
            b"<updated>2024-03-01T10:00:00Z</updated><id>x</id></entry></feed>")
    [entry] = parse_feed(atom, "https://news.example/atom")
    assert entry.link == "https://news.example/x" and entry.published.startswith("2024-03-01")


def test_ingest_urls_and_feed(site, tmp_path):
    db = f"sqlite:///{tmp_path / 'web.db'}"
    runner = CliRunner()
    base = site.base
    result = runner.invoke(app, ["ingest", f"{base}/rescue.html", f"{base}/bare.html",
                                 f"{base}/elsewhere", "--db", db, "--allow-private",
                                 "--no-extract", "--json", "--timeout", "3"])
    summary = json.loads(result.stdout)
    assert (summary["stored"], summary["failed"]) == (2, 1), result.output
    assert any("another host" in p for p in summary["problems"])
    with Store(db) as store:
        rows = {a.title: a for a in store.iter_articles()}
    assert rows["Two captives freed in night raid"].url == "https://news.example/rescue"
    bare = rows["Mediators meet once more in Cairo"]
    assert bare.url == f"{base}/bare.html" and bare.published.startswith("2024-02-13")
    feed_args = ["ingest", "--feed", f"{base}/feed.xml", "--feed", f"{base}/broken.xml",
                 "--db", db, "--allow-private", "--no-extract", "--json"]
    first = json.loads(runner.invoke(app, feed_args).stdout)
    # talks.html has bare.html's body (only the title differs): the same article, once
    assert (first["stored"], first["duplicates"], first["failed"]) == (1, 1, 1)
    assert any("broken.xml" in p for p in first["problems"])
    again = json.loads(runner.invoke(app, feed_args).stdout)
    # stored entries are not fetched again; the duplicate's link is (watch remembers it)
    assert (again["stored"], again["duplicates"], again["files"]) == (0, 1, 1)


def test_every_parses():
    assert parse_every("15m") == 900 and parse_every("90s") == 90 and parse_every("1h") == 3600
    with pytest.raises(ValueError):
        parse_every("soon")


def test_watch_rounds_pick_up_new_entries_and_files(site, tmp_path, fetcher):
    folder = tmp_path / "drop"
    folder.mkdir()
    site.page("/live.xml", rss(site.base, ["talks"]), "application/rss+xml")
    lines: list[str] = []
    with Store(f"sqlite:///{tmp_path / 'watch.db'}") as store:
        watcher = Watcher(store, [site.base + "/live.xml", site.base + "/nowhere.xml",
                                  str(folder)], fetcher, extract=False, on_problem=lines.append)
        first = watcher.run_round()
        assert (first.feeds, first.new_entries, first.stored, first.failed) == (1, 1, 1, 1)
        site.page("/live.xml", rss(site.base, ["talks", "aid"]), "application/rss+xml")
        (folder / "note.txt").write_text(
            "A local reporter filed this note about the night raid and the two men freed "
            "from captivity, written for the watch test.", encoding="utf-8")
        second = watcher.run_round()
        assert (second.new_entries, second.files, second.stored) == (1, 1, 2)
        third = watcher.run_round()
        assert (third.new_entries, third.files, third.stored) == (0, 0, 0)
        assert store.count_articles() == 3
    assert any("nowhere.xml" in line and "404" in line for line in lines)
    assert "round 3" in third.line()


def test_watch_stop_between_articles(site, tmp_path, fetcher):
    with Store(f"sqlite:///{tmp_path / 'stop.db'}") as store:
        watcher = Watcher(store, [site.base + "/feed.xml"], fetcher, extract=False)
        original = watcher._url_inputs

        def stop_after_listing(*args):
            items = original(*args)
            threading.Timer(0, watcher.stop.set).run()  # stop requested before any is stored
            return items

        watcher._url_inputs = stop_after_listing
        summary = watcher.run_round()
        assert summary.stopped
        # the stop lands after the first article in hand: it is whole, nothing else is begun
        assert store.count_articles() == 1
        assert watcher.run(0.01) == 0 or watcher.stop.is_set()


@pytest.mark.slow
def test_watch_command_stops_cleanly_on_ctrl_c(tmp_path):
    """A real SIGINT to `storyline watch`: the round in hand ends, a last line, exit 0."""
    import signal
    import subprocess
    import sys
    import time

    folder = tmp_path / "drop"
    folder.mkdir()
    (folder / "one.txt").write_text(
        "Two delegations met at a hotel by the sea for a fourth round of talks on Tuesday, a "
        "note written for this test says, and agreed to meet again next week.", encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "storyline", "watch", str(folder), "--every", "1s", "--db",
         f"sqlite:///{tmp_path / 'w.db'}", "--no-extract", "--json"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    first = json.loads(proc.stdout.readline())
    assert (first["files"], first["stored"]) == (1, 1)
    time.sleep(0.5)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert "Traceback" not in err
    with Store(f"sqlite:///{tmp_path / 'w.db'}") as store:
        assert store.count_articles() == 1
