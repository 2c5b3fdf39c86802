"""Label placement for map.svg: templates/labels.js's rules, step for step, in Python.

The page places its labels in the browser (labels.js, on boxes it measures);
map.svg is written at build time with no browser, and follows the same rules
so that the picture and the page name their places alike: beside the mark
where a side is free, else off on a leader line, nearest first and out of the
crowd, never over another label, mark or obstacle, a leader crossing no other
where any place is left that it need not. The arithmetic is the script's, in
its order (its cosines and sines to a millionth, as the two runtimes'
trigonometry may differ in the last bit), so that the same items give the same
boxes: tests/test_svg_labels.py runs both on the same plain data. A change to
one is made to the other.

place(items, obstacles, frame) takes and returns what labels.js's place does,
as dicts: items {x, y, r, w, h, numberW?, centred?} in priority order,
obstacles {left, top, right, bottom}, frame {width, height}; one result per
item, {box, leader: None | [x1, y1, x2, y2], number, fits}.
"""

from __future__ import annotations

import math

GAP = 3  # between a mark and the label beside it
INSET = 2  # a label keeps this far inside the frame
LEADER_STEPS = (26, 40, 58, 80, 106, 136, 170, 210, 260)  # leader lengths tried, as far as a tall phone's room
ANGLES = 16
SMALL_FRAME = {"width": 480, "height": 400}
SMALL_REACH = 58  # in a frame under SMALL_FRAME both ways a name goes no farther off than this; past it, its number
CROWD = 120  # marks this close to an item are its crowd, which its leader leads out of
REPAIRS = 2  # rounds of trying a crossing leader again
CROSSED = 100  # two leaders crossing weigh as much as a hundred lesser faults

Box = dict[str, float]


def overlap(a: Box, b: Box) -> float:
    w = min(a["right"], b["right"]) - max(a["left"], b["left"])
    h = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
    return w * h if w > 0 and h > 0 else 0


def box(left: float, top: float, w: float, h: float) -> Box:
    return {"left": left, "top": top, "right": left + w, "bottom": top + h}


def crosses(seg: list[float], b: Box) -> bool:
    """Whether a segment passes through a box (Liang–Barsky)."""
    x1, y1 = seg[0], seg[1]
    dx, dy = seg[2] - x1, seg[3] - y1
    t0, t1 = 0.0, 1.0
    p = (-dx, dx, -dy, dy)
    q = (x1 - b["left"], b["right"] - x1, y1 - b["top"], b["bottom"] - y1)
    for pk, qk in zip(p, q, strict=True):
        if pk == 0:
            if qk < 0:
                return False
            continue
        t = qk / pk
        if pk < 0:
            if t > t1:
                return False
            t0 = max(t0, t)
        else:
            if t < t0:
                return False
            t1 = min(t1, t)
    return t1 - t0 > 1e-6


def _sign(v: float) -> int:
    return (v > 0) - (v < 0)


def _side(px: float, py: float, qx: float, qy: float, rx: float, ry: float) -> int:
    return _sign((qx - px) * (ry - py) - (qy - py) * (rx - px))


def cross(a: list[float], b: list[float]) -> bool:
    """Whether two segments cross each other (touching at an end does not count)."""
    return (
        _side(a[0], a[1], a[2], a[3], b[0], b[1]) * _side(a[0], a[1], a[2], a[3], b[2], b[3]) < 0
        and _side(b[0], b[1], b[2], b[3], a[0], a[1]) * _side(b[0], b[1], b[2], b[3], a[2], a[3]) < 0
    )


def _trig(v: float) -> float:
    return math.floor(v * 1e6 + 0.5) / 1e6


def _nearest(b: Box, x: float, y: float) -> tuple[float, float]:
    return min(max(x, b["left"]), b["right"]), min(max(y, b["top"]), b["bottom"])


def _candidates(item: dict, w: float, h: float, reach: float, first: int) -> list[tuple[Box, list[float] | None]]:
    """Where a label of w×h may go around an item: beside first, then off on a leader."""
    x, y, r = item["x"], item["y"], item["r"] + GAP
    if item.get("centred"):
        beside = [box(x - w / 2, y - h / 2, w, h), box(x - w / 2, y - r - h, w, h), box(x - w / 2, y + r, w, h)]
    else:
        beside = [
            box(x + r, y - h / 2, w, h),
            box(x - r - w, y - h / 2, w, h),
            box(x - w / 2, y - r - h, w, h),
            box(x - w / 2, y + r, w, h),
            box(x + r * 0.7, y - r * 0.7 - h, w, h),
            box(x + r * 0.7, y + r * 0.7, w, h),
            box(x - r * 0.7 - w, y - r * 0.7 - h, w, h),
            box(x - r * 0.7 - w, y + r * 0.7, w, h),
        ]
    out: list[tuple[Box, list[float] | None]] = [(b, None) for b in beside]
    for d in LEADER_STEPS:
        if d > reach:
            continue
        for k in range(ANGLES):
            turn = first + (1 if k % 2 else -1) * math.ceil(k / 2)
            a = (turn * 2 * math.pi) / ANGLES
            c, s = _trig(math.cos(a)), _trig(math.sin(a))
            ax, ay = x + c * (item["r"] + d), y + s * (item["r"] + d)
            left = ax if c > 0.38 else ax - w if c < -0.38 else ax - w / 2
            top = ay if s > 0.38 else ay - h if s < -0.38 else ay - h / 2
            b = box(left, top, w, h)
            ex, ey = _nearest(b, x, y)
            length = math.sqrt((ex - x) * (ex - x) + (ey - y) * (ey - y))
            start = (x + ((ex - x) / length) * item["r"], y + ((ey - y) / length) * item["r"])
            out.append((b, [start[0], start[1], ex, ey]))
    return out


