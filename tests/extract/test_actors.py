"""Actor resolution on sentences written for these tests."""

from __future__ import annotations

import pytest

from storyline.extract.actors import ActorResolver, load_lexicon


@pytest.fixture(scope="module")
def resolve(nlp):
    def run(text: str):
        doc = nlp(text)
        return doc, ActorResolver.for_doc(doc)

    return run


def _token(doc, text: str, nth: int = 0):
    return [t for t in doc if t.text == text][nth]


def test_lexicon_loads_and_is_cached():
    lex = load_lexicon()
    assert lex is load_lexicon()
    assert lex.entries["Israel Defense Forces"].parent == "Israel"
    assert lex.children[("Israel", "military")] == "Israel Defense Forces"


@pytest.mark.parametrize(
    ("sentence", "head", "canonical", "kind"),
    [
        ("Washington sent more warships.", "Washington", "United States", "government"),
        ("The White House welcomed the deal.", "House", "United States", "government"),
        ("U.S. officials met the mediators.", "officials", "United States", "government"),
        ("Doha rejected the claim.", "Doha", "Qatar", "government"),
        ("The IDF struck the camp.", "IDF", "Israel Defense Forces", "military"),
        ("Israeli forces entered the town.", "forces", "Israel Defense Forces", "military"),
        ("Israel's military denied the report.", "military", "Israel Defense Forces", "military"),
        ("Qatari officials briefed reporters.", "officials", "Qatar", "government"),
    ],
)
def test_metonymy_and_groups(resolve, sentence, head, canonical, kind):
    doc, actors = resolve(sentence)
    ref = actors.resolve_np(_token(doc, head))
    assert ref is not None
    assert (ref.canonical, ref.kind) == (canonical, kind)


def test_affiliation_kept_for_hamas_run_ministry(resolve):
    doc, actors = resolve("The Hamas-run health ministry said 40 people died.")
    ref = actors.resolve_np(_token(doc, "ministry"))
    assert ref.canonical == "Gaza health ministry"
    assert ref.affiliation == "Hamas"
    assert ref.country == "PSE"
    assert doc.text[ref.start:ref.end] == "The Hamas-run health ministry"


def test_first_mention_teaches_surname(resolve):
    doc, actors = resolve("Defense Minister Israel Katz spoke on Monday. Later, Katz said no.")
    first = actors.resolve_np(_token(doc, "Katz", 0))
    later = actors.resolve_np(_token(doc, "Katz", 1))
    assert first.canonical == later.canonical == "Israel Katz"
    assert later.kind == "person" and later.country == "ISR"


def test_person_outside_lexicon_learned_from_apposition(resolve):
    doc, actors = resolve(
        "Omar Haddad, a senior Hamas official, said talks continued. Haddad added nothing."
    )
    later = actors.resolve_np(_token(doc, "Haddad", 1))
    assert later is not None
    assert later.canonical == "Omar Haddad"
    assert later.kind == "person"
    assert later.affiliation == "Hamas"
    assert later.sector == "REB"


def test_person_learned_from_title(resolve):
    doc, actors = resolve("Qatari negotiator Salim Rahimi flew in. Rahimi met the envoys.")
    later = actors.resolve_np(_token(doc, "Rahimi", 1))
    assert later.canonical == "Salim Rahimi"
    assert later.affiliation == "Qatar"


def test_the_object_of_a_sides_act_does_not_join_that_side(resolve):
    # "Hamas gunmen" is the subject of the seizure, not a title of the man they seized
    doc, actors = resolve("Hamas gunmen seized Tomas at the farm. Tomas was freed.")
    person = actors.resolve_np(_token(doc, "Tomas", 1))
    assert person is None or person.affiliation is None


def test_unknown_actor_kept_as_text_with_entity_type(resolve):
    doc, actors = resolve("The Wombat Liberation Front claimed the attack.")
    ent = next(e for e in doc.ents if "Wombat" in e.text)
    ref = actors.resolve(ent)
    assert ref.canonical is None
    assert ref.text == ent.text
    assert ref.entity_type == ent.label_


def test_non_actor_noun_is_not_an_actor(resolve):
    doc, actors = resolve("Hamas released two hostages.")
    assert actors.resolve_np(_token(doc, "hostages")) is None


def test_pronoun_takes_speech_verb_subject(resolve):
    doc, actors = resolve("Hamas said it released two hostages.")
    ref = actors.resolve_np(_token(doc, "it"))
    assert ref.canonical == "Hamas" and ref.text == "it"


def test_capitalised_alias_is_case_sensitive(resolve):
    doc, actors = resolve("The WHO said it could not say who fired.")
    assert actors.resolve_np(_token(doc, "WHO")).canonical == "World Health Organization"
    assert actors.resolve("who").canonical is None


def test_group_of_coordinated_owners(resolve):
    doc, actors = resolve("Biden spoke with the leaders of Canada, France and Italy.")
    refs = actors.resolve_group(_token(doc, "leaders"))
    assert [r.canonical for r in refs] == ["Canada", "France", "Italy"]
    assert all(r.kind == "government" for r in refs)


def test_a_count_of_people_is_who_is_counted(resolve):
    doc, r = resolve("Thousands of demonstrators blocked the bridge.")
    refs = r.resolve_group(_token(doc, "Thousands"))
    assert [(x.text, x.sector) for x in refs] == [("demonstrators", "CVL")]
    doc, r = resolve("Dozens of paratroopers landed near the dam.")
    assert [x.sector for x in r.resolve_group(_token(doc, "Dozens"))] == ["MIL"]
    # a count of things is no actor
    doc, r = resolve("Hundreds of trucks crossed the border.")
    assert r.resolve_group(_token(doc, "Hundreds")) == []


def test_generic_role_nouns_and_a_national_office_without_a_holder(resolve):
    doc, r = resolve("Medics evacuated the wounded.")
    assert r.resolve_np(_token(doc, "Medics")).sector == "CVL"
    doc, r = resolve("The coastguard picked up the sailors.")
    assert r.resolve_np(_token(doc, "coastguard")).sector == "MIL"
    # a country's office nobody in the article holds: that country's government
    doc, r = resolve("The Spanish chancellor flew to Lisbon.")
    ref = r.resolve_np(_token(doc, "chancellor"))
    assert ref is not None and ref.canonical == "Spain" and ref.sector == "GOV"


def test_a_two_word_role_names_its_sector(resolve):
    doc, r = resolve("Aid agencies called for a pause.")
    ref = r.resolve_np(_token(doc, "agencies"))
    assert ref is not None and ref.sector == "NGO"
    # "groups" alone is no role: "armed groups" are not charities
    doc, r = resolve("Armed groups raided the depot.")
    ref = r.resolve_np(_token(doc, "groups"))
    assert ref is None or ref.sector != "NGO"


def test_collective_parties_name_their_sector(resolve):
    for text, head, sector in (("The two countries restored relations.", "countries", "GOV"),
                               ("The opposition boycotted the vote.", "opposition", "OPP"),
                               ("The tribunal indicted two generals.", "tribunal", "JUD")):
        doc, r = resolve(text)
        ref = r.resolve_np(_token(doc, head))
        assert ref is not None and ref.sector == sector, text
