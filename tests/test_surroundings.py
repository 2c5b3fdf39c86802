"""Names that are no town for the words around them: roads, storms, water, institutions (issue 23's classes)."""

import pytest

import mapgen
from mapgen import surroundings


def _span(text: str, name: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(name, start + 1)
    return start, start + len(name)


@pytest.mark.parametrize(
    ("text", "name", "language", "state"),
    [
        ("Les riverains de la route de Reims ont été évacués.", "Reims", "fr", False),
        ("L'avenue de Marseille, à Martigues, a été fermée.", "Marseille", "fr", False),
        ("La carretera a Toluca quedó cerrada.", "Toluca", "es", False),
        ("Traffic was sent along Portland Road on Monday.", "Portland", "en", False),
        ("Crews closed Ohio 83 north of town.", "Ohio", "en", True),
        ("Die Hamburger Straße war gesperrt.", "Hamburger", "de", False),
        ("Chiusa per lavori la via Roma.", "Roma", "it", False),
    ],
)
def test_a_road_named_after_a_town_is_a_road(text, name, language, state):
    assert surroundings.is_street(text, *_span(text, name), language, state_names=lambda: state)


@pytest.mark.parametrize(
    ("text", "name", "language"),
    [
        ("Floods hit Reims on Monday.", "Reims", "fr"),
        ("Ohio has 88 counties.", "Ohio", "en"),  # a number that is no route: 88 counties
        ("Ohio 3, Michigan 2: the game went on.", "Michigan", "en"),
        ("Portland police said the road was closed.", "Portland", "en"),
    ],
)
def test_a_town_is_no_road(text, name, language):
    assert not surroundings.is_street(text, *_span(text, name), language, state_names=lambda: name != "Ohio")


def test_every_name_of_a_street_list_is_a_street_and_only_they():
    text = "En la colonia Roma, vecinos de las calles Colima, Tabasco y Zacatecas salieron. Llovió en Puebla."
    spans = surroundings.streets(text, "es")
    listed = [text[a:b] for a, b in spans]
    assert listed == ["Colima, Tabasco y Zacatecas"]
    assert not any(a <= text.index("Puebla") < b for a, b in spans)


@pytest.mark.parametrize(
    ("text", "name", "language"),
    [
        ("Flooding along the Ohio, Muskingum and Licking rivers closed roads.", "Ohio", "en"),
        ("Flooding along the Ohio, Muskingum and Licking rivers closed roads.", "Licking", "en"),
        ("The River Severn burst its banks at Worcester.", "Severn", "en"),
        ("La crue du Doubs a inondé Besançon.", "Doubs", "fr"),
        ("El río Lerma se desbordó.", "Lerma", "es"),
        # the river a town stands on, after "the banks of": never the state or the town of its name
        ("Manaus fica às margens do Amazonas, no norte.", "Amazonas", "pt"),
        ("A cidade cresceu na margem do Paraná.", "Paraná", "pt"),
        ("Dresden liegt an den Ufern der Elbe.", "Elbe", "de"),
        ("Am Ufer des Rheins wurde gefeiert.", "Rheins", "de"),
        ("Piacenza sorge sulle rive del Po.", "Po", "it"),
        ("Venlo ligt aan de oever van de Maas.", "Maas", "nl"),
        ("Arnhem ligt aan de oevers van de Rijn.", "Rijn", "nl"),
        ("Cincinnati grew up on the banks of the Ohio.", "Ohio", "en"),
    ],
)
def test_a_name_beside_a_water_word_is_water(text, name, language):
    assert surroundings.is_water(text, *_span(text, name), language)


def test_a_town_on_a_river_is_no_water():
    text = "The River Severn burst its banks at Worcester."
    assert not surroundings.is_water(text, *_span(text, "Worcester"), "en")


def test_storms_and_institutions():
    assert surroundings.is_storm("La tempête Hélène a frappé Brest.", 11, "fr")
    assert not surroundings.is_storm("La tempête a frappé Brest.", 19, "fr")
    text = "La Universidad de Cuenca suspendió las clases en Cuenca."
    assert surroundings.in_institution(text, *_span(text, "Cuenca"), "es")
    assert not surroundings.in_institution(text, *_span(text, "Cuenca", 1), "es")
    news = "the Moscow-Pullman Daily News reported"
    assert surroundings.in_institution(news, *_span(news, "Moscow"), "en")


@pytest.mark.parametrize(
    ("text", "name", "language", "into"),
    [
        ("Am Samstag tritt Werder bei Borussia Mönchengladbach an.", "Mönchengladbach", "de", ["Borussia"]),
        ("Sein Anwalt Dirk Hamm kündigte an, zu klagen.", "Hamm", "de", ["Dirk"]),
        ("Dat zei wethouder Kees van Tilburg gisteren.", "Tilburg", "nl", ["Kees"]),
        ("a concert in the parking lot of the SM Mall of Asia that night", "Asia", "en", ["Mall"]),
        ("The state-owned Kenya Broadcasting Corporation said so.", "Kenya", "en", ["Broadcasting"]),
        # a sentence's first word, and words that are no capitals, are nothing the name runs into
        ("Flooding closed roads. Paris is on alert.", "Paris", "en", []),
        ("Aid reached Paris and then Lyon.", "Paris", "en", []),
        ("Helfer verteilten warmes Essen und Decken.", "Essen", "de", []),
    ],
)
def test_a_name_run_into_other_capitalised_words(text, name, language, into):
    """The words that make a name a club's, a person's or a firm's: doubt a desk reads in the check line."""
    spans = surroundings.words_run_into(text, *_span(text, name), language)
    assert [text[a:b] for a, b in spans] == into


def test_a_town_run_into_a_name_is_doubted():
    """Through the resolver: a town run into a person's name with no title before it carries that doubt."""
    text = "Das sagte Holger Wedel in Hamburg."
    places = {p.name: p for p in mapgen.find_places(text, "de")}
    assert places["Wedel"].evidence.runs_into_name == 1.0
    assert places["Hamburg"].evidence.runs_into_name == 0.0


@pytest.mark.parametrize(
    ("text", "name", "language"),
    [
        ("Das Heimspiel des EV Landshut wurde verschoben.", "Landshut", "de"),
        ("Die BSG Wismut Gera sagte ihr Training ab.", "Gera", "de"),
        ("Ein Testspiel gegen Holstein Kiel wurde abgesagt.", "Kiel", "de"),
        ("O Académico de Viseu adiou o treino.", "Viseu", "pt"),
        ("O Clube Desportivo do Namibe adiou o jogo.", "Namibe", "pt"),
        ("Футбольный клуб «Динамо» Дрезден перенёс матч.", "Дрезден", "ru"),
        ("Leeds United's match was postponed.", "Leeds", "en"),
        ("El Valencia CF aplazó su entrenamiento.", "Valencia", "es"),
    ],
)
def test_a_town_in_a_club_s_name_is_the_club(text, name, language):
    assert surroundings.in_club(text, *_span(text, name), language)


@pytest.mark.parametrize(
    ("text", "name", "language"),
    [
        ("Das Hochwasser erreichte Landshut am Sonntag.", "Landshut", "de"),
        ("Floods hit Leeds on Monday.", "Leeds", "en"),
        ("El río Turia pasa por Valencia.", "Valencia", "es"),
        ("The Allendale Woman's Club of New Jersey gave $500.", "New Jersey", "en"),
    ],
)
def test_a_town_is_no_club(text, name, language):
    assert not surroundings.in_club(text, *_span(text, name), language)


@pytest.mark.parametrize(
    ("text", "name", "language", "person"),
    [
        ("„Es ist ernst“, sagte Landrätin Martina Jena.", "Jena", "de", True),
        ("sagte Feuerwehrkommandant Anton Freising der Zeitung.", "Freising", "de", True),
        ("a déclaré le maire Jean Vienne.", "Vienne", "fr", True),
        ("dijo el alcalde José Gandía.", "Gandía", "es", True),
        ("Der Bürgermeister von Jena sagte es.", "Jena", "de", False),
        ("Le maire de Vienne l'a dit.", "Vienne", "fr", False),
    ],
)
def test_a_surname_after_a_title_and_a_first_name_is_a_person(text, name, language, person):
    assert surroundings.after_person_title(text, _span(text, name)[0], language) is person


def test_a_street_word_opening_a_street_s_name_is_no_town():
    text = "A Rua de Coimbra foi fechada. A aldeia de Rua fica perto."
    assert surroundings.opens_street(text, *_span(text, "Rua"), "pt")
    assert not surroundings.opens_street(text, *_span(text, "Rua", 1), "pt")


def test_clubs_and_people_put_no_town_on_the_map_and_the_town_itself_stays():
    """Through the whole pipeline: the club's and the person's mention are dropped, the town's own kept."""
    text = (
        "LANDSHUT (dpa) – Die Isar trat in Landshut, Moosburg und Dingolfing über die Ufer. Das Heimspiel des EV Landshut fiel aus, "
        "sagte Landrätin Martina Jena."
    )
    places = {p.name: p for p in mapgen.find_places(text, "de")}
    assert "Jena" not in places
    assert [m.start for m in places["LANDSHUT"].mentions] == [0, text.index("Landshut")]


def test_a_river_and_the_state_of_its_name_are_two_places():
    """ "o rio Tocantins" is the river, "no estado do Tocantins" the state: one name, two answers."""
    text = "O nível do rio Tocantins subiu em Marabá depois das chuvas no estado do Tocantins."
    tocantins = [p for p in mapgen.find_places(text, "pt") if p.name == "Tocantins"]
    state = [p for p in tocantins if p.chosen.feature == "admin"]
    assert state and state[0].mentions[0].start == text.rindex("Tocantins")
    assert all(p.chosen.feature in ("admin", "site") for p in tocantins)


def test_roads_storms_and_water_put_no_town_on_the_map():
    """Through the whole pipeline: the town the road, storm or river is named after is no marker."""
    cases = [
        ("Les riverains de la route de Reims, à Épernay, ont été évacués.", "fr", "Reims"),
        ("Las lluvias del huracán Florence dejaron inundaciones en Wilmington.", "es", "Florence"),
        ("Officials in Coshocton said the Muskingum and Licking rivers would crest Tuesday.", "en", "Licking"),
        ("Manaus fica às margens do Amazonas, no norte do Brasil.", "pt", "Amazonas"),  # not the state
    ]
    for text, language, gone in cases:
        names = {p.name for p in mapgen.find_places(text, language)}
        assert gone not in names and names, (text, names)


def test_a_flagged_marker_says_why_in_the_geojson_and_review_lists_it_first(tmp_path):
    from mapgen.cli import main

    article = tmp_path / "a.txt"
    article.write_text(
        "La Universidad de Cuenca suspendió las clases. Hubo inundaciones en Azogues, Gualaceo y Paute.", "utf-8"
    )
    places = mapgen.find_places(article.read_text("utf-8"), "es")
    flagged = [p for p in places if p.low_confidence]
    for p in flagged:
        assert p.check and "confidence" in p.check
    site = mapgen.build_site(article, tmp_path / "site")
    import json

    features = json.loads(site.geojson.read_text("utf-8"))["features"]
    assert [f["properties"]["check"] for f in features] == [p.check for p in places]
    assert main(["places", "--review", str(article)]) == 0


@pytest.mark.parametrize(
    ("text", "name", "language"),
    [
        ("Der Fußballclub Ferencváros sagte das Spiel ab.", "Ferencváros", "de"),
        ("Der SK Sturm Graz trainiert wieder.", "Graz", "de"),
        ("Eendracht Aalst speelt zondag thuis.", "Aalst", "nl"),
        ("De supporters van KV Mechelen bleven thuis.", "Mechelen", "nl"),
    ],
)
def test_a_town_after_its_club_s_own_words_is_the_club(text, name, language):
    assert surroundings.in_club(text, *_span(text, name), language)


@pytest.mark.parametrize(
    ("text", "name", "language", "nickname"),
    [
        ("Les Cataractes de Shawinigan ont reporté leur match.", "Shawinigan", "fr", "Cataractes"),
        ("Los Tigres de Monterrey entrenaron a puerta cerrada.", "Monterrey", "es", "Tigres"),
        ("Les habitants de Shawinigan ont été évacués.", "Shawinigan", "fr", None),  # lower case: no nickname
        ("La crue de la Saint-Maurice a touché Shawinigan.", "Shawinigan", "fr", None),
    ],
)
def test_a_town_after_a_team_s_nickname_is_the_team(text, name, language, nickname):
    found = surroundings.team_nickname(text, _span(text, name)[0], language)
    assert (None if found is None else text[found:].split()[0]) == nickname


@pytest.mark.parametrize(
    ("text", "name", "language", "first"),
    [
        ("sagte die Vizebürgermeisterin von Frohnleiten, Anna Judenburg.", "Judenburg", "de", "Anna"),
        ("disse à Lusa Maria Trindade, moradora da vila.", "Trindade", "pt", "Maria"),
        ("Die Hilfe kam aus Judenburg.", "Judenburg", "de", None),
        ("sagte Anna, Judenburg sei vorbereitet.", "Judenburg", "de", None),  # a comma: two words, not one name
    ],
)
def test_a_surname_after_a_first_name_is_a_person(text, name, language, first):
    found = surroundings.first_name_before(text, _span(text, name)[0], language)
    assert (None if found is None else text[found:].split()[0]) == first


def test_clubs_institutions_and_first_names_put_no_sure_town_on_the_map():
    """Through the whole pipeline: the club's and the person's town are no marker, the police's is
    flagged for a desk to check; the towns named for themselves stay, and one the gazetteer holds
    with a first name ("Maria Enzersdorf") is not cut."""
    text = (
        "THUN (sda) – Das Unwetter traf Thun und Spiez am Sonntag. Die Strecke blieb gesperrt, wie die "
        "Kantonspolizei Bern mitteilte. Helfer aus Maria Enzersdorf bei Wien kamen am Montag, sagte die "
        "Sprecherin Anna Judenburg. Der Fußballclub Ferencváros verschob sein Spiel."
    )
    places = {p.name: p for p in mapgen.find_places(text, "de")}
    assert "Judenburg" not in places and "Ferencváros" not in places
    assert {"THUN", "Spiez", "Maria Enzersdorf", "Wien"} <= places.keys()
    assert "Bern" not in places or places["Bern"].low_confidence


def test_a_country_named_across_and_is_one_name():
    """ "São Tomé e Príncipe" is the country, not the towns São Tomé and Príncipe: the story's towns then
    lie in it, not in Brazil."""
    text = (
        "SÃO TOMÉ, 12 mar (Lusa) – A chuva obrigou ao realojamento de famílias em Neves e em Guadalupe. "
        "A ajuda chegou a São Tomé e Príncipe por via aérea."
    )
    places = {p.name: p for p in mapgen.find_places(text, "pt")}
    assert places["São Tomé e Príncipe"].chosen.feature == "country"
    assert places["SÃO TOMÉ"].chosen.country == "ST"


@pytest.mark.parametrize(
    ("text", "name", "language"),
    [
        ("O Poti, que deságua no Parnaíba dentro da cidade, subiu.", "Parnaíba", "pt"),
        ("Приток Урала вышел из берегов.", "Урала", "ru"),
        ("El Turia desemboca en el Mediterráneo.", "Mediterráneo", "es"),
    ],
)
def test_a_name_after_a_river_s_verb_is_the_water(text, name, language):
    assert surroundings.is_water(text, *_span(text, name), language)


@pytest.mark.parametrize(
    ("text", "name", "language", "surname"),
    [
        ("ha detto il sindaco di Agordo, Marco Feltre, ricordando la tempesta.", "Marco", "it", "Feltre"),
        ("il segretario di Stato, Luca Rimini.", "Luca", "it", "Rimini"),
        ("Le maire de Paola, Luca, a parlé.", "Luca", "fr", None),  # a comma: no surname after it
        ("Il sindaco di Paola ha parlato.", "Paola", "it", None),  # a town named like a first name, alone
    ],
)
def test_a_first_name_with_a_surname_after_it_is_a_person(text, name, language, surname):
    start, end = _span(text, name)
    found = surroundings.surname_after(text, start, end, language)
    assert (None if found is None else text[end:found].strip()) == surname


def test_first_names_and_roundabouts_put_no_town_on_the_map():
    """Through the whole pipeline: the first name of a mayor named like towns, and a roundabout named
    for a village, are no marker; the towns the story is about stay."""
    it = "AGORDO – Il sindaco di Belluno, Marco Feltre, ha visitato Agordo e Cencenighe dopo la frana."
    assert "Marco" not in {p.name for p in mapgen.find_places(it, "it")}
    en = "HEREFORD, England – Police closed the A49 at the Belmont roundabout after the river rose in Hereford."
    places = {p.name for p in mapgen.find_places(en, "en")}
    assert "Belmont" not in places and "HEREFORD" in places
