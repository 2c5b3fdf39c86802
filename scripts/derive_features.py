"""Named natural features and towns' names in other languages, from Natural Earth (public domain).

    python scripts/derive_features.py [OUT_DIR]     (default: mapgen/data)

writes features.json.gz (lakes, rivers, seas and bays, physical regions, peaks:
each with an id, a name, other names as articles write them, names by language,
class, label point, bounding box, scalerank) and town-names.json.gz (the names
of Natural Earth's populated places in its other languages, by GeoNames id).
Reads ../shared/naturalearth/ (see derive_common.py for where all the
derivation scripts are and how the files are compared).
"""

from __future__ import annotations

import functools
import re
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from derive_common import (
    DATA,
    ascii_fold,
    bbox_of,
    label_point,
    line_label_point,
    lines_of,
    natural_earth_layer,
    polygons_of,
    write,
)

FEATURES_FILE = "features.json.gz"
TOWN_NAMES_FILE = "town-names.json.gz"
VERSION = 1

# Natural Earth's classes → ours; a class missing here is left out (poles, Null Island, lake centrelines).
POLY_CLASSES = {
    "Island": "island",
    "Island group": "archipelago",
    "Range/mtn": "range",
    "Plateau": "plateau",
    "Desert": "desert",
    "Pen/cape": "peninsula",
    "Peninsula": "peninsula",
    "Geoarea": "region",
    "Coast": "coast",
    "Plain": "plain",
    "Delta": "delta",
    "Basin": "basin",
    "Continent": "continent",
    "Valley": "valley",
    "Lowland": "plain",
    "Tundra": "region",
    "Isthmus": "isthmus",
    "Wetlands": "wetland",
    "Gorge": "gorge",
    "Foothills": "region",
    "Lake": "lake",
    "Depression": "depression",
}
POINT_CLASSES = {
    "island": "island",
    "island group": "archipelago",
    "cape": "cape",
    "waterfall": "waterfall",
    "plain": "plain",
    "mountain": "peak",
    "spot elevation": "peak",
    "depression": "depression",
    "plateau": "plateau",
    "pass": "pass",
}
MARINE_CLASSES = {
    "ocean": "ocean",
    "sea": "sea",
    "gulf": "gulf",
    "bay": "bay",
    "strait": "strait",
    "sound": "sound",
    "channel": "channel",
    "lagoon": "lagoon",
    "fjord": "fjord",
    "inlet": "inlet",
    "reef": "reef",
    "river": "estuary",
    "generic": "sea",
}
LAKE_CLASSES = {"Lake": "lake", "Alkaline Lake": "lake", "Reservoir": "reservoir"}
RIVER_CLASSES = {"River": "river", "Intermittent River": "river", "River (Intermittent)": "river"}
# How close (degrees, between bounding boxes) two parts of one name must be to be one feature.
MERGE_GAP = {"river": 0.5, "lake": 0.2, "reservoir": 0.2}
DEFAULT_GAP = 1.0

