"""Local news: lists read as lists, states written as news agencies abbreviate
them or as two capitals. Each case is one class of error seen on the dev sets,
with the small fake gazetteer of test_resolve."""

import pytest
from test_resolve import NAMES, FakeGazetteer, _places

from mapgen.errors import NothingSure
from mapgen.model import Article, Candidate, Mention
from mapgen.resolve import resolve


def _know(monkeypatch, names):
    """The fake gazetteer knows these names too, for one test."""
    for key, places in names.items():
        monkeypatch.setitem(NAMES, key, places)


WASHINGTON_DC = Candidate(4140963, "Washington", "city", "US", 38.895, -77.036, 689_545, "DC", capital=True)
# a town of New York State of which "Washington" is an old name
WATERVLIET = Candidate(5143056, "Watervliet", "city", "US", 42.730, -73.701, 10_214, "NY")
NEW_YORK_STATE = Candidate(5128638, "New York", "admin", "US", 43.0, -75.5, 19_274_244, "NY")
BOSTON = Candidate(4930956, "Boston", "city", "US", 42.358, -71.060, 667_137, "MA")


def test_a_list_after_a_comma_is_no_hint(monkeypatch):
    _know(monkeypatch, {"washington": [WASHINGTON_DC, WATERVLIET], "new york": [NEW_YORK_STATE], "boston": [BOSTON]})
    text = "After stops in Washington, New York and Boston, the prince flew home."
    assert _places(text, "Washington", "New York", "Boston")["Washington"].chosen == WASHINGTON_DC
    hinted = "The mill stood in Washington, New York, by the Hudson."
    assert _places(hinted, "Washington", "New York")["Washington"].chosen == WATERVLIET


WA_GHANA = Candidate(2294206, "Wa", "city", "GH", 10.060, -2.501, 71_000, "10")
WESTERN_AUSTRALIA = Candidate(2058645, "Western Australia", "admin", "AU", -25.0, 122.0, 2_600_000, "08")
WASHINGTON_STATE = Candidate(5815135, "Washington", "admin", "US", 47.5, -120.5, 7_500_000, "WA")
PERTH = Candidate(2063523, "Perth", "city", "AU", -31.952, 115.861, 1_896_548, "08", capital=False)
AUSTRALIA = Candidate(2077456, "Australia", "country", "AU", -25.0, 135.0, 25_000_000)
MANDURAH = Candidate(2066981, "Mandurah", "city", "AU", -32.550, 115.700, 67_000, "08")


def test_two_capitals_may_stand_for_a_state_where_the_article_is(monkeypatch):
    _know(
        monkeypatch,
        {
            "wa": [WA_GHANA],
            "western australia": [WESTERN_AUSTRALIA],
            "washington": [WASHINGTON_STATE],
            "perth": [PERTH],
            "mandurah": [MANDURAH],
            "australia": [AUSTRALIA],
        },
    )
    text = "Fires burned between Perth and Mandurah, in Australia. WA police said the worst was over."
    assert _places(text, "Perth", "Mandurah", "Australia", "WA")["WA"].chosen == WESTERN_AUSTRALIA


def test_a_state_written_as_news_agencies_abbreviate_it_is_the_state(monkeypatch):
    _know(monkeypatch, {"washington": [WASHINGTON_DC, WASHINGTON_STATE]})
    text = "Guardsmen left Camp Murray, Wash., on Friday."
    start = text.index("Wash.")
    mention = Mention("Wash.", start, start + 5, text, 0, "GPE", stands_for="Washington")
    places = resolve(Article(text, "en", "test"), [mention], FakeGazetteer())
    assert [p.chosen for p in places] == [WASHINGTON_STATE]


SMALL_TOWN = Candidate(5000001, "Glenrock", "city", "US", 42.861, -105.872, 2_500, "WY")


def test_an_empty_map_says_which_names_were_too_unsure_or_unknown(monkeypatch):
    _know(monkeypatch, {"glenrock": [SMALL_TOWN]})
    with pytest.warns(NothingSure, match=r"Glenrock → Glenrock \(US, 0\.\d\d\)"):
        assert _places("Glenrock thanked the volunteers.", "Glenrock", label="PERSON") == {}
    with pytest.warns(NothingSure, match=r"no place to map: it names Atlantis, which the gazetteer does not hold"):
        assert _places("Nothing here but Atlantis.", "Atlantis") == {}


