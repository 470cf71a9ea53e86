"""Curating from the command line: the same library API as the web, one clear line on a mistake."""
from __future__ import annotations

import csv
import io
import json

from search.access import PasswordFile
from search.cli import main
from search.library import Library
from tests.helpers.ids import BUDGET, OTTERS


def run(capsys, home, *argv) -> tuple[int, str, str]:
    code = main(["--home", str(home), *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_correct_then_reindex_keeps_it(capsys, library_home):
    code, out, _ = run(capsys, library_home, "correct", BUDGET, "--date", "undated", "--section", "Council")
    assert code == 0 and "undated" in out and "section Council" in out
    run(capsys, library_home, "reindex", "--quiet")
    article = Library(library_home).article(BUDGET)
    assert article.published is None and article.section == "Council"
    code, out, _ = run(capsys, library_home, "correct", BUDGET, "--revert", "published")
    assert code == 0 and "2022-02-02" in out


def test_a_bad_date_is_one_line_and_exit_1(capsys, library_home):
    code, out, err = run(capsys, library_home, "correct", BUDGET, "--date", "yesterday")
    assert code == 1 and err.strip() == "cuttings: 'yesterday' is not a date: write it as 2022-01-13, or 'undated'."


def test_fix_speakers_of_a_paragraph(capsys, library_home):
    code, out, _ = run(capsys, library_home, "speakers", BUDGET, "4", "--add", "Tom Okafor", "--role", "reporter",
                       "--remove", "Daniel Reyes")
    assert code == 0 and out.splitlines()[1:] == ["  Tom Okafor, reporter  (indirect)"]  # after the paragraph
    code, out, err = run(capsys, library_home, "speakers", BUDGET, "99")
    assert code == 1 and "¶99" in err


def test_delete_trash_restore(capsys, library_home):
    code, out, _ = run(capsys, library_home, "delete", OTTERS)
    assert code == 0 and out.startswith(f"deleted {OTTERS}")
    code, out, _ = run(capsys, library_home, "trash")
    assert OTTERS in out
    code, _, err = run(capsys, library_home, "delete", OTTERS)
    assert code == 1 and "already in the trash" in err
    code, out, _ = run(capsys, library_home, "restore", OTTERS)
    assert code == 0 and out.startswith(f"restored {OTTERS}")
    assert "the trash is empty" in run(capsys, library_home, "trash")[1]


def test_tag_a_search_and_export_the_tag_as_csv_for_excel(capsys, library_home, tmp_path):
    code, out, _ = run(capsys, library_home, "tag", "bridge", "--search", "q=bridge")
    assert code == 0 and out.startswith("tagged ")
    tagged = int(out.split()[1])
    target = tmp_path / "bridge.csv"
    code, _, _ = run(capsys, library_home, "export", "--tag", "bridge", "--format", "csv", "-o", str(target))
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert len({r["article_id"] for r in rows}) == tagged and {r["tags"] for r in rows} == {"bridge"}
    assert {"roles", "kinds"} <= set(rows[0])


def test_star_and_export_the_starred_as_markdown(capsys, library_home):
    run(capsys, library_home, "star", BUDGET, "1")
    code, out, _ = run(capsys, library_home, "export", "--starred", "--base-url", "https://team.example")
    assert code == 0 and out.startswith("# Starred paragraphs")
    assert "**Priya Natarajan**" in out and f"(https://team.example/a/{BUDGET}#p1)" in out


def test_merge_and_split(capsys, library_home):
    code, out, _ = run(capsys, library_home, "merge", "Graham Tull", "Daniel Reyes")
    assert code == 0
    assert json.loads(run(capsys, library_home, "search", "--speaker", "Graham Tull", "--json")[1])["total"] == 0
    run(capsys, library_home, "split", "Graham Tull")
    assert json.loads(run(capsys, library_home, "search", "--speaker", "Graham Tull", "--json")[1])["total"] > 0


def test_saved_searches(capsys, library_home):
    run(capsys, library_home, "save-search", "Otters", "q=otters")
    code, out, _ = run(capsys, library_home, "saved")
    assert code == 0 and out.startswith("Otters: /search?q=otters  (1 articles, 0 new since")
    run(capsys, library_home, "forget-search", "Otters")
    assert run(capsys, library_home, "saved")[1] == "no saved searches\n"


def test_set_password_from_stdin_is_stored_hashed(capsys, library_home, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("a long enough secret\n"))
    code, out, _ = run(capsys, library_home, "set-password", "--stdin")
    assert code == 0 and PasswordFile(library_home).check("a long enough secret")
    assert "a long enough secret" not in (library_home / "access.json").read_text()
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    code, _, err = run(capsys, library_home, "set-password", "--stdin")
    assert code == 1 and "at least 8 characters" in err
