"""The command line: one parser with a subcommand per job, the app the default."""

from __future__ import annotations

import pytest

from tui.cli import COMMANDS, DEFAULT_COMMAND, main


def test_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    for name in COMMANDS:
        assert f"    {name}" in out, name


@pytest.mark.parametrize(
    "argv",
    [
        pytest.param(["only-one.txt"], id="plain"),
        pytest.param(["--sensitivity", "0.3", "only-one.txt"], id="option-first"),
        pytest.param([DEFAULT_COMMAND, "only-one.txt"], id="named"),
    ],
)
def test_without_a_command_the_app_is_the_command(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2
    # One line, naming the plain command (which is how it is mostly run).
    assert capsys.readouterr().err == (
        "storydiff: give two articles, or none to open the sample pair (see storydiff --help)\n"
    )


def test_an_unknown_option_of_a_command_is_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["compare", "a.txt", "b.txt", "--data-dir", "x"])
    assert exit_info.value.code == 2
    assert "unrecognized arguments: --data-dir" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        pytest.param(
            ["compare", "a.txt", "b.txt", "--max-size", "inf"],
            "storydiff compare: argument --max-size: must be more than 0 and at most 1000000, "
            "got inf (see storydiff compare --help)",
            id="bad-value",
        ),
        pytest.param(
            ["bookmarks", "a.txt"],
            "storydiff bookmarks: give two articles, or --all (see storydiff bookmarks --help)",
            id="check-by-hand",
        ),
        pytest.param(
            ["compare", "a.txt", "b.txt", "\x1b]0;pwned\x07"],
            "storydiff: unrecognized arguments: \u241b]0;pwned\u2407 (see storydiff --help)",
            id="hostile-argument",
        ),
    ],
)
def test_a_usage_error_is_one_inert_line(
    argv: list[str], expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 2
    captured = capsys.readouterr()
    assert captured.err == expected + "\n"
    assert captured.out == ""
