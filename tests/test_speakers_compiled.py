"""The Cython-compiled speakers modules: used only while their source is
unchanged, and giving exactly what the sources give.

The compiled files come from `make install` (scripts/compile_speakers.py);
the tests that need them skip, saying so, when there are none.
"""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

import pytest

from search.speakers import _compiled

from conftest import FT_SAMPLE, LIBRARY_FIXTURES, REPO, SHARED_DIR

SUFFIX = EXTENSION_SUFFIXES[0]  # what this interpreter's own builds end with

_STALE = sorted({p.stem for p in _compiled.compilable_sources()} - set(_compiled.up_to_date()))
needs_build = pytest.mark.skipif(
    bool(_STALE), reason=f"speakers modules not compiled from their current source ({', '.join(_STALE)}): "
                         "`make install` compiles them")


# --- which compiled files count as up to date ------------------------------------------

def _package_with_build(tmp_path: Path, sources: dict[str, str], compiled_file: dict[str, str]) -> tuple[Path, Path]:
    """A fake package directory and build directory, manifest recording each source as it is now."""
    package, build = tmp_path / "pkg", tmp_path / "build"
    package.mkdir()
    build.mkdir()
    for name, text in sources.items():
        (package / f"{name}.py").write_text(text)
    for name, file in compiled_file.items():
        (build / file).write_bytes(b"compiled")
    _compiled.write_manifest(build, {name: {"source_sha256": _compiled.source_digest(package / f"{name}.py"),
                                            "file": file} for name, file in compiled_file.items()})
    return package, build


def test_a_module_compiled_from_its_current_source_is_used(tmp_path):
    package, build = _package_with_build(tmp_path, {"names": "X = 1\n"}, {"names": f"names{SUFFIX}"})
    assert _compiled.up_to_date(package, build) == {"names": build / f"names{SUFFIX}"}


def test_a_module_edited_since_it_was_compiled_comes_from_its_source(tmp_path):
    package, build = _package_with_build(tmp_path, {"names": "X = 1\n", "cues": "Y = 2\n"},
                                         {"names": f"names{SUFFIX}", "cues": f"cues{SUFFIX}"})
    (package / "names.py").write_text("X = 2\n")
    assert set(_compiled.up_to_date(package, build)) == {"cues"}


def test_a_build_for_another_python_or_a_missing_file_is_not_used(tmp_path):
    package, build = _package_with_build(tmp_path, {"names": "X = 1\n", "cues": "Y = 2\n"},
                                         {"names": "names.cpython-39-x86_64-linux-gnu.so", "cues": f"cues{SUFFIX}"})
    (build / f"cues{SUFFIX}").unlink()
    assert _compiled.up_to_date(package, build) == {}


@pytest.mark.parametrize("manifest", ["", "{not json", '{"modules": []}', '{"other": {}}', '[1, 2]'])
def test_an_unreadable_manifest_means_nothing_compiled(tmp_path, manifest):
    package, build = _package_with_build(tmp_path, {"names": "X = 1\n"}, {"names": f"names{SUFFIX}"})
    (build / _compiled.MANIFEST).write_text(manifest)
    assert _compiled.up_to_date(package, build) == {}


# --- the real build -----------------------------------------------------------------------

_REPORT = """
import json, sys
import search.speakers as s
from search.speakers import attribute
import search.speakers.names, search.speakers.attribute
articles = json.loads(sys.stdin.read())
print(json.dumps({"compiled": s.COMPILED_MODULES,
                  "files": {m: sys.modules["search.speakers." + m].__file__ for m in ("names", "attribute")},
                  "speakers": [[[list(map(str, (sp.name, sp.role, sp.kind))) for sp in para] for para in attribute(a)]
                               for a in articles]}))
"""


def _run(articles: list[list[str]], *, root: Path = REPO, pure: bool = False) -> dict:
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(root)}
    if pure:
        env[_compiled.DISABLE_VARIABLE] = "1"
    done = subprocess.run([sys.executable, "-c", _REPORT], input=json.dumps(articles), capture_output=True,
                          text=True, env=env, cwd=root, check=True)
    return {**json.loads(done.stdout), "stderr": done.stderr}


