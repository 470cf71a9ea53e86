#!/usr/bin/env python3
"""Reliability under hostile requests and kill -9, against a real `cuttings serve` on loopback.

    .venv/bin/python scripts/bench_reliability.py [--articles N] [--rounds N] [--keep DIR]

A bounded, repeatable run (every loop has a fixed count, every request a timeout;
only 127.0.0.1 is contacted). It builds a library of invented articles (the test
fixtures and N generated ones, with a lexicon of a few thousand words and a few
hundred speakers), starts `cuttings serve` on a free port and prints:

  * ordinary searches alone (quiet), then the same searches while hostile clients
    run: a quadratic-regex upload, 2,000 speaker values, `?*` and `s* t*`
    wildcards, a 6 MB paste, a 4.9 MB upload preview, a rebinding post, a full
    CSV export. Target: p95 while hostile under 3x the quiet p95, and no 5xx;
  * bytes and server memory per request kind (RSS of the server and of its
    worker processes before and after, peak RSS);
  * kill -9 rounds: `cuttings reindex` and a bulk `cuttings add` killed at a
    random moment, and the server killed while it reads an upload; after each,
    what survived: the library opens with every article, no worker process is
    left, no temporary file stays after the next open.
"""
from __future__ import annotations

import argparse
import http.client
import os
import random
import select
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlencode

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from measuring import descendants, rss_kb, tree_rss_kb  # noqa: E402  (scripts/, next to this one)

from search.library import Library  # noqa: E402
from tests.helpers.paths import LIBRARY_FIXTURES, WEB_FIXTURES  # noqa: E402

TIMEOUT = 60.0  # seconds any one request may take before it counts as failed
ORDINARY = ["harbour", "council", "barrier", "said", "mayor", "report", "bridge tolls", "ferry", "strike", "water"]


# ---- the library --------------------------------------------------------------
def _word(rng: random.Random) -> str:
    return "".join(rng.choice("bcdfghklmnprstvz") + rng.choice("aeiou") for _ in range(rng.randint(2, 4)))


def generated_articles(n: int, seed: int = 13) -> list[tuple[str, bytes]]:
    rng = random.Random(seed)
    vocabulary = [_word(rng) for _ in range(4000)]
    people = [f"{_word(rng).title()} {_word(rng).title()}" for _ in range(300)]
    files = []
    for i in range(n):
        title = " ".join(rng.choice(vocabulary) for _ in range(6)).capitalize()
        paragraphs = []
        for _ in range(rng.randint(6, 14)):
            words = " ".join(rng.choice(vocabulary) for _ in range(rng.randint(15, 35)))
            who = rng.choice(people)
            paragraphs.append(f'"{words.capitalize()}," said {who}, the council\'s harbour spokesperson.'
                              if rng.random() < 0.5 else f"The harbour council report said {words}.")
        text = f"{title}\n\nBy {rng.choice(people)}\n\n{2000 + i % 20}-0{1 + i % 9}-1{i % 9}\n\n" + "\n\n".join(
            paragraphs)
        files.append((f"generated-{i:04d}.txt", text.encode("utf-8")))
    return files


def build_library(home: Path, n: int) -> int:
    source_dir = home.parent / "generated"
    source_dir.mkdir(parents=True, exist_ok=True)
    for name, data in generated_articles(n):
        (source_dir / name).write_bytes(data)
    paths = sorted(LIBRARY_FIXTURES.glob("*.txt")) + list(WEB_FIXTURES) + sorted(source_dir.iterdir())
    lib = Library(home, bulk=True)
    lib.add_many(paths, progress=False)
    count = lib.article_count()
    lib.close()
    return count


# ---- processes ----------------------------------------------------------------
def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cuttings(*argv: str, **popen) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "search.cli", *argv], cwd=REPO, **popen)


