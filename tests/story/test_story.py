"""The story stage on synthetic records: clusters, series, disputes, state, timeline, build."""

from __future__ import annotations

from storyline.records import Article, Extraction
from storyline.store import Store
from storyline.story.build import build_story, compute_story, load_kind, load_story
from storyline.story.clusters import cluster_events
from storyline.story.disputes import denial_disputes
from storyline.story.query import select_entries
from storyline.story.series import build_series, value_range
from storyline.story.timeline import story_timeline

from .helpers import articles, event, figure, statement

ARTS = articles(
    ("a1", "Wire One", "2024-03-04"),
    ("a2", "Daily Two", "2024-03-05"),
    ("a3", "Paper Three", "2024-03-05"),
    ("a4", "Wire One", "2024-03-08"),
)


def release_events():
    # the same release: a relative date ("on Monday") in one outlet, an explicit one in another
    return [
        event("a1", "The armed group said it released two more captives on Monday.", "RETREAT",
              "release", actors=["Group A"], lo="2024-03-04", basis="relative",
              trigger="released"),
        event("a2", "Two elderly women held by Group A were freed on 4 March, officials said.",
              "RETREAT", "release", actors=["Group A"], lo="2024-03-04", basis="explicit",
              trigger="freed", start=50),
        # a different event the same day: a strike on a town, other actors and words
        event("a2", "State B's aircraft struck a market in Northtown on Monday.", "ASSAULT",
              "heavy-weapons", actors=["State B"], lo="2024-03-04", basis="relative",
              trigger="struck", start=200),
    ]


def test_release_reported_twice_is_one_cluster():
    clusters = cluster_events(release_events(), ARTS)
    release = [c for c in clusters if c.type == "RETREAT"]
    assert len(release) == 1
    c = release[0]
    assert len(c.mentions) == 2
    assert c.outlets == ["Wire One", "Daily Two"]
    assert c.date_earliest == "2024-03-04" and c.date_basis == "explicit"
    assert c.first_report.article_id == "a1"
    assert c.independent_reports == 2
    assert [x.type for x in clusters].count("ASSAULT") == 1


def test_explicit_date_beats_publication_fallback():
    evs = [
        event("a3", "Group A freed two captives, the mediators said.", "RETREAT", "release",
              actors=["Group A"], lo="2024-03-05", basis="publication", trigger="freed"),
        event("a1", "Group A freed two captives on 4 March.", "RETREAT", "release",
              actors=["Group A"], lo="2024-03-04", basis="explicit", trigger="freed"),
    ]
    clusters = cluster_events(evs, ARTS)
    assert len(clusters) == 1
    assert (clusters[0].date_earliest, clusters[0].date_basis) == ("2024-03-04", "explicit")


def test_different_actors_or_days_do_not_merge():
    evs = [
        event("a1", "Group A freed two captives on 4 March.", "RETREAT", "release",
              actors=["Group A"], lo="2024-03-04", basis="explicit"),
        event("a2", "Group C freed two captives on 4 March.", "RETREAT", "release",
              actors=["Group C"], lo="2024-03-04", basis="explicit"),
        event("a4", "Group A freed two captives on 8 March.", "RETREAT", "release",
              actors=["Group A"], lo="2024-03-08", basis="explicit"),
        # a denial is never merged with the report of the event
        event("a3", "Group A did not free two captives on 4 March.", "RETREAT", "release",
              actors=["Group A"], lo="2024-03-04", basis="explicit", modality="negated"),
    ]
    assert len(cluster_events(evs, ARTS)) == 4


def test_many_reports_of_one_event_stay_one_cluster():
    # GDELT-style duplication: the same kidnapping reported by many copies
    rows = [(f"k{i}", f"Outlet {i % 7}", "2024-03-05") for i in range(60)]
    arts = articles(*rows)
    evs = [
        event(f"k{i}", f"Gunmen abducted the aid worker near Southville, report {i} says.",
              "ASSAULT", "abduct", actors=["Gunmen"], recipients=["aid worker"],
              lo="2024-03-05" if i % 2 else None, basis="relative" if i % 2 else "unknown")
        for i in range(60)
    ]
    clusters = cluster_events(evs, arts)
    assert len(clusters) == 1
    assert clusters[0].independent_reports == 7


def test_interval_consistency():
    assert value_range(220, None, None, "exact").overlaps(value_range(200, None, None, "more_than"))
    assert not value_range(135, None, None, "exact").overlaps(
        value_range(200, None, None, "more_than"))
    assert not value_range(200, None, None, "exact").overlaps(
        value_range(200, None, None, "more_than"))
    assert value_range(200, None, None, "at_least").overlaps(value_range(200, None, None, "exact"))
    assert value_range(190, None, None, "nearly").overlaps(value_range(200, None, None, "up_to"))


