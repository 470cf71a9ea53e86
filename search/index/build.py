"""What a generation was built with: the parser's version and the sources that gave no article.

Kept as `build.json` in the generation's directory. An incremental reindex
compares the parser version with the running code's (any change to ingest,
speakers, the model, ids or the schema rebuilds everything) and skips the
sources that failed last time until their content changes.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from search.index.schema import SCHEMA_VERSION
from search.index.temporary import write_atomically

BUILD_FILE = "build.json"
_PACKAGE = Path(__file__).resolve().parents[1]  # search/
# What turns a source into what is indexed: parsing, the user's decisions applied to it, its story's signature.
_PARSER_CODE = ("ingest", "speakers", "curation", "curator.py", "model.py", "ids.py", "index/stories.py")


@lru_cache(maxsize=1)
def parser_version() -> str:
    """A hash of the code that parses sources and of the schema: a new one means a full rebuild."""
    digest = hashlib.sha1(f"schema {SCHEMA_VERSION}".encode())
    for name in _PARSER_CODE:
        path = _PACKAGE / name
        files = sorted(path.rglob("*.py")) if path.is_dir() else [path]
        for f in files:
            digest.update(str(f.relative_to(_PACKAGE)).encode())
            digest.update(f.read_bytes())
    return digest.hexdigest()[:16]


@dataclass
class BuildInfo:
    parser: str = ""  # parser_version() of the build; "" when unknown (an older index)
    skipped: dict[str, str] = field(default_factory=dict)  # source name -> digest: parsed to no article


def read_build(generation_dir: Path) -> BuildInfo:
    try:
        data = json.loads((generation_dir / BUILD_FILE).read_text(encoding="utf-8"))
        return BuildInfo(parser=str(data.get("parser", "")), skipped=dict(data.get("skipped", {})))
    except (OSError, ValueError, AttributeError, TypeError):
        return BuildInfo()


def write_build(generation_dir: Path, info: BuildInfo) -> None:
    data = json.dumps({"parser": info.parser, "skipped": info.skipped})
    write_atomically(generation_dir / BUILD_FILE, data.encode("utf-8"))
