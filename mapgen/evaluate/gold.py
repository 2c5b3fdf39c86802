"""The annotated texts that mapgen is measured against, read from JSON lines."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ..errors import GoldDataError


@dataclass(frozen=True)
class GoldPlace:
    name: str
    start: int
    end: int
    lat: float
    lon: float
    kind: str | None = None
    geonameid: int | None = None


@dataclass(frozen=True)
class GoldText:
    id: str
    text: str
    language: str
    places: tuple[GoldPlace, ...]
    # spans of associative toponyms ("Moscow denied"): marking them is neither required nor wrong
    optional: tuple[tuple[int, int], ...] = ()


def load_gold(path: str | Path) -> list[GoldText]:
    """The annotated texts of a JSON-lines file; a bad line is a GoldDataError naming it."""
    path = Path(path)
    try:
        lines = path.read_text("utf-8-sig").splitlines()
    except FileNotFoundError:
        raise GoldDataError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as err:
        raise GoldDataError(f"{path}: cannot read ({err})") from None
    texts = []
    for number, line in enumerate(lines, 1):
        if line.strip():
            texts.append(_gold_text(line, f"{path}:{number}"))
    if not texts:
        raise GoldDataError(f"{path}: no annotated text in it")
    return texts


def _gold_text(line: str, where: str) -> GoldText:
    try:
        record = json.loads(line)
        text = record["text"]
        places = tuple(
            GoldPlace(
                p["name"],
                int(p["start"]),
                int(p["end"]),
                float(p["lat"]),
                float(p["lon"]),
                p.get("kind"),
                int(p["geonameid"]) if p.get("geonameid") else None,
            )
            for p in record["places"]
        )
        optional = tuple((int(p["start"]), int(p["end"])) for p in record.get("optional", ()))
    except json.JSONDecodeError as err:
        raise GoldDataError(f"{where}: not JSON ({err.msg})") from None
    except (KeyError, TypeError, ValueError) as err:
        raise GoldDataError(f"{where}: not an annotated text (missing or bad {err})") from None
    if not isinstance(text, str):
        raise GoldDataError(f"{where}: 'text' must be a string, not {json.dumps(text)}")
    for p in places:
        if p.start < 0 or p.end < p.start:
            raise GoldDataError(f"{where}: the offsets of '{p.name}' ({p.start}, {p.end}) are not a span of the text")
        if not (-90 <= p.lat <= 90 and -180 <= p.lon <= 180):
            raise GoldDataError(f"{where}: '{p.name}' lies off the Earth (lat {p.lat}, lon {p.lon})")
        if text[p.start : p.end] != p.name:
            raise GoldDataError(f"{where}: the offsets of '{p.name}' do not point to it in the text")
    return GoldText(str(record.get("id", where)), text, record.get("language") or "en", places, optional)
