"""The editor's view in the article's language, and what it adds to today's choose, drop and drag:
rename, add (a click on the map), mark as context; the file it writes parsed with tomllib and fed
back through `mapgen build`; the choices kept in the browser and by the file across rebuilds."""

import json
import shutil
import tomllib
from pathlib import Path

import pytest
from conftest import storm_article, storm_places
from pages import Visit
from playwright.sync_api import expect

from mapgen import languages
from mapgen.cli import main
from mapgen.corrections import Corrections
from mapgen.site.pages import write_site

ROOT = Path(__file__).resolve().parents[1]
LABEL = 'Valence "la ville" \\ <b>x</b>'
ADDED = "<img src=x onerror=alert(1)>Quartiers du lit"
QUOTE = "du lit du Turia"

pytestmark = pytest.mark.browser


def names(site: Path) -> dict:
    collection = json.loads((site / "places.geojson").read_text("utf-8"))
    return {f["properties"]["name"]: f["properties"] for f in collection["features"]}


def test_every_language_says_every_word_of_the_editor():
    english = {k for k in languages.get("en").page_words if k.startswith("edit_")}
    assert len(english) > 20
    for code in ("en", "fr", "es", "de", "it", "pt", "nl"):
        words = languages.get(code).page_words
        assert {k for k in words if k.startswith("edit_")} == english, code
        assert all(words[k].strip() for k in english), code
        assert "{file}" in words["edit_title"] and "{name}" in words["edit_drop"], code


def test_a_french_article_gives_a_french_editor(visit, tmp_path):
    site = write_site(storm_article(), storm_places(), tmp_path / "site", edit=Corrections())
    opened = visit(site.edit.as_uri(), site.out_dir)
    page = opened.page
    assert page.locator("html").get_attribute("lang") == "fr"
    expect(page.locator("h1")).to_have_text("Corriger la carte de orages.txt")
    expect(page.locator("#mg-edit-download")).to_have_text("Télécharger orages.mapgen.toml")
    expect(page.locator(".mg-edit-kept")).to_contain_text("avec ou sans --edit")
    page.locator('.leaflet-marker-icon[title="Paris"]').click()
    popup = page.locator(".leaflet-popup-content")
    expect(popup.get_by_role("button", name="Retirer Paris de la carte")).to_be_visible()
    expect(popup.get_by_role("button", name="Renommer")).to_be_visible()
    expect(popup.get_by_role("button", name="Marquer comme contexte")).to_be_visible()
    assert "Drop" not in popup.inner_text() and "km away" not in popup.inner_text()
    assert " km" in popup.locator("li").first.inner_text()
    assert opened.errors == []


def test_rename_add_and_context_write_the_file_that_changes_the_map(browser, tmp_path):
    article = tmp_path / "crues.txt"
    shutil.copy(ROOT / "examples" / "article-fr.txt", article)
    out = tmp_path / "site"
    assert main(["build", str(article), "-o", str(out), "--edit"]) == 0
    before = names(out)
    assert "Valence" in before and before["Madrid"]["role"] is None

    visit = Visit(browser, (out / "edit.html").as_uri(), out)
    try:
        page = visit.page
        entries = page.locator("#mg-edit-places button")  # the list opens a place the marks cover
        entries.filter(has_text="Valence").click()
        popup = page.locator(".leaflet-popup-content")
        popup.locator("input[name=label]").fill(LABEL)
        popup.get_by_role("button", name="Renommer").click()
        expect(page.locator(".leaflet-marker-icon", has_text="la ville")).to_have_attribute("title", LABEL)

        entries.filter(has_text="Madrid").click()
        expect(page.locator(".leaflet-popup")).to_have_count(1)  # Valence's fades out in 200 ms
        expect(popup.locator("h2")).to_have_text("Madrid")
        popup.get_by_role("button", name="Marquer comme contexte").click()
        expect(entries.filter(has_text="Madrid")).to_contain_text("(contexte)")

        page.locator("#mg-edit-add").click()
        expect(page.locator("#mg-edit-status")).to_contain_text("Cliquez sur la carte")
        box = page.locator("#mg-edit-map").bounding_box()
        page.mouse.click(box["x"] + box["width"] * 0.5, box["y"] + box["height"] * 0.93)
        form = page.locator(".mg-edit-addform")
        form.locator("input[name=name]").fill(ADDED)
        form.locator("input[name=quote]").fill("des mots que l'article ne contient pas")
        form.get_by_role("button", name="Ajouter").click()
        expect(form.locator("[role=alert]")).to_contain_text("L'article ne contient pas ces mots")
        form.locator("input[name=quote]").fill(QUOTE)
        form.get_by_role("button", name="Ajouter").click()
        expect(entries.filter(has_text="Quartiers du lit")).to_have_count(1)

        text = page.locator("#mg-edit-toml").inner_text()
        fixes = tomllib.loads(text)
        assert fixes["rename"] == {"Valence": LABEL}
        assert fixes["mark"] == {"Madrid": "context"}
        added = fixes["add"][ADDED]
        assert added["quote"] == QUOTE and -90 <= added["lat"] <= 90 and -180 <= added["lon"] <= 180
        assert page.locator("img[src=x]").count() == 0 and visit.dialogs == []

        # not downloaded yet: the page opened again (as after a rebuild) has them back
        page.reload()
        expect(page.locator("#mg-edit-status")).to_contain_text("repris de ce navigateur")
        assert tomllib.loads(page.locator("#mg-edit-toml").inner_text()) == fixes
        expect(page.locator(".leaflet-marker-icon", has_text="la ville")).to_have_count(1)
        with page.expect_download() as download:
            page.locator("#mg-edit-download").click()
        download.value.save_as(tmp_path / "fixes.toml")
        assert visit.errors == [] and visit.dialogs == []
    finally:
        visit.close()

    assert tomllib.loads((tmp_path / "fixes.toml").read_text("utf-8")) == fixes
    again = tmp_path / "again"
    assert main(["build", str(article), "-o", str(again), "--corrections", str(tmp_path / "fixes.toml")]) == 0
    after = names(again)
    assert after[LABEL]["renamed_from"] == "Valence" and "Valence" not in after
    assert after["Madrid"]["role"] == "context"
    assert after[ADDED]["origin"] == "added" and after[ADDED]["mentions"][0]["text"] == QUOTE
    page_text = (again / "index.html").read_text("utf-8")
    assert "<img src=x" not in page_text and "<b>x</b>" not in page_text

    # saved beside the article, the file applies to a rebuild without --edit, which leaves edit.html out
    shutil.copy(tmp_path / "fixes.toml", tmp_path / "crues.mapgen.toml")
    assert main(["build", str(article), "-o", str(out)]) == 0
    assert not (out / "edit.html").exists()
    assert names(out) == after
