"""Text from outside (a geocoder's name, a file's name) as mapgen shows it on a terminal or
writes it into a comment: its control characters escaped."""

from __future__ import annotations

import re

# C0 but tab, DEL and C1 (0x9b opens a terminal's escape sequence as ESC [ does), the line and
# paragraph separators, and the bidirectional overrides that reorder what a line seems to say.
_CONTROLS = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def visible(text: str) -> str:
    """`text` with each control character written as its escape (\\n, \\x1b, \\u2028): a newline
    in a TOML comment starts a live line, and an escape sequence is obeyed by a terminal."""
    return _CONTROLS.sub(lambda found: found.group().encode("unicode_escape").decode("ascii"), text)
