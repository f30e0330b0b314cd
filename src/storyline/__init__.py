"""storyline: a sourced, queryable record of an evolving news story."""

__version__ = "0.1.0"
