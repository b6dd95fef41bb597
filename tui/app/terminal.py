"""Keys from the terminal when standard input held an article.

`storydiff - other.txt` reads one article from a pipe; the app then needs a
keyboard, which that pipe is not. As less and fzf do, the terminal itself
(/dev/tty) becomes standard input once the article is read.
"""

from __future__ import annotations

import os

from tui.engine import InputError

#: The controlling terminal of the process, on Unix.
TERMINAL = "/dev/tty"


def keys_from_terminal(terminal: str = TERMINAL) -> bool:
    """Make the terminal standard input, if standard input is not one already.

    Call it after every article has been read from standard input and before
    the app starts: the app reads its keys from file descriptor 0.

    Args:
        terminal: The terminal device to read keys from.

    Returns:
        True if standard input was replaced, False if it was a terminal already.

    Raises:
        InputError: there is no terminal to read keys from (a pipe with no
            terminal at all, as under cron), or it cannot be opened.
    """
    if os.isatty(0):
        return False
    try:
        fd = os.open(terminal, os.O_RDWR | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise InputError(
            f"standard input held an article, and there is no terminal to read keys from "
            f"({terminal}: {reason}); use 'storydiff compare' to print the comparison instead"
        ) from None
    try:
        # sys.stdin and sys.__stdin__ (which Textual reads) wrap descriptor 0:
        # they read from the terminal from now on.
        os.dup2(fd, 0)
    finally:
        os.close(fd)
    return True
