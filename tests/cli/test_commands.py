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
    err = capsys.readouterr().err
    assert "give two articles, or none to open the sample pair" in err
    # Its usage reads as the plain command.
    assert err.startswith("usage: storydiff [-h]")


def test_an_unknown_option_of_a_command_is_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["compare", "a.txt", "b.txt", "--data-dir", "x"])
    assert exit_info.value.code == 2
    assert "unrecognized arguments: --data-dir" in capsys.readouterr().err