def test_a_state_abbreviated_after_a_comma_hints_its_town_where_the_gazetteer_names_only_the_town(monkeypatch):
    # the gazetteer gives "District of Columbia" to the city alone: its district is still the hint
    _know(monkeypatch, {"washington": [WASHINGTON_STATE, WASHINGTON_DC], "district of columbia": [WASHINGTON_DC]})
    washington = _places("The march ended in Washington, D.C., at noon.", "Washington")["Washington"]
    assert washington.chosen == WASHINGTON_DC and washington.evidence.hinted == 1.0


SAUDI_ARABIA = Candidate(102358, "Saudi Arabia", "country", "SA", 25.0, 45.0, 33_699_947)
SOUTH_AFRICA = Candidate(953987, "South Africa", "country", "ZA", -29.0, 24.0, 58_000_000)


def test_capitals_that_spell_out_a_people_the_article_names_are_their_country(monkeypatch):
    _know(monkeypatch, {"sa": [SAUDI_ARABIA], "south africa": [SOUTH_AFRICA]})
    monkeypatch.setattr(FakeGazetteer, "demonym_country", lambda self, word: "ZA" if word == "South Africans" else None)
    text = "Mining feeds millions of South Africans. That SA holds such reserves matters to its chiefs."
    people = text.index("South Africans")
    sa = text.index("SA ")
    mentions = [
        Mention("South Africans", people, people + 14, text, 0, "DEMONYM"),
        Mention("SA", sa, sa + 2, text, 0, "GPE"),
    ]
    places = resolve(Article(text, "en", "test"), mentions, FakeGazetteer())
    assert [p.chosen for p in places] == [SOUTH_AFRICA]


# three villages of one valley, too small to stand alone, a market town beside them, and a namesake
# of one of the villages far away
ELMBROOK = Candidate(9000001, "Elmbrook", "city", "AU", -28.80, 153.28, 1_800, "02")
CORAWAY = Candidate(9000002, "Coraway", "city", "AU", -28.99, 153.28, 1_300, "02")
WOODHALL = Candidate(9000003, "Woodhall", "city", "AU", -29.07, 153.35, 700, "02")
WOODHALL_US = Candidate(9000004, "Woodhall", "city", "US", 44.0, -73.0, 8_000, "VT")
BEXLEY = Candidate(9000005, "Bexley", "city", "AU", -28.86, 153.05, 10_000, "02")


def _first_chances(text, *names):
    """Each name's likeliest candidate and its chance, before any place is settled."""
    from mapgen.resolve import scored_names
    from mapgen.resolve.scorer import default_weights

    mentions = [Mention(n, text.index(n), text.index(n) + len(n), text, 0, "LOC") for n in names]
    scored = scored_names(Article(text, "en", "test"), mentions, FakeGazetteer(), default_weights())
    return {s.name.mentions[0].text: (s.scored[0][3], s.scored[0][0]) for s in scored}


def test_villages_beside_each_other_vouch_for_each_other(monkeypatch):
    # local news names its places without their state or country: a village named beside others of
    # its valley is likelier than named alone, and with the valley's market town they all stand
    _know(
        monkeypatch,
        {"elmbrook": [ELMBROOK], "coraway": [CORAWAY], "woodhall": [WOODHALL_US, WOODHALL], "bexley": [BEXLEY]},
    )
    text = "The river rose at Elmbrook overnight, and Coraway and Woodhall may be cut off by Thursday."
    together = _first_chances(text, "Elmbrook", "Coraway", "Woodhall")
    alone = _first_chances("The river rose at Elmbrook overnight.", "Elmbrook")
    assert together["Elmbrook"][1] > 1.5 * alone["Elmbrook"][1]
    assert together["Woodhall"][0] == WOODHALL  # never the far namesake, though it has more people
    places = _places(text + " Crews waited at Bexley.", "Elmbrook", "Coraway", "Woodhall", "Bexley")
    assert {name: p.chosen for name, p in places.items()} == {
        "Elmbrook": ELMBROOK,
        "Coraway": CORAWAY,
        "Woodhall": WOODHALL,
        "Bexley": BEXLEY,
    }
    assert places["Elmbrook"].evidence.neighbours > 0


SALEM_OR = Candidate(5750162, "Salem", "city", "US", 44.943, -123.035, 175_535, "OR")
OREGON = Candidate(5744337, "Oregon", "admin", "US", 44.0, -120.5, 4_237_256, "OR")
STAYTON = Candidate(5751632, "Stayton", "city", "US", 44.801, -122.794, 7_899, "OR")
GATES_MI = Candidate(9000010, "Gates", "city", "US", 42.9, -85.0, 6_000, "MI")  # the one namesake of the gazetteer


