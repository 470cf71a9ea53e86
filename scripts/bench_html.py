"""Benchmark the saved-HTML path against plain trafilatura on ../shared/corpus/html.

For every set that carries ground truth it prints our figures beside plain trafilatura (default settings,
`trafilatura.extract(page)`, run in the same process on the same bytes):

- body precision / recall / F1 over 4-word shingles (Zyte article-extraction-benchmark style; goose3's
  `cleaned_text` is often only a prefix of the body, so only recall is scored there)
- paragraph precision / recall (exact paragraph matches after normalising)
- pages whose output holds a caption or credit line (a <figcaption>/credit text of the page, or an
  agency credit such as "X/Getty Images" or "(AP Photo/X)")
- title, author and date accuracy (trafilatura's own metadata, with_metadata=True, as the baseline;
  htmldate's find_date as the date baseline on the htmldate sets)
- pages we refuse although trafilatura extracts an article from them (50 words or more)
- pages/s over every page of the sets: bytes -> decode + parse_html, against bytes -> trafilatura.extract,
  timed page by page in turn in one process, and their ratio
- a summary table: per set, body F1, paragraph recall, 'with' snippets, leaks and refusals, ours beside
  trafilatura's
- every page of ../shared/corpus/html/ through search.ingest.parse: ingested, refused (IngestError), crashed

    .venv/bin/python scripts/bench_html.py [--sets readability,newspaper4k,...] [--show-leaks] [--show-paragraphs]
        [--show-meta] [--no-all]

Exits 0 with a message when ../shared is absent.
"""
from __future__ import annotations

import argparse
import json
import logging
import re
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import benchlib  # noqa: E402

logging.disable(logging.CRITICAL)  # trafilatura and htmldate log every odd page


@dataclass
class Case:
    set: str
    path: Path
    body: str | None = None  # full known body text
    body_prefix: str | None = None  # goose3: a prefix of the body, recall only
    paragraphs: list[str] | None = None
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    day: date | None = None
    with_snippets: list[str] = field(default_factory=list)
    without_snippets: list[str] = field(default_factory=list)
    names_on_page: bool = False  # every reference author's name occurs in the page itself


@dataclass
class Output:
    paragraphs: list[str]
    title: str | None
    authors: list[str]
    day: date | None
    refused: bool = False


_NOT_A_PERSON = re.compile(
    r"\b(?:news|staff|contributors?|online|reports?|desk|service|wikimedia|author|updated|editor|team|media|"
    r"press|agency|times|post|daily|shares?|organi[sz]ation|www)\b|\d|@|http|/", re.I)


def _gold_names(value) -> list[str]:
    """A reference byline -> person names: split on ; , & and, drop 'By', dates after a line break,
    credentials; keep only what looks like a person's name (2-5 words, no desk or site words).
    The references hold 'Follow Author', 'BBC News', 'Contributors to Wikimedia projects', dates..."""
    items = value if isinstance(value, list) else [value or ""]
    names = []
    for item in items:
        first = re.split(r"\n|\s{3,}", str(item).strip())[0]
        first = re.sub(r"^\s*(?:written\s+)?by\s+", "", first, flags=re.I)
        for part in re.split(r"\s*(?:;|,|&|\band\b)\s*", first):
            part = re.sub(r"\s*\(.*?\)\s*", " ", part).strip(" .")
            if 2 <= len(part.split()) <= 5 and not _NOT_A_PERSON.search(part):
                names.append(part)
    return names


# ---------------------------------------------------------------------------------------------- loading sets

