"""Corrections files: what a journalist writes, the one-line errors when it is wrong,
and what each correction does to the places (with the resolver's fake gazetteer)."""

import tomllib
import warnings

import pytest
from test_resolve import NAMES, PARIS_FR, PARIS_TX, TEXAS, FakeGazetteer

from mapgen import corrections
from mapgen.corrections import StaleCorrection
from mapgen.errors import CorrectionsError
from mapgen.model import Article, Mention
from mapgen.resolve import resolve
from mapgen.site.geojson import feature_collection

TEXT = "Floods hit Dallas and Paris in northern Tejas. Paris was the worst hit. In Paris, schools closed."


class Gazetteer(FakeGazetteer):
    def by_geonameid(self, geonameid):
        return next((c for found in NAMES.values() for c in found if c.geonameid == geonameid), None)


def write(tmp_path, text, name="fix.toml"):
    path = tmp_path / name
    path.write_text(text, "utf-8")
    return path


def mentions(text, *names):
    found = []
    for name in names:
        start = text.find(name)
        while start != -1:
            found.append(Mention(name, start, start + len(name), text, 0, "LOC"))
            start = text.find(name, start + 1)
    return sorted(found, key=lambda m: m.start)


def places(tmp_path, toml, text=TEXT, names=("Dallas", "Paris"), source="floods.txt"):
    """The places of the text, found with the given corrections."""
    article = Article(text, "en", source)
    fix = corrections.load(write(tmp_path, toml)).for_article(source)
    prepared = corrections.prepare(article, mentions(text, *names), fix, Gazetteer())
    found = prepared.finish(resolve(article, list(prepared.mentions), Gazetteer(), pinned=prepared.pinned))
    return {p.name: p for p in found}


def test_without_corrections_paris_is_the_capital():
    article = Article(TEXT, "en", "floods.txt")
    found = {p.name: p for p in resolve(article, mentions(TEXT, "Dallas", "Paris"), Gazetteer())}
    assert found["Paris"].chosen == PARIS_FR and "Tejas" not in found


def test_a_pin_is_evidence_for_the_rest_of_the_article(tmp_path):
    # NER missed "Tejas", an old spelling no gazetteer lists: pinned to Texas, it is found
    # in the text, and names the state in which Paris is then read.
    found = places(tmp_path, "[pin]\nTejas = 4736286\n")
    assert found["Tejas"].chosen == TEXAS and found["Tejas"].origin == "pinned"
    assert found["Tejas"].confidence == 1.0
    assert found["Paris"].chosen == PARIS_TX and found["Paris"].origin == "resolved"
    assert list(found) == ["Dallas", "Paris", "Tejas"]  # in the order of first mention


def test_pin_to_coordinates_with_a_label(tmp_path):
    found = places(tmp_path, '[pin]\nParis = { lat = 33.66, lon = -95.55, label = "Paris, Lamar County" }\n')
    chosen = found["Paris"].chosen
    assert (chosen.lat, chosen.lon, chosen.name, chosen.geonameid) == (33.66, -95.55, "Paris, Lamar County", None)


def test_drop_a_name_or_only_one_mention(tmp_path):
    assert "Dallas" not in places(tmp_path, '[drop]\nnames = ["Dallas"]\n')
    paris = places(tmp_path, "[drop]\nParis = [2]\n")["Paris"]
    assert [m.start for m in paris.mentions] == [TEXT.index("Paris"), TEXT.rindex("Paris")]


def test_add_rename_and_mark(tmp_path):
    toml = """
[add]
"The levee" = { lat = 32.9, lon = -96.8, quote = "worst hit" }
[rename]
Dallas = "Dallas (Texas)"
[mark]
Dallas = "focus"
Paris = "context"
"""
    found = places(tmp_path, toml)
    levee = found["The levee"]
    assert levee.origin == "added" and levee.mentions[0].text == "worst hit"
    assert levee.mentions[0].sentence == "Paris was the worst hit."
    assert found["Dallas (Texas)"].renamed_from == "Dallas" and found["Dallas (Texas)"].role == "focus"
    assert found["Paris"].role == "context"
    properties = {
        f["properties"]["name"]: f["properties"]
        for f in feature_collection(Article(TEXT, "en", "x"), list(found.values()))["features"]
    }
    assert properties["The levee"]["origin"] == "added"
    assert properties["Dallas (Texas)"]["renamed_from"] == "Dallas"
    assert properties["Paris"]["origin"] == "resolved" and properties["Paris"]["role"] == "context"


