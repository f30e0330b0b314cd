"""`storyline story init` and `storyline story check`: write and check a story profile.

`--story PATH` (or `STORYLINE_STORY`) names the profile: a folder holding profile.yaml, or the
name of a packaged profile; the default is the packaged default profile.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.table import Table

from storyline.app import JsonOption, StoryOption, app, console, fail, story_profile

story_app = typer.Typer(help="Story profiles: write a starter, check one.", no_args_is_help=True)
app.add_typer(story_app, name="story")


@story_app.command("init")
def init(
    name: Annotated[str, typer.Argument(help="The profile's name, e.g. grain-deal.")],
    folder: Annotated[Path | None, typer.Option("--dir", help="Write it here (default: ./NAME)."
                                                )] = None,
) -> None:
    """Write a commented starter profile to a new folder."""
    from storyline.profiles import ProfileError, init_profile

    target = folder or Path(name)
    try:
        written = init_profile(name, target)
    except (ProfileError, OSError) as exc:
        raise fail(str(exc)) from None
    console.print(f"wrote {len(written)} files to {escape(str(target))}: "
                  + ", ".join(p.name for p in written), highlight=False)
    console.print(f"edit them, then: storyline story check {escape(str(target))}",
                  highlight=False)


@story_app.command("check")
def check(
    path: Annotated[str | None, typer.Argument(help="Profile folder (default: --story).")
                    ] = None,
    story: StoryOption = None,
    json_out: JsonOption = False,
) -> None:
    """Validate a profile and show its files, the lines written in each, and its hash."""
    profile = story_profile(path or story)
    if json_out:
        console.print_json(json.dumps({
            "name": profile.name, "title": profile.title, "root": profile.root,
            "packaged": profile.packaged, "analyses": list(profile.analyses),
            "hash": profile.hash,
            "files": {k: {"location": f.location, "lines": f.lines, "sha256": f.sha256}
                      for k, f in profile.files.items()},
            "base": {k: {"location": f.location, "sha256": f.sha256}
                     for k, f in profile.base.items()},
            "lines_written": sum(profile.written_lines().values()),
        }))
        return
    table = Table("file", "where", "lines written", title=f"{profile.name}: {profile.title}")
    for kind, f in profile.files.items():
        table.add_row(f"{kind}.yaml", escape(f.location), str(f.lines))
    table.add_row("total", "", str(sum(profile.written_lines().values())))
    console.print(table)
    console.print(f"valid; analyses: {', '.join(profile.analyses) or 'none'}; "
                  f"hash {profile.short_hash} (profile and base files)", highlight=False)
