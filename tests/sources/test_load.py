"""load_document / load_documents: which reader each spec gets, the cache, concurrency."""

from __future__ import annotations

import shutil
import subprocess
import sys
import threading
from http.server import ThreadingHTTPServer
from pathlib import Path

import pytest

from tui.engine import Document, InputError, compare_documents
from tui.sources import load_document, load_documents, require_sentences
from tui.sources.cache import cache_dir, cache_key, read_cached

from .conftest import FIXTURES, PLAIN_ARTICLE, Site

ROOT = Path(__file__).resolve().parents[2]


def test_an_html_file_is_extracted(tmp_path: Path) -> None:
    loaded = load_document(str(FIXTURES / "gazette.html"))
    document = loaded.document
    assert document.source == str(FIXTURES / "gazette.html")
    assert document.outlet == "The Harbour Gazette"
    assert document.text.startswith(document.title + "\n\n")  # type: ignore[operator]
    assert "<p>" not in document.text


def test_a_page_saved_without_an_html_suffix_is_sniffed(tmp_path: Path) -> None:
    saved = tmp_path / "article"
    shutil.copy(FIXTURES / "gazette.html", saved)
    assert load_document(str(saved)).document.outlet == "The Harbour Gazette"


def test_a_text_file_stays_text(sample_paths: tuple[Path, Path]) -> None:
    left, _right = sample_paths
    loaded = load_document(str(left))
    assert loaded.document.text == left.read_text(encoding="utf-8")
    assert loaded.document.outlet is None


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        pytest.param("empty.html", b"", "file is empty", id="empty"),
        pytest.param("blank.htm", b"  \n ", "file is empty", id="blank"),
        pytest.param("image.html", b"\x89PNG\r\n\x1a\n\x00\x00", "binary", id="binary"),
        pytest.param(
            "paywall.html", (FIXTURES / "paywall.html").read_bytes(), "visible words", id="paywall"
        ),
    ],
)
def test_bad_html_files_fail_with_one_line(
    tmp_path: Path, name: str, content: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError, match=message) as caught:
        load_document(str(path))
    assert "\n" not in str(caught.value)


def test_an_html_file_over_the_limit_fails(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="over the"):
        load_document(str(FIXTURES / "gazette.html"), max_bytes=100)


def test_a_missing_html_file_fails() -> None:
    with pytest.raises(InputError, match="no such file"):
        load_document("no/such/page.html")


def test_other_schemes_are_refused() -> None:
    with pytest.raises(InputError, match="only http and https"):
        load_document("ftp://example.com/story.html")


def test_a_url_is_fetched_extracted_and_cached(news_site: Site, cache_in_tmp: Path) -> None:
    url = news_site.url("/news/gazette")
    loaded = load_document(url)
    assert loaded.document.source == url
    assert loaded.document.outlet == "The Harbour Gazette"
    assert loaded.notes == ()
    cached = read_cached(url)
    assert cached is not None
    assert cached.data == (FIXTURES / "gazette.html").read_bytes()
    assert (cache_in_tmp / (cache_key(url) + ".html")).is_file()


def test_a_redirected_url_keeps_the_address_given(news_site: Site) -> None:
    url = news_site.url("/hop/2")
    assert load_document(url).document.source == url


def test_a_non_utf8_page_decodes_right_from_meta_or_header(news_site: Site) -> None:
    for path in ("/news/valleypost", "/news/valleypost-latin1"):
        document = load_document(news_site.url(path)).document
        assert document.author == "Zoë Lefèvre"
        assert "Millbrook’s Victorian bridge" in document.text


def test_a_plain_text_url_is_read_as_text(news_site: Site) -> None:
    document = load_document(news_site.url("/article.txt")).document
    assert document.text == PLAIN_ARTICLE