def test_a_small_town_outside_the_states_the_article_names_is_dropped(monkeypatch):
    # Gates, Oregon is no town of the gazetteer; its namesake in Michigan lies in none of the
    # states the story names, which the dev sets say is often wrong (kept at 0.94 without it)
    _know(monkeypatch, {"salem": [SALEM_OR], "oregon": [OREGON], "stayton": [STAYTON], "gates": [GATES_MI]})
    text = "Crews from Salem and Stayton, Oregon, were sent up the canyon to Gates as the fire grew."
    places = _places(text, "Salem", "Stayton", "Oregon", "Gates")
    assert places["Salem"].evidence.outside_named_areas == 0.0
    assert set(places) == {"Salem", "Stayton", "Oregon"}


# a district seat the gazetteer gives no population, beside the story's towns, and a city of half a
# million across the border that bears its name
CERRO_ALTO = Candidate(9000020, "Cerro Alto", "city", "AR", -33.00, -68.80, 0, "13")
CERRO_ALTO_CL = Candidate(9000021, "Cerro Alto", "city", "CL", -33.51, -70.76, 200_000, "12")
PUEBLO_RIO = Candidate(9000022, "Pueblo Río", "city", "AR", -32.89, -68.85, 115_000, "13")
LAS_VIÑAS = Candidate(9000023, "Las Viñas", "city", "AR", -33.58, -69.02, 38_000, "13")
SAN_ROQUE = Candidate(9000024, "San Roque", "city", "AR", -33.04, -68.88, 0, "13")


def test_a_town_of_unknown_population_counts_as_a_town_not_a_hamlet(monkeypatch):
    # counted as ten people, the seat lost to the Chilean city 190 km away at 0.94
    _know(
        monkeypatch,
        {
            "cerro alto": [CERRO_ALTO_CL, CERRO_ALTO],
            "pueblo rio": [PUEBLO_RIO],
            "las vinas": [LAS_VIÑAS],
            "san roque": [SAN_ROQUE],
        },
    )
    text = "La granizada dañó viñedos en Pueblo Río, San Roque, Cerro Alto y Las Viñas."
    places = _places(text, "Pueblo Río", "San Roque", "Cerro Alto", "Las Viñas")
    assert places["Cerro Alto"].chosen == CERRO_ALTO
    assert any("population unknown" in reason for reason in places["Cerro Alto"].reasons)


WINNIPEG = Candidate(6183235, "Winnipeg", "city", "CA", 49.884, -97.147, 705_244, "03")
BRANDON = Candidate(5907896, "Brandon", "city", "CA", 49.848, -99.950, 48_859, "03")


def test_a_town_only_named_inside_an_organisation_makes_the_map_when_nothing_else_does(monkeypatch):
    _know(monkeypatch, {"winnipeg": [WINNIPEG], "brandon": [BRANDON]})
    text = "The Winnipeg Fire Paramedic Service rescued two people."
    alone = resolve(Article(text, "en", "t"), [Mention("Winnipeg", 4, 12, text, 0, "IN_NAME")], FakeGazetteer())
    assert [p.chosen for p in alone] == [WINNIPEG]
    assert alone[0].confidence < 0.9, "a map made from an organisation's name is less sure"
    text = "The Winnipeg Fire Paramedic Service flew two people in from Brandon."
    at = text.index("Brandon")
    mentions = [Mention("Winnipeg", 4, 12, text, 0, "IN_NAME"), Mention("Brandon", at, at + 7, text, 0, "GPE")]
    assert [p.chosen for p in resolve(Article(text, "en", "t"), mentions, FakeGazetteer())] == [BRANDON]


OAXACA_STATE = Candidate(3522509, "Oaxaca", "admin", "MX", 17.0, -96.5, 3_801_962, "20")
OAXACA_CITY = Candidate(3522507, "Oaxaca", "city", "MX", 17.061, -96.725, 255_029, "20")


def test_an_area_written_with_its_kind_after_it_is_that_area(monkeypatch):
    _know(monkeypatch, {"oaxaca": [OAXACA_CITY, OAXACA_STATE]})
    places = _places("Rain flooded roads across Oaxaca State on Monday.", "Oaxaca State")
    assert places["Oaxaca State"].chosen == OAXACA_STATE
    with pytest.warns(NothingSure, match="Oaxaca Valley, which the gazetteer does not hold"):
        assert _places("Rain flooded roads across Oaxaca Valley.", "Oaxaca Valley") == {}, "a valley is no area's kind"


