"""Read an article: bytes of any common encoding, plain text or a web page."""

from __future__ import annotations

import io
import lzma
import re
import shutil
import sys
import zipfile
from array import array
from contextlib import suppress
from functools import lru_cache
from pathlib import Path

from .cache import cache_dir, folder_written_whole
from .errors import IngestError
from .model import LANGUAGES, Article

# A leading "date 2017-03" or "date: 2017-03-16", on a line of its own or
# before the first words of the text, carries the article's date.
_DATE_LINE = re.compile(r"\A\s*date\s*:?\s*(\d{4}(?:-\d{2}(?:-\d{2})?)?)(?:[ \t]*\n|[ \t]+|\Z)", re.IGNORECASE)
_LOOKS_LIKE_HTML = re.compile(r"<(?:!doctype\s+html|html|body|article|p)[\s>]", re.IGNORECASE)


_CHAOS_MARGIN = 0.1  # how much less well an encoding may fit and still count as fitting
# A news article is tens of kilobytes; a 20 MB text took over ten minutes. Read no further.
MAX_ARTICLE_BYTES = 10_000_000


def read_article(source: str | Path, *, language: str | None = None, max_bytes: int = MAX_ARTICLE_BYTES) -> Article:
    """Read an article from a file path, or from standard input when source is '-';
    one over `max_bytes` is an error, read no further than that."""
    name = str(source)
    if name == "-":
        data = sys.stdin.buffer.read(max_bytes + 1)
    else:
        path = Path(source)
        try:
            with path.open("rb") as file:
                data = file.read(max_bytes + 1)
        except FileNotFoundError:
            raise IngestError(f"{name}: no such file") from None
        except IsADirectoryError:
            raise IngestError(f"{name}: is a directory, not an article file") from None
        except OSError as err:
            raise IngestError(f"{name}: cannot read ({err.strerror})") from None
    if len(data) > max_bytes:
        raise IngestError(
            f"{name}: over the {max_bytes / 1e6:g} MB mapgen reads as an article; --max-article-mb raises the cap"
        )
    return parse_article(decode(data, name), source=name, language=language)


def decode(data: bytes, name: str = "input") -> str:
    """UTF-8 when it is valid, else the encoding charset-normalizer finds.

    On a short text several single-byte encodings fit about as well; then the
    most common one wins, Windows-1252 (which browsers also read for Latin-1).
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if unmarked := _utf16_without_bom(data):
        with suppress(UnicodeDecodeError):
            return data.decode(unmarked)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        raise IngestError(f"{name}: not text (no character encoding fits it)")
    near_best = [m for m in matches if m.chaos <= best.chaos + _CHAOS_MARGIN]
    return str(next((m for m in near_best if m.encoding == "cp1252"), best))


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 with no BOM, told by its zero bytes: English in it is also valid UTF-8, one
    NUL every other character, and gave no place at all."""
    sample = data[:4096]
    pairs = len(sample) // 2
    if pairs < 2 or len(data) % 2:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if odd > pairs * 0.3 and even < pairs * 0.05:
        return "utf-16-le"
    if even > pairs * 0.3 and odd < pairs * 0.05:
        return "utf-16-be"
    return None


def parse_article(raw: str, *, source: str = "-", language: str | None = None) -> Article:
    """Turn decoded text into an Article: page stripped, date line taken, language found."""
    raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    title = None
    if _LOOKS_LIKE_HTML.search(raw[:4096]):
        raw, title = _article_text_of_page(raw, source)
    date = None
    match = _DATE_LINE.match(raw)
    if match:
        date = match.group(1)
        raw = raw[match.end() :]
    text = raw.strip("\n")
    if not text.strip():
        raise IngestError(f"{source}: the article is empty")
    return Article(text=text, language=language or detect_language(text), source=source, date=date, title=title)


def _article_text_of_page(page: str, source: str) -> tuple[str, str | None]:
    """The article's own text and title, without menus, ads and comments."""
    import trafilatura

    text = trafilatura.extract(page, include_comments=False, include_tables=False, favor_precision=True)
    if not text:
        raise IngestError(f"{source}: an HTML page with no article text in it")
    metadata = trafilatura.extract_metadata(page)
    return text, (metadata.title if metadata else None)


def detect_language(text: str) -> str:
    """The ISO 639-1 code of the text's language.

    A sentence or two is too little to tell languages apart: "Floods hit
    Lyon." reads as Tagalog (13%) as much as English (10%). Where the
    detector gives no language even odds, the likeliest of those mapgen reads
    is taken; where it is sure of another, that one is reported.
    """
    ranked = _language_identifier().rank(text[:5000])
    code, probability = ranked[0]
    if probability >= 0.5 or code in LANGUAGES:
        return code
    return next((c for c, _ in ranked if c in LANGUAGES), code)


@lru_cache(maxsize=1)
def _language_identifier():
    """py3langid's identifier, its model read from an unpacked copy in the cache.

    The package ships the model LZMA-packed; unpacking its 65 MB took most of
    the second a warm build spent on the language. The first run keeps the
    arrays unpacked, a file each, which later runs map into memory rather than
    read (a copy read whole still took a seventh of a warm build); a copy that
    cannot be read falls back to the package's loader.
    """
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    try:
        ptc, pc, classes, nextmove, row, output = _unpacked_model(MODEL_DIR / MODEL_FILE)
    except (OSError, ValueError, KeyError, EOFError, lzma.LZMAError, zipfile.BadZipFile):
        for damaged in cache_dir().glob("py3langid-*-model"):
            shutil.rmtree(damaged, ignore_errors=True)  # unpacked again next time
        return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    return LanguageIdentifier(ptc, pc, classes, nextmove, output, norm_probs=True, tk_row=row)


_MODEL_ARRAYS = ("ptc", "pc", "classes", "nextmove", "nextmove_row", "out_feat")


def _unpacked_model(packed: Path) -> tuple:
    """The model's arrays as py3langid's own loader returns them, from an unpacked copy."""
    from importlib.metadata import version

    import numpy as np

    unpacked = cache_dir() / f"py3langid-{version('py3langid')}-model"
    if not unpacked.is_dir():
        _unpack(packed, unpacked)
    ptc, pc, classes, nextmove, row, output = (
        np.load(unpacked / f"{name}.npy", mmap_mode="r", allow_pickle=False) for name in _MODEL_ARRAYS
    )
    return ptc, pc, classes.tolist(), _as_array(nextmove), _as_array(row), output.tolist()


def _unpack(packed: Path, unpacked: Path) -> None:
    """The packed model's arrays written a file each, into a folder moved in place whole."""
    import numpy as np

    with folder_written_whole(unpacked) as partial, lzma.open(packed) as source:
        with np.load(io.BytesIO(source.read()), allow_pickle=False) as data:
            for name in _MODEL_ARRAYS:
                np.save(partial / f"{name}.npy", data[name], allow_pickle=False)
    for older in unpacked.parent.glob("py3langid-*-model.npz"):
        older.unlink(missing_ok=True)  # the single file earlier versions kept


def _as_array(values) -> array:
    """A NumPy array of unsigned integers as the standard library's array, which py3langid walks faster."""
    import numpy as np

    out = array({2: "H", 4: "I", 8: "L"}[values.dtype.itemsize])
    out.frombytes(np.ascontiguousarray(values).data.cast("B"))  # one copy, not two
    return out
