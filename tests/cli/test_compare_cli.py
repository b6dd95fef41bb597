"""`storydiff compare` through a real process: bad input is one line and exit 2.

Every case runs ``python -m tui compare`` in a subprocess, as a user would, so a
traceback or a stray second line on stderr fails the test.
"""

from __future__ import annotations

import codecs
import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# Sentences enough to make an article on their own.
ARTICLE = (
    "Ministers met in Ankara on Monday to discuss the plan.\n\n"
    "The proposal would send 2,000 troops to the region by August. "
    "Officials said the talks would continue next week.\n"
)

# Bytes that cp1252 leaves undefined; with one of them, and invalid UTF-8,
# no decoding the command tries can read the file.
CP1252_UNDEFINED = (0x81, 0x8D, 0x8F, 0x90, 0x9D)

PNG_HEADER = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00"
)


def run_cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    """Run ``python -m tui`` with ``args``; stdout and stderr decoded as UTF-8."""
    return subprocess.run(
        [sys.executable, "-m", "tui", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        timeout=120,
        check=False,
    )


def assert_one_line_error(done: subprocess.CompletedProcess[str]) -> str:
    """Exit 2, exactly one non-empty line on stderr, no traceback; returns the line."""
    assert done.returncode == 2, (done.returncode, done.stderr)
    assert "Traceback" not in done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].strip()
    assert done.stdout == ""
    return lines[0]


@pytest.fixture
def good(tmp_path: Path) -> Path:
    path = tmp_path / "good.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _folder(path: Path) -> Path:
    path.mkdir()
    return path


def _undecodable() -> bytes:
    data = ARTICLE.encode("utf-8")
    # Each undefined byte follows ASCII text, so it is also a stray UTF-8
    # continuation byte: invalid UTF-8 and undefined in cp1252.
    return data + b"".join(b" word" + bytes([b]) for b in CP1252_UNDEFINED) + b".\n"


# name -> how to make the bad input in a temporary folder
BAD_INPUTS = {
    "missing": lambda d: d / "no-such-article.txt",
    "directory": lambda d: _folder(d / "folder"),
    "empty": lambda d: _write(d / "empty.txt", b""),
    "whitespace-only": lambda d: _write(d / "blank.txt", b"  \n\n\t \r\n   \n"),
    "png-header": lambda d: _write(d / "picture.txt", PNG_HEADER + ARTICLE.encode()),
    "nul-bytes": lambda d: _write(d / "nul.txt", ARTICLE.encode().replace(b" ", b"\x00")),
    "undecodable": lambda d: _write(d / "mojibake.txt", _undecodable()),
    # A UTF-16 BOM then an odd number of bytes: truncated, not UTF-16.
    "broken-utf-16": lambda d: _write(
        d / "cut.txt", codecs.BOM_UTF16_LE + ARTICLE.encode("utf-16-le")[:-1]
    ),
    "no-sentences": lambda d: _write(d / "rules.txt", "— * —\n\n* * *\n\n...\n".encode()),
}


@pytest.mark.parametrize("side", ["left", "right"])
@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_is_one_line_and_exit_2(tmp_path: Path, good: Path, case: str, side: str) -> None:
    bad = BAD_INPUTS[case](tmp_path)
    pair = [str(bad), str(good)] if side == "left" else [str(good), str(bad)]
    line = assert_one_line_error(run_cli("compare", *pair, "--format", "json"))
    # A clear message says which input is at fault.
    assert bad.name in line


def test_undecodable_fixture_really_is_undecodable() -> None:
    data = _undecodable()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    with pytest.raises(UnicodeDecodeError):
        data.decode("cp1252")


def test_file_over_the_size_limit(tmp_path: Path, good: Path) -> None:
    big = tmp_path / "long.txt"
    big.write_text(ARTICLE * 40, encoding="utf-8")  # about 5 KB, over 0.001 MB
    line = assert_one_line_error(
        run_cli("compare", str(big), str(good), "--max-size", "0.001", "--format", "json")
    )
    assert big.name in line
    # The message says how to get past the limit, and shows the limit as given, not as zero.
    assert "--max-size" in line
    assert "over the 0.0" not in line
    # The same file within the limit is fine: it was the size, nothing else.
    assert run_cli("compare", str(big), str(good), "--format", "json").returncode == 0


def test_sensitivity_out_of_range_is_exit_2(good: Path) -> None:
    done = run_cli("compare", str(good), str(good), "--sensitivity", "2")
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "sensitivity" in done.stderr
    assert done.stdout == ""


