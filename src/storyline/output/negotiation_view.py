"""The negotiation record as the report's state tab shows it (`sections/negotiation.html.j2`):
its items by date, each with parties, mediators, venue, outcome or response, terms and the
quotes it rests on, the truces with how their days were found, and each party's positions where
they changed."""

from __future__ import annotations

from storyline.output.selection import Selection
from storyline.story.records import NegotiationItem

# what the record's kinds are called on the page (a kind not listed shows as written)
KIND_LABELS = {
    "talks": "talks", "proposal": "proposal", "response": "response", "agreement": "agreement",
    "truce": "truce", "truce_start": "truce takes effect", "truce_extended": "truce extended",
    "truce_end": "truce ends", "release": "release", "rescue": "rescue", "pressure": "pressure",
    "suspension": "mediation suspended", "resolution": "resolution",
}
MAX_ITEMS = 400


def _num(v: float) -> str:
    return f"{int(v):,}" if float(v).is_integer() else f"{v:,}"


def _item_view(i: NegotiationItem, sel: Selection) -> dict:
    from storyline.output.report import _evidence_view

    detail = [x for x in (i.outcome if i.outcome not in (None, "held") else "",
                          i.response or "") if x]
    return {
        "id": i.id, "kind": i.kind, "label": KIND_LABELS.get(i.kind, i.kind),
        "date": i.date or "", "latest": i.date_latest if i.date_latest != i.date else "",
        "basis": i.date_basis, "parties": ", ".join(i.parties),
        "mediators": ", ".join(i.mediators), "venue": i.venue or "",
        "detail": ", ".join(d.replace("_", " ") for d in detail),
        "terms": ", ".join(f"{k.replace('_', ' ')} {_num(v)}" for k, v in i.terms.items()),
        "summary": i.summary, "articles": len(i.sources),
        "evidence": [v for v in (_evidence_view(e, sel) for e in i.evidence[:3]) if v],
    }


def negotiation_view(sel: Selection) -> dict:
    """Items (real, resting on an event record) by date, truces, and changed positions."""
    from storyline.output.report import _evidence_view

    s = sel.story
    items = [i for i in s.negotiation if i.polarity == "real" and i.type]
    shown = items[:MAX_ITEMS]
    positions = [
        {"date": p.date or "", "party": p.party, "stance": p.stance,
         "topic": (p.topic or "").replace("_", " "), "text": p.text,
         "previous": p.previous or "", "speaker": p.speaker,
         "evidence": _evidence_view(p.evidence, sel)}
        for p in s.positions if p.changed
    ]
    return {
        "entries": [_item_view(i, sel) for i in shown],
        "total": len(items), "cut": len(items) > len(shown),
        "truces": [_item_view(i, sel) for i in items if i.kind == "truce"],
        "positions": positions,
    }
