"""Series points: restated lower bounds and orders of magnitude (issue 10), on records written
for these tests."""

from __future__ import annotations

from storyline.story.series import build_series

from .helpers import articles, figure

ARTS = articles(
    ("a1", "Wire One", "2024-03-04"),
    ("a2", "Daily Two", "2024-03-05"),
    ("a3", "Paper Three", "2024-03-05"),
    ("a4", "Wire One", "2024-03-20"),
)


def _total(aid, value, qualifier="exact", when="2024-03-05", start=0, scope="cumulative",
           quote=None):
    return figure(aid, quote or f"{value:,} people have been killed", "killed", value,
                  qualifier, subject="people", group="people", place="Northland", scope=scope,
                  when=when, source="Health office", start=start, cue="since")


def _main(series):
    return next(s for s in series if s.scope in ("cumulative", "stock"))


def test_a_lower_bound_beside_a_tighter_point_that_day_is_a_restatement():
    figs = [_total("a2", 11240), _total("a3", 11000, "more_than"),
            _total("a1", 11200, "more_than", start=40)]
    s = _main(build_series(figs, ARTS))
    assert [(p.value, p.qualifier) for p in s.points] == [(11240, "exact")]
    assert sorted(p.value for p in s.restated) == [11000, 11200]


def test_a_lower_bound_alone_or_far_below_stays_a_point():
    figs = [_total("a2", 30000, "more_than"), _total("a3", 45000, when="2024-03-05", start=9)]
    s = _main(build_series(figs, ARTS))
    assert sorted(p.value for p in s.points) == [30000, 45000]  # 45,000 is 1.5x: not tighter
    assert s.restated == []


def test_a_running_total_s_stale_bound_after_a_higher_report_is_a_restatement():
    figs = [_total("a1", 33100, when="2024-03-03"), _total("a2", 30000, "more_than")]
    s = _main(build_series(figs, ARTS))
    assert [p.value for p in s.points] == [33100]
    assert [p.value for p in s.restated] == [30000]
    # a stock can fall: an earlier day's higher count does not make a later bound redundant
    stock = [figure(a, q, "hostages_held", v, qual, subject="hostages", group="hostages",
                    scope="stock", when=w, source="Army")
             for a, q, v, qual, w in (("a1", "130 hostages are held", 130, "exact",
                                       "2024-03-03"),
                                      ("a2", "more than 120 hostages are held", 120,
                                       "more_than", "2024-03-05"))]
    s = _main(build_series(stock, ARTS))
    assert sorted(p.value for p in s.points) == [120, 130]


def test_an_order_of_magnitude_in_words_is_no_point_of_a_total():
    vague = _total("a3", None, quote="killed thousands of civilians")
    vague.low, vague.high, vague.qualifier = 2000, 9999, "approximately"
    figs = [_total("a1", 9000, when="2024-03-04"), _total("a2", 9400), vague]
    series = build_series(figs, ARTS)
    main = _main(series)
    assert sorted(p.value for p in main.points) == [9000, 9400]
    assert any(p.quote == "killed thousands of civilians" for s in series if s is not main
               for p in s.points)
