"""The PDF of the same report: the HTML rendered by WeasyPrint (pure Python on PyPI; lays out with Debian's Pango),
so the PDF and the HTML cannot drift apart, and no browser or network is needed.

WeasyPrint catches every exception while it draws an SVG figure (KeyboardInterrupt included) and only logs it, which
would leave a PDF without that figure and swallow a Ctrl-C. So Ctrl-C during the render is held until the render
ends and then raised, and a figure WeasyPrint could not draw fails the PDF instead of going missing.
"""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class PdfError(RuntimeError):
    """WeasyPrint reported an error while drawing the report (a part of it would be missing)."""


@contextmanager
def _ctrl_c_held() -> Iterator[None]:
    """Hold SIGINT while the body runs and raise KeyboardInterrupt after it (main thread only: elsewhere Python
    delivers no signals, and the body runs as it is)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    pressed = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: pressed.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
    if pressed:
        raise KeyboardInterrupt


class _Errors(logging.Handler):
    """Collects WeasyPrint's error records during one render."""

    def __init__(self) -> None:
        super().__init__(logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def html_to_pdf(html: str, path: str | Path) -> None:
    """Render report HTML to a PDF file (A4); only inline data: URIs may be read, any other URL stops the render
    (the report is self-contained, so a fetch would be a bug). Ctrl-C stops it (after the render, never lost); a
    part WeasyPrint could not draw raises PdfError."""
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols={"data"}, fail_on_errors=True)
    errors = _Errors()
    log = logging.getLogger("weasyprint")
    log.addHandler(errors)
    try:
        with _ctrl_c_held():
            HTML(string=html, url_fetcher=fetcher).write_pdf(str(path))
    finally:
        log.removeHandler(errors)
    if errors.messages:
        raise PdfError(f"report.pdf could not be drawn completely ({'; '.join(errors.messages)})")
