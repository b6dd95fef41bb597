"""config.toml: the theme and the keys; a bad line is a message, and the app starts anyway."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets._footer import FooterKey

from tui.app.app import StorydiffApp, default_keys
from tui.app.config import Config, load_config
from tui.app.navigation import Position
from tui.app.screens.help import HelpScreen
from tui.app.screens.main import MainScreen
from tui.cli import build_parser
from tui.engine import Comparison
from tui.store.paths import config_file

from .pilot import sync

WIDE = (120, 40)
ACTIONS = default_keys(MainScreen.BINDINGS)
THEMES = {"textual-dark", "textual-light", "nord"}


def read(tmp_path: Path, text: str) -> tuple[Config, list[str]]:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return load_config(path, actions=ACTIONS, themes=THEMES)


def test_a_missing_file_is_the_defaults(tmp_path: Path) -> None:
    assert load_config(tmp_path / "config.toml", actions=ACTIONS, themes=THEMES) == (Config(), [])


def test_theme_and_keys_are_read(tmp_path: Path) -> None:
    config, problems = read(
        tmp_path, 'theme = "nord"\n\n[keys]\nnext_shared = "p, ctrl+k"\ncopy = "c"\n'
    )
    assert problems == []
    assert config.theme == "nord"
    assert dict(config.keys) == {"next_shared": "p,ctrl+k", "copy": "c"}


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        pytest.param('theme = "nord"\n[keys\n', 2, "not valid TOML", id="syntax"),
        pytest.param('theme = "paisley"\n', 1, "unknown theme 'paisley'", id="theme"),
        pytest.param('[keys]\n\nfly = "f"\n', 3, "no action is named 'fly'", id="action"),
        pytest.param("[keys]\ncopy = 3\n", 2, "must be a string", id="not-a-string"),
        pytest.param('[keys]\ncopy = "c c"\n', 2, "must be a string", id="bad-key"),
        pytest.param('[keys]\ncopy = "j"\n', 2, "already the key of 'next_sentence'", id="clash"),
        pytest.param('colour = "red"\n', 1, "unknown setting 'colour'", id="setting"),
        pytest.param('keys = "n"\n', 1, "must be a [keys] table", id="keys-not-table"),
    ],
)
def test_a_bad_line_is_named_and_its_default_kept(
    tmp_path: Path, text: str, line: int, words: str
) -> None:
    config, problems = read(tmp_path, text)
    assert len(problems) == 1, problems
    assert f"config.toml line {line}" in problems[0] or (
        words == "not valid TOML" and f"line {line}" in problems[0]
    )
    assert words in problems[0]
    assert "copy" not in config.keys and config.theme in (None, "nord")


def test_keys_that_share_by_design_may_be_moved_together(tmp_path: Path) -> None:
    # n is next match while searching, else next shared fact.
    config, problems = read(tmp_path, '[keys]\nnext_shared = "n,p"\n')
    assert problems == [] and config.keys["next_shared"] == "n,p"


def test_the_config_lives_beside_aliases(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("STORYDIFF_CONFIG_DIR", str(tmp_path))
    assert config_file() == tmp_path.resolve() / "config.toml"


@sync
async def test_the_users_keys_work_and_show_everywhere(
    tmp_path: Path, handmade_comparison: Comparison
) -> None:
    path = tmp_path / "config.toml"
    path.write_text('theme = "textual-light"\n[keys]\nnext_shared = "p"\n', encoding="utf-8")
    app = StorydiffApp(handmade_comparison, config_path=path)
    async with app.run_test(size=WIDE) as pilot:
        assert app.theme == "textual-light"
        screen = app.screen
        assert isinstance(screen, MainScreen)
        await pilot.press("p")
        assert screen.selection == Position("left", 5)
        await pilot.pause()
        footer = {key.action: key.key_display for key in screen.query(FooterKey)}
        assert footer.get("next_shared") == "p"
        commands = {c.title: c.help for c in app.get_system_commands(screen)}
        assert commands["Shared"] == "key: p"
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        help_text = str(app.screen.query_one("#help-keys").content)
        assert any(
            line.startswith("p ") and "Next shared fact" in line for line in help_text.splitlines()
        )


@sync
async def test_a_bad_config_is_a_message_and_the_app_starts(
    tmp_path: Path, handmade_comparison: Comparison
) -> None:
    path = tmp_path / "config.toml"
    path.write_text('theme = "paisley"\n[keys]\nfly = "f"\n', encoding="utf-8")
    app = StorydiffApp(handmade_comparison, config_path=path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        messages = [str(n.message) for n in app._notifications]
        assert any("line 1" in m and "paisley" in m for m in messages)
        assert any("line 3" in m and "'fly'" in m for m in messages)
        assert app.theme == "textual-dark"
        await pilot.press("n")  # the default keys work
        assert isinstance(app.screen, MainScreen)
        assert app.screen.selection == Position("left", 5)


@sync
async def test_theme_given_to_the_app_wins_over_the_config(
    tmp_path: Path, handmade_comparison: Comparison
) -> None:
    path = tmp_path / "config.toml"
    path.write_text('theme = "nord"\n', encoding="utf-8")
    app = StorydiffApp(handmade_comparison, config_path=path, theme="textual-light")
    async with app.run_test(size=WIDE):
        assert app.theme == "textual-light"


def test_theme_on_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    args = build_parser().parse_args(["open", "--theme", "nord", "a.txt", "b.txt"])
    assert args.theme == "nord"
    with pytest.raises(SystemExit) as stop:
        build_parser().parse_args(["open", "--theme", "paisley", "a.txt", "b.txt"])
    assert stop.value.code == 2
    assert "unknown theme 'paisley'" in capsys.readouterr().err
