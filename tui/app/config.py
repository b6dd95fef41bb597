"""The user's settings: ``config.toml`` in storydiff's config folder (theme, keys).

::

    theme = "nord"

    [keys]
    next_shared = "n,ctrl+n"
    copy = "c"

``[keys]`` maps an action's name (as the help screen and the README list them)
to its keys, comma-separated, in Textual's key names ("ctrl+d", "pagedown",
"question_mark" or "?"). A setting that cannot be used is reported with its
line and left at its default; the app always starts.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from tui.sanitize import printable

#: A key as the config may write it: a Textual key name, or one character.
_KEY = re.compile(r"^(?:[a-z]+\+)*(?:[a-z0-9_]+|[^\s,])$")


@dataclass(frozen=True, slots=True)
class Config:
    """Validated settings; each one left as ``None`` or empty keeps the app's default.

    Attributes:
        theme: The Textual theme to start with.
        keys: Keys by action name (a binding's id), as ``"n,ctrl+n"``.
    """

    theme: str | None = None
    keys: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))


def load_config(
    path: Path,
    *,
    actions: Mapping[str, str],
    themes: Collection[str],
) -> tuple[Config, list[str]]:
    """Read and check ``config.toml``; a missing file is no problem.

    Args:
        path: The file.
        actions: Every action a key can be given to, with its default keys
            (``{"next_shared": "n"}``): names to check, and keys that must not clash.
        themes: The themes that exist.

    Returns:
        The settings that can be used, and one message per problem (the file
        and line, what is wrong, that the default is kept).
    """
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        return Config(), []
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        return Config(), [_say(path, None, f"cannot be read ({reason}); using the defaults")]
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return Config(), [_say(path, None, f"is not valid TOML: {exc}; using the defaults")]
    problems: list[str] = []
    theme = data.pop("theme", None)
    if theme is not None and (not isinstance(theme, str) or theme not in themes):
        problems.append(
            _say(
                path,
                _line_of(text, None, "theme"),
                f"unknown theme {theme!r}; the default is kept "
                f"(themes: {', '.join(sorted(themes))})",
            )
        )
        theme = None
    keys = _check_keys(path, text, data.pop("keys", {}), actions, problems)
    for unknown in data:
        problems.append(
            _say(
                path,
                _line_of(text, None, unknown) or _line_of_table(text, unknown),
                f"unknown setting {unknown!r} (settings: theme, [keys]); ignored",
            )
        )
    return Config(theme=theme, keys=MappingProxyType(keys)), problems


def _check_keys(
    path: Path,
    text: str,
    table: object,
    actions: Mapping[str, str],
    problems: list[str],
) -> dict[str, str]:
    if not isinstance(table, dict):
        problems.append(
            _say(path, _line_of(text, None, "keys"), "keys must be a [keys] table; ignored")
        )
        return {}
    chosen: dict[str, str] = {}
    for action, value in table.items():
        line = _line_of(text, "keys", action)
        if action not in actions:
            problems.append(
                _say(path, line, f"no action is named {action!r} (the help screen lists them)")
            )
            continue
        keys = [key.strip() for key in value.split(",")] if isinstance(value, str) else []
        if not keys or not all(_KEY.match(key) for key in keys):
            problems.append(
                _say(
                    path,
                    line,
                    f'the keys of {action!r} must be a string such as "n" or "n,ctrl+n", '
                    f"not {value!r}; its default is kept",
                )
            )
            continue
        chosen[action] = ",".join(keys)
    # A key given to two actions would take it from one of them: keep both defaults.
    final = {**actions, **chosen}
    for action, given in list(chosen.items()):
        clash = _clash(action, given, final, actions)
        if clash is not None:
            key, other = clash
            problems.append(
                _say(
                    path,
                    _line_of(text, "keys", action),
                    f"{key!r} is already the key of {other!r}; {action!r} keeps its default",
                )
            )
            del chosen[action]
            final[action] = actions[action]
    return chosen


def _clash(
    action: str, keys: str, final: Mapping[str, str], defaults: Mapping[str, str]
) -> tuple[str, str] | None:
    """A key of ``action`` that another action has too (unless they share it by design)."""
    mine = set(keys.split(","))
    for other, their_keys in final.items():
        if other == action:
            continue
        # Some actions share a key by design (n: next match while searching, else next
        # shared fact); they may go on sharing it.
        by_design = set(defaults[action].split(",")) & set(defaults[other].split(","))
        common = (mine & set(their_keys.split(","))) - by_design
        if common:
            return sorted(common)[0], other
    return None


def _say(path: Path, line: int | None, message: str) -> str:
    where = f"{path.name} line {line}" if line else path.name
    return printable(f"{where}: {message}")


def _line_of(text: str, table: str | None, key: str) -> int | None:
    """The line (from 1) where ``key = ...`` is set in ``[table]`` (top level when None)."""
    current: str | None = None
    pattern = re.compile(r"^\s*[\"']?" + re.escape(key) + r"[\"']?\s*=")
    for number, line in enumerate(text.splitlines(), start=1):
        header = re.match(r"^\s*\[([^\[\]]+)\]\s*(?:#.*)?$", line)
        if header:
            current = header.group(1).strip().strip("\"'")
            continue
        if current == table and pattern.match(line):
            return number
    return None


def _line_of_table(text: str, table: str) -> int | None:
    """The line of a ``[table]`` header."""
    for number, line in enumerate(text.splitlines(), start=1):
        if re.match(r"^\s*\[\s*[\"']?" + re.escape(table) + r"[\"']?\s*\]", line):
            return number
    return None
