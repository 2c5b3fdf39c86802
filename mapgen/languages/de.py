"""German."""

from __future__ import annotations

from . import Language

LANGUAGE = Language(code="de", name="German", recogniser="rules", list_joiners=("und",))
