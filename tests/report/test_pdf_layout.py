"""The PDF report of a gait clip (a synthetic walker through the whole pipeline) and of an exercise clip (the real
sample clip with planted reps): every table fits the A4 page. Read back from the PDF with poppler's pdftotext: each
table's last column header and its values are in the text, and no word lies outside the page."""

from __future__ import annotations

import re
import shutil
import subprocess
from html import unescape
from pathlib import Path

import pytest

from coach.numbers import cell_text
from coach.report.html import render_html
from coach.report.pdf import html_to_pdf
from coach.report.tables import report_tables
from tests.report.test_gait_report import one_way_walk

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>')
_PAGE = re.compile(r'<page width="([\d.]+)"')


def _pdf_words(pdf: Path) -> tuple[float, list[tuple[float, float, str]]]:
    """The page width (pt) and every word of the PDF with its left and right edge (pdftotext -bbox)."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    page = _PAGE.search(out)
    assert page is not None, "pdftotext gave no page"
    width = float(page.group(1))
    return width, [(float(a), float(b), unescape(w)) for a, b, w in _WORD.findall(out)]


@pytest.fixture(scope="module", params=["gait", "exercise"])
def report(request, exercise, tmp_path_factory):
    data = one_way_walk() if request.param == "gait" else exercise
    pdf = tmp_path_factory.mktemp(request.param) / "report.pdf"
    html_to_pdf(render_html(data), pdf)
    return data, pdf


def test_every_table_fits_the_page(report):
    data, pdf = report
    width, words = _pdf_words(pdf)
    assert words and all(0 <= left and right <= width for left, right, _ in words), [
        w for w in words if w[0] < 0 or w[1] > width
    ][:5]
    text = " ".join(w for _, _, w in words)
    joined = text.replace(" ", "")  # a narrow column wraps its header between words or inside one
    tables = report_tables(data)
    assert tables
    for t in tables:
        last = t.header[-1]
        assert last.replace(" ", "") in joined, f"{t.title}: last column '{last}' not in the PDF"
        for row in t.rows:
            cell = cell_text(row[-1], last)
            if cell:
                assert cell.replace(" ", "") in joined, f"{t.title}: last cell '{cell}' not in the PDF"
