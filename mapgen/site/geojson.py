"""The places of an article as GeoJSON (RFC 7946), for the site and `mapgen places --json`.

A mention's `start` and `end` count Unicode code points into the article's
text, as Python's str does (not UTF-16 units, as JavaScript's strings do: the
page converts before it highlights).
"""

from __future__ import annotations

import json
from ..model import Article, Place


def feature_collection(article: Article, places: list[Place]) -> dict:
    """One Point Feature per place, with every mention's offsets into the article's text.

    The article's title, date and language ride along as foreign members
    (RFC 7946 §6.1), so a places.geojson found alone still says what it maps.
    """
    return {
        "type": "FeatureCollection",
        "title": article.title,
        "date": article.date,
        "language": article.language,
        "features": [_feature(p) for p in places],
    }



def _feature(place: Place) -> dict:
    chosen = place.chosen
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [round(chosen.lon, 5), round(chosen.lat, 5)]},
        "properties": {
            "name": place.name,
            "resolved": chosen.name,
            "kind": place.kind,
            "country": chosen.country,
            "geonameid": chosen.geonameid,
            "confidence": round(place.confidence, 3),
            "low_confidence": place.low_confidence,
            "check": place.check,  # why a desk should check this marker; null when mapgen is sure
            "mentions": [
                {"text": m.text, "start": m.start, "end": m.end, "sentence": m.sentence} for m in place.mentions
            ],
            "origin": place.origin,  # resolved by mapgen, or pinned or added by a corrections file
            "renamed_from": place.renamed_from,
            "role": place.role,  # focus or context, for the map's framing
        },
    }


def dumps(collection: dict) -> str:
    """Stable text: the same places always give the same bytes."""
    return json.dumps(collection, ensure_ascii=False, separators=(",", ":"))
