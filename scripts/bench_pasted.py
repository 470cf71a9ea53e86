"""Benchmark the pasted-text path on real browser prints (../shared/corpus/print, 417 Chromium prints).

Every print is parsed (plain `.txt` and `-layout` `.layout.txt`); what is scored depends on what is known:

1. Prints with a known body (readability expected.html, newspaper4k txt/; metadata files are optional) whose
   print holds it (INDEX.tsv gold_words_in_print >= 0.8, or empty for the first 12 prints): the Zyte
   4-gram shingle precision / recall / F1 (gold text = the expected HTML with its tags replaced by spaces),
   beside trafilatura on the page's original HTML in the same run. Reported for the first-round prints
   ("old"), the second-round prints ("new") and all together: mean P, mean R, the F1 of those means (as the
   Zyte benchmark reports it) and the mean of per-print F1; then the worst prints. Prints whose body is known
   but absent from the print (blank prints) must be refused with a message.
2. PDF: the 30 Chromium PDFs in print/pdf/ through the PDF text layer, scored beside their `.txt` twins.
3. trafilatura eval-en prints: the set's `with` snippets that appear in the print must survive in the body,
   its `without` snippets that appear in the print must not (trafilatura on the HTML beside it).
   goose3 prints: the start of the known body (goose3's cleaned_text, often a prefix) must be kept.
4. htmldate prints: the publication date read from the print beside htmldate on the original HTML.
5. Speed: pasted articles per second over every print file, one process.

    .venv/bin/python scripts/bench_pasted.py [--rounds N] [--show NAME] [--no-reference] [--compare-pdfminer]

--no-reference skips trafilatura and htmldate (quicker while iterating). Exits 0 when ../shared is absent.
"""
from __future__ import annotations

import argparse
import csv
import html as html_lib
import json
import logging
import os
import re
import sys
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import benchlib  # noqa: E402

from search.errors import IngestError  # noqa: E402
from search.ingest.decode import decode  # noqa: E402
from search.ingest.pasted.text import parse_pasted  # noqa: E402

logging.disable(logging.CRITICAL)  # trafilatura and htmldate log every odd page

MIN_GOLD_IN_PRINT = 0.8
_TAG = re.compile(r"<[^>]*>")


@dataclass
class Print:
    name: str
    source_html: str
    group: str  # "old" (first round, 12 prints) or "new" (second round)
    gold_in_print: float | None
    url: str | None = None  # the page's URL, as the print footer shows it
    body: str | None = None  # the known body as text
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    day: date | None = None
    with_snippets: list[str] = field(default_factory=list)
    without_snippets: list[str] = field(default_factory=list)
    body_prefix: str | None = None  # goose3: the start of the body (often only its first words)
    date_set: bool = False  # an htmldate page: its date is the thing scored

    @property
    def short(self) -> str:
        return self.name.split("__")[0] + " " + Path(self.source_html).parent.name.replace("eval-en", "")[:22] \
            if "readability" in self.source_html else self.name.split("__")[0] + " " + Path(self.source_html).stem[:22]

    @property
    def scored(self) -> bool:
        return self.body is not None and (self.gold_in_print is None or self.gold_in_print >= MIN_GOLD_IN_PRINT)


def _authors_from_byline(byline: str | None) -> list[str]:
    if not byline:
        return []
    byline = re.sub(r"^\s*by\s+", "", byline.strip(), flags=re.I)
    return [n.strip() for n in re.split(r",|\band\b", byline) if n.strip()]


def _json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


