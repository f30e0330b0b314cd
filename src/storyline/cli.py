"""storyline's command line: one Typer app; each command is a thin call into the package.

Importing a command module registers its commands on the app. The benchmark modules under
`storyline.evaluate` pull in spaCy and numpy, so the `storyline` script imports them only for
`storyline evaluate …`; query commands such as `storyline timeline` then start quickly.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
from types import ModuleType

from storyline import commands, evaluate
from storyline.app import app as _app

_registered: set[str] = set()


def _import_all(package: ModuleType) -> None:
    if package.__name__ in _registered:
        return
    for info in pkgutil.iter_modules(package.__path__):
        importlib.import_module(f"{package.__name__}.{info.name}")
    _registered.add(package.__name__)


def main() -> None:
    """The `storyline` script."""
    _import_all(commands)
    if sys.argv[1:2] == ["evaluate"]:
        _import_all(evaluate)
    _app()


def __getattr__(name: str):  # PEP 562: `from storyline.cli import app` gets every command
    if name == "app":
        _import_all(commands)
        _import_all(evaluate)
        return _app
    raise AttributeError(name)


if __name__ == "__main__":
    main()
