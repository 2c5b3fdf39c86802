"""The site's folder: only the files mapgen wrote are replaced; the user's own always survive."""

import errno
import json
import os
import subprocess
from pathlib import Path

import pytest

import mapgen.site.pages as site
from mapgen.site.pages import SiteError, write_site
from mapgen.site.publish import MANIFEST

SCRATCH_MARK = ".mapgen-scratch"


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def features(folder: Path) -> int:
    return len(json.loads((folder / "places.geojson").read_text())["features"])


def test_a_git_repository_and_cname_survive_a_rebuild(tmp_path, article, places):
    target = tmp_path / "site"
    write_site(article, places, target)
    subprocess.run(["git", "-C", str(target), "init", "-q"], check=True)
    (target / "CNAME").write_text("maps.example.org\n")
    git_files = files_of(target / ".git")
    write_site(article, places[:1], target)
    assert (target / "CNAME").read_text() == "maps.example.org\n"
    assert files_of(target / ".git") == git_files
    assert features(target) == 1


def test_a_web_root_is_refused_then_forced_without_losing_a_file(tmp_path, article, places):
    root = tmp_path / "www"
    (root / "blog").mkdir(parents=True)
    (root / "blog" / "post.html").write_text("my post")
    (root / "img").mkdir()
    (root / "img" / "cat.png").write_bytes(b"\x89PNG")
    (root / "index.html").write_text("my home page")
    forcing = r"holds files that mapgen did not write \(blog\).*--force .*kept, but mapgen's index.html replaces yours"
    with pytest.raises(SiteError, match=forcing):
        write_site(article, places, root)
    assert (root / "index.html").read_text() == "my home page"
    write_site(article, places, root, force=True)
    assert (root / "blog" / "post.html").read_text() == "my post"
    assert (root / "img" / "cat.png").read_bytes() == b"\x89PNG"
    assert "leaflet" in (root / "index.html").read_text()
    write_site(article, places[:1], root)  # now that it has a manifest, no --force needed
    assert (root / "blog" / "post.html").read_text() == "my post" and features(root) == 1


def test_the_article_inside_its_own_site_folder_survives(tmp_path, article, places):
    target = tmp_path / "site"
    write_site(article, places, target)
    (target / "article.txt").write_text(article.text)
    write_site(article, places, target)
    assert (target / "article.txt").read_text() == article.text


def test_a_symlinked_folder_updates_its_target_and_stays_a_link(tmp_path, article, places):
    published = tmp_path / "srv" / "site"
    write_site(article, places, published)
    link = tmp_path / "link"
    link.symlink_to(published, target_is_directory=True)
    write_site(article, places[:1], link)
    assert link.is_symlink() and os.readlink(link) == str(published)
    assert features(published) == 1


def test_building_into_the_current_folder_through_its_parent(tmp_path, article, places, monkeypatch):
    target = tmp_path / "site"
    write_site(article, places, target)
    monkeypatch.chdir(target)
    write_site(article, places[:1], Path("../site"))
    assert Path.cwd() == target and Path("index.html").exists()
    assert features(target) == 1


def test_the_folder_itself_is_never_renamed_as_a_mount_point_cannot_be(tmp_path, article, places, monkeypatch):
    target = tmp_path / "mnt"
    write_site(article, places, target)
    real_replace, real_rename = os.replace, os.rename

    def busy(real):
        def move(source, destination, *args, **kwargs):
            if Path(source) == target or Path(destination) == target:
                raise OSError(errno.EBUSY, "Device or resource busy", str(source))
            return real(source, destination, *args, **kwargs)

        return move

    monkeypatch.setattr(os, "replace", busy(real_replace))
    monkeypatch.setattr(os, "rename", busy(real_rename))
    write_site(article, places[:1], target)
    assert features(target) == 1


def test_leftovers_of_killed_runs_are_cleaned(tmp_path, article, places):
    target = tmp_path / "site"
    write_site(article, places, target)
    leftovers = [
        target / ".mapgen.partial-abc123",
        target / ".mapgen.old-def456",
        tmp_path / ".site.partial-0ld",  # where earlier versions wrote them
        tmp_path / ".site.old-0ld",
    ]
    for leftover in leftovers:
        (leftover / "assets").mkdir(parents=True)
        (leftover / "assets" / "leaflet.js").write_text("half")
        (leftover / SCRATCH_MARK).write_text("")  # what proves mapgen made it
    write_site(article, places, target)
    assert [p for p in leftovers if p.exists()] == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    assert not [p for p in target.iterdir() if p.name.startswith(".mapgen.")]


def test_folders_named_like_leftovers_but_not_marked_by_mapgen_are_kept(tmp_path, article, places):
    target = tmp_path / "site"
    write_site(article, places, target)
    theirs = [tmp_path / ".site.old-2026-12-07", tmp_path / ".site.partial-drafts", target / ".mapgen.old-mine"]
    for folder in theirs:
        folder.mkdir()
        (folder / "draft.md").write_text("mine")
    deeper = tmp_path / ".site.old-marked-elsewhere" / "sub"
    deeper.mkdir(parents=True)
    (deeper / SCRATCH_MARK).write_text("")  # a mark not at the top proves nothing
    write_site(article, places[:1], target)
    assert all((folder / "draft.md").read_text() == "mine" for folder in theirs)
    assert (deeper / SCRATCH_MARK).exists()
    assert features(target) == 1


