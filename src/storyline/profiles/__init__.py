"""Story profiles: the story-specific data storyline reads, as one object.

A profile is a folder the user owns:

    profile.yaml        name, title, the analyses it switches on (negotiation)
    actors.yaml         who acts in the story and the words that name them
    figure_kinds.yaml   which reported numbers are the story's figures
    outlets.yaml        outlets by web domain
    state_rules.yaml    how events map to the negotiation's state (the negotiation analysis)
    demonyms.yaml       nationality words and the state or actor each stands for
    negotiation.yaml    the negotiation analysis's vocabulary
    event_lexicon.yaml  additions and overrides to the base PLOVER lexicon

Only profile.yaml is required. Generic English resources (speech verbs, dating cues, the PLOVER
lexicon, role nouns and titles, the figure extractor's generic words, the negotiation analysis's
rules and vocabulary) are the base every profile is combined with (`storyline/data/base/`):
`Profile.merged(kind)` is a profile file laid over its base file. A key the profile gives
replaces the base's, a mapping key by key (state_rules' `words`, event_lexicon's `verbs`); the
generic word lists a profile extends are added to instead (actors' roles, titles, offices,
first_name_titles and quantity_heads; the `sets` of figure_kinds and event_lexicon);
negotiation.yaml's `sets` replace the state rules' word lists of the same name, and demonyms.yaml's nationality words
are titles too ("Qatari Prime Minister …"). A profile is
chosen with `--story PATH` or `STORYLINE_STORY` (a folder, or the name of a packaged profile);
the default is the packaged profile that `profiles/packaged.yaml` names. `load_profile` validates every file and
raises `ProfileError` naming the file, line and field of each problem; `Profile.hash` is a
content hash of the profile's files and of the base files, independent of where the folder
lives, so that records made under another hash can be told apart.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from storyline.data import load_yaml
from storyline.profiles.schema import Problem, cross_check, validate_text

PROFILE_FILES = ("profile", "actors", "figure_kinds", "outlets", "state_rules", "demonyms",
                 "negotiation", "event_lexicon")
# Generic resources every profile is combined with, under storyline/data/. The PLOVER lexicon
# and the story stage's parameters still sit at the top of data/ (other work edits them there).
BASE_FILES = {
    "speech_verbs": "base/speech_verbs.yaml",
    "dating": "base/dating.yaml",
    "event_lexicon": "event_lexicon.yaml",
    "story": "story.yaml",
    "actors": "base/actors.yaml",
    "figure_kinds": "base/figure_kinds.yaml",
    "outlets": "base/outlets.yaml",
    "state_rules": "base/state_rules.yaml",
}
# Keys of a base file whose word lists a profile adds to rather than replaces (see above).
_ADDED = {"actors": {"roles", "titles", "offices", "first_name_titles", "quantity_heads"},
          "figure_kinds": {"sets"}, "event_lexicon": {"sets"}}


def _packaged() -> tuple[dict[str, str], str]:
    """The packaged profiles (name -> folder) and the default's name, from packaged.yaml."""
    data = load_yaml(resources.files(__name__).joinpath("packaged.yaml")
                          .read_text(encoding="utf-8")) or {}
    return {str(k): str(v) for k, v in (data.get("profiles") or {}).items()}, str(data["default"])


PACKAGED, DEFAULT_PROFILE = _packaged()
ENV_VAR = "STORYLINE_STORY"
# A story folder: its profile in profile/, its articles in corpus/ (examples/grain-deal).
STORY_PROFILE_DIR, STORY_CORPUS_DIR = "profile", "corpus"
_COMMENT_OR_BLANK = re.compile(r"^\s*(?:#.*)?$")


class ProfileError(ValueError):
    """A profile that cannot be used; each problem names its file, line and field."""

    def __init__(self, problems: list[Problem] | str, where: str = "") -> None:
        self.problems = ([Problem(where or "profile", None, "", problems)]
                         if isinstance(problems, str) else list(problems))
        first = str(self.problems[0]) if self.problems else "invalid profile"
        more = len(self.problems) - 1
        super().__init__(first + (f" (and {more} more problem{'s' if more > 1 else ''})"
                                  if more > 0 else ""))


@dataclass(frozen=True)
class ProfileFile:
    """One file of a profile (or of the base): where it was read, its content hash and data."""

    kind: str
    location: str  # a path, or "storyline:<resource>" for files inside the package
    sha256: str
    lines: int  # lines that are neither blank nor comments: what a user wrote
    data: Any = field(repr=False, compare=False)


