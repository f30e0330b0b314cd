"""Event clusters of a past event recalled by later articles (synthetic records written for
these tests): one cluster per recalled happening, undated background kept off the calendar."""

from __future__ import annotations

import dataclasses

from storyline.records import ActorRef
from storyline.story.clusters import cluster_events, person_names
from storyline.story.timeline import story_timeline

from .helpers import articles, event

ARTS = articles(
    ("d0", "Wire One", "2024-03-04"),  # the day itself
    ("d1", "Daily Two", "2024-03-04"),
    ("r1", "Wire One", "2024-04-10"),  # weeks later, looking back
    ("r2", "Daily Two", "2024-04-20"),
    ("r3", "Paper Three", "2024-05-02"),
    ("r4", "Paper Three", "2024-05-09"),
)


def _on(ev, country: str | None = None, historical: bool = False):
    actors = [dataclasses.replace(a, country=country) for a in ev.actors]
    return dataclasses.replace(ev, actors=actors, historical=historical)


def recalled_attack():
    return [
        # the day's own reports
        _on(event("d0", "Gunmen of the Northern Front stormed two villages near the river.",
                  "ASSAULT", "firearms", actors=["Northern Front"], lo="2024-03-04",
                  basis="publication", trigger="stormed"), "NFR"),
        _on(event("d1", "Rockets fired by the Northern Front hit the valley towns.", "ASSAULT",
                  "heavy-weapons", actors=["Northern Front"], lo="2024-03-04",
                  basis="publication", trigger="fired", start=40), "NFR"),
        # later articles: a few words each, varied wording and modes
        _on(event("r1", "Since the Northern Front attack on 4 March, the border has been shut.",
                  "ASSAULT", actors=["Northern Front"], lo="2024-03-04", basis="explicit",
                  trigger="attack"), "NFR", True),
        _on(event("r2", "Dozens of villagers were abducted on 4 March.", "ASSAULT", "abduct",
                  lo="2024-03-04", basis="explicit", trigger="abducted"), None, True),
        _on(event("r3", "The 4 March raid by the Northern Front killed 80 people.", "ASSAULT",
                  actors=["Northern Front"], lo="2024-03-04", basis="explicit",
                  trigger="raid"), "NFR", True),
        _on(event("r4", "Families of those killed on 4 March marched in the capital.", "ASSAULT",
                  lo="2024-03-04", basis="explicit", trigger="killed"), None, True),
    ]


# A day remembered by this many later articles takes in that day's own reports too (the
# corpus setting is 10; these tests have four later articles).
REMEMBERED = {"remembered_articles": 3}


def test_a_recalled_day_is_one_cluster():
    clusters = [c for c in cluster_events(recalled_attack(), ARTS, REMEMBERED)
                if c.type == "ASSAULT"]
    assert len(clusters) == 1
    c = clusters[0]
    assert len(c.mentions) == 6
    assert c.date_earliest == c.date_latest == "2024-03-04"
    assert c.actors[0] == "Northern Front"


def test_the_other_side_that_day_stays_apart():
    evs = recalled_attack() + [
        _on(event("r3", "The army shelled Northern Front positions on 4 March in reply.",
                  "ASSAULT", "heavy-weapons", actors=["Southern Army"], lo="2024-03-04",
                  basis="explicit", trigger="shelled", start=300), "SAR", True),
    ]
    clusters = [c for c in cluster_events(evs, ARTS, REMEMBERED) if c.type == "ASSAULT"]
    assert len(clusters) == 2
    front, army = sorted(clusters, key=lambda c: -len(c.mentions))
    assert front.actors == ["Northern Front"] and len(front.mentions) >= 5
    assert army.actors == ["Southern Army"]  # an unattributed mention may go either way


def test_a_recall_given_the_wrong_side_folds_by_its_words_only():
    """A later recall whose actor came out on another side (a misread "Front-led gunmen")
    still folds in when its words are the day's event's; the other side's own act that day,
    in other words, stays apart (above)."""
    recall = "The war began when Northern Front gunmen stormed two villages near the river."
    evs = recalled_attack() + [
        _on(event("r4", recall, "ASSAULT", actors=["Southern Army"], lo="2024-03-04",
                  basis="explicit", trigger="stormed", start=300), "SAR", True),
        _on(event("r2", recall, "ASSAULT", actors=["Southern Army"], lo="2024-03-04",
                  basis="explicit", trigger="stormed", start=300), "SAR", True),
    ]
    clusters = [c for c in cluster_events(evs, ARTS, REMEMBERED) if c.type == "ASSAULT"]
    assert len(clusters) == 1 and len(clusters[0].mentions) == 8


def test_undated_background_joins_the_recalled_cluster():
    evs = recalled_attack() + [
        _on(event("r4", "The Northern Front raid killed 80 villagers and abducted dozens.",
                  "ASSAULT", actors=["Northern Front"], trigger="raid", start=500), "NFR", True),
    ]
    clusters = [c for c in cluster_events(evs, ARTS, REMEMBERED) if c.type == "ASSAULT"]
    assert len(clusters) == 1 and len(clusters[0].mentions) == 7


def test_reports_of_a_day_not_remembered_fold_only_on_shared_words():
    clusters = [c for c in cluster_events(recalled_attack(), ARTS) if c.type == "ASSAULT"]
    recalls = [c for c in clusters if any(m.article_id.startswith("r") for m in c.mentions)]
    assert len(recalls) == 1  # the four recalls are one cluster whatever their words
    assert len(clusters) <= 3  # the day's two reports: with it, or apart on their own words