def test_a_symlinked_subfolder_is_never_written_through_nor_emptied(tmp_path, article, places):
    site1, site2 = tmp_path / "site1", tmp_path / "site2"
    write_site(article, places, site1)
    write_site(article, places, site2)
    shared = files_of(site1 / "assets")
    for entry in (site2 / "assets").iterdir():
        entry.unlink()
    (site2 / "assets").rmdir()
    (site2 / "assets").symlink_to("../site1/assets", target_is_directory=True)
    for single_file in (True, False):
        with pytest.raises(SiteError, match=r"site2/assets is a link to a folder outside the site"):
            write_site(article, places[:1], site2, single_file=single_file)
        assert files_of(site1 / "assets") == shared
    assert (site2 / "assets").is_symlink() and features(site2) == len(places)


def test_a_failed_move_midway_puts_the_old_site_back_whole(tmp_path, article, places, monkeypatch):
    target = tmp_path / "site"
    write_site(article, places, target)
    before = files_of(target)
    real_replace = os.replace
    calls = []

    def failing(source, destination, *args, **kwargs):  # from the last page on, as a disk gone read-only
        calls.append(Path(destination).name)
        if "places.geojson" in calls:
            raise OSError(errno.EROFS, "Read-only file system", str(destination))
        return real_replace(source, destination, *args, **kwargs)

    monkeypatch.setattr(os, "replace", failing)
    with pytest.raises(OSError):
        write_site(article, places[:1], target)
    monkeypatch.setattr(os, "replace", real_replace)
    after = files_of(target)
    assert {k: v for k, v in after.items() if k != MANIFEST} == {k: v for k, v in before.items() if k != MANIFEST}


def test_files_of_the_last_build_go_but_others_in_the_same_folders_stay(tmp_path, article, places):
    target = tmp_path / "site"
    write_site(article, places, target, tiles="offline")  # the raster tiles, copied into tiles/
    before = json.loads((target / MANIFEST).read_text())["files"]
    assert "index.html" in before and any(f.startswith("tiles/") for f in before)
    (target / "tiles" / "mine.txt").write_text("mine")
    write_site(article, places, target, tiles="offline", single_file=True)  # no tiles/ nor assets/ any more
    assert (target / "tiles" / "mine.txt").read_text() == "mine"
    assert sorted(p.name for p in (target / "tiles").iterdir()) == ["mine.txt"]
    assert not (target / "assets").exists()
    assert json.loads((target / MANIFEST).read_text())["files"] == [
        "embed.html",
        "index.html",
        "map.svg",
        "places.geojson",
    ]


def test_a_foreign_file_where_mapgen_writes_one_needs_force(tmp_path, article, places):
    target = tmp_path / "site"
    write_site(article, places, target, single_file=True)
    (target / "assets").mkdir()
    (target / "assets" / "leaflet.js").write_text("my own leaflet")
    with pytest.raises(SiteError, match=r"assets/leaflet.js was not written by mapgen.*--force"):
        write_site(article, places, target)
    assert (target / "assets" / "leaflet.js").read_text() == "my own leaflet"
    write_site(article, places, target, force=True)
    assert "my own leaflet" not in (target / "assets" / "leaflet.js").read_text()


def test_a_manifest_claims_nothing_outside_the_site(tmp_path, article, places):
    target = tmp_path / "site"
    write_site(article, places, target)
    outside = tmp_path / "outside.txt"
    outside.write_text("keep")
    manifest = json.loads((target / MANIFEST).read_text())
    manifest["files"] += ["../outside.txt", str(outside)]
    (target / MANIFEST).write_text(json.dumps(manifest))
    write_site(article, places, target)
    assert outside.read_text() == "keep"


def test_a_failed_build_in_a_new_folder_leaves_nothing(tmp_path, article, places, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(site, "_render", broken)
    with pytest.raises(RuntimeError):
        write_site(article, places, tmp_path / "new")
    assert list(tmp_path.iterdir()) == []


def test_force_on_the_command_line(tmp_path, monkeypatch, capsys):
    from mapgen import cli

    article = tmp_path / "a.txt"
    article.write_text("Des orages ont frappé Lyon.", "utf-8")
    target = tmp_path / "www"
    target.mkdir()
    (target / "CNAME").write_text("maps.example.org")
    assert cli.main(["build", str(article), "-o", str(target)]) == 1
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and "(CNAME)" in error and "--force" in error
    assert cli.main(["build", str(article), "-o", str(target), "--force"]) == 0
    assert (target / "CNAME").read_text() == "maps.example.org" and (target / "index.html").exists()


def test_two_builds_into_one_folder_take_turns(tmp_path, article, places):
    from concurrent.futures import ThreadPoolExecutor

    target = tmp_path / "site"
    with ThreadPoolExecutor(max_workers=2) as pool:
        runs = [pool.submit(write_site, article, places[:n], target) for n in (1, 2, 3, 4)]
        for run in runs:
            run.result()
    assert features(target) in (1, 2, 3, 4)
    assert sorted(p.name for p in target.iterdir() if p.name.startswith(".")) == [MANIFEST]
    assert set(json.loads((target / MANIFEST).read_text())["files"]) == set(files_of(target)) - {MANIFEST}
