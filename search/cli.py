"""The `cuttings` command: add, reindex, serve, search, and curating the library (correct, speakers,
merge, split, delete, restore, trash, tag, untag, star, export, save-search, saved, set-password) —
each on the library at --home.

User errors (a bad file, a locked index, a bad option) print one clear line to
stderr and exit with status 1 (2 for usage errors, as argparse does); never a traceback.
"""
from __future__ import annotations

import argparse
import getpass
import json
import logging
import os
import sys
from pathlib import Path
from typing import Callable, Sequence

from search.access import PasswordFile
from search.arenas import share_arenas
from search.curation.decisions import speaker_from_form
from search.curator import request_of
from search.errors import CuttingsError, DuplicateSkipped, storage_problem
from search.index.stories import load_in_background
from search.library import KEEP_BOTH, REPLACE, SKIP, Library
from search.model import Article
from search.parse_pool import ParsePool
from search.request import RequestError, SearchRequest
from search.results import NearDuplicate
from search.serialize import PathLinks, csv_rows, markdown_document, results_to_dict

EXIT_ERROR = 1


def _home_option(parser: argparse.ArgumentParser, default) -> None:
    parser.add_argument("--home", metavar="DIR", default=default,
                        help="library directory (default: $CUTTINGS_HOME or the repository's index/)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="cuttings", description="A searchable cuttings library for news.")
    _home_option(parser, None)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    add = sub.add_parser("add", help="add cuttings (.txt, .html, .mhtml or .pdf files) to the library")
    add.add_argument("files", nargs="+", metavar="FILE")
    add.add_argument("--url", help="the address the cutting came from (one file only)")
    add.add_argument("--quiet", action="store_true", help="no progress bar")
    copies = add.add_mutually_exclusive_group()
    copies.add_argument("--replace", action="store_true",
                        help="a cutting that tells a story the library already holds replaces that article "
                             "(it goes to the trash; `cuttings restore ID` brings it back)")
    copies.add_argument("--keep-both", action="store_true",
                        help="keep such a cutting beside the article it copies (the default when not asked at a "
                             "terminal; search results show the two as one story)")

    reindex = sub.add_parser("reindex", help="bring the index up to date with sources/ (only what changed)")
    reindex.add_argument("--full", action="store_true",
                         help="rebuild everything from sources/ alone into a new index, swapped in when done")
    reindex.add_argument("--quiet", action="store_true", help="no progress bar")

    serve = sub.add_parser("serve", help="serve the web app")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=5000)
    serve.add_argument("--threads", type=int, default=8, help="requests served at once (default 8)")
    serve.add_argument("--debug", action="store_true", help="Flask's reloading debug server instead of waitress")
    serve.add_argument("--base-url", metavar="URL", default=None,
                       help="the public address of the library, e.g. https://news.example/cuttings behind a proxy "
                            "(default: $CUTTINGS_BASE_URL): permalinks, feeds and exports use it, requests for its "
                            "host are answered besides this machine's loopback names, and when it is not this "
                            "machine, writes need the password")
    serve.add_argument("--private", action="store_true",
                       help="reading needs the password too (writes always do when served beyond this machine)")

    search = sub.add_parser("search", help="search paragraphs")
    search.add_argument("query", nargs="?", default="")
    search.add_argument("--speaker", action="append", default=[], metavar="NAME")
    search.add_argument("--section", action="append", default=[], metavar="NAME")
    search.add_argument("--sort", choices=("relevance", "newest", "oldest"), default="relevance")
    search.add_argument("--limit", type=int, default=20, help="paragraphs to show (default 20)")
    search.add_argument("--json", action="store_true", help="print JSON")

    commands = [add, reindex, serve, search] + _curation_commands(sub)
    for p in commands:
        _home_option(p, argparse.SUPPRESS)  # --home also after the command
    return parser