SMALL_WORDS = {"of", "the", "and", "de", "del", "la", "le", "les", "du", "des", "da", "do", "dos", "das", "y", "et"}
SMALL_WORDS |= {"al", "el", "an", "ar", "as", "ad", "von", "di"}
# Abbreviations at a name's end, and at its start, as Natural Earth writes them.
TRAILING = {
    "I.": "Island",
    "Is.": "Islands",
    "Is": "Islands",
    "Isands": "Islands",
    "Mts.": "Mountains",
    "Mts": "Mountains",
    "Mt.": "Mountain",
    "Ra.": "Range",
    "Pen.": "Peninsula",
    "Plat.": "Plateau",
    "Arch.": "Archipelago",
}
LEADING = {
    ("I.", "es"): "Isla",
    ("Pen.", "es"): "Península",
    ("Pén.", "fr"): "Péninsule",
    ("Plat.", "fr"): "Plateau",
    ("Cord.", "es"): "Cordillera",
    ("S.", "pt"): "Serra",
    ("Mt.", "en"): "Mount",
}
# A leading kind word that says which language a name is in.
LANGUAGE_OF_KIND = {
    "es": {"Golfo", "Bahía", "Río", "Desierto", "Península", "Isla", "Islas", "Lago", "Laguna", "Sierra"}
    | {"Cordillera", "Mar", "Istmo", "Estrecho", "Archipiélago", "Salar", "Costa", "Valle"},
    "fr": {"Golfe", "Baie", "Lac", "Île", "Îles", "Mer", "Péninsule", "Chaîne", "Réservoir", "Plateau", "Massif"}
    | {"Étang", "Archipel", "Détroit", "Pertuis", "Rade"},
    "pt": {"Serra", "Planalto", "Chapada", "Arquipélago", "Ilha", "Ilhas", "Lagoa", "Baía", "Represa"},
}
LAKE_WORDS = re.compile(
    r"\b(lake|lakes|lac|lacs|lago|laguna|lagoa|loch|lough|ozero|ozera|reservoir|réservoir|pond|represa|"
    r"embalse|limni|jezioro|sjön?|vatn|vatnet|tó|buhayrat|hu|nuur|köl|kul|göl|gölü|co|tso|sø|see|meer)\b",
    re.I,
)
LAKE_SUFFIXES = ("see", "järvi", "jarvi", "vatnet", "sjön", "vesi", "meer")
RIVER_WORDS = re.compile(
    r"\b(river|río|rio|rivière|fleuve|creek|fork|canal|wash|arroyo|brook|delta|estuary|kill|bayou|stream|"
    r"channel|run|slough)\b",
    re.I,
)
DESERT_WORDS = re.compile(r"\b(desert|desierto|désert|sands|erg|pan|salar|hamada|tassili|sarïr|sarir)\b", re.I)
PENINSULA_WORDS = re.compile(
    r"\b(peninsula|península|péninsule|cape|point|promontory|head|pen\.?|land|halvøya|poluostrov)\b", re.I
)
# English words that make "lac X" / "lago X" unreliable ("Lake Superior" is "lac Supérieur").
NOT_A_PROPER_NAME = {"Superior", "Great", "Upper", "Lower", "Salt", "Red", "Big", "Little", "Clear", "White"}
NOT_A_PROPER_NAME |= {"Black", "Green", "Long", "Grand", "Middle", "North", "South", "East", "West", "Of", "Old"}
NOT_A_PROPER_NAME |= {"New", "Silver", "Deep", "Blue", "Dead", "Bear", "Eagle", "Crater", "Pelican", "Cedar"}
DIRECTIONAL = {"Great", "Little", "Big", "Eastern", "Western", "Northern", "Southern", "Central", "Black", "White"}
DIRECTIONAL |= {"Red", "Grand", "Sea", "Painted"}
# Kind words written in lower case within a sentence, by language.
SENTENCE_KINDS = {
    "fr": {"Lac", "Mer", "Golfe", "Baie", "Océan", "Détroit", "Canal", "Lagune", "Étang", "Île", "Îles"}
    | {"Réservoir", "Péninsule", "Archipel", "Massif", "Plateau", "Chaîne"},
    "es": {"Lago", "Laguna", "Golfo", "Bahía", "Mar", "Río", "Isla", "Islas", "Desierto", "Península"}
    | {"Estrecho", "Cordillera", "Sierra", "Istmo", "Archipiélago", "Valle", "Embalse"},
    "pt": {"Lago", "Lagoa", "Baía", "Ilha", "Ilhas", "Serra", "Planalto", "Arquipélago", "Represa"},
}
GROUP_WORDS = re.compile(
    r"\b(islands|isands|is\.?|archipelago|arch\.|group|chain|islas|îles|iles|ilhas|shotö|shoto)\b", re.I
)
# Natural Earth's populated places: its name fields by language.
TOWN_LANGUAGES = {"de": "NAME_DE", "en": "NAME_EN", "es": "NAME_ES", "fr": "NAME_FR", "pt": "NAME_PT"}
TOWN_LANGUAGES |= {"ru": "NAME_RU", "zh": "NAME_ZH"}


def clean(text: str | None) -> str:
    """A name's spaces tidied; '' for placeholders ('_untitled_34')."""
    text = " ".join((text or "").replace(" .", ".").split())
    return "" if not text or text.startswith("_") or text.lower() in {"null", "<null>"} else text


