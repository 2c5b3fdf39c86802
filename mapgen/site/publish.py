"""Put a finished site into its folder, replacing only the files mapgen wrote there.

The folder may be a git checkout, a web root, a symlink to one, a mount point
or the current directory, and hold the user's own files (`.git`, `CNAME`, the
article itself). So the folder itself is never renamed or removed: the new
files are written to a hidden folder inside it, then moved in one by one
(each move atomic), and a manifest in the site lists the files mapgen wrote,
the only ones a later build replaces or removes. A folder holding files and no
manifest is refused unless forced; even then its files are kept.
"""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path, PurePosixPath

from ..errors import SiteError

MANIFEST = ".mapgen-manifest.json"
# Hidden folders inside the site, for the new files and for the old ones until the new are in.
_PARTIAL, _OLD = ".mapgen.partial-", ".mapgen.old-"
# Written first into each of those folders: only a folder holding it is mapgen's to remove.
SCRATCH_MARK = ".mapgen-scratch"
_FORCE_HINT = "choose an empty or new folder, or use --force to write beside them (they are kept{but})"
# The files every build writes at the top of the site: a forced build replaces the user's own of these names.
_PAGES = ("index.html", "embed.html", "places.geojson", "map.svg")


def check_target(out_dir: Path, *, force: bool = False) -> None:
    """Fail, before any slow work, on a folder mapgen may not write into."""
    target = _real(out_dir)
    if target.exists() and not target.is_dir():
        raise SiteError(f"{out_dir} is a file, not a folder for the site")
    if force or not target.is_dir() or _owned(target) is not None:
        return
    foreign = list(_foreign_entries(target))
    if foreign:
        replaced = [name for name in foreign if name in _PAGES]
        verb = "replaces" if len(replaced) == 1 else "replace"
        but = f", but mapgen's {' and '.join(replaced)} {verb} yours" if replaced else ""
        raise SiteError(
            f"{out_dir} holds files that mapgen did not write ({foreign[0]}); {_FORCE_HINT.format(but=but)}"
        )


@contextmanager
def staged(out_dir: Path, *, force: bool = False) -> Iterator[Path]:
    """A scratch folder to write the new site into; moved into out_dir when the block ends well.

    If the block fails, out_dir is left as it was. Two builds into one folder
    take turns; what a killed build left behind is removed by the next.
    """
    check_target(out_dir, force=force)
    target = _real(out_dir)
    created = not target.exists()
    try:
        target.mkdir(parents=True, exist_ok=True)
        lock = os.open(target, os.O_RDONLY | os.O_DIRECTORY)
    except OSError as err:
        raise SiteError(f"cannot write in {_writable_parent(target)}: {err.strerror}") from None
    try:
        fcntl.flock(lock, fcntl.LOCK_EX)
        _remove_leftovers(target)
        work = _scratch(_PARTIAL, target)
        try:
            yield work
            _move_in(work, target, force=force)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    except BaseException:
        if created:
            with suppress(OSError):
                target.rmdir()  # only if nothing is in it
        raise
    finally:
        os.close(lock)


def _real(out_dir: Path) -> Path:
    """The folder a path leads to: a symlink is followed, so the site it points to is updated."""
    return Path(os.path.realpath(out_dir))


def _writable_parent(target: Path) -> Path:
    parent = target.parent
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent
    return parent if parent.is_dir() else target.parent


