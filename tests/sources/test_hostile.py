"""Hostile servers: what they send stays data, nothing hangs, nothing secret is kept or shown.

Every case runs against a local server of its own (tests/sources/hostile.py) on
127.0.0.1. Each failure must be one line on stderr, exit code 2, with no
control character, no traceback and no password in it.
"""

from __future__ import annotations

import base64
import gzip
import socket
import unicodedata
from pathlib import Path

import pytest

from tui.cli import main
from tui.engine import InputError
from tui.sources import load_document
from tui.sources.cache import cache_key, read_cached
from tui.sources.fetch import fetch_url

from .hostile import Answer, Exchange, HostileServer, response

SECRET = "s3cret-Pa55"
TOKEN = base64.b64encode(f"reader:{SECRET}".encode()).decode()


def article(words: str = "the council", *, meta: str = "") -> bytes:
    """A small page of the tests' own: a title and eight paragraphs, as UTF-8."""
    paragraphs = "".join(
        f"<p>Paragraph {i} reports that {words} voted to repair the old bridge over the river "
        f"at a cost of {i + 2} million pounds, after a long public consultation.</p>"
        for i in range(8)
    )
    head = f"<meta charset='{meta}'>" if meta else ""
    return (
        f"<!doctype html><html><head>{head}<title>Bridge vote</title></head><body><article>"
        f"<h1>Bridge vote</h1>{paragraphs}</article></body></html>"
    ).encode()


def _controls(text: str) -> list[str]:
    return [c for c in text if unicodedata.category(c) in ("Cc", "Cf") and c != "\n"]


def compare(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["compare", *args])
    out, err = capsys.readouterr()
    return code, out, err


def one_line_error(capsys: pytest.CaptureFixture[str], url: str, *options: str) -> str:
    """Compare ``url`` with a saved page; assert the failure is one clean line, return it."""
    good = str(Path(__file__).parent / "fixtures" / "gazette.html")
    code, out, err = compare(capsys, url, good, *options)
    assert code == 2, err
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    assert _controls(err) == []
    assert SECRET not in err
    return lines[0]


# --- 1. Escape sequences from a server never reach the terminal ------------------


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        pytest.param(
            response("404 \x1b]0;pwned\x07Not Found"),
            ["HTTP 404", "␛]0;pwned␇Not Found"],
            id="reason-phrase-retitles",
        ),
        pytest.param(
            response(headers=[("Content-Type", "application/x\x1b]52;c;ZXZpbA==\x07")]),
            # The media type ends at the first ";": what is left of the sequence is inert.
            ["not a web page (the server sent application/x␛]52)"],
            id="content-type-osc52",
        ),
        pytest.param(
            response("302 Found", headers=[("Location", "ftp://evil.test/\x1b[2J\x1b[H")]),
            ["redirected to ftp://evil.test/␛[2J␛[H", "control character"],
            id="rejected-location",
        ),
        pytest.param(
            response("302 Found", headers=[("Location", "gopher://evil.test/\x9b31m")]),
            ["redirected to gopher://evil.test/", "only http and https"],
            id="c1-control-in-location",
        ),
        pytest.param(
            b"HTTP/1.1 2OO \x1b[31mOK\r\n\r\n",
            ["the fetch failed (Connection aborted: BadStatusLine: HTTP/1.1 2OO ␛[31mOK"],
            id="bad-status-line",
        ),
        pytest.param(
            response("500 " + "\x1b[5m" * 5000), ["HTTP 500", "␛[5m", "…"], id="long-reason-cut"
        ),
    ],
)
def test_server_text_in_messages_is_shown_not_obeyed(
    hostile: HostileServer, capsys: pytest.CaptureFixture[str], answer: bytes, expected: list[str]
) -> None:
    hostile.routes["/story"] = Answer(answer)
    line = one_line_error(capsys, hostile.url("/story"))
    assert line.startswith(f"storydiff: {hostile.url('/story')}: ")
    for part in expected:
        assert part in line
    assert len(line) < 400


def test_a_file_name_with_escapes_is_shown_not_obeyed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hostile_name = tmp_path / "\x1b]0;pwned\x07.txt"
    line = one_line_error(capsys, str(hostile_name))
    assert "␛]0;pwned␇.txt: no such file" in line


# --- 2. Redirects on keep-alive connections --------------------------------------


