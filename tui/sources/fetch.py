"""Fetch one web page over HTTP(S), with the limits a user deserves.

One deadline covers the whole fetch: connecting, every redirect, the headers
and the body. urllib3 is imported inside :func:`fetch_url` so that comparing
two text files never pays for it.
"""

from __future__ import annotations

import contextlib
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from types import TracebackType
from typing import Any
from urllib.parse import urljoin

from tui import __version__
from tui.engine import DEFAULT_MAX_BYTES, InputError
from tui.sources.urls import (
    ascii_host,
    check_url,
    is_url,
    may_send_credentials,
    origin,
    redact_url,
    shown_text,
    shown_url,
    split_credentials,
)

__all__ = [
    "DEFAULT_TIMEOUT",
    "HTML_TYPES",
    "MAX_REDIRECTS",
    "TEXT_TYPES",
    "USER_AGENT",
    "Page",
    "check_url",
    "fetch_url",
    "is_url",
    "parse_content_type",
]

DEFAULT_TIMEOUT = 15.0
MAX_REDIRECTS = 5

# Browser-like so that sites serve their ordinary page, honest so that a site
# operator can tell who asked and why.
USER_AGENT = (
    f"Mozilla/5.0 (compatible; storydiff/{__version__}; "
    "reads one article for a side-by-side comparison)"
)

# Content types read as a web page; text/plain is read as a plain article.
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
TEXT_TYPES = frozenset({"text/plain"})

_REDIRECT_CODES = frozenset({301, 302, 303, 307, 308})
_CHUNK = 64 * 1024
# A redirect's body is read (and dropped) so that its keep-alive connection can
# carry the next request; one longer than this is not worth the wait, and its
# connection is closed instead.
_MAX_REDIRECT_BODY = 64 * 1024


@dataclass(frozen=True, slots=True)
class Page:
    """A fetched page: its bytes and what the server said about them.

    Attributes:
        url: The URL asked for, without credentials.
        final_url: The URL that answered, after redirects, without credentials.
        content_type: The media type without parameters (``text/html``), or ``""``.
        charset: The charset named in the Content-Type header, if any.
        data: The body (decompressed, at most the size limit).
        fetched_at: When it was fetched (UTC).
    """

    url: str
    final_url: str
    content_type: str
    charset: str | None
    data: bytes
    fetched_at: datetime


def parse_content_type(header: str | None) -> tuple[str, str | None]:
    """Split a Content-Type header into the media type and its charset.

    Parsed by hand rather than with ``email.message``, which would add 20 ms
    to every start-up for one header.
    """
    if not header:
        return "", None
    media_type, _sep, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        key, _eq, value = param.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip("\"'").strip() or None
    return media_type.strip().lower(), charset


class _Deadline:
    """The fetch's one deadline, enforced even inside a blocked read.

    A per-read timeout cannot stop a server that sends its headers a byte a
    second, and urllib3 has no total timeout: at the deadline a timer shuts
    down every socket the fetch opened, so whatever read is waiting returns.
    """

    def __init__(self, seconds: float) -> None:
        import threading

        self.seconds = seconds
        self.at = time.monotonic() + seconds
        self.expired = False
        self._connections: list[Any] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(min(seconds, threading.TIMEOUT_MAX), self._expire)
        self._timer.daemon = True

    def __enter__(self) -> _Deadline:
        self._timer.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._timer.cancel()

    def left(self) -> float:
        """Seconds until the deadline (a sliver when it has passed, never 0: that means none)."""
        return max(self.at - time.monotonic(), 0.001)

    def passed(self) -> bool:
        return self.expired or time.monotonic() >= self.at

    def watch(self, connection: Any) -> None:
        """Shut ``connection`` down at the deadline (at once if it has passed)."""
        with self._lock:
            self._connections.append(connection)
            expired = self.expired
        if expired:
            _shut(connection)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            connections = list(self._connections)
        for connection in connections:
            _shut(connection)


def _shut(connection: Any) -> None:
    import socket

    sock = getattr(connection, "sock", None)
    if sock is not None:
        with contextlib.suppress(OSError):  # already closed
            sock.shutdown(socket.SHUT_RDWR)


