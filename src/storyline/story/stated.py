"""What the statements make, article by article: denial disputes, the negotiation items
statements carry and the positions parties state.

Each of the three reads one statement at a time, or (denials) one article's statements, and
the article's metadata: an article is a block (story/memo.py). Its key is a digest of its
statements as stored (their JSON, not parsed) and of its metadata, so an unchanged article costs
neither parsing its statements nor reading its text (a denial's sentence lead); only new or
re-extracted articles are computed. Denials paired across articles (`disputes.cross_article`)
make articles no blocks: then `build_story` reads every statement as before.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from storyline.records import Statement
from storyline.story.context import Articles
from storyline.story.memo import StoryMemo
from storyline.story.records import Dispute, NegotiationItem, Position

if TYPE_CHECKING:
    from storyline.story.rules import NegotiationRules


@dataclass
class Stated:
    """The statements' results, in the order a pass over every statement makes them."""

    denials: list[Dispute] = field(default_factory=list)
    items: list[NegotiationItem] = field(default_factory=list)
    positions: list[Position] = field(default_factory=list)


def stated_by_article(
    groups: Iterable[tuple[str, list[str]]], articles: Articles, rules: NegotiationRules | None,
    negotiation: bool, memo: StoryMemo, text_of: Callable[[str], str | None],
) -> Stated:
    """`groups`: (article id, its statements' stored JSON in order), articles in store order;
    `text_of`: an article's text (for the sentence before a denial); `negotiation`: whether
    the profile's negotiation analysis is on (else no items nor positions)."""
    from storyline.story.build import as_data
    from storyline.story.disputes import denial_disputes, sentence_leads
    from storyline.story.negotiation import default_rules, statement_items, statement_positions

    out = Stated()
    actors = rules.actors if rules else None
    for aid, texts in groups:
        info = articles.get(aid)
        key = memo.key("stated", [aid, info.outlet, info.published, info.title, info.url,
                                  negotiation], "\n".join(texts))
        kept = memo.get_json(key)
        if kept is None:
            statements = [Statement.from_dict(json.loads(t)) for t in texts]
            leads = sentence_leads(statements, text_of)
            made = Stated(denial_disputes(statements, articles, actors=actors, leads=leads))
            if negotiation:
                used = rules or default_rules()
                made.items = statement_items(statements, articles, used)
                made.positions = statement_positions(statements, articles, used)
            # taken before the record merges items and marks positions in place
            memo.put_json(key, {"denials": [as_data(d) for d in made.denials],
                                "items": [as_data(i) for i in made.items],
                                "positions": [as_data(p) for p in made.positions]})
        else:
            made = _from_memo(kept[0])
            memo.put_json(key, None, kept[1])
        out.denials += made.denials
        out.items += made.items
        out.positions += made.positions
    return out


def _from_memo(found: dict[str, Any]) -> Stated:
    """Records from a memo entry freshly parsed (`StoryMemo.get_json`: the record changes
    them in place, which must not reach the memo)."""
    from storyline.story.negotiation import statement_item_from_dict

    return Stated([Dispute.from_dict(d) for d in found["denials"]],
                  [statement_item_from_dict(i) for i in found["items"]],
                  [Position.from_dict(p) for p in found["positions"]])