@pytest.mark.parametrize(
    "redirect",
    [
        pytest.param(
            response("301 Moved Permanently", b"<p>moved</p>" * 10, [("Location", "/article")]),
            id="with-body",
        ),
        pytest.param(response("302 Found", headers=[("Location", "/article")]), id="empty-body"),
        pytest.param(
            response(
                "307 Temporary Redirect",
                b"c\r\n<p>moved</p>\r\n0\r\n\r\n",
                [("Location", "/article"), ("Transfer-Encoding", "chunked")],
                length=False,
            ),
            id="chunked-body",
        ),
    ],
)
def test_a_same_host_redirect_reuses_the_keep_alive_connection(
    hostile: HostileServer, redirect: bytes
) -> None:
    hostile.routes["/moved"] = Answer(redirect)
    hostile.routes["/article"] = Answer(response(body=article()))
    page = fetch_url(hostile.url("/moved"))
    assert page.final_url == hostile.url("/article")
    assert b"Paragraph 7" in page.data
    # Both requests went over the one connection: the redirect was read to its end.
    assert [(r.path, r.connection) for r in hostile.requests] == [("/moved", 1), ("/article", 1)]


def test_a_redirect_with_a_long_or_endless_body_costs_only_its_connection(
    hostile: HostileServer,
) -> None:
    def endless(exchange: Exchange) -> None:
        exchange.send(response("302 Found", headers=[("Location", "/article")], length=False))
        while exchange.pause(0.01):
            exchange.send(b"<p>more</p>" * 100)

    hostile.routes["/big"] = Answer(
        response("302 Found", b"x" * 200_000, [("Location", "/endless")])
    )
    hostile.routes["/endless"] = endless
    hostile.routes["/article"] = Answer(response(body=article()))
    page = fetch_url(hostile.url("/big"), timeout=10)
    assert b"Paragraph 7" in page.data
    assert [r.path for r in hostile.requests] == ["/big", "/endless", "/article"]
    assert len({r.connection for r in hostile.requests}) == 3


def test_a_keep_alive_redirect_through_the_cli(
    hostile: HostileServer, capsys: pytest.CaptureFixture[str], sample_paths: tuple[Path, Path]
) -> None:
    hostile.routes["/"] = Answer(response("301 Moved", b"moved", [("Location", "/news/a")]))
    hostile.routes["/news/a"] = Answer(response(body=article()))
    code, out, err = compare(capsys, hostile.url("/"), str(sample_paths[1]), "--format", "json")
    assert code == 0, err
    assert '"source": "' + hostile.url("/") + '"' in out


# --- 3. One deadline for connect, headers and body -------------------------------


def _drip(data: bytes, seconds: float) -> object:
    def script(exchange: Exchange) -> None:
        for byte in data:
            if not exchange.pause(seconds):
                return
            exchange.send(bytes([byte]))

    return script


def test_headers_sent_a_byte_at_a_time_meet_the_deadline(
    hostile: HostileServer, capsys: pytest.CaptureFixture[str]
) -> None:
    # The whole answer would take 20 s at 0.05 s a byte; every single read is quick.
    hostile.routes["/slow-headers"] = _drip(response(body=article())[:400], 0.05)  # type: ignore[assignment]
    line = one_line_error(capsys, hostile.url("/slow-headers"), "--timeout", "1")
    assert "no complete answer within 1 s (timed out)" in line


def test_a_silent_server_meets_the_deadline(
    hostile: HostileServer, capsys: pytest.CaptureFixture[str]
) -> None:
    def silent(exchange: Exchange) -> None:
        exchange.pause(30)

    hostile.routes["/silent"] = silent
    line = one_line_error(capsys, hostile.url("/silent"), "--timeout", "0.5")
    assert "within 0.5 s (timed out)" in line


def test_the_deadline_covers_the_redirects_together(
    hostile: HostileServer, capsys: pytest.CaptureFixture[str]
) -> None:
    # Each hop answers in about 0.6 s, well within a 1 s timeout; three of them are not.
    # A script closes its connection when it ends, so each hop says so: a client
    # reusing a connection the server is closing would fail for another reason.
    for hop in range(3):
        target = f"/hop{hop + 1}" if hop < 2 else "/article"
        answer = response("302 Found", headers=[("Location", target), ("Connection", "close")])
        hostile.routes[f"/hop{hop}"] = _drip(answer, 0.6 / len(answer))  # type: ignore[assignment]
    hostile.routes["/article"] = _drip(response(body=article()), 0.001)  # type: ignore[assignment]
    line = one_line_error(capsys, hostile.url("/hop0"), "--timeout", "1")
    assert "timed out" in line


