"""An online geocoder as an opt-in fallback for names the offline gazetteer lacks.

mapgen works offline; a user who wants more can ask a Nominatim server (the
public one, or their own) for the names the GeoNames index does not know: a
village under 500 inhabitants, a camp, a district. Only those names go out.
Every answer is kept on disk, so building the same article again asks nothing
and gives the same map; requests are spaced by geopy's RateLimiter, one a
second by default, as the public server's usage policy asks.
"""

from __future__ import annotations

import json
import math
import re
import sqlite3
import time
from collections.abc import Callable
from dataclasses import asdict, replace
from importlib.metadata import version
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from geopy.adapters import RequestsAdapter
from geopy.exc import GeocoderParseError, GeocoderQueryError, GeocoderServiceError, GeocoderTimedOut, GeopyError
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import Nominatim
from geopy.geocoders.base import Geocoder
from geopy.location import Location
from urllib3.exceptions import HTTPError as Urllib3Error

from .cache import cache_dir
from .errors import OnlineGeocoderError
from .geocode import PlaceIndex
from .model import Candidate, Feature
from .names import name_key

PUBLIC_NOMINATIM = "https://nominatim.openstreetmap.org"
MIN_DELAY_SECONDS = 1.0  # the public Nominatim server's limit
ANSWERS_PER_NAME = 5  # asked of the server, and kept at most whatever it sends
MAX_CACHED_CHARS = 20_000  # a cached answer longer than this is from a misbehaving server: asked again
# Five places with their address and tags are a few kilobytes; a misbehaving server's 76 MB
# (300,000 results) took 83 s and 780 MB to read and parse whole, only for five to be kept.
MAX_ANSWER_BYTES = 1_000_000

# Nominatim's kinds of place, as the gazetteer's features; other results
# (shops, rivers, roads) are not what a news article's place names mean.
FEATURES: dict[str, Feature] = {
    "continent": "continent",
    "country": "country",
    **dict.fromkeys(("state", "province", "region", "state_district", "county", "district"), "admin"),
    **dict.fromkeys(
        (
            "city",
            "town",
            "village",
            "hamlet",
            "municipality",
            "suburb",
            "borough",
            "quarter",
            "neighbourhood",
            "locality",
            "isolated_dwelling",
            "city_district",
        ),
        "city",
    ),
}


class OnlineFallback:
    """A PlaceIndex: the offline one, and an online geocoder (geopy's) for the names it lacks.

    Only lookups made with online=True go out: the resolver's, for the names
    NER calls places. The quick checks of the extract stage ("is this
    organisation's first word a country?") stay offline.
    """

    def __init__(
        self,
        offline: PlaceIndex,
        service: Geocoder,
        service_name: str,
        *,
        min_delay_seconds: float = MIN_DELAY_SECONDS,
        cache: Path | None = None,
        progress: Callable[[str], None] | None = None,
    ):
        self.offline, self.service_name, self.progress = offline, service_name, progress
        self._ask = RateLimiter(
            self._search, min_delay_seconds=min_delay_seconds, max_retries=0, swallow_exceptions=False
        )
        self._service = service
        self._path = cache or cache_dir() / "online-answers.sqlite"
        try:
            self._db = sqlite3.connect(self._path, check_same_thread=False)
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS answers (service TEXT, key TEXT, places TEXT, PRIMARY KEY (service, key))"
            )
        except sqlite3.Error as err:
            raise OnlineGeocoderError(f"cannot open the online answers' cache {self._path} ({err})") from None

    def candidates(self, name: str, *, loose: bool = False, online: bool = False) -> list[Candidate]:
        found = self.offline.candidates(name, loose=loose)
        if not found and online and not loose:
            found = self._answers(name)
        return found

    def by_geonameid(self, geonameid: int) -> Candidate | None:
        return self.offline.by_geonameid(geonameid)

    def local_name(self, geonameid: int, language: str) -> str | None:
        return self.offline.local_name(geonameid, language)

    def area_name(self, country: str, admin1: str, admin2: str | None = None) -> str | None:
        return self.offline.area_name(country, admin1, admin2)

    def demonym_country(self, word: str) -> str | None:
        return self.offline.demonym_country(word)

    def offline_version(self) -> str | None:
        return self.offline.offline_version()

    def _answers(self, query: str) -> list[Candidate]:
        key = name_key(query)
        row = self._db.execute(
            "SELECT places FROM answers WHERE service = ? AND key = ? AND length(places) <= ?",
            (self.service_name, key, MAX_CACHED_CHARS),
        ).fetchone()
        if row:
            return [Candidate(**c) for c in json.loads(row[0])]
        if self.progress:
            self.progress(query)
        try:
            locations = self._ask(query) or []
        except GeopyError as err:
            raise OnlineGeocoderError(
                f"{self.service_name} did not answer for '{query}' ({err}); leave out --geocoder to stay offline"
            ) from None
        places = [c for c in map(self._candidate, locations[:ANSWERS_PER_NAME]) if c is not None]
        try:
            self._db.execute(
                "INSERT OR REPLACE INTO answers VALUES (?, ?, ?)",
                (self.service_name, key, json.dumps([asdict(c) for c in places], sort_keys=True)),
            )
            self._db.commit()
        except sqlite3.Error as err:  # a full disk: the answer would be asked again at every build
            raise OnlineGeocoderError(f"cannot keep the answer for '{query}' in {self._path} ({err})") from None
        return places

    def _candidate(self, location: Location) -> Candidate | None:
        found = nominatim_candidate(location)
        return found and replace(found, source=self.service_name)

    def _search(self, query: str):
        return self._service.geocode(
            query, exactly_one=False, limit=ANSWERS_PER_NAME, addressdetails=True, extratags=True
        )


