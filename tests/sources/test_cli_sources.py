"""`python -m tui compare` on URLs, saved pages and standard input, in a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import FIXTURES, Site

ROOT = Path(__file__).resolve().parents[2]


def storydiff(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, "-m", "tui", *args],
        input=stdin,
        capture_output=True,
        cwd=ROOT,
        timeout=120,
    )
    return subprocess.CompletedProcess(
        result.args,
        result.returncode,
        result.stdout.decode("utf-8"),
        result.stderr.decode("utf-8"),
    )


def _check_offsets(side: dict[str, object]) -> None:
    text = side["text"]
    assert isinstance(text, str)
    for sentence in side["sentences"]:  # type: ignore[attr-defined]
        assert text[sentence["start"] : sentence["end"]] == sentence["text"]


def test_compare_two_urls_as_json(news_site: Site) -> None:
    left, right = news_site.url("/news/gazette"), news_site.url("/news/valleypost")
    result = storydiff("compare", left, right, "--format", "json")
    assert result.returncode == 0, result.stderr
    assert "using the page fetched at" not in result.stderr
    data = json.loads(result.stdout)
    assert data["left"]["source"] == left
    assert data["left"]["title"] == (
        "Council approves £40m Millbrook bridge repair after two-year delay"
    )
    assert data["left"]["outlet"] == "The Harbour Gazette"
    assert data["right"]["outlet"] == "Valley Post"
    assert data["right"]["author"] == "Zoë Lefèvre"
    assert data["right"]["text"].startswith("Millbrook bridge: councillors back £40m repair\n\n")
    for side in ("left", "right"):
        _check_offsets(data[side])
        assert data[side]["sentences"][0]["kind"] == "title"


def test_reopening_a_pair_uses_the_cache_and_says_so(news_site: Site) -> None:
    left, right = news_site.url("/news/gazette"), news_site.url("/news/valleypost")
    first = storydiff("compare", left, right, "--format", "json")
    assert first.returncode == 0, first.stderr
    hits = news_site.hits["/news/gazette"]
    again = storydiff("compare", left, right, "--format", "json")
    assert again.returncode == 0, again.stderr
    assert news_site.hits["/news/gazette"] == hits
    assert again.stdout == first.stdout
    notes = [line for line in again.stderr.splitlines() if "using the page fetched at" in line]
    assert len(notes) == 2
    refreshed = storydiff("compare", left, right, "--format", "json", "--refresh")
    assert refreshed.returncode == 0, refreshed.stderr
    assert news_site.hits["/news/gazette"] == hits + 1
    assert "using the page fetched at" not in refreshed.stderr


def test_html_files_and_text_files_mix(sample_paths: tuple[Path, Path]) -> None:
    result = storydiff(
        "compare", str(FIXTURES / "gazette.html"), str(sample_paths[1]), "--format", "json"
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["left"]["outlet"] == "The Harbour Gazette"
    assert data["right"]["text"] == sample_paths[1].read_text(encoding="utf-8")
    _check_offsets(data["left"])


def test_saved_pages_make_a_text_report() -> None:
    result = storydiff(
        "compare", str(FIXTURES / "gazette.html"), str(FIXTURES / "valleypost.cp1252.html")
    )
    assert result.returncode == 0, result.stderr
    assert "Millbrook" in result.stdout


def test_stdin_takes_a_saved_page() -> None:
    result = storydiff(
        "compare",
        "-",
        str(FIXTURES / "valleypost.cp1252.html"),
        "--format",
        "json",
        stdin=(FIXTURES / "gazette.html").read_bytes(),
    )
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["left"]["source"] == "-"
    assert data["left"]["outlet"] == "The Harbour Gazette"


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        pytest.param("/missing", "HTTP 404", id="404"),
        pytest.param("/hop/6", "more than 5 redirects", id="too-many-redirects"),
        pytest.param("/huge", "over the 5.2 MB limit", id="too-big"),
        pytest.param("/image.png", "not a web page (the server sent image/png)", id="binary"),
        pytest.param("/news/paywalled", "visible words", id="paywall"),
    ],
)
def test_failures_are_one_line_and_exit_2(news_site: Site, path: str, expected: str) -> None:
    url = news_site.url(path)
    result = storydiff("compare", url, str(FIXTURES / "gazette.html"))
    assert result.returncode == 2
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"storydiff: {url}: ")
    assert expected in lines[0]


def test_a_refused_connection_is_one_line(closed_port_url: str) -> None:
    result = storydiff("compare", closed_port_url, str(FIXTURES / "gazette.html"))
    assert result.returncode == 2
    assert result.stderr.splitlines() == [result.stderr.strip()]
    assert "cannot connect" in result.stderr
