"""The story's area: the first view holds where the story happens, not every mention."""

from dataclasses import replace

import pytest
from conftest import FRANCE, LYON, TEXT, mention

from mapgen.geo import distance_km
from mapgen.model import Candidate, Place
from mapgen.site.framing import LOCAL_KM, story_view, weighted_median


def place(name, lat, lon, mentions=1, feature="city"):
    candidate = Candidate(abs(hash(name)) % 10**6, name, feature, "XX", lat, lon)
    return Place(name, candidate, 0.9, tuple(mention(TEXT, "Lyon") for _ in range(mentions)))


def seed_like():
    """The seed story's places: four towns on the Tigris and Euphrates, a region,
    two countries there, and Washington, Berlin, the United States and Russia in passing."""
    return [
        place("États-Unis", 39.5, -99.06, 2, "country"),
        place("Washington", 38.9, -77.04, 2),
        place("Mossoul", 36.34, 43.12),
        place("Irak", 33.04, 43.76, 1, "country"),
        place("Raqa", 35.95, 39.01, 2),
        place("Syrie", 35.01, 38.54, 4, "country"),
        place("Moyen-Orient", 29.0, 45.0, 1, "region"),
        place("Russie", 61.69, 99.22, 1, "country"),
        place("Berlin", 52.52, 13.41),
        place("Baghdad", 33.34, 44.4),
        place("Minbej", 36.53, 37.95),
    ]


def test_the_seed_opens_on_iraq_and_syria():
    places = seed_like()
    view = story_view(places)
    (south, west), (north, east) = view.bounds
    for p in places:
        inside = south <= p.chosen.lat <= north and west <= p.chosen.lon <= east
        assert inside == (p.name in ("Mossoul", "Raqa", "Syrie", "Baghdad", "Minbej")), p.name
    assert {places[k].name for k in view.far} == {"États-Unis", "Washington", "Russie", "Berlin"}
    assert view.bounds == [[33.34, 37.95], [36.53, 44.4]], (
        "the towns' box: 'Moyen-Orient' in passing does not stretch it"
    )


def iberian(areas=1):
    """A fire story in central Portugal that names Spain, and Galicia `areas` times, beside its towns."""
    return [
        place("Coimbra", 40.21, -8.42, 2),
        place("Góis", 40.16, -8.11),
        place("Arganil", 40.22, -8.05),
        place("Lousã", 40.12, -8.25),
        place("Viseu", 40.66, -7.91),
        place("Leiria", 39.74, -8.81),
        place("Espanha", 40.35, -3.62, 1, "country"),
        place("Galiza", 42.75, -7.87, areas, "admin"),
    ]


def test_an_area_named_in_passing_beside_the_towns_does_not_stretch_the_frame():
    places = iberian()
    view = story_view(places)
    assert view.bounds == [[39.74, -8.81], [40.66, -7.91]], "the towns' box, not Galicia's label point"
    assert {places[k].name for k in view.far} == {"Galiza"}, "pointed at from the local frame's edge"
    assert distance_km(39.74, -8.81, 40.66, -7.91) < LOCAL_KM


def test_a_story_about_areas_is_still_framed_by_them():
    """Galicia named more often than the towns: the story is about it, and its point frames the view."""
    view = story_view(iberian(areas=8))
    assert view.bounds[1][0] == 42.75


def test_countries_frame_the_view_only_when_nothing_finer_is_named():
    lyon, france = place("Lyon", LYON.lat, LYON.lon), Place("France", FRANCE, 1.0, ())
    assert story_view([france, lyon]).bounds == [[LYON.lat, LYON.lon]] * 2
    spain = Place("Espagne", replace(FRANCE, name="Spain", lat=40.0, lon=-4.0), 1.0, ())
    assert story_view([france, spain]).bounds == [[40.0, -4.0], [46.5, 2.5]]
    assert story_view([]) is None


def test_a_state_written_as_a_towns_qualifier_does_not_frame_a_local_story():
    text = "PARIS, Texas (AP) — A tornado hit Paris and Reno. Storms may reach Hugo, Oklahoma, by night."

    def at(name, lat, lon, state, feature="city"):
        candidate = Candidate(abs(hash(name)) % 10**6, name, feature, "US", lat, lon, admin1=state)
        return Place(name, candidate, 0.9, (mention(text, name),))

    towns = [at("PARIS", 33.66, -95.56, "TX"), at("Reno", 33.66, -95.46, "TX"), at("Hugo", 34.01, -95.51, "OK")]
    states = [at("Texas", 31.25, -99.25, "TX", "admin"), at("Oklahoma", 35.49, -97.5, "OK", "admin")]
    (south, west), _ = story_view([*towns, *states]).bounds
    assert south > 33 and west > -96, "the view holds the towns, not the states' middles"
    text = text.replace("by night.", "by night. Oklahoma declared an emergency.")
    named = Place("Oklahoma", states[1].chosen, 0.9, (mention(text, "Oklahoma", 1),))
    view = story_view([*towns, named])
    # named for itself, it is where the story is: drawn around the towns, neither its middle framed nor pointed at
    assert view.bounds == [[33.66, -95.56], [34.01, -95.46]] and not view.far
    text += " Dallas braced for it, as did Tulsa and Oklahoma City."
    farther = [
        *towns,
        named,
        at("Dallas", 32.78, -96.8, "TX"),
        at("Tulsa", 36.15, -95.99, "OK"),
        at("Oklahoma City", 35.47, -97.52, "OK"),
    ]
    assert story_view(farther).bounds[1][0] == 36.15, "a regional story's state still frames it"