def _parse(done: subprocess.CompletedProcess[str]) -> dict:  # type: ignore[type-arg]
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    return json.loads(done.stdout)


def _assert_offsets_index(side: dict, text: str) -> None:  # type: ignore[type-arg]
    assert side["sentences"], "expected sentences"
    for sentence in side["sentences"]:
        assert text[sentence["start"] : sentence["end"]] == sentence["text"]


@pytest.mark.parametrize(
    "encoding, bom",
    [
        pytest.param("utf-8", codecs.BOM_UTF8, id="utf-8-bom"),
        pytest.param("utf-16-le", codecs.BOM_UTF16_LE, id="utf-16-le-bom"),
        pytest.param("utf-16-be", codecs.BOM_UTF16_BE, id="utf-16-be-bom"),
        # UTF-32's little-endian BOM begins with UTF-16's: it must not be read as UTF-16.
        pytest.param("utf-32-le", codecs.BOM_UTF32_LE, id="utf-32-le-bom"),
        pytest.param("utf-32-be", codecs.BOM_UTF32_BE, id="utf-32-be-bom"),
    ],
)
def test_unicode_with_bom_is_read_quietly(
    tmp_path: Path, good: Path, encoding: str, bom: bytes
) -> None:
    text = "Erdoğan’s envoy met Zelenskyy in Kyiv on Monday. “We agreed,” he said.\n\n" + ARTICLE
    path = _write(tmp_path / "bom.txt", bom + text.encode(encoding))
    done = run_cli("compare", str(path), str(good), "--format", "json")
    data = _parse(done)
    assert done.stderr == ""
    # Offsets index into the decoded text, without the byte order mark.
    _assert_offsets_index(data["left"], text)


def test_cp1252_is_read_with_a_warning(tmp_path: Path, good: Path) -> None:
    text = "The café’s owner said “no” to the €5 fee on Monday.\n\n" + ARTICLE
    data = text.encode("cp1252")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    path = _write(tmp_path / "windows.txt", data)
    done = run_cli("compare", str(path), str(good), "--format", "json")
    parsed = _parse(done)
    warnings = [line for line in done.stderr.splitlines() if "warning" in line.lower()]
    assert len(warnings) == 1 and path.name in warnings[0], done.stderr
    assert any("café’s" in sentence["text"] for sentence in parsed["left"]["sentences"])
    _assert_offsets_index(parsed["left"], text)


def test_same_file_twice_is_refused(good: Path) -> None:
    spelled_otherwise = good.parent / ".." / good.parent.name / good.name
    for right in (good, spelled_otherwise):
        done = run_cli("compare", str(good), str(right), "--format", "json")
        assert done.returncode == 2
        assert done.stdout == ""
        assert done.stderr.count("\n") == 1
        assert "the same file on both sides" in done.stderr
        assert "Traceback" not in done.stderr


