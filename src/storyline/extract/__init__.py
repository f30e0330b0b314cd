"""Extraction: actors, events, figures and statements from one parsed article."""
