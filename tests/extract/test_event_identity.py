"""One event per happening, participants checked against the parse, actor identities and
pronouns, on sentences written for these tests."""

from __future__ import annotations

import dataclasses

import pytest

from storyline.extract.actors import ActorResolver
from storyline.extract.events import extract_events, merge_events
from storyline.records import ActorRef, Article, Event
from storyline.temporal.anchoring import article_anchor
from storyline.temporal.expressions import find_time_expressions

from .helpers import name_list as _names
from .helpers import of_type as _of

# the rules' own reading: the learned typing is tested in test_event_classifier.py
pytestmark = pytest.mark.usefixtures("rules_only")


@pytest.fixture(scope="module")
def run(nlp):
    def go(text: str, published: str = "2024-05-10"):
        doc = nlp(text)
        article = Article(id="t", text=text, source="test", format="text", published=published)
        anchor, anchored = article_anchor(article)
        times = find_time_expressions(doc, article.id, anchor, anchored)
        actors = ActorResolver.for_doc(doc)
        return doc, extract_events(doc, article, times, actors), actors

    return go


# ------------------------------------------------------------------ one event per happening


def test_coordinated_acts_of_one_attack_are_one_event(run):
    _, found, _ = run("Hezbollah fighters attacked the base and killed four soldiers.")
    assaults = _of(found, "ASSAULT")
    assert len(assaults) == 1
    assert _names(assaults[0].actors) == ["Hezbollah"]


def test_event_noun_and_the_clause_about_it_are_one_event(run):
    _, found, _ = run("An attack by Hezbollah on the base, in which four soldiers were killed, "
                      "shocked the town.")
    assaults = _of(found, "ASSAULT")
    assert len(assaults) == 1
    assert _names(assaults[0].actors) == ["Hezbollah"]


def test_subject_event_noun_gives_the_actor(run):
    _, found, _ = run("Israeli air strikes killed 12 people in the camp overnight.")
    assaults = _of(found, "ASSAULT")
    assert len(assaults) == 1
    assert _names(assaults[0].actors) == ["Israel"]


def test_means_of_a_killing_is_the_same_event(run):
    _, found, _ = run("Twelve people were killed in Israeli air strikes on the camp.")
    assaults = _of(found, "ASSAULT")
    assert len(assaults) == 1
    assert _names(assaults[0].actors) == ["Israel"]


def test_different_acts_stay_apart(run):
    _, found, _ = run("Hezbollah fighters killed four soldiers and kidnapped two others.")
    modes = sorted(e.mode or "" for e in _of(found, "ASSAULT"))
    assert modes == ["", "abduct"]


def test_merge_function_joins_records_of_one_predicate(run):
    # what a second coder (a classifier) would add for the same predicate
    doc, found, _ = run("Qatar and Egypt mediated talks between Israel and Hamas on Monday.")
    [rule] = _of(found, "CONSULT")
    other = dataclasses.replace(rule, actors=[ActorRef(text="Qatar", canonical="Qatar")],
                                recipients=[ActorRef(text="Egypt", canonical="Egypt")],
                                date_basis="publication", date_earliest="2024-05-10",
                                date_latest="2024-05-10")
    merged = merge_events(doc, [other, rule])
    assert len(merged) == 1
    ev = merged[0]
    assert _names(ev.actors) == ["Qatar", "Egypt"]
    assert set(_names(ev.recipients)) == {"Israel", "Hamas"}  # Egypt acts; never both
    assert ev.date_earliest == "2024-05-06" and ev.date_basis == "relative"


def test_merge_keeps_records_without_trigger_offsets(run):
    doc, _, _ = run("Hamas released two hostages.")
    loose = Event(article_id="t", start=0, end=5, quote="Hamas", type="RETREAT")
    assert merge_events(doc, [loose]) == [loose]


# ------------------------------------------------------------------ participants from the parse


def test_passive_killing_has_no_invented_recipient(run):
    _, found, _ = run("About 300 people were killed in Israel last week.")
    [ev] = _of(found, "ASSAULT")
    assert ev.actors == []
    assert not {"Israel", "Palestine"} & set(_names(ev.recipients))


def test_place_of_origin_is_not_a_recipient(run):
    _, found, _ = run("Hezbollah fired rockets from Lebanon at the town of Metula.")
    [ev] = _of(found, "ASSAULT")
    assert "Lebanon" not in _names(ev.recipients)


def test_small_clause_participle_is_passive(run):
    _, found, _ = run("Hezbollah launched an attack which saw 30 people killed.")
    for ev in _of(found, "ASSAULT"):
        assert "30 people" not in [a.text for a in ev.actors]


# ------------------------------------------------------------------ actors: one identity


def test_titles_and_first_name_fold_into_one_person(run):
    text = ("Labour leader Sir Alan Marsh visited the port. Sir Alan said the navy should "
            "escort the ships. Mr Marsh also met Prime Minister Ana Lind.")
    doc, _, actors = run(text)
    names = {t.text: actors.resolve_np(t) for t in doc if t.text in ("Marsh", "Alan", "Lind")}
    assert {r.canonical for r in names.values() if r} == {"Alan Marsh", "Ana Lind"}
    assert all(r.kind == "person" for r in names.values() if r)


def test_lexicon_person_by_title_and_surname(run):
    doc, _, actors = run("President Biden spoke to Mr Netanyahu.")
    refs = [actors.resolve_np(t) for t in doc if t.text in ("Biden", "Netanyahu")]
    assert [r.canonical for r in refs] == ["Joe Biden", "Benjamin Netanyahu"]


def test_office_resolves_to_the_holder_the_article_named(run):
    doc, _, actors = run("Prime Minister Ana Lind met the envoy. The prime minister said the "
                         "talks were useful.")
    minister = next(t for t in doc if t.lower_ == "minister" and t.i > 5)
    assert actors.resolve_np(minister).canonical == "Ana Lind"