def _outward(items: list[dict]) -> list[int]:
    """Each item's way out of its crowd, in steps of the leader angles (labels.js's `outward`)."""
    turns = []
    for item in items:
        sx = sy = 0.0
        n = 0
        for other in items:
            dx, dy = item["x"] - other["x"], item["y"] - other["y"]
            if dx * dx + dy * dy <= CROWD * CROWD:
                sx += other["x"]
                sy += other["y"]
                n += 1
        dx, dy = item["x"] - sx / n, item["y"] - sy / n
        turns.append(
            0 if dx * dx + dy * dy < 1 else math.floor(_trig((math.atan2(dy, dx) * ANGLES) / (2 * math.pi)) + 0.5)
        )
    return turns


def _better(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] < b[0] or (a[0] == b[0] and a[1] < b[1])


def place(items: list[dict], obstacles: list[Box], frame: dict) -> list[dict]:
    """One placement per item, in the items' order (see the module's docstring)."""
    inner = {"left": INSET, "top": INSET, "right": frame["width"] - INSET, "bottom": frame["height"] - INSET}
    # numbers, as a last resort, in a frame narrower or lower than SMALL_FRAME
    small = frame["width"] < SMALL_FRAME["width"] or frame["height"] < SMALL_FRAME["height"]
    tight = frame["width"] < SMALL_FRAME["width"] and frame["height"] < SMALL_FRAME["height"]
    marks = [
        None
        if item.get("centred")
        else {
            "left": item["x"] - item["r"],
            "top": item["y"] - item["r"],
            "right": item["x"] + item["r"],
            "bottom": item["y"] + item["r"],
        }
        for item in items
    ]
    placed: list[dict | None] = [None] * len(items)
    outward = _outward(items)

    def cost(b: Box, line: list[float] | None, me: int) -> tuple[float, float]:
        hard, soft = (b["right"] - b["left"]) * (b["bottom"] - b["top"]) - overlap(b, inner), 0
        for other in obstacles:
            hard += overlap(b, other)
            soft += bool(line and crosses(line, other))
        for k, mark in enumerate(marks):
            if mark:
                hard += overlap(b, mark)
                soft += bool(line and k != me and crosses(line, mark))
        for k, done in enumerate(placed):
            if not done or k == me:
                continue
            hard += overlap(b, done["box"])
            soft += bool(done["leader"] and crosses(done["leader"], b))
            soft += bool(line and crosses(line, done["box"]))
            soft += CROSSED if line and done["leader"] and cross(line, done["leader"]) else 0
        return hard, soft

    def best(item: dict, k: int, w: float, reach: float) -> dict:
        found: dict | None = None
        for b, line in _candidates(item, w, item["h"], reach, outward[k]):
            c = cost(b, line, k)
            if found is None or _better(c, found["cost"]):
                found = {"box": b, "leader": line, "cost": c}
            if c == (0, 0):
                break
        assert found is not None
        return found

    def reach_of(item: dict, number: bool) -> float:
        return math.inf if number else SMALL_REACH if tight and item.get("numberW") else math.inf

    for k, item in enumerate(items):  # in priority order, each where it is best among those before it
        chosen = {**best(item, k, item["w"], reach_of(item, False)), "number": False}
        if chosen["cost"][0] > 0 and small and item.get("numberW"):
            numbered = best(item, k, item["numberW"], math.inf)
            if _better(numbered["cost"], chosen["cost"]):
                chosen = {**numbered, "number": True}
        placed[k] = chosen
    done = [p for p in placed if p]  # every item is placed by now
    for _ in range(REPAIRS):  # a leader crossing another, placed before the labels after it were known, tried again
        moved = False
        for k, item in enumerate(items):
            mine = done[k]
            if not mine["leader"] or mine["cost"][0] > 0:
                continue
            if not any(j != k and o["leader"] and cross(mine["leader"], o["leader"]) for j, o in enumerate(done)):
                continue
            now = cost(mine["box"], mine["leader"], k)
            again = best(item, k, item["numberW"] if mine["number"] else item["w"], reach_of(item, mine["number"]))
            if _better(again["cost"], now):
                done[k] = placed[k] = {**again, "number": mine["number"]}
                moved = True
        if not moved:
            break
    return [{"box": p["box"], "leader": p["leader"], "number": p["number"], "fits": p["cost"][0] == 0} for p in done]