@pytest.mark.parametrize("value", ["0", "-1", "inf", "nan", "1e309", "soon", "3601"])
def test_a_bad_timeout_is_refused(capsys: pytest.CaptureFixture[str], value: str) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["compare", "a.txt", "b.txt", "--timeout", value])
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert "--timeout" in err
    assert "Traceback" not in err


# --- 4. Charsets a page cannot be written in --------------------------------------


@pytest.mark.parametrize(
    "label", ["rot13", "base64", "idna", "zlib", "utf-7", "unicode_escape", "no-such", "x\x1b[2J"]
)
def test_a_charset_in_the_header_that_cannot_decode_a_page_is_passed_over(
    hostile: HostileServer, label: str
) -> None:
    hostile.routes["/story"] = Answer(
        response(
            body=article("the café owners"),
            headers=[("Content-Type", f"text/html; charset={label}")],
        )
    )
    url = hostile.url("/story")
    loaded = load_document(url)
    assert "the café owners voted" in loaded.document.text
    assert len(loaded.warnings) == 1
    assert "is not a web page encoding; read as UTF-8" in loaded.warnings[0]
    assert _controls(loaded.warnings[0]) == []
    # Cached after it decoded, and read again from the cache without a fetch.
    again = load_document(url)
    assert again.document == loaded.document
    assert "using the page fetched at" in again.notes[0]
    assert len(hostile.requests) == 1


@pytest.mark.parametrize("label", ["rot13", "base64", "zlib", "idna", "utf-7"])
def test_a_charset_in_a_saved_pages_meta_that_cannot_decode_is_passed_over(
    tmp_path: Path, label: str
) -> None:
    page = tmp_path / "saved.html"
    page.write_bytes(article("the café owners", meta=label))
    loaded = load_document(str(page))
    assert "the café owners voted" in loaded.document.text
    assert f"<meta> charset '{label}' is not a web page encoding" in loaded.warnings[0]


def test_header_and_meta_disagree_and_the_meta_fits(hostile: HostileServer) -> None:
    data = article("the café owners", meta="windows-1252").replace(
        "café".encode(), "café".encode("cp1252")
    )
    hostile.routes["/story"] = Answer(
        response(body=data, headers=[("Content-Type", "text/html; charset=utf-8")])
    )
    loaded = load_document(hostile.url("/story"))
    assert "the café owners voted" in loaded.document.text
    assert "does not fit the page, its <meta> charset does" in loaded.warnings[0]


def test_bytes_that_do_not_fit_the_declared_charset_are_counted(hostile: HostileServer) -> None:
    data = article("the café owners").replace("café".encode(), b"caf\xff\xfe")
    hostile.routes["/story"] = Answer(
        response(body=data, headers=[("Content-Type", "text/html; charset=utf-8")])
    )
    loaded = load_document(hostile.url("/story"))
    assert "the caf\ufffd\ufffd owners" in loaded.document.text
    assert "16 characters do not decode as UTF-8 and show as \ufffd" in loaded.warnings[0]


def test_a_page_that_fails_is_not_cached(hostile: HostileServer, cache_in_tmp: Path) -> None:
    paywalled = (Path(__file__).parent / "fixtures" / "paywall.html").read_bytes()
    hostile.routes["/paywalled"] = Answer(response(body=paywalled))
    with pytest.raises(InputError, match="words of article text"):
        load_document(hostile.url("/paywalled"))
    assert not cache_in_tmp.exists() or list(cache_in_tmp.iterdir()) == []


def test_a_cached_page_that_no_longer_reads_is_fetched_again(
    hostile: HostileServer, cache_in_tmp: Path
) -> None:
    from tui.sources.cache import write_cached
    from tui.sources.fetch import Page

    url = hostile.url("/story")
    hostile.routes["/story"] = Answer(response(body=article()))
    page = fetch_url(url)
    # What an older storydiff cached: a page that cannot be extracted.
    write_cached(
        Page(page.url, page.final_url, "text/html", "rot13", b"<html></html>", page.fetched_at)
    )
    loaded = load_document(url)
    assert "Paragraph 7" in loaded.document.text
    assert [r.path for r in hostile.requests] == ["/story", "/story"]
    cached = read_cached(url)
    assert cached is not None and b"Paragraph 7" in cached.data


