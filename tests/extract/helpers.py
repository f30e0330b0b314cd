"""Small readers of extracted events the extraction tests share."""

from __future__ import annotations


def name_set(refs) -> set[str]:  # noqa: ANN001 - ActorRef list
    """The names of actor references as a set: canonical, else as written."""
    return {r.canonical or r.text for r in refs}


def name_list(refs) -> list[str]:  # noqa: ANN001 - ActorRef list
    """The same names in their order."""
    return [r.canonical or r.text for r in refs]


def of_type(found, type_: str) -> list:  # noqa: ANN001 - Event list
    """The events of one PLOVER type."""
    return [e for e in found if e.type == type_]
