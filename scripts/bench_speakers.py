#!/usr/bin/env python3
"""Speaker attribution against the labels in ../shared/labels, and on PolNeAR.

Runs `search.speakers.attribute` on each labelled article's paragraphs exactly
as the labels number them, prints precision / recall / F1 for all speakers,
direct quotes only and named people only, the same for the baseline from the
first brief (a plain "said" regex: `"…," said NAME` / `"…," NAME said`, with
surnames carried over to full names, scored by the same matching rules), the
errors, and paragraphs per CPU second (fastest and median of 5 rounds of each
slice of 100 articles, beside the regex baseline
timed the same way) on the FT sample, the labelled BBC articles and every line
of the BBC corpus.

    .venv/bin/python scripts/bench_speakers.py [--errors N] [--quiet]
    .venv/bin/python scripts/bench_speakers.py --dump FILE   # speakers of every corpus paragraph, to diff
    .venv/bin/python scripts/bench_speakers.py --polnear [--polnear-errors N]

--polnear runs the shared scorer (../shared/bench/quotes/score.py, see its
README) on the PolNeAR train split with this package's `attribute`, and
prints the speech/silver figures (precision, recall, F1 and the recall of
named, nominal and pronoun sources); --polnear-errors N also lists N of the
paragraphs it got wrong, picked at random but the same every run, with the
missed and spurious sources, and counts the misses by the kind of source
and by the first word of the cue.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
sys.path.insert(0, str(REPO))

from search.model import Speaker  # noqa: E402
from search.speakers import attribute  # noqa: E402
from search.speakers.lexicon import ORG_WORDS  # noqa: E402

_HEAD_SPLIT = re.compile(r"\s+(?:of|for|at|in|from|with|on|to)\s+")


# ---------------------------------------------------------------- data
def bbc_paragraphs(rel: str) -> list[str]:
    """Paragraphs numbered as the labels count them: drop the headline, one per non-empty line."""
    raw = (SHARED / "corpus" / "text" / "bbc" / rel).read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[1:]


def load_articles(path: Path) -> dict[str, list[dict]]:
    articles: dict[str, list[dict]] = defaultdict(list)
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        articles[row["file"]].append(row)
    return articles


def article_paragraphs(rel: str, rows: list[dict]) -> list[str]:
    """The article's paragraphs; from the corpus file when it agrees with the labels."""
    n = max(r["paragraph"] for r in rows) + 1
    by_n = {r["paragraph"]: r["text"] for r in rows}
    corpus_file = SHARED / "corpus" / "text" / "bbc" / rel
    if corpus_file.exists():
        paras = bbc_paragraphs(rel)
        mismatch = [i for i in by_n if i >= len(paras) or paras[i] != by_n[i]]
        if mismatch:
            print(f"warning: {rel}: corpus and labels disagree on paragraphs {mismatch}; using label text")
        else:
            return paras
    return [by_n.get(i, "") for i in range(n)]


# ---------------------------------------------------------------- matching
def norm(name: str) -> str:
    name = re.sub(r"[^\w\s'-]", " ", name.lower().replace("\u2019", "'"))
    name = re.sub(r"^(the|a|an)\s+", "", " ".join(name.split()))
    return name


def is_unnamed(name: str) -> bool:
    """A description ("officials", "senior European diplomat", "analysts at
    Fairhaven Research"): its head noun, before any preposition, is lower case."""
    head = _HEAD_SPLIT.split(name)[0].split()
    return bool(head) and head[-1][:1].islower()


def head_noun(name: str) -> str:
    return _HEAD_SPLIT.split(norm(name))[0].split()[-1] if norm(name) else ""


def same_speaker(pred: str, exp: str) -> bool:
    a, b = norm(pred), norm(exp)
    if a == b:
        return True
    if " " not in a and a == b.split()[-1] or " " not in b and b == a.split()[-1]:
        return True
    return is_unnamed(pred) and is_unnamed(exp) and head_noun(pred) == head_noun(exp)


