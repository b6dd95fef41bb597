"""The `storydiff` command: argument parsing and dispatch.

`compare` and `export` never import textual; the app is imported only when it opens.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from tui.engine import (
    DEFAULT_MAX_BYTES,
    DEFAULT_SENSITIVITY,
    SIDES,
    InputError,
    compare_documents,
)

if TYPE_CHECKING:
    from tui.engine import Comparison
    from tui.sources import Loaded
    from tui.store import Bookmark, BookmarkStore

PROG = "storydiff"


def _sensitivity(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if not 0.0 <= number <= 1.0:
        raise argparse.ArgumentTypeError(f"must be between 0 and 1, got {value}")
    return number


def _megabytes(value: str) -> int:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of megabytes: {value!r}") from None
    if number <= 0:
        raise argparse.ArgumentTypeError("must be more than 0")
    return int(number * 1024 * 1024)


def _add_pair_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--sensitivity",
        type=_sensitivity,
        default=DEFAULT_SENSITIVITY,
        help=f"0 links only near-identical sentences, 1 links any shared fact "
        f"(default {DEFAULT_SENSITIVITY})",
    )
    parser.add_argument(
        "--max-size",
        type=_megabytes,
        default=DEFAULT_MAX_BYTES,
        metavar="MB",
        help="largest article (file or download) accepted, in MB "
        f"(default {DEFAULT_MAX_BYTES // 2**20})",
    )
    parser.add_argument(
        "--aliases",
        metavar="FILE",
        help="extra names that mean the same ('canonical: alias, alias' per line); "
        "default: aliases.txt in storydiff's config directory, if present",
    )
    parser.add_argument(
        "--refresh",
        action="store_true",
        help="fetch web pages again instead of using the copies cached when they were last fetched",
    )


def _add_article_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "left",
        help="the first article: a text file, a saved web page (.html), an http(s) URL, "
        "or - for standard input",
    )
    parser.add_argument("right", help="the second article")


def _compare_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=f"{PROG} compare", description="Print the comparison of two articles."
    )
    _add_article_arguments(parser)
    parser.add_argument(
        "--format",
        choices=("json", "markdown", "text"),
        default="text",
        help="json (the comparison JSON, version 1), markdown, or a text report (default)",
    )
    _add_pair_options(parser)
    return parser


def _say(message: str) -> None:
    print(f"{PROG}: {message}", file=sys.stderr)


def load_pair(
    left: str,
    right: str,
    *,
    sensitivity: float,
    max_bytes: int,
    refresh: bool = False,
    loaded: Sequence[Loaded] | None = None,
    aliases: Mapping[str, str] | None = None,
) -> Comparison:
    """Load and compare two articles named on the command line.

    ``loaded`` passes the two articles when they were already loaded (by the
    app's loading screen); the checks and notes are the same.

    Raises:
        InputError: either input is unusable; the message is one line.
    """
    from tui.sources import load_documents

    if left == "-" and right == "-":
        raise InputError("only one side can be read from standard input")
    # Two URLs are fetched at the same time; a cached page is reused unless refresh.
    # On a terminal, say which pages are being fetched: it can take seconds.
    progress = _say_fetching if sys.stderr.isatty() else None
    if loaded is None:
        loaded = load_documents(
            (left, right), max_bytes=max_bytes, refresh=refresh, progress=progress
        )
    for item in loaded:
        for warning in item.warnings:
            _say(f"warning: {warning}")
        for note in item.notes:
            _say(f"note: {note}")
    if left != "-" and right != "-" and _same_file(left, right):
        _say("note: both sides are the same file; every sentence will match itself")
    comparison = compare_documents(
        loaded[0].document, loaded[1].document, sensitivity=sensitivity, aliases=aliases
    )
    for side in SIDES:
        article = comparison.article(side)
        # Rules and dots ("* * *", "...") alone are no article: a sentence needs a word.
        if not any(any(ch.isalnum() for ch in s.text) for s in article.body):
            raise InputError(f"{article.source}: no sentences found in the article")
    return comparison


def load_aliases(path: str | None) -> dict[str, str] | None:
    """The user's aliases: from ``--aliases``, else the config file if there is one.

    Raises:
        InputError: the file named by ``--aliases`` is missing or unreadable.
    """
    from tui.engine import parse_aliases, read_text_file
    from tui.store.paths import aliases_file

    if path is None:
        default = aliases_file()
        if not default.is_file():
            return None
        path = str(default)
    return parse_aliases(read_text_file(path).text) or None


def _pair_from_args(
    args: argparse.Namespace,
    left: str,
    right: str,
    *,
    loaded: Sequence[Loaded] | None = None,
    aliases: Mapping[str, str] | None = None,
) -> Comparison:
    """:func:`load_pair` with the pair options every subcommand shares.

    ``aliases`` passes the user's aliases when the caller already read them.
    """
    return load_pair(
        left,
        right,
        sensitivity=args.sensitivity,
        max_bytes=args.max_size,
        refresh=args.refresh,
        loaded=loaded,
        aliases=aliases if aliases is not None else load_aliases(args.aliases),
    )


def _say_fetching(spec: str, what: str) -> None:
    if what == "fetching":
        _say(f"fetching {spec} ...")


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _run_compare(argv: Sequence[str]) -> int:
    args = _compare_parser().parse_args(argv)
    comparison = _pair_from_args(args, args.left, args.right)
    if args.format == "json":
        # The text is always included: offsets index into it, and for a web page
        # it is the extracted text, which exists nowhere else.
        json.dump(comparison.to_dict(include_text=True), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    elif args.format == "markdown":
        from tui.report.markdown import render_markdown

        sys.stdout.write(render_markdown(comparison))
    else:
        from tui.report.text import print_text_report

        print_text_report(comparison)
    return 0


def _add_data_dir_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        default=None,
        help="where bookmarks are kept (default: $STORYDIFF_DATA_DIR, else the user data "
        "directory)",
    )


def _open_store(data_dir_arg: str | None) -> BookmarkStore:
    """The bookmark store for ``--data-dir`` (creates nothing)."""
    from tui.store import BookmarkStore, data_dir

    return BookmarkStore(data_dir(data_dir_arg))


def _pair_bookmarks(comparison: Comparison, data_dir_arg: str | None) -> list[Bookmark]:
    """This pair's saved bookmarks; a warning and none when bookmarks are unavailable."""
    from tui.store import BookmarksUnavailable, pair_identity

    store = _open_store(data_dir_arg)
    try:
        marks = store.for_pair(pair_identity(comparison))
    except BookmarksUnavailable as exc:
        _say(f"warning: {exc}")
        marks = []
    for notice in store.take_notices():
        _say(f"warning: {notice}")
    store.close()
    return marks


def _export_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=f"{PROG} export",
        description="Export the comparison of two articles, with their bookmarks, to a file.",
    )
    _add_article_arguments(parser)
    parser.add_argument(
        "--format",
        choices=("markdown", "json", "html"),
        default="markdown",
        help="markdown (default), json (comparison JSON v1 plus bookmarks) or html",
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="the file to write, or - for standard output "
        "(default: storydiff-LEFT-vs-RIGHT.EXT in the current directory)",
    )
    parser.add_argument(
        "--force", action="store_true", help="replace FILE if it exists (never done without)"
    )
    _add_pair_options(parser)
    _add_data_dir_option(parser)
    return parser


