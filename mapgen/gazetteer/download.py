"""Fetching a file over HTTP into the cache: resumed where a cut connection left
it, its size checked against what the server announced, moved in place only
when whole."""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path
from urllib.error import HTTPError, URLError
from urllib.request import Request, urlopen

from ..errors import DumpNotFound, GazetteerError

TIMEOUT_SECONDS = 30
_CHUNK = 1 << 16
_CONTENT_RANGE = re.compile(r"bytes (\d+)-\d+/(\d+)")


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
        response = urlopen(Request(url, headers=headers), timeout=TIMEOUT_SECONDS)
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
            total = int(length) if length and length.isdigit() else None
        try:
            with open(part, "ab" if have else "wb") as out:
                if progress:
                    progress(have, total)
                while chunk := response.read(_CHUNK):
                    out.write(chunk)
                    have += len(chunk)
                    if progress:
                        progress(have, total)
        except (OSError, TimeoutError) as err:
            raise GazetteerError(
                f"the download of {url} was cut at {have:,} bytes ({err}); run the same command again to resume"
            ) from None
    if total is not None and have != total:
        raise GazetteerError(
            f"the download of {url} was cut at {have:,} of {total:,} bytes; run the same command again to resume"
        )
    os.replace(part, dest)