def test_an_articles_own_table_wins_over_the_shared_one(tmp_path):
    toml = f"[pin]\nParis = {PARIS_TX.geonameid}\n\n['floods.txt'.pin]\nParis = {PARIS_FR.geonameid}\n"
    assert places(tmp_path, toml)["Paris"].chosen == PARIS_FR
    assert places(tmp_path, toml, source="other.txt")["Paris"].chosen == PARIS_TX


def test_shared_corrections_for_names_the_article_lacks_are_no_error(tmp_path):
    assert "Paris" in places(tmp_path, '[pin]\nWashington = 4736286\n[drop]\nnames = ["Stryker"]\n')


@pytest.mark.parametrize(
    "toml, line, message",
    [
        ("[pin]\nParis = 4717560\nparis = 2988507\n", 3, "'paris' is pinned twice (also line 2)"),
        ('[drop]\nnames = ["Stryker", "stryker"]\n', 2, "'stryker' is dropped twice (also line 2)"),
        ('[drop]\nParis = [2]\nnames = ["Paris"]\n', 3, "'Paris' is dropped twice (also line 2)"),
        ('[pin]\nParis = 4717560\n[drop]\nnames = ["Paris"]\n', 4, "'Paris' is both pinned (line 2) and dropped"),
        ("[pin]\n\nParis = { lat = 95.0, lon = 2.0 }\n", 3, "lat = 95.0 is out of range"),
        ("[pin]\nParis = { lat = 48.8, lon = 200 }\n", 2, "lon = 200 is out of range"),
        ("[pin]\nParis = { lat = 48.8 }\n", 2, "lon is missing"),
        ("[pin]\nParis = 'Texas'\n", 2, "give a GeoNames id"),
        ("[pin]\nParis = 1\nParis = 2\n", 3, "not valid TOML"),
        ("[pins]\nParis = 1\n", 1, "unknown section 'pins'"),
        ("[drop]\nnames = 'Paris'\n", 2, "names must be a list"),
        ("[drop]\nParis = [0]\n", 2, "= [3] (only its 3rd mention)"),
        ("[mark]\nParis = 'centre'\n", 2, '"focus" or "context"'),
        ("[add]\nLevee = { lat = 1, lon = 2 }\n", 2, "needs a quote"),
        ("['floods.txt'.pin]\nParis = 1\n['floods.txt'.rename]\n  Paris = 3\n", 4, "must be some text"),
    ],
)
def test_a_bad_file_is_one_error_naming_the_line(tmp_path, toml, line, message):
    with pytest.raises(CorrectionsError) as error:
        corrections.load(write(tmp_path, toml))
    assert str(error.value).startswith(f"{tmp_path / 'fix.toml'}:{line}: "), error.value
    assert message in str(error.value) and "\n" not in str(error.value)


@pytest.mark.parametrize(
    "toml, line, message",
    [
        ("[pin]\nParis = 999999999\n", 2, "unknown GeoNames id 999999999"),
        ("['floods.txt'.pin]\nWashington = 4140963\n", 2, "the article does not contain 'Washington'"),
        ("\n['floods.txt'.drop]\nnames = ['Stryker']\n", 3, "the article does not contain 'Stryker'"),
        (
            "['floods.txt'.add]\nLevee = { lat = 1, lon = 2, quote = 'the dam broke' }\n",
            2,
            'not contain the quote "the dam',
        ),
    ],
)
def test_corrections_that_do_not_fit_the_article_name_the_line(tmp_path, toml, line, message):
    with pytest.raises(CorrectionsError) as error:
        places(tmp_path, toml)
    assert str(error.value).startswith(f"{tmp_path / 'fix.toml'}:{line}: ") and message in str(error.value)


