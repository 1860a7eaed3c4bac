"""The programs the browser and PDF tests drive (Debian chromium through Playwright, poppler-utils, ffmpeg): when one
is missing those tests are skipped with the reason, or fail under COACH_REQUIRE_BROWSER=1 (as in CI, .ci/run), so a
run that could not open the browser or read a PDF never passes as if it had."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from types import ModuleType
from typing import NoReturn

import pytest

CHROMIUM = Path(os.environ.get("CHROMIUM_BIN", "/usr/bin/chromium"))
REQUIRED = os.environ.get("COACH_REQUIRE_BROWSER") == "1"


def missing(reason: str, module: bool = False) -> NoReturn:
    """Skip the test (the whole module's tests with `module`), saying `reason`; fail when COACH_REQUIRE_BROWSER=1."""
    if REQUIRED:
        pytest.fail(f"COACH_REQUIRE_BROWSER=1 but {reason}", pytrace=False)
    pytest.skip(reason, allow_module_level=module)


def need_programs(*names: str, module: bool = False) -> None:
    """Every program named is on PATH (e.g. pdftotext, ffmpeg), else missing()."""
    if absent := [n for n in names if shutil.which(n) is None]:
        missing(f"{', '.join(absent)} not installed (the Debian packages of .ci/system-packages.txt)", module)


def chromium_playwright(module: bool = False) -> ModuleType:
    """Playwright's sync API (playwright.sync_api), once it and Debian chromium at CHROMIUM are installed, else
    missing()."""
    try:
        from playwright import sync_api
    except ImportError:
        missing("Playwright is not installed (pip install -e '.[test]')", module)
    if not CHROMIUM.exists():
        missing(f"Debian chromium is not installed at {CHROMIUM} (apt-get install chromium)", module)
    return sync_api