def is_named_person(name: str) -> bool:
    words = name.split()
    if len(words) < 2 or not name[:1].isupper():
        return False
    for w in words:
        letters = [c for c in w if c.isalpha()]
        if w.lower() in ORG_WORDS or any(c.isdigit() for c in w):
            return False
        if len(letters) >= 2 and all(c.isupper() for c in letters):
            return False
        lower_ok = w.lower() in ("of", "and", "de", "van", "von", "al", "bin") or w.startswith("al-")
        if not w[:1].isupper() and not lower_ok:
            return False
    return True


def match(pred: list[Speaker], exp: list[dict]) -> tuple[list[tuple[Speaker, dict]], list[Speaker], list[dict]]:
    pairs, left = [], list(exp)
    unmatched = []
    for exact in (True, False):
        rest = []
        for p in (pred if exact else unmatched):
            hit = next((e for e in left if (norm(p.name) == norm(e["name"]) if exact
                                            else same_speaker(p.name, e["name"]))), None)
            if hit is None:
                rest.append(p)
            else:
                left.remove(hit)
                pairs.append((p, hit))
        unmatched = rest
    return pairs, unmatched, left


class Score:
    def __init__(self) -> None:
        self.tp = self.fp = self.fn = 0

    def add(self, tp: int, fp: int, fn: int) -> None:
        self.tp, self.fp, self.fn = self.tp + tp, self.fp + fp, self.fn + fn

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def __str__(self) -> str:
        p, r, f = self.prf()
        return f"P {p:.3f}  R {r:.3f}  F1 {f:.3f}  (tp {self.tp}, fp {self.fp}, fn {self.fn})"


def evaluate(articles: dict[str, list[dict]], attribute_fn) -> dict:
    scores = {"all": Score(), "direct": Score(), "named": Score()}
    roles = Score()
    errors = []
    for rel, rows in articles.items():
        paras = article_paragraphs(rel, rows)
        predicted = attribute_fn(paras)
        for row in rows:
            pred = predicted[row["paragraph"]]
            exp = row["speakers"]
            subsets = {
                "all": (pred, exp),
                "direct": ([p for p in pred if p.kind == "direct"], [e for e in exp if e["kind"] == "direct"]),
                "named": ([p for p in pred if is_named_person(p.name)], [e for e in exp if is_named_person(e["name"])]),
            }
            for key, (ps, es) in subsets.items():
                pairs, fps, fns = match(ps, es)
                scores[key].add(len(pairs), len(fps), len(fns))
            pairs, fps, fns = match(pred, exp)
            kind_wrong = [(p, e) for p, e in pairs if p.kind != e["kind"]]
            for p, e in pairs:
                if is_named_person(e["name"]):
                    ok = (p.role or None) == e["role"] and p.name == e["name"]
                    roles.add(int(ok), int(not ok), 0)
            role_wrong = [(p, e) for p, e in pairs
                          if is_named_person(e["name"]) and ((p.role or None) != e["role"] or p.name != e["name"])]
            if fps or fns or kind_wrong or role_wrong:
                errors.append((rel, row, pred, fps, fns, kind_wrong, role_wrong))
    return {"scores": scores, "roles": roles, "errors": errors}


# ---------------------------------------------------------------- baseline
# The baseline: a plain "said" regex. A capitalised name right after
# "said"/"says" ('"…," said Tony Blair') or right before it ('"…," Blair
# said', 'Tony Blair said …'); honorifics dropped; a bare surname carried over
# to a full name the article used before. No pronouns, roles or other cues.
_CAP = r"[A-Z][\w'\u2019-]+"
_BASELINE_RE = re.compile(
    rf"\b(?:said|says)\s+((?:(?:Mr|Mrs|Ms|Dr|Sir|Lord)\.?\s+)?{_CAP}(?:\s+{_CAP})?)"  # said (Mr) Tony Blair
    rf"|({_CAP}(?:\s+{_CAP})?)\s+(?:said|says)\b")  # Tony Blair said
_NOT_A_NAME = {"He", "She", "It", "They", "We", "I", "You", "The", "This", "That", "But", "And", "Yet", "So",
               "There", "Who", "Which", "What", "Mr", "Mrs", "Ms", "Dr"}


