"""Web addresses: which ones can be fetched, and how they are shown without their credentials.

A URL may carry a user name and password (``http://user:secret@host/``). They
are sent to that host only (see :func:`may_send_credentials`) and never stored
or shown: :func:`redact_url` is applied to every URL that is kept (the cache,
a document's source) or printed.
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit, urlunsplit

from tui.engine import InputError
from tui.sanitize import printable

# The authority of a URL, as urlsplit (and urllib3) find it: after "//", up to
# the first "/", "?" or "#".
_AUTHORITY = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*://)([^/?#]*)", re.S)
_DEFAULT_PORTS = {"http": 80, "https": 443}
# Longer server-supplied text is cut in messages: a reason phrase can be 64 KB.
_SHOWN_CHARS = 200


def is_url(spec: str) -> bool:
    """Whether a command-line article names a web address rather than a file."""
    scheme = spec.split(":", 1)[0].lower() if ":" in spec else ""
    return scheme in ("http", "https") and spec[len(scheme) :].startswith("://")


def redact_url(url: str) -> str:
    """``url`` with its credentials replaced by ``***``.

    The password is hidden and the user name kept (``user:***@host``); a user
    name without a password is often a token, so it is hidden too (``***@host``),
    as pip does. Works on malformed URLs as well, which cannot be parsed.
    """
    match = _AUTHORITY.match(url)
    if not match:
        return url
    userinfo, at, hostport = match.group(2).rpartition("@")
    if not at:
        return url
    user, colon, _password = userinfo.partition(":")
    hidden = f"{user}:***" if colon and user else "***"
    return f"{url[: match.start(2)]}{hidden}@{hostport}{url[match.end(2) :]}"


def shown_url(url: str) -> str:
    """A URL as it may appear in a message: without credentials or control characters."""
    return shown_text(redact_url(url), limit=2000)


def shown_text(text: str, *, limit: int = _SHOWN_CHARS) -> str:
    """Text from a server (a reason phrase, a header) made safe for a one-line message."""
    text = printable(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def split_credentials(url: str) -> tuple[str, tuple[str, str] | None]:
    """Take the user name and password out of ``url``.

    Returns:
        The URL without them, and ``(user, password)`` (percent-decoded), or
        None when the URL has none.

    Raises:
        ValueError: the URL cannot be parsed.
    """
    parts = urlsplit(url)
    userinfo, at, hostport = parts.netloc.rpartition("@")
    if not at:
        return url, None
    user, _colon, password = userinfo.partition(":")
    bare = urlunsplit(parts._replace(netloc=hostport))
    return bare, (unquote(user), unquote(password))


def ascii_host(url: str) -> str:
    """``url`` with an international host name in its ASCII form (``xn--``), as DNS needs it.

    Python's own IDNA codec does the conversion, so no extra library is needed.

    Raises:
        ValueError: the URL cannot be parsed, or its host is no valid name
            (an invisible or bidirectional control character, an empty label).
    """
    parts = urlsplit(url)
    host = parts.hostname
    if host is None or host.isascii():
        return url
    try:
        ascii_name = host.encode("idna").decode("ascii")
    except UnicodeError:
        raise ValueError(f"not a valid host name: {host!r}") from None
    userinfo, at, _hostport = parts.netloc.rpartition("@")
    port = f":{parts.port}" if parts.port is not None else ""
    return urlunsplit(parts._replace(netloc=f"{userinfo}{at}{ascii_name}{port}"))


def origin(url: str) -> tuple[str, str, int]:
    """The scheme, host and port that a URL's requests go to.

    Raises:
        ValueError: the URL cannot be parsed (a bad port, a bad IPv6 address).
    """
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    return scheme, (parts.hostname or "").lower(), parts.port or _DEFAULT_PORTS.get(scheme, 0)


def may_send_credentials(given: str, current: str) -> bool:
    """Whether credentials typed for ``given`` may go with a request for ``current``.

    Only to the same scheme, host and port, or to the same host upgraded from
    http to https on the default ports (a redirect to the secure site): never
    to another host, another port or back down to plain http.
    """
    start, now = origin(given), origin(current)
    if start == now:
        return True
    return start == ("http", now[1], 80) and now == ("https", start[1], 443)


def check_url(url: str, *, shown: str | None = None) -> None:
    """Refuse anything but a well-formed http(s) URL with a host.

    Args:
        url: The address to check.
        shown: How to name the address in the message (default: ``url``
            without credentials or control characters).

    Raises:
        InputError: the scheme is not http or https, there is no host, or
            the address is malformed (a control character, a backslash in
            the host part, a bad port or a bad IPv6 address).
    """
    name = shown if shown is not None else shown_url(url)
    if any(ord(char) < 0x20 or ord(char) == 0x7F for char in url):
        raise InputError(f"{name}: the address contains a control character")
    authority = _AUTHORITY.match(url)
    # Browsers read a backslash there as a slash, Python as part of the host:
    # an address the two would send to different hosts is refused.
    if authority and "\\" in authority.group(2):
        raise InputError(f"{name}: not a valid web address (a backslash in the host part)")
    try:
        parts = urlsplit(url)
        _port = parts.port
    except ValueError:
        raise InputError(f"{name}: not a valid web address") from None
    if parts.scheme.lower() not in ("http", "https"):
        raise InputError(f"{name}: only http and https addresses can be fetched")
    if not parts.hostname:
        raise InputError(f"{name}: the address has no host name")