class Truths:
    """What is known about each source page: body, metadata, snippets, dates (every file optional)."""

    def __init__(self, shared: Path):
        self.html_dir = shared / "corpus" / "html"
        self.traf = {v["file"]: v for v in _json(self.html_dir / "trafilatura" / "evaldata.json").values()}
        self.dates: dict[str, str] = {}
        for rel in ("htmldate/eval_default.json", "htmldate/eval_mediacloud_2020.json"):
            self.dates.update({v["file"]: v["date"] for v in _json(self.html_dir / rel).values() if v.get("date")})

    def load(self, row: dict) -> Print:
        gold = row.get("gold_words_in_print") or ""
        p = Print(row["name"], row["source_html"], "new" if gold else "old", float(gold) if gold else None,
                  row.get("url_shown_in_footer") or None)
        src = Path(row["source_html"])  # html/<set>/...
        kind = src.parts[1]
        if kind == "readability":
            case = self.html_dir.parent / src.parent
            if (case / "expected.html").exists():
                p.body = html_lib.unescape(_TAG.sub(" ", (case / "expected.html").read_text(encoding="utf-8")))
            meta = _json(case / "expected-metadata.json")
            p.title, p.authors = meta.get("title"), _authors_from_byline(meta.get("byline"))
            p.day = benchlib.iso_day(meta.get("publishedTime"))
        elif kind == "newspaper4k":
            txt = self.html_dir / "newspaper4k" / "txt" / f"{src.stem}.txt"
            if txt.exists():
                p.body = txt.read_text(encoding="utf-8")
            meta = _json(self.html_dir / "newspaper4k" / "metadata" / f"{src.stem}.json")
            p.title, p.authors = meta.get("title"), meta.get("authors") or []
            p.day = benchlib.iso_day(meta.get("publish_date"))
        elif kind == "trafilatura" and src.name in self.traf:
            entry = self.traf[src.name]
            p.with_snippets, p.without_snippets = entry.get("with") or [], entry.get("without") or []
            p.day = benchlib.iso_day(entry.get("date"))
        elif kind == "goose3":
            expected = _json((self.html_dir.parent / src).with_suffix(".json")).get("expected") or {}
            p.body_prefix = expected.get("cleaned_text") or None
        elif kind == "htmldate":
            p.day, p.date_set = benchlib.iso_day(self.dates.get(src.name)), True
        return p


@dataclass
class Parsed:
    paragraphs: list[str]
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: object = None
    refused: str | None = None  # the message, when the print was refused
    crashed: str | None = None


def parse_print(raw: bytes, name: str) -> Parsed:
    try:
        art = parse_pasted(decode(raw, name=name), name=name)
    except IngestError as exc:
        return Parsed([], refused=str(exc))
    except Exception as exc:  # noqa: BLE001 - a crash is what the benchmark must report, not die of
        return Parsed([], crashed=f"{type(exc).__name__}: {exc}")
    return Parsed([p.text for p in art.paragraphs], art.title, art.authors, art.published)


def pdfminer_text(raw: bytes) -> str:
    """pdfminer.six's text of the PDF (pages end in form feeds), measured against PDFium's (ingest/pasted/pdf.py)."""
    import io

    from pdfminer.high_level import extract_text

    return extract_text(io.BytesIO(raw))


def parse_pdf(raw: bytes, name: str, engine: str) -> Parsed:
    from search.ingest.pasted.pdf import pdf_text

    try:
        text = pdfminer_text(raw) if engine == "pdfminer" else pdf_text(raw, name=name)
    except IngestError as exc:
        return Parsed([], refused=str(exc))
    return parse_print(text.encode("utf-8"), name)


def prf(paragraphs: list[str], body: str) -> benchlib.Score:
    return benchlib.token_prf("\n".join(paragraphs), body)


def summary(scores: list[benchlib.Score]) -> str:
    if not scores:
        return "(none)"
    p, r = benchlib.mean([s.precision for s in scores]), benchlib.mean([s.recall for s in scores])
    f1_of_means = 2 * p * r / (p + r) if p + r else 0.0
    mean_f1 = benchlib.mean([s.f1 for s in scores])
    below = sum(1 for s in scores if s.f1 < 0.5)
    return f"n {len(scores):>3}  P {p:.3f}  R {r:.3f}  F1 {f1_of_means:.3f}  mean-F1 {mean_f1:.3f}  below 0.5: {below}"


# ------------------------------------------------------------------------------------------- 1. known bodies

def trafilatura_paragraphs(shared: Path, source_html: str) -> list[str]:
    html = decode((shared / "corpus" / source_html).read_bytes(), name=source_html)
    return benchlib.trafilatura_paragraphs(html)