def _run_export(argv: Sequence[str]) -> int:
    from pathlib import Path

    from tui.report.export import default_name, render, write_new

    args = _export_parser().parse_args(argv)
    comparison = _pair_from_args(args, args.left, args.right)
    text = render(args.format, comparison, _pair_bookmarks(comparison, args.data_dir))
    if args.output == "-":
        sys.stdout.write(text)
        return 0
    target = Path(args.output or default_name(comparison, args.format))
    try:
        write_new(target, text, force=args.force)
    except FileExistsError:
        _say(f"{target} already exists; choose another -o FILE or add --force to replace it")
        return 2
    except OSError as exc:
        _say(f"cannot write {target}: {exc.strerror or exc}")
        return 1
    print(f"wrote {target}")
    return 0


def _bookmarks_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=f"{PROG} bookmarks",
        description="List saved bookmarks: of one pair of articles, or of every pair (--all).",
    )
    parser.add_argument("left", nargs="?", help="the first article")
    parser.add_argument("right", nargs="?", help="the second article")
    parser.add_argument("--all", action="store_true", help="every pair's bookmarks")
    parser.add_argument(
        "--format", choices=("text", "json"), default="text", help="text (default) or json"
    )
    _add_pair_options(parser)
    _add_data_dir_option(parser)
    return parser


