"""Fetch one web page over HTTP(S), with the limits a user deserves.

urllib3 is imported inside :func:`fetch_url` so that comparing two text files
never pays for it.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit

from tui import __version__
from tui.engine import DEFAULT_MAX_BYTES, InputError

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


@dataclass(frozen=True, slots=True)
class Page:
    """A fetched page: its bytes and what the server said about them.

    Attributes:
        url: The URL asked for.
        final_url: The URL that answered, after redirects.
        content_type: The media type without parameters (``text/html``), or ``""``.
        charset: The charset named in the Content-Type header, if any.
        data: The body.
        fetched_at: When it was fetched (UTC).
    """

    url: str
    final_url: str
    content_type: str
    charset: str | None
    data: bytes
    fetched_at: datetime


def is_url(spec: str) -> bool:
    """Whether a command-line article names a web address rather than a file."""
    scheme = spec.split(":", 1)[0].lower() if ":" in spec else ""
    return scheme in ("http", "https") and spec[len(scheme) :].startswith("://")


def check_url(url: str) -> None:
    """Refuse anything but a plain http(s) URL with a host.

    Raises:
        InputError: the scheme is not http or https, or there is no host.
    """
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        raise InputError(f"{url}: only http and https addresses can be fetched")
    if not parts.hostname:
        raise InputError(f"{url}: the address has no host name")


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


def fetch_url(
    url: str,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_redirects: int = MAX_REDIRECTS,
) -> Page:
    """Fetch one page, following at most ``max_redirects`` redirects.

    The body is streamed and reading stops once it passes ``max_bytes``; the
    whole fetch, redirects included, stops after ``timeout`` seconds.

    Args:
        url: An http or https URL.
        timeout: Seconds allowed for connecting, for each read, and in total.
        max_bytes: The largest body accepted.
        max_redirects: How many redirects are followed before giving up.

    Returns:
        The page. Its content type is HTML or plain text.

    Raises:
        InputError: with one line naming the URL and what went wrong: no such
            host, refused, timed out, an HTTP error status, too many redirects,
            too big, or not a web page.
    """
    import urllib3
    from urllib3.exceptions import (
        HTTPError,
        NameResolutionError,
        NewConnectionError,
        ProtocolError,
        SSLError,
    )
    from urllib3.exceptions import TimeoutError as Urllib3Timeout

    check_url(url)
    deadline = time.monotonic() + timeout
    headers = {
        "User-Agent": USER_AGENT,
        "Accept": "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8,*/*;q=0.1",
        "Accept-Language": "en;q=0.9, *;q=0.5",
        # urllib3 decodes these as it streams; the size cap counts decoded bytes.
        "Accept-Encoding": "gzip, deflate",
    }
    current = url
    try:
        with _pool_for(url, headers) as pool:
            for _hop in range(max_redirects + 1):
                left = max(deadline - time.monotonic(), 0.001)
                response = pool.request(
                    "GET",
                    current,
                    redirect=False,
                    retries=False,
                    preload_content=False,
                    timeout=urllib3.Timeout(connect=left, read=left),
                )
                try:
                    if response.status in _REDIRECT_CODES:
                        location = response.headers.get("Location")
                        if not location:
                            raise InputError(
                                f"{url}: HTTP {response.status} redirect without a Location"
                            )
                        current = urljoin(current, location)
                        check_url(current)
                        continue
                    return _read_page(url, current, response, max_bytes, deadline, timeout)
                finally:
                    response.release_conn()
            raise InputError(f"{url}: more than {max_redirects} redirects")
    except InputError:
        raise
    except NameResolutionError:
        host = urlsplit(current).hostname
        raise InputError(f"{url}: cannot find the host {host} (no DNS answer)") from None
    except NewConnectionError as exc:
        reason = _os_reason(exc)
        raise InputError(
            f"{url}: cannot connect to {urlsplit(current).netloc} ({reason})"
        ) from None
    except (TimeoutError, Urllib3Timeout):
        raise InputError(f"{url}: no answer within {timeout:g} s (timed out)") from None
    except SSLError as exc:
        raise InputError(f"{url}: secure connection failed ({_first_line(exc)})") from None
    except (ProtocolError, HTTPError, OSError) as exc:
        raise InputError(f"{url}: the fetch failed ({_first_line(exc)})") from None


def _pool_for(url: str, headers: dict[str, str]) -> Any:
    """A connection pool, through the proxy the environment names for this URL, if any.

    urllib3 ignores ``http_proxy``/``https_proxy``/``no_proxy`` on its own;
    readers behind a proxy need them. Loopback addresses always go direct.
    """
    import urllib.request

    import urllib3

    host = urlsplit(url).hostname or ""
    scheme = urlsplit(url).scheme.lower()
    proxy = urllib.request.getproxies().get(scheme)
    loopback = host in ("localhost", "::1") or host.startswith("127.")
    if proxy and not loopback and not urllib.request.proxy_bypass(host):
        return urllib3.ProxyManager(proxy, headers=headers)
    return urllib3.PoolManager(headers=headers)


def _read_page(
    url: str, final_url: str, response: object, max_bytes: int, deadline: float, timeout: float
) -> Page:
    from urllib3 import BaseHTTPResponse

    assert isinstance(response, BaseHTTPResponse)
    status = response.status
    if status >= 400:
        reason = response.reason or ""
        raise InputError(f"{url}: the server answered HTTP {status} {reason}".rstrip())
    if status != 200:
        raise InputError(f"{url}: unexpected HTTP {status} answer")
    content_type, charset = parse_content_type(response.headers.get("Content-Type"))
    if content_type and content_type not in HTML_TYPES | TEXT_TYPES:
        raise InputError(f"{url}: not a web page (the server sent {content_type})")
    length = response.headers.get("Content-Length")
    if length and length.isdigit() and int(length) > max_bytes:
        raise InputError(f"{url}: the page is {int(length) / 1e6:.1f} MB, {_over(max_bytes)}")
    chunks: list[bytes] = []
    size = 0
    # read1 returns what has arrived instead of waiting for a full chunk, so a
    # server that drips a byte at a time still meets the total deadline.
    while chunk := response.read1(_CHUNK):
        size += len(chunk)
        if size > max_bytes:
            raise InputError(f"{url}: the page is {_over(max_bytes)}")
        chunks.append(chunk)
        if time.monotonic() > deadline:
            raise InputError(f"{url}: no complete answer within {timeout:g} s (timed out)")
    return Page(
        url=url,
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
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__