@dataclass(frozen=True)
class Profile:
    """A validated story profile combined with the base resources."""

    name: str
    title: str
    root: str
    packaged: bool
    analyses: tuple[str, ...]
    files: Mapping[str, ProfileFile]
    base: Mapping[str, ProfileFile]
    hash: str

    @property
    def short_hash(self) -> str:
        return self.hash[:12]

    def has(self, kind: str) -> bool:
        return kind in self.files

    def data(self, kind: str) -> Any:
        """The parsed content of one of the profile's files ({} when the profile has none)."""
        if kind not in PROFILE_FILES:
            raise KeyError(f"not a profile file: {kind!r}")
        f = self.files.get(kind)
        return f.data if f is not None else {}

    def base_data(self, kind: str) -> Any:
        return self.base[kind].data

    def enables(self, analysis: str) -> bool:
        return analysis in self.analyses

    def written_lines(self) -> dict[str, int]:
        """Per file, the lines a user wrote (no blanks, no comments)."""
        return {k: f.lines for k, f in self.files.items()}

    def merged(self, kind: str) -> dict[str, Any]:
        """One resource as the extractors read it: the profile's file laid over the base's
        (the module docstring says how); a new dict each call."""
        base = dict(self.base[kind].data) if kind in self.base else {}
        mine = self.data(kind) if kind in PROFILE_FILES else {}
        out = _overlay(base, mine or {}, _ADDED.get(kind, set()))
        if kind == "state_rules":
            sets = (self.data("negotiation") or {}).get("sets") or {}
            out["words"] = {**(out.get("words") or {}), **sets}
        if kind == "actors":
            words = [str(w).lower() for n in (self.data("demonyms") or {}).get("nationalities")
                     or [] for w in n.get("words") or []]
            out["titles"] = _union(out.get("titles"), words)
        return out


def _union(base: Any, more: Any) -> list[Any]:
    out = list(base or [])
    out += [w for w in more or [] if w not in out]
    return out


def _overlay(base: dict[str, Any], mine: dict[str, Any], added: set[str]) -> dict[str, Any]:
    out = dict(base)
    for key, value in mine.items():
        under = out.get(key)
        if key in added and isinstance(under, dict) and isinstance(value, dict):
            out[key] = {**under, **{k: _union(under.get(k), v) for k, v in value.items()}}
        elif key in added and isinstance(under, list) and isinstance(value, list):
            out[key] = _union(under, value)
        elif isinstance(under, dict) and isinstance(value, dict):
            out[key] = {**under, **value}
        else:
            out[key] = value
    return out


# ------------------------------------------------------------------------------ reading


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _count_lines(text: str) -> int:
    return sum(1 for line in text.splitlines() if not _COMMENT_OR_BLANK.match(line))


def _read_file(kind: str, name: str, text: str, location: str,
               problems: list[Problem]) -> ProfileFile | None:
    data, found = validate_text(kind, name, text)
    problems.extend(found)
    if found and data is None:
        return None
    return ProfileFile(kind, location, _digest(text), _count_lines(text), data)


def _base_files(problems: list[Problem]) -> dict[str, ProfileFile]:
    root = resources.files("storyline.data")
    out = {}
    for kind, resource in BASE_FILES.items():
        text = root.joinpath(resource).read_text(encoding="utf-8")
        try:
            data = load_yaml(text) or {}
        except yaml.YAMLError as exc:
            problems.append(Problem(f"storyline/data/{resource}", None, "", f"not valid YAML: "
                                    f"{exc}"))
            continue
        out[kind] = ProfileFile(kind, f"storyline:data/{resource}", _digest(text),
                                _count_lines(text), data)
    return out


def _combined_hash(files: Mapping[str, ProfileFile], base: Mapping[str, ProfileFile]) -> str:
    parts = [f"profile:{k}:{f.sha256}" for k, f in sorted(files.items())]
    parts += [f"base:{k}:{f.sha256}" for k, f in sorted(base.items())]
    return _digest("\n".join(parts))


def _finish(texts: dict[str, tuple[str, str, str]], root: str, packaged: bool) -> Profile:
    """texts: kind -> (file name for messages, text, location)."""
    problems: list[Problem] = []
    if "profile" not in texts:
        raise ProfileError([Problem(str(Path(root) / "profile.yaml"), None, "",
                                    "missing: every story profile needs a profile.yaml "
                                    "(`storyline story init NAME` writes a starter)")])
    files: dict[str, ProfileFile] = {}
    for kind, (name, text, location) in texts.items():
        f = _read_file(kind, name, text, location, problems)
        if f is not None:
            files[kind] = f
    base = _base_files(problems)
    if not problems:
        problems += cross_check({k: f.data for k, f in files.items()},
                                {k: texts[k][0] for k in texts},
                                {k: texts[k][1] for k in texts},
                                {k: f.data for k, f in base.items()})
    if problems:
        raise ProfileError(problems)
    manifest = files["profile"].data or {}
    return Profile(
        name=str(manifest["name"]),
        title=str(manifest.get("title") or manifest["name"]),
        root=root,
        packaged=packaged,
        analyses=tuple(manifest.get("analyses") or ()),
        files=files,
        base=base,
        hash=_combined_hash(files, base),
    )


