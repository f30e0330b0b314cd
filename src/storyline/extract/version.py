"""The extraction version, apart from the extractors so that checking for stale records (every
ingest does) does not import spaCy."""

# Bump when extraction logic or lexicons change in a way that should re-run on stored articles.
# 5: events typed by the learned classifier beside the rules; historical mentions, merged events
EXTRACTION_VERSION = 5
