"""Where the tests' material lives."""
from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures"
LIBRARY_FIXTURES = FIXTURES / "library"
FT_SAMPLE = FIXTURES / "ft-russia-security-talks.txt"
WEB_FIXTURES = sorted((REPO / "tests" / "web" / "fixtures").glob("*.html"))
UNDATED_FIXTURES = sorted((REPO / "tests" / "web" / "fixtures" / "undated").glob("*.txt"))  # pastes with no date
SHARED_DIR = REPO.parent / "shared"  # other publishers' corpora, never copied here: tests using them skip without it
