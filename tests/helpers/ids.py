"""The ids of the fixture articles, worked out as the library does (ids follow the text, so no test spells one)."""
from __future__ import annotations

from search import ingest
from tests.helpers.paths import LIBRARY_FIXTURES


def fixture_id(name: str) -> str:
    path = LIBRARY_FIXTURES / name
    return ingest.parse(path.read_bytes(), filename=path.name).id


BUDGET = fixture_id("council-budget-vote.txt")
TOLLS = fixture_id("harbour-bridge-tolls.txt")
OTTERS = fixture_id("river-otters-return.txt")
