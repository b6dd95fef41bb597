"""Fetching pages from the local news site: limits and failures, each one line."""

from __future__ import annotations

import socket
import time

import pytest

from tui import __version__
from tui.engine import InputError
from tui.sources.fetch import USER_AGENT, check_url, fetch_url, is_url, parse_content_type

from .conftest import HUGE_BYTES, SLOW_SECONDS, Site


def _one_line_error(url: str, **kwargs: object) -> str:
    with pytest.raises(InputError) as caught:
        fetch_url(url, **kwargs)  # type: ignore[arg-type]
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(url + ": ")
    return message


def test_fetches_a_page_with_its_content_type(news_site: Site) -> None:
    page = fetch_url(news_site.url("/news/gazette"))
    assert page.content_type == "text/html"
    assert page.charset == "utf-8"
    assert page.data.startswith(b"<!DOCTYPE html>")
    assert page.final_url == page.url


def test_user_agent_is_browser_like_and_names_storydiff(news_site: Site) -> None:
    fetch_url(news_site.url("/news/gazette"))
    assert news_site.hits["user-agent:" + USER_AGENT] >= 1
    assert USER_AGENT.startswith("Mozilla/5.0 (compatible; ")
    assert f"storydiff/{__version__}" in USER_AGENT


@pytest.mark.parametrize("hops", [1, 3, 5], ids=lambda n: f"{n}-redirects")
def test_follows_up_to_five_redirects(news_site: Site, hops: int) -> None:
    page = fetch_url(news_site.url(f"/hop/{hops}"))
    assert page.final_url == news_site.url("/news/gazette")
    assert page.url == news_site.url(f"/hop/{hops}")
    assert b"Millbrook" in page.data


def test_a_relative_redirect_is_resolved(news_site: Site) -> None:
    page = fetch_url(news_site.url("/relative-redirect"))
    assert page.final_url == news_site.url("/news/gazette")


def test_more_than_five_redirects_fails(news_site: Site) -> None:
    message = _one_line_error(news_site.url("/hop/6"))
    assert "more than 5 redirects" in message


def test_a_redirect_to_another_scheme_is_refused(news_site: Site) -> None:
    with pytest.raises(InputError, match="only http and https"):
        fetch_url(news_site.url("/redirect-to-ftp"))


def test_a_slow_server_times_out(news_site: Site) -> None:
    started = time.monotonic()
    message = _one_line_error(news_site.url("/slow"), timeout=0.5)
    assert "timed out" in message
    assert "0.5 s" in message
    assert time.monotonic() - started < SLOW_SECONDS


def test_a_dripping_server_times_out_in_total(news_site: Site) -> None:
    started = time.monotonic()
    message = _one_line_error(news_site.url("/drip"), timeout=0.5)
    assert "timed out" in message
    # 40 bytes at 0.1 s each would take 4 s; the total limit stops it well before.
    assert time.monotonic() - started < 2.0


@pytest.mark.parametrize(
    ("path", "status"),
    [pytest.param("/missing", "404", id="404"), pytest.param("/broken", "500", id="500")],
)
def test_an_error_status_fails(news_site: Site, path: str, status: str) -> None:
    message = _one_line_error(news_site.url(path))
    assert f"HTTP {status}" in message


@pytest.mark.parametrize("path", ["/huge", "/huge-declared"], ids=["streamed", "declared"])
def test_a_20_mb_body_stops_at_the_cap(news_site: Site, path: str) -> None:
    message = _one_line_error(news_site.url(path))
    assert "over the 5.2 MB limit" in message
    assert "--max-size" in message


def test_the_size_cap_is_adjustable(news_site: Site) -> None:
    page = fetch_url(news_site.url("/huge"), max_bytes=HUGE_BYTES + 1_000_000)
    assert len(page.data) > HUGE_BYTES
    with pytest.raises(InputError, match=r"over the 0\.0 MB limit"):
        fetch_url(news_site.url("/news/gazette"), max_bytes=1000)


def test_a_gzipped_page_is_unpacked(news_site: Site) -> None:
    page = fetch_url(news_site.url("/gzipped"))
    assert page.data.startswith(b"<!DOCTYPE html>")