def fetch_url(
    url: str,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_redirects: int = MAX_REDIRECTS,
) -> Page:
    """Fetch one page, following at most ``max_redirects`` redirects.

    The body is streamed and reading stops once it passes ``max_bytes``; the
    whole fetch (connecting, redirects, headers and body) stops after
    ``timeout`` seconds. A user name and password in the URL are sent (HTTP
    Basic) to its own host only, never after a redirect to another host.

    Args:
        url: An http or https URL.
        timeout: Seconds allowed for the whole fetch.
        max_bytes: The largest body accepted (after decompression).
        max_redirects: How many redirects are followed before giving up.

    Returns:
        The page. Its content type is HTML or plain text.

    Raises:
        InputError: with one line naming the URL (without credentials) and
            what went wrong: no such host, refused, timed out, an HTTP error
            status, a bad or looping redirect, too many redirects, too big,
            or not a web page. Text from the server is shown with its control
            characters made visible.
    """
    import urllib3
    from urllib3.exceptions import (
        HTTPError,
        LocationParseError,
        NameResolutionError,
        NewConnectionError,
        SSLError,
    )
    from urllib3.exceptions import TimeoutError as Urllib3Timeout

    if not 0 < timeout < float("inf"):
        raise ValueError(f"timeout must be a positive number of seconds, not {timeout!r}")
    shown = shown_url(url)
    check_url(url, shown=shown)
    try:
        target, credentials = split_credentials(url)
        target = ascii_host(target)
    except ValueError:
        raise InputError(f"{shown}: not a valid web address (the host name?)") from None
    headers = {
        "User-Agent": USER_AGENT,
        "Accept": "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8,*/*;q=0.1",
        "Accept-Language": "en;q=0.9, *;q=0.5",
        # urllib3 decodes these as it streams; the size cap counts decoded bytes.
        "Accept-Encoding": "gzip, deflate",
    }
    current = target
    seen = {current}
    with _Deadline(timeout) as deadline:
        try:
            with _pool_for(target, deadline) as pool:
                for _hop in range(max_redirects + 1):
                    hop_headers = dict(headers)
                    if credentials and may_send_credentials(target, current):
                        hop_headers["Authorization"] = _basic(credentials)
                    response = pool.request(
                        "GET",
                        current,
                        headers=hop_headers,
                        redirect=False,
                        retries=False,
                        preload_content=False,
                        timeout=urllib3.Timeout(connect=deadline.left(), read=deadline.left()),
                    )
                    try:
                        # A read cut off by the deadline can look like the end
                        # of the headers or of the body: the clock decides.
                        if deadline.passed():
                            raise _timed_out(shown, deadline)
                        if response.status not in _REDIRECT_CODES:
                            return _read_page(shown, url, current, response, max_bytes, deadline)
                        location = response.headers.get("Location")
                        _discard(response, deadline)
                        current = _next_hop(shown, current, response.status, location)
                        if current in seen:
                            raise InputError(
                                f"{shown}: the redirects go round in a loop "
                                f"(back to {shown_url(current)})"
                            )
                        seen.add(current)
                    finally:
                        response.release_conn()
                raise InputError(f"{shown}: more than {max_redirects} redirects")
        except InputError:
            raise
        except Exception as exc:
            if deadline.passed():
                raise _timed_out(shown, deadline) from None
            if isinstance(exc, NameResolutionError):
                raise InputError(
                    f"{shown}: cannot find the host {_host_name(current)} (no DNS answer)"
                ) from None
            if isinstance(exc, NewConnectionError):
                _scheme, host, port = origin(current)
                raise InputError(
                    f"{shown}: cannot connect to {shown_text(host)}:{port} ({_os_reason(exc)})"
                ) from None
            if isinstance(exc, TimeoutError | Urllib3Timeout):
                raise InputError(f"{shown}: no answer within {timeout:g} s (timed out)") from None
            if isinstance(exc, SSLError):
                raise InputError(
                    f"{shown}: secure connection failed ({_first_line(exc)})"
                ) from None
            if isinstance(exc, LocationParseError):
                raise InputError(f"{shown}: not a valid web address ({_first_line(exc)})") from None
            if isinstance(exc, HTTPError | OSError | ValueError):
                raise InputError(f"{shown}: the fetch failed ({_first_line(exc)})") from None
            # The server is untrusted and the HTTP stack third-party: whatever
            # it trips on, the user gets one line, not a traceback.
            raise InputError(f"{shown}: the fetch failed ({type(exc).__name__})") from None


def _host_name(url: str) -> str:
    """The host of ``url`` for a message; an international name also in the form DNS was asked."""
    host = origin(url)[1]
    try:
        readable = host.encode("ascii").decode("idna")
    except UnicodeError:
        readable = host
    if readable != host:
        return f"{shown_text(readable)} ({shown_text(host)})"
    return shown_text(host)


def _timed_out(shown: str, deadline: _Deadline) -> InputError:
    return InputError(f"{shown}: no complete answer within {deadline.seconds:g} s (timed out)")


def _basic(credentials: tuple[str, str]) -> str:
    import base64

    user, password = credentials
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode("ascii")


def _next_hop(shown: str, current: str, status: int, location: str | None) -> str:
    """The URL a redirect points to, checked; credentials in it are dropped, never used."""
    if not location:
        raise InputError(f"{shown}: HTTP {status} redirect without a Location")
    where = shown_text(redact_url(location))
    try:
        following = urljoin(current, location.strip())
        bare, _credentials = split_credentials(following)
        bare = ascii_host(bare)
    except ValueError:
        raise InputError(f"{shown}: redirected to a malformed address ({where})") from None
    try:
        check_url(bare, shown=where)
    except InputError as exc:
        raise InputError(f"{shown}: redirected to {exc}") from None
    return bare