def test_stale_corrections_are_reported(tmp_path):
    toml = "[drop]\nParis = [5]\nTejas = true\n[rename]\nNorthern = 'North'\n"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        found = places(tmp_path, toml, text=TEXT + " Northern winds.")
    assert "Paris" in found
    stale = [str(w.message) for w in caught if issubclass(w.category, StaleCorrection)]
    assert any(":2: stale correction: 'Paris' is mentioned 3 times: it has no mention number 5" in s for s in stale), (
        stale
    )
    assert any(":3: stale correction: 'Tejas' is no longer found as a place" in s for s in stale), stale
    assert any(":5: stale correction: 'Northern' is not among the places" in s for s in stale), stale


def test_review_lines_pick_a_runner_up_when_pasted(tmp_path):
    line = corrections.pin_line("Paris", PARIS_TX)
    assert line.startswith('"Paris" = 4717560  # Paris, TX, US (city, population 24,171)')
    assert tomllib.loads("[pin]\n" + line + "\n[drop]\n" + corrections.drop_line("Dallas"))
    assert places(tmp_path, "[pin]\n" + line + "\n")["Paris"].chosen == PARIS_TX


def test_the_starting_file_is_all_comments_until_a_line_is_uncommented(tmp_path):
    found = places(tmp_path, "")
    text = corrections.starting_file("floods.txt", list(found.values()))
    assert tomllib.loads(text) == {"pin": {}, "drop": {}}
    chosen = text.replace('# "Paris" = 4717560', '"Paris" = 2988507  #', 1)
    assert places(tmp_path, chosen)["Paris"].chosen == PARIS_FR


def test_entries_write_back_what_was_read(tmp_path):
    toml = """[pin]
Paris = { lat = 33.66, lon = -95.55, label = "Paris, TX" }
Dallas = 4684888
[drop]
Tejas = [2, 3]
[add]
"The levee" = { geonameid = 3017382, label = "Levee", quote = "worst hit" }
[mark]
Paris = "focus"
"""
    fix = corrections.load(write(tmp_path, toml)).for_article("floods.txt")
    again = "".join(
        f"[{section}]\n" + "".join(f"{corrections.toml_string(k)} = {v}\n" for k, v in values.items())
        for section, values in corrections.entries(fix).items()
    )
    assert tomllib.loads(again) == {**tomllib.loads(toml), "rename": {}}


@pytest.mark.parametrize(
    "toml, message",
    [
        ("[pin]\nMossul = 4717560\n", "the article does not contain 'Mossul'"),
        ('[drop]\nnames = ["Dalas"]\n', "the article does not contain 'Dalas'"),
        ('[rename]\nDalas = "Big D"\n', "the article does not contain 'Dalas'"),
        (
            "[add]\nLevee = { lat = 1, lon = 2, quote = 'the dam broke' }\n",
            'the article does not contain the quote "the dam broke"',
        ),
    ],
)
def test_the_file_beside_the_article_is_its_own_a_name_it_lacks_is_an_error(tmp_path, toml, message):
    # ARTICLE.mapgen.toml, the file the README tells a journalist to write, in the issue's own
    # form (top-level [pin], [drop]): a misspelt name is a mistake named by its line, not passed over.
    write(tmp_path, toml, "floods.mapgen.toml")
    source = str(tmp_path / "floods.txt")
    fix = corrections.load(tmp_path / "floods.mapgen.toml").for_article(source)
    with pytest.raises(CorrectionsError) as error:
        corrections.prepare(Article(TEXT, "en", source), mentions(TEXT, "Dallas", "Paris"), fix, Gazetteer())
    assert str(error.value) == f"{tmp_path / 'floods.mapgen.toml'}:2: {message}"


def test_a_shared_section_passes_over_the_names_an_article_lacks_quietly_whatever_the_correction(tmp_path):
    # the same file named with --corrections for many articles: a rename, a mark or an addition
    # for another article's place is no stale correction of this one's
    toml = (
        '[rename]\nMosul = "Old city"\n[mark]\nMosul = "focus"\n[add]\nX = { lat = 1, lon = 2, quote = "elsewhere" }\n'
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error", StaleCorrection)
        found = places(tmp_path, toml)
    assert set(found) == {"Dallas", "Paris"}


def test_a_shared_pin_to_an_unknown_id_is_an_error_even_for_an_article_without_the_name(tmp_path):
    with pytest.raises(CorrectionsError, match=r"fix\.toml:2: unknown GeoNames id 999999999"):
        places(tmp_path, "[pin]\nMosul = 999999999\n")
