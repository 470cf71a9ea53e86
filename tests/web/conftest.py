"""Fixtures for the web tests: a temporary library with the FT sample and three invented articles.

Never the bundled index/: every test library lives under pytest's tmp_path.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from search.parse_pool import ParsePool
from tests.helpers.browser import CHROMIUM, LAUNCH_ARGS
from tests.helpers.web import build_library
from web import create_app


@pytest.fixture(scope="session")
def web_library_home(tmp_path_factory) -> Path:
    home = tmp_path_factory.mktemp("library")
    build_library(home).close()
    return home


@pytest.fixture(scope="session")
def parse_pool():
    """One set of parse workers for every test app (each app would otherwise start its own)."""
    pool = ParsePool()
    yield pool
    pool.close()


@pytest.fixture(scope="session")
def app(web_library_home, parse_pool):
    return create_app({"TESTING": True, "PARSE_POOL": parse_pool}, home=web_library_home)


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture(scope="session")
def undated_app(tmp_path_factory):
    """The same library plus two cuttings pasted without a date."""
    home = tmp_path_factory.mktemp("library-undated")
    build_library(home, undated=True).close()
    return create_app({"TESTING": True}, home=home)


@pytest.fixture
def undated_client(undated_app):
    return undated_app.test_client()


@pytest.fixture
def empty_app(tmp_path, parse_pool):
    """An app on a library of its own, for tests that add cuttings."""
    return create_app({"TESTING": True, "PARSE_POOL": parse_pool}, home=tmp_path / "library")


@pytest.fixture
def empty_client(empty_app):
    return empty_app.test_client()


@pytest.fixture(scope="session")
def chromium_browser():
    """One Chromium for every browser test module (Playwright's sync API runs once per thread)."""
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright (python) is not installed")
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed at /usr/bin/chromium")
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=LAUNCH_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def browser_context_args(live_server) -> dict:
    """How a browser test module's pages open: on its `live_server` (a module may ask for more)."""
    return {"base_url": live_server}


@pytest.fixture
def page(chromium_browser, browser_context_args):
    """A fresh tab (in a context of its own) for each browser test."""
    context = chromium_browser.new_context(viewport={"width": 1280, "height": 900}, **browser_context_args)
    yield context.new_page()
    context.close()
