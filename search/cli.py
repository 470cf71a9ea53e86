"""The `cuttings` command: add, reindex, serve, search — each on the library at --home.

User errors (a bad file, a locked index, a bad option) print one clear line to
stderr and exit with status 1 (2 for usage errors, as argparse does); never a traceback.
"""
from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path
from typing import Sequence

from search.errors import CuttingsError
from search.library import Library
from search.request import RequestError, SearchRequest
from search.serialize import PathLinks, results_to_dict

EXIT_ERROR = 1


def _home_option(parser: argparse.ArgumentParser, default) -> None:
    parser.add_argument("--home", metavar="DIR", default=default,
                        help="library directory (default: $CUTTINGS_HOME or the repository's index/)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cuttings", description="A searchable cuttings library for news.")
    _home_option(parser, None)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    add = sub.add_parser("add", help="add cuttings (.txt, .html or .mhtml files) to the library")
    add.add_argument("files", nargs="+", metavar="FILE")
    add.add_argument("--url", help="the address the cutting came from (one file only)")
    add.add_argument("--quiet", action="store_true", help="no progress bar")

    reindex = sub.add_parser("reindex", help="bring the index up to date with sources/ (only what changed)")
    reindex.add_argument("--full", action="store_true",
                         help="rebuild everything from sources/ alone into a new index, swapped in when done")
    reindex.add_argument("--quiet", action="store_true", help="no progress bar")

    serve = sub.add_parser("serve", help="serve the web app")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=5000)
    serve.add_argument("--threads", type=int, default=8, help="requests served at once (default 8)")
    serve.add_argument("--debug", action="store_true", help="Flask's reloading debug server instead of waitress")

    search = sub.add_parser("search", help="search paragraphs")
    search.add_argument("query", nargs="?", default="")
    search.add_argument("--speaker", action="append", default=[], metavar="NAME")
    search.add_argument("--section", action="append", default=[], metavar="NAME")
    search.add_argument("--sort", choices=("relevance", "newest", "oldest"), default="relevance")
    search.add_argument("--limit", type=int, default=20, help="paragraphs to show (default 20)")
    search.add_argument("--json", action="store_true", help="print JSON")

    for p in (add, reindex, serve, search):
        _home_option(p, argparse.SUPPRESS)  # --home also after the command
    return parser


def _library(args, bulk: bool = False) -> Library:
    return Library(args.home, bulk=bulk)


def cmd_add(args) -> int:
    if args.url and len(args.files) > 1:
        raise CuttingsError("--url names the address of one cutting; give one FILE with it.")
    lib = _library(args, bulk=True)
    failed = 0
    for path, outcome in lib.add_many(args.files, progress=not args.quiet, url=args.url):
        if isinstance(outcome, Exception):
            failed += 1
            print(f"cuttings: {outcome}", file=sys.stderr)
        else:
            print(f"added {outcome.id}  {outcome.title}  ({len(outcome.paragraphs)} paragraphs) from {path}")
    return EXIT_ERROR if failed else 0


def cmd_reindex(args) -> int:
    lib = _library(args, bulk=True)
    count = lib.reindex(progress=not args.quiet, full=args.full)
    for name, message in lib.reindex_failures:
        print(f"cuttings: skipped {name}: {message}", file=sys.stderr)
    print(f"reindexed {count} articles ({lib.paragraph_count()} paragraphs) in {lib.home} "
          f"({lib.last_reindex.summary()})")
    return 0


def cmd_serve(args) -> int:
    from web import create_app  # imported lazily: the engine works without the web package

    app = create_app(home=args.home)
    if args.debug:
        app.run(host=args.host, port=args.port, debug=True)
        return 0
    import waitress

    print(f"Cuttings: serving the library at {app.extensions['cuttings.library'].home} "
          f"on http://{args.host}:{args.port}/ (Ctrl+C stops)", flush=True)
    waitress.serve(app, host=args.host, port=args.port, threads=args.threads, ident="Cuttings")
    return 0


def _search_request(args) -> SearchRequest:
    params = {"q": [args.query], "speaker": args.speaker, "section": args.section, "sort": [args.sort],
              "view": ["flat"], "size": [str(max(1, min(args.limit, 100)))]}
    return SearchRequest.from_args(params)


def cmd_search(args) -> int:
    req = _search_request(args)
    results = _library(args).search(req)
    if args.json:
        print(json.dumps(results_to_dict(results, PathLinks()), ensure_ascii=False, indent=1))
        return 0
    for note in results.notes:
        print(f"note: {note}")
    print(f"{results.total} paragraphs in {results.total_articles} articles")
    for hit in results.hits:
        names = ", ".join(s.name for s in hit.speakers)
        print(f"\n{hit.article_id}#p{hit.paragraph}  {hit.title}  {hit.date or ''}" + (f"  [{names}]" if names else ""))
        print(f"  {hit.text}")
    if results.suggestion:
        print(f"\nDid you mean: {results.suggestion}")
    return 0


COMMANDS = {"add": cmd_add, "reindex": cmd_reindex, "serve": cmd_serve, "search": cmd_search}


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    args = build_parser().parse_args(argv)
    if args.home is not None:
        args.home = str(Path(args.home).expanduser())
    try:
        return COMMANDS[args.command](args)
    except (CuttingsError, RequestError) as exc:
        print(f"cuttings: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("cuttings: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
