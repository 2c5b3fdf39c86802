"""The site's files: content, escaping, determinism and the safety of the swap."""

import html
import json
import os
from dataclasses import replace

import pytest
from conftest import HOSTILE, TEXT, mention

import mapgen.packages
import mapgen.site.basemap
import mapgen.site.pages as site
from mapgen.site.geojson import dumps, feature_collection
from mapgen.site.pages import SiteError, write_site


def read_all(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_geojson_is_rfc7946_with_offsets(article, places):
    fc = feature_collection(article, places)
    assert fc["type"] == "FeatureCollection" and len(fc["features"]) == 4
    lyon = fc["features"][0]
    assert lyon["geometry"] == {"type": "Point", "coordinates": [4.84671, 45.74846]}
    props = lyon["properties"]
    assert (props["name"], props["kind"], props["country"], props["geonameid"]) == ("Lyon", "place", "FR", 2996944)
    assert [TEXT[m["start"] : m["end"]] for m in props["mentions"]] == ["Lyon", "Lyon"]
    assert all(m["sentence"] in TEXT for m in props["mentions"])
    kinds = [f["properties"]["kind"] for f in fc["features"]]
    assert kinds == ["place", "place", "country", "region"]
    assert fc["features"][3]["properties"]["geonameid"] is None
    assert fc["features"][1]["properties"]["low_confidence"] is True
    assert (fc["title"], fc["date"], fc["language"]) == ("Orages sur la France", "2026-10", "fr")


def test_geojson_text_is_stable(article, places):
    text = dumps(feature_collection(article, places))
    assert text == dumps(json.loads(text)), "key order or number formatting depends on the run"
    assert "frappé" in text, "UTF-8 as written, not \\u escapes"
    assert text.startswith('{"type":"FeatureCollection","title":"Orages sur la France"')
    assert (
        '"properties":{"name":"Lyon","resolved":"Lyon","kind":"place","country":"FR","geonameid":2996944,'
        '"confidence":0.95,"low_confidence":false,"check":null,"mentions":[{"text":"Lyon","start":22,"end":26,' in text
    )


def test_site_files(tmp_path, article, places):
    result = write_site(article, places, tmp_path / "site")
    files = read_all(result.out_dir)
    assert {"index.html", "embed.html", "places.geojson", "assets/leaflet.js", "assets/mapgen.js"} <= set(files)
    assert "assets/world.js" in files and not any(name.startswith("tiles/") for name in files)
    assert b'"name":"Allemagne"' in files["assets/world.js"], "the basemap's names in the article's language"
    assert json.loads(files["places.geojson"]) == json.loads(json.dumps(feature_collection(article, places)))
    index = files["index.html"].decode()
    assert '<html lang="fr" class="mg-theme-light">' in index and "<title>Orages sur la France</title>" in index
    assert "user-scalable=no" not in index
    assert "&lt;iframe src=&#34;site/embed.html&#34; title=" in index  # the snippet, shown as text
    assert 'title="Orages sur la France"' in result.iframe_snippet
    assert "aspect-ratio" in result.iframe_snippet


def test_the_count_of_places_agrees_with_its_number(tmp_path, article, places):
    assert len(places) > 1
    many = write_site(article, places, tmp_path / "many").out_dir / "index.html"
    one = write_site(article, places[:1], tmp_path / "one").out_dir / "index.html"
    assert f"{len(places)} lieux</p>" in many.read_text("utf-8")
    assert "1 lieu</p>" in one.read_text("utf-8")


def test_article_text_is_escaped_everywhere(tmp_path, article, places):
    result = write_site(article, places, tmp_path / "site")
    for name in ("index.html", "embed.html"):
        text = (result.out_dir / name).read_text()
        assert "<script>alert" not in text and "</script>alert" not in text, name
    geojson = json.loads((result.out_dir / "places.geojson").read_text())
    assert HOSTILE in geojson["features"][0]["properties"]["mentions"][1]["sentence"]  # data kept as written
    index = (result.out_dir / "index.html").read_text()
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in index  # shown in the list, as text


def test_hostile_title_date_and_file_name_are_escaped(tmp_path, article, places):
    hostile = replace(
        article,
        title=f'"><img src=x onerror=alert(1)>{HOSTILE}',
        date=HOSTILE,
        source='"><img src=y onerror=alert(2)>.txt',
    )
    result = write_site(hostile, places, tmp_path / "site", png=False)
    for name in ("index.html", "embed.html"):
        page = (result.out_dir / name).read_text()
        assert "<img src=x" not in page and "<img src=y" not in page and "<script>alert" not in page, name
    assert '"><img' not in result.iframe_snippet and "&#x27;" in result.iframe_snippet
    untitled = write_site(replace(hostile, title=None), places, tmp_path / "other")
    page = untitled.index.read_text()
    assert "<img src=x" not in page and "<title>Des orages ont frappé Lyon lundi.</title>" in page, (
        "the first line, not the file"
    )


def test_no_third_party_host_by_default(tmp_path, article, places):
    result = write_site(article, places, tmp_path / "site")
    for name in ("index.html", "embed.html"):
        page = (result.out_dir / name).read_text()
        for attribute in ("src=", "href="):
            for value in page.split(attribute)[1:]:
                target = value[1:].split(value[0])[0]
                assert not target.startswith(("http:", "https:", "//")) or "openstreetmap.org/copyright" in target


def test_same_input_same_bytes(tmp_path, article, places):
    first = write_site(article, places, tmp_path / "a" / "site")
    second = write_site(article, places, tmp_path / "b" / "site")
    assert read_all(first.out_dir) == read_all(second.out_dir)


def test_cdn_assets_carry_integrity(tmp_path, article, places):
    result = write_site(article, places, tmp_path / "site", assets="cdn")
    page = (result.out_dir / "embed.html").read_text()
    tags = [line for line in page.splitlines() if "unpkg.com" in line and line.startswith(("<script", "<link"))]
    assert len(tags) == 2 and all('integrity="sha384-' in t and 'crossorigin="anonymous"' in t for t in tags)
    assert not (result.out_dir / "assets" / "leaflet.js").exists()
    assert "script-src 'self' https://unpkg.com 'sha256-" in html.unescape(page), "the policy lets the CDN's scripts in"


def test_single_file_needs_nothing_beside_it(tmp_path, article, places):
    result = write_site(article, places, tmp_path / "site", single_file=True)
    page = (result.out_dir / "index.html").read_text()
    assert "&#34;world&#34;:[{" in page or '"world":[{' in page, "the countries are inlined"
    assert 'src="assets/' not in page and 'href="assets/' not in page
    assert not (result.out_dir / "tiles").exists()


def test_online_tiles_by_name(tmp_path, article, places):
    result = write_site(article, places, tmp_path / "site", tiles="OpenStreetMap.Mapnik")
    data = (result.out_dir / "embed.html").read_text()
    assert "tile.openstreetmap.org" in data and "strict-origin-when-cross-origin" in data
    assert not (result.out_dir / "tiles").exists()
    with pytest.raises(SiteError, match="no tile layer called 'Nope.Nothing'"):
        write_site(article, places, tmp_path / "other", tiles="Nope.Nothing")
    with pytest.raises(SiteError, match="needs an API key"):
        write_site(article, places, tmp_path / "other", tiles="CartoDB.Positron")


def test_failed_build_keeps_the_old_site(tmp_path, article, places, monkeypatch):
    target = tmp_path / "site"
    write_site(article, places, target)
    before = read_all(target)

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(site, "_render", broken)
    with pytest.raises(RuntimeError):
        write_site(article, places[:1], target)
    assert read_all(target) == before
    assert [p.name for p in tmp_path.iterdir()] == ["site"], "no partial folder left behind"


def test_replaces_an_old_site_but_not_other_folders(tmp_path, article, places):
    target = tmp_path / "site"
    write_site(article, places, target)
    write_site(article, places[:1], target)
    assert len(json.loads((target / "places.geojson").read_text())["features"]) == 1
    precious = tmp_path / "documents"
    precious.mkdir()
    (precious / "thesis.txt").write_text("years of work")
    with pytest.raises(SiteError, match="did not write"):
        write_site(article, places, precious)
    assert (precious / "thesis.txt").read_text() == "years of work"
    (tmp_path / "file").write_text("x")
    with pytest.raises(SiteError, match="is a file"):
        write_site(article, places, tmp_path / "file")


def test_a_failed_swap_puts_the_old_site_back(tmp_path, article, places, monkeypatch):
    target = tmp_path / "site"
    write_site(article, places, target)
    before = read_all(target)
    real_replace, calls = os.replace, []

    def replace_once(source, destination):
        calls.append(destination)
        if len(calls) == 2:  # the new site into place
            raise OSError(28, "No space left on device")
        real_replace(source, destination)

    monkeypatch.setattr(site.os, "replace", replace_once)
    with pytest.raises(OSError):
        write_site(article, places[:1], target)
    monkeypatch.undo()
    assert read_all(target) == before
    assert [p.name for p in tmp_path.iterdir() if not p.name.startswith(".site.old-")] == ["site"]


def test_clear_errors_for_what_the_user_can_fix(tmp_path, article, places, monkeypatch):
    with pytest.raises(SiteError, match="assets must be 'local' or 'cdn'"):
        write_site(article, places, tmp_path / "site", assets="internet")
    (tmp_path / "a-file").write_text("x")
    with pytest.raises(SiteError, match="cannot write in"):
        write_site(article, places, tmp_path / "a-file" / "site")
    monkeypatch.setattr(mapgen.packages.importlib.util, "find_spec", lambda name: None)
    mapgen.site.basemap.loaded_world.cache_clear()  # a process without countryinfo has not read its countries
    with pytest.raises(SiteError, match="^the package countryinfo is not installed: pip install countryinfo$"):
        write_site(article, places, tmp_path / "site")
    assert not (tmp_path / "site").exists()


def test_one_feature_per_real_place(tmp_path, article, places):
    """Names resolved to one real place are one place (resolve.one_per_place, which find_places applies),
    named as first written, with every mention and the surer confidence: one feature, one entry of the list."""
    from mapgen.resolve import one_per_place

    lyon, paris, france, sahel = places
    again = replace(lyon, name="Lugdunum", confidence=0.3, mentions=(mention(TEXT, "Paris"),))
    merged = one_per_place([lyon, paris, again, france, sahel])
    result = write_site(article, merged, tmp_path / "site")
    features = json.loads((result.out_dir / "places.geojson").read_text())["features"]
    assert [f["properties"]["name"] for f in features] == ["Lyon", "Paris", "France", "Sahel"]
    assert len(features[0]["properties"]["mentions"]) == 3 and features[0]["properties"]["confidence"] == 0.95
    assert (result.out_dir / "index.html").read_text().count("<h3>") == 4


@pytest.mark.parametrize(
    "options",
    [{}, {"assets": "cdn"}, {"single_file": True}, {"tiles": "OpenStreetMap.Mapnik"}],
    ids=["local", "cdn", "single-file", "online-tiles"],
)
def test_every_page_carries_a_policy_that_runs_only_its_own_scripts(tmp_path, article, places, options):
    """Issue 8: a Content-Security-Policy on every page (index, embed, edit), before any script,
    letting in its inline scripts by their hashes and nothing written inline by anyone else."""
    import base64
    import hashlib
    import re

    from mapgen.corrections import Corrections

    result = write_site(article, places, tmp_path / "site", edit=Corrections(), **options)
    pages = sorted(p.name for p in result.out_dir.glob("*.html"))
    assert pages == ["edit.html", "embed.html", "index.html"]
    for name in pages:
        page = (result.out_dir / name).read_text("utf-8")
        [policy] = re.findall(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', page)
        assert page.index("Content-Security-Policy") < page.index("<script"), name
        directives = {d.split()[0]: d.split()[1:] for d in html.unescape(policy).split("; ")}
        assert directives["default-src"] == ["'none'"] and directives["base-uri"] == ["'none'"]
        assert not {"'unsafe-inline'", "'unsafe-eval'", "*", "data:"} & set(directives["script-src"]), name
        inline = re.findall(r"<script>(.*?)</script>", page, re.S)
        assert inline, name
        for code in inline:
            digest = base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode()
            assert f"'sha256-{digest}'" in directives["script-src"], f"{name}: an inline script the policy refuses"


@pytest.mark.parametrize(
    "first_line, title",
    [
        ("MENDOZA (Télam). Una granizada dañó viñedos.", "Una granizada dañó viñedos."),
        ("ALBI, 14 juin (AFP) - Un orage de grêle a frappé le Tarn.", "Un orage de grêle a frappé le Tarn."),
        ("GREENVILLE, S.C. (AP) — Storms cut power overnight.", "Storms cut power overnight."),
        ("KINGSTON, Ont. — Ice closed the highway.", "Ice closed the highway."),
        ("COVID-19 — what we know. More below.", "COVID-19 — what we know."),  # no place in capitals
        ("NATO (the alliance) met in Riga.", "NATO (the alliance) met in Riga."),  # brackets, but no agency
    ],
)
def test_an_untitled_articles_headline_leaves_its_dateline_out(tmp_path, article, places, first_line, title):
    untitled = replace(article, title=None, text=first_line + "\n" + article.text)
    page = write_site(untitled, places, tmp_path / "site", png=False).index.read_text()
    assert f"<title>{html.escape(title, quote=False)}</title>" in page


def test_a_later_build_renders_the_pages_without_compiling_their_templates(tmp_path, monkeypatch, article, places):
    """The pages' templates are kept compiled in the cache (Jinja2 checks each against its source):
    compiling them took 16 ms of every build. The pages are the same bytes."""
    monkeypatch.setenv("MAPGEN_CACHE", str(tmp_path / "cache"))
    site._ENV.cache.clear()
    first = write_site(article, places, tmp_path / "a" / "site")
    site._ENV.cache.clear()  # as a new process starts
    monkeypatch.setattr(site._ENV, "compile", lambda *a, **k: pytest.fail("a template was compiled again"))
    second = write_site(article, places, tmp_path / "b" / "site")
    assert read_all(first.out_dir) == read_all(second.out_dir)
