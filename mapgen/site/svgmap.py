"""map.svg: a picture of the map's first view, written in Python at build time.

It is the page with no browser: the `<noscript>` fallback of index.html and
embed.html, the print version of index.html, and the SVG a desk exports. It
draws from the same data the page script gets (render.build_map), framed as
Leaflet's fitBounds frames the first view of a 4:3 map: Web Mercator at the
whole zoom that holds the story's places inside the page's margins.

Drawn bottom to top: sea, the countries (a local or regional story's sharp
land over a sea-covered window, as the page does), the countries and areas the article
names shaded, lakes and rivers, the story's admin-1 lines, towns for
orientation, each place's mark, then the labels: beside the mark where one
fits, else at a distance with a leader line, else the place's number (listed
in a key under the map). A place outside the view is a pointer on the edge
that points at it, unless it is an area around the story or partly in view. Every text comes from articles or gazetteers and is
escaped; the output depends on nothing but its input, so one article always
gives the same bytes.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
import math
from html import escape

from . import labels
from .world import decode

WIDTH, HEIGHT = 800, 600  # the embed's 4:3
TILE = 256
FONT = 12  # px, labels
CITY_FONT = 11
PAD = 3  # px around a label's text, for its halo
LABEL_H = FONT + 2 * PAD + 2  # a label's box: its line and the halo
SYMBOL_RADIUS = {"place": 8, "country": 9, "region": 11}  # as mapgen.js gives labels.js, to keep clear of
Box = tuple[float, float, float, float]  # left, top, right, bottom in px

COLOURS = {
    "ink": "#1d1d1f",
    "paper": "#ffffff",
    "muted": "#5a5a60",
    "city": "#c0392b",
    "country": "#1f5f99",
    "region": "#6b3fa0",
    "sea": "#d4e4ee",
    "land": "#f6f4ef",
    "border": "#c2bcb0",
    "area": "#e3dccb",
}

STYLE = (
    ".land{fill:%(land)s;stroke:%(border)s;stroke-width:.8}"
    ".named{fill:%(area)s;stroke:%(country)s;stroke-width:1.5}"
    ".admin{fill:%(area)s;fill-opacity:.75;stroke:%(region)s;stroke-width:1.5}"
    ".fine-edge{fill:none;stroke:%(border)s;stroke-width:4.6}"
    ".fine{fill:%(land)s;stroke:%(land)s;stroke-width:3}"
    ".fine.named{fill:%(area)s;stroke:%(area)s}"
    ".water{fill:%(sea)s;stroke:%(sea)s;stroke-width:.6}"
    ".river{fill:none;stroke:%(sea)s;stroke-width:1.2;stroke-linecap:round;stroke-linejoin:round}"
    ".line{fill:none;stroke:%(border)s;stroke-width:1;stroke-dasharray:4 3}"
    ".low{stroke-dasharray:4 3}"
    "text{font:%(font)spx system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;fill:%(ink)s;"
    "paint-order:stroke;stroke:%(paper)s;stroke-width:3px;stroke-linejoin:round}"
    ".town{fill:%(muted)s;font-size:%(city)spx}"
    ".countryname{fill:%(muted)s;font-size:10px;letter-spacing:.08em}"
    ".country text{fill:%(country)s;font-weight:600;letter-spacing:.04em}"
    ".region text{fill:%(region)s;font-style:italic}"
    ".leader{stroke:%(ink)s;stroke-width:.8;fill:none}"
    ".credit{fill:%(muted)s;font-size:10px}"
) % {**COLOURS, "font": FONT, "city": CITY_FONT}


# --- the projection: Leaflet's fitBounds, in Python -----------------------------------------


def world_px(lat: float, lon: float, zoom: float) -> tuple[float, float]:
    """Web Mercator at a zoom, in pixels from the world's north-west corner."""
    size = TILE * 2**zoom
    lat = max(-85.0511, min(85.0511, lat))
    y = math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))
    return (lon + 180.0) / 360.0 * size, (1 - y / math.pi) / 2 * size


