#!/usr/bin/env python3
"""Rebuild the index from sources/ alone: the same as `cuttings reindex [--home DIR]`."""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from search.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(["reindex", *sys.argv[1:]]))
