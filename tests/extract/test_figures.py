"""Figure extraction on sentences written for these tests (and the seed gold from ../shared)."""

from __future__ import annotations

import pytest
import yaml

from storyline.extract.figures import load_figure_kinds
from storyline.records import Article


@pytest.fixture(scope="module")
def figures(figures_of):
    def run(text: str, published: str | None = "2024-03-06"):
        return figures_of(text, published)

    return run


def _only(found, kind=None):
    got = [f for f in found if kind is None or f.kind == kind]
    assert len(got) == 1, [(f.kind, f.value, f.quote) for f in found]
    return got[0]


def test_kinds_file_loads():
    kinds = load_figure_kinds()
    assert {"killed", "injured", "hostages_held", "hostages_released", "aid_trucks",
            "population", "money", "territory_share"} <= set(kinds.kinds)
    assert load_figure_kinds() is kinds


def test_number_in_words_released(figures):
    fig = _only(figures("The militants freed two more captives on Monday."))
    assert (fig.kind, fig.value, fig.qualifier) == ("hostages_released", 2, "exact")
    assert fig.quote == "freed two more captives"
    assert fig.date_earliest == "2024-03-04" and fig.date_basis == "relative"
    assert fig.quote == fig.sentence[fig.start:fig.end]


def test_more_than_held_with_subject(figures):
    fig = _only(figures("The faction is thought to hold more than 130 hostages."))
    assert (fig.kind, fig.value, fig.qualifier) == ("hostages_held", 130, "more_than")
    assert fig.subject == "hostages"
    assert fig.date_basis == "publication"  # no time expression: flagged, not silent


def test_according_to_source_and_approximately(figures):
    fig = _only(figures("Air strikes have killed some 3,100 people in the enclave, according to "
                        "the Hamas-run health ministry."))
    assert (fig.kind, fig.value, fig.qualifier) == ("killed", 3100, "approximately")
    assert fig.source == "the Hamas-run health ministry"
    assert fig.source_actor is not None and fig.source_actor.affiliation == "Hamas"


def test_said_source_on_passive(figures):
    fig = _only(figures("At least 40 people were wounded in the blast, the police said."))
    assert (fig.kind, fig.value, fig.qualifier) == ("injured", 40, "at_least")
    assert fig.source == "the police"


def test_adding_that_speaks_for_the_said_source(figures):
    # grain9: "the police said, adding that …": the participle's clause is the police's too
    fig = _only(figures("Strikes hit the town overnight, the health ministry said, adding "
                        "that 12 people had been killed."))
    assert (fig.kind, fig.value, fig.source) == ("killed", 12, "the health ministry")


def test_reported_clause_source_skips_pronoun(figures):
    found = figures("The prime minister's office has stated that they believe there are 98 "
                    "hostages still in the strip, with 61 confirmed to be alive.")
    held = _only(found, "hostages_held")
    alive = _only(found, "hostages_alive")
    assert (held.value, alive.value) == (98, 61)
    assert held.source == alive.source == "The prime minister's office"


def test_two_figures_killed_and_abducted(figures):
    found = figures("Gunmen killed about 700 people and kidnapped 90 in the raid.")
    assert [(f.kind, f.value, f.qualifier) for f in found] == [
        ("killed", 700, "approximately"), ("hostages_abducted", 90, "exact")]


def test_vague_amounts_and_prisoners(figures):
    found = figures("During the pause the army released hundreds of jailed militants "
                    "in return for dozens of hostages.")
    kinds = {f.kind: f for f in found}
    assert kinds["prisoners_released"].low == 200 and kinds["prisoners_released"].value is None
    assert kinds["hostages_released"].low == 24


def test_range_between(figures):
    fig = _only(figures("Between 100 and 150 aid trucks entered the territory on Sunday."))
    assert (fig.kind, fig.low, fig.high, fig.value) == ("aid_trucks", 100, 150, None)


def test_measure_verb_takes_kind_from_its_subject(figures):
    fig = _only(figures("The death toll in the coastal strip has passed 31,000, officials say."))
    assert (fig.kind, fig.value, fig.qualifier) == ("killed", 31000, "more_than")
    assert fig.source == "officials"