def start_server(home: Path, port: int) -> subprocess.Popen:
    server = cuttings("--home", str(home), "serve", "--port", str(port), stdout=subprocess.DEVNULL,
                      stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if request(port, "GET", "/search.json?q=harbour").status == 200:
                return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("the server did not start within 60 s")


def ended_within(pids: list[int], seconds: float) -> list[int]:
    """The pids still running after `seconds` (waited on with pidfds, no polling)."""
    left = []
    deadline = time.monotonic() + seconds
    for pid in pids:
        try:
            fd = os.pidfd_open(pid)
        except ProcessLookupError:
            continue
        try:
            if not select.select([fd], [], [], max(0.0, deadline - time.monotonic()))[0]:
                left.append(pid)
        finally:
            os.close(fd)
    return left


# ---- requests -------------------------------------------------------------------
@dataclass
class Answer:
    status: int
    seconds: float
    nbytes: int


def request(port: int, method: str, path: str, body: bytes | None = None, headers: dict | None = None) -> Answer:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
    start = time.perf_counter()
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        data = response.read()
        return Answer(response.status, time.perf_counter() - start, len(data))
    finally:
        conn.close()


def multipart(fields: dict[str, str], file: tuple[str, bytes] | None = None) -> tuple[bytes, dict]:
    boundary = "cuttingsbench" + "x" * 12
    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode()
             for k, v in fields.items()]
    if file:
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{file[0]}"\r\n'
                     "Content-Type: application/octet-stream\r\n\r\n".encode() + file[1] + b"\r\n")
    body = b"".join(parts) + f"--{boundary}--\r\n".encode()
    return body, {"Content-Type": f"multipart/form-data; boundary={boundary}"}


def ordinary_path(i: int) -> str:
    q = ORDINARY[i % len(ORDINARY)]
    extra = "&sort=newest" if i % 3 == 0 else ""
    return f"/search?q={quote(q)}{extra}"


def hostile_requests() -> dict[str, tuple[str, str, bytes | None, dict]]:
    quadratic = ("<html><body><article><p>" + "a" * 80_000 + "</p></article></body></html>").encode()
    big_page = ("<html><head><title>A long report</title></head><body><article>" + "".join(
        f"<p>Paragraph {i} of the long report says the harbour wall will be rebuilt in stone by the council.</p>"
        for i in range(48_000)) + "</article></body></html>").encode()[: 4_900_000]
    speakers = "&".join(f"speaker=Name{i}" for i in range(2000))
    padded_page = padded_article_page()
    return {
        "quadratic upload (80 kB)": ("POST", "/add", *multipart({"action": "preview"}, ("q.html", quadratic))),
        "2,000 speaker values": ("GET", f"/search?{speakers}", None, {}),
        "q=?*": ("GET", "/search?q=%3F%2A", None, {}),
        "q=s* t*": ("GET", "/search?q=s%2A+t%2A", None, {}),
        "6 MB paste": ("POST", "/add", urlencode({"text": "word " * 1_300_000, "action": "preview"}).encode(),
                       {"Content-Type": "application/x-www-form-urlencoded"}),
        "4.9 MB page, 48k paragraphs": ("POST", "/add", *multipart({"action": "preview"}, ("big.html", big_page))),
        "4.9 MB page, one article": ("POST", "/add", *multipart({"action": "preview"}, ("padded.html", padded_page))),
        "rebinding post": ("POST", "/add", urlencode({"text": "x", "action": "save"}).encode(),
                           {"Content-Type": "application/x-www-form-urlencoded", "Host": "evil.example",
                            "Origin": "http://evil.example", "Sec-Fetch-Site": "same-origin"}),
        "CSV of everything": ("GET", "/search.csv", None, {}),
    }


def padded_article_page() -> bytes:
    """A saved page as browsers save them: one article in 4.9 MB of markup, scripts and inline images."""
    article = "".join(f"<p>The harbour council met on Tuesday for the {i}th time this year, and the mayor said "
                      "the new barrier would be finished before the winter storms.</p>" for i in range(30))
    padding = "<script>var data = '" + "x" * 2_400_000 + "';</script>"
    image = '<img alt="" src="data:image/png;base64,' + "QUJD" * 600_000 + '">'
    return (f"<html><head><title>Harbour barrier on time</title>{padding}</head><body><nav>Home News Sport</nav>"
            f"<article><h1>Harbour barrier on time</h1>{article}{image}</article></body></html>").encode()[:4_900_000]


@dataclass
class Tally:
    sent: int = 0
    failed: int = 0  # no answer within TIMEOUT, or a 5xx
    statuses: dict[int, int] = field(default_factory=dict)
    seconds: list[float] = field(default_factory=list)
    nbytes: list[int] = field(default_factory=list)
    rss_growth_kb: list[int] = field(default_factory=list)

    def add(self, answer: Answer) -> None:
        self.sent += 1
        self.statuses[answer.status] = self.statuses.get(answer.status, 0) + 1
        self.failed += answer.status >= 500 or answer.status == NO_ANSWER
        self.seconds.append(answer.seconds)  # a request that got no answer counts with the time it waited
        self.nbytes.append(answer.nbytes)


