#!/usr/bin/env python3
"""Compile the speakers package with Cython into build/cython/.

The modules are compiled as they are, with no Cython-only code in them, and
are loaded in place of their sources only while those are unchanged (see
search/speakers/_compiled.py). Modules already compiled from their current
source are left alone. Without Cython or a C compiler this says why and exits
0: the package then runs from its sources, with the same results, slower.

    .venv/bin/python scripts/compile_speakers.py [--force]
"""
from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from search.speakers import _compiled  # noqa: E402

# Cython's defaults. Among them, annotation typing: an argument annotated
# `str` or `list[...]` is checked on entry and then handled as that type,
# which gives a third of the gain. The check is stricter than Python (no
# subclass, no None): a test runs mypy to show every call inside the package
# respects the annotations, and attribute(), the entry point, hands on plain
# strings whatever its callers give it.
DIRECTIVES = {"language_level": 3, "annotation_typing": True}


def compile_modules(sources: list[Path], build_dir: Path) -> dict[str, dict[str, str]]:
    """Compile each source into build_dir; manifest entries for those compiled."""
    from Cython.Build import cythonize
    from setuptools import Distribution, Extension

    digests = {src.stem: _compiled.source_digest(src) for src in sources}  # before, so an edit meanwhile reads as stale
    with tempfile.TemporaryDirectory() as tmp:
        extensions = cythonize(
            [Extension(f"{_compiled.PACKAGE}.{src.stem}", [str(src)]) for src in sources],
            build_dir=str(Path(tmp) / "c"), compiler_directives=DIRECTIVES, quiet=True, force=True,
            nthreads=os.cpu_count() or 1)
        dist = Distribution({"name": "cuttings-speakers", "ext_modules": extensions})
        build = dist.get_command_obj("build_ext")
        build.build_lib, build.build_temp = str(Path(tmp) / "lib"), str(Path(tmp) / "obj")
        build.parallel = os.cpu_count() or 1
        dist.run_command("build_ext")
        entries = {}
        for ext in extensions:
            built = Path(build.get_ext_fullpath(ext.name))
            # A new file renamed over the old one: a running process keeps the one it loaded.
            staged = build_dir / (built.name + ".new")
            shutil.copy2(built, staged)
            os.replace(staged, build_dir / built.name)
            name = ext.name.rpartition(".")[2]
            entries[name] = {"source_sha256": digests[name], "file": built.name}
    return entries


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--force", action="store_true", help="compile every module, even those up to date")
    args = ap.parse_args()
    sources = _compiled.compilable_sources()
    fresh = {} if args.force else _compiled.up_to_date()
    todo = [src for src in sources if src.stem not in fresh]
    if not todo:
        print(f"speakers: all {len(sources)} modules compiled and up to date in {_compiled.BUILD_DIR.relative_to(REPO)}")
        return 0
    try:
        import Cython  # noqa: F401
    except ImportError:
        print(f"speakers: Cython is not installed, so {', '.join(src.stem for src in todo)} run from their sources "
              "(pip install -e '.[compile]')")
        return 0
    build_dir = _compiled.BUILD_DIR
    build_dir.mkdir(parents=True, exist_ok=True)
    print(f"speakers: compiling {len(todo)} of {len(sources)} modules with Cython {Cython.__version__} ...", flush=True)
    try:
        entries = compile_modules(todo, build_dir)
    except Exception as exc:  # distutils' CompileError and friends: no compiler, no Python headers
        print(f"speakers: not compiled ({type(exc).__name__}: {exc}); {', '.join(src.stem for src in todo)} "
              "run from their sources")
        return 0
    manifest = {name: entry for name, entry in _compiled.read_manifest(build_dir).items()
                if (_compiled.PACKAGE_DIR / f"{name}.py").is_file()}  # drop modules that no longer exist
    manifest.update(entries)
    _compiled.write_manifest(build_dir, manifest)
    print(f"speakers: compiled {', '.join(sorted(entries))} into {build_dir.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
