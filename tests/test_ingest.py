import io

import pytest

from mapgen.ingest import IngestError, decode, detect_language, parse_article, read_article

FRENCH = "Les ministres se sont retrouvés à Genève, où l'été s'achève déjà, pour négocier un accord."


def test_utf8_and_cp1252_read_the_same(tmp_path):
    for encoding in ("utf-8", "cp1252", "latin-1"):
        path = tmp_path / f"{encoding}.txt"
        path.write_bytes(FRENCH.encode(encoding))
        assert read_article(path).text == FRENCH


def test_byte_order_mark_is_dropped():
    assert decode(b"\xef\xbb\xbf" + FRENCH.encode()) == FRENCH


def test_leading_date_line_is_taken_as_metadata():
    article = parse_article("date 2017-03\n" + FRENCH)
    assert article.date == "2017-03"
    assert article.text == FRENCH


def test_date_before_the_first_words_on_one_line():
    article = parse_article(" date 2017-03 " + FRENCH)
    assert (article.date, article.text) == ("2017-03", FRENCH)


def test_no_date_line_leaves_the_text_whole():
    article = parse_article("Le 2017-03 fut un mois chargé. " + FRENCH)
    assert article.date is None and article.text.startswith("Le 2017-03")


def test_language_is_detected():
    assert parse_article(FRENCH).language == "fr"
    assert parse_article("The ministers met in Geneva on Monday to negotiate a new agreement.").language == "en"


@pytest.mark.parametrize(
    "text, language",
    [
        ("Floods hit Lyon.", "en"),  # too short to tell: read in a language mapgen reads
        ("Des orages ont frappé Lyon.", "fr"),
        ("Die Regierung in Berlin hat am Montag neue Maßnahmen beschlossen.", "de"),  # sure: reported as it is
        ("Паводок в Оренбурге: вода подходит к Орску.", "ru"),
    ],
)
def test_short_texts_lean_to_the_languages_mapgen_reads(text, language):
    assert detect_language(text) == language


def test_every_language_read_has_a_module_and_a_recogniser():
    from mapgen import languages
    from mapgen.extract import MODELS
    from mapgen.model import LANGUAGES

    assert set(LANGUAGES) <= set(languages.CODES)
    for code in LANGUAGES:
        assert code in MODELS or languages.get(code).recogniser in ("rules", "natasha")


def test_html_page_is_stripped_to_its_article():
    page = f"""<!doctype html><html><head><title>Accord à Genève</title></head><body>
    <nav><a href="/">Accueil</a> <a href="/sport">Sport</a></nav>
    <article><h1>Accord à Genève</h1><p>{FRENCH}</p><p>{FRENCH.replace("Genève", "Lausanne")}</p></article>
    <footer>Tous droits réservés</footer></body></html>"""
    article = parse_article(page)
    assert "Genève, où l'été" in article.text
    assert "Tous droits réservés" not in article.text and "<p>" not in article.text
    assert article.title == "Accord à Genève"


def test_stdin(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(FRENCH.encode("cp1252"))))
    assert read_article("-").text == FRENCH


@pytest.mark.parametrize("content", [b"", b"   \n\n "])
def test_empty_article_is_an_error(tmp_path, content):
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    with pytest.raises(IngestError, match="empty"):
        read_article(path)


def test_missing_file_and_directory_are_errors(tmp_path):
    with pytest.raises(IngestError, match="no such file"):
        read_article(tmp_path / "nope.txt")
    with pytest.raises(IngestError, match="directory"):
        read_article(tmp_path)


def test_the_unpacked_language_model_reads_like_the_packed_one(tmp_path, monkeypatch):
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    import mapgen.ingest as ingest

    monkeypatch.setattr(ingest, "cache_dir", lambda: tmp_path)
    ingest._language_identifier.cache_clear()
    try:
        ours = ingest._language_identifier()
        assert list(tmp_path.glob("py3langid-*-model/ptc.npy")), "no unpacked copy kept"
        theirs = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
        for text in (FRENCH, "Floods hit Lyon.", "Die Regierung hat am Montag beschlossen."):
            assert ours.rank(text)[:5] == theirs.rank(text)[:5]
        (next(tmp_path.glob("py3langid-*-model/ptc.npy"))).write_bytes(b"cut short")
        ingest._language_identifier.cache_clear()
        assert ingest.detect_language(FRENCH) == "fr", "a damaged copy falls back to the package's loader"
        assert not list(tmp_path.glob("py3langid-*-model")), "the damaged copy is left to be read again"
    finally:
        ingest._language_identifier.cache_clear()