def title_case(text: str) -> str:
    """A name in capitals as articles write it: 'RUB’ AL KHALI' → 'Rub’ al Khali'; others as they are."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters or not all(ch.isupper() for ch in letters):
        return text
    words = []
    for k, word in enumerate(text.split(" ")):
        parts = word.split("-")
        parts = [p[:1].upper() + p[1:].lower() for p in parts]
        cased = "-".join(parts)
        if k and cased.lower() in SMALL_WORDS:
            cased = cased.lower()
        words.append(cased)
    return " ".join(words)


def expand(text: str) -> tuple[str, str]:
    """A name with Natural Earth's abbreviations spelt out, and the language its leading kind word says."""
    words = text.split(" ")
    language = "en"
    if len(words) > 1:
        for (abbreviation, lang), full in LEADING.items():
            if words[0] == abbreviation:
                words[0], language = full, lang
                break
        if words[-1] in TRAILING:
            words[-1] = TRAILING[words[-1]]
    for lang, kinds in LANGUAGE_OF_KIND.items():
        if words[0] in kinds and len(words) > 1:
            language = lang
    return " ".join(words), language


def lough(text: str) -> str:
    """'Conn (Lough)' → 'Lough Conn'."""
    found = re.fullmatch(r"(.+) \((Lough|Loch|Lake|Lac|Lago)\)", text)
    return f"{found.group(2)} {found.group(1)}" if found else text


class Names:
    """A feature's names being gathered: its display name, other names, names by language."""

    def __init__(self) -> None:
        self.main = ""
        self.other: set[str] = set()
        self.i18n: dict[str, set[str]] = defaultdict(set)

    def add(self, text: str, language: str = "en", main: bool = False) -> None:
        if not text:
            return
        if main and not self.main:
            self.main = text
        else:
            self.other.add(text)
        if language != "en":
            self.i18n[language].add(text)
        folded = ascii_fold(text)
        if folded != text:
            self.other.add(folded)


def base_names(raw: str, alternates: list[str]) -> tuple[Names, str]:
    """The names from a layer's name fields, normalised: capitals to title case, abbreviations spelt out."""
    names = Names()
    first = clean(raw)
    shown, language = expand(lough(title_case(first)))
    names.add(shown, language, main=True)
    if first != shown and not first.isupper() and "." not in first:
        names.add(first, language)
    for alternate in alternates:
        for part in re.split(r"[|;/]", alternate):
            text = clean(part)
            if text.endswith(" Lakes") and not first.endswith(" Lakes"):
                continue  # each Great Lake's name_alt 'Great Lakes' is the group's name, not the lake's
            if text and not text.lower().startswith(("changed", "id is", "from ")):
                alt, lang = expand(lough(title_case(text)))
                names.add(alt, lang)
    return names, language


def kind_words(cls: str, names: Names, language: str) -> None:
    """Add the names with the kind word articles use: 'Lake Egridir', 'Euphrates River',
    'Sahara Desert', 'Korean Peninsula', and the forms other languages derive reliably
    ('lac Michigan', 'lago Titicaca')."""
    name = names.main
    words = name.split(" ")
    english = language == "en"
    if cls in ("lake", "reservoir"):
        has_kind = bool(LAKE_WORDS.search(name)) or name.lower().endswith(LAKE_SUFFIXES)
        if english and not has_kind and not RIVER_WORDS.search(name):
            names.add(f"Lake {name}")
            proper = name
        else:
            found = re.fullmatch(r"Lake ([A-Z][\w’'-]+)", name)
            proper = found.group(1) if found else ""
        if (
            proper
            and " " not in proper
            and proper not in NOT_A_PROPER_NAME
            and proper[:1].isupper()
            and proper not in exonyms()
        ):
            names.add(f"lac {proper}", "fr")
            for lang in ("es", "it", "pt"):
                names.add(f"lago {proper}", lang)
    elif cls == "river":
        if english and not RIVER_WORDS.search(name):
            names.add(f"{name} River")
            names.add(f"River {name}")
        found = re.fullmatch(r"(.+) River", name)
        if found and len(found.group(1).split()) == 1 and found.group(1) not in NOT_A_PROPER_NAME:
            names.add(found.group(1))  # 'the Colorado'
    elif cls == "desert":
        if english and not DESERT_WORDS.search(name):
            names.add(f"{name} Desert")
        found = re.fullmatch(r"([A-Z][\w’'-]+) Desert", name)
        if found and found.group(1) not in DIRECTIONAL and not found.group(1).endswith(("ern", "ian", "an", "ese")):
            names.add(found.group(1))  # 'the Gobi'
    elif cls == "peninsula" and english and not PENINSULA_WORDS.search(name):
        # 'KOREA' is the peninsula: its bare name stays the country's, the feature is the Korean Peninsula
        bare = names.main
        names.main = f"{bare}n Peninsula" if len(words) == 1 and bare.endswith(("ea", "ia")) else f"{bare} Peninsula"
        names.other.discard(names.main)
        names.add(f"{bare} Peninsula")
        names.other.discard(bare)
        names.other.discard(ascii_fold(bare))
    elif cls in ("basin", "plateau") and english and cls not in name.lower():
        names.add(f"{name} {cls.title()}")
    sentence_forms(names)


