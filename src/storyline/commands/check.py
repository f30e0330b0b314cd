"""`storyline check`: is the store whole, and does the cached story agree with it?"""

from __future__ import annotations

import json

import typer
from rich.markup import escape

from storyline.app import DbOption, JsonOption, StoryOption, app, console, fail, story_profile


@app.command()
def check(db: DbOption = None, as_json: JsonOption = False, story: StoryOption = None) -> None:
    """Check the store read-only: file integrity, references between rows, article ids, record
    quotes, the story cache (one whole build that cites only stored articles; stale or not),
    and records made under another story profile than --story's (stale, a note).
    Exit status 1 when anything is inconsistent."""
    from storyline.store import Store, StoreError
    from storyline.store.check import check_store

    profile = story_profile(story)
    try:
        with Store(db, readonly=True) as store:
            findings = check_store(store, (profile.name, profile.hash))
            articles = store.count_articles()
            where = store.where
    except StoreError as exc:
        raise fail(str(exc)) from None
    errors = [f for f in findings if f.severity == "error"]
    if as_json:
        print(json.dumps({"store": where, "articles": articles, "consistent": not errors,
                          "findings": [f.to_dict() for f in findings]}, ensure_ascii=False))
    else:
        for f in findings:
            style = "red" if f.severity == "error" else "yellow"
            console.print(f"[{style}]{f.severity}[/] {f.check}: {escape(f.message)}",
                          highlight=False)
        verdict = (f"{len(errors)} inconsistenc{'y' if len(errors) == 1 else 'ies'} found"
                   if errors else "consistent")
        console.print(f"{escape(where)}: {articles} article{'' if articles == 1 else 's'}, "
                      f"{verdict}", highlight=False)
    if errors:
        raise typer.Exit(1)