def load_cases(root: Path, wanted: set[str]) -> list[Case]:
    cases: list[Case] = []
    index = [line.split("\t") for line in (root / "INDEX.tsv").read_text(encoding="utf-8").splitlines()[1:]]
    if "readability" in wanted:
        for d in sorted((root / "readability").iterdir()):
            if not (d / "expected.html").exists():
                continue
            meta = json.loads((d / "expected-metadata.json").read_text(encoding="utf-8"))
            paras = benchlib.html_paragraphs((d / "expected.html").read_text(encoding="utf-8"))
            byline = meta.get("byline")
            cases.append(Case("readability", d / "source.html", body="\n".join(paras), paragraphs=paras,
                              title=meta.get("title"), authors=_gold_names(byline) if byline else [],
                              day=benchlib.iso_day(meta.get("publishedTime"))))
    if "newspaper4k" in wanted:
        base = root / "newspaper4k"
        for txt in sorted((base / "txt").glob("*.txt")):
            page = base / "html" / f"{txt.stem}.html"
            if not page.exists():
                continue
            text = txt.read_text(encoding="utf-8")
            case = Case("newspaper4k", page, body=text, paragraphs=benchlib.text_paragraphs(text))
            meta_file = base / "metadata" / f"{txt.stem}.json"
            if meta_file.exists():
                meta = json.loads(meta_file.read_text(encoding="utf-8"))
                case.title, case.day = meta.get("title"), benchlib.iso_day(meta.get("publish_date"))
                # the same person-name filter as the other sets: its lists hold "www.facebook.com", "Print"
                case.authors = _gold_names(meta.get("authors") or [])
            cases.append(case)
    if "goose3" in wanted:
        for row in index:
            if row[0] != "goose3":
                continue
            page = root / row[1]
            gold = page.with_suffix(".json")
            if not gold.exists():
                continue
            expected = json.loads(gold.read_text(encoding="utf-8")).get("expected", {})
            cases.append(Case("goose3", page, body_prefix=expected.get("cleaned_text") or None,
                              title=expected.get("title")))
    if "trafilatura" in wanted:
        evaldata = json.loads((root / "trafilatura" / "evaldata.json").read_text(encoding="utf-8"))
        for value in evaldata.values():
            page = root / "trafilatura" / "eval-en" / value["file"]
            if page.exists():
                cases.append(Case("trafilatura", page, title=value.get("title") or None,
                                  authors=_gold_names(value.get("author")) if value.get("author") else [],
                                  day=benchlib.iso_day(value.get("date")), with_snippets=value.get("with") or [],
                                  without_snippets=value.get("without") or []))
    if "htmldate" in wanted:
        for sub, gold in (("eval-en", "eval_default.json"), ("test_set-en", "eval_mediacloud_2020.json")):
            evaldata = json.loads((root / "htmldate" / gold).read_text(encoding="utf-8"))
            for value in evaldata.values():
                page = root / "htmldate" / sub / value["file"]
                if page.exists():
                    cases.append(Case(f"htmldate/{sub}", page, day=benchlib.iso_day(value.get("date"))))
    return cases


# ---------------------------------------------------------------------------------------------- extractors

def run_ours(data: bytes, name: str) -> Output:
    from search.errors import IngestError
    from search.ingest.decode import decode
    from search.ingest.html.page import parse_html

    try:
        article = parse_html(decode(data, name=name), url=None, name=name)
    except IngestError:
        return Output([], None, [], None, refused=True)
    return Output([p.text for p in article.paragraphs], article.title, article.authors,
                  benchlib.iso_day(article.published))


def run_plain(data: bytes) -> Output:
    import trafilatura

    text = trafilatura.extract(data) or ""
    return Output([line.strip() for line in text.split("\n") if line.strip()], None, [], None)


def run_plain_metadata(data: bytes) -> Output:
    import trafilatura

    doc = trafilatura.bare_extraction(data, with_metadata=True)
    if doc is None:
        return Output([], None, [], None)
    authors = [a.strip() for a in (doc.author or "").split(";") if a.strip()]
    return Output([], doc.title, authors, benchlib.iso_day(doc.date))


def run_htmldate(data: bytes) -> date | None:
    from htmldate import find_date

    try:
        return benchlib.iso_day(find_date(data))
    except Exception:  # htmldate raises on some malformed pages; count as no date
        return None


# ---------------------------------------------------------------------------------------------- leaks

_AGENCY_CREDIT = re.compile(
    r"(?:\w/\s?Getty(?: Images)?\b|\(AP Photo/|AP Photo/|\bREUTERS/\w"
    r"|\w/(?:AFP|EPA|Reuters|Shutterstock|Alamy|Bloomberg)\b|^(?:Photograph|Photo|Picture|Image)\s*:\s"
    r"|\b(?:Photograph|Photo)\s*:\s*[A-Z][\w.\- ]+/|Image copyright|Image caption)"
)


def page_captions(html: str) -> set[str]:
    """Normalised texts of the page's figure captions and credit elements."""
    from lxml import html as lxml_html

    try:
        root = lxml_html.fromstring(html)
    except Exception:  # unreadable page: no captions to look for
        return set()
    xpath = ("//figcaption|//*[contains(@class,'caption') or contains(@class,'credit')]"
             "[not(self::body) and not(self::article) and not(self::main)]")
    out = set()
    for el in root.xpath(xpath):
        text = benchlib.normalise(el.text_content())
        if 3 <= len(text.split()) <= 80 or (text and _AGENCY_CREDIT.search(text)):
            out.add(text.casefold())
    return out


