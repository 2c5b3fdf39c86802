"""The resolver weighs evidence; these cases use a small fake gazetteer so that
each test shows one kind of evidence at work."""

from dataclasses import replace

import pytest

from mapgen.errors import NearPlaceError
from mapgen.geo import distance_km
from mapgen.model import Article, Candidate, Mention
from mapgen.names import name_key, skeleton
from mapgen.resolve import resolve

PARIS_FR = Candidate(2988507, "Paris", "city", "FR", 48.853, 2.349, 2_138_551, "11", capital=True)
PARIS_TX = Candidate(4717560, "Paris", "city", "US", 33.661, -95.556, 24_171, "TX")
TEXAS = Candidate(4736286, "Texas", "admin", "US", 31.2, -99.5, 25_000_000, "TX")
FRANCE = Candidate(3017382, "France", "country", "FR", 46.0, 2.0, 66_987_244)
USA = Candidate(6252001, "United States", "country", "US", 39.8, -98.6, 327_167_434)
DALLAS = Candidate(4684888, "Dallas", "city", "US", 32.783, -96.807, 1_300_092, "TX")
MARINES = Candidate(2995702, "Marines", "city", "FR", 49.145, 1.983, 3_130, "11")
RAQQA = Candidate(172955, "Ar Raqqah", "city", "SY", 35.953, 39.008, 531_952, "04")
SYRIA = Candidate(163843, "Syria", "country", "SY", 35.0, 38.0, 16_906_283)
GEORGIA_COUNTRY = Candidate(614540, "Georgia", "country", "GE", 42.0, 43.5, 3_731_000)
KILLEEN = Candidate(4705349, "Killeen", "city", "US", 31.117, -97.728, 145_482, "TX")
GEORGIA_STATE = Candidate(4197000, "Georgia", "admin", "US", 32.7, -83.4, 10_500_000, "GA")
NORFOLK_VA = Candidate(4776222, "Norfolk", "city", "US", 36.847, -76.285, 238_005, "VA")
SUFFOLK_VA = Candidate(4791259, "Suffolk", "city", "US", 36.728, -76.584, 88_161, "VA")
NORFOLK_GB = Candidate(None, "Norfolk", "admin", "GB", 52.66, 1.0, 52_781, "ENG")
SUFFOLK_GB = Candidate(None, "Suffolk", "admin", "GB", 52.16, 1.0, 54_089, "ENG")
UK = Candidate(2635167, "United Kingdom", "country", "GB", 53.9, -2.3, 66_488_991)
ONTARIO = Candidate(6093943, "Ontario", "admin", "CA", 49.0, -84.0, 8_533_082, "08")
CANADA = Candidate(6251999, "Canada", "country", "CA", 57.7, -101.6, 37_058_856)
DELAWARE_ON = Candidate(5938455, "Delaware", "city", "CA", 42.917, -81.417, 2_521, "08")
DELAWARE_US = Candidate(4142224, "Delaware", "admin", "US", 39.0, -75.5, 989_948, "DE")  # 2020 census
VALENCIA = Candidate(2509954, "Valencia", "city", "ES", 39.470, -0.377, 814_208, "60")
VALENCIA_PROVINCE = Candidate(None, "Valencia", "admin", "ES", 39.35, -0.65, 500_000, "60")
VALENCE = Candidate(2971053, "Valence", "city", "FR", 44.933, 4.892, 66_568, "84")
BATH = Candidate(2656173, "Bath", "city", "GB", 51.38, -2.36, 94_782, "ENG")  # "BA" among its other names
LOS_ANGELES = Candidate(5368361, "Los Angeles", "city", "US", 34.052, -118.244, 3_971_883, "CA")

NAMES = {
    "paris": [PARIS_FR, PARIS_TX],
    "texas": [TEXAS],
    "france": [FRANCE],
    "etats unis": [USA],
    "united states": [USA],
    "dallas": [DALLAS],
    "marines": [MARINES],
    "syrie": [SYRIA],
    "georgia": [GEORGIA_COUNTRY, GEORGIA_STATE],
    "ar raqqah": [RAQQA],
    "raqqa": [RAQQA],
    "killeen": [KILLEEN],
    "norfolk": [NORFOLK_VA, NORFOLK_GB],
    "suffolk": [SUFFOLK_VA, SUFFOLK_GB],
    "united kingdom": [UK],
    "ontario": [ONTARIO],
    "canada": [CANADA],
    "delaware": [DELAWARE_US, DELAWARE_ON],
    "valence": [VALENCIA, VALENCIA_PROVINCE, VALENCE],
    "ba": [BATH],
    "bath": [BATH],
    "la": [LOS_ANGELES],
}
SKELETONS = {skeleton(name): places for name, places in NAMES.items()}
LOCAL_NAMES = {(SYRIA.geonameid, "fr"): "Syrie"}  # as CLDR gives a country's name in each language