@functools.cache
def exonyms() -> frozenset[str]:
    """English names of countries and towns that French or Spanish write otherwise ('Geneva',
    'Chad'): 'Lake Geneva' is not 'lac Geneva', so no form is derived from them."""
    from babel import Locale

    english = Locale("en").territories
    found = {
        english[code]
        for code in english
        if any(Locale(lang).territories.get(code) not in (None, english[code]) for lang in ("fr", "es"))
    }
    for feature in natural_earth_layer("ne_10m_populated_places")["features"]:
        props = feature["properties"]
        name = clean(props.get("NAME_EN")) or clean(props.get("NAME"))
        if any(clean(props.get(field)) not in ("", name) for field in ("NAME_FR", "NAME_ES")):
            found.add(name)
    return frozenset(found)


def sentence_forms(names: Names) -> None:
    """'Lac Léman' is written 'lac Léman' in a French sentence, 'Lago Titicaca' 'lago Titicaca'."""
    for lang, texts in list(names.i18n.items()):
        for text in list(texts):
            first, _, rest = text.partition(" ")
            if rest and first in SENTENCE_KINDS.get(lang, ()):
                names.add(f"{first.lower()} {rest}", lang)


def french_marine(names: Names, name_fr: str, english: str) -> None:
    """A sea's French name as Natural Earth gives it, in title case, with its kind word as French
    writes it in a sentence ('mer Noire', 'golfe du Mexique'), and 'Méditerranée' for 'Mer
    Méditerranée' where the French word is the English one's ('Mediterranean Sea')."""
    text = clean(name_fr)
    if not text:
        return
    text = title_case(text)
    text = re.sub(r"^Ocean\b", "Océan", text)
    names.add(text, "fr")
    found = re.fullmatch(r"Mer ([A-ZÀ-Ý][\wé’'-]+)", text)
    stem = re.fullmatch(r"(\w+) Sea", english)
    if found and stem and ascii_fold(found.group(1)).lower()[:5] == stem.group(1).lower()[:5]:
        names.add(found.group(1), "fr")


def merge_key(name: str) -> str:
    """A name without its kind word, for merging parts: 'Mississippi River' and 'Mississippi'."""
    key = ascii_fold(name).lower()
    return re.sub(r"^(river|lake) | (river|lake)$", "", key)


def slug(text: str) -> str:
    return "-".join(re.findall(r"[a-z0-9]+", ascii_fold(text).lower())) or "x"