def leaks(paragraphs: list[str], captions: set[str]) -> list[str]:
    out = []
    for p in paragraphs:
        norm = benchlib.normalise(p).casefold()
        if norm in captions or _AGENCY_CREDIT.search(p):
            out.append(p)
    return out


# ---------------------------------------------------------------------------------------------- scoring

@dataclass
class Tally:
    prf: list = field(default_factory=list)
    prefix_recall: list = field(default_factory=list)
    para: list = field(default_factory=list)
    leak_pages: int = 0
    title: list = field(default_factory=list)
    authors: list = field(default_factory=list)
    day: list = field(default_factory=list)
    with_found: list = field(default_factory=list)
    without_clean: list = field(default_factory=list)
    refused: int = 0
    refused_kept: list = field(default_factory=list)  # pages we refuse and trafilatura extracts an article from
    pages: int = 0


def _snippet_in(snippet: str, text: str) -> bool:
    return benchlib.normalise(snippet).casefold() in text


def score(case: Case, out: Output, tally: Tally, captions: set[str], leak_log: list) -> None:
    tally.pages += 1
    tally.refused += out.refused
    text = "\n".join(out.paragraphs)
    if case.body is not None:
        tally.prf.append(benchlib.token_prf(text, case.body))
    if case.body_prefix:
        known = benchlib.tokens(case.body_prefix)
        ours = set(benchlib.shingles(benchlib.tokens(text)))
        grams = benchlib.shingles(known)
        tally.prefix_recall.append(sum(1 for g in grams if g in ours) / max(1, len(grams)))
    if case.paragraphs:
        tally.para.append(benchlib.paragraph_pr(out.paragraphs, case.paragraphs))
    found = leaks(out.paragraphs, captions)
    if found:
        tally.leak_pages += 1
        leak_log.append((case.path, found))
    if case.with_snippets or case.without_snippets:
        norm = benchlib.normalise(text).casefold()
        tally.with_found.extend(_snippet_in(s, norm) for s in case.with_snippets)
        tally.without_clean.extend(not _snippet_in(s, norm) for s in case.without_snippets)
    if case.title and out.title is not None or (case.title and out.refused):
        tally.title.append(bool(benchlib.same_title(out.title, case.title)))
    if case.authors and (out.title is not None or out.refused) and case.names_on_page:
        tally.authors.append(bool(benchlib.names_match(out.authors, case.authors)))
    if case.day and out.title is not None or (case.day and out.refused):
        tally.day.append(out.day == case.day)


def show_paragraphs(case: Case, out: Output, root: Path) -> None:
    known = {benchlib.normalise(k) for k in case.paragraphs or []}
    bad = [p for p in out.paragraphs if benchlib.normalise(p) not in known]
    if bad or out.refused:
        print(f"  PARAS {case.path.relative_to(root)}: {len(bad)}/{len(out.paragraphs)} unmatched"
              f"{' (refused)' if out.refused else ''}")
        for line in bad[:8]:
            print(f"      - {line[:150]}")


def show_meta(case: Case, out: Output, root: Path) -> None:
    """Our title / authors / date beside the reference, for the fields that differ (scored fields only)."""
    if out.refused:
        return
    lines = []
    if case.title and not benchlib.same_title(out.title, case.title):
        lines.append(f"title   ours {out.title!r}\n              ref  {case.title!r}")
    if case.authors and case.names_on_page and not benchlib.names_match(out.authors, case.authors):
        lines.append(f"authors ours {out.authors}\n              ref  {case.authors}")
    if case.day and out.day != case.day:
        lines.append(f"date    ours {out.day}   ref {case.day}")
    if lines:
        print(f"  META {case.path.relative_to(root)}")
        for line in lines:
            print(f"      {line}")


def _pct(values: list) -> str:
    return f"{100 * sum(values) / len(values):5.1f}% ({sum(values)}/{len(values)})" if values else "   -"


def _avg(values: list[float]) -> str:
    return f"{benchlib.mean(values):.3f}" if values else "  -  "


_KEPT_WORDS = 50  # trafilatura "keeps" a page when it extracts at least this many words from it