def margins(width: int = WIDTH, height: int = HEIGHT) -> tuple[tuple[int, int], tuple[int, int]]:
    """frameStory's padding in mapgen.js: top-left, bottom-right."""
    margin = round(max(16, min(60, width / 8, height / 8)))
    return (margin + 40, margin), (margin + 40, margin + 16)


def _snapped(zoom: float, snap: float) -> float:
    """Leaflet's getBoundsZoom: to a hundredth of a step, then down to a whole step."""
    zoom = math.floor(zoom / (snap / 100) + 0.5) * (snap / 100)
    return math.floor(zoom / snap) * snap


class Frame:
    """The first view: a zoom and the world pixel at the picture's top-left corner."""

    def __init__(self, view: dict | None, min_zoom: int, *, snap: float = 1, width: int = WIDTH, height: int = HEIGHT):
        self.width, self.height = width, height
        if not view:
            self.zoom = max(min_zoom, 1)
            cx, cy = world_px(20.0, 0.0, self.zoom)
        else:
            (south, west), (north, east) = view["bounds"]
            (tl_x, tl_y), (br_x, br_y) = margins(width, height)
            room_x, room_y = width - tl_x - br_x, height - tl_y - br_y
            sw, ne = world_px(south, west, 0), world_px(north, east, 0)
            span_x, span_y = abs(ne[0] - sw[0]), abs(sw[1] - ne[1])
            scale = min(room_x / span_x if span_x else math.inf, room_y / span_y if span_y else math.inf)
            zoom = _snapped(math.log2(scale), snap) if scale != math.inf else view["maxZoom"]
            self.zoom = max(min_zoom, min(view["maxZoom"], zoom))
            a, b = world_px(south, west, self.zoom), world_px(north, east, self.zoom)
            cx = (a[0] + b[0]) / 2 + (br_x - tl_x) / 2
            cy = (a[1] + b[1]) / 2 + (br_y - tl_y) / 2
        self.x0, self.y0 = cx - width / 2, cy - height / 2

    def xy(self, lat: float, lon: float) -> tuple[float, float]:
        x, y = world_px(lat, lon, self.zoom)
        return x - self.x0, y - self.y0

    def box_of(self, south: float, west: float, north: float, east: float) -> Box:
        (x1, y1), (x2, y2) = self.xy(south, west), self.xy(north, east)
        return x1, y2, x2, y1

    def sees(self, box: Box, slack: float = 0) -> bool:
        return box[2] >= -slack and box[0] <= self.width + slack and box[3] >= -slack and box[1] <= self.height + slack

    def inside(self, x: float, y: float) -> bool:
        return 0 <= x <= self.width and 0 <= y <= self.height

    def path(self, rings: list, *, closed: bool = True) -> str:
        """Encoded rings (world.encode) as an SVG path's d, in whole pixels, points on one pixel dropped."""
        out = []
        x0, y0 = self.x0, self.y0
        for steps in rings:
            points: list[tuple[int, int]] = []
            for x, y in _world_ring(tuple(steps), self.zoom):
                p = (round(x - x0), round(y - y0))
                if not points or p != points[-1]:
                    points.append(p)
            if len(points) < (3 if closed else 2):
                continue
            out.append("M" + "L".join(f"{x} {y}" for x, y in points) + ("Z" if closed else ""))
        return "".join(out)

    def ring_box(self, steps) -> Box:
        return self.box_of(*_ring_bounds(tuple(steps)))


# A build draws the same rings again and again (every country of a wide view, in every page of a
# batch): each ring decoded and projected once per zoom, then only shifted to the frame.
@functools.lru_cache(maxsize=8192)
def _world_ring(steps: tuple[int, ...], zoom: float) -> tuple[tuple[float, float], ...]:
    """An encoded ring's points in world pixels at a zoom."""
    return tuple(world_px(lat, lon, zoom) for lon, lat in decode(list(steps)))