def score_known_bodies(shared: Path, prints: list[Print], reference: bool, show: str | None) -> dict:
    print_dir = shared / "corpus" / "print"
    scores: dict[tuple[str, str], list] = {}
    rows = []
    for p in prints:
        if p.body is None:
            continue
        parsed = {kind: parse_print((print_dir / f"{p.name}{suffix}").read_bytes(), p.name + suffix)
                  for kind, suffix in (("txt", ".txt"), ("layout", ".layout.txt"))}
        if show and show in p.name:
            out = parsed["txt"]
            print(f"--- {p.name}: title={out.title!r} authors={out.authors} published={out.published}")
            print("\n".join(f"  [{i}] {t}" for i, t in enumerate(out.paragraphs)))
        if not p.scored:
            verdict = parsed["txt"].refused or "NOT REFUSED"
            print(f"  blank print ({p.gold_in_print:.2f} of the body printed): {p.short}: {verdict}")
            continue
        row = {kind: prf(out.paragraphs, p.body) for kind, out in parsed.items()}
        if reference:
            row["traf"] = prf(trafilatura_paragraphs(shared, p.source_html), p.body)
        for kind, s in row.items():
            scores.setdefault((p.group, kind), []).append(s)
            scores.setdefault(("all", kind), []).append(s)
        rows.append((p, row, parsed["txt"]))
    print(f"\n{'print':<48} {'txt P/R/F1':<18} {'layout F1':<9} {'traf F1':<7}  title authors date")
    for p, row, out in rows:
        traf = f"{row['traf'].f1:.3f}" if "traf" in row else "-"
        t = row["txt"]
        meta = " ".join(_flag(x) for x in (benchlib.same_title(out.title, p.title),
                                           benchlib.names_match(out.authors, p.authors),
                                           benchlib.same_day(out.published, p.day)))
        print(f"{p.group} {p.short:<44} {t.precision:.2f} {t.recall:.2f} {t.f1:.3f}  {row['layout'].f1:.3f}     "
              f"{traf:<7}  {meta}")
    print("\nknown bodies (Zyte 4-gram shingles; F1 = F1 of mean P and mean R):")
    for group, label in (("old", "first 12 prints"), ("new", "second round"), ("all", "all")):
        for kind in ("txt", "layout", "traf"):
            if (group, kind) in scores:
                print(f"  {label:<16} {kind:<7} {summary(scores[(group, kind)])}")
    if reference:
        for kind in ("txt", "layout"):
            ours, traf = scores[("all", kind)], scores[("all", "traf")]
            gap = _f1_of_means(ours) - _f1_of_means(traf)
            gap_mean = benchlib.mean([s.f1 for s in ours]) - benchlib.mean([s.f1 for s in traf])
            print(f"  {kind} minus trafilatura: F1 {gap:+.3f}, mean-F1 {gap_mean:+.3f} (target >= -0.02)")
    print("\nworst prints (txt F1):")
    for p, row, _ in sorted(rows, key=lambda x: x[1]["txt"].f1)[:12]:
        traf = f"  traf {row['traf'].f1:.3f}" if "traf" in row else ""
        print(f"  {row['txt'].f1:.3f} (P {row['txt'].precision:.2f} R {row['txt'].recall:.2f}){traf}  {p.name}")
    return scores


def _f1_of_means(scores: list[benchlib.Score]) -> float:
    p, r = benchlib.mean([s.precision for s in scores]), benchlib.mean([s.recall for s in scores])
    return 2 * p * r / (p + r) if p + r else 0.0


def _flag(v) -> str:
    return "-" if v is None else ("y" if v else "N")


# ------------------------------------------------------------------------------------------- 2. PDF