class FakeGazetteer:
    """A geocode.PlaceIndex answering from the table above."""

    def candidates(self, name, *, loose=False, online=False):
        return list((SKELETONS if loose else NAMES).get(skeleton(name) if loose else name_key(name), []))

    def demonym_country(self, word):
        return None

    def local_name(self, geonameid, language):
        return LOCAL_NAMES.get((geonameid, language))


def _places(text, *names, label="LOC"):
    """Resolve the given names wherever they stand in the text."""
    mentions = []
    for name in names:
        start = text.find(name)
        while start != -1:
            mentions.append(Mention(name, start, start + len(name), text, 0, label))
            start = text.find(name, start + 1)
    mentions.sort(key=lambda m: m.start)
    places = resolve(Article(text, "en", "test"), mentions, FakeGazetteer())
    return {p.name: p for p in places}


def test_population_decides_when_nothing_else_does():
    assert _places("Talks resumed in Paris on Monday.", "Paris")["Paris"].chosen == PARIS_FR


def test_comma_hint_beats_population():
    places = _places("The storm hit Paris, Texas, on Monday.", "Paris", "Texas")
    assert places["Paris"].chosen == PARIS_TX and places["Paris"].evidence.hinted == 1.0
    assert places["Texas"].chosen == TEXAS


def test_bracket_hint_beats_population():
    assert _places("The storm hit Paris (Texas) on Monday.", "Paris")["Paris"].chosen == PARIS_TX


def test_nearby_places_and_named_areas_beat_population():
    text = "Floods hit Dallas and Paris in northern Texas."
    assert _places(text, "Dallas", "Paris", "Texas")["Paris"].chosen == PARIS_TX


def test_one_sense_per_article():
    text = "Paris, Texas, was flooded. Later, Paris reopened its schools."
    paris = _places(text, "Paris", "Texas")["Paris"]
    assert paris.chosen == PARIS_TX and len(paris.mentions) == 2


def test_small_town_with_no_support_is_dropped_but_kept_with_support(monkeypatch):
    ile_de_france = Candidate(None, "Île-de-France", "admin", "FR", 48.7, 2.5, 12_000_000, "11")
    monkeypatch.setitem(NAMES, name_key("Île-de-France"), [ile_de_france])
    assert "Marines" not in _places("Marines were sent to Syrie.", "Marines", "Syrie")
    assert "Marines" in _places("In Île-de-France, Marines held a vote.", "Île-de-France", "Marines")


def test_loose_spelling_needs_the_article_to_point_there():
    assert "Raqa" not in _places("Fighting near Raqa went on.", "Raqa")
    raqa = _places("Fighting near Raqa (Syrie) went on.", "Raqa", "Syrie")["Raqa"]
    assert raqa.chosen == RAQQA
    assert raqa.evidence.loose == 1.0 and raqa.evidence.hinted == 1.0


def test_unsure_labels_need_more_support():
    assert "Killeen" in _places("Killeen voted.", "Killeen", label="LOC")
    assert "Killeen" not in _places("Killeen voted.", "Killeen", label="MISC")


def test_confidence_and_runners_up():
    paris = _places("Talks resumed in Paris on Monday.", "Paris")["Paris"]
    assert 0.5 < paris.confidence <= 1.0
    assert paris.runners_up == (PARIS_TX,)
    texas_paris = _places("The storm hit Paris, Texas.", "Paris", "Texas")["Paris"]
    assert texas_paris.confidence > 0.99


def test_a_namesake_at_the_same_spot_does_not_lower_confidence(monkeypatch):
    text = "Des pluies sont tombées sur Valence."
    monkeypatch.setitem(NAMES, "valence", [VALENCIA, VALENCIA_PROVINCE])
    with_province = _places(text, "Valence")["Valence"]
    monkeypatch.setitem(NAMES, "valence", [VALENCIA])
    without = _places(text, "Valence")["Valence"]
    assert with_province.chosen == without.chosen == VALENCIA
    assert VALENCIA_PROVINCE in with_province.runners_up
    assert with_province.confidence >= without.confidence