def _baseline_name(raw: str) -> str | None:
    words = raw.replace(".", "").split()
    while words and words[0] in _NOT_A_NAME:  # "But Mr Blair said", "He said"
        words = words[1:]
    if not words or words[-1].endswith(("'s", "\u2019s", "'", "\u2019")):  # "Iran's"
        return None
    return " ".join(words)


def baseline_attribute(paragraphs: list[str]) -> list[list[Speaker]]:
    full_by_surname: dict[str, str] = {}
    out = []
    for text in paragraphs:
        quoted = '"' in text or "\u201c" in text
        names: list[str] = []
        for m in _BASELINE_RE.finditer(text):
            name = _baseline_name(m.group(1) or m.group(2))
            if name is None:
                continue
            words = name.split()
            if len(words) >= 2:
                full_by_surname.setdefault(words[-1], name)
            else:
                name = full_by_surname.get(name, name)
            if name not in names:
                names.append(name)
        out.append([Speaker(n, None, "direct" if quoted else "indirect") for n in names])
    return out


# ---------------------------------------------------------------- report
def speaker_str(s) -> str:
    if isinstance(s, Speaker):
        return f"{s.name} [{s.kind[0]}{'; ' + s.role if s.role else ''}]"
    return f"{s['name']} [{s['kind'][0]}{'; ' + s['role'] if s['role'] else ''}]"


def print_errors(errors: list, limit: int) -> None:
    print(f"\n=== errors ({len(errors)} paragraphs; showing {min(limit, len(errors))}) ===")
    for rel, row, pred, fps, fns, kind_wrong, role_wrong in errors[:limit]:
        text = row["text"]
        print(f"\n{rel} [{row['paragraph']}] {text[:600]}{'…' if len(text) > 600 else ''}")
        print("   predicted:", "; ".join(map(speaker_str, pred)) or "-")
        print("   expected: ", "; ".join(map(speaker_str, row["speakers"])) or "-")
        for label, items in (("spurious", fps), ("missed", fns)):
            if items:
                print(f"   {label}: " + "; ".join(map(speaker_str, items)))
        for p, e in kind_wrong:
            print(f"   kind: {p.name} {p.kind} != {e['kind']}")
        for p, e in role_wrong:
            print(f"   name/role: {p.name!r} {p.role!r} != {e['name']!r} {e['role']!r}")


# A typical news paragraph. BBC corpus lines often hold two original
# paragraphs (465 characters on average), so their raw paragraphs/s is not
# comparable with the FT's; this rate is (characters/s) / NORMAL_PARAGRAPH.
NORMAL_PARAGRAPH = 250


def seconds_per_paragraph(articles: list[list[str]], attribute_fn, min_cpu: float,
                           clear_caches_fn=None) -> float:
    """CPU seconds per paragraph of passes of `attribute_fn` over all
    articles, repeated until `min_cpu` CPU seconds have passed (each pass
    from cold caches when the package being timed has `clear_caches`)."""
    done, cpu = 0, time.process_time()
    while True:
        if clear_caches_fn is not None:
            clear_caches_fn()
        for paras in articles:
            attribute_fn(paras)
            done += len(paras)
        spent = time.process_time() - cpu
        if spent >= min_cpu:
            return spent / done