def _copy_with_build(tmp_path: Path) -> tuple[Path, Path]:
    """A copy of the package and of its build, to spoil one or the other."""
    root = tmp_path / "repo"
    shutil.copytree(REPO / "search", root / "search", ignore=shutil.ignore_patterns("__pycache__"))
    build = root / _compiled.BUILD_DIR.relative_to(REPO)
    shutil.copytree(_compiled.BUILD_DIR, build)
    return root, build


def _articles() -> list[list[str]]:
    """The repo's own articles (invented ones and the user's FT sample), as paragraphs."""
    paths = sorted(LIBRARY_FIXTURES.glob("*.txt")) + [FT_SAMPLE]
    return [[p.strip() for p in path.read_text(encoding="utf-8").split("\n\n") if p.strip()] for path in paths]


@needs_build
def test_compiled_modules_are_loaded_and_give_what_the_sources_give():
    articles = _articles()
    compiled, pure = _run(articles), _run(articles, pure=True)
    assert compiled["compiled"] == sorted(p.stem for p in _compiled.compilable_sources())
    assert all(Path(f).suffix != ".py" and Path(f).is_relative_to(_compiled.BUILD_DIR) for f in compiled["files"].values())
    assert pure["compiled"] == [] and all(f.endswith(".py") for f in pure["files"].values())
    assert sum(len(sp) for a in pure["speakers"] for sp in a) > 20  # the comparison below has something to compare
    assert compiled["speakers"] == pure["speakers"]


@needs_build
@pytest.mark.skipif(not (SHARED_DIR / "corpus" / "text" / "bbc").is_dir(), reason="../shared/corpus is absent")
def test_compiled_and_source_agree_on_bbc_articles():
    sys.path.insert(0, str(REPO / "scripts"))
    from bench_speakers import corpus_articles
    articles = corpus_articles(SHARED_DIR / "corpus" / "text" / "bbc")[::7]
    assert _run(articles)["speakers"] == _run(articles, pure=True)["speakers"]


@needs_build
def test_an_edited_module_is_not_shadowed_by_its_stale_compiled_copy(tmp_path):
    """Edit names.py after compiling: it is imported from the edited source, the others stay compiled."""
    root, build = _copy_with_build(tmp_path)
    names = root / "search" / "speakers" / "names.py"
    names.write_text(names.read_text(encoding="utf-8") + "\n# any edit at all\n", encoding="utf-8")
    report = _run(_articles()[:1], root=root)
    assert "names" not in report["compiled"] and "attribute" in report["compiled"]
    assert report["files"]["names"] == str(names)
    assert Path(report["files"]["attribute"]).is_relative_to(build)


@needs_build
def test_a_damaged_compiled_file_leaves_every_module_to_its_source(tmp_path):
    root, build = _copy_with_build(tmp_path)
    damaged = build / _compiled.read_manifest(build)["cues"]["file"]
    damaged.write_bytes(b"\x7fELF not really" * 64)
    articles = _articles()[:2]
    report = _run(articles, root=root)
    assert report["compiled"] == [] and all(f.endswith(".py") for f in report["files"].values())
    assert "did not load" in report["stderr"] and str(build) in report["stderr"]
    assert report["speakers"] == _run(articles, pure=True)["speakers"]


def test_the_annotations_compiled_code_checks_hold_for_every_call(tmp_path):
    """Compiled, an argument annotated `str` or `list[...]` given anything else
    (None, a tuple, a subclass) raises TypeError, where the source would run
    on: mypy shows that every call inside the package passes what the
    annotations say, so the compiled modules never meet such a call."""
    import mypy.api

    report, errors, status = mypy.api.run([str(_compiled.PACKAGE_DIR), "--follow-imports=silent", "--check-untyped-defs",
                                           "--cache-dir", str(tmp_path)])
    assert status == 0, report + errors


def test_attribute_takes_any_sequence_of_strings_and_string_subclasses():
    """Compiled, a `str` argument must be exactly a str: the entry point hands on plain ones."""
    from search.speakers import attribute

    class Marked(str):
        pass

    paragraphs = ['"We will not retreat," said Olena Varga, the mayor.', "Varga added that the bridge would reopen."]
    expected = attribute(paragraphs)
    assert [[s.name for s in p] for p in expected] == [["Olena Varga"], ["Olena Varga"]]
    assert attribute(tuple(paragraphs)) == expected
    assert attribute([Marked(p) for p in paragraphs]) == expected