def test_places_settled_on_priors_alone_do_not_vouch_for_each_other():
    text = "Cases were found in Norfolk and Suffolk, the United Kingdom's health agency said."
    places = _places(text, "Norfolk", "Suffolk", "United Kingdom")
    assert places["Norfolk"].chosen == NORFOLK_GB and places["Suffolk"].chosen == SUFFOLK_GB
    alone = _places("Cases were found in Norfolk and Suffolk.", "Norfolk", "Suffolk")
    assert alone["Norfolk"].chosen == NORFOLK_VA


def test_an_area_and_its_country_count_as_one_piece_of_evidence():
    text = "Ontario and Canada reported cases; so did Delaware and the United States."
    delaware = _places(text, "Ontario", "Canada", "Delaware", "United States")["Delaware"]
    assert delaware.chosen == DELAWARE_US
    ontario_town = _places("Ontario and Canada reported cases in Delaware.", "Ontario", "Canada", "Delaware")
    assert ontario_town["Delaware"].chosen == DELAWARE_ON
    assert (ontario_town["Delaware"].evidence.in_named_area, ontario_town["Delaware"].evidence.in_named_country) == (
        1,
        0,
    )


@pytest.mark.parametrize("a, b, km", [((48.853, 2.349), (45.748, 4.847), 392), ((0, 0), (0, 180), 20015)])
def test_distance(a, b, km):
    assert distance_km(*a, *b) == pytest.approx(km, rel=0.01)


def test_a_demonym_counts_as_naming_its_country():
    text = "American officials said Dallas and Paris were flooded."
    demonym = Mention("American", 0, 8, text, 0, "DEMONYM")
    dallas = Mention("Dallas", 24, 30, text, 0, "LOC")
    paris = Mention("Paris", 35, 40, text, 0, "LOC")

    class WithDemonyms(FakeGazetteer):
        def demonym_country(self, word):
            return {"American": "US"}.get(word)

    article = Article(text, "en", "test")
    with_demonym = resolve(article, [demonym, dallas, paris], WithDemonyms())
    without = resolve(article, [dallas, paris], WithDemonyms())
    assert [p.name for p in with_demonym] == ["Dallas", "Paris"]
    assert with_demonym[0].evidence.in_demonym_country == 1.0 and without[0].evidence.in_demonym_country == 0.0
    # it pulls Paris towards Texas: chosen there, or left in France less surely (the fitted weights sit near the tie)
    moved = with_demonym[1].chosen == PARIS_TX or with_demonym[1].confidence < without[1].confidence
    assert without[1].chosen == PARIS_FR and moved


def test_a_dateline_names_a_town():
    mexico = Candidate(3996063, "Mexico", "country", "MX", 23.0, -102.0, 126_000_000)
    mexico_city = Candidate(3530597, "Mexico City", "city", "MX", 19.428, -99.128, 12_294_193, "09", capital=True)

    class Datelines(FakeGazetteer):
        def candidates(self, name, *, loose=False, online=False):
            return [mexico, mexico_city] if name_key(name) == "mexico" else []

    article = Article("MEXICO, 3 mai - La capitale a voté.", "fr", "test")
    dateline = Mention("MEXICO", 0, 6, article.text, 0, "DATELINE")
    assert resolve(article, [dateline], Datelines())[0].chosen == mexico_city
    in_text = Mention("MEXICO", 0, 6, article.text, 0, "LOC")
    assert resolve(article, [in_text], Datelines())[0].chosen == mexico


def test_a_country_needs_no_population_to_be_named(monkeypatch):
    vatican = Candidate(3164670, "Vatican", "country", "VA", 41.90, 12.45, 921)
    monkeypatch.setitem(NAMES, "vatican", [vatican])
    assert _places("The Vatican said the Pope had recovered.", "Vatican", label="ORG")["Vatican"].chosen == vatican
    hamlet = replace(vatican, feature="city", name="Vatican")
    monkeypatch.setitem(NAMES, "vatican", [hamlet])
    assert "Vatican" not in _places("The Vatican said the Pope had recovered.", "Vatican", label="ORG")


