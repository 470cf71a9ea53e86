"""Shared pytest fixtures: fresh libraries built from the project's own fixture articles.

    library_home   a fresh library directory (sources/ + whoosh/) holding the six
                   invented articles in tests/fixtures/library/ and the FT sample;
                   each test gets its own copy, so tests may add, reindex or break it
    library        a search.library.Library opened on library_home
    empty_home     an empty library directory (nothing added yet)
    fixture_paths  the article files library_home was built from

Other test packages (tests/web/...) can use these directly; paths and helpers
are imported from tests/helpers.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.helpers.paths import FT_SAMPLE, LIBRARY_FIXTURES


def library_fixture_paths() -> list[Path]:
    return sorted(LIBRARY_FIXTURES.glob("*.txt")) + [FT_SAMPLE]


@pytest.fixture(scope="session")
def _built_library(tmp_path_factory) -> Path:
    from search.library import Library

    home = tmp_path_factory.mktemp("library-template")
    lib = Library(home)
    for path in library_fixture_paths():
        lib.add(path.read_bytes(), path.name)
    lib.close()
    return home


@pytest.fixture
def fixture_paths() -> list[Path]:
    return library_fixture_paths()


@pytest.fixture
def library_home(_built_library: Path, tmp_path: Path) -> Path:
    home = tmp_path / "library"
    shutil.copytree(_built_library, home)
    return home


@pytest.fixture
def library(library_home: Path):
    from search.library import Library

    lib = Library(library_home)
    yield lib
    lib.close()


@pytest.fixture
def empty_home(tmp_path: Path) -> Path:
    home = tmp_path / "empty-library"
    home.mkdir()
    return home
