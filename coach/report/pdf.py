"""The PDF of the same report: the HTML rendered by WeasyPrint (pure Python on PyPI; lays out with Debian's Pango),
so the PDF and the HTML cannot drift apart, and no browser or network is needed."""

from __future__ import annotations

from pathlib import Path


def html_to_pdf(html: str, path: str | Path) -> None:
    """Render report HTML to a PDF file (A4); only inline data: URIs may be read, any other URL stops the render
    (the report is self-contained, so a fetch would be a bug)."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols={"data"}, fail_on_errors=True)
    HTML(string=html, url_fetcher=fetcher).write_pdf(str(path))