def test_a_region_within_one_country_names_that_country(monkeypatch):
    england = Candidate(None, "England", "region", "GB", 52.5, -1.5)
    cornwall_gb = Candidate(None, "Cornwall", "admin", "GB", 50.4, -4.9, 326_237, "ENG")
    cornwall_on = Candidate(5921357, "Cornwall", "city", "CA", 45.018, -74.728, 48_821, "08")
    monkeypatch.setitem(NAMES, "england", [england])
    monkeypatch.setitem(NAMES, "cornwall", [cornwall_on, cornwall_gb])
    places = _places("England reported new cases. Cornwall was hit hardest.", "England", "Cornwall")
    assert places["Cornwall"].chosen == cornwall_gb


def test_an_admin_area_names_its_country(monkeypatch):
    florida = Candidate(4155751, "Florida", "admin", "US", 28.5, -82.5, 21_000_000, "FL")
    monkeypatch.setitem(NAMES, "florida", [florida])
    assert _places("The hurricane hit Florida and Georgia.", "Florida", "Georgia")["Georgia"].chosen == GEORGIA_STATE


def test_a_town_named_only_after_an_article_is_a_building_in_french(monkeypatch):
    quarter = Candidate(6545040, "Maison Blanche", "city", "FR", 48.82, 2.36, 64_302, "11")
    monkeypatch.setitem(NAMES, "maison blanche", [quarter])
    text = "La Maison Blanche a démenti. Selon la Maison Blanche, rien n'est décidé."
    mentions = [Mention("Maison Blanche", i, i + 14, text, 0, "LOC") for i in (3, text.rindex("Maison"))]
    assert resolve(Article(text, "fr", "t"), mentions, FakeGazetteer()) == []
    written_plain = "Des orages à Maison Blanche."
    plain = Mention("Maison Blanche", 13, 27, written_plain, 0, "LOC")
    assert resolve(Article(written_plain, "fr", "t"), [plain], FakeGazetteer())[0].chosen == quarter
    english = "The Maison Blanche area flooded."
    assert (
        resolve(Article(english, "en", "t"), [Mention("Maison Blanche", 4, 18, english, 0, "LOC")], FakeGazetteer())[
            0
        ].chosen
        == quarter
    ), "English puts 'the' before towns as modifiers"


def test_distance_is_geopys_great_circle():
    from geopy.distance import great_circle

    for a, b in (((48.85, 2.35), (45.75, 4.85)), ((36.33, 43.12), (38.90, -77.04)), ((0, 0), (0, 180))):
        assert abs(distance_km(*a, *b) - great_circle(a, b).km) < 0.01


# --- issue 9: the article's own geography decides -------------------------------------

WAYNE_MI = Candidate(None, "Wayne County", "admin", "US", 42.28, -83.26, 1_750_000, "MI")
WAYNE_OH = Candidate(None, "Wayne County", "admin", "US", 40.83, -81.89, 115_000, "OH")
OHIO = Candidate(5165418, "Ohio", "admin", "US", 40.25, -82.75, 11_600_000, "OH")
WOOSTER_OH = Candidate(5176937, "Wooster", "city", "US", 40.805, -81.935, 26_000, "OH")


def test_a_county_inside_the_state_the_article_names_beats_a_bigger_one_elsewhere(monkeypatch):
    monkeypatch.setitem(NAMES, "wayne county", [WAYNE_MI, WAYNE_OH])
    monkeypatch.setitem(NAMES, "ohio", [OHIO])
    monkeypatch.setitem(NAMES, "wooster", [WOOSTER_OH])
    text = "Wooster and Wayne County in northeastern Ohio were flooded."
    assert _places(text, "Wooster", "Wayne County", "Ohio")["Wayne County"].chosen == WAYNE_OH
    assert _places("Wayne County was flooded.", "Wayne County")["Wayne County"].chosen == WAYNE_MI


def test_a_county_written_with_its_state_beside_it_is_that_states(monkeypatch):
    monkeypatch.setitem(NAMES, "wayne county", [WAYNE_MI, WAYNE_OH])
    monkeypatch.setitem(NAMES, "ohio", [OHIO])
    wayne = _places("Roads flooded in Wayne County, Ohio, on Sunday.", "Wayne County")["Wayne County"]
    assert wayne.chosen == WAYNE_OH and wayne.evidence.hinted == 1.0