def test_the_size_cap_counts_unpacked_bytes(news_site: Site) -> None:
    message = _one_line_error(news_site.url("/gzip-bomb"))
    assert "over the 5.2 MB limit" in message


def test_a_binary_content_type_is_not_a_page(news_site: Site) -> None:
    message = _one_line_error(news_site.url("/image.png"))
    assert "not a web page" in message
    assert "image/png" in message


def test_plain_text_is_accepted(news_site: Site) -> None:
    page = fetch_url(news_site.url("/article.txt"))
    assert page.content_type == "text/plain"


def test_a_refused_connection_fails(closed_port_url: str) -> None:
    message = _one_line_error(closed_port_url)
    assert "cannot connect" in message
    assert "refused" in message


def test_the_environment_proxy_is_used_except_for_loopback(
    news_site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The local site plays the proxy: it is asked for the whole URL.
    monkeypatch.setenv("http_proxy", news_site.base)
    monkeypatch.setenv("no_proxy", "")
    page = fetch_url("http://news.example.test/news/gazette")
    assert b"Millbrook" in page.data
    assert news_site.hits["proxied:news.example.test"] >= 1
    before = news_site.hits["/news/gazette"]
    fetch_url(news_site.url("/news/gazette"))
    assert news_site.hits["/news/gazette"] == before + 1
    assert not any(k.startswith("proxied:127.") for k in news_site.hits)


def test_no_proxy_is_honoured(news_site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("http_proxy", news_site.base)
    monkeypatch.setenv("no_proxy", "example.test")
    real_getaddrinfo = socket.getaddrinfo

    def only_loopback(host: str, *args: object, **kwargs: object) -> object:
        # The test's made-up name has no address; 127.0.0.1 (the proxy) resolves.
        if host == "other.example.test":
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return real_getaddrinfo(host, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(socket, "getaddrinfo", only_loopback)
    # Through the proxy the fetch would succeed; going direct, the name fails.
    with pytest.raises(InputError, match=r"cannot find the host other\.example\.test"):
        fetch_url("http://other.example.test/news/gazette")
    assert news_site.hits["proxied:other.example.test"] == 0


def test_an_unknown_host_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    # Name resolution is answered here so that the test never asks a real resolver.
    def no_such_host(*args: object, **kwargs: object) -> list[object]:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_such_host)
    message = _one_line_error("http://news.example.invalid/story")
    assert "cannot find the host news.example.invalid" in message


@pytest.mark.parametrize(
    "url",
    [
        pytest.param("ftp://example.com/a.html", id="ftp"),
        pytest.param("file:///etc/passwd", id="file"),
        pytest.param("http:///no-host", id="no-host"),
        pytest.param("javascript:alert(1)", id="javascript"),
    ],
)
def test_only_http_and_https_urls_are_fetched(url: str) -> None:
    with pytest.raises(InputError):
        check_url(url)


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        pytest.param("https://example.com/a", True, id="https"),
        pytest.param("HTTP://EXAMPLE.COM/", True, id="upper-case"),
        pytest.param("http://127.0.0.1:8000/x", True, id="port"),
        pytest.param("article.txt", False, id="file"),
        pytest.param("http.txt", False, id="file-named-http"),
        pytest.param("https:relative", False, id="no-slashes"),
        pytest.param("ftp://example.com/", False, id="ftp"),
        pytest.param("-", False, id="stdin"),
    ],
)
def test_is_url(spec: str, expected: bool) -> None:
    assert is_url(spec) is expected


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        pytest.param("text/html; charset=UTF-8", ("text/html", "UTF-8"), id="charset"),
        pytest.param('text/html; charset="iso-8859-1"', ("text/html", "iso-8859-1"), id="quoted"),
        pytest.param("TEXT/HTML", ("text/html", None), id="no-charset"),
        pytest.param(None, ("", None), id="missing"),
    ],
)
def test_parse_content_type(header: str | None, expected: tuple[str, str | None]) -> None:
    assert parse_content_type(header) == expected
