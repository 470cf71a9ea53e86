"""The `cuttings` command line: add, search, reindex on the library chosen by --home or CUTTINGS_HOME."""
from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from search.cli import main

REPO = Path(__file__).resolve().parents[1]


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_add_then_search_with_home(capsys, empty_home, fixture_paths):
    code, out, _ = run(capsys, "--home", str(empty_home), "add", "--quiet", *map(str, fixture_paths))
    assert code == 0 and out.count("added ") == len(fixture_paths)
    code, out, _ = run(capsys, "search", "otters", "--home", str(empty_home), "--json")
    data = json.loads(out)
    assert code == 0 and data["total"] > 0
    hit = data["hits"][0]
    assert hit["url"] == f"/a/{hit['article_id']}#p{hit['paragraph']}"
    assert "otter" in hit["text"].lower()


def test_cuttings_home_from_the_environment(capsys, empty_home, fixture_paths, monkeypatch):
    monkeypatch.setenv("CUTTINGS_HOME", str(empty_home))
    cup_final = next(p for p in fixture_paths if p.name == "cup-final-penalties.txt")
    assert run(capsys, "add", "--quiet", str(cup_final))[0] == 0
    assert len(list((empty_home / "sources").glob("*cup-final-penalties.txt"))) == 1
    code, out, _ = run(capsys, "search", "penalties")
    assert code == 0 and "Kessington Rovers" in out


def test_search_by_speaker(capsys, library_home):
    code, out, _ = run(capsys, "search", "--home", str(library_home), "--speaker", "Helen Marsh", "--json")
    data = json.loads(out)
    assert data["total"] >= 2
    assert all("Helen Marsh" in h["speakers"] for h in data["hits"])


def test_bad_file_is_one_clear_line_and_exit_1(capsys, empty_home, tmp_path):
    bad = tmp_path / "picture.png"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(200)))
    code, _, err = run(capsys, "--home", str(empty_home), "add", "--quiet", str(bad))
    assert code == 1
    assert "picture.png" in err and "Traceback" not in err
    assert not (empty_home / "sources").exists() or not any((empty_home / "sources").iterdir())


def test_url_with_several_files_is_refused(capsys, empty_home, fixture_paths):
    code, _, err = run(
        capsys, "--home", str(empty_home), "add", "--url", "https://example.org/a", *map(str, fixture_paths[:2])
    )
    assert code == 1 and "--url" in err


def test_bad_date_option_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["search", "x", "--sort", "sideways"])
    assert exit_.value.code == 2


def test_reindex_script_keeps_the_library(library_home):
    before = subprocess.run(
        [sys.executable, "-m", "search.cli", "search", "", "--home", str(library_home), "--json", "--limit", "100"],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=True,
    )
    done = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "reindex.py"), "--home", str(library_home), "--quiet"],
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    assert done.returncode == 0, done.stderr
    assert "reindexed 7 articles" in done.stdout
    after = subprocess.run(
        [sys.executable, "-m", "search.cli", "search", "", "--home", str(library_home), "--json", "--limit", "100"],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=True,
    )
    key = lambda out: sorted((h["article_id"], h["paragraph"]) for h in json.loads(out)["hits"])  # noqa: E731
    assert key(after.stdout) == key(before.stdout)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get_when_up(url: str, server: subprocess.Popen, within: float = 60.0) -> bytes:
    """GET url once the server answers; fail with its output if it exits or never answers."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"cuttings serve exited {server.returncode}: {server.stdout.read()}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read()
        except OSError:
            time.sleep(0.2)  # not listening yet
    pytest.fail(f"cuttings serve did not answer {url} within {within:.0f} s")


def test_serve_answers_searches_on_the_chosen_library(library_home):
    pytest.importorskip("waitress")
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "search.cli", "serve", "--home", str(library_home),
                               "--port", str(port)], cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              text=True)
    try:
        page = _get_when_up(f"http://127.0.0.1:{port}/search?q=otters", server)
        assert b"Otters" in page
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert f"http://127.0.0.1:{port}/" in server.stdout.read()


def test_bulk_add_twice_keeps_one_copy_of_each_article(capsys, empty_home, tmp_path):
    """The CLI adds many files in one bulk write; re-adding replaces, never duplicates."""
    files = []
    for i in range(60):
        path = tmp_path / f"widgets-{i}.txt"
        body = f"The widget factory number {i} reported its results today, better than analysts expected. " * 2
        path.write_text(
            f"Business\n\nWidget maker {i} beats forecasts\n\nA good year\n\nBy Ann Lee\n\n"
            f'January {1 + i % 28}, 2022\n\n{body}\n\n"We are pleased," said Tom Smith, chief executive.\n'
        )
        files.append(str(path))
    assert run(capsys, "add", "--quiet", "--home", str(empty_home), *files)[0] == 0
    assert run(capsys, "add", "--quiet", "--home", str(empty_home), *files)[0] == 0
    code, out, _ = run(capsys, "search", "widget", "--home", str(empty_home), "--json", "--limit", "100")
    data = json.loads(out)
    assert data["total_articles"] == 60
    assert len({(h["article_id"], h["paragraph"]) for h in data["hits"]}) == len(data["hits"])


def _shape(value):
    """The keys of a JSON document, all the way down (list items by their first)."""
    if isinstance(value, dict):
        return {k: _shape(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_shape(value[0])] if value else []
    return None


def test_search_json_has_the_shape_of_the_web_json(capsys, library_home):
    from web import create_app

    code, out, _ = run(capsys, "search", "council", "--home", str(library_home), "--json")
    cli = json.loads(out)
    web = create_app({"TESTING": True}, home=library_home).test_client().get("/search.json?q=council&view=flat").json
    assert code == 0 and cli["total"] == web["total"] > 0
    assert _shape(cli) == _shape(web)
    assert cli["links"]["self"].startswith("/search.json?") and web["links"]["self"].startswith("http://")
