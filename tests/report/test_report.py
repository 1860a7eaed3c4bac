"""The HTML report opens in real headless chromium without any network request and shows the summary's numbers;
the PDF renders and holds the same numbers; `coach report DIR` rebuilds both from saved results."""

from __future__ import annotations

import io
import json
import subprocess
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from coach.outputs.commit import commit_outputs
from coach.outputs.review import ReviewOptions, review_writers
from coach.report.data import ReportData
from coach.report.patient import PatientDetails
from tests.system_tools import CHROMIUM, chromium_playwright, need_programs

ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def expected_texts(data: ReportData) -> list[str]:
    """Numbers of summary.json a reader must find, written as the report writes them."""
    s = data.summary
    v = s.video
    texts = [
        data.clip_name,
        f"{v.frames_analysed} frames analysed",
        f"{v.duration_s:.1f} s",
        f"{s.person_found_fraction:.0%}",
        s.disclaimer,
    ]
    ex = s.exercise
    if ex is not None:
        texts += [f"left {ex.reps['left']}, right {ex.reps['right']}", f"{ex.score}/100"]
        texts += [r.faults[0].cue for r in ex.rep_list if r.faults]
    return texts


@pytest.fixture(scope="module")
def folder(tmp_path_factory, exercise) -> Path:
    """Report outputs of the exercise variant, written as the CLI writes them."""
    d = tmp_path_factory.mktemp("report")
    commit_outputs(d, review_writers(exercise, None, ReviewOptions(video=False)))
    return d


def _page_text_and_shot(html_path: Path) -> tuple[str, bytes, list[str]]:
    """Open a file in headless Debian chromium; return its text, a full-page screenshot and every request made."""
    sync_api = chromium_playwright()
    requests: list[str] = []
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": 1000, "height": 800})
            page.on("request", lambda r: requests.append(r.url))
            page.goto(html_path.as_uri(), wait_until="load")
            page.wait_for_load_state("networkidle")
            text = page.inner_text("body")
            shot = page.screenshot(full_page=True)
            images_ok = page.evaluate("[...document.images].every(i => i.complete && i.naturalWidth > 0)")
            n_images = page.evaluate("document.images.length")
        finally:
            browser.close()
    assert images_ok and n_images >= 2  # hip flexion and ROM plots decoded from inline data
    return text, shot, requests


@pytest.mark.browser
def test_html_in_chromium_no_network_shows_numbers(folder, exercise):
    text, shot, requests = _page_text_and_shot(folder / "report.html")
    outside = [u for u in requests if not u.startswith(("file:", "data:"))]
    assert outside == [], f"the report made network requests: {outside}"
    for t in expected_texts(exercise):
        assert t in text, t
    img = np.asarray(Image.open(io.BytesIO(shot)).convert("RGB"))
    assert img.shape[1] == 1000 and img.shape[0] > 1500  # the whole report, taller than one screen
    assert img.std() > 20 and len(np.unique(img.reshape(-1, 3)[::97], axis=0)) > 20  # not blank: text, plots, colours


def test_html_is_self_contained(folder):
    html = (folder / "report.html").read_text(encoding="utf-8")
    assert "<script" not in html and "http://" not in html and "https://" not in html
    assert html.count("data:image/svg+xml;base64,") >= 2


