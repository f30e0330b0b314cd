"""What one figure is of (issue 10): numbers that are no figures, coordinated counts, modality,
dates, sources, group, place and scope. Every sentence here is written for these tests."""

from __future__ import annotations

import pytest

from storyline.extract.numbers import find_quantities, not_a_count


@pytest.fixture(scope="module")
def figures(figures_of):
    def run(text: str, published: str = "2024-04-10"):
        return figures_of(text, published)

    return run


def _kinds(found):
    return [(f.kind, f.value) for f in found]


def _one(found, kind):
    got = [f for f in found if f.kind == kind]
    assert len(got) == 1, [(f.kind, f.value, f.quote) for f in found]
    return got[0]


# ----------------------------------------------------------------- numbers that are no figures


@pytest.mark.parametrize("text, reason", [
    ("The court cited article 8(2) of the statute.", "identifier"),
    ("Resolution 2728 was adopted after the vote.", "identifier"),
    ("The list is printed on page 14 of the report.", "identifier"),
    ("Among the freed was Dana Orr, 71, a retired teacher.", "age"),
    ("Her grandfather, aged 84, was taken from his home.", "age"),
    ("She wrote the memoir “Forty Days Under the Sand” last year.", "title"),
])
def test_numbers_that_count_nothing(text, reason):
    quantities = [q for q in find_quantities(text) if q.value not in (None,)]
    assert any(not_a_count(text, q, frozenset({"article", "resolution", "page"})) == reason
               for q in quantities), [(q.text, not_a_count(text, q, frozenset())) for q in
                                      quantities]


def test_ages_and_articles_never_join_hostage_counts(figures):
    found = figures("The captors still hold Ada Lenz, 79, and 120 other hostages, under article "
                    "3(1) of no law.")
    assert [f.value for f in found if f.kind.startswith("hostages")] == [120]


def test_percentage_is_no_count_of_people(figures):
    found = figures("Women and children make up 70% of those killed in the camp, doctors say.")
    assert not [f for f in found if f.kind == "killed"]


# ----------------------------------------------------------------- coordinated counts


@pytest.mark.parametrize("text, want", [
    ("The raid killed 12 people and injured 40 more.", [("killed", 12), ("injured", 40)]),
    ("The ministry says 9,120 people have been killed and 21,400 injured in the valley.",
     [("killed", 9120), ("injured", 21400)]),
    ("Gunmen killed 5 and wounded 12 at the market.", [("killed", 5), ("injured", 12)]),
    ("At least 3,300 have been killed - mostly women - and at least 8,650 injured.",
     [("killed", 3300), ("injured", 8650)]),
])
def test_coordinated_counts_keep_their_kinds(figures, text, want):
    assert _kinds(figures(text)) == want


def test_missing_beside_the_dead_is_no_hostage_count(figures):
    found = figures("The office says 4,000 people have died, with some 900 missing and 7,000 "
                    "injured. Families of the hostages met the minister.")
    assert ("missing", 900) in _kinds(found)
    assert not [f for f in found if f.kind == "hostages_held"]


# ----------------------------------------------------------------- modality


def test_proposed_and_demanded_releases_are_not_releases(figures):
    proposed = _one(figures("Mediators drafted a deal for the release of 30 of the remaining 90 "
                            "hostages."), "hostages_released")
    assert proposed.modality == "proposed" and proposed.value == 30
    held = _one(figures("Mediators drafted a deal for the release of 30 of the remaining 90 "
                        "hostages."), "hostages_held")
    assert held.value == 90 and held.modality == "asserted"
    demanded = _one(figures("Protesters called for the release of all 90 hostages."),
                    "hostages_released")
    assert demanded.modality == "demanded"
    future = _one(figures("The group will free 12 hostages on Sunday."), "hostages_released")
    assert future.modality == "future"
    done = _one(figures("The group freed 12 hostages on Sunday."), "hostages_released")
    assert done.modality == "asserted"


def test_wrongly_reported_figure_is_negated(figures):
    fig = _one(figures("This report wrongly said that 700 people had been killed in the "
                       "flood."), "killed")
    assert fig.modality == "negated"


# ----------------------------------------------------------------- dates


def test_this_year_never_moves_a_figure_past_its_article(figures):
    fig = _one(figures("So far this year 3,150 people have been killed in the province.",
                       "2024-04-10"), "killed")
    assert fig.date_latest == "2024-04-10"
    assert fig.scope == "cumulative"


def test_since_the_war_began_holds_for_the_report_day(figures):
    fig = _one(figures("The agency says 8,200 people have been killed since the war began on "
                       "2 March.", "2024-04-10"), "killed")
    assert (fig.date_latest, fig.since) == ("2024-04-10", "2024-03-02")