NO_ANSWER = 0  # the status of a request that timed out or whose connection was dropped


def timed(port: int, method: str, path: str, body=None, headers=None) -> Answer:
    start = time.perf_counter()
    try:
        return request(port, method, path, body, headers)
    except OSError:
        return Answer(NO_ANSWER, time.perf_counter() - start, 0)


def percentiles(seconds: list[float]) -> tuple[float, float, float]:
    ms = sorted(s * 1000 for s in seconds)
    if not ms:
        return (0.0, 0.0, 0.0)
    p95 = ms[min(len(ms) - 1, int(round(0.95 * (len(ms) - 1))))]
    return statistics.median(ms), p95, ms[-1]


def ordinary_run(port: int, n: int) -> Tally:
    tally = Tally()
    for i in range(n):
        tally.add(timed(port, "GET", ordinary_path(i)))
    return tally


def hostile_run(port: int, rounds: int, ordinary: int, skip: list[str]) -> tuple[Tally, dict[str, Tally]]:
    hostile = {name: r for name, r in hostile_requests().items() if not any(s in name for s in skip)}
    tallies = {name: Tally() for name in hostile}

    def attacker(name: str) -> None:
        method, path, body, headers = hostile[name]
        for _ in range(rounds):
            tallies[name].add(timed(port, method, path, body, headers))

    threads = [threading.Thread(target=attacker, args=(name,)) for name in hostile]
    for t in threads:
        t.start()
    quiet = ordinary_run(port, ordinary)
    for t in threads:
        t.join()
    return quiet, tallies


def memory_run(port: int, server: subprocess.Popen, uploads: int) -> dict[str, float]:
    method, path, body, headers = hostile_requests()["4.9 MB page, one article"]
    before_server, before_all = rss_kb(server.pid), tree_rss_kb(server.pid)
    for _ in range(uploads):
        timed(port, method, path, body, headers)
    return {"server_before_mb": before_server / 1024, "server_after_mb": rss_kb(server.pid) / 1024,
            "server_peak_mb": rss_kb(server.pid, "VmHWM") / 1024,
            "with_workers_before_mb": before_all / 1024, "with_workers_after_mb": tree_rss_kb(server.pid) / 1024}


# ---- kill -9 rounds -----------------------------------------------------------------
def leftovers(home: Path) -> list[str]:
    found = [p.name for p in (home / "sources").iterdir() if ".tmp-" in p.name]
    found += [p.name for p in (home / "whoosh").iterdir() if ".tmp-" in p.name]
    return found


def full_run_seconds(home: Path, argv: list[str]) -> float:
    start = time.perf_counter()
    cuttings("--home", str(home), *argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).wait()
    return time.perf_counter() - start


