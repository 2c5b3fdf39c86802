"""Properties of the resolver that hold whatever the article and the gazetteer say:
no exception, confidences in [0, 1], every place's mentions inside the text."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mapgen.labels import DATELINE_LABEL, DEMONYM_LABEL
from mapgen.model import FEATURES, Article, Candidate, Mention
from mapgen.names import name_key, skeleton
from mapgen.resolve import resolve

SYRIA = Candidate(163843, "Syria", "country", "SY", 35.0, 38.0, 16_906_283)
IRAN = Candidate(130758, "Iran", "country", "IR", 32.0, 53.0, 81_800_000)
MOROCCO = Candidate(2542007, "Morocco", "country", "MA", 32.0, -5.0, 36_029_138)
KENYA = Candidate(192950, "Kenya", "country", "KE", 1.0, 38.0, 51_393_010)


class StubGazetteer:
    """Answers as the offline index does (geocode.PlaceIndex), from a table of names; loose lookups go by skeleton."""

    def __init__(self, table: dict[str, list[Candidate]], demonyms: dict[str, str] | None = None):
        self.exact = {name_key(name): found for name, found in table.items()}
        self.loose: dict[str, list[Candidate]] = {}
        for name, found in table.items():
            self.loose.setdefault(skeleton(name), []).extend(found)
        self.demonyms = demonyms or {}

    def candidates(self, name, *, loose=False, online=False):
        return list(self.loose.get(skeleton(name), []) if loose else self.exact.get(name_key(name), []))

    def demonym_country(self, word):
        return self.demonyms.get(word)

    def local_name(self, geonameid, language):
        return None


def _resolve_names(text: str, names: list[str], gazetteer) -> dict:
    mentions = []
    for name in names:
        start = text.index(name)
        mentions.append(Mention(name, start, start + len(name), text, 0, "LOC"))
    places = resolve(Article(text, "en", "test"), sorted(mentions, key=lambda m: m.start), gazetteer)
    return {p.name: p for p in places}


def test_a_loosely_matched_country_with_no_support_is_dropped_not_a_crash():
    gazetteer = StubGazetteer({"Syria": [SYRIA], "Iran": [IRAN], "Morocco": [MOROCCO], "Kenya": [KENYA]})
    assert _resolve_names("Troops moved into Syrria on Monday, the ministry said.", ["Syrria"], gazetteer) == {}
    assert _resolve_names("The president of Irann spoke.", ["Irann"], gazetteer) == {}
    places = _resolve_names("Heavy rain hit Kenya and Marocc.", ["Kenya", "Marocc"], gazetteer)
    assert list(places) == ["Kenya"] and places["Kenya"].chosen == KENYA


# --- generated articles and gazetteers ---------------------------------------------------

NAME_POOL = ["Syria", "Syrria", "Paris", "Pariss", "Burkina", "Faso", "Kenya", "Raqqa", "Raqa", "Lyon", "Texas"]
LABELS = ["LOC", "GPE", "MISC", "FAC", "ORG", "PER", DATELINE_LABEL, DEMONYM_LABEL]

candidates_strategy = st.builds(
    Candidate,
    geonameid=st.one_of(st.none(), st.integers(1, 10_000_000)),
    name=st.sampled_from(NAME_POOL),
    feature=st.sampled_from(FEATURES),
    country=st.one_of(st.none(), st.sampled_from(["SY", "FR", "US", "BF", "KE", "MA"])),
    lat=st.floats(-90, 90),
    lon=st.floats(-180, 180),
    population=st.integers(0, 2_000_000_000),
    admin1=st.one_of(st.none(), st.sampled_from(["01", "11", "TX"])),
    capital=st.booleans(),
)


@st.composite
def articles_with_mentions(draw):
    """A text of pool names and filler, the mentions on some of its names, and a gazetteer for some names."""
    words = draw(st.lists(st.sampled_from([*NAME_POOL, "in", "(", ")", ",", "and", "the", "."]), min_size=1))
    text = " ".join(words)
    mentions, at = [], 0
    for word in words:
        start = text.index(word, at)
        at = start + len(word)
        if word in NAME_POOL and draw(st.booleans()):
            label = draw(st.sampled_from(LABELS))
            mentions.append(Mention(word, start, at, text, 0, label))
    table = draw(st.dictionaries(st.sampled_from(NAME_POOL), st.lists(candidates_strategy, max_size=4)))
    demonyms = draw(st.dictionaries(st.sampled_from(NAME_POOL), st.sampled_from(["SY", "FR", "KE"])))
    return Article(text, draw(st.sampled_from(["en", "fr", "es"])), "generated"), mentions, table, demonyms


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(articles_with_mentions())
def test_resolve_never_fails_and_keeps_its_promises(case):
    article, mentions, table, demonyms = case
    places = resolve(article, mentions, StubGazetteer(table, demonyms))
    for place in places:
        assert 0.0 <= place.confidence <= 1.0
        assert place.mentions
        for m in place.mentions:
            assert 0 <= m.start < m.end <= len(article.text)
            assert article.text[m.start : m.end] == m.text
