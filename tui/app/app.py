"""The storydiff reading app."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import partial
from pathlib import Path

from textual import on
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from tui.app.config import load_config
from tui.app.loading import Opening, OpeningScreen
from tui.app.screens.main import MainScreen, Recompare
from tui.engine import Comparison, Document, InputError, Progress, compare_documents
from tui.sanitize import printable
from tui.store import BookmarkStore
from tui.store import data_dir as resolve_data_dir
from tui.store.paths import config_file

#: The theme when neither ``--theme`` nor the config file names one.
DEFAULT_THEME = "textual-dark"


def default_keys(bindings: Iterable[BindingType]) -> dict[str, str]:
    """Every binding's id with its default keys: the names a config file may rebind."""
    return {
        binding.id: binding.key
        for binding in bindings
        if isinstance(binding, Binding) and binding.id is not None
    }


def recompare_from(comparison: Comparison, aliases: Mapping[str, str] | None = None) -> Recompare:
    """A function that compares the same two articles again at another sensitivity.

    Args:
        comparison: A comparison whose articles carry their full text.
        aliases: The user's aliases the comparison was made with.

    Returns:
        ``recompare(sensitivity, progress=None) -> Comparison``.
    """
    documents = tuple(
        Document(
            article.text,
            source=article.source,
            title=article.title,
            outlet=article.outlet,
            author=article.author,
            date=article.date,
        )
        for article in (comparison.left, comparison.right)
    )

    def recompare(sensitivity: float, *, progress: Progress | None = None) -> Comparison:
        return compare_documents(
            *documents, sensitivity=sensitivity, aliases=aliases, progress=progress
        )

    return recompare


class StorydiffApp(App[InputError | None]):
    """Two articles side by side, their shared facts linked, driven from the keyboard.

    The app's result is the InputError that ended an opening, else None (see
    :attr:`opened` for a quit before the reading screen).

    Args:
        comparison: What to show; or an Opening, which the app loads and compares
            first, with progress on screen (tui.app.loading).
        recompare: Recomputes the comparison at another sensitivity (for + and -);
            by default the engine compares the same texts again.
        aliases: The user's aliases, for that default.
        theme: The Textual theme to start with (``--theme``; the command palette
            changes it); by default the config file's, else textual-dark.
        data_dir: Where bookmarks are kept (``--data-dir``).
        config_path: The settings file; by default ``config.toml`` in the
            config folder (see :mod:`tui.app.config`).
    """

    CSS_PATH = "app.tcss"
    TITLE = "storydiff"

    def __init__(
        self,
        comparison: Comparison | Opening,
        *,
        recompare: Recompare | None = None,
        aliases: Mapping[str, str] | None = None,
        theme: str | None = None,
        data_dir: str | Path | None = None,
        config_path: Path | None = None,
    ) -> None:
        super().__init__()
        #: Bookmarks live here: ``data_dir``, else $STORYDIFF_DATA_DIR, else the user data dir.
        self.bookmark_store = BookmarkStore(resolve_data_dir(data_dir))
        self.opening = comparison if isinstance(comparison, Opening) else None
        #: The comparison on the reading screen (None while the opening makes it).
        self.comparison = comparison if isinstance(comparison, Comparison) else None
        self.aliases = aliases
        self.recompare = recompare
        if self.recompare is None and self.comparison is not None:
            self.recompare = recompare_from(self.comparison, aliases)
        config, self.config_problems = load_config(
            config_path or config_file(),
            actions=default_keys(MainScreen.BINDINGS),
            themes=set(self.available_themes),
        )
        #: The user's keys by action name (a binding's id): the Footer, help and palette show them.
        self.keymap: dict[str, str] = dict(config.keys)
        self.set_keymap(self.keymap)
        self.theme = theme or config.theme or DEFAULT_THEME

    @property
    def opened(self) -> bool:
        """Whether the reading screen has a comparison (False after a quit while opening)."""
        return self.comparison is not None

    def on_mount(self) -> None:
        for problem in self.config_problems:
            self.notify(problem, severity="warning", timeout=12, markup=False)

    @on(OpeningScreen.Opened)
    def _opened(self, event: OpeningScreen.Opened) -> None:
        self.comparison = event.comparison
        if self.recompare is None:
            self.recompare = recompare_from(event.comparison, self.aliases)
        # Pushed over the opening screen, which stays below it, finished: the
        # app's first screen cannot be switched out (it has no result callback).
        self.push_screen(self._reading_screen())
        for item in event.loaded:
            for warning in item.warnings:
                self.notify(printable(warning), severity="warning", timeout=12, markup=False)
            for note in item.notes:
                self.notify(printable(note), timeout=8, markup=False)

    @on(OpeningScreen.Failed)
    def _failed(self, event: OpeningScreen.Failed) -> None:
        self.exit(event.error)

    def keys_of(self, binding: Binding) -> str:
        """A binding's keys as the user set them (the config's), else its own."""
        if binding.id is not None and binding.id in self.keymap:
            return self.keymap[binding.id]
        return binding.key

    def key_label(self, binding: Binding) -> str:
        """How a binding's keys are shown (its ``key_display`` unless the user rebound it)."""
        if binding.id is not None and binding.id in self.keymap:
            return self.keymap[binding.id]
        return binding.key_display or binding.key

    def get_default_screen(self) -> Screen[None]:
        if self.opening is not None and self.comparison is None:
            return OpeningScreen(self.opening)
        return self._reading_screen()

    def _reading_screen(self) -> MainScreen:
        assert self.comparison is not None and self.recompare is not None
        return MainScreen(self.comparison, self.recompare, self.bookmark_store)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """The palette lists every action of the reading view, then Textual's own."""
        if isinstance(screen, MainScreen):
            seen: set[str] = set()
            for binding in screen.BINDINGS:
                if not isinstance(binding, Binding) or binding.action in seen:
                    continue
                seen.add(binding.action)
                if screen.action_state(binding.action) is False:
                    continue
                yield SystemCommand(
                    binding.description,
                    f"key: {self.key_label(binding)}",
                    partial(screen.run_action, binding.action),
                )
        yield from super().get_system_commands(screen)