def load_profile(path: str | Path) -> Profile:
    """Read and validate the profile in a folder (ProfileError names what is wrong)."""
    folder = Path(path).expanduser()
    if not folder.is_dir():
        raise ProfileError(f"no such folder: {folder}", str(folder))
    texts: dict[str, tuple[str, str, str]] = {}
    for kind in PROFILE_FILES:
        file = folder / f"{kind}.yaml"
        if not file.is_file():
            continue
        try:
            text = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ProfileError(f"cannot read: {exc}", str(file)) from None
        texts[kind] = (str(file), text, str(file.resolve()))
    return _finish(texts, str(folder.resolve()), packaged=False)


def packaged_profile(name: str = DEFAULT_PROFILE) -> Profile:
    """A profile shipped inside the package (by default, the default one); read once per
    process (the package's files do not change under it)."""
    return _packaged_profile(name)  # one cache entry per name, however the name is passed


@functools.cache
def _packaged_profile(name: str) -> Profile:
    if name not in PACKAGED:
        raise ProfileError(f"no packaged profile named {name!r} (packaged: "
                           f"{', '.join(sorted(PACKAGED))})", name)
    folder = resources.files(__name__).joinpath(PACKAGED[name])
    texts: dict[str, tuple[str, str, str]] = {}
    for kind in PROFILE_FILES:
        res = folder.joinpath(f"{kind}.yaml")
        where = f"profiles/{PACKAGED[name]}/{kind}.yaml"
        if res.is_file():
            texts[kind] = (f"storyline/{where}", res.read_text(encoding="utf-8"),
                           f"storyline:{where}")
    return _finish(texts, f"storyline:profiles/{PACKAGED[name]}", packaged=True)


def resolve_story(value: str | None = None, environ: Mapping[str, str] | None = None) -> Profile:
    """The profile `--story VALUE` names, else `$STORYLINE_STORY`, else the default. A value is
    a folder holding profile.yaml, a story folder holding it in `profile/` (as
    examples/grain-deal does, beside its corpus), or the name of a packaged profile."""
    env = os.environ if environ is None else environ
    chosen = value or env.get(ENV_VAR) or DEFAULT_PROFILE
    origin = "--story" if value else (ENV_VAR if env.get(ENV_VAR) else "default")
    path = Path(chosen).expanduser()
    if path.is_dir():
        nested = path / STORY_PROFILE_DIR
        if not (path / "profile.yaml").is_file() and (nested / "profile.yaml").is_file():
            return load_profile(nested)
        return load_profile(path)
    if chosen in PACKAGED:
        return packaged_profile(chosen)
    raise ProfileError(f"{origin}: no story profile at {chosen!r} (give a folder holding "
                       f"profile.yaml, or one of: {', '.join(sorted(PACKAGED))})", chosen)


# ------------------------------------------------------------------------------ a starter


def init_profile(name: str, folder: str | Path) -> list[Path]:
    """Write the commented starter profile into `folder` (which must not hold a profile yet);
    returns the files written."""
    if not re.fullmatch(r"[a-z0-9][a-z0-9_-]*", name):
        raise ProfileError(f"a profile name is lower-case letters, digits, - and _ "
                           f"(like grain-deal), not {name!r}", name)
    target = Path(folder).expanduser()
    if target.exists() and not target.is_dir():
        raise ProfileError(f"{target} exists and is not a folder", str(target))
    if target.is_dir() and any(target.iterdir()):
        raise ProfileError(f"{target} is not empty: choose a new folder (nothing was written)",
                           str(target))
    target.mkdir(parents=True, exist_ok=True)
    starter = resources.files(__name__).joinpath("starter")
    written = []
    for kind in PROFILE_FILES:
        res = starter.joinpath(f"{kind}.yaml")
        if not res.is_file():
            continue
        text = res.read_text(encoding="utf-8").replace("__NAME__", name)
        out = target / f"{kind}.yaml"
        out.write_text(text, encoding="utf-8")
        written.append(out)
    return written