@functools.lru_cache(maxsize=8192)
def _ring_bounds(steps: tuple[int, ...]) -> tuple[float, float, float, float]:
    """An encoded ring's south, west, north and east."""
    points = decode(list(steps))
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    return min(lats), min(lons), max(lats), max(lons)


# --- labels -----------------------------------------------------------------------------------


def text_width(text: str, size: float = FONT) -> float:
    """An estimate of a label's width: system-ui's letters are about half an em, capitals wider."""
    wide = sum(1 for c in text if c.isupper() or c in "mwMW")
    narrow = sum(1 for c in text if c in "ijlrtfI.,'’ -")
    return size * (0.55 * len(text) + 0.15 * wide - 0.25 * narrow)


def _shown_text(place: dict) -> str:
    return place["name"].upper() if place["kind"] == "country" else place["name"]


def overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def fits(box: Box, frame: Frame, taken: list[Box]) -> bool:
    return (
        box[0] >= 2
        and box[1] >= 2
        and box[2] <= frame.width - 2
        and box[3] <= frame.height - 2
        and not any(overlaps(box, other) for other in taken)
    )


def _label_box(x: float, y: float, width: float, anchor: str) -> Box:
    left = x if anchor == "start" else x - width if anchor == "end" else x - width / 2
    return left - PAD, y - FONT + 1 - PAD, left + width + PAD, y + 3 + PAD


# --- the picture ---------------------------------------------------------------------------------


def _n(v: float) -> str:
    """A coordinate as the file writes it: one decimal, no trailing zero."""
    text = f"{v:.1f}"
    return text[:-2] if text.endswith(".0") else text