def test_series_flags_disagreement():
    held_in = {"group": "captives", "scope": "stock"}
    figs = [
        figure("a1", "more than 200 captives", "hostages_held", 200, "more_than",
               subject="captives", when="2024-03-04", source="the army", **held_in),
        figure("a2", "220 captives", "hostages_held", 220, subject="captives in the north",
               when="2024-03-04", source="officials", **held_in),
        figure("a3", "135 captives", "hostages_held", 135, when="2024-03-04",
               source="the group", **held_in),
        figure("a4", "130 captives", "hostages_held", 130, when="2024-03-08", source="the army",
               **held_in),
        figure("a4", "30 killed", "killed", 30, when="2024-03-08", start=40),
    ]
    series = build_series(figs, ARTS)
    held = next(s for s in series if s.kind == "hostages_held")
    assert len(held.points) + len(held.restated) == 4  # subject wordings of one group join
    assert [p.date for p in held.points] == ["2024-03-04"] * 2 + ["2024-03-08"]
    pairs = {tuple(sorted((d.a.value, d.b.value))) for d in held.disagreements}
    assert pairs == {(135, 200), (135, 220)}  # 220 and "more than 200" agree
    assert held.current.value == 130
    # "more than 200" beside 220 that day is a restatement, still a claim that can disagree
    assert [p.display() for p in held.restated] == ["more than 200"]


def test_statement_and_denial_become_a_dispute():
    text_claim = "State B said the offensive pushed Group A back to the negotiating table."
    stmts = [
        statement("a1", 0, text_claim, "State B", "State B",
                  "the offensive pushed Group A back to the negotiating table",
                  when="2024-03-04"),
        statement("a1", len(text_claim) + 1, "Group A denied the assertion.", "Group A",
                  "Group A", "the assertion", stance="deny", when="2024-03-04"),
        statement("a1", len(text_claim) + 32, "It said talks had never stopped.", "Group A",
                  "Group A", "talks had never stopped", when="2024-03-04"),
        # a same-side remark nearby is not a dispute
        statement("a2", 0, "Group A denied that it had stopped talking.", "Group A", "Group A",
                  "it had stopped talking", stance="deny", when="2024-03-05"),
    ]
    disputes = denial_disputes(stmts, ARTS)
    assert len(disputes) == 1
    d = disputes[0]
    assert d.a.who == "State B" and d.b.who == "Group A"
    assert "negotiating table" in d.a.text
    assert "talks had never stopped" in d.b.text
    assert d.a.evidence.quote == text_claim


def test_cross_article_denial_by_wording():
    stmts = [
        statement("a1", 0, "Officials said State B's troops shelled the Northtown clinic.",
                  "Officials", "Group A", "State B troops shelled the Northtown clinic",
                  when="2024-03-04"),
        statement("a2", 0, "State B denied its troops shelled the Northtown clinic.",
                  "State B", "State B", "its troops shelled the Northtown clinic",
                  stance="deny", when="2024-03-05"),
    ]
    assert denial_disputes(stmts, ARTS) == []  # across articles only when asked for
    disputes = denial_disputes(stmts, ARTS, params={"cross_article": True})
    assert len(disputes) == 1 and disputes[0].score >= 0.5


def test_timeline_prefers_widely_reported_events():
    clusters = cluster_events(release_events(), ARTS)
    entries = story_timeline(clusters, ARTS)
    assert {e.type for e in entries} == {"RETREAT", "ASSAULT"}
    top = select_entries(entries, limit=1)
    assert top[0].type == "RETREAT" and len(top[0].sources) == 2
    assert select_entries(entries, types=["assault"])[0].type == "ASSAULT"


def test_build_caches_every_kind(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 's.db'}")
    for aid, outlet, d in [("a1", "Wire One", "2024-03-04"), ("a2", "Daily Two", "2024-03-05")]:
        store.add_article(Article(id=aid, text="x", source=f"{aid}.txt", format="text",
                                  outlet=outlet, published=d))
    evs = release_events()
    store.save_extraction(Extraction("a1", events=[e for e in evs if e.article_id == "a1"],
                                     figures=[figure("a1", "more than 200 captives",
                                                     "hostages_held", 200, "more_than",
                                                     when="2024-03-04", group="captives",
                                                     source="the army", scope="stock")]))
    store.save_extraction(Extraction("a2", events=[e for e in evs if e.article_id == "a2"],
                                     figures=[figure("a2", "135 captives", "hostages_held", 135,
                                                     when="2024-03-04", group="captives",
                                                     source="the group", scope="stock")]))
    summary = build_story(store)
    assert summary.clusters == 2 and summary.series == 1 and summary.disagreements == 1
    story = load_story(store)
    assert len(story.clusters) == 2 and story.disputes[0].kind == "figures"
    assert load_kind(store, "timeline", since="2024-03-05") == []
    again = compute_story(store.iter_records("events"), store.iter_records("figures"),
                          store.iter_records("statements"), ARTS)
    assert [c.id for c in again.clusters] == [c.id for c in story.clusters]