def gathered() -> list[dict]:
    """Every named feature's parts, before parts of one feature are merged."""
    parts: list[dict] = []

    def part(cls: str, names: Names, scalerank: float | None, layer: str, **geo: object) -> None:
        rank = int(scalerank) if scalerank is not None and scalerank >= 0 else 10
        parts.append({"class": cls, "names": names, "scalerank": rank, "layer": layer, **geo})

    for layer in ("ne_10m_lakes", "ne_10m_lakes_north_america", "ne_10m_lakes_europe"):
        for feature in natural_earth_layer(layer)["features"]:
            props = feature["properties"]
            cls = LAKE_CLASSES.get(props.get("featurecla") or "")
            polygons = polygons_of(feature["geometry"])
            if not cls or not clean(props.get("name")) or not polygons:
                continue
            names, language = base_names(props["name"], [props.get("name_alt") or ""])
            kind_words(cls, names, language)
            part(cls, names, props.get("scalerank"), layer, polygons=polygons)

    for layer in ("ne_10m_rivers_lake_centerlines", "ne_10m_rivers_north_america", "ne_10m_rivers_europe"):
        for feature in natural_earth_layer(layer)["features"]:
            props = feature["properties"]
            cls = RIVER_CLASSES.get(props.get("featurecla") or "")
            lines = lines_of(feature["geometry"])
            if not cls or not clean(props.get("name")) or not lines:
                continue
            full = clean(props.get("name_full"))
            main = full or props["name"]
            names, language = base_names(main, [props.get("name_alt") or "", props.get("name_en") or ""])
            if full and "." not in props["name"]:
                names.add(clean(props["name"]))
            kind_words(cls, names, language)
            part(cls, names, props.get("scalerank"), layer, lines=lines)

    for feature in natural_earth_layer("ne_10m_geography_marine_polys")["features"]:
        props = feature["properties"]
        cls = MARINE_CLASSES.get(props.get("featurecla") or "")
        polygons = polygons_of(feature["geometry"])
        if not cls or not clean(props.get("name")) or not polygons:
            continue
        alternates = [props.get("namealt") or ""]
        note = clean(props.get("note"))
        if note and re.fullmatch(r"[A-Z][\w ’'.-]+", note) and not note.lower().startswith(("changed", "from")):
            alternates.append(note)  # 'Bahía de Campeche': note 'Bay of Campeche'
        names, language = base_names(props["name"], alternates)
        french_marine(names, props.get("name_fr") or "", names.main)
        sentence_forms(names)
        part(cls, names, props.get("scalerank"), "ne_10m_geography_marine_polys", polygons=polygons)

    for feature in natural_earth_layer("ne_10m_geography_regions_polys")["features"]:
        props = feature["properties"]
        cls = POLY_CLASSES.get(props.get("featurecla") or "")
        polygons = polygons_of(feature["geometry"])
        if not cls or not clean(props.get("name")) or not polygons:
            continue
        names, language = base_names(props["name"], [props.get("namealt") or ""])
        if cls == "peninsula" and re.match(r"(Cape|Point|Cà Mau Point)\b", names.main):
            cls = "cape"
        raw = clean(props["name"])
        if cls == "archipelago" and not GROUP_WORDS.search(raw) and not raw.isupper() and len(polygons) <= 3:
            cls = "island"  # 'O‘ahu', 'Tahiti': one island, filed with the groups
        kind_words(cls, names, language)
        region = clean(props.get("subregion")) or clean(props.get("region"))
        part(cls, names, props.get("scalerank"), "ne_10m_geography_regions_polys", polygons=polygons, region=region)

    for layer in ("ne_10m_geography_regions_points", "ne_10m_geography_regions_elevation_points"):
        for feature in natural_earth_layer(layer)["features"]:
            props = feature["properties"]
            cls = POINT_CLASSES.get(props.get("featurecla") or "")
            geometry = feature["geometry"]
            if not cls or not clean(props.get("name")) or not geometry or geometry["type"] != "Point":
                continue
            names, language = base_names(props["name"], [props.get("name_alt") or ""])
            kind_words(cls, names, language)
            region = clean(props.get("subregion")) or clean(props.get("region"))
            elevation = props.get("elevation")
            extra = {"elevation": round(elevation)} if isinstance(elevation, int | float) and elevation else {}
            part(cls, names, props.get("scalerank"), layer, point=geometry["coordinates"][:2], region=region, **extra)
    return parts


def merged(parts: list[dict]) -> list[dict]:
    """Parts with one name and class that lie near each other become one feature (a river's segments,
    a lake in both the world layer and a regional one, a sea cut in two)."""
    for p in parts:
        points = (
            [q for polygon in p.get("polygons", []) for q in polygon[0]]
            + [q for line in p.get("lines", []) for q in line]
            + ([p["point"]] if "point" in p else [])
        )
        p["bbox"] = bbox_of(points)
    groups: dict[tuple[str, str], list[int]] = defaultdict(list)
    for k, p in enumerate(parts):
        groups[(p["class"], merge_key(p["names"].main))].append(k)
    features = []
    for (cls, _), members in sorted(groups.items()):
        gap = MERGE_GAP.get(cls, DEFAULT_GAP)
        parent = {k: k for k in members}

        def root(k: int, parent: dict[int, int] = parent) -> int:
            while parent[k] != k:
                parent[k] = parent[parent[k]]
                k = parent[k]
            return k

        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                s1, w1, n1, e1 = parts[a]["bbox"]
                s2, w2, n2, e2 = parts[b]["bbox"]
                if s1 - gap <= n2 and s2 - gap <= n1 and w1 - gap <= e2 and w2 - gap <= e1:
                    parent[root(a)] = root(b)
        clusters: dict[int, list[int]] = defaultdict(list)
        for k in members:
            clusters[root(k)].append(k)
        features += [feature([parts[k] for k in cluster]) for cluster in clusters.values()]
    return features


