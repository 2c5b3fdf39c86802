"""The story's own country, which its sure towns imply, speaks for a namesake there:
a story of one country that names its neighbour once ("el puente a Argentina")
keeps its towns at home though their bigger namesakes lie across the border."""

import pytest

import mapgen

# Uruguay's towns along the river; Mercedes and Dolores have namesakes in Buenos Aires province,
# Mercedes a bigger one, and the story names Argentina only for the bridge to it
URUGUAY = (
    "Las lluvias de la semana dejaron calles anegadas en el litoral. En Fray Bentos y en Nueva Palmira "
    "los bomberos evacuaron a cuarenta familias, y en Carmelo cerró la escuela del centro. La intendencia "
    "pidió ayuda a Paysandú, que envió dos camiones.\n\n"
    "Más al sur, en Dolores, los productores perdieron parte de la cosecha de soja. En Mercedes el agua "
    "llegó a la plaza principal. El puente a Argentina por Fray Bentos sigue abierto."
)


@pytest.mark.xfail(
    strict=True,
    reason="issue 23, class 5: Mercedes goes to Buenos Aires province; the story's-country evidence did not fit",
)
def test_towns_of_the_story_s_country_beat_bigger_namesakes_in_the_neighbour_it_names():
    places = {p.name: p.chosen for p in mapgen.find_places(URUGUAY, "es")}
    assert places["Argentina"].feature == "country"  # the neighbour is still on the map, as a country
    assert {name: places[name].country for name in ("Fray Bentos", "Carmelo", "Dolores", "Mercedes")} == dict.fromkeys(
        ("Fray Bentos", "Carmelo", "Dolores", "Mercedes"), "UY"
    )