DECATUR_AL = Candidate(4058553, "Decatur", "city", "US", 34.606, -86.983, 55_000, "AL")
DECATUR_IL = Candidate(4236895, "Decatur", "city", "US", 39.840, -88.955, 72_000, "IL")
ILLINOIS = Candidate(4896861, "Illinois", "admin", "US", 40.0, -89.0, 12_800_000, "IL")
ALABAMA = Candidate(4829764, "Alabama", "admin", "US", 32.75, -86.75, 4_900_000, "AL")
DELAWARE_STATE = Candidate(4142224, "Delaware", "admin", "US", 39.0, -75.5, 990_000, "DE")
NORTH_CAROLINA = Candidate(4482348, "North Carolina", "admin", "US", 35.5, -80.0, 10_000_000, "NC")
WILMINGTON_DE = Candidate(4145381, "Wilmington", "city", "US", 39.746, -75.547, 70_000, "DE")
WILMINGTON_NC = Candidate(4499379, "Wilmington", "city", "US", 34.226, -77.945, 115_000, "NC")


def test_a_state_abbreviated_as_news_agencies_write_it_is_a_hint(monkeypatch):
    monkeypatch.setitem(NAMES, "decatur", [DECATUR_IL, DECATUR_AL])
    monkeypatch.setitem(NAMES, "illinois", [ILLINOIS])
    monkeypatch.setitem(NAMES, "alabama", [ALABAMA])
    monkeypatch.setitem(NAMES, "delaware", [DELAWARE_STATE])
    monkeypatch.setitem(NAMES, "wilmington", [WILMINGTON_NC, WILMINGTON_DE])
    monkeypatch.setitem(NAMES, "north carolina", [NORTH_CAROLINA])
    assert _places("Shots were fired in Decatur, Ala., on Sunday.", "Decatur")["Decatur"].chosen == DECATUR_AL
    assert _places("WILMINGTON, Del. (AP) - Rain.", "WILMINGTON")["WILMINGTON"].chosen == WILMINGTON_DE


SPRINGFIELD_MO = Candidate(4409896, "Springfield", "city", "US", 37.215, -93.298, 169_000, "MO")
SPRINGFIELD_MA = Candidate(4951788, "Springfield", "city", "US", 42.101, -72.590, 155_000, "MA")
MASSACHUSETTS = Candidate(6254926, "Massachusetts", "admin", "US", 42.36, -71.8, 6_900_000, "MA")


def test_a_state_opening_an_organisations_name_frames_the_article_without_a_marker(monkeypatch):
    monkeypatch.setitem(NAMES, "springfield", [SPRINGFIELD_MO, SPRINGFIELD_MA])
    monkeypatch.setitem(NAMES, "massachusetts", [MASSACHUSETTS])
    text = "Massachusetts State Police closed downtown Springfield."
    mentions = [Mention("Massachusetts", 0, 13, text, 0, "FRAME"), Mention("Springfield", 43, 54, text, 0, "GPE")]
    places = resolve(Article(text, "en", "t"), mentions, FakeGazetteer())
    assert [(p.name, p.chosen) for p in places] == [("Springfield", SPRINGFIELD_MA)]


def test_a_loosely_matched_country_with_nothing_for_it_is_dropped_without_a_crash(monkeypatch):
    # "Syrria" matches Syria's skeleton only; with nothing pointing there its one candidate is vetoed
    monkeypatch.setitem(SKELETONS, skeleton("Syria"), [SYRIA])
    assert _places("Syrria was quiet.", "Syrria") == {}


ALEXANDRIA_EG = Candidate(361058, "Alexandria", "city", "EG", 31.198, 29.919, 3_811_516, "06")
ALEXANDRIA_LA = Candidate(4314550, "Alexandria", "city", "US", 31.311, -92.445, 47_723, "LA")
LOUISIANA = Candidate(4331987, "Louisiana", "admin", "US", 31.0, -92.0, 4_600_000, "LA")


def test_the_newsrooms_home_region_decides_where_the_article_gives_no_anchor(monkeypatch):
    monkeypatch.setitem(NAMES, "alexandria", [ALEXANDRIA_EG, ALEXANDRIA_LA])
    monkeypatch.setitem(NAMES, "louisiana", [LOUISIANA])
    text = "The council of Alexandria met on Tuesday."
    mentions = [Mention("Alexandria", 15, 25, text, 0, "GPE")]
    assert resolve(Article(text, "en", "t"), mentions, FakeGazetteer())[0].chosen == ALEXANDRIA_EG
    home = resolve(Article(text, "en", "t"), mentions, FakeGazetteer(), near=("Alexandria, Louisiana",))
    assert home[0].chosen == ALEXANDRIA_LA
    with pytest.raises(NearPlaceError, match="Atlantis"):
        resolve(Article(text, "en", "t"), mentions, FakeGazetteer(), near=("Atlantis",))


