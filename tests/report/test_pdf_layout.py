"""The PDF report of a gait clip (a synthetic walker through the whole pipeline) and of an exercise clip (the real
sample clip with planted reps): every table fits the A4 page, and every page says whose it is and which page it is.
Read back from the PDF with poppler's pdftotext: each table's last column header and its values are in the text, no
word lies outside the page, each page's foot holds the patient, the clip and 'page N of M', and the last trust note
shares its page with the disclaimer."""

from __future__ import annotations

import dataclasses
import re
import subprocess
from html import unescape
from pathlib import Path

import pytest

from coach.numbers import cell_text
from coach.report.html import render_html
from coach.report.patient import PatientDetails
from coach.report.pdf import html_to_pdf
from coach.report.tables import confidence_notes, report_tables
from tests.report.test_gait_report import one_way_walk
from tests.system_tools import need_programs

need_programs("pdftotext", module=True)
_WORD = re.compile(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>')
_PAGE = re.compile(r'<page width="([\d.]+)"')


def _pdf_words(pdf: Path) -> tuple[float, list[tuple[float, float, str]]]:
    """The page width (pt) and every word of the PDF with its left and right edge (pdftotext -bbox)."""
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    page = _PAGE.search(out)
    assert page is not None, "pdftotext gave no page"
    width = float(page.group(1))
    return width, [(float(a), float(b), unescape(w)) for a, b, w in _WORD.findall(out)]


#: The patient the reports below are filed under.
PATIENT = PatientDetails(patient="P-017 Jane Doe", date_filmed="2025-03-04")
#: Blank height (mm) before the report's end: of the 267 mm inside the A4 page's margins, it leaves room for the last
#: trust note (two lines) but not for the disclaimer after it.
FILL_MM = 245


def _pages(pdf: Path) -> list[str]:
    """The text of each page of the PDF (pdftotext ends every page with a form feed)."""
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return out.split("\f")[:-1]


@pytest.fixture(scope="module", params=["gait", "exercise"])
def report(request, exercise, tmp_path_factory):
    data = one_way_walk() if request.param == "gait" else exercise
    data = dataclasses.replace(data, summary=PATIENT.record(data.summary))
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


def test_every_page_says_whose_it_is_and_which_page(report):
    """A page filed on its own names the patient, the clip and the date filmed, and says 'page N of M'."""
    data, pdf = report
    pages = _pages(pdf)
    assert len(pages) >= 2
    for n, page in enumerate(pages, 1):
        flat = " ".join(page.split())
        assert f"page {n} of {len(pages)}" in flat, (n, flat[-300:])
        for text in (PATIENT.patient, data.clip_name, f"filmed {PATIENT.date_filmed}"):
            assert text in flat, (n, text)


def test_the_last_trust_note_stays_with_the_disclaimer(report, tmp_path):
    """The report's end placed where a page ends (a blank block of FILL_MM before it): the last trust note moves to
    the next page with the disclaimer instead of leaving the disclaimer alone on the last page."""
    data, _ = report
    html = render_html(data)
    start = html.index("<body>") + len("<body>")
    end = html.index('<div class="closing">')
    pdf = tmp_path / "end.pdf"
    html_to_pdf(html[:start] + f'<div style="height: {FILL_MM}mm"></div>' + html[end:], pdf)
    last_note = confidence_notes(data)[-1]
    pages = [" ".join(p.split()) for p in _pages(pdf)]
    assert len(pages) == 2 and data.summary.disclaimer in pages[1], pages
    assert " ".join(last_note.split())[:40] in pages[1] and last_note[:40] not in pages[0], pages
