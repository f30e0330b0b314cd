"""Records read back from their stored dicts: nested records rebuilt, names a newer version
wrote left out, the stored dict itself never changed."""

from __future__ import annotations

import copy

from storyline.records import ActorRef, Event
from storyline.story.records import EventCluster, Mention


def test_a_record_round_trips_with_its_nested_records():
    event = Event(article_id="a1", start=0, end=5, quote="fired", type="ASSAULT",
                  actors=[ActorRef(text="Group A", canonical="Group A", kind="armed_group")],
                  recipients=[], modality="asserted")
    data = event.to_dict()
    kept = copy.deepcopy(data)
    back = Event.from_dict(data)
    assert back == event and isinstance(back.actors[0], ActorRef)
    assert data == kept  # the dict it was read from is left as it was


def test_names_a_newer_version_wrote_are_left_out_at_every_level():
    mention = Mention(article_id="a1", start=0, end=5, quote="fired", sentence="fired.",
                      trigger="fired", type="ASSAULT")
    cluster = EventCluster(id="ev-1", type="ASSAULT", mode=None, polarity="real", actors=[],
                           recipients=[], date_earliest=None, date_latest=None,
                           date_basis="unknown", label="ASSAULT", summary="fired.",
                           mentions=[mention])
    data = cluster.to_dict()
    data["added_later"] = 1
    data["mentions"][0]["also_later"] = [1, 2]
    back = EventCluster.from_dict(data)
    assert back == cluster and isinstance(back.mentions[0], Mention)


def test_a_nested_field_left_empty_stays_empty():
    data = Event(article_id="a1", start=0, end=1, quote="x").to_dict()
    data["actors"] = None
    assert Event.from_dict(data).actors is None
