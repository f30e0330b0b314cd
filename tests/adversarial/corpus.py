"""The hostile corpus, generated at run time: every text here is the team's own words.

`article(i)` gives distinct, plausible short news texts (templates and seeded choices, so the
same i always gives the same text and no two are near-duplicates by accident); the `write_*`
helpers lay out the files each case needs inside a folder the caller owns.
"""

from __future__ import annotations

import json
import os
import random
from pathlib import Path

# An article that extraction reliably turns into events (CONSULT/third-party, RETREAT/release).
EVENTFUL = (
    "Qatar hosted talks between Israel and Hamas in Doha on Monday, officials said. "
    "Hamas released two hostages on Tuesday, the mediators said. "
    "Israeli aircraft struck a school in Gaza City on Wednesday."
)

_PLACES = ["Doha", "Cairo", "Paris", "Amman", "Geneva", "Muscat", "Ankara", "Oslo", "Nicosia",
           "Rabat", "Vienna", "Lisbon", "Tunis", "Riga", "Sofia", "Valletta"]
_WHO = ["negotiators", "mediators", "envoys", "delegations", "officials", "aid workers",
        "diplomats", "relatives of the captives", "union leaders", "city councillors"]
_WHAT = ["a new truce proposal", "the release of detainees", "a convoy of medical supplies",
         "the reopening of a border crossing", "a prisoner exchange", "a pause in the shelling",
         "the return of displaced families", "repairs to the water network"]
_WHEN = ["on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday",
         "at the weekend", "late on Sunday", "early this morning"]
_THEN = ["Talks are due to resume next week.", "No agreement was announced.",
         "Both sides said progress had been made.", "A statement is expected within days.",
         "Observers called the meeting constructive.", "The next round has not been scheduled."]
_WORDS = ("harbour lantern quarry meadow ribbon saddle timber velvet walnut anchor beacon "
          "cobalt dune ember fjord glacier hazel ivory jasper kelp lagoon marble nectar orchid "
          "pebble quill raven spruce thistle umber violet willow yarrow zephyr").split()


def article(i: int, extra: str = "") -> str:
    """A distinct short news text in our own words (seeded by i)."""
    rng = random.Random(i * 7919 + 13)
    place, who, what, when = (rng.choice(_PLACES), rng.choice(_WHO), rng.choice(_WHAT),
                              rng.choice(_WHEN))
    tag = " ".join(rng.choice(_WORDS) for _ in range(6))
    return (f"{who.capitalize()} met in {place} {when} to discuss {what}, according to "
            f"people briefed on meeting number {i}. The {tag} file was read out in full. "
            f"{rng.choice(_THEN)}{(' ' + extra) if extra else ''}")


def write(folder: Path, name: str | bytes, content: str | bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    if isinstance(name, bytes):  # a file name that is not valid UTF-8
        path_bytes = os.fsencode(folder) + b"/" + name
        with open(path_bytes, "wb") as handle:
            handle.write(content.encode("utf-8") if isinstance(content, str) else content)
        return Path(os.fsdecode(path_bytes))
    path = folder / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def jsonl(records: list[dict]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def records(start: int, count: int, **fields: object) -> list[dict]:
    return [{"title": f"Meeting {i}", "published": f"2024-03-{1 + i % 28:02d}",
             "text": article(i), **fields} for i in range(start, start + count)]


NEXIS_RESULT_LIST = """Date and Time: Monday, March 4, 2024 10:02:00 AM EST
Job Number: 214365870
Documents (3)
Client/Matter: -None-
Search Terms: truce AND mediators
Search Type: Boolean
Content Type: News
Narrowed by: Timeline: Mar 01, 2024 to Mar 04, 2024

1. Envoys meet again over captives
The Sample Courier
March 2, 2024 Saturday
2. Aid convoy waits at the crossing
Sample Evening Post
March 3, 2024 Sunday
3. Mediators report progress
The Sample Courier
March 4, 2024 Monday
"""

NEXIS_EXPORT_WITH_COVER_CHUNK = """Date and Time: Monday, March 4, 2024 10:05:00 AM EST
Job Number: 214365871
Documents (1)
Client/Matter: -None-
Search Terms: truce AND mediators
Search Type: Boolean

End of Document

Envoys meet again over captives

The Sample Courier
March 2, 2024 Saturday

Copyright 2024 The Sample Courier All Rights Reserved
Section: WORLD; Length: 64 words
Byline: Ada Quinlan

Body

Envoys from three countries met again on Saturday to discuss the release of captives held
since the autumn, officials said, adding that a written proposal had been exchanged.

Load-Date: March 3, 2024

End of Document
"""

FACTIVA_EXPORT_WITH_SUMMARY = """Aid convoy waits at the crossing
By Ben Okafor
212 words
3 March 2024
Sample Evening Post
SEP
English
Copyright 2024 Sample Evening Post

A convoy of forty lorries carrying flour and medicine waited at the crossing for a second day
on Sunday while officials on both sides argued over inspection rules, drivers said.

Document SEPOST0020240303ek330000a

Search Summary
Text: truce AND convoy
Date: 01/03/2024 to 04/03/2024
Source: All Sources
Author: All Authors
Company: All Companies
Subject: All Subjects
Industry: All Industries
Region: All Regions
Language: English
Results Found: 1
Timestamp: 4 March 2024 10:07
"""
