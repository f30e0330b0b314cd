"""The map: resolved places over packaged country outlines, no network; names escaped."""

from __future__ import annotations

from types import SimpleNamespace

from storyline.output.map import map_context
from storyline.story.records import EventCluster, Mention


def _cluster(cid: str, location: str, n: int, polarity: str = "real") -> EventCluster:
    mentions = [Mention(article_id=f"{cid}{i}", start=0, end=4, quote="x") for i in range(n)]
    return EventCluster(id=cid, type="ASSAULT", mode=None, polarity=polarity, actors=[],
                        recipients=[], date_earliest="2024-05-07", date_latest="2024-05-07",
                        date_basis="explicit", label="l", summary="s", location=location,
                        mentions=mentions)


def _selection(clusters):
    return SimpleNamespace(story=SimpleNamespace(clusters=clusters))


def test_map_draws_places_over_outlines_and_lists_far_ones():
    ctx = map_context(_selection([
        _cluster("a", "Rafah", 5), _cluster("b", "Khan Younis", 3),
        _cluster("c", "Cairo", 2, "negated"), _cluster("d", "London", 1),
        _cluster("e", "Qwxzyv <b>", 1),
    ]))
    svg = ctx["svg"]
    assert svg.startswith("<svg") and "http" not in svg.replace(
        'xmlns="http://www.w3.org/2000/svg"', "")  # no tiles, no remote reference
    assert svg.count("<circle") == 3 and 'data-country="EGY"' in svg
    assert 'data-country="ISR"' in svg and "<title>" in svg
    names = [p["name"] for p in ctx["places"]]
    assert names[0] == "Rafaḩ" and "Cairo" in names
    assert [p["name"] for p in ctx["far"]] == ["London"]
    assert (ctx["located"], ctx["unplaced"]) == (5, 1)
    cairo = next(p for p in ctx["places"] if p["name"] == "Cairo")
    assert cairo["by_polarity"] == {"negated": 2} and 'class="place other"' in svg


def test_no_located_place_no_svg():
    ctx = map_context(_selection([_cluster("a", "Qwxzyv Nowhere", 2)]))
    assert ctx["svg"] is None and ctx["unplaced"] == 1