def render_svg(data: dict, world: Sequence[Mapping], *, title: str, credit: str, words: dict) -> str:
    """The map's first view as a standalone SVG document (see the module's docstring)."""
    basemap = data.get("basemap") or {}
    frame = Frame(data.get("view"), int(basemap.get("minZoom", 1)), snap=basemap.get("zoomSnap", 1))
    places = data.get("places") or []
    shapes = {country["code"]: country for country in world}
    named_countries = {p["code"] for p in places if p["kind"] == "country" and p.get("code") in shapes}
    low_countries = {p["code"] for p in places if p["kind"] == "country" and p.get("low")}
    out: list[str] = []
    add = out.append
    add(
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{frame.width}" height="{frame.height}" '
        f'viewBox="0 0 {frame.width} {frame.height}" role="img" aria-labelledby="mg-svg-title">'
    )
    add(f'<title id="mg-svg-title">{escape(title)}</title>')
    add(f"<style>{STYLE}</style>")
    add(f'<rect width="{frame.width}" height="{frame.height}" fill="{COLOURS["sea"]}"/>')

    # countries, the named ones shaded and drawn last
    def country_paths(named: bool) -> None:
        for country in world:
            if (country["code"] in named_countries) != named:
                continue
            polygons = [p for p in country["rings"] if p and frame.sees(frame.ring_box(p[0]), 4)]
            d = "".join(frame.path(polygon) for polygon in polygons)
            if d:
                low = " low" if country["code"] in low_countries else ""
                add(f'<path class="{"named" + low if named else "land"}" d="{d}"/>')

    add('<g class="countries">')
    country_paths(False)
    country_paths(True)
    add("</g>")
    fine = basemap.get("fine")
    if fine and frame.zoom >= fine["fromZoom"]:  # as the page hides it further out, where the window's edges show
        (south, west), (north, east) = fine["window"]
        l, t, r, b = frame.box_of(south, west, north, east)
        add(
            f'<g class="fineland"><rect x="{_n(l)}" y="{_n(t)}" width="{_n(r - l)}" height="{_n(b - t)}" fill="{COLOURS["sea"]}"/>'
        )
        kept = [a for a in fine["areas"] if any(p and frame.sees(frame.ring_box(p[0]), 4) for p in a["rings"])]
        for area in kept:
            d = "".join(frame.path(polygon) for polygon in area["rings"])
            if d:
                add(f'<path class="fine-edge" d="{d}"/>')
        for area in kept:
            d = "".join(frame.path(polygon) for polygon in area["rings"])
            if d:
                add(f'<path class="fine{" named" if area["code"] in named_countries else ""}" d="{d}"/>')
        add("</g>")
    lines = [line for line in data.get("adminLines") or [] if frame.sees(frame.ring_box(line), 4)]
    if lines:
        add('<path class="line" d="' + "".join(frame.path([line], closed=False) for line in lines) + '"/>')
    for place in places:
        shape = place.get("shape")
        if shape:
            d = "".join(frame.path(polygon) for polygon in shape["rings"])
            if d:
                add(f'<path class="admin{" low" if place.get("low") else ""}" d="{d}"/>')

    water = data.get("water") or {}
    if water:
        add('<g class="waters">')
        for polygon in water.get("lakes", []):
            if polygon and frame.sees(frame.ring_box(polygon[0]), 4):
                d = frame.path(polygon)
                if d:
                    add(f'<path class="water" d="{d}"/>')
        for line in water.get("rivers", []):
            if frame.sees(frame.ring_box(line), 4):
                d = frame.path([line], closed=False)
                if d:
                    add(f'<path class="river" d="{d}"/>')
        add("</g>")
    # where each place's mark stands
    marks = []
    for k, place in enumerate(places):
        shape = shape_of(place, shapes)
        lat, lon = (shape["at"][0], shape["at"][1]) if shape else (place["lat"], place["lon"])
        x, y = frame.xy(lat, lon)
        marks.append((k, place, x, y, bool(shape)))
    far = [
        (k, place, x, y)
        for k, place, x, y, _ in marks
        if not frame.inside(x, y) and not place.get("around") and not _shape_in_view(shape_of(place, shapes), frame)
    ]
    # in the page's order: the pointers, clear of the marks; the labels, clear of the pointers and the
    # credit line (labels.py: the page's rules); then towns and country names where room is left
    taken: list[Box] = [(x - 7, y - 7, x + 7, y + 7) for _, _, x, y, area in marks if frame.inside(x, y) and not area]
    credit_box = (frame.width - 8 - text_width(credit, 10), frame.height - 17, frame.width, frame.height)
    first_obstacle = len(taken)
    taken.append(credit_box)
    pointers = [_pointer(k + 1, place, x, y, frame, taken) for k, place, x, y in far]
    shown = sorted((m for m in marks if frame.inside(m[2], m[3])), key=lambda m: (-m[1].get("mentions", 0), m[0]))
    texts = [_shown_text(place) for _, place, _, _, _ in shown]
    obstacles = [{"left": b[0], "top": b[1], "right": b[2], "bottom": b[3]} for b in taken[first_obstacle:]]
    items = [
        {
            "x": x,
            "y": y,
            "r": 0 if area else SYMBOL_RADIUS.get(place["kind"], 8),
            "w": text_width(text) + 2 * PAD,
            "h": LABEL_H,
            "numberW": text_width(str(k + 1)) + 2 * PAD,
            "centred": area,
        }
        for (k, place, x, y, area), text in zip(shown, texts, strict=True)
    ]
    placed: dict[int, dict] = {}
    for (k, *_), text, spot in zip(
        shown, texts, labels.place(items, obstacles, {"width": frame.width, "height": frame.height}), strict=True
    ):
        placed[k] = {**spot, "text": str(k + 1) if spot["number"] or not spot["fits"] else text}
        if spot["fits"]:
            b = spot["box"]
            taken.append((b["left"], b["top"], b["right"], b["bottom"]))

    # towns for orientation, where they fit among the marks and labels
    towns: list[tuple[float, float, str]] = []
    limit = 10 if data.get("local") else 6
    for city in data.get("cities") or []:
        if len(towns) >= limit:
            break
        x, y = frame.xy(*city["at"])
        if not frame.inside(x, y):
            continue
        box = _label_box(x + 6, y + 4, text_width(city["name"], CITY_FONT), "start")
        if fits(box, frame, taken):
            taken.append(box)
            towns.append((x, y, city["name"]))

    names = []
    for country in world:
        if country["code"] in named_countries:
            continue
        x, y = frame.xy(*country["at"])
        name = country["name"].upper()
        box = _label_box(x, y + 4, text_width(name, 10) * 1.1, "middle")
        if frame.inside(x, y) and fits(box, frame, taken):
            rings = [p[0] for p in country["rings"] if p]
            widest = max((frame.ring_box(r)[2] - frame.ring_box(r)[0] for r in rings), default=0)
            if widest > (box[2] - box[0]) * 1.3:
                taken.append(box)
                names.append((x, y + 4, name))

    if towns:
        add('<g class="towns">')
        for x, y, name in towns:
            add(
                f'<circle cx="{_n(x)}" cy="{_n(y)}" r="2.5" fill="{COLOURS["muted"]}"/>'
                f'<text class="town" x="{_n(x + 6)}" y="{_n(y + 4)}">{escape(name)}</text>'
            )
        add("</g>")
    for x, y, name in names:
        add(f'<text class="countryname" x="{_n(x)}" y="{_n(y)}" text-anchor="middle">{escape(name)}</text>')

    numbered = []
    add('<g class="places">')
    for k, place, x, y, area in marks:
        kind = place["kind"]
        low = " low" if place.get("low") else ""
        number = k + 1
        if not frame.inside(x, y):
            continue
        add(f'<g class="mark {escape(kind)}{low}" data-place="{number}">')
        add(f"<title>{escape(place['name'])}</title>")
        if not area and kind == "place":
            dash = ' stroke-dasharray="3 2"' if low else ""
            add(
                f'<circle cx="{_n(x)}" cy="{_n(y)}" r="5" fill="{COLOURS["city"]}" stroke="{COLOURS["paper"]}" '
                f'stroke-width="2"{dash}/>'
            )
        elif not area:
            colour = COLOURS["country"] if kind == "country" else COLOURS["region"]
            add(
                f'<circle cx="{_n(x)}" cy="{_n(y)}" r="9" fill="none" stroke="{colour}" stroke-width="2" '
                'stroke-dasharray="4 3"/>'
            )
        spot = placed[k]
        if spot["number"] or not spot["fits"]:  # as the page does: its number, listed in the key
            numbered.append((number, place["name"]))
        if spot["fits"]:
            if spot["leader"]:
                x1, y1, x2, y2 = spot["leader"]
                add(f'<path class="leader" d="M{_n(x1)} {_n(y1)}L{_n(x2)} {_n(y2)}"/>')
            b = spot["box"]
            bold = ' font-weight="700"' if spot["number"] else ""
            add(
                f'<text x="{_n(b["left"] + PAD)}" y="{_n((b["top"] + b["bottom"]) / 2 + FONT * 0.35)}"{bold}>'
                f"{escape(spot['text'])}</text>"
            )
        add("</g>")
    out.extend(pointers)
    add("</g>")
    rows: list[str] = []
    for n, name in numbered:  # the key of the numbers, in rows above the credit line
        item = f"{n} {name}"
        if rows and text_width(rows[-1] + " · " + item, 10) < frame.width - 16:
            rows[-1] += " · " + item
        else:
            rows.append(item)
    for k, row in enumerate(reversed(rows)):
        add(f'<text class="credit key" x="8" y="{frame.height - 20 - 13 * k}">{escape(row)}</text>')
    add(f'<text class="credit" x="{frame.width - 8}" y="{frame.height - 6}" text-anchor="end">{escape(credit)}</text>')
    add("</svg>")
    return "\n".join(out) + "\n"