HAUTE_GARONNE = Candidate(None, "Haute-Garonne", "admin", "FR", 43.35, 1.2, 1_300_000, "76")
MONTAUT_NEAR = Candidate(2992947, "Montaut", "city", "FR", 43.11, 1.30, 400, "76")
MONTAUT_FAR = Candidate(2992948, "Montaut", "city", "FR", 43.72, 0.13, 450, "76")


def test_a_town_beside_the_department_the_article_names_beats_a_namesake_of_the_same_region(monkeypatch):
    monkeypatch.setitem(NAMES, "montaut", [MONTAUT_FAR, MONTAUT_NEAR])
    monkeypatch.setitem(NAMES, "haute garonne", [HAUTE_GARONNE])
    text = "Montaut, à la frontière de la Haute-Garonne, a été inondée."
    assert _places(text, "Montaut", "Haute-Garonne")["Montaut"].chosen == MONTAUT_NEAR


TARN = Candidate(None, "Tarn", "admin", "FR", 43.8, 2.1, 380_000, "76")
COMMUNES = [
    Candidate(3000000 + i, name, "city", "FR", 43.7 + i / 20, 2.0 + i / 20, 900, "76")
    for i, name in enumerate(["Lautrec", "Vielmur", "Serviès"])
]


def test_small_places_in_the_department_the_article_names_stand_together(monkeypatch):
    monkeypatch.setitem(NAMES, "tarn", [TARN])
    for commune in COMMUNES:
        monkeypatch.setitem(NAMES, name_key(commune.name), [commune])
    text = "Dans le Tarn, Lautrec, Vielmur et Serviès ont été touchées par la grêle."
    places = _places(text, "Tarn", "Lautrec", "Vielmur", "Serviès")
    assert set(places) == {"Tarn", "Lautrec", "Vielmur", "Serviès"}


def test_letters_that_are_not_a_towns_initials_do_not_make_it_sure():
    # "BA" is British Airways long before it is Bath, whose other names hold it; "LA" is Los Angeles' initials
    text = (
        "BA cancelled flights as the storm hit the United Kingdom. BA staff were told. "
        "BA said refunds would come. BA shares fell. BA will fly again on Monday."
    )
    assert "BA" not in _places(text, "BA", "United Kingdom", label="ORG")  # kept at 0.64 without the evidence
    la = _places("Flights to LA were cancelled.", "LA", label="GPE")["LA"]
    assert la.chosen == LOS_ANGELES and la.evidence.town_by_letters == 0.0
    bath = _places("Floods in Bath, in the United Kingdom, closed the Roman Baths.", "Bath", "United Kingdom")["Bath"]
    assert bath.evidence.town_by_letters == 0.0


def test_a_name_only_the_gazetteer_found_is_weighed_as_such():
    from mapgen.resolve import scored_names
    from mapgen.resolve.scorer import default_weights

    text = "Crews from Killeen reached Dallas."
    mentions = [Mention("Killeen", 11, 18, text, 0, "GAZETTEER"), Mention("Dallas", 27, 33, text, 0, "GPE")]
    scored = scored_names(Article(text, "en", "test"), mentions, FakeGazetteer(), default_weights())
    evidence = {s.name.key: s.scored[0][1] for s in scored}
    assert evidence["killeen"].from_gazetteer == 1.0 and evidence["killeen"].unsure_label == 1.0
    assert evidence["dallas"].from_gazetteer == 0.0


def test_a_country_under_its_name_in_the_articles_language_is_under_its_own_name():
    # "Syrie" is Syria's name for a French reader, not one of its other names as "Salisbury" is Harare's
    text = "Les combats ont repris en Syrie."
    mention = Mention("Syrie", 26, 31, text, 0, "LOC")
    french = resolve(Article(text, "fr", "test"), [mention], FakeGazetteer())[0]
    german = resolve(Article(text, "de", "test"), [mention], FakeGazetteer())[0]
    assert french.chosen == german.chosen == SYRIA
    assert french.evidence.other_name == 0.0 and german.evidence.other_name == 1.0
    assert french.confidence > german.confidence
