"""The corrections as frozen records: what a file says, for all articles and for each one."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Final, get_args

from ..model import Role
from ..names import name_key

SECTIONS = ("pin", "drop", "add", "rename", "mark")
ROLES: tuple[Role, ...] = get_args(Role)
CORRECTION_LABEL: Final = "CORRECTION"  # the label of mentions a correction found in the text, NER having missed them


class StaleCorrection(UserWarning):
    """A correction that no longer matches what mapgen finds (the article changed): it did nothing.

    A warning, not an error: the map is still right without it, but a person should look.
    """


@dataclass(frozen=True)
class Line:
    """Where a correction is written, so that an error can point to it."""

    path: str
    number: int
    for_all: bool  # in a table that applies to every article, not to one named

    def __str__(self) -> str:
        return f"{self.path}:{self.number}"


@dataclass(frozen=True)
class Spot:
    """A real place: one of the index's, by GeoNames id, or a point with its label."""

    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    label: str | None = None


@dataclass(frozen=True)
class Pin:
    """A name settled before resolution, so that the rest of the article is read with it as evidence."""

    name: str
    spot: Spot
    line: Line


@dataclass(frozen=True)
class Drop:
    """A name that is no place here, or only some of its mentions."""

    name: str
    nth: tuple[int, ...]  # which mentions, counted from 1; empty for every one
    line: Line


@dataclass(frozen=True)
class Addition:
    """A place the article does not name as such, shown with the words of it that it quotes."""

    name: str
    spot: Spot
    quote: str  # words of the article to quote in the popup
    line: Line


@dataclass(frozen=True)
class Rename:
    """The label the map shows instead of the name as the article writes it."""

    name: str
    label: str
    line: Line


@dataclass(frozen=True)
class Mark:
    """The place's part in the story, for the map's framing."""

    name: str
    role: Role
    line: Line


@dataclass(frozen=True)
class Corrections:
    """The corrections for one article (or for all, before an article's own are laid over them)."""

    pins: tuple[Pin, ...] = ()
    drops: tuple[Drop, ...] = ()
    additions: tuple[Addition, ...] = ()
    renames: tuple[Rename, ...] = ()
    marks: tuple[Mark, ...] = ()

    def owned(self) -> Corrections:
        """These corrections as one article's own: a name it does not contain is then a mistake."""
        return Corrections(
            **{
                f.name: tuple(replace(c, line=replace(c.line, for_all=False)) for c in getattr(self, f.name))
                for f in fields(self)
            }
        )

    def over(self, shared: Corrections) -> Corrections:
        """These corrections laid over `shared`: for one name, the article's own win."""
        return Corrections(
            **{f.name: _overriding(getattr(shared, f.name), getattr(self, f.name)) for f in fields(self)}
        )


def _overriding(shared: tuple, own: tuple) -> tuple:
    names = {name_key(c.name) for c in own}
    return tuple(c for c in shared if name_key(c.name) not in names) + own


@dataclass(frozen=True)
class CorrectionsFile:
    path: str
    for_all: Corrections
    by_article: tuple[tuple[str, Corrections], ...]  # (article file name, its own corrections)

    def for_article(self, source: str) -> Corrections:
        """The corrections for the article read from `source` (a path, or '-'). The top-level
        sections of the file beside the article (ARTICLE.mapgen.toml) are the article's own."""
        shared = self.for_all.owned() if _same_file(beside(source), self.path) else self.for_all
        own = dict(self.by_article).get(Path(source).name)
        return own.over(shared) if own else shared


def _same_file(one: Path | None, other: str) -> bool:
    try:
        return one is not None and one.samefile(other)
    except OSError:
        return False


def beside(source: str | Path) -> Path | None:
    """The corrections file picked up by itself: ARTICLE.mapgen.toml beside ARTICLE.txt."""
    if str(source) == "-":
        return None
    path = Path(source).with_suffix(".mapgen.toml")
    return path if path.is_file() or path.is_symlink() or path.is_dir() else None  # no file: read, one line
