"""Ingest: read files of any supported format, repair their text, take their metadata, dedupe."""
