"""The pipelines load and run without costs that change nothing they read: the blank pipelines' tokenizer
exceptions added as texts need them, spaCy without its command line, natasha's arrays on one BLAS thread."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
import spacy

from mapgen import languages
from mapgen.extract.pipeline import _blank

ROOT = Path(__file__).resolve().parents[1]
BLANK = [code for code in languages.CODES if languages.get(code).recogniser != "spacy"]


def reading(doc) -> list:
    """Each token as mapgen may read it: its text, space, norm, shape and sentence start."""
    return [(t.text, t.whitespace_, t.norm_, t.lower_, t.shape_, t.is_sent_start) for t in doc]


def blank(language: str):
    nlp = spacy.blank(language)
    nlp.add_pipe("sentencizer")
    return nlp


@pytest.mark.parametrize("language", BLANK)
def test_a_blank_pipeline_reads_each_text_as_spacy_blank_does(language):
    """The dev texts one after another, then every exception of the tokenizer, ten to a text: inside
    brackets, after and before letters, in capitals, and its pieces written apart ("a . d ."), which
    spaCy's second pass joins; each text read by one pipeline whose exceptions came as texts needed them."""
    whole, ours = blank(language), _blank(language)
    with open(ROOT / "benchmarks" / "data" / f"{language}-dev.jsonl", encoding="utf-8") as lines:
        texts = [json.loads(line)["text"] for line in lines]
    exceptions = sorted(whole.tokenizer.rules)
    for n in range(0, len(exceptions), 10):
        written = []
        for exception in exceptions[n : n + 10]:
            pieces = " ".join(t.text for t in whole.tokenizer(exception))
            written.append(f"Zie ({exception}) en {exception}. {pieces} x{exception}y «{exception.upper()}» {pieces}.")
        texts.append(" ".join(written))
    theirs = [reading(whole(text)) for text in texts]
    for text, reading_ in zip(texts, theirs, strict=True):
        assert reading(ours(text)) == reading_, text
    assert [reading(doc) for doc in _blank(language).pipe(texts[::-1])] == theirs[::-1]


def test_a_pipeline_loads_without_spacys_command_line_which_still_imports_after():
    """spaCy's command line (typer, weasel, requests…) is a fifth of a second of every start and
    mapgen never runs it; a program that imports it after mapgen's pipelines gets it whole."""
    script = (
        "import sys\n"
        "from mapgen.extract import load_pipeline\n"
        "load_pipeline('nl')\n"
        "print(sorted(m for m in ('spacy.cli', 'typer', 'weasel') if m in sys.modules))\n"
        "import spacy, spacy.cli\n"
        "from spacy.cli import download\n"
        "print(callable(download), spacy.cli.info.__module__, sorted(spacy.info()))\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert out.splitlines()[0] == "[]"
    assert out.splitlines()[1].startswith("True spacy.cli.info [")
    assert "'spacy_version'" in out.splitlines()[1]


def test_natasha_multiplies_its_arrays_on_one_blas_thread(monkeypatch):
    """natasha's products of small matrices on several OpenBLAS threads were 16 times slower on a loaded
    machine (issue 26); the thread limit holds only while natasha reads, whatever the process had set."""
    from threadpoolctl import threadpool_info, threadpool_limits

    from mapgen.extract import natasha_reader

    def blas_threads() -> set[int]:
        return {pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"}

    reader = natasha_reader._reader()
    seen: list[set[int]] = []
    tag = type(reader.ner).__call__
    monkeypatch.setattr(
        type(reader.ner), "__call__", lambda self, *args: (seen.append(blas_threads()), tag(self, *args))[1]
    )
    with threadpool_limits(limits=2, user_api="blas"):
        assert natasha_reader.names("Паводок дошёл до Томска.")
        assert blas_threads() == {2}
    assert seen == [{1}]