def score_pdfs(shared: Path, prints: dict[str, Print], engines: list[str]) -> None:
    pdf_dir = shared / "corpus" / "print" / "pdf"
    pdfs = sorted(pdf_dir.glob("*.pdf"))
    if not pdfs:
        return
    txt_scores, pdf_scores = [], {e: [] for e in engines}
    seconds = dict.fromkeys(engines, 0.0)
    rows = []
    for path in pdfs:
        p = prints.get(path.stem)
        if p is None or not p.scored:
            continue
        txt = prf(parse_print((path.parent.parent / f"{p.name}.txt").read_bytes(), p.name).paragraphs, p.body)
        txt_scores.append(txt)
        row = [f"{txt.f1:.3f}"]
        for engine in engines:
            start = time.perf_counter()
            out = parse_pdf(path.read_bytes(), path.name, engine)
            seconds[engine] += time.perf_counter() - start
            s = prf(out.paragraphs, p.body)
            pdf_scores[engine].append(s)
            row.append(f"{s.f1:.3f}" + (" (refused)" if out.refused else ""))
        rows.append((p.short, row))
    print(f"\nPDF text layer vs the .txt twin, {len(txt_scores)} PDFs ({', '.join(engines)}):")
    for short, row in rows:
        print(f"  {short:<46} txt {row[0]}  " + "  ".join(f"{e} {v}" for e, v in zip(engines, row[1:])))
    print(f"  .txt        {summary(txt_scores)}")
    for engine in engines:
        diff = benchlib.mean([s.f1 for s in pdf_scores[engine]]) - benchlib.mean([s.f1 for s in txt_scores])
        print(f"  {engine:<11} {summary(pdf_scores[engine])}  mean-F1 minus .txt {diff:+.3f} (target >= -0.01); "
              f"{seconds[engine] / max(1, len(pdf_scores[engine])) * 1000:.0f} ms per PDF (text layer + parse)")


# ------------------------------------------------------------------------------------------- 3. snippets, 4. dates

def _key(text: str) -> str:
    return " ".join(benchlib.tokens(text))


def score_snippets_and_dates(shared: Path, prints: list[Print], reference: bool) -> None:
    print_dir = shared / "corpus" / "print"
    kept = {"ours": [], "traf": []}
    prefixes = {"ours": [], "traf": []}
    removed = {"ours": [], "traf": []}
    days = {"ours": [], "htmldate": []}
    refused, crashed = [], []
    for p in prints:
        if p.body is not None:
            continue
        raw = (print_dir / f"{p.name}.txt").read_bytes()
        out = parse_print(raw, p.name)
        if out.refused:
            refused.append(p.name)
        if out.crashed:
            crashed.append(f"{p.name}: {out.crashed}")
        if p.with_snippets or p.without_snippets:
            printed = _key(decode(raw, name=p.name))
            ours = _key("\n".join(out.paragraphs))
            traf = _key("\n".join(trafilatura_paragraphs(shared, p.source_html))) if reference else None
            for snippet in p.with_snippets:
                if _key(snippet) and _key(snippet) in printed:
                    kept["ours"].append(_key(snippet) in ours)
                    if traf is not None:
                        kept["traf"].append(_key(snippet) in traf)
            for snippet in p.without_snippets:
                if _key(snippet) and _key(snippet) in printed:
                    removed["ours"].append(_key(snippet) not in ours)
                    if traf is not None:
                        removed["traf"].append(_key(snippet) not in traf)
        if p.body_prefix and _key(p.body_prefix)[:300] in _key(decode(raw, name=p.name)):
            prefix = _key(p.body_prefix)[:300]  # the first 300 characters of it say whether the body starts right
            prefixes["ours"].append(prefix in _key("\n".join(out.paragraphs)))
            if reference:
                prefixes["traf"].append(prefix in _key("\n".join(trafilatura_paragraphs(shared, p.source_html))))
        if p.date_set and p.day:
            days["ours"].append(benchlib.same_day(out.published, p.day))
            if reference:
                days["htmldate"].append(htmldate_day(shared, p) == p.day)
    print("\nprints without a known body:")
    print(f"  trafilatura eval-en 'with' snippets found in the print and kept in the body:   "
          f"ours {_rate(kept['ours'])}   trafilatura-HTML {_rate(kept['traf'])}")
    print(f"  trafilatura eval-en 'without' snippets found in the print and kept out:       "
          f"ours {_rate(removed['ours'])}   trafilatura-HTML {_rate(removed['traf'])}")
    print(f"  goose3 body starts found in the print and kept in the body:                   "
          f"ours {_rate(prefixes['ours'])}   trafilatura-HTML {_rate(prefixes['traf'])}")
    print(f"  htmldate pages, publication date right:  from the print {_rate(days['ours'])}   "
          f"htmldate on the HTML {_rate(days['htmldate'])}")
    print(f"  refused: {len(refused)}" + "".join(f"\n    {n}" for n in refused))
    print(f"  crashed: {len(crashed)}" + "".join(f"\n    {n}" for n in crashed))


