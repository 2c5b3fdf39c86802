"""Fetching a file over HTTP into the cache: resumed where a cut connection left
it, its size checked against what the server announced, moved in place only
when whole."""

from __future__ import annotations

import errno
import os
import re
import shutil
import time
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit
from urllib.request import HTTPRedirectHandler, Request, build_opener

from ..errors import DumpNotFound, GazetteerError

# A mirror that sends no byte for this long, or less than MIN_BYTES_PER_SECOND over a
# RATE_WINDOW_SECONDS, is left (the part kept for the next run): one that sent 1 KB every
# 20 s held `gazetteer add` forever.
STALL_SECONDS = 60.0
RATE_WINDOW_SECONDS = 60.0
MIN_BYTES_PER_SECOND = 10 * 1024
# Far more than GeoNames' biggest country dump: an announced 10 GB is a mirror gone wrong.
MAX_DOWNLOAD_BYTES = 2_000_000_000
# The index a dump becomes takes about this many times the zip's size: checked free before a byte comes.
INDEX_PER_ZIP_BYTE = 5
_CHUNK = 1 << 16
_CONTENT_RANGE = re.compile(r"bytes (\d+)-\d+/(\d+)")
_RESUME = "run the same command again to resume"


def fetch(url: str, dest: Path, progress: Callable[[int, int | None], None] | None = None) -> None:
    """Download `url` to `dest`. The bytes come into `dest.part`, kept when the
    transfer is cut, so that the next call asks only for the rest. `progress`
    is told the bytes received so far and the whole size when known."""
    part = dest.with_name(dest.name + ".part")
    have = part.stat().st_size if part.exists() else 0
    headers = {"User-Agent": f"mapgen/{version('mapgen')}"}
    if have:
        headers["Range"] = f"bytes={have}-"
    try:
        response = build_opener(_SameHostRedirects).open(Request(url, headers=headers), timeout=STALL_SECONDS)
    except HTTPError as err:
        if err.code == 404:
            raise DumpNotFound(f"{url} is not there (HTTP 404)") from None
        if err.code == 416 and have:  # the part is whole, or the file changed: start over
            part.unlink()
            return fetch(url, dest, progress)
        raise GazetteerError(f"cannot download {url} (HTTP {err.code} {err.reason})") from None
    except (URLError, OSError) as err:
        reason = getattr(err, "reason", None) or err
        raise GazetteerError(f"cannot download {url} ({reason})") from None
    with response:
        match = _CONTENT_RANGE.match(response.headers.get("Content-Range", "")) if response.status == 206 else None
        if match and int(match.group(1)) == have:
            total: int | None = int(match.group(2))
        else:
            have, length = 0, response.headers.get("Content-Length")
            total = int(length) if length and length.isascii() and length.isdigit() else None
        if total is not None:
            _check_room(url, dest.parent, total, total - have)
        try:
            with open(part, "ab" if have else "wb") as out:
                if progress:
                    progress(have, total)
                pace = _Pace(url, have)
                while chunk := response.read1(_CHUNK):
                    out.write(chunk)
                    have += len(chunk)
                    pace.check(have)
                    if progress:
                        progress(have, total)
        except TimeoutError:
            raise GazetteerError(f"{url}: no byte came for {STALL_SECONDS:g} s at {have:,} bytes; {_RESUME}") from None
        except OSError as err:
            if err.errno == errno.ENOSPC:
                part.unlink(missing_ok=True)
                raise GazetteerError(f"the disk is full: {dest.parent}; the download of {url} was removed") from None
            raise GazetteerError(f"the download of {url} was cut at {have:,} bytes ({err}); {_RESUME}") from None
        except GazetteerError:
            if have > MAX_DOWNLOAD_BYTES:
                part.unlink(missing_ok=True)
            raise
    if total is not None and have != total:
        raise GazetteerError(f"the download of {url} was cut at {have:,} of {total:,} bytes; {_RESUME}")
    os.replace(part, dest)


class _Pace:
    """The download's pace: an error once it passes the size cap, or averages under the
    minimum rate over a window."""

    def __init__(self, url: str, have: int):
        self.url, self.since, self.had = url, time.monotonic(), have

    def check(self, have: int) -> None:
        if have > MAX_DOWNLOAD_BYTES:
            raise GazetteerError(f"{self.url} sent over {_mb(MAX_DOWNLOAD_BYTES)}, the cap; it was removed")
        now = time.monotonic()
        if now - self.since < RATE_WINDOW_SECONDS:
            return
        if have - self.had < MIN_BYTES_PER_SECOND * (now - self.since):
            raise GazetteerError(
                f"{self.url} came at under {MIN_BYTES_PER_SECOND // 1024} KB/s over {RATE_WINDOW_SECONDS:g} s "
                f"({have:,} bytes so far); {_RESUME}"
            )
        self.since, self.had = now, have


def _check_room(url: str, folder: Path, total: int, remaining: int) -> None:
    """Refuse, before a byte is written, a file over the cap or one the disk cannot hold with its index."""
    if total > MAX_DOWNLOAD_BYTES:
        raise GazetteerError(
            f"{url} announces {_mb(total)}, over the {_mb(MAX_DOWNLOAD_BYTES)} cap of a download "
            "(far more than any GeoNames country dump): a mirror gone wrong; nothing was downloaded"
        )
    needed = remaining + INDEX_PER_ZIP_BYTE * total
    free = shutil.disk_usage(folder).free
    if needed > free:
        raise GazetteerError(
            f"{url} announces {_mb(total)}, which with the index it becomes needs about {_mb(needed)} free "
            f"in {folder}, but {_mb(free)} free are there; nothing was downloaded"
        )


def _mb(size: int) -> str:
    return f"{size / 1e6:,.0f} MB"


class _SameHostRedirects(HTTPRedirectHandler):
    """Redirects followed only to http or https on the same host: a mirror's own move, not another server."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        new, old = urlsplit(newurl), urlsplit(req.full_url)
        if new.scheme not in ("http", "https") or new.hostname != old.hostname:
            raise GazetteerError(f"{req.full_url} redirected to {newurl}, another server: refused")
        return super().redirect_request(req, fp, code, msg, headers, newurl)