def _owned(target: Path) -> set[str] | None:
    """The files the manifest says mapgen wrote, or None when there is no readable manifest.

    Only plain relative paths inside the site count: a manifest naming
    "../x" or "/etc/x" claims nothing.
    """
    try:
        files = json.loads((target / MANIFEST).read_text("utf-8"))["files"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if not isinstance(files, list):
        return None
    return {f for f in files if isinstance(f, str) and _plain(f)}


def _plain(relative: str) -> bool:
    path = PurePosixPath(relative)
    return bool(relative) and not path.is_absolute() and ".." not in path.parts and str(path) == relative


def _foreign_entries(target: Path) -> Iterator[str]:
    for entry in sorted(os.listdir(target)):
        if entry != MANIFEST and not entry.startswith((_PARTIAL, _OLD)):
            yield entry


def _scratch(prefix: str, target: Path) -> Path:
    """A new scratch folder in the site, marked as mapgen's so that a killed build's may be removed."""
    folder = Path(tempfile.mkdtemp(prefix=prefix, dir=target))
    (folder / SCRATCH_MARK).touch()
    return folder


def _remove_leftovers(target: Path) -> None:
    """Scratch folders of killed builds, inside the site or beside it, that bear mapgen's mark:
    a user's backup named `.site.old-2026-12-07` is theirs."""
    inside = [target / name for name in os.listdir(target) if name.startswith((_PARTIAL, _OLD))]
    beside: list[Path] = []
    with suppress(OSError):
        prefixes = (f".{target.name}.partial-", f".{target.name}.old-")
        beside = [target.parent / name for name in os.listdir(target.parent) if name.startswith(prefixes)]
    for leftover in inside + beside:
        if leftover.is_dir() and not leftover.is_symlink() and (leftover / SCRATCH_MARK).is_file():
            shutil.rmtree(leftover, ignore_errors=True)


def _files(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file() and p.name != SCRATCH_MARK}


def _move_in(work: Path, target: Path, *, force: bool) -> None:
    """Move the new files in, one by one; remove the old ones no longer written.

    The manifest first claims old and new files alike, so that a build killed
    halfway leaves no file of its own unclaimed; a failed move puts back every
    file already replaced.
    """
    new, before = _files(work), _owned(target)
    old = before or set()
    for relative in sorted(new | old):
        _check_inside(target, relative)
    for relative in sorted(new):
        _check_free(target, relative, mine=relative in old or force)
    _write_manifest(target, work, old | new)
    aside = _scratch(_OLD, target)
    moved: list[str] = []
    try:
        for relative in sorted(new):
            destination = target / relative
            destination.parent.mkdir(parents=True, exist_ok=True)
            if destination.exists():
                _keep_a_copy(destination, aside / relative)
            moved.append(relative)
            os.replace(work / relative, destination)
    except BaseException:
        for relative in reversed(moved):
            with suppress(OSError):
                if (aside / relative).exists():
                    _put_back(aside / relative, target / relative)
                else:
                    _remove(target, relative)
        with suppress(OSError):
            if before is None:
                (target / MANIFEST).unlink()
            else:
                _write_manifest(target, work, before)
        raise
    finally:
        shutil.rmtree(aside, ignore_errors=True)
    for relative in sorted(old - new):
        _remove(target, relative)
    _write_manifest(target, work, new)


def _check_inside(target: Path, relative: str) -> None:
    """A file is written or removed only where its folders are the site's own: a subfolder that
    is a link to another site's (`assets -> ../site1/assets`) would have that site emptied."""
    for parent in reversed(PurePosixPath(relative).parents):
        folder = target / parent
        if str(parent) != "." and folder.is_symlink() and not _real(folder).is_relative_to(target):
            raise SiteError(
                f"{folder} is a link to a folder outside the site ({_real(folder)}), which mapgen does not "
                "write into nor empty; replace the link with a copy of the folder"
            )


def _put_back(copy: Path, path: Path) -> None:
    """Put a file's old copy back; where a rename fails again (a disk gone read-only), copy its bytes over."""
    try:
        os.replace(copy, path)
    except OSError:
        shutil.copyfile(copy, path)


def _check_free(target: Path, relative: str, *, mine: bool) -> None:
    """A new file may take the place of one mapgen wrote (or of any file, when forced), never of a folder."""
    destination = target / relative
    for parent in PurePosixPath(relative).parents:
        if str(parent) != "." and (target / parent).exists() and not (target / parent).is_dir():
            raise SiteError(f"{target / parent} is a file where mapgen writes a folder; move it away")
    if destination.is_dir() and not destination.is_symlink():
        raise SiteError(f"{destination} is a folder where mapgen writes a file; move it away")
    if (destination.exists() or destination.is_symlink()) and not mine:
        raise SiteError(f"{destination} was not written by mapgen; move it away, or use --force to replace it")


def _keep_a_copy(path: Path, copy: Path) -> None:
    """A copy of a file about to be replaced, to put back if the build fails: a hard link when it can."""
    copy.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(path, copy)
    except OSError:
        shutil.copy2(path, copy)


def _remove(target: Path, relative: str) -> None:
    """Remove a file mapgen wrote, and the folders it leaves empty."""
    path = target / relative
    if path.is_file() or path.is_symlink():
        path.unlink()
    for parent in PurePosixPath(relative).parents:
        if str(parent) == ".":
            break
        try:
            (target / parent).rmdir()
        except OSError:
            break  # not empty: something else lives there


def _write_manifest(target: Path, work: Path, files: set[str]) -> None:
    manifest = work / MANIFEST
    text = json.dumps({"written_by": "mapgen", "files": sorted(files)}, indent=1)
    manifest.write_text(text + "\n", "utf-8")
    os.replace(manifest, target / MANIFEST)
