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


# A story datelined from Mendoza that names Chile once, for the pass across the Andes, and never Argentina:
# San Rafael and San Carlos have namesakes in Chile (and San Rafael a bigger one in California)
MENDOZA = (
    "MENDOZA (Télam). La crecida del río Atuel obligó a evacuar a decenas de familias en San Rafael y en "
    "General Alvear, y en San Carlos varias rutas provinciales quedaron cortadas por el agua.\n\n"
    "El paso a Chile por Uspallata siguió cerrado durante toda la noche por la nieve."
)


def test_the_dateline_s_area_keeps_its_towns_at_home():
    places = {p.name: p for p in mapgen.find_places(MENDOZA, "es")}
    assert places["Chile"].chosen.feature == "country"
    towns = {name: (places[name].chosen.country, places[name].chosen.admin1) for name in ("San Rafael", "San Carlos")}
    assert towns == {"San Rafael": ("AR", "13"), "San Carlos": ("AR", "13")}
    assert places["San Rafael"].evidence.in_dateline_area == 1.0