def _curation_commands(sub) -> list[argparse.ArgumentParser]:
    correct = sub.add_parser("correct", help="correct an article's headline, date, authors, section or site")
    correct.add_argument("article_id", metavar="ID")
    correct.add_argument("--title", help="the headline")
    correct.add_argument("--date", dest="published", metavar="DATE", help="2022-01-13, or 'undated'")
    correct.add_argument("--authors", help="names separated by commas ('' for none)")
    correct.add_argument("--section")
    correct.add_argument("--site")
    correct.add_argument("--revert", action="append", default=[], metavar="FIELD",
                         help="forget the correction of FIELD (title, published, authors, section, site)")

    speakers = sub.add_parser("speakers", help="show or fix who speaks in one paragraph")
    speakers.add_argument("article_id", metavar="ID")
    speakers.add_argument("paragraph", type=int, metavar="N", help="the paragraph's number (its #pN anchor)")
    speakers.add_argument("--add", metavar="NAME", help="add this speaker (or change their role and kind)")
    speakers.add_argument("--role", help="with --add: their role")
    speakers.add_argument("--direct", action="store_true", help="with --add: quoted directly (default: reported)")
    speakers.add_argument("--remove", action="append", default=[], metavar="NAME", help="remove this speaker")

    merge = sub.add_parser("merge", help="merge a speaker name into another across the library")
    merge.add_argument("variant", metavar="NAME", help='the variant, e.g. "Blair"')
    merge.add_argument("into", metavar="INTO", help='the name to merge it into, e.g. "Tony Blair"')
    split = sub.add_parser("split", help="undo a merge: the name is its own speaker again")
    split.add_argument("variant", metavar="NAME")

    delete = sub.add_parser("delete", help="move articles to the library's trash")
    delete.add_argument("article_ids", nargs="+", metavar="ID")
    restore = sub.add_parser("restore", help="bring an article back from the trash")
    restore.add_argument("article_id", metavar="ID")
    trash = sub.add_parser("trash", help="list what is in the trash")

    tag = sub.add_parser("tag", help="tag articles, or every article a search finds")
    tag.add_argument("tag", metavar="TAG")
    tag.add_argument("article_ids", nargs="*", metavar="ID")
    tag.add_argument("--search", metavar="QUERYSTRING",
                     help="tag every article of this search, given as in its URL: 'q=budget&speaker=Helen+Marsh'")
    untag = sub.add_parser("untag", help="take a tag off articles")
    untag.add_argument("tag", metavar="TAG")
    untag.add_argument("article_ids", nargs="+", metavar="ID")

    star = sub.add_parser("star", help="star (clip) a paragraph; --off takes the star away")
    star.add_argument("article_id", metavar="ID")
    star.add_argument("paragraph", type=int, metavar="N")
    star.add_argument("--off", action="store_true")

    export = sub.add_parser("export", help="an article, a tag or the starred paragraphs as Markdown or CSV")
    what = export.add_mutually_exclusive_group(required=True)
    what.add_argument("--article", metavar="ID")
    what.add_argument("--tag", metavar="TAG")
    what.add_argument("--starred", action="store_true")
    export.add_argument("--format", choices=("md", "csv"), default="md")
    export.add_argument("--base-url", metavar="URL", default=os.environ.get("CUTTINGS_BASE_URL", ""),
                        help="make the links absolute (default: $CUTTINGS_BASE_URL)")
    export.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of the screen")

    save = sub.add_parser("save-search", help="save a search under a name (shown on the home page)")
    save.add_argument("name")
    save.add_argument("query", metavar="QUERYSTRING", help="as in the search's URL: 'q=budget&tag=council'")
    saved = sub.add_parser("saved", help="list the saved searches with their counts")
    unsave = sub.add_parser("forget-search", help="remove a saved search")
    unsave.add_argument("name")

    password = sub.add_parser("set-password", help="the password the web app asks for before any change when "
                                                   "it is served beyond this machine")
    password.add_argument("--stdin", action="store_true", help="read it from standard input (scripts)")
    return [correct, speakers, merge, split, delete, restore, trash, tag, untag, star, export, save, saved, unsave,
            password]


def _library(args, bulk: bool = False) -> Library:
    return Library(args.home, bulk=bulk)


def cmd_add(args) -> int:
    if args.url and len(args.files) > 1:
        raise CuttingsError("--url names the address of one cutting; give one FILE with it.")
    lib = _library(args, bulk=True)
    failed = 0
    pool = ParsePool()  # a file that cannot be read in time is named and skipped, not waited for
    load_in_background()  # the signatures' library, while the parse workers start
    try:
        outcomes = lib.add_many(args.files, progress=not args.quiet, url=args.url, parse=pool.parse,
                                on_copy=_copy_choice(args))
    finally:
        pool.close()
    for path, outcome in outcomes:
        if isinstance(outcome, DuplicateSkipped):  # the user's choice, not a failure
            print(f"skipped {path}: {outcome}")
        elif isinstance(outcome, Exception):
            failed += 1
            print(f"cuttings: {outcome}", file=sys.stderr)
        else:
            print(f"added {outcome.id}  {outcome.title}  ({len(outcome.paragraphs)} paragraphs) from {path}")
    return EXIT_ERROR if failed else 0


