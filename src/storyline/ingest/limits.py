"""How much one input may hold: one text-size limit for every path in.

MAX_TEXT_CHARS applies to an article's text however it arrives: a file, a field of a JSON or
CSV record, a Nexis or Factiva document, standard input. A longer text is refused with one
line, not split, because

- nothing that long is one news article (the longest of the 1,574 sample articles is 24,688
  characters; 200,000 is about 30,000 words): it is a dump, a log, several articles run
  together or garbage, and pieces cut at arbitrary points would be stored as articles with
  invented boundaries, duplicated metadata and ids that match nothing;
- the user knows the real structure and can split it (JSONL, CSV, the export formats that
  storyline already splits per document);
- the parse of one text holds memory in proportion to its length (about 1 GB per 300,000
  characters with en_core_web_sm, measured here), so the limit also bounds extraction.

The byte limits only bound what is read into memory before the text is known (markup, wide
encodings): they are ceilings derived from the text limit, not separate rules. JSONL and CSV are
streamed record by record and have no file-size limit; formats read whole do.
"""

from __future__ import annotations

MB = 1024 * 1024

MAX_TEXT_CHARS = 200_000
# One document (a single-article file, stdin, one JSONL line, one CSV record): the text at up to
# 4 bytes a character plus HTML markup around it.
MAX_DOCUMENT_BYTES = 16 * MB
# A file that must be read whole to be split (a JSON list, a Nexis or Factiva export).
MAX_WHOLE_FILE_BYTES = 64 * MB


def text_too_long(chars: int) -> str:
    """The one-line reason a text of `chars` characters is refused."""
    return (f"text is {chars:,} characters, over the {MAX_TEXT_CHARS:,}-character limit for "
            "one article (split it into articles, e.g. as JSONL)")