@pytest.mark.parametrize(
    ("path", "message"),
    [
        pytest.param("/news/paywalled", r"only \d+ words of article text", id="paywall"),
        pytest.param("/news/app", "no article text found", id="script-only"),
        pytest.param("/empty", "the page is empty", id="empty"),
        pytest.param("/binary-as-html", "binary", id="binary-labelled-html"),
    ],
)
def test_bad_pages_fail_with_one_line(news_site: Site, path: str, message: str) -> None:
    with pytest.raises(InputError, match=message) as caught:
        load_document(news_site.url(path))
    assert "\n" not in str(caught.value)


def test_the_cache_is_reused_and_refresh_fetches_again(
    private_site: tuple[Site, ThreadingHTTPServer],
) -> None:
    site, _server = private_site
    url = site.url("/news/gazette")
    first = load_document(url)
    second = load_document(url)
    assert site.hits["/news/gazette"] == 1
    assert second.document == first.document
    assert len(second.notes) == 1
    assert "using the page fetched at" in second.notes[0]
    assert "UTC" in second.notes[0]
    refreshed = load_document(url, refresh=True)
    assert site.hits["/news/gazette"] == 2
    assert refreshed.notes == ()


def test_a_cached_page_opens_offline(private_site: tuple[Site, ThreadingHTTPServer]) -> None:
    site, server = private_site
    url = site.url("/news/valleypost")
    online = load_document(url).document
    server.shutdown()
    server.server_close()
    offline = load_document(url)
    assert offline.document == online
    with pytest.raises(InputError, match="cannot connect"):
        load_document(url, refresh=True)


def test_a_damaged_cache_entry_is_fetched_again(
    private_site: tuple[Site, ThreadingHTTPServer], cache_in_tmp: Path
) -> None:
    site, _server = private_site
    url = site.url("/news/gazette")
    load_document(url)
    body = cache_in_tmp / (cache_key(url) + ".html")
    body.write_bytes(body.read_bytes()[:100])
    again = load_document(url)
    assert site.hits["/news/gazette"] == 2
    assert again.document.outlet == "The Harbour Gazette"


def test_an_unwritable_cache_is_a_warning_not_a_failure(
    news_site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("STORYDIFF_CACHE_DIR", str(blocker / "cache"))
    loaded = load_document(news_site.url("/news/gazette"))
    assert loaded.document.outlet == "The Harbour Gazette"
    assert any("cannot cache" in w for w in loaded.warnings)


def test_cache_dir_follows_the_environment_and_is_not_created_early(
    cache_in_tmp: Path, sample_paths: tuple[Path, Path]
) -> None:
    assert cache_dir() == cache_in_tmp
    load_document(str(sample_paths[0]))
    load_document(str(FIXTURES / "gazette.html"))
    assert not cache_in_tmp.exists()


def test_cache_dir_defaults_to_the_user_cache_dir(monkeypatch: pytest.MonkeyPatch) -> None:
    from platformdirs import user_cache_dir

    monkeypatch.delenv("STORYDIFF_CACHE_DIR")
    assert cache_dir() == Path(user_cache_dir("storydiff", appauthor=False)) / "pages"


def test_two_urls_are_fetched_at_the_same_time(
    private_site: tuple[Site, ThreadingHTTPServer],
) -> None:
    site, _server = private_site
    threads: dict[str, str] = {}
    lock = threading.Lock()

    def progress(spec: str, what: str) -> None:
        with lock:
            if what == "fetching":
                threads[spec] = threading.current_thread().name

    specs = [site.url("/news/gazette"), site.url("/news/valleypost")]
    loaded = load_documents(specs, progress=progress)
    assert [item.document.source for item in loaded] == specs
    assert set(threads) == set(specs)
    assert len(set(threads.values())) == 2
    assert threading.current_thread().name not in threads.values()


def test_load_documents_mixes_kinds_and_reports_the_first_failure_in_order(
    news_site: Site, sample_paths: tuple[Path, Path]
) -> None:
    specs = [news_site.url("/news/gazette"), str(FIXTURES / "gazette.html"), str(sample_paths[1])]
    loaded = load_documents(specs)
    assert [item.document.source for item in loaded] == specs
    with pytest.raises(InputError, match="HTTP 404"):
        load_documents([news_site.url("/missing"), news_site.url("/news/app")])
    with pytest.raises(InputError, match="standard input"):
        load_documents(["-", "-"])


def _run(code: str, stdin: bytes) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-c", code], input=stdin, capture_output=True, cwd=ROOT, timeout=60
    )


