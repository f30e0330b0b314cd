"""The extraction version, apart from the extractors so that checking for stale records (every
ingest does) does not import spaCy."""

# Bump when extraction logic or lexicons change in a way that should re-run on stored articles.
# 5: events typed by the learned classifier beside the rules; historical mentions, merged events
# 6: recipients from the parse (a place as object or after a recipient preposition); profile-aware
# 7: event dating: an antecedent of a present "comes after" and a "since the current …" span
#    are not the publication day
EXTRACTION_VERSION = 7
