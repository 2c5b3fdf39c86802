"""How place names are compared: one key for spellings that differ only in
accents, case, hyphens or dots, and a looser skeleton for transliterations."""

from __future__ import annotations

import operator
import re
import unicodedata

from . import languages

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u02bc": "'", "`": "'", "\u2018": "'"})
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015_/,]+")
_DOTS = re.compile(r"\.")  # "U.S." is US, "St. Louis" is St Louis
_VOWEL_THEN_FINAL_H = re.compile(r"(?<=[aeiou])h\b")
_REPEATED_LETTER = re.compile(r"(\w)\1+")
# Three times quicker than the template r"\1": the index build makes a million skeletons.
_first_group = operator.methodcaller("group", 1)


def name_key(name: str) -> str:
    """The exact-match key: 'Saint-Étienne', 'saint etienne' and 'SAINT ÉTIENNE' agree."""
    if name.isascii():  # most names: nothing to decompose (the index build keys millions of them)
        stripped = name.replace("`", "'").replace(".", "")
    else:
        decomposed = unicodedata.normalize("NFKD", _DOTS.sub("", name.translate(_APOSTROPHES)))
        stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SEPARATORS.sub(" ", stripped.casefold()).strip(" '")


# The kind GeoNames writes with an area's own name, before it ("Provincia de Almería", "Departement du Gers",
# "Province of Toledo") or after it ("Anhui Sheng", "Akita Prefecture"), which an article leaves out
# (the joiners as name_key writes them: "d’" is "d'"; "sheng" is the kind in GeoNames' romanised Chinese names)
_ROMANISED_KINDS_AFTER = ("sheng",)
_KIND_JOINERS = tuple(
    dict.fromkeys(
        w.translate(_APOSTROPHES) + ("" if w.endswith(("'", "’")) else " ")
        for w in (*languages.every("name_joiners"), *languages.every("area_kind_joiners"))
    )
)
_AREA_KIND_IN_KEY = re.compile(
    rf"^(?:{languages.alternation(languages.every('area_kinds_in_key_before'))}) "
    rf"(?:{languages.alternation(_KIND_JOINERS)})?"
    rf"| (?:{languages.alternation((*languages.every('area_kinds_in_key_after'), *_ROMANISED_KINDS_AFTER))})$"
)


def area_key(name: str) -> str:
    """An admin area's name key without its kind: 'Provincia de Almería' and 'Almería' agree."""
    return _AREA_KIND_IN_KEY.sub("", name_key(name))


def skeleton(name: str) -> str:
    """A looser key for romanisations of one name that no gazetteer lists.

    Transliterations of Arabic, Persian or Russian names differ mostly in doubled
    letters (Raqqa/Raqa) and a final h after a vowel (Raqqah); dropping both makes
    them meet. Matches on it are weak evidence and the resolver treats them so.
    """
    return key_skeleton(name_key(name))


def key_skeleton(key: str) -> str:
    """The skeleton of a name from its name_key, for a caller that has the key already."""
    if "h" in key:
        key = _VOWEL_THEN_FINAL_H.sub("", key)
    return _REPEATED_LETTER.sub(_first_group, key.replace(" ", "").replace("'", ""))


# Words left out of an abbreviation's letters: "Democratic Republic of the Congo" is DRC.
_FUNCTION_WORDS = frozenset(languages.every("function_words"))


def initials(name: str) -> str:
    """The abbreviation a name's initials make: 'New South Wales' → 'NSW'."""
    words = re.findall(r"\w+", name)
    return "".join(w[0] for w in words if w.lower() not in _FUNCTION_WORDS).upper()
