"""The real print set in ../shared/corpus/print (other publishers' pages: read from there, never copied here):
its index rows, each page's known body, and the 4-word runs the benchmarks score bodies by."""
from __future__ import annotations

import csv
import html
import re
from pathlib import Path

SHARED_PRINT = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "print"


def print_rows() -> list[dict]:
    if not SHARED_PRINT.is_dir():
        return []
    with (SHARED_PRINT / "INDEX.tsv").open(encoding="utf-8") as f:
        return list(csv.DictReader(f, delimiter="\t"))


def known_body(source_html: str) -> str | None:
    """The body the print should hold: readability's expected.html (tags -> spaces) or newspaper4k's txt/."""
    source = SHARED_PRINT.parent / source_html
    if source.parts[-3] == "readability" and (source.parent / "expected.html").exists():
        return html.unescape(re.sub(r"<[^>]*>", " ", (source.parent / "expected.html").read_text(encoding="utf-8")))
    txt = source.parent.parent / "txt" / f"{source.stem}.txt"
    return txt.read_text(encoding="utf-8") if source.parts[-3] == "newspaper4k" and txt.exists() else None


def shingles(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i:i + 4]) for i in range(len(words) - 3)}


def body_kept(paragraphs: list[str], body: str) -> float:
    """The share of the known body's 4-word runs that the paragraphs hold."""
    known = shingles(body)
    return len(known & shingles("\n".join(paragraphs))) / max(1, len(known))
