"""The extraction version, apart from the extractors so that checking for stale records (every
ingest does) does not import spaCy."""

# Bump when extraction logic or lexicons change in a way that should re-run on stored articles.
EXTRACTION_VERSION = 4