def feature(members: list[dict]) -> dict:
    """One feature's record from its parts."""
    members = sorted(members, key=lambda p: (p["scalerank"], p["layer"], p["bbox"]))
    first = members[0]
    polygons = [polygon for p in members for polygon in p.get("polygons", [])]
    lines = [line for p in members for line in p.get("lines", [])]
    if polygons:
        at = label_point(polygons)
    elif lines:
        at = line_label_point(lines)
    else:
        at = [round(first["point"][1], 4), round(first["point"][0], 4)]
    boxes = [p["bbox"] for p in members]
    bbox = [min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes)]
    name = first["names"].main
    other: set[str] = set()
    i18n: dict[str, set[str]] = defaultdict(set)
    for p in members:
        other |= p["names"].other | ({p["names"].main} - {name})
        for lang, texts in p["names"].i18n.items():
            i18n[lang] |= texts
    record = {
        "class": first["class"],
        "name": name,
        "names": sorted(other - {name}),
        "at": at,
        "bbox": bbox,
        "scalerank": first["scalerank"],
        "layers": sorted({p["layer"].removeprefix("ne_10m_") for p in members}),
    }
    if i18n:
        record["i18n"] = {lang: sorted(texts) for lang, texts in sorted(i18n.items())}
    if first.get("region"):
        record["region"] = first["region"]
    if "elevation" in first:
        record["elevation"] = first["elevation"]
    return record


def with_ids(features: list[dict]) -> list[dict]:
    """Each feature's stable id, 'class/slug', with its label point after it where two share one."""
    counts: dict[str, int] = defaultdict(int)
    for f in features:
        counts[f"{f['class']}/{slug(f['name'])}"] += 1
    for f in features:
        key = f"{f['class']}/{slug(f['name'])}"
        f["id"] = key if counts[key] == 1 else f"{key}@{f['at'][0]:.2f},{f['at'][1]:.2f}"
    seen: dict[str, int] = defaultdict(int)
    for f in sorted(features, key=lambda f: (f["id"], f["bbox"])):
        seen[f["id"]] += 1
        if seen[f["id"]] > 1:
            f["id"] += f"#{seen[f['id']]}"
    return sorted(features, key=lambda f: f["id"])


def town_names() -> dict[str, dict[str, str]]:
    """Natural Earth's populated places' names by language, by GeoNames id: only the names that
    differ from the place's own (NAME), for the exonyms an article in that language uses."""
    found: dict[str, dict[str, str]] = {}
    for feature in natural_earth_layer("ne_10m_populated_places")["features"]:
        props = feature["properties"]
        geonameid = props.get("GEONAMEID")
        if not isinstance(geonameid, int | float) or geonameid <= 0:
            continue
        own = {clean(props.get("NAME")), clean(props.get("NAMEASCII")), clean(props.get("GN_ASCII"))}
        names = {
            lang: clean(props.get(field))
            for lang, field in TOWN_LANGUAGES.items()
            if clean(props.get(field)) and clean(props.get(field)) not in own
        }
        if names:
            found.setdefault(str(int(geonameid)), {}).update(names)
    return dict(sorted(found.items(), key=lambda item: int(item[0])))


def build(out: Path = DATA) -> list[Path]:
    """Write both tables into `out`; their paths."""
    features = with_ids(merged(gathered()))
    return [
        write(out / FEATURES_FILE, {"version": VERSION, "source": "Natural Earth 10m", "features": features}),
        write(out / TOWN_NAMES_FILE, {"version": VERSION, "source": "Natural Earth 10m", "towns": town_names()}),
    ]


if __name__ == "__main__":
    for path in build(Path(sys.argv[1]) if len(sys.argv) > 1 else DATA):
        print(path, path.stat().st_size, "bytes")
