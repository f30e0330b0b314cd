"""The report in headless Chromium: no errors, tabs, quote links, escaping; screenshots go to
test-output/screenshots/ (git-ignored) for a person to look at."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.output.report import write_report

from .sample import ARTICLES, SCRIPT

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
SHOTS = Path(__file__).resolve().parents[2] / "test-output" / "screenshots"
TABS = ("timeline", "figures", "state", "disputes", "actors", "articles")

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is missing: install Chromium (apt-get install chromium) to run "
                    "the browser tests")
    sync_api = pytest.importorskip("playwright.sync_api",
                                   reason="playwright is not installed (pip install -e '.[test]')")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        yield b
        b.close()


class Page:
    """A page that records console errors, page errors and dialogs (an alert would mean an
    article's script ran)."""

    def __init__(self, browser, path: Path):
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page = browser.new_page(viewport={"width": 1366, "height": 900})
        self.page.on("console", lambda m: self.errors.append(f"console {m.type}: {m.text}")
                     if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(f"page error: {e}"))

        def on_dialog(d):
            self.dialogs.append(d.message)
            d.dismiss()

        self.page.on("dialog", on_dialog)
        self.page.goto(path.as_uri())

    def shot(self, name: str, full: bool = False) -> None:
        SHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=full)

    def tab(self, name: str) -> None:
        self.page.click(f'.tabs a[data-tab="{name}"]')
        assert self.page.locator(f'.panel[data-panel="{name}"]').is_visible()
        for other in TABS:
            if other != name:
                assert not self.page.locator(f'.panel[data-panel="{other}"]').is_visible()


@pytest.fixture
def sample_report(story_store, tmp_path) -> Path:
    return write_report(story_store, tmp_path / "report.html", title="Sample <story>").page


def test_tabs_without_errors(browser, sample_report):
    p = Page(browser, sample_report)
    assert p.page.locator('.tabs a.active').inner_text().startswith("Timeline")
    for name in TABS:
        p.tab(name)
        p.shot(f"sample-{name}")
    assert p.errors == [] and p.dialogs == []


def test_timeline_views_filter(browser, sample_report):
    p = Page(browser, sample_report)
    visible = p.page.locator("#timeline .event:visible")
    key = visible.count()
    p.page.click('#tl-toolbar button[data-view="all"]')
    assert visible.count() == 7 > key
    assert p.page.locator("#timeline .event.pol-irrealis:visible").count() == 1
    p.page.select_option("#tl-type", "CONSULT")
    assert visible.count() == 1
    p.page.select_option("#tl-type", "")
    p.page.fill("#tl-search", "northtown")
    assert visible.count() == 2  # the strike and the protest
    assert p.errors == []


def test_source_link_opens_its_quote(browser, sample_report):
    p = Page(browser, sample_report)
    link = p.page.locator("#timeline .event:visible a.src").first
    href = link.get_attribute("href")
    link.click()
    assert p.page.locator('.panel[data-panel="articles"]').is_visible()
    aid, start, end = href[3:].rsplit("-", 2)
    target = p.page.locator("#art-body .hl.target")
    assert target.count() >= 1
    assert "".join(target.all_inner_texts()) == ARTICLES[aid][3][int(start):int(end)]
    assert p.page.locator(f"#{href[1:]}").count() == 1  # the anchor exists in the reader
    detail = p.page.locator("#detail")
    assert "event" in detail.inner_text().lower()
    assert detail.locator("mark").first.inner_text() == ARTICLES[aid][3][int(start):int(end)]
    p.shot("sample-quote")
    # back in the timeline, the same link works again (same hash, no hashchange)
    p.tab("timeline")
    link.click()
    assert p.page.locator('.panel[data-panel="articles"]').is_visible()
    assert p.errors == []


def test_figure_point_and_dispute_link_to_quotes(browser, sample_report):
    p = Page(browser, sample_report)
    p.tab("figures")
    point = p.page.locator(".chart a.pt").first
    assert "source:" in point.locator("title").inner_html()
    point.click()
    assert "captives" in p.page.locator("#art-body .hl.target").first.inner_text()
    p.tab("disputes")
    p.page.locator(".dispute .side-2 blockquote a").first.click()
    assert p.page.locator("#art-body .hl.target").first.inner_text() == \
        "Group A denied the assertion."
    assert p.errors == []


def test_article_script_shows_as_text(browser, sample_report):
    p = Page(browser, sample_report)
    p.tab("articles")
    p.page.locator("#art-items button.art", has_text="Truce").click()
    body = p.page.locator("#art-body")
    assert SCRIPT in body.inner_text()
    assert body.locator("script").count() == 0
    assert "<script>x</script> title" in body.locator("h3").inner_text()
    # clicking a highlight shows its record; the kind toggles hide a kind's highlight
    p.page.locator("#art-body .hl.k-event").first.click()
    assert "PROTEST" in p.page.locator("#detail").inner_text() or \
        "RETREAT" in p.page.locator("#detail").inner_text()
    p.page.locator('#kinds input[data-kind="event"]').uncheck()
    assert "hide-event" in body.get_attribute("class")
    p.shot("sample-script-as-text")
    assert p.dialogs == [] and p.errors == []
    assert p.page.evaluate("typeof window.pwned") == "undefined"


def test_demo_report_in_browser(browser, demo_run):
    result, out = demo_run
    assert result.exit_code == 0, result.output
    p = Page(browser, out / "report.html")
    for name in TABS:
        p.tab(name)
        p.shot(f"demo-{name}")
    p.tab("articles")
    p.page.locator("#art-items button.art").first.click()
    assert p.page.locator("#art-body .hl").count() > 5
    p.page.locator("#art-body .hl.k-figure").first.click()
    p.shot("demo-reader")
    p.tab("timeline")
    p.page.locator("#timeline .event:visible a.src").nth(1).click()
    assert p.page.locator("#art-body .hl.target").count() >= 1
    p.shot("demo-quote")
    p.tab("timeline")
    p.shot("demo-timeline-full", full=True)
    assert p.errors == [] and p.dialogs == []
