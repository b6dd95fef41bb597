"""Short, safe labels for articles: what the chrome says about a source."""

from __future__ import annotations

from pathlib import PurePath
from urllib.parse import urlsplit

from tui.engine import Article
from tui.sanitize import printable


def source_label(source: str) -> str:
    """Where an article came from, without directories: a file's name or a URL's host."""
    if source == "-":
        return "standard input"
    if "://" in source:
        parts = urlsplit(source)
        return printable(parts.netloc + parts.path.rstrip("/"))
    # Both separators: a Windows path reported on another system still loses its folders.
    return printable(PurePath(source.replace("\\", "/")).name or source)


def outlet_label(article: Article) -> str:
    """The outlet's name when known, else the source's short label."""
    if article.outlet:
        return printable(article.outlet)
    return source_label(article.source)


def title_label(article: Article) -> str:
    """The article's title made printable, or a stand-in when it has none."""
    return printable(article.title) if article.title else "(untitled)"


def byline_label(article: Article) -> str:
    """The outlet (or source) with the publication date when known."""
    label = outlet_label(article)
    if article.date:
        label += f" · {printable(article.date)}"
    return label


def citation(article: Article) -> str:
    """Where a quoted sentence comes from: outlet, title, date and source, on one line."""
    parts = [outlet_label(article)]
    if article.title:
        parts.append(f"“{printable(article.title)}”")
    if article.date:
        parts.append(printable(article.date))
    source = "standard input" if article.source == "-" else printable(article.source)
    if source != parts[0]:
        parts.append(source)
    return ", ".join(parts)
