"""Each language's words for what a name beside them names: streets, water, storms, institutions."""

from __future__ import annotations

from dataclasses import dataclass, fields


@dataclass(frozen=True)
class Words:
    """One language's words; each a tuple of lower-case words or phrases unless said."""

    linkers: tuple[str, ...] = ()  # between a kind word and a name: "de", "del", "of"
    joiners: tuple[str, ...] = ()  # between the names of a list: "and", "y", "et"
    street_before: tuple[str, ...] = ()  # "rue", "calle", "Route"
    street_plural: tuple[str, ...] = ()  # "calles", "avenues": a list of names follows
    street_after: tuple[str, ...] = ()  # written as in the text: "Road", "Street" (capitalised: "the main road" is not)
    water_before: tuple[str, ...] = ()  # "río", "lac", "the River", "crue du"
    water_after: tuple[str, ...] = ()  # "River", "Creek", "Lake"
    water_plural: tuple[str, ...] = ()  # "rivers", "ríos": after a list of names
    storm_before: tuple[str, ...] = ()  # "hurricane", "tempête"
    institution_before: tuple[str, ...] = ()  # capitalised heads: "Universidad", "Hospital", "Diputación"
    institution_after: tuple[str, ...] = ()  # "Daily News", "Times", "Police"

    @staticmethod
    def union(*each: Words) -> Words:
        return Words(
            **{f.name: tuple(dict.fromkeys(w for words in each for w in getattr(words, f.name))) for f in fields(Words)}
        )


ENGLISH = Words(
    linkers=("of", "of the"),
    joiners=("and", "or"),
    street_before=("route", "highway", "interstate", "state route", "state road", "county road"),
    street_plural=("streets", "roads", "avenues"),
    street_after=(
        "Road",
        "Rd",
        "Street",
        "St",
        "Avenue",
        "Ave",
        "Boulevard",
        "Blvd",
        "Drive",
        "Dr",
        "Lane",
        "Pike",
        "Highway",
        "Parkway",
        "Pkwy",
        "Turnpike",
        "Expressway",
        "Freeway",
        "Way",
        "Court",
        "Terrace",
        "Crescent",
        "Bypass",
        "Trail",
    ),
    water_before=(
        "the river",
        "river",
        "lake",
        "loch",
        "lough",
        "mount",
        "mt",
        "gulf of",
        "bay of",
        "banks of the",
        "mouth of the",
    ),
    water_after=("River", "Creek", "Lake", "Bay", "Reservoir", "Brook", "Canal", "Sound", "Inlet", "Falls", "Dam"),
    water_plural=("rivers", "creeks", "lakes"),
    storm_before=("hurricane", "storm", "tropical storm", "typhoon", "cyclone", "tropical depression"),
    institution_before=("University", "College", "Hospital", "Medical Center", "Clinic", "Council", "Chamber", "Bank"),
    institution_after=(
        "Daily News",
        "News",
        "Times",
        "Post",
        "Herald",
        "Gazette",
        "Tribune",
        "Journal",
        "Courier",
        "Observer",
        "Police",
        "Sheriff's Office",
        "Fire Department",
        "University",
        "College",
        "Hospital",
        "Airport",
    ),
)

FRENCH = Words(
    linkers=("de", "du", "des", "de la", "de l'", "de l’", "d'", "d’"),
    joiners=("et", "ou"),
    street_before=(
        "rue",
        "route",
        "avenue",
        "av",
        "boulevard",
        "bd",
        "chemin",
        "impasse",
        "allée",
        "quai",
        "cours",
        "rocade",
        "voie",
        "autoroute",
        "faubourg",
    ),
    street_plural=("rues", "routes", "avenues", "boulevards"),
    water_before=(
        "rivière",
        "fleuve",
        "lac",
        "étang",
        "canal",
        "golfe",
        "baie",
        "crue",
        "crues",
        "rive",
        "rives",
        "berges",
        "bassin",
        "digues",
        "mont",
    ),
    water_plural=("rivières", "fleuves", "lacs"),
    storm_before=("tempête", "ouragan", "cyclone", "typhon", "dépression"),
    institution_before=(
        "Université",
        "Centre hospitalier",
        "Hôpital",
        "Clinique",
        "CHU",
        "pôle de santé",
        "centre hospitalier",
        "Chambre",
        "Conseil",
        "Voix",
        "Caisse",
    ),
)

SPANISH = Words(
    linkers=("de", "del", "de la", "de los", "de las", "a", "al"),
    joiners=("y", "e", "o"),
    street_before=(
        "calle",
        "avenida",
        "av",
        "carretera",
        "autopista",
        "calzada",
        "camino",
        "paseo",
        "bulevar",
        "vía",
        "autovía",
        "ruta",
        "carrera",
        "glorieta",
    ),
    street_plural=("calles", "avenidas", "carreteras"),
    water_before=(
        "río",
        "rio",
        "lago",
        "laguna",
        "arroyo",
        "quebrada",
        "quebradas",
        "embalse",
        "presa",
        "golfo",
        "bahía",
        "canal",
        "cerro",
        "volcán",
        "desbordamiento del",
        "cauce del",
        "cuenca del",
        "orillas del",
        "ribera del",
    ),
    water_plural=("ríos", "arroyos", "lagos"),
    storm_before=("huracán", "tormenta", "tormenta tropical", "ciclón", "tifón", "depresión tropical"),
    institution_before=(
        "Universidad",
        "Hospital",
        "Clínica",
        "Diputación",
        "Empresas Públicas",
        "Cámara",
        "Banco",
        "Caja",
        "Consejo",
    ),
)

_BY_LANGUAGE = {"en": ENGLISH, "fr": FRENCH, "es": SPANISH}


def words_of(language: str) -> Words:
    return _BY_LANGUAGE.get(language, Words())