def test_undated_background_alone_is_undated_and_off_the_timeline():
    evs = [
        _on(event("r1", "The old siege of the port ended the trade.", "COERCE", "restrict",
                  actors=["Southern Army"], trigger="siege"), "SAR", True),
        _on(event("r2", "The old siege of the port ruined its trade.", "COERCE", "restrict",
                  actors=["Southern Army"], trigger="siege"), "SAR", True),
    ]
    clusters = cluster_events(evs, ARTS)
    assert len(clusters) == 1
    assert clusters[0].date_earliest is None and clusters[0].date_basis == "unknown"
    assert story_timeline(clusters, ARTS) == []


def test_two_events_of_one_side_on_a_recalled_day_stay_apart_when_their_words_differ():
    evs = []
    for n, aid in enumerate(("r1", "r2", "r3")):
        evs.append(_on(event(aid, "The drone strike on the aid convoy near the depot killed "
                                  "seven workers on 1 April.", "ASSAULT", "heavy-weapons",
                             actors=["Southern Army"], lo="2024-04-01", basis="explicit",
                             trigger="strike", start=n), "SAR", True))
        evs.append(_on(event(aid, "An air raid destroyed the consulate building in the capital "
                                  "on 1 April, killing two generals.", "ASSAULT",
                             "heavy-weapons", actors=["Southern Army"], lo="2024-04-01",
                             basis="explicit", trigger="raid", start=100 + n), "SAR", True))
    evs = [dataclasses.replace(e, date_text="1 April") for e in evs]
    clusters = [c for c in cluster_events(evs, ARTS) if c.type == "ASSAULT"]
    assert sorted(len(c.mentions) for c in clusters) == [3, 3]


def test_label_never_shows_a_question_mark():
    evs = [event("d0", "Two villagers were abducted near the river.", "ASSAULT", "abduct",
                 lo="2024-03-04", basis="publication", trigger="abducted")]
    [c] = cluster_events(evs, ARTS)
    assert "?" not in c.label and c.label.startswith("unattributed")


def test_person_short_names_fold_across_articles():
    full = event("r1", "Alan Marsh met the envoy.", "CONSULT", trigger="met")
    full = dataclasses.replace(full, actors=[ActorRef(text="Alan Marsh", canonical="Alan Marsh",
                                                      kind="person")])
    short = event("r2", "Mr Marsh met the envoy again.", "CONSULT", trigger="met")
    short = dataclasses.replace(short, actors=[ActorRef(text="Mr Marsh", canonical="Marsh",
                                                        kind="person")])
    assert person_names([full, short]) == {"Marsh": "Alan Marsh"}
    clusters = cluster_events([full, short], ARTS)
    assert {a for c in clusters for a in c.actors} == {"Alan Marsh"}


def test_a_recalled_release_does_not_fold_into_the_days_aid_access():
    """The aid let in on a recalled day and a release that day are two happenings: clusters
    fold whatever their modes only for attacks (`fold_any_mode_types`)."""
    aid = [_on(event(aid_id, "Aid lorries from the Northern Front crossed into the valley on "
                             "4 March.", "RETREAT", "access", actors=["Northern Front"],
                     lo="2024-03-04", basis="explicit", trigger="crossed", start=n), "NFR",
               True)
           for n, aid_id in enumerate(("r1", "r2", "r3", "r4"))]
    freed = _on(event("r4", "The Northern Front freed two hostages on 4 March.", "RETREAT",
                      "release", actors=["Northern Front"], lo="2024-03-04", basis="explicit",
                      trigger="freed", start=400), "NFR", True)
    clusters = cluster_events([*aid, freed], ARTS, {**REMEMBERED, "fold_dominance": 2})
    modes = sorted(c.mode for c in clusters)
    assert modes == ["access", "release"]


def _month_recalls(n: int):
    """`n` later recalls of "the Northern Front's attack in March": a window, not a day."""
    return [_on(event(f"r{1 + i % 4}", "The Northern Front's deadly assault in March shocked "
                      "the region.", "ASSAULT", actors=["Northern Front"], lo="2024-03-01",
                      hi="2024-03-31", basis="explicit", trigger="assault", start=500 + i),
                "NFR", True)
            for i in range(n)]


def test_a_months_recall_joins_the_one_remembered_attack_of_that_month():
    params = {**REMEMBERED, "fold_dominance": 1.5, "window_fold_margin": 2}
    clusters = [c for c in cluster_events(recalled_attack() + _month_recalls(2), ARTS, params)
                if c.type == "ASSAULT"]
    assert len(clusters) == 1
    assert clusters[0].date_earliest == clusters[0].date_latest == "2024-03-04"
    # switched off, the window stays a cluster of its own
    off = [c for c in cluster_events(recalled_attack() + _month_recalls(2), ARTS,
                                     {**params, "window_fold_days": 0}) if c.type == "ASSAULT"]
    assert len(off) == 2


def test_a_day_the_text_gives_beats_a_window_it_gives_in_full():
    # "in March" (explicit) and "on Monday" (relative to the article): the cluster is on the day
    evs = [
        event("r1", "The Northern Front attacked the valley towns in March.", "ASSAULT",
              actors=["Northern Front"], lo="2024-03-01", hi="2024-03-31", basis="explicit",
              trigger="attacked"),
        event("d0", "The Northern Front attacked the valley towns on Monday.", "ASSAULT",
              actors=["Northern Front"], lo="2024-03-04", basis="relative",
              trigger="attacked", start=200),
    ]
    clusters = cluster_events(evs, ARTS)
    assert len(clusters) == 1
    assert (clusters[0].date_earliest, clusters[0].date_latest) == ("2024-03-04", "2024-03-04")
