"""The words of the pages, in each language mapgen reads (kept in its languages module), and the graphic's credit line."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from . import languages

# each language's page words (languages.Language.page_words), by language code
WORDS: Mapping[str, Mapping[str, str]] = MappingProxyType(
    {code: languages.get(code).page_words for code in languages.CODES if languages.get(code).page_words}
)


def credit_line(
    words: Mapping[str, str], language: str, *, source: str | None, date: str | None, data_credit: str
) -> str:
    """'Source : Le Monde, mars 2017 · Carte : mapgen · Données : Natural Earth, GeoNames'."""
    month = month_of(date, language)
    if source:  # "Source :" only before a source: a date alone is the article's, not a source
        parts = [words["source"].format(source=", ".join(part for part in (source, month) if part))]
    else:
        parts = [month] if month else []
    return " · ".join([*parts, words["map_credit"], words["data_credit"].format(credit=data_credit)])


def month_of(date: str | None, language: str) -> str | None:
    """'2017-03' as 'mars 2017' in French; a full date in the language's long form; anything else as written."""
    if not date:
        return None
    from datetime import date as Date

    from babel.dates import format_date

    parts = date.split("-")
    try:
        day = Date(int(parts[0]), int(parts[1]) if len(parts) > 1 else 1, int(parts[2]) if len(parts) > 2 else 1)
        pattern = {1: "y", 2: "MMMM y"}.get(len(parts), "long")
        return format_date(day, pattern, locale=language)
    except (ValueError, LookupError):
        return date
