"""PLOVER records validate against the schema written from the specification; GeoJSON and
CSV carry coordinates from the gazetteer; negated events are marked, not plain events."""

from __future__ import annotations

import csv
import io
import json

import pytest
from jsonschema import Draft202012Validator
from tests.output.sample import build_store
from typer.testing import CliRunner

from storyline.cli import app
from storyline.output.plover import plover_record, schema
from storyline.records import ActorRef, Event


def _event(**kw) -> Event:
    base = dict(article_id="a" * 32, start=0, end=20, quote="Troops entered Rafah",
                type="ASSAULT", mode="heavy-weapons", trigger="entered",
                actors=[ActorRef("Troops", "Israel Defense Forces", "military", "ISR", "MIL")],
                location="Rafah", date_earliest="2024-05-07", date_latest="2024-05-07",
                date_basis="explicit", sentence="Troops entered Rafah on 7 May.")
    return Event(**(base | kw))


@pytest.fixture(scope="module")
def validator():
    Draft202012Validator.check_schema(schema())
    return Draft202012Validator(schema())


def test_records_validate_and_places_are_geonames(validator):
    from storyline.extract.places import resolve_place

    record = plover_record(_event(), {"outlet": "Example News", "url": "https://x.example/1"},
                           link="c1", language="en", place=resolve_place("Rafah"))
    assert list(validator.iter_errors(record)) == []
    loc = record["event_loc"]
    assert (loc["geonameid"], loc["country code"], loc["cc3"], loc["admin1 code"]) == (
        281102, "PS", "PSE", "GZ")
    assert 31 < loc["latitude"] < 32 and 34 < loc["longitude"] < 35


@pytest.mark.parametrize("modality, context", [
    ("negated", ["negation"]), ("future", ["future"]), ("hypothetical", ["hypothetical"]),
    ("asserted", []), ("reported", []),
])
def test_modality_goes_to_the_special_contexts(validator, modality, context):
    record = plover_record(_event(modality=modality), {})
    assert record["context"] == context and record["storyline"]["modality"] == modality
    assert list(validator.iter_errors(record)) == []


def test_schema_rejects_what_the_spec_forbids(validator):
    good = plover_record(_event(), {})
    for broken in ({**good, "mode": "heavy-weapons"}, {**good, "date": "7 May 2024"},
                   {k: v for k, v in good.items() if k != "source"},
                   {**good, "event": ["BOMBARD"]}, {**good, "quad_code": 5}):
        assert list(validator.iter_errors(broken)), broken


def test_every_export_validates(tmp_path, validator):
    store = build_store(tmp_path / "story.db")
    url = store.url
    store.close()
    runner = CliRunner()
    result = runner.invoke(app, ["export", "--format", "plover", "--db", url])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert records
    for record in records:
        errors = [e.message for e in validator.iter_errors(record)]
        assert not errors, (record["id"], errors)


@pytest.mark.shared
def test_bbc_sample_exports_validate_and_locate(shared_dir, tmp_path, validator):
    """Every PLOVER record of a small real corpus validates; GeoJSON points and CSV rows carry
    the gazetteer's coordinates."""
    lines = (shared_dir / "data/news/bbc-2023-12-to-2024-07.jsonl").read_text().splitlines()
    sample = tmp_path / "bbc.jsonl"
    sample.write_text("\n".join(lines[:25]) + "\n", encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'bbc.db'}"
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", str(sample), "--db", db, "--quiet"]).exit_code == 0
    plover = runner.invoke(app, ["export", "-f", "plover", "--db", db])
    records = [json.loads(x) for x in plover.stdout.splitlines() if x.startswith("{")]
    assert len(records) > 20
    for record in records:
        assert not list(validator.iter_errors(record)), record["id"]
    negated = [r for r in records if r["storyline"]["modality"] == "negated"]
    assert all(r["context"] == ["negation"] for r in negated)
    geo = json.loads(runner.invoke(app, ["export", "-f", "geojson", "--db", db]).stdout)
    assert geo["features"]
    for f in geo["features"]:
        lon, lat = f["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90 and f["properties"]["place"]
    rows = list(csv.DictReader(io.StringIO(runner.invoke(
        app, ["export", "-f", "csv", "--what", "events", "--db", db]).stdout)))
    located = [r for r in rows if r["location"]]
    assert located and sum(1 for r in located if r["latitude"]) >= 0.8 * len(located)
