"""Lexicon senses added on branch lex10 from the misses of the PLOVER gold records' dev part,
each on a sentence written for this test (rules only)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.usefixtures("rules_only")
PUBLISHED = "2024-05-10"

CASES = [
    ("The Kenyan president arrived in Cairo on a state visit.", "CONSULT", "visit"),
    ("Ruritania established diplomatic ties with Syldavia.", "SUPPORT", None),
    ("Ruritania and Syldavia upgraded their relations to ambassadorial level.", "SUPPORT", None),
    ("Egypt lodged a formal protest with Israel.", "ACCUSE", "disapprove"),
    ("The government reneged on its pledge to hold elections.", "REJECT", None),
    ("Spain extradited the suspect to France.", "COOPERATE", None),
    ("The rebels insisted on their demand for a new constitution.", "REQUEST", None),
    ("Dock workers began a general strike.", "PROTEST", "strike"),
    ("Turkey shared evidence with the Greek police.", "COOPERATE", None),
    ("Rebels dismissed an appeal from the president to lay down their arms.", "REJECT", None),
    ("Angry farmers blocked the bridge with tractors.", "PROTEST", "obstruct"),
    ("Hundreds of people blocked the main road.", "PROTEST", "obstruct"),
    ("Soldiers beat up three detainees at the checkpoint.", "ASSAULT", "beat"),
    ("The United Nations reduced food supplies to the camp.", "SANCTION", "sever"),
    ("Egypt ended its mediation efforts between the two factions.", "SANCTION", "withdraw"),
    ("Washington suspended its military aid programme for the region.", "SANCTION", "sever"),
    ("Some 2,000 dock workers stopped work on Monday over a pay dispute.", "PROTEST", "strike"),
    ("Nurses downed tools across the country.", "PROTEST", "strike"),
    ("Israel stopped its air strikes on Gaza.", "RETREAT", "ceasefire"),
    ("Syldavia complained to the Security Council over the Ruritanian air raids.", "ACCUSE",
     "disapprove"),
    ("Ruritania expelled the UN weapons inspectors.", "SANCTION", "expel"),
    ("Soldiers abused three detainees at the camp.", "ASSAULT", None),
    ("Ruritanian troops completed their withdrawal from the town.", "RETREAT", "withdraw"),
    ("Swiss doctors handed over medicine to the Red Crescent.", "AID", "humanitarian"),
    ("The court allowed the opposition leader to stand in the election.", "CONCEDE", None),
    ("The army allowed aid workers to reach the camp.", "RETREAT", "access"),
]


@pytest.mark.parametrize(("text", "type_", "mode"), CASES)
def test_sense(events, text, type_, mode):
    found = events(text)
    assert found, text
    assert found[0].type == type_
    if mode is not None:
        assert found[0].mode == mode