# --- 5. Malformed and hostile redirects -------------------------------------------


@pytest.mark.parametrize(
    ("location", "expected"),
    [
        pytest.param("http://[::1", "redirected to a malformed address (http://[::1)", id="ipv6"),
        pytest.param("http://127.0.0.1:99999/", "not a valid web address", id="port"),
        pytest.param("http://host\x00.test/", "control character", id="nul"),
        pytest.param("file:///etc/passwd", "only http and https", id="file"),
        pytest.param("data:text/html,<p>hi</p>", "only http and https", id="data"),
        pytest.param("javascript:alert(1)", "only http and https", id="javascript"),
        pytest.param("https://", "no host name", id="no-host"),
        pytest.param("/loop", "redirects go round in a loop", id="loop"),
    ],
)
def test_a_bad_redirect_is_one_line(
    hostile: HostileServer, capsys: pytest.CaptureFixture[str], location: str, expected: str
) -> None:
    hostile.routes["/loop"] = Answer(response("302 Found", headers=[("Location", location)]))
    line = one_line_error(capsys, hostile.url("/loop"))
    assert expected in line


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        pytest.param(
            response(headers=[(f"X-Filler-{i}", "x") for i in range(150)]),
            "more than 100 headers",
            id="many-headers",
        ),
        pytest.param(response(headers=[("X-Huge", "x" * 70_000)]), "header line", id="huge-header"),
        pytest.param(
            response(body=b"<p>short</p>", headers=[("Content-Length", "5000")], length=False),
            "fetch failed",
            id="content-length-lie",
        ),
    ],
)
def test_broken_answers_are_one_line(
    hostile: HostileServer, capsys: pytest.CaptureFixture[str], answer: bytes, expected: str
) -> None:
    hostile.routes["/story"] = Answer(answer, keep_alive=False)
    line = one_line_error(capsys, hostile.url("/story"))
    assert expected in line


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        pytest.param("http://[::1/story", "not a valid web address", id="ipv6"),
        pytest.param(
            "http://bücher.invalid/story",
            "cannot find the host bücher.invalid (xn--bcher-kva.invalid)",
            id="international-host",
        ),
        pytest.param("http://\u202eevil.invalid/", "not a valid web address", id="bidi-override"),
        pytest.param("http://a..b.invalid/", "not a valid web address", id="empty-label"),
        pytest.param("http://exa mple.invalid/", "not a valid web address", id="space"),
        pytest.param("http://host\x00.invalid/", "control character", id="nul"),
        pytest.param("http://127.0.0.1:65536/", "not a valid web address", id="port"),
        pytest.param(
            f"http://reader:{SECRET}@127.0.0.1\\@evil.invalid/",
            "a backslash in the host part",
            id="backslash-host",
        ),
    ],
)
def test_a_malformed_address_given_is_one_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, url: str, expected: str
) -> None:
    # Name resolution is answered here, so that no test asks a real resolver.
    def no_such_host(*args: object, **kwargs: object) -> list[object]:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_such_host)
    line = one_line_error(capsys, url)
    assert expected in line


# --- 6. Credentials ----------------------------------------------------------------


def _private(hostile: HostileServer, path: str, answer: bytes) -> None:
    """``path`` answers ``answer`` to the reader with the password, 401 to anyone else."""

    def script(exchange: Exchange) -> None:
        mine = hostile.requests[-1].headers.get("authorization") == f"Basic {TOKEN}"
        exchange.send(answer if mine else response("401 Unauthorized"))

    hostile.routes[path] = script