def _pool_for(url: str, deadline: _Deadline) -> Any:
    """A connection pool, through the proxy the environment names for this URL, if any.

    urllib3 ignores ``http_proxy``/``https_proxy``/``no_proxy`` on its own;
    readers behind a proxy need them. Loopback addresses always go direct.
    Every connection the pool opens is handed to ``deadline``.
    """
    import urllib.request

    import urllib3
    from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

    _scheme, host, _port = origin(url)
    proxy = urllib.request.getproxies().get(_scheme)
    loopback = host in ("localhost", "::1") or host.startswith("127.")
    if proxy and not loopback and not urllib.request.proxy_bypass(host):
        manager: Any = urllib3.ProxyManager(proxy)
    else:
        manager = urllib3.PoolManager()

    def watched(base: type[HTTPConnectionPool]) -> type[HTTPConnectionPool]:
        class Watched(base):  # type: ignore[valid-type,misc]
            def _new_conn(self) -> Any:
                connection = super()._new_conn()
                deadline.watch(connection)
                return connection

        return Watched

    manager.pool_classes_by_scheme = {
        "http": watched(HTTPConnectionPool),
        "https": watched(HTTPSConnectionPool),
    }
    return manager


def _discard(response: Any, deadline: _Deadline) -> None:
    """Read and drop a redirect's body, so its connection can be used again.

    A body of unknown length (read until the server closes) or a long one is
    not waited for: the connection is closed instead.
    """
    remaining = response.length_remaining
    if not response.chunked and (remaining is None or remaining > _MAX_REDIRECT_BODY):
        response.close()
        return
    read = 0
    try:
        while chunk := response.read1(_CHUNK, decode_content=False):
            read += len(chunk)
            if read > _MAX_REDIRECT_BODY or deadline.passed():
                response.close()
                return
    except Exception:
        # The body of a redirect is of no interest; a broken one costs only
        # its connection.
        response.close()


def _read_page(
    shown: str, url: str, final_url: str, response: Any, max_bytes: int, deadline: _Deadline
) -> Page:
    status = response.status
    if status >= 400:
        reason = shown_text(response.reason or "")
        raise InputError(f"{shown}: the server answered HTTP {status} {reason}".rstrip())
    if status != 200:
        raise InputError(f"{shown}: unexpected HTTP {status} answer")
    content_type, charset = parse_content_type(response.headers.get("Content-Type"))
    if content_type and content_type not in HTML_TYPES | TEXT_TYPES:
        raise InputError(
            f"{shown}: not a web page (the server sent {shown_text(content_type, limit=80)})"
        )
    length = response.headers.get("Content-Length") or ""
    if length.isascii() and length.isdigit() and int(length) > max_bytes:
        raise InputError(f"{shown}: the page is {int(length) / 1e6:.1f} MB, {_over(max_bytes)}")
    chunks: list[bytes] = []
    size = 0
    # read1 returns what has arrived instead of waiting for a full chunk, so a
    # server that drips a byte at a time still meets the deadline.
    while chunk := response.read1(_CHUNK):
        size += len(chunk)
        if size > max_bytes:
            raise InputError(f"{shown}: the page is {_over(max_bytes)}")
        chunks.append(chunk)
        if deadline.passed():
            raise _timed_out(shown, deadline)
    if deadline.passed():
        raise _timed_out(shown, deadline)
    return Page(
        url=redact_url(url),
        final_url=final_url,
        content_type=content_type,
        charset=charset,
        data=b"".join(chunks),
        fetched_at=datetime.now(UTC).replace(microsecond=0),
    )


def _over(max_bytes: int) -> str:
    return f"over the {max_bytes / 1e6:.1f} MB limit (raise it with --max-size)"


def _os_reason(exc: BaseException) -> str:
    # The OSError that urllib3 wraps says "Connection refused" better than urllib3 does.
    for inner in (exc.__cause__, exc.__context__):
        if isinstance(inner, OSError) and inner.strerror:
            return inner.strerror.lower()
    text = str(exc)
    if "refused" in text.lower():
        return "connection refused"
    return _first_line(exc)


def _first_line(exc: BaseException) -> str:
    """What went wrong, in one line: ``Connection aborted: LineTooLong: got more than ...``.

    urllib3 wraps the HTTP parser's error in a pair (message, error) whose
    text is a tuple's repr; it is unwrapped here. Exception texts can quote
    the server (a bad status line), so they are shown as server text.
    """
    text = str(exc)
    if len(exc.args) == 2 and isinstance(exc.args[0], str):
        message, inner = exc.args
        text = message.rstrip(".")
        if isinstance(inner, BaseException) and str(inner) not in text:
            detail = str(inner) or type(inner).__name__
            if not detail.startswith(type(inner).__name__):
                detail = f"{type(inner).__name__}: {detail}"
            text = f"{text}: {detail}"
    lines = text.strip().splitlines()
    return shown_text(lines[0]) if lines else type(exc).__name__