def test_nearly_and_number_of(figures):
    fig = _only(figures("The number of civilians killed is edging closer to 12,000."))
    assert (fig.kind, fig.value, fig.qualifier) == ("killed", 12000, "nearly")


def test_population_strong_is_approximate(figures):
    fig = _only(figures("The agency says the 3 million-strong population faces hunger."))
    assert (fig.kind, fig.value, fig.qualifier) == ("population", 3_000_000, "approximately")
    assert fig.source == "The agency"


def test_money_percent_and_reservists(figures):
    found = figures("Washington released $2.5 billion for arms, and the army called up "
                    "100,000 reservists. The zone is now 40% occupied.")
    kinds = {f.kind: f for f in found}
    assert kinds["money"].value == 2_500_000_000 and kinds["money"].unit == "USD"
    assert kinds["reservists_mobilized"].value == 100_000
    assert kinds["territory_share"].value == 40 and kinds["territory_share"].unit == "percent"


def test_as_stated_by(figures):
    fig = _only(figures("Five Canadians are still missing in the hostage crisis, as stated by "
                        "the foreign ministry."))
    assert (fig.kind, fig.value) == ("hostages_held", 5)
    assert fig.source == "the foreign ministry"


def test_numbers_that_are_no_figures(figures):
    assert figures("Two officials said the 19-month-old war had entered its seven-day lull on "
                   "Oct. 7, 2023, at 10:30.") == []
    assert figures("One of the leaders met three mediators in 2023.") == []
    assert figures("He is one of the 75 people whose photos were shown on page 12.") == []
    assert figures("Talks lasted 10 months.") == []


def test_hypothetical_and_negated_figures_keep_their_modality(figures):
    assert _only(figures("Under the plan the group would release 33 hostages.")).modality == (
        "hypothetical")
    assert _only(figures("The group has not released 20 hostages as promised.")).modality == (
        "negated")


def test_date_explicit(figures):
    fig = _only(figures("On 7 October 2023 the attackers killed 1,100 people."))
    assert fig.date_earliest == "2023-10-07" and fig.date_basis == "explicit"


# ----------------------------------------------------------------------------- seed gold


def _seed_article(path, meta):
    text = path.read_text("utf-8", errors="replace")
    published = (meta.get("metadata") or {}).get("published") or (
        (meta.get("published_estimate") or {}).get("best"))
    return Article(id=path.stem, text=text, source=str(path), format="text",
                   published=published[:10] if published else None)


def test_seed_gold_figures(shared_dir, figures):
    gold = yaml.safe_load((shared_dir / "gold" / "seeds.yaml").read_text("utf-8"))
    wanted = found = sourced = 0
    extracted = 0
    for entry in gold:
        article = _seed_article(shared_dir / "seeds" / entry["file"], entry)
        figs = figures(article.text, article.published)
        extracted += len(figs)
        for g in entry.get("figures") or []:
            wanted += 1
            match = [f for f in figs if f.kind == g["kind"] and f.value == g["value"]
                     and f.qualifier == g["qualifier"]]
            if match:
                found += 1
                if g.get("source"):
                    sourced += any(f.source == g["source"] for f in match)
    gold_sources = sum(1 for e in gold for g in e.get("figures") or [] if g.get("source"))
    assert found / wanted >= 0.8, (found, wanted)
    assert found / extracted >= 0.8, (found, extracted)
    assert sourced / gold_sources >= 0.8, (sourced, gold_sources)


def test_a_part_or_a_whole_of_another_count_is_no_count_held(figures):
    held = [f for f in figures("They make up 110 of the 215 being held - the largest "
                               "number, 40, are from abroad.") if f.kind == "hostages_held"]
    assert 110 not in [f.value for f in held]
    found = figures("Among the remaining captives are at least 12 women and 90 men.")
    assert [f for f in found if f.kind == "hostages_held"] == []
    found = figures("About 120 captives from among 240 seized by the group during its raid "
                    "remain missing.")
    assert [f.value for f in found if f.kind == "hostages_held"] == [120]


def test_patients_who_remain_are_no_captives(figures):
    found = figures("The group's captives are thought to be in tunnels, while at the other "
                    "clinic about 150 patients, medics and displaced people remain.")
    assert [f for f in found if f.kind == "hostages_held"] == []
