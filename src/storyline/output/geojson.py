"""GeoJSON (RFC 7946) export: one Point feature per event cluster whose location the
gazetteer resolves, coordinates as [longitude, latitude]; unresolved locations are counted
in the collection's `unplaced` member, never guessed."""

from __future__ import annotations

from storyline.output.selection import Selection


def to_geojson(sel: Selection) -> dict:
    """The selected story's located event clusters as a FeatureCollection."""
    from storyline.extract.places import resolve_place

    features, unplaced, cache = [], 0, {}
    for c in sel.story.clusters:
        if not c.location:
            continue
        if c.location not in cache:
            cache[c.location] = resolve_place(c.location)
        place = cache[c.location]
        if place is None:
            unplaced += 1
            continue
        first = c.first_report
        features.append({
            "type": "Feature",
            "id": c.id,
            "geometry": {"type": "Point",
                         "coordinates": [round(place.longitude, 5), round(place.latitude, 5)]},
            "properties": {
                "date_earliest": c.date_earliest, "date_latest": c.date_latest,
                "date_basis": c.date_basis, "type": c.type, "mode": c.mode,
                "polarity": c.polarity, "label": c.label, "summary": c.summary,
                "actors": list(c.actors), "recipients": list(c.recipients),
                "mentions": len(c.mentions), "outlets": list(c.outlets),
                "location_text": c.location, "place": place.name, "place_kind": place.kind,
                "qualifier": place.qualifier, "geonameid": place.geonameid,
                "country_code": place.country_code, "country": place.country,
                "admin1": place.admin1,
                "first_url": first.url if first else None,
            },
        })
    return {"type": "FeatureCollection", "features": features, "unplaced": unplaced}
