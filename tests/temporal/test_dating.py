"""Publication-date estimation (temporal.dating) on articles written for these tests, and on
the undated seeds in ../shared."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
import yaml

from storyline.records import Article, DateEstimate
from storyline.store.db import Store
from storyline.temporal.dating import estimate, estimate_from_text, reestimate_store
from storyline.temporal.story_index import StoryIndex, phrases

REF = date(2026, 1, 1)


def _days(est: DateEstimate) -> tuple[date, date, date]:
    return (date.fromisoformat(est.earliest), date.fromisoformat(est.latest),
            date.fromisoformat(est.best))


def _est(nlp, text: str, story: StoryIndex | None = None) -> DateEstimate | None:
    return estimate(nlp(text), "t", story, reference=REF)


def test_weekday_date_pair_fixes_the_year(nlp):
    text = ("Officials said the council approved the new budget on Tuesday, March 12, after "
            "weeks of debate. Opponents vowed to keep campaigning.")
    est = _est(nlp, text)
    assert est is not None and est.method == "text"
    lo, hi, best = _days(est)
    # 12 March is a Tuesday in 2024 (and next in 2030): the latest such year before REF
    assert lo == date(2024, 3, 12) and best >= lo
    assert any("falls in 2024" in e for e in est.evidence)


def test_duration_counted_from_an_anchor_the_text_names(nlp):
    text = ("The six-month-old strike, which began on March 3, 2025, when dock workers walked "
            "out, shows no sign of ending. Union leaders said on Friday that talks had failed.")
    est = _est(nlp, text)
    assert est is not None
    lo, hi, best = _days(est)
    assert lo <= date(2025, 9, 3) <= hi  # six months after March 3
    assert date(2025, 8, 1) <= lo and hi <= date(2025, 10, 15)
    assert best.weekday() in (4, 5, 6)  # "on Friday" (past): Friday or just after
    assert any("six-month-old" in e and "2025-03-03" in e for e in est.evidence)


def test_duration_without_anchor_gives_nothing(nlp):
    est = _est(nlp, "The six-month-old strike shows no sign of ending, union leaders said.")
    assert est is None


def test_future_meeting_and_past_weekday_bound_the_day_within_the_week(nlp):
    text = ("The agreement was signed on Nov. 2, 2024 in Geneva. The minister said on Monday "
            "that the deal was holding. She will attend an upcoming summit on Thursday.")
    est = _est(nlp, text)
    assert est is not None
    lo, hi, best = _days(est)
    assert lo >= date(2024, 11, 2)
    # past Monday and Thursday ahead: published Monday to Wednesday (or on the Thursday)
    assert best.weekday() in (0, 1, 2)
    assert lo.weekday() == 0


def test_this_week_keeps_the_weekday_in_the_same_week(nlp):
    text = ("Protesters gathered again on Saturday, the regional governor said. The release of "
            "the prisoners this week followed months of pressure. Talks on the matter began "
            "on June 2, 2025.")
    est = _est(nlp, text)
    assert est is not None
    best = _days(est)[2]
    assert best.weekday() in (5, 6)


def test_dates_ahead_bound_from_above(nlp):
    text = ("The committee will vote on the proposal on April 30, 2025, the chairman said. "
            "Members met on Tuesday to discuss amendments.")
    est = _est(nlp, text)
    assert est is not None
    lo, hi, best = _days(est)
    assert hi <= date(2025, 4, 30)
    assert lo < hi


def test_years_alone_give_no_estimate(nlp):
    assert _est(nlp, "The company was founded in 1998 and expanded in 2015.") is None


def test_text_without_dates_gives_no_estimate(nlp):
    assert estimate_from_text(nlp("Talks continued without a breakthrough."), "t") is None


def test_correction_date_bounds_from_above(nlp):
    text = ("The council met on Tuesday to approve the plan, which opponents criticised. "
            "Correction 4 March 2025: This article originally gave the wrong name for the "
            "council's chair.")
    est = _est(nlp, text)
    assert est is not None
    lo, hi, best = _days(est)
    assert hi <= date(2025, 3, 4) and best <= date(2025, 3, 4)
    assert any("amendment" in e for e in est.evidence)


def test_a_day_without_a_year_is_not_a_full_date(nlp):
    # "9/11" names a day, not a year: alone it dates nothing
    assert _est(nlp, "Security was tightened after 9/11, officials recalled.") is None


def test_lower_bound_alone_leaves_the_far_side_open(nlp):
    text = "The bridge, which opened on 15 May 2022, was closed for repairs, engineers said."
    est = _est(nlp, text)
    assert est is not None
    lo, hi, best = _days(est)
    assert lo == date(2022, 5, 15)
    assert (hi - lo).days >= 365  # nothing says how much later the article is
    assert any("no upper bound" in e for e in est.evidence)


def test_stretches_of_a_war_are_not_its_age(nlp):
    # "the first two months of the war" is a stretch of it, not how old it is
    text = ("The Oct. 7, 2023 attack started the war. In the first two months of the war the "
            "city lost power many times, residents said.")
    est = _est(nlp, text)
    assert est is not None
    assert not any("two months" in e for e in est.evidence)


def test_elapsed_war_counted_from_a_yearless_anchor(nlp):
    text = ("The ministry said on Monday that 500 people had been killed during 10 months of war. "
            "The talks began on July 2, 2024. The war followed the Oct. 7 attack.")
    est = _est(nlp, text)
    assert est is not None
    lo, hi, best = _days(est)
    # 10 months after 2023-10-07 is early August 2024
    assert lo <= date(2024, 8, 7) <= hi and hi <= date(2024, 10, 31)
    assert date(2024, 7, 20) <= best <= date(2024, 9, 1)
    assert any("10 months" in e for e in est.evidence)


def test_story_phrases_keep_figures_and_names():
    got = phrases("Officials said 135 hostages remain after a seven-day truce in Khan Younis.")
    assert "135 hostages" in got
    assert "7 day truce" in got
    assert "khan younis" in got
    assert "7 day" not in got  # small numbers with units alone say nothing


def _story() -> StoryIndex:
    index = StoryIndex()
    filler = "Diplomats met in the capital to discuss the situation, officials said."
    for i in range(40):
        index.add(f"{filler} Report number {i} on harvest yields.", date(2024, 1, 1 + i % 28),
                  f"f{i}")
    index.add("The ministry said 4,321 households were without power after the cyclone "
              "struck Port Velmar.", date(2024, 3, 14), "a")
    index.add("Engineers restored lines, but 4,321 households in Port Velmar still lacked "
              "power on Friday.", date(2024, 3, 15), "b")
    return index


def test_story_record_dates_an_article_without_dates(nlp):
    text = ("Crews in Port Velmar worked through the night; 4,321 households had no power, "
            "the utility said on Thursday.")
    assert _est(nlp, text) is None
    est = _est(nlp, text, _story())
    assert est is not None and est.method in ("story", "text+story")
    lo, hi, best = _days(est)
    assert lo <= date(2024, 3, 14) <= hi
    assert abs((best - date(2024, 3, 15)).days) <= 3
    assert any("4321 households" in e for e in est.evidence)


def test_a_story_record_of_one_article_dates_nothing(nlp):
    index = StoryIndex()
    index.add("The utility said 4,321 households in Port Velmar lost power.", date(2024, 3, 14),
              "only")
    text = "Crews in Port Velmar said 4,321 households still had no power."
    assert index.lookup(text) is None
    assert _est(nlp, text, index) is None


def test_story_lookup_leaves_the_article_itself_out():
    index = _story()
    text = "4,321 households in Port Velmar"
    with_self = index.lookup(text, exclude=None)
    without_a = index.lookup(text, exclude="a")
    assert with_self is not None and without_a is not None
    assert {n.article_id for n in without_a.neighbours} == {"b"}


def test_story_lookup_leaves_exact_duplicates_out():
    index = _story()
    copy = "The ministry said 4,321 households were without power after the cyclone struck " \
           "Port Velmar."
    index.add("  " + copy.upper() + "\n", date(2024, 3, 20), "a-copy")  # same text, other id
    for exclude in ("a", "a-copy"):
        got = index.lookup(copy, exclude=exclude)
        assert got is not None
        assert {n.article_id for n in got.neighbours} == {"b"}
    # an article not in the index is left out by its text alone
    got = index.lookup(copy)
    assert got is not None and {n.article_id for n in got.neighbours} == {"b"}


def test_reestimate_store_dates_undated_articles(tmp_path, nlp):
    store = Store(str(tmp_path / "s.db"))
    store.add_article(Article(id="d1", text="Crews said 4,321 households in Port Velmar were "
                              "without power.", source="x", format="text",
                              published="2024-03-14"))
    store.add_article(Article(id="u1", text="On Tuesday, March 12, the mayor of Port Velmar "
                              "said 4,321 households had no power.", source="y", format="text"))
    assert reestimate_store(store, reference=REF) == 1
    est = store.get_article("u1").published_estimate
    assert est is not None and est.earliest >= "2024-03-12"
    assert reestimate_store(store, reference=REF) == 0  # nothing new: nothing changes
    store.close()


def test_new_dated_articles_date_an_undated_one(tmp_path, nlp):
    store = Store(str(tmp_path / "s.db"))
    store.add_article(Article(id="u2", text="Crews in Port Velmar said 4,321 households still "
                              "had no power after the cyclone.", source="y", format="text"))
    assert reestimate_store(store, reference=REF) == 0  # no evidence: no estimate, no guess
    assert store.get_article("u2").published_estimate is None
    for i in range(30):  # the story's record arrives: unrelated filler and one close report
        store.add_article(Article(id=f"f{i}", text=f"Harvest report number {i} on grain yields "
                                  "in the northern valleys.", source=f"f{i}", format="text",
                                  published=f"2024-01-{1 + i % 28:02d}"))
    store.add_article(Article(id="d2", text="The utility said 4,321 households in Port Velmar "
                              "lost power when the cyclone struck.", source="z", format="text",
                              published="2024-03-14"))
    assert reestimate_store(store, reference=REF) == 1
    est = store.get_article("u2").published_estimate
    assert est is not None and est.method == "story"
    assert est.earliest <= "2024-03-14" <= est.latest
    assert any("d2" in e for e in est.evidence)
    store.close()


# ----------------------------------------------------------------------- the seeds

UNDATED = ("001", "002", "003", "004")


@pytest.fixture(scope="module")
def seeds(shared_dir: Path):
    gold = yaml.safe_load((shared_dir / "gold" / "seeds.yaml").read_text(encoding="utf-8"))
    return {g["file"][:3]: g for g in gold if g["file"][:3] in UNDATED}


def _seed_doc(shared_dir: Path, nlp, file: str):
    from storyline.ingest.repair import repair_text

    raw = (shared_dir / "seeds" / file).read_bytes().decode("utf-8", errors="replace")
    return nlp(repair_text(raw)[0])


@pytest.fixture(scope="module")
def bbc_story(shared_dir: Path) -> StoryIndex:
    from storyline.evaluate.dating import read_corpus

    index = StoryIndex()
    for art in read_corpus(sorted((shared_dir / "data" / "news").glob("*.jsonl"))):
        index.add(art["text"], art["day"], art["id"])
    return index


def _check(est: DateEstimate | None, gold: dict) -> None:
    assert est is not None
    lo, hi, best = _days(est)
    g = gold["published_estimate"]
    g_lo, g_hi = date.fromisoformat(g["earliest"]), date.fromisoformat(g["latest"])
    assert lo <= g_lo and g_hi <= hi, (est.earliest, est.latest, g)
    assert g_lo <= best <= g_hi, (est.best, g)


@pytest.mark.parametrize("seed", ["001", "002", "003"])
def test_seed_dated_by_its_text_alone(seeds, shared_dir, nlp, seed):
    gold = seeds[seed]
    _check(estimate(_seed_doc(shared_dir, nlp, gold["file"]), seed, None), gold)


@pytest.mark.parametrize("seed", UNDATED)
def test_seed_dated_with_the_bbc_story_record(seeds, shared_dir, nlp, bbc_story, seed):
    gold = seeds[seed]
    _check(estimate(_seed_doc(shared_dir, nlp, gold["file"]), seed, bbc_story), gold)


def test_months_after_a_far_anchor_date_the_news(nlp):
    # the anchor sits more than a short phrase after "five months after"
    text = ("Rescue teams freed two miners on Sunday, five months after they were trapped deep "
            "underground by the collapse of the old northern shaft on March 14, 2025. Doctors "
            "said both were weak but stable.")
    est = _est(nlp, text)
    assert est is not None
    lo, hi, best = _days(est)
    assert lo <= date(2025, 8, 14) <= hi and hi <= date(2025, 10, 1)
    assert best.weekday() == 6 and abs((best - date(2025, 8, 17)).days) <= 14
    assert any("five months" in e and "2025-03-14" in e for e in est.evidence)


def test_months_after_with_another_date_in_the_sentence_is_not_the_news(nlp):
    # "On June 2, … two months after …" dates June 2, not the article
    text = ("On June 2, 2025, two months after the dam failed on April 2, 2025, engineers "
            "finished the repairs, the agency said.")
    est = _est(nlp, text)
    assert est is None or not any("two months" in e for e in est.evidence)


def test_days_after_a_date_is_not_elapsed_time(nlp):
    text = ("The bridge reopened two weeks after the storm of May 3, 2025, officials said. "
            "Traffic was light.")
    est = _est(nlp, text)
    assert est is None or not any("two weeks" in e for e in est.evidence)
