"""Outputs: exports (JSON, CSV, Markdown, TimelineJS, PLOVER) and the static HTML report."""