def summary_row(name: str, ours: Tally, plain: Tally) -> list[str]:
    """One line of the closing table: ours / trafilatura's for each figure the set can give."""
    def pair(a: list, b: list, fmt=_avg) -> str:
        return f"{fmt(a).strip()} / {fmt(b).strip()}" if a else "-"

    def share(values: list) -> str:
        return f"{sum(values) / len(values):.3f}" if values else "-"

    f1 = pair([s.f1 for s in ours.prf], [s.f1 for s in plain.prf]) if ours.prf else \
        pair(ours.prefix_recall, plain.prefix_recall) + " (R)" if ours.prefix_recall else "-"
    return [name, str(ours.pages), f1, pair([r for _, r in ours.para], [r for _, r in plain.para]),
            f"{share(ours.with_found)} / {share(plain.with_found)}" if ours.with_found else "-",
            f"{ours.leak_pages} / {plain.leak_pages}", f"{ours.refused} ({len(ours.refused_kept)})"]


def print_summary(rows: list[list[str]], ratio: float) -> None:
    heads = ["set", "pages", "body F1 ours / traf", "para R ours / traf", "'with' ours / traf", "leaks ours / traf",
             "refused (traf keeps)"]
    widths = [max(len(r[i]) for r in [heads, *rows]) for i in range(len(heads))]
    print("\n== summary (ours / plain trafilatura)")
    for row in [heads, *rows]:
        print("  " + "  ".join(cell.ljust(w) for cell, w in zip(row, widths)))
    print(f"  speed: ours / trafilatura pages per second = {ratio:.2f}x")


def _prf(scores: list) -> str:
    return " / ".join(_avg([getattr(s, k) for s in scores]) for k in ("precision", "recall", "f1"))


def print_set(name: str, ours: Tally, plain: Tally, plain_meta: Tally, htmldate_day: list,
              accepted: list[tuple[float, float]], accepted_para: list[tuple[float, float, float]]) -> None:
    print(f"\n== {name}: {ours.pages} pages ({ours.refused} refused as non-articles by us)")
    rows = []
    if ours.prf:
        rows.append(("body P / R / F1 (shingles)",
                     _prf(ours.prf), _prf(plain.prf)))
    if ours.refused and accepted:
        rows.append((f"body F1 on the {len(accepted)} pages we accept", _avg([a for a, _ in accepted]),
                     _avg([b for _, b in accepted])))
    if ours.prefix_recall:
        rows.append(("body recall on known prefix", _avg(ours.prefix_recall), _avg(plain.prefix_recall)))
    if ours.para and ours.refused and accepted_para:
        rows.append((f"paragraph P / R, {len(accepted_para)} accepted", f"{_avg([p for p, _, _ in accepted_para])} / "
                     f"{_avg([r for _, r, _ in accepted_para])}", f"{_avg([b for _, _, b in accepted_para])} (P)"))
    if ours.para:
        rows.append(("paragraph P / R", f"{_avg([p for p, _ in ours.para])} / {_avg([r for _, r in ours.para])}",
                     f"{_avg([p for p, _ in plain.para])} / {_avg([r for _, r in plain.para])}"))
    if ours.with_found:
        rows.append(("'with' snippets found", _pct(ours.with_found), _pct(plain.with_found)))
        rows.append(("'without' snippets absent", _pct(ours.without_clean), _pct(plain.without_clean)))
    rows.append(("pages leaking caption/credit", str(ours.leak_pages), str(plain.leak_pages)))
    rows.append(("refused, trafilatura keeps them", str(len(ours.refused_kept)), ""))
    if ours.title:
        rows.append(("title accuracy", _pct(ours.title), _pct(plain_meta.title)))
    if ours.authors:
        rows.append(("author accuracy (page names them)", _pct(ours.authors), _pct(plain_meta.authors)))
    if ours.day:
        rows.append(("date accuracy", _pct(ours.day), _pct(plain_meta.day)))
    if htmldate_day:
        rows.append(("date accuracy: htmldate find_date", "", _pct(htmldate_day)))
    print(f"  {'':34s} {'ours':28s} plain trafilatura")
    for label, a, b in rows:
        print(f"  {label:34s} {a:28s} {b}")


# ---------------------------------------------------------------------------------------------- main