def test_since_an_attack_on_a_day_is_where_the_count_starts(figures):
    fig = _one(figures("Since the militia's attack on 2 March, the bombardment has killed more "
                       "than 8,000 people.", "2024-04-10"), "killed")
    assert fig.date_latest == "2024-04-10"


def test_stated_day_dates_the_figure(figures):
    fig = _one(figures("Shelling killed 14 people in the old town on Monday.", "2024-04-10"),
               "killed")
    assert fig.date_latest == "2024-04-08" and fig.scope in ("incident", "period")


# ----------------------------------------------------------------- sources


def test_pronoun_source_resolved_or_dropped(figures):
    found = figures("The Gaza health ministry published new figures. It said 2,100 people had "
                    "been killed.")
    fig = _one(found, "killed")
    assert fig.source_actor is not None and fig.source_actor.canonical == "Gaza health ministry"
    assert fig.source == "Gaza health ministry"
    alone = _one(figures("He said 40 people had been killed."), "killed")
    assert alone.source is None and alone.source_actor is None


def test_spellings_of_the_ministry_are_one_source(figures):
    for text in ("The territory's Hamas-run health ministry says 300 people were killed.",
                 "The Hamas-led health ministry says 300 people were killed.",
                 "According to the Gazan health ministry, 300 people were killed."):
        fig = _one(figures(text), "killed")
        assert fig.source_actor is not None and fig.source_actor.canonical == (
            "Gaza health ministry"), text


def test_the_ministry_takes_the_article_s_earlier_ministry(figures):
    found = figures("Gaza's health ministry opened a new count on Friday. Later the ministry "
                    "said 1,900 people had been killed.")
    fig = _one(found, "killed")
    assert fig.source_actor is not None and fig.source_actor.canonical == "Gaza health ministry"


def test_things_that_name_no_one_are_no_source(figures):
    fig = _one(figures("Figures show that 500 people were killed in the storm."), "killed")
    assert fig.source is None


# ----------------------------------------------------------------- what a figure is of


def test_people_in_a_place_take_its_group_and_incident_stays_an_incident(figures):
    total = _one(figures("More than 31,500 people have been killed in Gaza since the war began, "
                         "the health ministry says."), "killed")
    assert (total.group, total.place, total.scope) == ("Palestinians", "Gaza", "cumulative")
    blast = _one(figures("At least 60 people were killed in the blast at a market in Gaza."),
                 "killed")
    assert blast.scope == "incident" and blast.incident == "blast"


def test_an_attack_s_toll_is_an_incident_in_the_attacked_place(figures):
    fig = _one(figures("The war began when gunmen attacked Israeli villages, killing about "
                       "1,150 people."), "killed")
    assert (fig.group, fig.place, fig.scope) == ("Israelis", "Israel", "incident")
    rel = _one(figures("The offensive followed the attack on southern Israel on 7 October, "
                       "during which about 1,150 people were killed."), "killed")
    assert rel.scope == "incident" and rel.group == "Israelis"
    assert rel.date_latest == "2023-10-07"


def test_a_campaign_s_toll_is_cumulative(figures):
    found = figures("The war in Gaza, a response to the raid on 7 October that killed 1,150 "
                    "people, has killed more than 30,100 Palestinians.")
    fig = next(f for f in found if f.value == 30100)
    assert fig.value == 30100 and fig.scope == "cumulative" and fig.place == "Gaza"
    assert fig.date_latest == "2024-04-10"


def test_localities_and_parts_are_their_own_places(figures):
    assert _one(figures("Strikes killed 17 people in Rafah on Tuesday."), "killed").place == (
        "Rafah")
    assert _one(figures("Strikes killed 17 people in southern Gaza on Tuesday."),
                "killed").place == "southern Gaza"


def test_period_toll(figures):
    fig = _one(figures("The ministry says 75 people were killed in the past 24 hours."),
               "killed")
    assert fig.scope == "period"


def test_stock_of_hostages_and_its_parts(figures):
    whole = _one(figures("About 128 hostages are still held in Gaza, officials say."),
                 "hostages_held")
    assert (whole.group, whole.scope, whole.scope_cue) == ("hostages", "stock", "stated")
    part = _one(figures("Two British nationals are still being held hostage."), "hostages_held")
    assert part.group != "hostages"
    assert not [f for f in figures("One woman held hostage spoke to reporters.")
                if f.kind == "hostages_held"]


def test_prisoners_are_not_hostages(figures):
    found = figures("The truce saw 50 hostages freed in exchange for 150 Palestinians held in "
                    "jails.")
    assert ("hostages_released", 50) in _kinds(found)
    assert ("prisoners_released", 150) in _kinds(found)
    assert not [f for f in figures("About 4,000 Palestinians are held without trial, rights "
                                   "groups say, and the hostages remain.")
                if f.kind == "hostages_held"]
