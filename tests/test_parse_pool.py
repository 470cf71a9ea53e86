"""search/parse_pool.py: a parse that runs away or kills its worker is a clear error naming the input,
and `cuttings add` names and skips such a file while adding the others."""
from __future__ import annotations

import functools

import pytest

import search.cli
from search.cli import main
from search.errors import IngestError
from search.parse_pool import ParsePool
from tests.helpers.runaway import backtrack_on_runaway_files, die


def test_a_worker_that_dies_mid_parse_is_an_error_naming_the_input():
    pool = ParsePool(parse_function=die)
    try:
        with pytest.raises(IngestError, match="Reading story.txt stopped unexpectedly"):
            pool.parse(b"anything", filename="story.txt")
    finally:
        pool.close()


def test_cuttings_add_names_and_skips_a_file_that_runs_away(monkeypatch, capsys, empty_home, fixture_paths, tmp_path):
    runaway = tmp_path / "runaway.html"
    runaway.write_bytes(b"<html><body><p>text</p></body></html>")
    monkeypatch.setattr(search.cli, "ParsePool",
                        functools.partial(ParsePool, time_limit=0.5, parse_function=backtrack_on_runaway_files))
    code = main(["--home", str(empty_home), "add", "--quiet", str(fixture_paths[0]), str(runaway)])
    out, err = capsys.readouterr()
    assert code == 1
    assert err.strip() == "cuttings: Reading runaway.html took longer than 0.5 s, so Cuttings stopped it; nothing " \
                          "was saved. If it is a saved page, try pasting the article text instead."
    assert out.startswith("added ") and str(fixture_paths[0]) in out