def test_weighted_median():
    assert weighted_median([(0.0, 2), (10.0, 1), (100.0, 1)]) == 0.0
    assert weighted_median([(0.0, 1), (10.0, 1), (100.0, 5)]) == 100.0


def test_a_corrections_file_sets_the_focus_and_the_context():
    places = seed_like()
    berlin = next(k for k, p in enumerate(places) if p.name == "Berlin")
    focused = [replace(p, role="focus") if p.name in ("Berlin", "Washington") else p for p in places]
    view = story_view(focused)
    assert berlin not in view.far and {places[k].name for k in view.far} >= {"Mossoul", "Baghdad"}
    # the towns on the Tigris marked as context: the rest of the story sets the view
    context = [replace(p, role="context") if p.name in ("Mossoul", "Raqa", "Baghdad", "Minbej") else p for p in places]
    assert story_view(context).bounds != story_view(places).bounds


def county_story(doubtful=True):
    """A county story's towns within 30 km, Cleveland 107 km off, and a namesake 300 km south."""
    story = [
        place("Millersburg", 40.5545, -81.9179, 4),
        place("Berlin", 40.5612, -81.7943, 2),
        place("Walnut Creek", 40.5414, -81.7218),
        place("Wooster", 40.8052, -81.9365),
        place("Coshocton", 40.2720, -81.8596),
        place("Killbuck", 40.4951, -81.9846),
        place("Loudonville", 40.6353, -82.2332),
        place("Cleveland", 41.4995, -81.6954),
        place("Mount Hope", 37.8954, -81.1643),
    ]
    if doubtful:
        story[-1] = replace(story[-1], check="is it the right place?")
    return story


def test_a_doubtful_namesake_far_off_gets_a_pointer_and_leaves_the_local_frame_tight():
    places = county_story()
    view = story_view(places)
    (south, west), (north, east) = view.bounds
    assert {places[k].name for k in view.far} == {"Mount Hope"}
    assert south == 40.2720 and north == 41.4995, "the sure places, Cleveland among them, are all in view"
    assert distance_km(south, west, north, east) < LOCAL_KM


def test_a_sure_place_far_from_a_local_cluster_is_pointed_at_too():
    places = county_story(doubtful=False)
    view = story_view(places)
    assert {places[k].name for k in view.far} == {"Mount Hope"}
    assert view.bounds[0][0] == 40.2720


def test_a_doubtful_place_inside_the_sure_places_frame_stays_in_view():
    places = [*county_story(doubtful=False)[:-1], replace(place("Charm", 40.50, -81.78), check="is it a place?")]
    assert not story_view(places).far


def test_a_regional_story_keeps_its_places_and_its_doubtful_ones():
    """Towns 150 to 450 km apart are a regional story, not a cluster with strays: the wide rule frames it."""
    places = [
        place("Tbilisi", 41.69, 44.80, 3),
        place("Koutaïssi", 42.27, 42.70),
        place("Batoumi", 41.64, 41.63),
        replace(place("Gori", 41.98, 44.11), check="is it the right place?"),
    ]
    view = story_view(places)
    assert not view.far and view.bounds == [[41.64, 41.63], [42.27, 44.80]]


def test_a_story_whose_places_are_mostly_doubtful_is_not_cut_to_its_few_sure_ones():
    places = [
        place("Madrid", 40.42, -3.70, 2),
        *(
            replace(place(name, lat, lon), check="is it the right place?")
            for name, lat, lon in (
                ("Vigo", 42.24, -8.72),
                ("Sevilla", 37.39, -5.98),
                ("Oviedo", 43.36, -5.85),
                ("Valencia", 39.47, -0.38),
            )
        ),
    ]
    assert not story_view(places).far


def test_a_lake_frames_no_more_than_a_country_known_by_its_source_alone(monkeypatch):
    """A lake among a local story's places leaves the view on the towns; that it is one of
    Natural Earth's features is read from its candidate, without loading the 300 KB of them."""
    from mapgen.gazetteer import natural_features

    lake = Candidate(None, "Lake Michigan", "site", None, 43.9, -87.1, source="Natural Earth lake/lake-michigan")
    places = [place("Holland", 42.79, -86.11), place("Saugatuck", 42.66, -86.2), Place("Lake Michigan", lake, 0.9, ())]
    monkeypatch.setattr(natural_features, "features_by_id", lambda: pytest.fail("the features were loaded"))
    view = story_view(places)
    assert view.bounds == [[42.66, -86.2], [42.79, -86.11]]
