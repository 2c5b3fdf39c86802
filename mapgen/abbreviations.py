"""The abbreviations news agencies write for states and provinces: "Decatur, Ill.", "Ont.", "NSW".

US states: AP style's abbreviations and the postal codes, as the `us`
package ships them. The others are each language's news agencies' own
(languages.Language.state_abbreviations: Canada's and Australia's in en.py);
those too short to be read as states alone (SA, WA, NT), and the US postal
codes away from a comma, are only readings the resolver weighs beside the
name's other places (`readings`).
"""

from __future__ import annotations

from functools import cache

from . import languages


@cache
def _written() -> dict[str, str]:
    """Each abbreviation as written in running text, to the full name."""
    import us

    table = {s.ap_abbr: s.name for s in us.states.STATES_AND_TERRITORIES if s.ap_abbr and s.ap_abbr != s.name}
    for code in languages.CODES:
        table.update(languages.get(code).state_abbreviations)
    return table


@cache
def _postal() -> dict[str, str]:
    import us

    return {s.abbr: s.name for s in us.states.STATES_AND_TERRITORIES}


def expand(text: str, *, after_comma: bool = False, period_follows: bool = True) -> str | None:
    """The state or province an abbreviation stands for, or None.

    After a comma ("Wilmington, NC") the postal codes count too; elsewhere
    two capitals are too often something else. An abbreviation written with
    its period ("Ala.") stands for its state only where the period is there:
    "ad Ala" is the Trentino town, not Alabama.
    """
    text = text.strip()
    table = _written()
    for form in (text, text + ".") if period_follows else (text,):
        if form in table:
            return table[form]
    return _postal().get(text) if after_comma else None


def readings(text: str) -> tuple[str, ...]:
    """Every state two capitals may stand for: "WA" is Western Australia or
    Washington, for the article's other places to decide."""
    if len(text) != 2 or not text.isupper():
        return ()
    alone = [languages.get(code).state_abbreviations_alone.get(text) for code in languages.CODES]
    found = (*alone, _postal().get(text))
    return tuple(full for full in found if full)
