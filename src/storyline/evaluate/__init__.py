"""Scorers for the public benchmarks; each module registers an `storyline evaluate` command."""
