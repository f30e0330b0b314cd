"""A party said to be obliged by another ("Britain said Hamas must free the hostages") is
asked to act: PLOVER codes the speaker's demand (REQUEST), the obliged party its recipient
(branch lex10; sentences written for these tests; rules only)."""

from __future__ import annotations

import pytest

from .helpers import name_set as _names

pytestmark = pytest.mark.usefixtures("rules_only")
PUBLISHED = "2024-05-10"


def test_said_another_must_act_is_a_demand(events):
    found = events("Britain said Hamas must free the hostages.")
    assert len(found) == 1
    ev = found[0]
    assert (ev.type, ev.mode, ev.modality) == ("REQUEST", "yield", "asserted")
    assert _names(ev.actors) == {"United Kingdom"} and _names(ev.recipients) == {"Hamas"}


def test_should_is_a_demand_too(events):
    found = events("Britain said the rebels should agree to a ceasefire.")
    assert [e.type for e in found] == ["REQUEST"]
    assert {r.text for r in found[0].recipients} == {"the rebels"}


def test_a_partys_own_obligation_is_no_demand(events):
    found = events("Iran said its forces must attack the base.")
    assert all(e.type != "REQUEST" for e in found)
