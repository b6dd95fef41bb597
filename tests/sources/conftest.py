"""A local news site on 127.0.0.1 for the source tests: pages, redirects and failures.

Nothing here touches the internet: the server listens on an ephemeral port of
the loopback interface and serves the fixtures in ``fixtures/``.
"""

from __future__ import annotations

import contextlib
import gzip
import threading
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from .hostile import HostileServer

FIXTURES = Path(__file__).resolve().parent / "fixtures"

# path -> (file, Content-Type header)
PAGES = {
    "/news/gazette": ("gazette.html", "text/html; charset=utf-8"),
    # No charset in the header: the page's <meta> says windows-1252.
    "/news/valleypost": ("valleypost.cp1252.html", "text/html"),
    # The header names the charset (as Latin-1, which browsers read as cp1252).
    "/news/valleypost-latin1": ("valleypost.cp1252.html", "text/html; charset=ISO-8859-1"),
    "/news/paywalled": ("paywall.html", "text/html; charset=utf-8"),
    "/news/app": ("script-only.html", "text/html; charset=utf-8"),
}
PLAIN_ARTICLE = (
    "Bridge repair approved\n\nCouncillors in Millbrook voted 31 to 12 for the repair.\n"
    "Work starts in September.\n"
)
HUGE_BYTES = 20 * 1024 * 1024
SLOW_SECONDS = 3.0


@dataclass
class Site:
    """The running local site."""

    base: str
    hits: Counter[str] = field(default_factory=Counter)

    def url(self, path: str) -> str:
        return self.base + path


class _Handler(BaseHTTPRequestHandler):
    site: Site
    protocol_version = "HTTP/1.0"

    def log_message(self, format: str, *args: object) -> None:
        """Keep the test output clean."""

    def do_GET(self) -> None:
        # A request through a proxy names the whole URL; route on its path.
        if self.path.startswith("http://"):
            self.site.hits["proxied:" + urlsplit(self.path).netloc] += 1
        path = urlsplit(self.path).path
        self.site.hits[path] = self.site.hits[path] + 1
        self.site.hits["user-agent:" + self.headers.get("User-Agent", "")] += 1
        # The client may stop reading (the size cap): that is the point.
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self._route(path)

    def _send(self, status: int, body: bytes, content_type: str, **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def _route(self, path: str) -> None:
        if path in PAGES:
            name, content_type = PAGES[path]
            self._send(200, (FIXTURES / name).read_bytes(), content_type)
        elif path.startswith("/hop/"):
            # /hop/N redirects N times before landing on the gazette page.
            n = int(path.rsplit("/", 1)[1])
            target = "/news/gazette" if n <= 1 else f"/hop/{n - 1}"
            status = (301, 302, 303, 307, 308)[n % 5]
            self._send(status, b"", "text/html", Location=target)
        elif path == "/relative-redirect":
            self._send(302, b"", "text/html", Location="news/gazette")
        elif path == "/redirect-to-ftp":
            self._send(302, b"", "text/html", Location="ftp://127.0.0.1/article.html")
        elif path == "/slow":
            time.sleep(SLOW_SECONDS)
            self._send(200, (FIXTURES / "gazette.html").read_bytes(), "text/html")
        elif path == "/drip":
            # Headers at once, then a byte at a time: each read is quick, the whole is not.
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            for byte in (FIXTURES / "gazette.html").read_bytes()[:40]:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(0.1)
        elif path == "/missing":
            self._send(404, b"<html><body><h1>Not found</h1></body></html>", "text/html")
        elif path == "/broken":
            self._send(500, b"<html><body>Internal error</body></html>", "text/html")
        elif path == "/huge":
            self._stream_huge(declare_length=False)
        elif path == "/huge-declared":
            self._stream_huge(declare_length=True)
        elif path == "/image.png":
            self._send(200, b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "image/png")
        elif path == "/binary-as-html":
            self._send(200, bytes(range(256)) * 8, "text/html")
        elif path == "/article.txt":
            self._send(200, PLAIN_ARTICLE.encode("utf-8"), "text/plain; charset=utf-8")
        elif path == "/gzipped":
            body = gzip.compress((FIXTURES / "gazette.html").read_bytes())
            self._send(200, body, "text/html; charset=utf-8", Content_Encoding="gzip")
        elif path == "/gzip-bomb":
            # 20 MB of zeros in a 20 KB body: the cap must count what it unpacks to.
            body = gzip.compress(b"<html><body>" + b" " * HUGE_BYTES)
            self._send(200, body, "text/html; charset=utf-8", Content_Encoding="gzip")
        elif path == "/empty":
            self._send(200, b"", "text/html")
        else:
            self._send(404, b"not found", "text/plain")

    def _stream_huge(self, *, declare_length: bool) -> None:
        # 20 MB of a real-looking page, produced a chunk at a time, so the test
        # costs nothing unless the client fails to stop reading.
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        if declare_length:
            self.send_header("Content-Length", str(HUGE_BYTES))
        self.end_headers()
        chunk = b"<p>" + b"All work and no play makes a long page. " * 1600 + b"</p>\n"
        sent = 0
        self.wfile.write(b"<!doctype html><html><body>")
        while sent < HUGE_BYTES:
            self.wfile.write(chunk)
            sent += len(chunk)
        self.site.hits["huge-finished"] += 1


def _serve() -> Iterator[tuple[Site, ThreadingHTTPServer]]:
    site = Site(base="")
    handler = type("Handler", (_Handler,), {"site": site})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield site, server
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def news_site() -> Iterator[Site]:
    """A local news site shared by the tests that only read from it."""
    for site, _server in _serve():
        yield site


@pytest.fixture
def private_site() -> Iterator[tuple[Site, ThreadingHTTPServer]]:
    """A local site of the test's own, which the test may count hits on or stop."""
    yield from _serve()


@pytest.fixture(autouse=True)
def cache_in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets an empty page cache of its own."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("STORYDIFF_CACHE_DIR", str(folder))
    return folder


@pytest.fixture
def closed_port_url() -> str:
    """An address on 127.0.0.1 where nothing listens (connection refused)."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/article"


@pytest.fixture
def hostile() -> Iterator[HostileServer]:
    """A hostile server of the test's own (raw scripted answers), stopped after the test."""
    server = HostileServer()
    try:
        yield server
    finally:
        server.stop()
