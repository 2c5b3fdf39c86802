"""Big articles: read in chunks whose offsets add up, and quotes of a sentence's size."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mapgen.extract import QUOTE_CHARS, find_mentions, load_pipeline
from mapgen.extract.pipeline import _chunks
from mapgen.gazetteer import offline_index
from mapgen.ingest import parse_article

PARAGRAPH = "Heavy rain hit Lyon and Grenoble on Monday. Rescue teams from Marseille reached Nice before dawn."


@pytest.fixture(scope="module")
def geocoder():
    return offline_index()


@given(st.text(st.sampled_from("ab .\n!»"), max_size=400), st.integers(1, 60))
def test_chunks_join_back_into_the_text_and_keep_to_their_size(text, size):
    pieces = list(_chunks(text, size))
    assert "".join(pieces) == text
    assert all(0 < len(piece) <= size for piece in pieces)


def test_chunks_end_at_paragraphs_then_sentences():
    text = "\n\n".join([PARAGRAPH] * 6)
    pieces = list(_chunks(text, 250))
    assert all(piece.endswith("\n\n") for piece in pieces[:-1])
    pieces = list(_chunks(f"{PARAGRAPH} {PARAGRAPH}", 150))
    assert pieces[0].endswith("on Monday. ")  # the last sentence end in the window


def test_a_text_longer_than_spacy_takes_is_read_in_chunks(monkeypatch, geocoder):
    text = "\n\n".join(f"{PARAGRAPH} It was day {n}." for n in range(60))  # 7 KB
    whole = find_mentions(parse_article(text, language="en"), geocoder)
    monkeypatch.setattr(load_pipeline("en"), "max_length", 1000)
    chunked = find_mentions(parse_article(text, language="en"), geocoder)
    assert len(chunked) >= 60 and chunked == whole
    for m in chunked:
        assert text[m.start : m.end] == m.text
        assert text[m.sentence_start : m.sentence_start + len(m.sentence)] == m.sentence
        assert m.sentence.startswith(("Heavy", "Rescue")) and len(m.sentence) < 60


def test_a_text_with_no_sentence_end_quotes_a_window_around_each_mention(geocoder):
    text = ("Floods hit Lyon and Grenoble and Marseille and then Nice, " * 300)[:15_000]
    mentions = find_mentions(parse_article(text, language="en"), geocoder)
    assert len(mentions) > 100
    for m in mentions:
        assert len(m.sentence) <= QUOTE_CHARS
        assert text[m.sentence_start : m.sentence_start + len(m.sentence)] == m.sentence
        assert m.sentence_start <= m.start and m.end <= m.sentence_start + len(m.sentence)
        end = m.sentence_start + len(m.sentence)
        assert text[m.sentence_start - 1 : m.sentence_start] in ("", " ") and text[end : end + 1] in ("", " ")


def test_two_processes_read_a_long_text_as_one_does(monkeypatch):
    from mapgen.extract import pipeline

    text = "\n\n".join(f"{PARAGRAPH} It was day {n}." for n in range(60))
    nlp = load_pipeline("en")
    monkeypatch.setattr(nlp, "max_length", 1000)  # some ten chunks
    monkeypatch.setattr(pipeline.os, "cpu_count", lambda: 2)
    two = pipeline.read(text, nlp)
    monkeypatch.setattr(pipeline, "PARALLEL_CHUNKS", 10_000)
    one = pipeline.read(text, nlp)
    assert two.text == one.text == text
    assert [(e.start_char, e.end_char, e.label_) for e in two.ents] == [
        (e.start_char, e.end_char, e.label_) for e in one.ents
    ]
    assert [s.start_char for s in two.sents] == [s.start_char for s in one.sents]


def test_organisations_names_cost_as_much_each_however_long_the_text(geocoder):
    """Each organisation's name looked at its words in spaCy's Doc.text, which joins every token
    again at each use: 6x the text cost 12x to 36x (300 KB: 271 CPU s). Now about 6x, in CPU time."""
    import time

    sentence = "Officials of the Ohio State University and the Massachusetts State Police met in Columbus on day {}. "

    def cost(size: int) -> float:
        text = "".join(sentence.format(n) for n in range(size // len(sentence)))
        article = parse_article(text, language="en")
        start = time.process_time()
        assert len(find_mentions(article, geocoder)) > size // len(sentence)
        return time.process_time() - start

    cost(2_000)  # the pipeline loaded
    small, big = cost(10_000), cost(60_000)
    assert big < 9 * small + 0.5, f"10 KB: {small:.2f} s, 60 KB: {big:.2f} s"
