"""The one place that decides where storydiff keeps its files: data, config and cache.

Nothing here touches the disk: directories are created by whoever writes first.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

APP_NAME = "storydiff"
DATA_DIR_ENV = "STORYDIFF_DATA_DIR"
CONFIG_DIR_ENV = "STORYDIFF_CONFIG_DIR"
CACHE_DIR_ENV = "STORYDIFF_CACHE_DIR"
ALIASES_FILE = "aliases.txt"
CONFIG_FILE = "config.toml"


def _absolute(path: str | os.PathLike[str]) -> Path:
    """``path`` made absolute, ``~`` expanded and links followed where that works.

    A symbolic link loop or an unknown ``~user`` is left as written (made
    absolute), for the code that uses the folder to report; resolving raises on
    them, which was a traceback before any message could be given.
    """
    folder = Path(path)
    with contextlib.suppress(RuntimeError):  # no home directory for that user
        folder = folder.expanduser()
    try:
        return folder.resolve()
    except (RuntimeError, OSError):  # a symbolic link loop
        return Path(os.path.abspath(folder))


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The directory holding storydiff's data (the bookmarks database).

    The choice, first that applies: ``override`` (the ``--data-dir`` argument),
    the ``STORYDIFF_DATA_DIR`` environment variable, then the platform's user
    data directory for "storydiff".

    Args:
        override: A directory given on the command line, or ``None``.

    Returns:
        An absolute path; it may not exist yet.
    """
    if override is not None and str(override) != "":
        return _absolute(override)
    from_env = os.environ.get(DATA_DIR_ENV, "")
    if from_env:
        return _absolute(from_env)
    # Imported here so that importing the store costs nothing until a path is needed.
    import platformdirs

    return _absolute(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def config_dir() -> Path:
    """The folder of the user's own settings (``config.toml``, ``aliases.txt``).

    ``STORYDIFF_CONFIG_DIR`` when set, else the platform's user config
    directory for "storydiff". It may not exist.
    """
    from_env = os.environ.get(CONFIG_DIR_ENV, "")
    if from_env:
        return _absolute(from_env)
    import platformdirs

    return _absolute(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def aliases_file() -> Path:
    """The user's own name aliases (``canonical: alias, alias`` lines), which may not exist."""
    return config_dir() / ALIASES_FILE


def config_file() -> Path:
    """The app's settings (theme, keys) in TOML, which may not exist."""
    return config_dir() / CONFIG_FILE


def cache_dir() -> Path:
    """The folder for fetched web pages (the page cache, ``tui.sources.cache``).

    ``STORYDIFF_CACHE_DIR`` when set, else ``pages`` in the platform's user
    cache directory for "storydiff".
    """
    from_env = os.environ.get(CACHE_DIR_ENV, "")
    if from_env:
        return Path(from_env)
    import platformdirs

    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)) / "pages"
