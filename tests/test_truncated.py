"""A clip cut off while copying, as a user meets it. With its index first (web exports, `+faststart`) the part that
decodes is analysed and summary.json, the CLI, the report and the batch table all say the file ends early; with its
index last (as cameras write) nothing can be read and the one-line error says the file is incomplete."""

from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from make_clips import remux, truncate
from test_cli import SAMPLE, assert_clean_failure, coach

from coach.analysis import Settings
from coach.batch import run_batch
from coach.video import probe
from tests.system_tools import need_programs

#: The warning, with the numbers it must hold.
ENDS_EARLY = re.compile(
    r"the file ends early: (\d+) of (\d+) frames \((\d+)%\) could be read, the first "
    r"[\d.]+ s of [\d.]+ s; export or copy the clip again"
)
INCOMPLETE = "the file is incomplete (cut off while copying?)"


@pytest.fixture(scope="module")
def cut(tmp_path_factory) -> dict[str, Path]:
    """The bundled sample re-muxed with its index first and last, each cut to its first 40% of bytes."""
    d = tmp_path_factory.mktemp("cut")
    return {
        index: truncate(remux(SAMPLE, d / f"whole_{index}.mp4", index == "first"), d / f"cut_{index}.mp4", 0.4)
        for index in ("first", "last")
    }


@pytest.fixture(scope="module")
def analysed(cut, tmp_path_factory) -> tuple[subprocess.CompletedProcess, Path]:
    """`coach analyze` on the clip cut with its index first: (the finished process, its results folder)."""
    out = tmp_path_factory.mktemp("analysed") / "out"
    return coach("analyze", str(cut["first"]), "--out", str(out), "--no-video"), out


def only_warning(warnings: list[str]) -> re.Match:
    """The one ends-early warning among `warnings`."""
    found = [m for m in map(ENDS_EARLY.fullmatch, warnings) if m]
    assert len(found) == 1, warnings
    return found[0]


def test_summary_says_how_much_of_the_file_was_read(analysed):
    r, out = analysed
    assert r.returncode == 0, r.stderr
    s = json.loads((out / "summary.json").read_text())
    v = s["video"]
    expected = probe(SAMPLE).n_frames // v["pose_stride"]  # auto poses the 60 fps sample at 30 a second
    assert v["complete"] is False and v["frames_expected"] == expected == 50
    assert 10 < v["frames_decoded"] < 0.6 * expected and v["frames_decoded"] == v["frames_analysed"]
    assert v["fraction_read"] == pytest.approx(v["frames_decoded"] / expected, abs=1e-3)
    assert v["duration_read_s"] < 0.6 * v["duration_s"]
    m = only_warning(s["warnings"])
    assert (int(m[1]), int(m[2]), int(m[3])) == (
        v["frames_decoded"],
        expected,
        round(100 * v["frames_decoded"] / expected),
    )


def test_cli_words_say_the_file_ends_early(analysed):
    r, out = analysed
    v = json.loads((out / "summary.json").read_text())["video"]
    lines = r.stdout.splitlines()
    assert f"{v['frames_decoded']} of 50 frames (1 in 2 of the clip's) analysed (the file ends early)." in lines[0]
    only_warning([line.removeprefix("Warning: ") for line in lines if line.startswith("Warning: ")])


def test_report_says_the_file_ends_early(analysed):
    _, out = analysed
    html = (out / "report.html").read_text()
    assert ENDS_EARLY.search(html), "report.html does not say the file ends early"
    need_programs("pdftotext")
    text = subprocess.run(
        ["pdftotext", str(out / "report.pdf"), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert ENDS_EARLY.search(" ".join(text.split())), "report.pdf does not say the file ends early"


def test_index_last_is_incomplete_not_an_unknown_file(cut, tmp_path):
    r = coach("analyze", str(cut["last"]), "--out", str(tmp_path / "out"))
    assert_clean_failure(r, INCOMPLETE)
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_batch_row_is_ok_with_the_warning_and_the_cut_index_an_error(cut, tmp_path):
    folder = tmp_path / "clips"
    folder.mkdir()
    for clip in cut.values():
        shutil.copy(clip, folder / clip.name)
    report = run_batch(folder, Settings(), tmp_path / "out", workers=1)
    with report.csv_path.open(newline="") as f:
        rows = {row["file"]: row for row in csv.DictReader(f)}
    first, last = rows["cut_first.mp4"], rows["cut_last.mp4"]
    assert first["status"] == "ok" and first["error"] == ""
    m = only_warning(first["warnings"].split(" | "))
    assert int(m[1]) == int(first["frames_analysed"]) and int(m[2]) == 100
    assert last["status"] == "error" and INCOMPLETE in last["error"]
