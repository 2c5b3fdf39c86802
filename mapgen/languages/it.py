"""Italian."""

from __future__ import annotations

from . import Language

LANGUAGE = Language(code="it", name="Italian", recogniser="rules", name_joiners=("di",), name_carriers=("di",))
