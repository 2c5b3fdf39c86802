"""The scripts and styles a map page loads: copied beside it, from a CDN, or inlined.

Leaflet comes from xstatic-leaflet, so a site opens from disk with no network;
the CDN option points at the same version and proves it with SRI hashes
computed from those local files.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup

from ..packages import package_dir
from .resources import templates

CDN = "https://unpkg.com/leaflet@{version}/dist/{name}"


@dataclass(frozen=True)
class Asset:
    """A <script> or <link> the page loads, with its SRI hash when it is remote."""

    href: str
    integrity: str | None = None


def leaflet_dir() -> Path:
    return package_dir("xstatic.pkg.leaflet") / "data"


def leaflet_version() -> str:
    text = (package_dir("xstatic.pkg.leaflet") / "__init__.py").read_text("utf-8")
    found = re.search(r"VERSION\s*=\s*'([^']+)'", text)
    if found is None:
        raise LookupError("the package xstatic-leaflet does not say its Leaflet version")
    return found.group(1)


def sources() -> dict:
    """Every file a page needs, by the name it has in the site's assets/ folder."""
    ours, leaflet = templates(), leaflet_dir()
    return {
        "leaflet.css": leaflet / "leaflet.css",
        "mapgen.css": ours / "mapgen.css",
        "leaflet.js": leaflet / "leaflet.js",
        "popups.js": ours / "popups.js",
        "labels.js": ours / "labels.js",
        "mapgen.js": ours / "mapgen.js",
    }


def page_assets(site: Path, mode: str, single_file: bool) -> dict:
    """The template's styles and scripts; copies what the page loads from disk into site/assets."""
    found = sources()
    if single_file:
        text = {name: src.read_text("utf-8") for name, src in found.items()}
        return {
            "styles": [],
            "scripts": [],
            "inline_styles": [Markup(text["leaflet.css"]), Markup(text["mapgen.css"])],
            "inline_scripts": [Markup(safe_script(text[name])) for name in ("leaflet.js", "popups.js", "labels.js", "mapgen.js")],
        }
    (site / "assets").mkdir(exist_ok=True)
    links = {}
    for name, src in found.items():
        if mode == "cdn" and name.startswith("leaflet"):
            links[name] = Asset(CDN.format(version=leaflet_version(), name=name), sri(src.read_bytes()))
        else:
            (site / "assets" / name).write_bytes(src.read_bytes())
            links[name] = Asset(f"assets/{name}")
    return {
        "styles": [links["leaflet.css"], links["mapgen.css"]],
        "scripts": [links["leaflet.js"], links["popups.js"], links["labels.js"], links["mapgen.js"]],
        "inline_styles": [],
        "inline_scripts": [],
    }


def sri(content: bytes) -> str:
    """A Subresource Integrity value: the browser refuses a CDN file that differs."""
    return "sha384-" + base64.b64encode(hashlib.sha384(content).digest()).decode()


def safe_script(code: str) -> str:
    """Script text that cannot close its own <script> element early."""
    return code.replace("</script", "<\\/script")


def content_security_policy(loaded: dict, inline_scripts: list[str], image_hosts: list[str]) -> str:
    """A policy that lets the page load only what it does: its own files (or the
    CDN's), its inline scripts and styles by their hashes, and its tiles. A
    string that slipped into the page as HTML could then run nothing.
    """
    hosts = sorted({_origin(a.href) for a in loaded["scripts"] + loaded["styles"] if a.integrity})
    scripts = [_hash(code) for code in [*loaded["inline_scripts"], *inline_scripts]]
    styles = [_hash(css) for css in loaded["inline_styles"]]
    directives = {
        "default-src": ["'none'"],
        "script-src": ["'self'", *hosts, *scripts],
        "style-src": ["'self'", *hosts, *styles],
        "img-src": ["'self'", "data:", *image_hosts],
        "base-uri": ["'none'"],
        "form-action": ["'none'"],
    }
    return "; ".join(" ".join([name, *values]) for name, values in directives.items())


def allowing_styles(policy: str, styles: list[str]) -> str:
    """The policy, with these inline styles allowed by their hashes too (an SVG's own, inlined in the page)."""
    hashes = " ".join(_hash(css) for css in styles)
    return policy.replace("style-src 'self'", f"style-src 'self' {hashes}", 1) if hashes else policy


def tile_hosts(url: str) -> list[str]:
    """The origin a tile URL template loads from, its '{s}' subdomains as a wildcard."""
    if not url.startswith(("http://", "https://")):
        return []
    return [_origin(url.replace("{s}", "*"))]


def _origin(url: str) -> str:
    scheme, _, rest = url.partition("://")
    return f"{scheme}://{rest.split('/', 1)[0]}"


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode() + "'"
