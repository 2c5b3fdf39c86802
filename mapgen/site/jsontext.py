"""JSON to stand inside a page's <script> element, and JSON read once and shared between builds."""

from __future__ import annotations

import json
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any


def script_json(value) -> str:
    """JSON that cannot end the <script> element it stands in, nor open a comment."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=_thawed)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def frozen(value: Any) -> Any:
    """Parsed JSON made read-only (arrays as tuples, objects as read-only mappings), so that what a
    process reads once can be handed to every build: none of them can change it for the next."""
    if isinstance(value, dict):
        return MappingProxyType({key: frozen(item) for key, item in value.items()})
    if isinstance(value, list):
        return tuple(frozen(item) for item in value)
    return value


def _thawed(value: Any) -> dict:
    """A frozen object as JSON writes it, the same bytes as the dict it was."""
    if isinstance(value, Mapping):
        return dict(value)
    raise TypeError(f"{type(value).__name__} is not JSON")