def test_event_asserted_and_denied_by_a_named_source_is_a_dispute():
    from storyline.story.disputes import event_disputes

    evs = [
        event("a1", "State B troops shelled the Northtown clinic on 4 March.", "ASSAULT",
              "heavy-weapons", actors=["State B"], lo="2024-03-04", basis="explicit"),
        event("a2", "State B troops did not shell the Northtown clinic on 4 March.", "ASSAULT",
              "heavy-weapons", actors=["State B"], lo="2024-03-04", basis="explicit",
              modality="negated"),
    ]
    clusters = cluster_events(evs, ARTS)
    assert event_disputes(clusters) == []  # nobody named denies it: the outlet says both
    evs[1].source = "State B's army"
    # a denial against the outlet's own narration is no dispute between two sides
    assert event_disputes(cluster_events(evs, ARTS)) == []
    evs[0].source = "Clinic staff"
    # a plain negation by the other side is no denial that it happened (it reads refusals
    # and rejections as "did not happen" too): someone must deny it outright
    assert event_disputes(cluster_events(evs, ARTS)) == []
    evs[1].sentence = evs[1].quote = ("State B's army denied that its troops shelled the "
                                      "Northtown clinic on 4 March.")
    found = event_disputes(cluster_events(evs, ARTS))
    assert len(found) == 1 and found[0].b.who == "State B's army"
    assert found[0].a.who == "Clinic staff" and "says it did not" in found[0].reason


def test_one_claimant_or_values_far_apart_are_not_a_disagreement():
    people = {"subject": "people", "group": "people", "place": "Northland", "scope": "period"}
    figs = [
        # the same source giving two numbers: two quantities, not a dispute
        figure("a1", "four people were shot dead", "killed", 4, when="2024-03-04",
               source="the ministry", **people),
        figure("a2", "45 people were killed", "killed", 45, when="2024-03-04",
               source="the ministry", **people),
        # a day's toll beside the war's: twenty times apart, different quantities
        figure("a2", "1,200 people were killed", "killed", 1200, when="2024-03-04",
               source="officials", start=90, **people),
        figure("a3", "29,000 people were killed", "killed", 29000, when="2024-03-04",
               source="the health ministry", **people),
        # a real disagreement: different sources, same order of magnitude
        figure("a3", "274 people were killed", "killed", 274, "at_least", when="2024-03-04",
               source="the health ministry", start=60, **people),
        figure("a2", "fewer than 100 people", "killed", 100, "fewer_than", when="2024-03-04",
               source="the army", start=60, **people),
    ]
    (killed,) = build_series(figs, ARTS)
    pairs = {tuple(sorted((d.a.value, d.b.value))) for d in killed.disagreements}
    assert (4, 45) not in pairs and (1200, 29000) not in pairs
    assert (100, 274) in pairs


def test_an_unnamed_group_is_one_actor_whatever_its_first_letter():
    from storyline.records import ActorRef
    from storyline.story.context import actor_name

    assert actor_name(ActorRef(text="Police", kind="police")) == "police"
    assert actor_name(ActorRef(text="police", kind="police")) == "police"
    # names, nationalities and sides keep their capitals
    assert actor_name(ActorRef(text="Vanguard", canonical="Vanguard", kind="group")) == "Vanguard"
    assert actor_name(ActorRef(text="Northlanders", kind="civilians", country="NTH")) == \
        "Northlanders"
    assert actor_name(ActorRef(text="Riot police", kind="police")) == "Riot police"


def test_a_clusters_summary_is_in_the_reporters_words_when_it_has_them():
    evs = [
        event("a1", "\"I saw Northland's jets strike the port on 4 March and my street burned,\" "
              "a resident said.", "ASSAULT", "heavy-weapons", actors=["Northland"],
              lo="2024-03-04", basis="explicit", start=10),
        event("a2", "\"We saw Northland's jets strike the port on 4 March and our street "
              "burned,\" a resident said.", "ASSAULT", "heavy-weapons", actors=["Northland"],
              lo="2024-03-04", basis="explicit", start=50),
        event("a3", "Northland's jets struck the port on 4 March, officials said.", "ASSAULT",
              "heavy-weapons", actors=["Northland"], lo="2024-03-04", basis="explicit",
              start=90),
    ]
    clusters = [c for c in cluster_events(evs, ARTS) if c.type == "ASSAULT"]
    assert len(clusters) == 1 and clusters[0].summary.startswith("Northland's jets")
