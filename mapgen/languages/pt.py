"""Portuguese."""

from __future__ import annotations

from . import Language

LANGUAGE = Language(code="pt", name="Portuguese", recogniser="rules", name_carriers=("do", "da", "dos", "das"))