def _copy_choice(args) -> Callable[[Path, Article, list[NearDuplicate]], str]:
    """What `add` does with a cutting whose story the library already holds: --replace, --keep-both,
    else ask at a terminal; elsewhere (a script, a pipe) keep both, which loses nothing, and say so."""
    def choose(path: Path, article: Article, copies: list[NearDuplicate]) -> str:
        copy = copies[0]
        print(f"cuttings: {path} tells the same story as {copy.article_id} \"{copy.title}\" "
              f"({copy.percent}% of the text in common).", file=sys.stderr)
        if args.replace:
            print(f"cuttings: replacing {copy.article_id}: it goes to the trash "
                  f"(`cuttings restore {copy.article_id}` brings it back).", file=sys.stderr)
            return REPLACE
        if args.keep_both:
            return KEEP_BOTH
        if sys.stdin.isatty():
            answer = input("Keep both, replace it (it goes to the trash) or skip this file? [k/r/s] ").strip().lower()
            return {"r": REPLACE, "s": SKIP}.get(answer[:1], KEEP_BOTH)
        print("cuttings: kept both (no --replace or --keep-both given). To replace it, add the file again "
              "with --replace.", file=sys.stderr)
        return KEEP_BOTH

    return choose


def cmd_reindex(args) -> int:
    lib = _library(args, bulk=True)
    count = lib.reindex(progress=not args.quiet, full=args.full)
    for name, message in lib.reindex_failures:
        print(f"cuttings: skipped {name}: {message}", file=sys.stderr)
    for name, message in lib.reindex_notes:
        print(f"cuttings: {name}: {message}", file=sys.stderr)
    print(f"reindexed {count} articles ({lib.paragraph_count()} paragraphs) in {lib.home} "
          f"({lib.last_reindex.summary()})")
    return 0


def cmd_serve(args) -> int:
    from web import create_app  # imported lazily: the engine works without the web package

    share_arenas()  # before create_app starts the warm-up thread
    app = create_app({"PRIVATE": args.private, "SERVED_ON": args.host, "SERVED_HOSTS": (args.host,)},
                     home=args.home, base_url=args.base_url)
    if args.debug:
        app.run(host=args.host, port=args.port, debug=True)
        return 0
    import waitress

    app.extensions["cuttings.parse_pool"].start()  # the first cutting is read at full speed
    public = f" as {app.config['BASE_URL']}/" if app.config["BASE_URL"] else ""
    print(f"Cuttings: serving the library at {app.extensions['cuttings.library'].home} "
          f"on http://{args.host}:{args.port}/{public} (Ctrl+C stops)", flush=True)
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


# ---- curating ---------------------------------------------------------------------------------
def cmd_correct(args) -> int:
    lib = _library(args)
    typed = {name: getattr(args, name) for name in ("title", "published", "authors", "section", "site")
             if getattr(args, name) is not None}
    if not typed and not args.revert:
        raise CuttingsError("Say what to correct: --title, --date, --authors, --section, --site or --revert FIELD.")
    article = lib.curation.correct(args.article_id, typed) if typed else None
    for name in args.revert:
        article = lib.curation.revert(args.article_id, name)
    day = article.published.isoformat() if article.published else "undated"
    print(f"{article.id}  {article.title}  {day}  by {', '.join(article.authors) or '-'}  "
          f"section {article.section or '-'}  site {article.site or '-'}")
    return 0


def cmd_speakers(args) -> int:
    lib = _library(args)
    article = lib.article(args.article_id)
    para = next((p for p in article.paragraphs if p.n == args.paragraph), None) if article else None
    if para is None:
        raise CuttingsError(f"There is no paragraph ¶{args.paragraph} in an article {args.article_id!r}.")
    speakers = [s for s in para.speakers if s.name not in args.remove]
    if args.add:
        new = speaker_from_form(args.add, args.role, "direct" if args.direct else "indirect")
        speakers = [s for s in speakers if s.name != new.name] + [new]
    if args.add or args.remove:
        article = lib.curation.set_speakers(args.article_id, args.paragraph, speakers)
        para = next(p for p in article.paragraphs if p.n == args.paragraph)
    print(para.text)
    for s in para.speakers:
        print(f"  {s.name}" + (f", {s.role}" if s.role else "") + f"  ({s.kind})")
    return 0


