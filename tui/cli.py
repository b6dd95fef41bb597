"""The `storydiff` command: one argparse parser, a subcommand per job.

`open` (the default: `storydiff LEFT RIGHT`) shows the app; `compare`, `export`
and `bookmarks` print or write, and never import textual. What counts as usable
input is decided in `tui.sources`, not here.
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, NoReturn

from tui.engine import DEFAULT_MAX_BYTES, DEFAULT_SENSITIVITY, InputError, compare_documents
from tui.sources import DEFAULT_TIMEOUT

if TYPE_CHECKING:
    from tui.engine import Comparison, Progress
    from tui.sources import Loaded
    from tui.store import Bookmark, BookmarkStore

PROG = "storydiff"
_MAX_TIMEOUT = 3600.0
# A terabyte, near enough: far above any article, and a byte count every
# reader and socket call still takes as an int.
_MAX_MEGABYTES = 1_000_000
#: Every subcommand (see :func:`build_parser`).
COMMANDS = ("open", "compare", "export", "bookmarks")
#: The subcommand that runs when the first argument names none: `storydiff A B` opens the app.
DEFAULT_COMMAND = "open"

Run = Callable[[argparse.Namespace, argparse.ArgumentParser], int]


class _Parser(argparse.ArgumentParser):
    """argparse, with a usage error on one line of stderr (exit code 2).

    argparse prints the whole usage before the error; a wrong option then
    reads as several lines that bury the one that matters. The error names
    where the usage is instead. Its message quotes the user's arguments, so it
    goes through the sanitiser like every other message.
    """

    def error(self, message: str) -> NoReturn:
        from tui.sanitize import printable

        self.exit(2, f"{printable(f'{self.prog}: {message}')} (see {self.prog} --help)\n")


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
    # Checked before converting: int() of inf (from "inf", or "1e308" times a
    # megabyte) raises OverflowError, and nan compares false with everything.
    if not 0 < number <= _MAX_MEGABYTES:
        raise argparse.ArgumentTypeError(
            f"must be more than 0 and at most {_MAX_MEGABYTES}, got {value}"
        )
    size = int(number * 1024 * 1024)
    if size < 1:
        raise argparse.ArgumentTypeError(f"must be at least one byte, got {value}")
    return size


def _seconds(value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of seconds: {value!r}") from None
    if not 0 < number <= _MAX_TIMEOUT:
        raise argparse.ArgumentTypeError(f"must be more than 0 and at most {_MAX_TIMEOUT:g}")
    return number


def _theme(value: str) -> str:
    # Only `open --theme` gets here: textual is imported for the app anyway.
    from textual.theme import BUILTIN_THEMES

    if value not in BUILTIN_THEMES:
        raise argparse.ArgumentTypeError(
            f"unknown theme {value!r}; choose one of {', '.join(sorted(BUILTIN_THEMES))}"
        )
    return value


def _pair_options() -> _Parser:
    """The options of every command that compares two articles."""
    parser = _Parser(add_help=False)
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
    parser.add_argument(
        "--timeout",
        type=_seconds,
        default=DEFAULT_TIMEOUT,
        metavar="SECONDS",
        help="the most one web page may take, from connecting to its last byte "
        f"(default {DEFAULT_TIMEOUT:g})",
    )
    return parser


def _data_dir_option() -> _Parser:
    parser = _Parser(add_help=False)
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        default=None,
        help="where bookmarks are kept (default: $STORYDIFF_DATA_DIR, else the user data "
        "directory)",
    )
    return parser


def _articles(*, optional: bool = False) -> _Parser:
    parser = _Parser(add_help=False)
    nargs = "?" if optional else None
    parser.add_argument(
        "left",
        nargs=nargs,
        help="the first article: a text file, a saved web page (.html), an http(s) URL, "
        "or - for standard input",
    )
    parser.add_argument("right", nargs=nargs, help="the second article")
    return parser


def build_parser() -> argparse.ArgumentParser:
    """The whole command line: a parser per subcommand, each run by its ``run`` default."""
    parser = _Parser(
        prog=PROG,
        description="Compare how two outlets reported the same story, side by side.",
        epilog=f"'{PROG} LEFT RIGHT' is '{PROG} {DEFAULT_COMMAND} LEFT RIGHT'; with no "
        f"articles it opens the sample pair. Run '{PROG} COMMAND --help' for its options.",
    )
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")
    pair, data_dir = _pair_options(), _data_dir_option()

    app = commands.add_parser(
        DEFAULT_COMMAND,
        # Its usage reads as the plain command, which is how it is mostly run.
        prog=PROG,
        parents=[_articles(optional=True), pair, data_dir],
        help="open two articles side by side in the app (the default command)",
        description="Open two articles side by side. With no articles, opens the sample pair.",
    )
    app.add_argument(
        "--theme",
        type=_theme,
        metavar="NAME",
        help="the colour theme (default: the config file's, else textual-dark); "
        "ctrl+p in the app lists them",
    )
    app.set_defaults(run=_run_app, parser=app)

    compare = commands.add_parser(
        "compare",
        parents=[_articles(), pair],
        help="print the comparison of two articles",
        description="Print the comparison of two articles.",
    )
    compare.add_argument(
        "--format",
        choices=("json", "markdown", "text"),
        default="text",
        help="json (the comparison JSON, version 1), markdown, or a text report (default)",
    )
    compare.set_defaults(run=_run_compare, parser=compare)

    export = commands.add_parser(
        "export",
        parents=[_articles(), pair, data_dir],
        help="export the comparison, with its bookmarks, to a file",
        description="Export the comparison of two articles, with their bookmarks, to a file.",
    )
    export.add_argument(
        "--format",
        choices=("markdown", "json", "html"),
        default="markdown",
        help="markdown (default), json (comparison JSON v1 plus bookmarks) or html",
    )
    export.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="the file to write, or - for standard output "
        "(default: storydiff-LEFT-vs-RIGHT.EXT in the current directory)",
    )
    export.add_argument(
        "--force", action="store_true", help="replace FILE if it exists (never done without)"
    )
    export.set_defaults(run=_run_export, parser=export)

    bookmarks = commands.add_parser(
        "bookmarks",
        parents=[_articles(optional=True), pair, data_dir],
        help="list saved bookmarks",
        description="List saved bookmarks: of one pair of articles, or of every pair (--all).",
    )
    bookmarks.add_argument("--all", action="store_true", help="every pair's bookmarks")
    bookmarks.add_argument(
        "--format", choices=("text", "json"), default="text", help="text (default) or json"
    )
    bookmarks.set_defaults(run=_run_bookmarks, parser=bookmarks)
    return parser


def _with_command(argv: list[str]) -> list[str]:
    """``argv`` with the default command in front when it names no command."""
    if argv and (argv[0] in COMMANDS or argv[0] in ("-h", "--help")):
        return argv
    return [DEFAULT_COMMAND, *argv]


def _say(message: str) -> None:
    # Messages quote file names, URLs and servers: never a control character,
    # and always one line.
    from tui.sanitize import printable

    # Standard error that cannot be written (a full device) leaves nowhere to
    # say it; the exit code still does.
    with contextlib.suppress(OSError):
        print(f"{PROG}: {printable(message)}", file=sys.stderr)


def load_pair(
    left: str,
    right: str,
    *,
    sensitivity: float,
    max_bytes: int,
    refresh: bool = False,
    timeout: float = DEFAULT_TIMEOUT,
    aliases: Mapping[str, str] | None = None,
) -> Comparison:
    """Load and compare two articles named on the command line.

    Raises:
        InputError: either input is unusable; the message is one line.
    """
    from tui.sources import load_documents

    # Two URLs are fetched at the same time; a cached page is reused unless refresh.
    # On a terminal, say which pages are being fetched: it can take seconds.
    progress = _say_fetching if sys.stderr.isatty() else None
    loaded = load_documents(
        (left, right), max_bytes=max_bytes, refresh=refresh, timeout=timeout, progress=progress
    )
    _tell(loaded)
    return compare_loaded(loaded, sensitivity=sensitivity, aliases=aliases)


def compare_loaded(
    loaded: Sequence[Loaded],
    *,
    sensitivity: float,
    aliases: Mapping[str, str] | None = None,
    progress: Progress | None = None,
) -> Comparison:
    """Compare two loaded articles; ``progress`` as for ``compare_documents``.

    Raises:
        InputError: an article has no sentences to compare.
    """
    from tui.sources import require_sentences

    comparison = compare_documents(
        loaded[0].document,
        loaded[1].document,
        sensitivity=sensitivity,
        aliases=aliases,
        progress=progress,
    )
    require_sentences(comparison)
    return comparison


def _tell(loaded: Sequence[Loaded]) -> None:
    """Say what the user should know of the loaded articles (warnings, then notes)."""
    for item in loaded:
        for warning in item.warnings:
            _say(f"warning: {warning}")
        for note in item.notes:
            _say(f"note: {note}")


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


def _pair_from_args(args: argparse.Namespace, left: str, right: str) -> Comparison:
    """:func:`load_pair` with the pair options every subcommand shares."""
    return load_pair(
        left,
        right,
        sensitivity=args.sensitivity,
        max_bytes=args.max_size,
        refresh=args.refresh,
        timeout=args.timeout,
        aliases=load_aliases(args.aliases),
    )


def _say_fetching(spec: str, what: str) -> None:
    if what == "fetching":
        from tui.sources import shown_url

        _say(f"fetching {shown_url(spec)} ...")


def _run_compare(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    comparison = _pair_from_args(args, args.left, args.right)
    if args.format == "json":
        # The text is always included: offsets index into it, and for a web page
        # it is the extracted text, which exists nowhere else.
        # Compact: json's C encoder runs only without indentation (indent=1 took
        # 2.7 s of 3.5 on two 4.5 MB articles; this takes 0.8 s). Written in
        # parts, never held as one string. `python -m json.tool` or jq lay it
        # out for reading.
        from tui.report.json_stream import json_parts

        for part in json_parts(comparison.to_dict(include_text=True)):
            sys.stdout.write(part)
        sys.stdout.write("\n")
    elif args.format == "markdown":
        from tui.report.markdown import render_markdown

        sys.stdout.write(render_markdown(comparison))
    else:
        from tui.report.text import print_text_report

        print_text_report(comparison)
    return 0


def _open_store(data_dir_arg: str | None) -> BookmarkStore:
    """The bookmark store for ``--data-dir`` (creates nothing)."""
    from tui.store import BookmarkStore, data_dir

    return BookmarkStore(data_dir(data_dir_arg))


def _pair_bookmarks(comparison: Comparison, data_dir_arg: str | None) -> list[Bookmark]:
    """This pair's saved bookmarks (notices said as warnings).

    Raises:
        BookmarksUnavailable: they cannot be read; the message says why.
    """
    from tui.store import pair_identity

    store = _open_store(data_dir_arg)
    try:
        return store.for_pair(pair_identity(comparison))
    finally:
        for notice in store.take_notices():
            _say(f"warning: {notice}")
        store.close()


def _run_export(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from pathlib import Path

    from tui.report.export import default_name, render, write_new
    from tui.store import BookmarksUnavailable

    comparison = _pair_from_args(args, args.left, args.right)
    try:
        marks = _pair_bookmarks(comparison, args.data_dir)
    except BookmarksUnavailable as exc:
        # The comparison is still worth having; the message says what it lacks.
        _say(f"warning: {exc}; exporting without bookmarks")
        marks = []
    text = render(args.format, comparison, marks)
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
    from tui.sanitize import printable

    print(f"wrote {printable(str(target))}")
    return 0


def _run_bookmarks(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    from tui.store import BookmarksUnavailable

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
    try:
        marks = _pair_bookmarks(comparison, args.data_dir)
    except BookmarksUnavailable as exc:
        # Never "no bookmarks" when they could not be read.
        _say(str(exc))
        return 1
    sys.stdout.write(pair_listing(comparison, marks, args.format))
    return 0


def _run_app(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
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
    from functools import partial

    from tui.sources import load_documents

    load_both = partial(
        load_documents,
        (left, right),
        max_bytes=args.max_size,
        refresh=args.refresh,
        timeout=args.timeout,
    )
    read_first: Sequence[Loaded] | None = None
    if "-" in (left, right):
        # Standard input cannot be read once the app owns the terminal: the pair
        # is read first, and the keys then come from the terminal.
        read_first = load_both(progress=_say_fetching if sys.stderr.isatty() else None)
        from tui.app.terminal import keys_from_terminal

        keys_from_terminal()
    told: list[Loaded] = []

    def load(progress: Callable[[str, str], None]) -> Sequence[Loaded]:
        loaded = read_first if read_first is not None else load_both(progress=progress)
        told.extend(loaded)
        return loaded

    def compare(loaded: Sequence[Loaded], progress: Progress) -> Comparison:
        return compare_loaded(
            loaded, sensitivity=args.sensitivity, aliases=aliases, progress=progress
        )

    from tui.app.app import StorydiffApp
    from tui.app.loading import Opening

    # The app opens at once, on the progress of loading and comparing the pair.
    app = StorydiffApp(
        Opening((left, right), load, compare),
        aliases=aliases,
        data_dir=args.data_dir,
        theme=args.theme,
    )
    failure = app.run()
    # Said in the app too; said here as well, where they stay after it has gone.
    _tell(told)
    if failure is not None:
        raise failure
    if app.return_code:
        return app.return_code
    if not app.opened:
        raise KeyboardInterrupt  # quit while opening: as an interrupt, exit code 130
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; returns the exit code."""
    args = build_parser().parse_args(_with_command(list(sys.argv[1:] if argv is None else argv)))
    run: Run = args.run
    if sys.stderr is None:
        # File descriptor 2 closed (`2>&-`): messages have nowhere to go, exit codes still do.
        sys.stderr = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - open for the run
    if sys.stdout is None:
        # Python starts with no sys.stdout when file descriptor 1 is closed (`>&-`).
        _say("cannot write to standard output: it is closed")
        return 1
    try:
        code = run(args, args.parser)
        # Output is buffered: a full device or a reader gone often shows only here,
        # and after main returns it would be a traceback.
        sys.stdout.flush()
        return code
    except InputError as exc:
        _say(str(exc))
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader of our output went away (`| head`): not an error worth a traceback.
        _drop_output()
        return 1
    except OSError as exc:
        if exc.filename is not None or exc.errno not in _OUTPUT_ERRORS:
            raise
        _drop_output()
        _say(f"cannot write to standard output: {exc.strerror or exc}")
        return 1


# Why writing to standard output can fail: `>/dev/full`, a full disk or quota, a
# file size limit, a device error. Errors naming a file come from elsewhere.
_OUTPUT_ERRORS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO})


def _drop_output() -> None:
    """Send what is still buffered for standard output nowhere.

    Python flushes standard output once more on exit; writing to the same
    broken file would fail again, as a second error after ours.
    """
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)
