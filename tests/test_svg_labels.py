"""map.svg's labels: labels.js's rules in Python (mapgen/site/labels.py), on the plain data node's tests use."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from mapgen.site import labels

ROOT = Path(__file__).resolve().parents[1]
CASES = json.loads((ROOT / "tests" / "js" / "label-cases.json").read_text("utf-8"))

RUN_SCRIPT = """
const labels = require(process.argv[1]), cases = require(process.argv[2]), out = {};
for (const [name, c] of Object.entries(cases)) out[name] = labels.place(c.items, c.obstacles, c.frame);
process.stdout.write(JSON.stringify(out));
"""


def crossings(results) -> int:
    leaders = [r["leader"] for r in results if r["leader"]]
    return sum(labels.cross(a, b) for k, a in enumerate(leaders) for b in leaders[k + 1 :])


def test_python_places_every_label_where_the_page_script_does():
    node = shutil.which("node")
    if node is None:
        pytest.skip("node not installed")
    script = subprocess.run(
        [
            node,
            "-e",
            RUN_SCRIPT,
            str(ROOT / "templates" / "labels.js"),
            str(ROOT / "tests" / "js" / "label-cases.json"),
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    page = json.loads(script.stdout)
    for name, case in CASES.items():
        ours = labels.place(case["items"], case["obstacles"], case["frame"])
        assert len(ours) == len(page[name])
        for k, (a, b) in enumerate(zip(ours, page[name], strict=True)):
            assert (a["number"], a["fits"], a["leader"] is None) == (b["number"], b["fits"], b["leader"] is None), (
                name,
                k,
            )
            assert a["box"] == pytest.approx(b["box"], abs=1e-9), (name, k)
            if a["leader"]:
                assert a["leader"] == pytest.approx(b["leader"], abs=1e-9), (name, k)


def test_a_storms_40_labels_are_disjoint_clear_of_obstacles_and_their_leaders_uncrossed():
    case = CASES["storm"]
    placed = labels.place(case["items"], case["obstacles"], case["frame"])
    assert all(r["fits"] for r in placed)
    boxes = [r["box"] for r in placed] + case["obstacles"]
    assert not any(labels.overlap(a, b) for k, a in enumerate(boxes) for b in boxes[k + 1 :])
    assert crossings(placed) == 0
    assert any(r["leader"] for r in placed), "a crowd needs leaders"


@pytest.fixture(scope="module")
def storm(tmp_path_factory):
    import mapgen

    return mapgen.build_site(ROOT / "examples" / "article-storm40.txt", tmp_path_factory.mktemp("storm") / "site")


# Every label's and pointer's text box as Chromium lays it out, and every leader line, in map.svg's pixels.
GEOMETRY = """() => {
  const svg = document.querySelector('svg');
  const boxes = [...svg.querySelectorAll('g.places text')].map(t => {
    const b = t.getBBox(); return [t.textContent, b.x, b.y, b.x + b.width, b.y + b.height]; });
  const leaders = [...svg.querySelectorAll('path.leader')].map(p => p.getAttribute('d').match(/-?[\\d.]+/g).map(Number));
  return { boxes, leaders };
}"""


def test_map_svg_of_a_40_place_story_has_no_overlapping_labels_and_no_crossing_leaders(visit, storm):
    page = visit((storm.out_dir / "map.svg").as_uri(), storm.out_dir, viewport={"width": 800, "height": 600}).page
    shapes = page.evaluate(GEOMETRY)
    boxes = [{"left": b[1], "top": b[2], "right": b[3], "bottom": b[4], "name": b[0]} for b in shapes["boxes"]]
    assert len(boxes) >= 30
    overlapping = [
        (a["name"], b["name"]) for k, a in enumerate(boxes) for b in boxes[k + 1 :] if labels.overlap(a, b) > 0
    ]
    assert not overlapping
    leaders = shapes["leaders"]
    assert leaders, "a crowded map has leaders"
    crossing = [(a, b) for k, a in enumerate(leaders) for b in leaders[k + 1 :] if labels.cross(a, b)]
    assert not crossing