def cmd_merge(args) -> int:
    changed = _library(args).curation.merge_names(args.variant, args.into)
    print(f"merged {args.variant!r} into {args.into!r} ({changed} articles indexed again)")
    return 0


def cmd_split(args) -> int:
    changed = _library(args).curation.split_name(args.variant)
    print(f"{args.variant!r} is its own speaker again ({changed} articles indexed again)")
    return 0


def cmd_delete(args) -> int:
    for entry in _library(args).curation.delete(args.article_ids):
        print(f"deleted {entry.article_id}  {entry.title}  (sources/{entry.source} is in the trash)")
    return 0


def cmd_restore(args) -> int:
    article = _library(args).curation.restore(args.article_id)
    print(f"restored {article.id}  {article.title}" if article else f"restored {args.article_id}")
    return 0


def cmd_trash(args) -> int:
    entries = _library(args).curation.trash()
    for entry in entries:
        print(f"{entry.deleted[:19].replace('T', ' ')}  {entry.article_id}  {entry.title}")
    if not entries:
        print("the trash is empty")
    return 0


def cmd_tag(args) -> int:
    lib = _library(args)
    if args.search is not None:
        if args.article_ids:
            raise CuttingsError("Give article ids or --search, not both.")
        changed = lib.curation.tag_search(request_of(args.search), args.tag)
    elif args.article_ids:
        changed = lib.curation.tag(args.article_ids, add=[args.tag])
    else:
        raise CuttingsError("Say what to tag: article ids, or --search 'q=...'.")
    print(f"tagged {changed} articles {args.tag!r}")
    return 0


def cmd_untag(args) -> int:
    changed = _library(args).curation.tag(args.article_ids, remove=[args.tag])
    print(f"took {args.tag!r} off {changed} articles")
    return 0


def cmd_star(args) -> int:
    _library(args).curation.star(args.article_id, args.paragraph, on=not args.off)
    print(f"{'unstarred' if args.off else 'starred'} {args.article_id}#p{args.paragraph}")
    return 0


def cmd_export(args) -> int:
    curation = _library(args).curation
    links = PathLinks(args.base_url or "")
    if args.article:
        hits = curation.article_hits(args.article)
        title = hits[0].title if hits else args.article
    elif args.tag:
        hits, title = list(curation.tag_hits(args.tag)), f"Tag: {args.tag}"
    else:
        hits, title = curation.starred_hits(), "Starred paragraphs"
    text = "".join(csv_rows(hits, links)) if args.format == "csv" else markdown_document(title, hits, links)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8", newline="")
        print(f"wrote {len(hits)} paragraphs to {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def cmd_save_search(args) -> int:
    saved = _library(args).curation.save_search(args.name, args.query)
    print(f"saved {saved.name!r}: /search?{saved.query}")
    return 0


def cmd_saved(args) -> int:
    statuses = _library(args).curation.saved_searches()
    for st in statuses:
        counts = st.problem or f"{st.articles} articles, {st.new} new since {st.search.visited[:10]}"
        print(f"{st.search.name}: /search?{st.search.query}  ({counts})")
    if not statuses:
        print("no saved searches")
    return 0


def cmd_forget_search(args) -> int:
    _library(args).curation.forget_search(args.name)
    print(f"forgot the saved search {args.name!r}")
    return 0


def cmd_set_password(args) -> int:
    home = _library(args).home
    if args.stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass("New password: ")
        if getpass.getpass("Again: ") != password:
            raise CuttingsError("The two passwords differ; nothing was changed.")
    PasswordFile(home).set(password)
    print(f"password set for the library at {home}")
    return 0


COMMANDS = {"add": cmd_add, "reindex": cmd_reindex, "serve": cmd_serve, "search": cmd_search,
            "correct": cmd_correct, "speakers": cmd_speakers, "merge": cmd_merge, "split": cmd_split,
            "delete": cmd_delete, "restore": cmd_restore, "trash": cmd_trash, "tag": cmd_tag, "untag": cmd_untag,
            "star": cmd_star, "export": cmd_export, "save-search": cmd_save_search, "saved": cmd_saved,
            "forget-search": cmd_forget_search, "set-password": cmd_set_password}


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
    except OSError as exc:  # a write the library did not expect to fail
        print(f"cuttings: {storage_problem(exc)}" + (f" ({exc.filename})" if exc.filename else ""), file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("cuttings: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