def _rates(articles: list[list[str]], attribute_fn, rounds: int, min_cpu: float,
           slice_size: int) -> tuple[float, float]:
    """(best, median) paragraphs per CPU second. The articles are timed in
    slices of `slice_size`, each `rounds` times: a busy neighbour on this
    shared machine only ever slows a round down, and short rounds are more
    often left alone, so each slice's fastest round is its cleanest figure."""
    best = median = 0.0
    paragraphs = 0
    for k in range(0, len(articles), slice_size):
        part = articles[k : k + slice_size]
        n = sum(map(len, part))
        times = sorted(seconds_per_paragraph(part, attribute_fn, min_cpu) for _ in range(rounds))
        best += times[0] * n
        median += times[len(times) // 2] * n
        paragraphs += n
    return paragraphs / best, paragraphs / median


def print_speed(label: str, articles: list[list[str]], rounds: int = 5, min_cpu: float = 0.2,
                slice_size: int = 100) -> None:
    """Paragraphs per CPU second (fastest and median rounds), beside the
    regex baseline timed in the same way, as the yardstick."""
    paras = [p for a in articles for p in a]
    chars = sum(map(len, paras)) / len(paras)
    best, median = _rates(articles, attribute, rounds, min_cpu, slice_size)
    base, _ = _rates(articles, baseline_attribute, rounds, min_cpu, slice_size)
    print(f"speed: {label}: {len(paras)} paragraphs in {len(articles)} articles, {chars:.0f} characters on average; "
          f"{best:,.0f} paragraphs/s CPU in the fastest of {rounds} rounds (median {median:,.0f}) = "
          f"{best * chars / NORMAL_PARAGRAPH:,.0f} paragraphs/s normalised to a {NORMAL_PARAGRAPH}-character "
          "paragraph; "
          f"regex baseline {base:,.0f} paragraphs/s (cuttings at {best / base:.2f}x)")


def corpus_articles(corpus_dir: Path) -> list[list[str]]:
    """Every BBC corpus article as the labels number paragraphs (one per non-empty line)."""
    return [bbc_paragraphs(str(path.relative_to(corpus_dir))) for path in sorted(corpus_dir.glob("*/*.txt"))]


def dump_corpus(corpus_dir: Path, out: Path) -> None:
    """Write the speakers of every paragraph of every BBC corpus article, so
    that two versions of the rules can be diffed (a speed change should not
    change a byte)."""
    with out.open("w", encoding="utf-8") as f:
        for path in sorted(corpus_dir.glob("*/*.txt")):
            rel = str(path.relative_to(corpus_dir))
            f.write(f"## {rel}\n")
            for n, speakers in enumerate(attribute(bbc_paragraphs(rel))):
                if speakers:
                    f.write(f"{n}: {speakers!r}\n")
    print(f"wrote {out}")


# ---------------------------------------------------------------- PolNeAR
POLNEAR = SHARED / "corpus" / "speakers" / "polnear"
SCORER = SHARED / "bench" / "quotes" / "score.py"


def run_polnear(error_count: int) -> int:
    """Score `attribute` on the PolNeAR train split with the shared scorer and print the figures."""
    if not (POLNEAR.exists() and SCORER.exists()):
        print(f"skipped: {POLNEAR} or {SCORER} is absent (they live outside the repo)")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        errors = Path(tmp) / "errors.jsonl"
        command = [sys.executable, str(SCORER), "--data", str(POLNEAR), "--split", "train", "--no-name-gender",
                   "--attributor", "search.speakers:attribute", "--path", str(REPO), "--subset", "speech", "--json",
                   "--errors", str(errors)]
        done = subprocess.run(command, capture_output=True, text=True, cwd=REPO)
        if done.returncode != 0:
            print(f"the scorer failed ({' '.join(command)}):\n{done.stderr}")
            return 1
        figures = json.loads(done.stdout)["speech/silver"]
        rows = [json.loads(line) for line in errors.read_text(encoding="utf-8").splitlines()]
    recall = {kind: r for kind, (r, _) in figures["recall_by_kind"].items()}
    print(f"PolNeAR train, speech/silver: P {figures['P']:.3f}  R {figures['R']:.3f}  F1 {figures['F1']:.3f}  "
          f"(tp {figures['TP']}, fp {figures['FP']}, fn {figures['FN']})")
    print("  recall by source: " + "  ".join(f"{kind} {recall.get(kind, 0.0):.2f}"
                                            for kind in ("named", "nominal", "pronoun", "relative")))
    if error_count:
        print_polnear_errors(rows, error_count)
    return 0


def print_polnear_errors(rows: list[dict], count: int) -> None:
    """Misses counted by the kind of source and the cue's first word, then `count` paragraphs to read."""
    kinds: Counter = Counter()
    cues: Counter = Counter()
    for row in rows:
        gold = {g["mention"] + (f" -> {g['resolved_from']}" if g["resolved_from"] else ""): g for g in row["gold"]}
        for missed in row["missed"]:
            g = gold.get(missed)
            if g is not None:
                kinds[g["kind"]] += 1
                cues[(g["cue"].lower().split() or ["(none)"])[0]] += 1
    print(f"\nmissed sources by kind: {dict(kinds.most_common())}")
    print(f"missed sources by cue: {', '.join(f'{cue} {n}' for cue, n in cues.most_common(25))}")
    for row in random.Random(0).sample(rows, min(count, len(rows))):
        print(f"\n{row['id']} [{row['paragraph']}] {row['text'][:400]}")
        print(f"   predicted: {'; '.join(row['pred']) or '-'}")
        if row["missed"]:
            print(f"   missed:    {'; '.join(row['missed'])}")
        if row["false_pos"]:
            print(f"   spurious:  {'; '.join(row['false_pos'])}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--errors", type=int, default=1000, help="how many error paragraphs to list")
    ap.add_argument("--quiet", action="store_true", help="figures only, no error list")
    ap.add_argument("--dump", type=Path, metavar="FILE",
                    help="only write every BBC corpus paragraph's speakers to FILE, for diffing two versions")
    ap.add_argument("--polnear", action="store_true", help="only score the PolNeAR train split with the shared scorer")
    ap.add_argument("--polnear-errors", type=int, default=0, metavar="N",
                    help="with --polnear, list N paragraphs it got wrong and count the misses")
    args = ap.parse_args()
    if args.polnear:
        return run_polnear(args.polnear_errors)
    corpus_dir = SHARED / "corpus" / "text" / "bbc"
    if args.dump:
        if not corpus_dir.exists():
            print(f"skipped: {corpus_dir} is absent (the corpus lives outside the repo)")
            return 0
        dump_corpus(corpus_dir, args.dump)
        return 0
    labels = SHARED / "labels"
    if not (labels / "bbc-speakers.jsonl").exists():
        print(f"skipped: {labels} is absent (the labels live outside the repo)")
        return 0
    bbc = load_articles(labels / "bbc-speakers.jsonl")
    ft = load_articles(labels / "ft-speakers.jsonl")
    print(f"BBC labels: {sum(len(r) for r in bbc.values())} paragraphs in {len(bbc)} articles; "
          f"FT: {sum(len(r) for r in ft.values())} paragraphs")

    results = {}
    for name, fn in (("cuttings", attribute), ("baseline", baseline_attribute)):
        results[name] = {"bbc": evaluate(bbc, fn), "ft": evaluate(ft, fn)}
    for corpus in ("bbc", "ft"):
        print(f"\n=== {corpus.upper()} ===")
        for key in ("all", "direct", "named"):
            ours = results["cuttings"][corpus]["scores"][key]
            base = results["baseline"][corpus]["scores"][key]
            ratio = ours.prf()[2] / base.prf()[2] if base.prf()[2] else float("inf")
            print(f"{key:>7}  cuttings {ours}")
            print(f"{'':>7}  baseline {base}   -> F1 x{ratio:.2f}")
        print(f"  roles+names exact on matched named people: {results['cuttings'][corpus]['roles'].tp}/"
              f"{results['cuttings'][corpus]['roles'].tp + results['cuttings'][corpus]['roles'].fp}")

    if not args.quiet:
        print_errors(results["cuttings"]["ft"]["errors"] + results["cuttings"]["bbc"]["errors"], args.errors)

    print()
    attribute(["Warm-up: the regexes compile on first use, said Jo Bloggs."])
    print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    print_speed("FT sample", [article_paragraphs(rel, rows) for rel, rows in ft.items()])
    print_speed("BBC labelled paragraphs", [article_paragraphs(rel, rows) for rel, rows in bbc.items()])
    if corpus_dir.exists():
        print_speed("all BBC corpus lines", corpus_articles(corpus_dir), min_cpu=0.0)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
