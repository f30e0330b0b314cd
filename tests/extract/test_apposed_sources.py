"""A role noun with an apposed name is that person: "the minister, Jane Roe, said …" (sentences
written for these tests)."""

from __future__ import annotations

import pytest

from storyline.extract.actors import ActorResolver


@pytest.fixture(scope="module")
def figures(figures_of):
    def run(text: str, published: str = "2024-03-06"):
        return figures_of(text, published)

    return run


def test_apposed_name_of_a_role_noun(nlp):
    doc = nlp("The health minister, Jane Roe, said the clinic had closed.")
    resolver = ActorResolver.for_doc(doc)
    minister = next(t for t in doc if t.lower_ == "minister")
    assert resolver.apposed_name(minister).text == "Roe"


def test_a_description_in_apposition_is_no_name(nlp):
    doc = nlp("The minister, a former banker, said the clinic had closed.")
    resolver = ActorResolver.for_doc(doc)
    minister = next(t for t in doc if t.lower_ == "minister")
    assert resolver.apposed_name(minister) is None


def test_figure_source_is_the_apposed_person(figures):
    found = figures("The health minister, Jane Roe, said 40 people were killed on Monday.")
    assert [f.source for f in found] == ["Jane Roe"]


def test_figure_source_without_apposition_keeps_the_role(figures):
    found = figures("The health minister said 40 people were killed on Monday.")
    assert [f.source for f in found] == ["The health minister"]
