"""The public API is what mapgen.__all__ names, and every error of the tree is in it."""

import inspect

import mapgen
import mapgen.errors


def test_all_exports_exist_and_are_public():
    assert sorted(mapgen.__all__) == sorted(set(mapgen.__all__))
    for name in mapgen.__all__:
        assert hasattr(mapgen, name), name
        member = getattr(mapgen, name)
        if inspect.isclass(member) or inspect.isfunction(member):
            assert member.__module__.startswith("mapgen"), name


def test_every_error_and_warning_is_exported_and_errors_are_mapgen_errors():
    errors = {
        name
        for name, obj in vars(mapgen.errors).items()
        if inspect.isclass(obj) and issubclass(obj, Exception) and obj.__module__ == "mapgen.errors"
    }
    assert errors == set(mapgen.errors.__all__)
    assert errors <= set(mapgen.__all__)
    for name in errors:
        cls = getattr(mapgen, name)
        assert issubclass(cls, Warning) or issubclass(cls, mapgen.MapgenError), name
        assert name in mapgen.errors.__doc__  # the tree drawn in the docstring names it


def test_version_comes_from_the_package_metadata():
    from importlib.metadata import version

    assert mapgen.__version__ == version("mapgen")


def test_all_is_exactly_the_public_names_and_the_readme_documents_each():
    """As httpx's test does: nothing public slips in unlisted, nothing listed goes unexplained."""
    from pathlib import Path

    public = {
        name
        for name, member in vars(mapgen).items()
        if not name.startswith("_")
        and not inspect.ismodule(member)
        and getattr(member, "__module__", "").startswith("mapgen")
    }
    assert public | {"__version__"} == set(mapgen.__all__)
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text("utf-8")
    assert [name for name in mapgen.__all__ if name != "__version__" and f"`{name}`" not in readme] == []
