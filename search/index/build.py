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
    return code_version(_PARSER_CODE, f"schema {SCHEMA_VERSION}")


@lru_cache(maxsize=8)
def code_version(names: tuple[str, ...], salt: str = "") -> str:
    """A hash of these modules and packages of search/ (their source): what a result kept on disk
    was computed by, so that a result of other code is never taken for this code's."""
    digest = hashlib.sha1(salt.encode())
    for name in names:
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
