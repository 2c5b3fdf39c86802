"""What every data source hands the index builder: a place and the names it goes by."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..model import Candidate

# A callback told how far the index build has gone: (step done, steps in all, what).
Progress = Callable[[int, int, str], None]


@dataclass(frozen=True)
class Entry:
    candidate: Candidate
    names: frozenset[str]
    # Its name in each language that has one, ((ISO 639 code, name), ...): what a
    # reader of that language sees in the popup. GeoNames' dumps say which for
    # every place, CLDR for countries; the towns' package never does.
    local: tuple[tuple[str, str], ...] = ()
