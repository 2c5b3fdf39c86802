"""The abbreviations news agencies write for states and provinces: "Decatur, Ill.", "Ont.", "NSW".

US states: AP style's abbreviations and the postal codes, as the `us`
package ships them. Canadian provinces: the abbreviations of The Canadian
Press Stylebook (which AP follows for Canada). Australian states: those of the
Australian Government Style Manual, less the two-letter ones (SA, WA, NT),
which are other words and codes too often to be read as states alone: those,
and the US postal codes away from a comma, are only readings the resolver
weighs beside the name's other places (`readings`).
"""

from __future__ import annotations

from functools import cache

CANADA = {
    "Alta.": "Alberta",
    "B.C.": "British Columbia",
    "Man.": "Manitoba",
    "N.B.": "New Brunswick",
    "N.L.": "Newfoundland and Labrador",
    "Nfld.": "Newfoundland and Labrador",
    "N.S.": "Nova Scotia",
    "N.W.T.": "Northwest Territories",
    "Ont.": "Ontario",
    "P.E.I.": "Prince Edward Island",
    "Que.": "Quebec",
    "Sask.": "Saskatchewan",
}
AUSTRALIA = {
    "NSW": "New South Wales",
    "Qld": "Queensland",
    "Vic": "Victoria",
    "Tas": "Tasmania",
    "ACT": "Australian Capital Territory",
}


AUSTRALIA_TWO_LETTERS = {"SA": "South Australia", "WA": "Western Australia", "NT": "Northern Territory"}


@cache
def _written() -> dict[str, str]:
    """Each abbreviation as written in running text, to the full name."""
    import us

    table = {s.ap_abbr: s.name for s in us.states.STATES_AND_TERRITORIES if s.ap_abbr and s.ap_abbr != s.name}
    return {**table, **CANADA, **AUSTRALIA}


@cache
def _postal() -> dict[str, str]:
    import us

    return {s.abbr: s.name for s in us.states.STATES_AND_TERRITORIES}


def expand(text: str, *, after_comma: bool = False) -> str | None:
    """The state or province an abbreviation stands for, or None.

    After a comma ("Wilmington, NC") the postal codes count too; elsewhere
    two capitals are too often something else.
    """
    text = text.strip()
    table = _written()
    for form in (text, text + "."):
        if form in table:
            return table[form]
    return _postal().get(text) if after_comma else None


def readings(text: str) -> tuple[str, ...]:
    """Every state two capitals may stand for: "WA" is Western Australia or
    Washington, for the article's other places to decide."""
    if len(text) != 2 or not text.isupper():
        return ()
    found = (AUSTRALIA_TWO_LETTERS.get(text), _postal().get(text))
    return tuple(full for full in found if full)
