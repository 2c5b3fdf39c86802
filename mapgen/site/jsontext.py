"""JSON to stand inside a page's <script> element."""

from __future__ import annotations

import json


def script_json(value) -> str:
    """JSON that cannot end the <script> element it stands in, nor open a comment."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