def kill_round(home: Path, argv: list[str], rng: random.Random, expected: int, full: float) -> dict:
    """Kill the command at a random moment of a run that takes `full` seconds: parsing, indexing or swapping."""
    process = cuttings("--home", str(home), *argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    delay = rng.uniform(0.1, 0.95) * full
    try:
        process.wait(delay)
        finished = True
    except subprocess.TimeoutExpired:
        finished = False
    workers = descendants(process.pid)
    process.send_signal(signal.SIGKILL)
    process.wait()
    orphans = ended_within(workers, 15)
    lib = Library(home)  # the next open: it must work and clean up
    articles = lib.article_count()
    lib.close()
    return {"killed after s": round(delay, 1), "had finished": finished, "workers": len(workers),
            "orphans": len(orphans), "articles": f"{articles}/{expected}", "ok": articles == expected and not orphans,
            "temporary files after open": len(leftovers(home))}


def server_kill_round(home: Path, expected: int) -> dict:
    port = free_port()
    server = start_server(home, port)
    method, path, body, headers = hostile_requests()["quadratic upload (80 kB)"]
    upload = threading.Thread(target=timed, args=(port, method, path, body, headers))
    upload.start()
    time.sleep(1.0)  # the upload is being read by a worker now
    workers = descendants(server.pid)
    server.send_signal(signal.SIGKILL)
    server.wait()
    upload.join()
    orphans = ended_within(workers, 15)
    server = start_server(home, port)
    answer = timed(port, "GET", "/search.json?q=harbour")
    server.terminate()
    server.wait(30)
    lib = Library(home)
    articles = lib.article_count()
    lib.close()
    return {"workers": len(workers), "orphans": len(orphans), "restarted": answer.status == 200,
            "articles": f"{articles}/{expected}", "ok": articles == expected and not orphans}


# ---- the report -------------------------------------------------------------------------
def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=300, help="generated articles (default 300)")
    parser.add_argument("--rounds", type=int, default=3, help="kill -9 rounds of each kind, and hostile repeats")
    parser.add_argument("--keep", metavar="DIR", help="build the library here and keep it")
    parser.add_argument("--skip", action="append", default=[], metavar="TEXT",
                        help="leave out the hostile requests whose name contains TEXT (repeatable), "
                             "to see what the others cost")
    parser.add_argument("--no-kills", action="store_true", help="no kill -9 rounds")
    args = parser.parse_args()
    work = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="cuttings-reliability-"))
    home = work / "library"
    rng = random.Random(7)
    try:
        t0 = time.perf_counter()
        articles = build_library(home, args.articles)
        print(f"library: {articles} articles in {time.perf_counter() - t0:.0f} s at {home}")
        port = free_port()
        server = start_server(home, port)
        try:
            for i in range(10):  # warm the searcher and the page caches
                timed(port, "GET", ordinary_path(i))
            quiet = ordinary_run(port, 60)
            busy, hostile = hostile_run(port, args.rounds, 60, args.skip)
            memory = memory_run(port, server, 15)
        finally:
            server.terminate()
            server.wait(30)
        report_searches(quiet, busy, hostile)
        print(f"  load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores (shared machine: noisy)")
        print("\nmemory, 15 previews of a 4.9 MB page holding one article (RSS in MB):")
        for key, value in memory.items():
            print(f"  {key:<24} {value:8.1f}")
        if args.no_kills:
            return
        print("\nkill -9 rounds (workers: processes the killed one had started; orphans: still running 15 s later):")
        reindex = ["reindex", "--quiet"]
        add = ["add", "--quiet", *map(str, sorted((work / "generated").iterdir())[:120])]  # already there: no change
        whole = {"reindex": full_run_seconds(home, reindex), "add": full_run_seconds(home, add)}
        print(f"  a whole reindex takes {whole['reindex']:.1f} s, a whole add of 120 files {whole['add']:.1f} s")
        rounds = [("reindex", kill_round(home, reindex, rng, articles, whole["reindex"])) for _ in range(args.rounds)]
        rounds += [("add (bulk)", kill_round(home, add, rng, articles, whole["add"])) for _ in range(args.rounds)]
        rounds += [("serve mid-upload", server_kill_round(home, articles)) for _ in range(max(1, args.rounds // 2))]
        for kind, outcome in rounds:
            print(f"  {kind:<17} " + "  ".join(f"{k}: {v}" for k, v in outcome.items()))
        survived = sum(1 for _, o in rounds if o["ok"])
        print(f"  survived {survived} of {len(rounds)} rounds")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


def report_searches(quiet: Tally, busy: Tally, hostile: dict[str, Tally]) -> None:
    q50, q95, qmax = percentiles(quiet.seconds)
    b50, b95, bmax = percentiles(busy.seconds)
    print("\nordinary searches (ms)             sent failed    p50    p95    max")
    print(f"  quiet                            {quiet.sent:4} {quiet.failed:6} {q50:6.0f} {q95:6.0f} {qmax:6.0f}")
    print(f"  while hostile requests run       {busy.sent:4} {busy.failed:6} {b50:6.0f} {b95:6.0f} {bmax:6.0f}")
    ratio = b95 / q95 if q95 else float("inf")
    print(f"  p95 ratio {ratio:.2f}x (target under 3x)")
    print("\nhostile requests                  sent failed statuses        p50 ms  max ms  bytes (max)")
    for name, t in hostile.items():
        p50, _p95, pmax = percentiles(t.seconds)
        statuses = ",".join(f"{s or 'none'}x{n}" for s, n in sorted(t.statuses.items()))
        biggest = max(t.nbytes, default=0)
        print(f"  {name:<31} {t.sent:4} {t.failed:6} {statuses:<15} {p50:7.0f} {pmax:7.0f}  {biggest:,}")
    fives = busy.failed + sum(t.failed for t in hostile.values())
    print(f"  5xx or no answer (none: no answer within {TIMEOUT:.0f} s) in all: {fives}")


if __name__ == "__main__":
    main()