def htmldate_day(shared: Path, p: Print) -> date | None:
    from htmldate import find_date

    try:
        found = find_date((shared / "corpus" / p.source_html).read_bytes(), url=p.url, original_date=True)
    except Exception:  # noqa: BLE001 - htmldate raises on some malformed pages; count as no date
        return None
    return benchlib.iso_day(found)


def _rate(flags: list) -> str:
    return f"{sum(flags)}/{len(flags)} = {sum(flags) / len(flags):.3f}" if flags else "-"


# ------------------------------------------------------------------------------------------- 5. speed

def _line_caches() -> list:
    """Every memoised function of the ingest modules (lru_cache and friends), so each timed paste starts cold."""
    caches = []
    for name, module in list(sys.modules.items()):
        if name.startswith("search.ingest.") and module is not None:
            caches += [f for f in vars(module).values() if callable(getattr(f, "cache_clear", None))]
    return list({id(f): f for f in caches}.values())


def measure_speed(print_dir: Path, rounds: int) -> None:
    """Pasted articles per second over every print file; each paste starts with cold line caches."""
    texts = [p.read_bytes() for p in sorted(print_dir.glob("*.txt"))]
    caches = _line_caches()
    times, cpu_times = [], []
    for _ in range(rounds):
        start, cpu_start = time.perf_counter(), time.process_time()
        for i, raw in enumerate(texts):
            for cached in caches:
                cached.cache_clear()
            try:
                parse_pasted(decode(raw, name=str(i)), name=str(i))
            except IngestError:
                pass
        times.append(time.perf_counter() - start)
        cpu_times.append(time.process_time() - cpu_start)  # leaves out the time other tenants hold the core
    best, median = min(times), sorted(times)[len(times) // 2]
    cpu_best = min(cpu_times)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"\nspeed, {len(texts)} print files x {rounds} rounds (decode + parse_pasted, one process, line caches "
          f"cleared before each paste; target >= 200/s):")
    print(f"  best round {len(texts) / best:.0f} pasted articles/s ({best / len(texts) * 1000:.1f} ms each); "
          f"median round {len(texts) / median:.0f}/s; CPU time best round {len(texts) / cpu_best:.0f}/s; "
          f"load average {load:.1f} on {os.cpu_count()} cores (shared machine)")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rounds", type=int, default=3, help="timing rounds over all print files (0: no timing)")
    ap.add_argument("--show", help="print the extracted article of prints whose name contains this")
    ap.add_argument("--no-reference", action="store_true", help="skip trafilatura and htmldate on the HTML")
    ap.add_argument("--compare-pdfminer", action="store_true",
                    help="score pdfminer.six's text layer beside PDFium's (pip install pdfminer.six)")
    args = ap.parse_args()
    shared = benchlib.shared_dir()
    if shared is None:
        print("../shared is absent: nothing to benchmark (skipped).")
        return 0
    print_dir = shared / "corpus" / "print"
    rows = list(csv.DictReader((print_dir / "INDEX.tsv").open(encoding="utf-8"), delimiter="\t"))
    truths = Truths(shared)
    prints = [truths.load(row) for row in rows]
    scored = [p for p in prints if p.scored]
    print(f"{len(prints)} prints: {len(scored)} with a known body in the print "
          f"({sum(p.group == 'old' for p in scored)} old, {sum(p.group == 'new' for p in scored)} new), "
          f"{sum(p.body is not None and not p.scored for p in prints)} blank, "
          f"{sum(p.body is None for p in prints)} without a known body")
    score_known_bodies(shared, prints, not args.no_reference, args.show)
    score_pdfs(shared, {p.name: p for p in prints}, ["pypdfium2"] + (["pdfminer"] if args.compare_pdfminer else []))
    score_snippets_and_dates(shared, prints, not args.no_reference)
    if args.rounds:
        measure_speed(print_dir, args.rounds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