def test_stdin_reads_html_or_text() -> None:
    code = (
        "from tui.sources import load_document; d = load_document('-').document; "
        "print(d.outlet); print(d.text.splitlines()[0])"
    )
    html = _run(code, (FIXTURES / "gazette.html").read_bytes())
    assert html.returncode == 0, html.stderr
    assert html.stdout.decode().splitlines()[0] == "The Harbour Gazette"
    text = _run(code, PLAIN_ARTICLE.encode())
    assert text.returncode == 0, text.stderr
    assert text.stdout.decode().splitlines() == ["None", "Bridge repair approved"]


def test_reading_text_files_does_not_import_the_web_libraries(
    sample_paths: tuple[Path, Path],
) -> None:
    code = (
        "import sys; from tui.sources import load_documents; "
        f"load_documents([{str(sample_paths[0])!r}, {str(sample_paths[1])!r}]); "
        "print(sorted(m for m in ('trafilatura', 'lxml', 'urllib3', 'platformdirs') "
        "if m in sys.modules))"
    )
    result = _run(code, b"")
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode().strip() == "[]"


def test_a_long_teaser_behind_a_paywall_loads_with_a_warning(tmp_path: Path) -> None:
    teaser = "".join(
        f"<p>Paragraph {i} says what the council decided about the bridge and its cost.</p>"
        for i in range(8)
    )
    page = tmp_path / "teaser.html"
    page.write_text(
        "<!doctype html><html><head><title>Bridge</title></head><body><article>"
        f"<h1>Bridge</h1>{teaser}<div class='paywall'><h2>Subscribe to continue reading</h2>"
        "<p>Unlimited access from £1 a week.</p></div></article></body></html>",
        encoding="utf-8",
    )
    loaded = load_document(str(page))
    assert "Paragraph 7 says" in loaded.document.text
    assert "Subscribe" not in loaded.document.text
    assert len(loaded.warnings) == 1
    assert "paywall" in loaded.warnings[0]
    assert "may be cut short" in loaded.warnings[0]
    free = load_document(str(FIXTURES / "gazette.html"))
    assert free.warnings == ()


@pytest.mark.parametrize(
    ("how", "same"),
    [
        pytest.param(lambda path: str(path), True, id="same-path"),
        pytest.param(
            lambda path: str(path.parent / ".." / path.parent.name / path.name),
            True,
            id="other-spelling",
        ),
        pytest.param(lambda path: str(path.with_name("copy.txt")), False, id="a-copy"),
    ],
)
def test_the_same_file_twice_is_refused(tmp_path: Path, how, same: bool) -> None:  # type: ignore[no-untyped-def]
    first = tmp_path / "article.txt"
    first.write_text(PLAIN_ARTICLE, encoding="utf-8")
    shutil.copy(first, tmp_path / "copy.txt")
    if same:
        with pytest.raises(InputError, match="the same file on both sides"):
            load_documents([str(first), how(first)])
    else:
        loaded = load_documents([str(first), how(first)])
        assert loaded[0].document.text == loaded[1].document.text
        assert loaded[0].notes == loaded[1].notes == ()


@pytest.mark.parametrize(
    ("text", "usable"),
    [
        pytest.param("— * —\n\n* * *\n\n...\n", False, id="rules-and-dots"),
        pytest.param("…\n\n— — —\n", False, id="ellipsis-and-dashes"),
        pytest.param("One plain sentence.\n", True, id="one-sentence"),
    ],
)
def test_an_article_needs_a_sentence_with_a_word(text: str, usable: bool) -> None:
    comparison = compare_documents(Document(text, source="bad.txt"), Document(PLAIN_ARTICLE))
    if usable:
        require_sentences(comparison)
    else:
        with pytest.raises(InputError, match=r"bad\.txt: no sentences found"):
            require_sentences(comparison)
