"""Renderings of a Comparison for people: terminal text, Markdown, JSON, HTML."""
