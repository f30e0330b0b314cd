"""storyline's command line: one Typer app; each command is a thin call into the package."""

from __future__ import annotations

import importlib
import pkgutil

from storyline import commands, evaluate
from storyline.app import app

# Importing a command module registers its commands on the app.
for _package in (commands, evaluate):
    for _info in pkgutil.iter_modules(_package.__path__):
        importlib.import_module(f"{_package.__name__}.{_info.name}")

__all__ = ["app"]

if __name__ == "__main__":
    app()