class LenientNominatim(Nominatim):
    """geopy's Nominatim, whose answer is read result by result: one with a latitude of "abc"
    or 95 is skipped, not the whole answer an error."""

    def _parse_json(self, places, exactly_one):
        if isinstance(places, dict) and "error" in places:
            raise GeocoderQueryError(str(places["error"]))
        results = places if isinstance(places, list) else []
        return [Location(str(p.get("display_name") or ""), point, p) for p in results if (point := _point(p))]


def _point(place) -> tuple[float, float] | None:
    """A result's latitude and longitude, where both are numbers on the globe."""
    if not isinstance(place, dict):
        return None
    lat, lon = _number(place.get("lat")), _number(place.get("lon"))
    if lat is None or lon is None or abs(lat) > 90 or abs(lon) > 180:
        return None
    return lat, lon


def _number(value) -> float | None:
    """A finite number, as Nominatim writes one (a string or a number), else None."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return None
    try:
        number = float(value)
    except (ValueError, OverflowError):
        return None
    return number if math.isfinite(number) else None


class CappedAdapter(RequestsAdapter):
    """geopy's requests adapter, reading an answer of at most MAX_ANSWER_BYTES within its timeout,
    and following redirects only to http or https on the same host."""

    def __init__(self, **options):
        super().__init__(**options)
        self.session.stream = True  # the body is read here, a piece at a time, not whole by requests
        self.session.hooks["response"].append(_same_host_redirect)

    def get_json(self, url, *, timeout, headers):
        with self._request(url, timeout=timeout, headers=headers) as answer:
            body = _capped_body(answer, time.monotonic() + timeout)
        try:
            return json.loads(body)
        except ValueError:
            raise GeocoderParseError("the answer is not JSON") from None


def _capped_body(answer, deadline: float) -> bytes:
    """The answer's bytes; an error once it passes the cap or the deadline, or the connection fails."""
    body = bytearray()
    try:
        while chunk := answer.raw.read1(64 * 1024):
            body += chunk
            if len(body) > MAX_ANSWER_BYTES:
                raise GeocoderServiceError(f"the answer is over {MAX_ANSWER_BYTES:,} bytes")
            if time.monotonic() > deadline:
                raise GeocoderTimedOut("the answer took too long")
    except (OSError, Urllib3Error) as err:
        raise GeocoderServiceError(f"the answer was cut off ({err})") from None
    return bytes(body)


def _same_host_redirect(response, **_) -> None:
    if response.is_redirect:
        new, old = urlsplit(urljoin(response.url, response.headers["location"])), urlsplit(response.url)
        if new.scheme not in ("http", "https") or new.hostname != old.hostname:
            raise GeocoderServiceError(f"redirected to {new.scheme}://{new.netloc}, another server: refused")


_POPULATION = re.compile(r"[0-9]{1,12}")
_COUNTRY_CODE = re.compile(r"[A-Za-z]{2}")


def nominatim_candidate(location: Location) -> Candidate | None:
    """A Nominatim result as a candidate place; None for what is no place (a shop, a river),
    or for a result whose fields are not what Nominatim sends (an importance of "high").

    Nominatim gives a population for few places, but an importance for all: a
    0–1 score, on a log scale, of how much the place is referred to. It is
    read as a population on the same log scale for the resolver's prior, from
    100 (importance 0) to 100 million (1).
    """
    raw = location.raw
    kind = raw.get("addresstype") or raw.get("type")
    feature = FEATURES.get(kind) if isinstance(kind, str) else None
    address, tags = raw.get("address") or {}, raw.get("extratags") or {}
    importance = _number(raw.get("importance") or 0)
    if feature is None or not isinstance(address, dict) or not isinstance(tags, dict) or importance is None:
        return None
    stated = str(tags.get("population", "")).replace(",", "")
    importance = min(max(importance, 0.0), 1.0)
    population = int(stated) if _POPULATION.fullmatch(stated) else round(10 ** (2 + 6 * importance))
    code = address.get("country_code")
    country = code.upper() if isinstance(code, str) and _COUNTRY_CODE.fullmatch(code) else None
    name = raw.get("name") if isinstance(raw.get("name"), str) else ""
    name = (name or location.address.split(",")[0]).strip()
    if not name:
        return None
    return Candidate(
        None, name, feature, country, round(location.latitude, 5), round(location.longitude, 5), population
    )


def nominatim(offline: PlaceIndex, url: str = PUBLIC_NOMINATIM, **options) -> OnlineFallback:
    """The offline gazetteer backed by a Nominatim server at `url` (the public one by default)."""
    scheme, _, domain = url.partition("://")
    if not domain or scheme not in ("http", "https"):
        raise OnlineGeocoderError(f"the geocoder URL must start with http:// or https://, not '{shown_url(url)}'")
    service = LenientNominatim(
        domain=domain.rstrip("/"),
        scheme=scheme,
        timeout=10,
        adapter_factory=CappedAdapter,
        user_agent=f"mapgen/{version('mapgen')} (news article maps)",
    )
    return OnlineFallback(offline, service, f"nominatim {shown_url(url)}", **options)


def shown_url(url: str) -> str:
    """The URL as mapgen writes it (in a page, a corrections file, an error): without its
    user's name and password, which a private server's URL may hold."""
    parts = urlsplit(url)
    return parts._replace(netloc=parts.netloc.rpartition("@")[2]).geturl() if "@" in parts.netloc else url