ARROWS = {(-1, -1): "↖", (0, -1): "↑", (1, -1): "↗", (-1, 0): "←", (1, 0): "→", (-1, 1): "↙", (0, 1): "↓", (1, 1): "↘"}


def shape_of(place: dict, shapes: dict) -> dict | None:
    """An area's shape ({at, rings}): its own, or its country's as the world's; None for a town."""
    return place.get("shape") or (shapes.get(place.get("code") or "") if place["kind"] == "country" else None)


def _shape_in_view(shape: dict | None, frame: Frame) -> bool:
    """Whether an area is partly in the picture (a neighbouring country across a local story's border), as
    mapgen.js's shapeInView tells: drawn there, it is no place out of view to point at."""
    corners = [
        (frame.width / 2, frame.height / 2),
        (0, 0),
        (frame.width, 0),
        (0, frame.height),
        (frame.width, frame.height),
    ]
    for polygon in shape["rings"] if shape else []:
        if not polygon or not frame.sees(frame.ring_box(polygon[0])):
            continue
        ring = [(x - frame.x0, y - frame.y0) for x, y in _world_ring(tuple(polygon[0]), frame.zoom)]
        if any(frame.inside(x, y) for x, y in ring) or any(_within(c, ring) for c in corners):
            return True
    return False