def test_credentials_are_sent_to_their_host_and_kept_nowhere(
    hostile: HostileServer,
    capsys: pytest.CaptureFixture[str],
    sample_paths: tuple[Path, Path],
    cache_in_tmp: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    _private(hostile, "/private", response(body=article()))
    url = hostile.url("/private").replace("http://", f"http://reader:{SECRET}@")
    shown = hostile.url("/private").replace("http://", "http://reader:***@")
    code, out, err = compare(capsys, url, str(sample_paths[1]), "--format", "json")
    assert code == 0, err
    assert f'"source": "{shown}"' in out
    assert SECRET not in out + err
    stored = b"".join(p.read_bytes() for p in cache_in_tmp.iterdir())
    assert SECRET.encode() not in stored and TOKEN.encode() not in stored
    assert shown.encode() in stored
    # Reports and exports name the page without the password, and so does the cache note.
    monkeypatch.chdir(tmp_path)
    assert main(["export", url, str(sample_paths[1]), "-o", "report.md"]) == 0
    _out, err = capsys.readouterr()
    assert "using the page fetched at" in err and shown in err and SECRET not in err
    report = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert "reader:" in report and SECRET not in report


def test_credentials_are_not_sent_after_a_redirect_to_another_host(
    hostile: HostileServer, capsys: pytest.CaptureFixture[str], sample_paths: tuple[Path, Path]
) -> None:
    other = HostileServer()
    try:
        other.routes["/landing"] = Answer(response(body=article()))
        _private(
            hostile,
            "/private",
            response("302 Found", headers=[("Location", other.url("/landing"))]),
        )
        url = hostile.url("/private").replace("http://", f"http://reader:{SECRET}@")
        code, _out, err = compare(capsys, url, str(sample_paths[1]))
        assert code == 0, err
        assert hostile.requests[0].headers["authorization"] == f"Basic {TOKEN}"
        assert [r.path for r in other.requests] == ["/landing"]
        assert "authorization" not in other.requests[0].headers
    finally:
        other.stop()


def test_credentials_in_a_redirect_are_neither_used_nor_shown(
    hostile: HostileServer, capsys: pytest.CaptureFixture[str]
) -> None:
    target = hostile.url("/missing").replace("http://", f"http://intruder:{SECRET}@")
    hostile.routes["/story"] = Answer(response("302 Found", headers=[("Location", target)]))
    line = one_line_error(capsys, hostile.url("/story"))
    assert "HTTP 404" in line
    assert "authorization" not in hostile.requests[1].headers


@pytest.mark.parametrize(
    ("userinfo", "shown"),
    [
        pytest.param(f"reader:{SECRET}@", "reader:***@", id="user-and-password"),
        pytest.param(f"{SECRET}@", "***@", id="token-alone"),
        pytest.param(f":{SECRET}@", "***@", id="password-alone"),
    ],
)
def test_an_error_never_shows_the_password(
    hostile: HostileServer, capsys: pytest.CaptureFixture[str], userinfo: str, shown: str
) -> None:
    url = hostile.url("/missing").replace("http://", f"http://{userinfo}")
    line = one_line_error(capsys, url)
    assert hostile.url("/missing").replace("http://", f"http://{shown}") in line
    assert "HTTP 404" in line


def test_the_cache_key_is_made_without_the_password(hostile: HostileServer) -> None:
    url = hostile.url("/a").replace("http://", f"http://reader:{SECRET}@")
    assert cache_key(url) == cache_key(hostile.url("/a").replace("http://", "http://reader:***@"))
    assert cache_key(url) != cache_key(hostile.url("/a"))


# --- 7. A bounded cache, only what was accepted -------------------------------------


def test_a_gzip_bomb_is_not_cached_beyond_what_the_cache_keeps(
    hostile: HostileServer, cache_in_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tui.sources.cache

    # 8 MB of blank lines inside an ordinary page, in a body of a few kilobytes.
    data = article().replace(b"</article>", b"</article>" + b"\n" * 8 * 2**20)
    body = gzip.compress(data)
    assert len(body) < 100_000
    hostile.routes["/bomb"] = Answer(
        response(
            body=body,
            headers=[("Content-Type", "text/html; charset=utf-8"), ("Content-Encoding", "gzip")],
        )
    )
    monkeypatch.setattr(tui.sources.cache, "MAX_TOTAL_BYTES", 16 * 2**20)
    # The default limit refuses it, counting what it unpacks to.
    with pytest.raises(InputError, match="over the"):
        load_document(hostile.url("/bomb"))
    loaded = load_document(hostile.url("/bomb"), max_bytes=10 * 2**20)
    assert "Paragraph 7" in loaded.document.text
    assert any("too large to cache" in w for w in loaded.warnings)
    stored = sum(p.stat().st_size for p in cache_in_tmp.iterdir()) if cache_in_tmp.exists() else 0
    assert stored < 100_000
