"""Which names of an article have namesakes beside each other: the villages of
one local story vouch for each other before any of them is settled ("North
Lismore", "Coraki", "Casino": each too small to stand alone), while namesakes
far apart do not."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from itertools import repeat

from ..model import Candidate

CELL_DEGREES = 0.5  # about 55 km north to south: a namesake in the same cell or one beside it is close by

Cell = tuple[int, int] | str  # a square of the map, or a country (by its code), which holds its towns


@dataclass(frozen=True)
class Cells:
    """Each cell's names, each counted by the share of its namesakes there: a name borne by one
    place counts whole, "Springfield" a sixteenth; and each cell's total, so that a candidate's
    neighbours cost the same however many names the article has."""

    shares: dict[Cell, dict[str, float]] = field(default_factory=dict)
    totals: dict[Cell, float] = field(default_factory=dict)


def neighbour_cells(names: Iterable[tuple[str, Sequence[Candidate]]]) -> Cells:
    shares: dict[Cell, dict[str, float]] = defaultdict(dict)
    totals: dict[Cell, float] = defaultdict(float)
    for key, found in names:
        local = [c for c in found if c.feature in ("city", "admin")]
        for c in local:
            for cell in (_square(c), c.country or ""):
                shares[cell][key] = shares[cell].get(key, 0.0) + 1 / len(local)
                totals[cell] += 1 / len(local)
    return Cells(dict(shares), dict(totals))


def neighbours(c: Candidate, own_key: str, cells: Cells) -> float:
    """How many other names have a town or an area in the candidate's square or one beside it (in
    the country, for a country), each counted by the share of its namesakes there."""
    around: list[Cell]
    if c.feature == "country":
        around = [c.country or ""]
    elif c.feature in ("city", "admin"):
        row, column = _square(c)
        around = [(row + dr, column + dc) for dr in (-1, 0, 1) for dc in (-1, 0, 1)]
    else:
        return 0.0
    total = sum(map(cells.totals.get, around, repeat(0.0)))  # each cell's, or 0.0
    own = sum(cells.shares.get(cell, {}).get(own_key, 0.0) for cell in around)
    return max(0.0, total - own)


def _square(c: Candidate) -> tuple[int, int]:
    return math.floor(c.lat / CELL_DEGREES), math.floor(c.lon / CELL_DEGREES)
