"""The map stage: an article's places become a static Leaflet site.

What is drawn, by file:

    render.py     the folium map: markers, popups, areas, the page script's data
    folium_map.py folium's map element and script, kept in the cache by the map's options
    framing.py    where the map opens: on the places the story happens in
    basemap.py    the background: vector countries (default), offline or online tiles
    world.py      the countries' shapes and points (countryinfo), encoded for the page
    fine_land.py  sharp land for a local or regional story, from the 1:10m shapes
    admin1.py     the shapes of states, provinces and départements an article names
    cities.py     big cities around the story, for orientation
    water.py      the lakes and rivers around the story, at the story's scale
    shapes.py     water, countries, first-level areas and US counties by zoom band (package data)

and how it becomes a site:

    pages.py      index.html, embed.html, places.geojson: the site's pages, built whole
    editor.py     edit.html, the editor's view, which writes a corrections file
    geojson.py    the places as GeoJSON, for the site and `mapgen places --json`
    assets.py     the scripts and styles a page loads: copied, from a CDN, or inlined
    publish.py    a finished site moved into its folder, touching only mapgen's own files
    resources.py  where the top-level templates/ folder is, however mapgen was installed
    jsontext.py   JSON safe inside a page's <script>
"""

from __future__ import annotations

from .pages import check_options, write_site

__all__ = ["check_options", "write_site"]
