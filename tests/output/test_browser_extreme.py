"""The report from hostile and extreme stores, in headless Chromium: a 1900–2025 span, one
article, zero figures; inlined and with the data folder. Every tab renders, an article opens,
and no script error, dialog or injected script occurs."""

from __future__ import annotations

import re

import pytest

from storyline.output.report import write_report

from .extreme import HOSTILE, STORES
from .test_browser import TABS, Page, browser  # noqa: F401 - the fixture

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module", params=sorted(STORES))
def extreme_store(request, tmp_path_factory):
    store = STORES[request.param](tmp_path_factory.mktemp(request.param) / "store.db")
    yield request.param, store
    store.close()


@pytest.mark.parametrize("self_contained", [True, False], ids=["one-file", "data-folder"])
def test_extreme_store_renders_without_errors(browser, extreme_store, self_contained, tmp_path):  # noqa: F811
    name, store = extreme_store
    written = write_report(store, tmp_path / "report.html", self_contained=self_contained)
    assert (written.folder is None) == self_contained
    p = Page(browser, written.page)
    for tab in TABS:
        p.tab(tab)
    p.shot(f"extreme-{name}-{'inline' if self_contained else 'files'}-figures")
    p.tab("articles")
    buttons = p.page.locator("#art-items button.art")
    assert buttons.count() >= 1
    for i in range(buttons.count()):
        buttons.nth(i).click()
        p.page.wait_for_function("document.querySelector('#art-body .text') !== null")
    body = p.page.locator("#art-body")
    assert body.locator("script, img").count() == 0
    if name == "span":
        # the hostile article's text shows as text, its markup inert
        p.page.locator("#art-items button.art", has_text="toll").click()
        p.page.wait_for_function("document.querySelector('#art-body').textContent"
                                 ".indexOf('onerror') >= 0")
        assert HOSTILE.split(" and ")[0] in body.inner_text()
        # the estimated article says so in the list and in the reader
        listing = p.page.locator("#art-items").inner_text()
        assert "~2024-02-12, estimated" in listing
        p.tab("figures")
        chart = p.page.locator(".chart").first
        ticks = chart.locator("text.tick").all_text_contents()
        assert ticks and all(t.strip() for t in ticks)
        # the far-off values are listed, not drawn
        assert "not drawn" in chart.inner_text() and "10,000,000" in chart.inner_text()
        summary = p.page.locator("details.points summary").first
        values = int(re.search(r"All (\d+) values", summary.inner_text()).group(1))
        summary.click()
        p.page.wait_for_function("document.querySelector('details.points tbody')"
                                 f".children.length === {values}")
        p.page.locator("details.points tbody a").first.click()
        assert p.page.locator("#art-body .hl.target").count() >= 1
    assert p.errors == [] and p.dialogs == []
    assert p.page.evaluate("typeof window.pwned") == "undefined"


def test_missing_data_folder_says_so(browser, extreme_store, tmp_path):  # noqa: F811
    name, store = extreme_store
    written = write_report(store, tmp_path / "report.html", self_contained=False)
    for f in written.folder.glob("a/*.js"):
        f.unlink()
    p = Page(browser, written.page)
    p.tab("articles")
    p.page.locator("#art-items button.art").first.click()
    p.page.wait_for_function("document.querySelector('#detail').textContent"
                             ".indexOf('could not be read') >= 0")
    # the one expected error is the missing file's load failure, nothing thrown by the page
    assert not [e for e in p.errors if "page error" in e]
    assert re.search(r"report_files/", p.page.locator("#detail").inner_text())
