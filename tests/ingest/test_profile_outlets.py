"""Outlets named by URL come from the chosen story profile's outlets.yaml, not the default's."""

from __future__ import annotations

from pathlib import Path

from storyline.ingest.metadata import Outlets, outlet_from_text, outlet_from_url, outlets_of
from storyline.ingest.readers import ReadOptions, read_document
from storyline.profiles import load_profile

GRAIN = Path(__file__).resolve().parents[2] / "examples" / "grain-deal" / "profile"

PAGE = """# Ships leave the port

**Ana Vel**

**2022-08-01 10:00**

**https://news.harbour.example/2022/08/01/ships**

Three ships left the port on Monday, the port authority said, after weeks of waiting at anchor.
"""

TABLE = Outlets.from_data({"outlets": {"harbour.example": "Harbour Post"},
                           "second_level_suffixes": ["co.uk"]})


def test_url_outlet_by_the_given_table():
    assert outlet_from_url("https://news.harbour.example/a", TABLE) == "Harbour Post"
    assert outlet_from_url("https://www.other.co.uk/a", TABLE) == "other.co.uk"


def test_reader_uses_the_options_outlets():
    doc = read_document("page.md", PAGE, ReadOptions(outlets=TABLE))[0]
    assert doc.outlet == "Harbour Post"
    default = read_document("page.md", PAGE, ReadOptions())[0]
    assert default.outlet == "harbour.example"  # the default profile does not know it


def test_told_outlet_by_the_given_table():
    text = "A port official told the Harbour Post that three ships had left."
    assert outlet_from_text(text, TABLE) == ("Harbour Post", "told the Harbour Post")
    empty = Outlets.from_data({"outlets": {}})
    assert outlet_from_text(text, empty) is None


def test_profile_outlets_table():
    table = outlets_of(load_profile(GRAIN))
    assert outlet_from_url("https://meridian-daily.example/x", table) == "Meridian Daily"
