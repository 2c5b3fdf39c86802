"""How the story's first view changes from a git revision's framing (main by default) to this tree's.

Reads every passage of the dev sets (benchmarks/data/*-dev.jsonl) and the
examples once, then frames each with both framings (the revision's
mapgen/site/framing.py is loaded beside this tree's, from `git show`, so both
run on the same places in one run) and prints, per set: the stories, how
many of them open on a local view (under framing.LOCAL_KM) before and after,
and how many frames change; then each changed frame: its span in km before
and after, the places that now get a pointer instead of stretching the
frame (? marks a flagged one, @ its distance in km from the new frame), and
those still in the story but left out of the new box: + marks an area around
the story's places (framing.around_story), which the page points at from no
edge; the page points at the others where they fall out of view.

    python benchmarks/local_framing.py [--baseline REV] [--sets local,news]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
from pathlib import Path

from mapgen import find_places, read_article
from mapgen.geo import distance_km
from mapgen.site import framing

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "benchmarks" / "data"


def baseline_framing(rev: str):
    """The revision's framing module, as a sibling of this tree's (its relative imports resolve)."""
    source = subprocess.run(
        ["git", "-C", str(ROOT), "show", f"{rev}:mapgen/site/framing.py"], check=True, capture_output=True, text=True
    ).stdout
    spec = importlib.util.spec_from_loader("mapgen.site._baseline_framing", loader=None)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclass looks itself up there
    exec(compile(source, f"{rev}:framing.py", "exec"), module.__dict__)
    return module


def span(bounds: list[list[float]]) -> float:
    (south, west), (north, east) = bounds
    return distance_km(south, west, north, east)


def away(place, bounds: list[list[float]]) -> float:
    """How far a place lies from a frame's box."""
    (south, west), (north, east) = bounds
    lat, lon = min(max(place.chosen.lat, south), north), min(max(place.chosen.lon, west), east)
    return distance_km(lat, lon, place.chosen.lat, place.chosen.lon)


def inside(place, bounds: list[list[float]]) -> bool:
    return away(place, bounds) == 0


def stories(sets: list[str]):
    for name in sets:
        for line in (DATA / f"{name}-dev.jsonl").read_text("utf-8").splitlines():
            record = json.loads(line)
            yield name, record["id"], find_places(record["text"], language=record.get("language"))
    for path in sorted((ROOT / "examples").glob("article-*.txt")):
        yield "examples", path.stem, find_places(read_article(path))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--baseline", default="main")
    parser.add_argument(
        "--sets", default=",".join(sorted(p.name.removesuffix("-dev.jsonl") for p in DATA.glob("*-dev.jsonl")))
    )
    args = parser.parse_args()
    old_framing = baseline_framing(args.baseline)
    totals: dict[str, list[int]] = {}
    changed = []
    for name, key, places in stories(args.sets.split(",")):
        old, new = old_framing.story_view(places), framing.story_view(places)
        if old is None or new is None:
            continue
        row = totals.setdefault(name, [0, 0, 0, 0])
        row[0] += 1
        row[1] += span(old.bounds) < framing.LOCAL_KM
        row[2] += span(new.bounds) < framing.LOCAL_KM
        if old.bounds != new.bounds or old.far != new.far:
            row[3] += 1
            pointed = [
                f"{places[k].name}{'?' if places[k].low_confidence else ''}@{away(places[k], new.bounds):.0f}"
                for k in sorted(new.far - old.far)
            ]
            back = [places[k].name for k in sorted(old.far - new.far)]
            near = [p for k, p in enumerate(places) if k not in new.far]
            out = [
                f"{places[k].name}{'+' if framing.around_story(places[k], near) else ''}"
                for k in range(len(places))
                if k not in new.far and inside(places[k], old.bounds) and not inside(places[k], new.bounds)
            ]
            changed.append(
                f"  {key:14} {span(old.bounds):6.0f} → {span(new.bounds):6.0f} km"
                f"  pointed at: {', '.join(pointed) or '-'}"
                + (f"  no longer far: {', '.join(back)}" if back else "")
                + (f"  out of the box: {', '.join(out)}" if out else "")
            )
    print(f"baseline {args.baseline} beside this tree\n")
    print(f"{'set':10} {'stories':>8} {'local before':>13} {'local after':>12} {'changed':>8}")
    for name, (n, before, after, moved) in totals.items():
        print(f"{name:10} {n:8} {before:13} {after:12} {moved:8}  ({moved / n:.0%})")
    n, before, after, moved = (sum(row[i] for row in totals.values()) for i in range(4))
    print(f"{'all':10} {n:8} {before:13} {after:12} {moved:8}  ({moved / n:.0%})\n")
    print("changed frames (span before → after):")
    print("\n".join(changed))


if __name__ == "__main__":
    sys.exit(main())