def _run_bookmarks(argv: Sequence[str]) -> int:
    from tui.store import BookmarksUnavailable

    parser = _bookmarks_parser()
    args = parser.parse_args(argv)
    if args.all == (args.left is not None) or (args.left is None) != (args.right is None):
        parser.error("give two articles, or --all")
    from tui.report.bookmark_list import all_listing, pair_listing

    if args.all:
        store = _open_store(args.data_dir)
        try:
            pairs = store.list_all()
        except BookmarksUnavailable as exc:
            _say(str(exc))
            return 1
        finally:
            for notice in store.take_notices():
                _say(f"warning: {notice}")
            store.close()
        sys.stdout.write(all_listing(pairs, args.format))
        return 0
    comparison = _pair_from_args(args, args.left, args.right)
    sys.stdout.write(
        pair_listing(comparison, _pair_bookmarks(comparison, args.data_dir), args.format)
    )
    return 0


def _app_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Compare how two outlets reported the same story, side by side. "
        "With no articles, opens the sample pair.",
        epilog=f"subcommands: {PROG} compare LEFT RIGHT [--format json|markdown|text]; "
        f"{PROG} export LEFT RIGHT [--format markdown|json|html] [-o FILE]; "
        f"{PROG} bookmarks [--all | LEFT RIGHT] [--format json]. "
        f"Run '{PROG} SUBCOMMAND --help' for its options.",
    )
    parser.add_argument("left", nargs="?", help="the first article")
    parser.add_argument("right", nargs="?", help="the second article")
    _add_pair_options(parser)
    _add_data_dir_option(parser)
    return parser


def _run_app(argv: Sequence[str]) -> int:
    parser = _app_parser()
    args = parser.parse_args(argv)
    if (args.left is None) != (args.right is None):
        parser.error("give two articles, or none to open the sample pair")
    if args.left is None:
        from tui.samples import default_pair

        pair = default_pair()
        left, right = str(pair.left), str(pair.right)
    else:
        left, right = args.left, args.right
    # Read once, before any page is fetched: a bad --aliases fails at once, and
    # the app's re-alignment uses the same table.
    aliases = load_aliases(args.aliases)
    loaded = _load_with_progress(left, right, max_bytes=args.max_size, refresh=args.refresh)
    comparison = _pair_from_args(args, left, right, loaded=loaded, aliases=aliases)
    from tui.app.app import StorydiffApp, recompare_from

    StorydiffApp(
        comparison, recompare=recompare_from(comparison, aliases), data_dir=args.data_dir
    ).run()
    return 0


def _load_with_progress(
    left: str, right: str, *, max_bytes: int, refresh: bool
) -> Sequence[Loaded] | None:
    """Load the pair in the loading app when a page must be fetched; else None.

    Fetching can take seconds, and the app should show progress meanwhile.
    Standard input cannot be read while an app owns the terminal, so ``-``
    loads the plain way.
    """
    from tui.sources import needs_fetch

    if "-" in (left, right) or not sys.stdout.isatty():
        return None
    if not any(needs_fetch(spec, refresh=refresh) for spec in (left, right)):
        return None
    try:
        from tui.app.loading import load_with_progress
    except ImportError:
        return None
    return load_with_progress((left, right), max_bytes=max_bytes, refresh=refresh)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; returns the exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        if args and args[0] == "compare":
            return _run_compare(args[1:])
        if args and args[0] == "export":
            return _run_export(args[1:])
        if args and args[0] == "bookmarks":
            return _run_bookmarks(args[1:])
        return _run_app(args)
    except InputError as exc:
        _say(str(exc))
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader of our output went away (`| head`): not an error worth a traceback.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