def test_pdf_renders_and_holds_the_numbers(folder, exercise, tmp_path):
    need_programs("pdftotext", "pdftoppm")
    text = subprocess.run(
        ["pdftotext", "-layout", str(folder / "report.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = " ".join(text.split())
    for t in expected_texts(exercise):
        assert " ".join(t.split()) in flat, t
    subprocess.run(
        ["pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "1", str(folder / "report.pdf"), str(tmp_path / "page")],
        check=True,
    )
    page = np.asarray(Image.open(next(tmp_path.glob("page*.png"))).convert("L"))
    assert page.shape[0] > page.shape[1] > 200  # A4 portrait
    assert (page < 128).mean() > 0.01  # ink on the page


def test_report_lists_reps_and_symmetry(folder):
    html = (folder / "report.html").read_text(encoding="utf-8")
    for section in ('id="per_side"', 'id="per_rep"', 'id="symmetry"', 'id="plot-hip_flexion"', 'id="plot-rom_per_rep"'):
        assert section in html
    assert 'id="score-note"' in html and "75-100 deg for a standing march" in html  # the score explained


def test_coach_report_rebuilds_from_saved_results(tmp_path, analysis):
    """Save an analysis as `coach analyze` does, drop the report, rebuild it with the CLI: same numbers, no pose run."""
    from typer.testing import CliRunner

    from coach.cli import app
    from coach.outputs.analysis import save_analysis

    save_analysis(analysis, tmp_path, ReviewOptions(video=False, pdf=False))
    (tmp_path / "report.html").unlink()
    result = CliRunner().invoke(app, ["report", str(tmp_path), "--no-pdf"])
    assert result.exit_code == 0, result.output
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    summary = json.loads((tmp_path / "summary.json").read_text())
    assert f"{summary['video']['frames_analysed']} frames analysed" in html
    rebuilt = ReportData.load(tmp_path)
    assert np.allclose(
        rebuilt.angles.values["hip_flex_left"], analysis.angles.values["hip_flex_left"], atol=1e-3, equal_nan=True
    )


def test_coach_report_on_a_folder_without_results_fails_in_one_line(tmp_path):
    from typer.testing import CliRunner

    from coach.cli import app

    result = CliRunner().invoke(app, ["report", str(tmp_path)])
    assert result.exit_code == 2 and "no summary.json" in result.output


def test_coach_analyze_out_writes_every_output(tmp_path, monkeypatch, analysis, clip):
    """`coach analyze CLIP --out DIR --blur-face` writes the whole set (the pose run is the session's, reused)."""
    from typer.testing import CliRunner

    import coach.analysis
    from coach.cli import app

    monkeypatch.setattr(coach.analysis, "analyze_video", lambda *a, **k: analysis)  # where the command imports it
    result = CliRunner().invoke(app, ["analyze", str(clip), "--out", str(tmp_path), "--blur-face"])
    assert result.exit_code == 0, result.output
    names = {p.name for p in tmp_path.iterdir()}
    assert {
        "annotated.mp4",
        "report.html",
        "report.pdf",
        "frames.csv",
        "summary.json",
        "landmarks.npz",
        "landmarks_px.trc",
        "angles.mot",
    } <= names
    assert not any(n.startswith(".coach-") for n in names)  # no staging folder left behind
    no_video = tmp_path / "no_video"
    result = CliRunner().invoke(app, ["analyze", str(clip), "--out", str(no_video), "--no-video", "--no-pdf"])
    assert result.exit_code == 0 and not (no_video / "annotated.mp4").exists() and (no_video / "report.html").exists()


def test_pdf_draws_japanese_chinese_and_korean_names(exercise, tmp_path):
    """A clip named in Japanese (and a Chinese and a Korean note): the PDF embeds a CJK font and its text layer
    holds the names, not empty boxes. Needs a CJK font on the system (Debian fonts-noto-cjk, installed by the
    README's set-up and .ci/run)."""
    import dataclasses

    from coach.report.html import render_html
    from coach.report.pdf import html_to_pdf

    need_programs("pdftotext", "pdffonts")
    names = ("山田花子の歩行テスト.mp4", "张伟", "김민준")
    ex = exercise.summary.exercise
    summary = dataclasses.replace(
        exercise.summary,
        video=dataclasses.replace(exercise.summary.video, source=f"/clips/{names[0]}"),
        result=dataclasses.replace(
            exercise.summary.result, exercise=dataclasses.replace(ex, cues=(*ex.cues, *names[1:]))
        ),
    )
    pdf = tmp_path / "report.pdf"
    html_to_pdf(render_html(dataclasses.replace(exercise, summary=summary)), pdf)
    text = " ".join(
        subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split()
    )
    for name in names:
        assert name in text, name
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert "CJK" in fonts, fonts


@pytest.mark.parametrize(
    "details, expect",
    [
        (PatientDetails(), "walk.mp4 · report 2026-01-02"),
        (PatientDetails(patient="P-017"), "P-017 · walk.mp4 · report 2026-01-02"),
        (PatientDetails(date_filmed="2025-12-30"), "walk.mp4 · filmed 2025-12-30 · report 2026-01-02"),
    ],
)
def test_running_line_names_only_what_is_given(details, expect):
    """The PDF's running line: the patient and the date filmed only when given, never an empty field between dots."""
    from coach.report.html import running_line

    assert running_line("walk.mp4", details, "2026-01-02") == expect
