"""The labels of mentions: spaCy's, as extract reads them, and extract's own; resolve reads them too."""

from __future__ import annotations

from typing import Final

from .model import Label

PLACE_LABELS: frozenset[Label] = frozenset({"LOC", "GPE"})
OPEN_LABELS: frozenset[Label] = frozenset({"MISC", "FAC"})
PERSON_LABELS: frozenset[Label] = frozenset({"PER", "PERSON"})
NAME_LABELS: frozenset[Label] = PERSON_LABELS | {"ORG"}
GROUP_LABELS: frozenset[Label] = frozenset({"NORP"})  # nationalities: "Syrian", "Nigerians"
DATELINE_LABEL: Final = "DATELINE"  # a dateline the gazetteer knows
DEMONYM_LABEL: Final = "DEMONYM"  # not a place, but a country the article points to
# not a place either, but a state opening an organisation's name: "Texas Department of Health"
FRAME_LABEL: Final = "FRAME"
# a town opening an organisation's name: "the Winnipeg Fire Paramedic Service"; a place to map only where the
# article names no other, as a local story's institutions often are its only place name
IN_NAME_LABEL: Final = "IN_NAME"
# the labels of mentions that point to a place without being its marker
NOT_MARKED: frozenset[Label] = frozenset({DEMONYM_LABEL, FRAME_LABEL, IN_NAME_LABEL})
# capitalised words NER left out of every entity that the gazetteer holds as a place's own name
GAZETTEER_LABEL: Final = "GAZETTEER"
# characters before a mention that extract and resolve read: enough for a comma and its spaces, or an article
LOOK_BEHIND = 40