SINGAPORE = Candidate(1880252, "Singapore", "city", "SG", 1.290, 103.850, 5_638_700, "00", capital=True)
GARDEN_CITY_SC = Candidate(4579503, "Garden City", "city", "US", 33.593, -79.007, 9_209, "SC")
HORRY_COUNTY = Candidate(4582287, "Horry County", "admin", "US", 33.825, -78.936, 143_717, "SC")


def test_another_name_of_a_big_city_loses_to_a_namesake_the_article_points_to(monkeypatch):
    # "Garden City" is one of Singapore's other names; the article names the county of the town of that name
    _know(monkeypatch, {"garden city": [SINGAPORE, GARDEN_CITY_SC], "horry county": [HORRY_COUNTY]})
    text = "HORRY COUNTY, S.C. — A man sleeps in his car on a street in Garden City."
    places = _places(text, "HORRY COUNTY", "Garden City")
    assert places["Garden City"].chosen == GARDEN_CITY_SC
    assert _places("Garden City is a nickname.", "Garden City")["Garden City"].chosen == SINGAPORE


ALMERIA_CITY = Candidate(2521886, "Almería", "city", "ES", 36.838, -2.463, 200_753, "51")
ALMERIA_PROVINCE = Candidate(2521883, "Provincia de Almería", "admin", "ES", 37.167, -2.333, 701_688, "51")


def test_an_area_written_with_its_kind_before_it_is_that_area_not_its_town(monkeypatch):
    # the province and its town lie 38 km apart: one answer, which the map shows as the town unless told
    _know(monkeypatch, {"almeria": [ALMERIA_CITY, ALMERIA_PROVINCE]})
    places = _places("Rain flooded roads across the province of Almería on Monday.", "Almería")
    assert places["Almería"].chosen == ALMERIA_PROVINCE
    # GeoNames writes the kind into the province's name: "Almería" is its own name all the same
    assert places["Almería"].evidence.other_name == 0.0
    assert _places("Rain flooded roads in Almería on Monday.", "Almería")["Almería"].chosen == ALMERIA_CITY


MEXICO = Candidate(3996063, "Mexico", "country", "MX", 23.0, -102.0, 128_932_753)
CANADA = Candidate(6251999, "Canada", "country", "CA", 60.0, -95.0, 37_058_856)
CHINA = Candidate(1814991, "China", "country", "CN", 35.0, 105.0, 1_411_778_724)
CHINA_NUEVO_LEON = Candidate(3530839, "China", "city", "MX", 25.700, -99.233, 8_997, "19")


def test_a_country_named_in_the_same_list_is_no_area_around_its_neighbours(monkeypatch):
    # "in_area_named_beside": a town lies in the country its sentence names, but not in a country
    # that is only another item of the list the town's name is in
    from mapgen.resolve import scored_names
    from mapgen.resolve.scorer import default_weights

    _know(monkeypatch, {"mexico": [MEXICO], "canada": [CANADA], "china": [CHINA, CHINA_NUEVO_LEON]})

    def beside(text):
        mentions = [Mention(n, text.index(n), text.index(n) + len(n), text, 0, "LOC") for n in ("Mexico", "China")]
        for s in scored_names(Article(text, "en", "test"), mentions, FakeGazetteer(), default_weights()):
            for _, evidence, _, c in s.scored:
                if c == CHINA_NUEVO_LEON:
                    return evidence.in_area_named_beside
        raise AssertionError("no town of China")

    assert beside("Steel from Mexico, Canada and China will pay the tariff.") == 0.0
    assert beside("The small town of China lies in northern Mexico.") == 1.0


CLARE = Candidate(2965767, "An Clár", "admin", "IE", 52.842, -9.0, 127_419, "M")


def test_a_county_written_with_its_kind_is_named_by_its_own_name(monkeypatch):
    # GeoNames names the county in Irish: "Clare" is one of its other names, but an article that writes
    # "County Clare" names it as a county, as a reader does
    _know(monkeypatch, {"clare": [CLARE]})
    place = _places("Roads were closed across County Clare on Monday.", "County Clare")["County Clare"]
    assert place.chosen == CLARE and place.evidence.other_name == 0.0
    assert _places("Roads were closed across Clare on Monday.", "Clare")["Clare"].evidence.other_name == 1.0
