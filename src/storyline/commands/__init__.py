"""Command modules: each registers its commands on `storyline.app.app` when imported."""