def ingest_everything(root: Path) -> None:
    """Every page under corpus/html through search.ingest.parse: nothing may crash."""
    from search.errors import IngestError
    from search.ingest import parse

    pages = sorted(p for p in root.rglob("*.htm*") if not p.name.startswith("expected"))
    ok = refused = crashed = 0
    for page in pages:
        try:
            parse(page.read_bytes(), filename=page.name)
            ok += 1
        except IngestError:
            refused += 1
        except Exception as exc:  # the figure we want: anything but IngestError is a bug
            crashed += 1
            print(f"  CRASH {page.relative_to(root)}: {exc!r}")
    print(f"\n== all of corpus/html through search.ingest.parse: {len(pages)} pages, {ok} ingested, "
          f"{refused} refused with IngestError, {crashed} crashed")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sets", default="readability,newspaper4k,goose3,trafilatura,htmldate")
    ap.add_argument("--show-leaks", action="store_true", help="print the caption/credit lines that leak")
    ap.add_argument("--show-paragraphs", action="store_true",
                    help="print, per page, our paragraphs that match no reference paragraph")
    ap.add_argument("--show-meta", action="store_true",
                    help="print, per page, our title / authors / date beside the reference where they differ")
    ap.add_argument("--no-all", action="store_true", help="skip the ingest-everything pass")
    args = ap.parse_args()
    shared = benchlib.shared_dir()
    if shared is None or not (shared / "corpus" / "html").is_dir():
        print("bench_html: ../shared/corpus/html is absent; nothing to measure.")
        return 0
    root = shared / "corpus" / "html"
    cases = load_cases(root, set(args.sets.split(",")))
    datas = {c.path: c.path.read_bytes() for c in cases}
    for case in cases:
        page = benchlib.normalise(datas[case.path].decode("utf-8", "replace")).casefold()
        case.names_on_page = bool(case.authors) and all(benchlib.normalise(n).casefold() in page for n in case.authors)

    # Speed first, on every page of the sets, alternating so both see the same machine load.
    unique = list(dict.fromkeys(c.path for c in cases))
    t_ours = t_plain = 0.0
    outs: dict[Path, Output] = {}
    plains: dict[Path, Output] = {}
    for path in unique:
        start = time.perf_counter()
        plains[path] = run_plain(datas[path])
        t_plain += time.perf_counter() - start
        start = time.perf_counter()
        outs[path] = run_ours(datas[path], path.name)
        t_ours += time.perf_counter() - start

    by_set: dict[str, list[Case]] = defaultdict(list)
    for case in cases:
        by_set[case.set].append(case)
    leak_log: list = []
    plain_leak_log: list = []
    summary: list[list[str]] = []
    for name, set_cases in by_set.items():
        ours, plain, plain_meta, htmldate_day = Tally(), Tally(), Tally(), []
        accepted = [
            (benchlib.token_prf("\n".join(outs[c.path].paragraphs), c.body).f1,
             benchlib.token_prf("\n".join(plains[c.path].paragraphs), c.body).f1)
            for c in set_cases if c.body is not None and not outs[c.path].refused
        ]
        accepted_para = [
            (*benchlib.paragraph_pr(outs[c.path].paragraphs, c.paragraphs),
             benchlib.paragraph_pr(plains[c.path].paragraphs, c.paragraphs)[0])
            for c in set_cases if c.paragraphs and not outs[c.path].refused
        ]
        for case in set_cases:
            data = datas[case.path]
            if args.show_paragraphs and case.paragraphs:
                show_paragraphs(case, outs[case.path], root)
            if args.show_meta:
                show_meta(case, outs[case.path], root)
            captions = page_captions(data.decode("utf-8", "replace"))
            score(case, outs[case.path], ours, captions, leak_log)
            score(case, plains[case.path], plain, captions, plain_leak_log)
            if outs[case.path].refused and len(" ".join(plains[case.path].paragraphs).split()) >= _KEPT_WORDS:
                ours.refused_kept.append(case.path)
            if case.title or case.authors or case.day:
                meta = run_plain_metadata(data)
                score(case, Output([], meta.title or "", meta.authors, meta.day), plain_meta, set(), [])
            if name.startswith("htmldate") and case.day:
                htmldate_day.append(run_htmldate(data) == case.day)
        print_set(name, ours, plain, plain_meta, htmldate_day, accepted, accepted_para)
        for path in ours.refused_kept:
            kept = len(" ".join(plains[path].paragraphs).split())
            print(f"  REFUSED {path.relative_to(root)} (trafilatura keeps {kept} words)")
        summary.append(summary_row(name, ours, plain))

    n = len(unique)
    print(f"\n== speed over {n} pages (bytes in; ours = decode + parse_html, no speakers)")
    print(f"  ours {n / t_ours:6.1f} pages/s   plain trafilatura {n / t_plain:6.1f} pages/s   "
          f"ratio {t_plain / t_ours:.2f}x")
    print_summary(summary, t_plain / t_ours)
    if args.show_leaks:
        for path, lines in leak_log:
            print(f"  LEAK {path.relative_to(root)}: {lines[:3]}")
    if not args.no_all:
        ingest_everything(root)
    return 0


if __name__ == "__main__":
    sys.exit(main())
