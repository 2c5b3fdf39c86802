"""folium's part of a page: the map's element and the script that makes it, kept in the cache.

Both depend only on the map's options (its zooms and bounds: a handful of sets)
and on folium, branca and Jinja2, yet importing folium and compiling its
templates took a fifth of a warm build. So the fragments of each set of options
are kept, in one file per version of those packages and of this module, and
folium is imported only to make a set not seen before.
"""

from __future__ import annotations

import json
from hashlib import sha256
from functools import cache
from itertools import count
from pathlib import Path

from ..cache import cache_dir, keep_json
from ..packages import installed_version

# What the fragments are made with: folium writes them with its Jinja2 templates, and branca's elements.
MADE_WITH = ("folium", "branca", "jinja2")
# The place layer's script: mapgen.js draws the places and the basemap from the page's JSON.
PLACE_LAYER = """{% macro script(this, kwargs) %}
mapgen.draw({{ this._parent.get_name() }}, JSON.parse(document.getElementById("mapgen-data").textContent));
{% endmacro %}"""


def map_html(options: dict) -> tuple[str, str]:
    """The map's <div> and its script, as folium.Map(**options) with mapgen's place layer writes them."""
    path = cache_dir() / _kept_name()
    kept = _kept(path)
    key = json.dumps(options, sort_keys=True)
    found = kept.get(key)
    if isinstance(found, list) and len(found) == 2 and all(isinstance(part, str) for part in found):
        return found[0], found[1]
    made = _made(options)
    keep_json(path, {**kept, key: list(made)}, older="folium-map-*.json")
    return made


@cache
def _kept_name() -> str:
    """The kept fragments' file name, made of what makes them: the same for every build of a process."""
    made_of = "-".join(f"{package}{installed_version(package)}" for package in MADE_WITH)
    return f"folium-map-{made_of}-{sha256(Path(__file__).read_bytes()).hexdigest()[:12]}.json"


def _kept(path: Path) -> dict:
    """The fragments kept so far, by their options; none where the file is missing or damaged."""
    try:
        kept = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return {}
    return kept if isinstance(kept, dict) else {}


def _made(options: dict) -> tuple[str, str]:
    """The fragments as folium makes them; mapgen.js draws the places and the basemap (PLACE_LAYER).

    folium's default jQuery, Bootstrap and Font Awesome are left out: the page uses none of them."""
    import folium
    from branca.element import MacroElement
    from jinja2 import Template

    class PlaceLayer(MacroElement):
        _template = Template(PLACE_LAYER)

        def __init__(self):
            super().__init__()
            self._name = "PlaceLayer"

    m = folium.Map(**options)
    m.default_js, m.default_css = [], []
    PlaceLayer().add_to(m)
    _number_elements(m)
    figure = m.get_root()
    figure.render()
    return figure.html.render().strip(), figure.script.render().strip()  # type: ignore[attr-defined]  # a Figure


def _number_elements(root) -> None:
    """folium names elements with random ids; number them instead, so that one
    article always gives the same bytes."""
    numbers = count()

    def visit(element):
        element._id = f"{next(numbers):04d}"
        for child in element._children.values():
            visit(child)

    visit(root)