def test_two_copies_of_one_article_are_compared(good: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.txt"
    copy.write_bytes(good.read_bytes())
    data = _parse(run_cli("compare", str(good), str(copy), "--format", "json"))
    # Every body sentence matches its own copy.
    assert data["summary"]["left_only"] == 0
    assert data["summary"]["right_only"] == 0


SIDE_KEYS = {"source", "title", "outlet", "sentences", "quotes"}
SENTENCE_KEYS = {"id", "start", "end", "kind", "paragraph", "text"}
QUOTE_KEYS = {"sentence", "start", "end", "text", "speaker", "speaker_name", "status"}
LINK_KEYS = {"left", "right", "score", "strength", "conflicts"}
SUMMARY_KEYS = {
    "left_body",
    "left_shared",
    "left_only",
    "right_body",
    "right_shared",
    "right_only",
    "links",
    "quotes_only_left",
    "quotes_only_right",
}


def test_json_has_the_v1_shape(sample_paths: tuple[Path, Path]) -> None:
    left_path, right_path = sample_paths
    data = _parse(run_cli("compare", str(left_path), str(right_path), "--format", "json"))
    assert data["format"] == "storydiff.comparison"
    assert data["version"] == 1
    for side, path in (("left", left_path), ("right", right_path)):
        article = data[side]
        assert article.keys() >= SIDE_KEYS
        assert article["source"] == str(path)
        assert isinstance(article["title"], str) and article["title"]
        assert article["outlet"] is None or isinstance(article["outlet"], str)
        for sentence in article["sentences"]:
            assert sentence.keys() >= SENTENCE_KEYS
            assert sentence["kind"] in {"title", "body", "caption", "furniture"}
        assert [s["id"] for s in article["sentences"]] == list(range(len(article["sentences"])))
        # Offsets index into the file as decoded, with no newline translation.
        with open(path, encoding="utf-8", newline="") as handle:
            _assert_offsets_index(article, handle.read())
        for quote in article["quotes"]:
            assert quote.keys() >= QUOTE_KEYS
            assert quote["status"] in {"shared", "paraphrased", "only-here"}
    assert data["links"], "the sample pair shares facts"
    bodies = {
        side: {s["id"] for s in data[side]["sentences"] if s["kind"] == "body"}
        for side in ("left", "right")
    }
    for link in data["links"]:
        assert link.keys() >= LINK_KEYS
        assert link["left"] in bodies["left"] and link["right"] in bodies["right"]
        assert 0.0 <= link["score"] <= 1.0
        assert link["strength"] in {"strong", "partial"}
        for conflict in link["conflicts"]:
            assert {"left", "right", "type"} <= conflict.keys()
    summary = data["summary"]
    assert set(summary) >= SUMMARY_KEYS
    assert summary["links"] == len(data["links"])
    assert summary["left_body"] == len(bodies["left"])
    assert summary["right_body"] == len(bodies["right"])


def test_compare_never_imports_textual(sample_paths: tuple[Path, Path]) -> None:
    left, right = (str(p) for p in sample_paths)
    script = (
        "import contextlib, io, sys\n"
        "from tui.cli import main\n"
        "out = io.StringIO()\n"
        "with contextlib.redirect_stdout(out):\n"
        f"    code = main(['compare', {left!r}, {right!r}, '--format', 'json'])\n"
        "assert code == 0, code\n"
        "assert out.getvalue().startswith('{'), out.getvalue()[:80]\n"
        "print('textual' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"


def test_importing_the_engine_loads_no_ui_or_platform_libraries() -> None:
    script = (
        "import sys\n"
        "import tui.engine\n"
        "print(','.join(m for m in ('textual', 'rich', 'platformdirs') if m in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ""


@pytest.mark.parametrize(
    "options",
    [
        pytest.param(["--sensitivity", "-0.1"], id="sensitivity-negative"),
        pytest.param(["--sensitivity", "high"], id="sensitivity-word"),
        pytest.param(["--max-size", "0"], id="max-size-zero"),
        pytest.param(["--max-size", "lots"], id="max-size-word"),
        pytest.param(["--max-size", "inf"], id="max-size-inf"),
        pytest.param(["--max-size", "1e308"], id="max-size-overflows"),
        pytest.param(["--max-size", "nan"], id="max-size-nan"),
        pytest.param(["--max-size", "1e-300"], id="max-size-under-a-byte"),
        pytest.param(["--format", "xml"], id="format-unknown"),
    ],
)
def test_bad_options_are_exit_2_without_traceback(good: Path, options: list[str]) -> None:
    done = run_cli("compare", str(good), str(good), *options)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert options[0] in done.stderr
    assert done.stdout == ""


def test_both_sides_from_standard_input_is_one_line(good: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "tui", "compare", "-", "-", "--format", "json"],
        cwd=ROOT,
        input=ARTICLE,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert_one_line_error(done)


def test_a_reader_that_stops_early_gets_no_traceback(tmp_path: Path) -> None:
    # Output far larger than a pipe's buffer, so writing fails once `head` leaves.
    rng = random.Random(7)
    vocabulary = ["".join(rng.choice("abcdefghijklmnop") for _ in range(7)) for _ in range(3000)]
    paragraphs = [
        " ".join(rng.choice(vocabulary) for _ in range(12)).capitalize() + "." for _ in range(800)
    ]
    path, copy = tmp_path / "long.txt", tmp_path / "copy.txt"
    for file in (path, copy):
        file.write_text("A long article\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
    with subprocess.Popen(
        [sys.executable, "-m", "tui", "compare", str(path), str(copy), "--format", "json"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        assert process.stdout.read(10).startswith(b"{")
        process.stdout.close()
        stderr = process.stderr.read().decode("utf-8", "replace")
        process.wait(timeout=120)
    assert "Traceback" not in stderr
    assert "Exception" not in stderr


HOSTILE_ARTICLE = (
    "Markup [bold] in the title\r\n\r\n"
    "The minister said [/] and [@click=app.quit]quit[/] in Ankara on Monday.\r\n"
    "Officials \x1b[31mred\x1b[0m agreed to the plan [red]x[/red] on Tuesday. "
    "Another \x1b]8;;http://example.invalid\x1b\\ link follows.\r\n"
)


@pytest.mark.parametrize("output", ["text", "markdown", "json"])
def test_hostile_article_text_is_printed_as_data(tmp_path: Path, good: Path, output: str) -> None:
    path = tmp_path / "hostile.txt"
    path.write_bytes(HOSTILE_ARTICLE.encode("utf-8"))
    done = run_cli("compare", str(path), str(good), "--format", output)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    # Markup is shown (Markdown escapes its brackets), never interpreted or
    # dropped; no terminal escape gets through.
    assert "click=app.quit" in done.stdout
    assert "\x1b" not in done.stdout


def test_json_offsets_keep_crlf_line_ends(tmp_path: Path, good: Path) -> None:
    path = tmp_path / "windows-lines.txt"
    text = ARTICLE.replace("\n", "\r\n")
    path.write_bytes(text.encode("utf-8"))
    data = _parse(run_cli("compare", str(path), str(good), "--format", "json"))
    # No newline translation: offsets count the \r of every line end.
    _assert_offsets_index(data["left"], text)
    assert all("\n" not in s["text"] for s in data["left"]["sentences"])


@pytest.mark.parametrize(
    "path, expected",
    [
        pytest.param("", "empty", id="empty-path"),
        pytest.param("/dev/null", "/dev/null", id="dev-null"),
        pytest.param("/dev/zero", "/dev/zero", id="dev-zero-endless"),
    ],
)
def test_odd_paths_are_one_line(good: Path, path: str, expected: str) -> None:
    line = assert_one_line_error(run_cli("compare", path, str(good), "--format", "json"))
    assert expected in line


def test_a_dangling_link_is_a_missing_file(tmp_path: Path, good: Path) -> None:
    link = tmp_path / "gone.txt"
    link.symlink_to(tmp_path / "deleted.txt")
    line = assert_one_line_error(run_cli("compare", str(link), str(good)))
    assert link.name in line


def test_a_stray_control_byte_does_not_make_text_binary(tmp_path: Path, good: Path) -> None:
    """A mis-converted apostrophe (MRPC has "Treasury\\x12s") is shown, not refused."""
    scarred = _write(tmp_path / "scarred.txt", ARTICLE.replace("plan", "plan\x12s").encode())
    done = run_cli("compare", str(scarred), str(good), "--format", "json")
    assert done.returncode == 0, done.stderr
    assert "\x12" in _parse(done)["left"]["text"]


def test_many_control_bytes_are_binary(tmp_path: Path, good: Path) -> None:
    noisy = _write(tmp_path / "noisy.txt", (ARTICLE + "\x01\x02\x03\x04" * 50).encode())
    done = run_cli("compare", str(noisy), str(good))
    assert "binary" in assert_one_line_error(done)


def test_a_symbolic_link_loop_says_so(tmp_path: Path, good: Path) -> None:
    loop = tmp_path / "loop.txt"
    loop.symlink_to(tmp_path / "back.txt")
    (tmp_path / "back.txt").symlink_to(loop)
    line = assert_one_line_error(run_cli("compare", str(loop), str(good)))
    assert line.endswith("loop.txt: too many levels of symbolic links")


def test_a_path_component_over_255_bytes_is_one_line(tmp_path: Path, good: Path) -> None:
    long_name = tmp_path / ("é" * 130 + ".txt")  # 264 bytes in UTF-8
    line = assert_one_line_error(run_cli("compare", str(long_name), str(good)))
    assert line.endswith(": file name too long")


def test_a_huge_size_limit_is_not_allocated_up_front(good: Path) -> None:
    # 200000 MB: reading "up to the limit" in one call would ask for 200 GB at once.
    copy = good.with_name("copy.txt")
    copy.write_bytes(good.read_bytes())
    done = run_cli("compare", str(good), str(copy), "--max-size", "200000", "--format", "json")
    assert done.returncode == 0, done.stderr
    assert _parse(done)["left"]["text"] == ARTICLE
    from_stdin = subprocess.run(
        [sys.executable, "-m", "tui", "compare", "-", str(good), "--max-size", "200000"],
        cwd=ROOT,
        input=ARTICLE,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert from_stdin.returncode == 0, from_stdin.stderr