def _within(at: tuple[float, float], ring: list[tuple[float, float]]) -> bool:
    """Whether a point is inside a ring (even-odd rule)."""
    inside = False
    for (ax, ay), (bx, by) in zip(ring, ring[-1:] + ring[:-1], strict=True):
        if (ay > at[1]) != (by > at[1]) and at[0] < (bx - ax) * (at[1] - ay) / (by - ay) + ax:
            inside = not inside
    return inside


def _pointer(number: int, place: dict, x: float, y: float, frame: Frame, taken: list[Box]) -> str:
    """A place outside the view: its name on the edge, with an arrow to where it is, moved
    along the edge off the other pointers and labels."""
    cx, cy = frame.width / 2, frame.height / 2
    dx, dy = x - cx, y - cy
    t = min(
        (frame.width / 2 - 12) / abs(dx) if dx else math.inf,
        (frame.height / 2 - 30) / abs(dy) if dy else math.inf,
    )
    ex, ey = cx + dx * t, cy + dy * t
    sx = 0 if abs(dx) < abs(dy) / 2.4 else (1 if dx > 0 else -1)
    sy = 0 if abs(dy) < abs(dx) / 2.4 else (1 if dy > 0 else -1)
    arrow = ARROWS.get((sx, sy), "→")
    anchor = "start" if sx < 0 else "end" if sx > 0 else "middle"
    text = f"{arrow} {place['name']}" if sx <= 0 else f"{place['name']} {arrow}"
    width = text_width(text)
    if anchor == "middle":
        ex = max(width / 2 + 8, min(frame.width - width / 2 - 8, ex))
    ey = max(FONT + 4, min(frame.height - 30, ey))
    for step in range(40):
        shift = (step + 1) // 2 * 16 * (1 if step % 2 else -1)
        tx, ty = (ex + shift, ey) if anchor == "middle" else (ex, ey + shift)
        box = _label_box(tx, ty + 4, width, anchor)
        if fits(box, frame, taken):
            ex, ey = tx, ty
            taken.append(box)
            break
    low = " low" if place.get("low") else ""
    return (
        f'<g class="mark pointer {escape(place["kind"])}{low}" data-place="{number}"><title>{escape(place["name"])}</title>'
        f'<text x="{_n(ex)}" y="{_n(ey + 4)}" text-anchor="{anchor}">{escape(text)}</text></g>'
    )