def test_office_without_a_holder_is_an_unnamed_person(run):
    # the act happened; who holds the office is not guessed
    doc, found, actors = run("The prime minister condemned the attack.")
    ref = actors.resolve_np(next(t for t in doc if t.lower_ == "minister"))
    assert ref.text == "The prime minister" and ref.canonical is None
    assert ref.kind == "person" and ref.sector == "GOV"
    assert _of(found, "ACCUSE")


def test_an_unheld_office_as_a_span_is_the_same_unnamed_person(run):
    # speakers are resolved from spans (statements): the same reading as the noun's
    doc, _, actors = run("The foreign minister said the talks would resume.")
    ref = actors.resolve(doc[0:3])
    assert ref.text == "The foreign minister" and ref.canonical is None
    assert ref.kind == "person" and ref.sector == "GOV"


def test_unheld_religious_office_has_the_religion_sector(run):
    doc, found, actors = run("The pope appealed for the release of the kidnapped nuns.")
    ref = actors.resolve_np(next(t for t in doc if t.lower_ == "pope"))
    assert ref.canonical is None and ref.sector == "REL"


def test_office_of_a_named_country_is_its_government(run):
    doc, _, actors = run("Israel's prime minister condemned the attack.")
    ref = actors.resolve_np(next(t for t in doc if t.lower_ == "minister"))
    assert ref.canonical == "Israel" and ref.kind == "government"


def test_led_role_noun_resolves_to_the_leader(run):
    doc, _, actors = run("Hezbollah-led gunmen attacked the village.")
    ref = actors.resolve_np(next(t for t in doc if t.text == "gunmen"))
    assert ref.canonical == "Hezbollah"


# ------------------------------------------------------------------ pronouns


def test_he_and_she_take_the_nearest_person(run):
    doc, _, actors = run("Foreign Minister Clara Voss met the envoy in Doha. She said the "
                         "talks had been useful.")
    she = next(t for t in doc if t.text == "She")
    assert actors.resolve_np(she).canonical == "Clara Voss"


def test_it_after_a_non_actor_subject_is_left_unresolved(run):
    doc, _, actors = run("Hamas rejected the plan. The plan was never published. It would have "
                         "freed the prisoners.")
    it = next(t for t in doc if t.text == "It")
    assert actors.resolve_np(it) is None


def test_first_person_and_demonstratives_are_never_actors(run):
    doc, found, actors = run("\"We will strike back,\" the commander said. This angered Israel. "
                             "That was condemned by Egypt.")
    for word in ("We", "This", "That"):
        tok = next(t for t in doc if t.text == word)
        assert actors.resolve_np(tok) is None
    for ev in found:
        assert not {"We", "This", "That"} & {a.text for a in ev.actors}


def test_pronoun_source_is_resolved_or_dropped(run):
    _, found, _ = run("Clara Voss arrived in Cairo. She said Hamas had freed two hostages.")
    [ev] = _of(found, "RETREAT")
    assert ev.source == "Clara Voss"
    _, found, _ = run("He said Hamas had freed two hostages.")
    [ev] = _of(found, "RETREAT")
    assert ev.source is None


# ------------------------------------------------------------------ display


def test_unknown_actor_display_is_text_and_type():
    assert ActorRef(text="Abu Samir", entity_type="PERSON").display() == "Abu Samir (PERSON)"
    assert ActorRef(text="gunmen", kind="armed_group").display() == "gunmen (armed group)"
    assert ActorRef(text="the group", canonical="Hamas").display() == "Hamas"
    assert ActorRef(text="residents").display() == "residents"


def test_unresolved_role_noun_carries_its_kind(run):
    doc, found, _ = run("Masked gunmen attacked the checkpoint.")
    [ev] = _of(found, "ASSAULT")
    assert ev.actors[0].canonical is None
    assert ev.actors[0].display() == "Masked gunmen (armed group)"


def test_they_never_takes_one_named_person(run):
    doc, _, actors = run("Samir Haddad watched from the roof. They bombed the whole row of flats.")
    they = next(t for t in doc if t.text == "They")
    ref = actors.resolve_np(they)
    assert ref is None or ref.canonical != "Samir Haddad"


@pytest.mark.parametrize("text, typ, recipient", [
    # a country after a recipient preposition stands for its government, as a subject does
    ("Argentina apologised to Brazil for the seizure of the trawler.", "CONCEDE", "Brazil"),
    # the recipient of the act agreed to, through the complement and its object's preposition
    ("Teskan agreed to lift its embargo on Veloria.", "AGREE", "Veloria"),
    ("The government promised to send food aid to Maravia.", "AGREE", "Maravia"),
])
def test_recipient_from_the_parse(run, text, typ, recipient):
    _, found, _ = run(text)
    event = next(e for e in found if e.type == typ)
    assert recipient in [r.text for r in event.recipients]


def test_place_after_a_locative_preposition_is_no_recipient(run):
    _, found, _ = run("Nine villagers were killed in Maravia on Tuesday.")
    assert all("Maravia" not in r.text for e in found for r in e.recipients)


def test_generic_role_nouns_of_news_are_actors(run):
    # each head was no actor before, so its sentence had no event
    for sentence, head, sector in [
        ("Lawyers boycotted the hearings in the capital.", "Lawyers", "CVL"),
        ("The commission accused the port operator of delays.", "commission", "GOV"),
        ("Clerics appealed for calm after the riots.", "Clerics", "REL"),
    ]:
        doc, _, actors = run(sentence)
        ref = actors.resolve_np(next(t for t in doc if t.text == head))
        assert ref is not None and ref.sector == sector, sentence
