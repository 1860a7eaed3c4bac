"""Review outputs on every labelled exercise and gait clip, with real MediaPipe inference and the real analysers:
the report, the plots and the video overlay show what the analysis found (counts, reps, strides), no more, no less."""

from __future__ import annotations

import re
from functools import cache

import pytest

from coach.report.annotate import OverlayTimeline
from coach.report.data import ReportData
from coach.report.html import render_html
from coach.report.plots import gait_cycle, hip_flexion_over_time, report_figures
from coach.report.tables import rep_table, stride_table
from tests.corpus.conftest import clips_with, corpus_analysis, labelled_settings, labels

CLIPS = [name for task in ("march", "lunge", "slr", "gait") for name in clips_with(task)]


@cache
def report_data(name: str) -> ReportData:
    """The clip analysed for its labelled task, as the report sees it."""
    return ReportData.from_analysis(corpus_analysis(name, labelled_settings(name)))


def assert_cycle_plots_account_for_every_stride(data: ReportData) -> None:
    """Each accepted stride is in a gait cycle curve or named in the plot's note with why it was left out; none in
    which the pose model swapped the legs is drawn (on real side-view walks it bends a knee ~48 deg in stance)."""
    spans = data.stride_spans()
    swapped = [s for s in spans if not s.labels_agree]
    for angle in ("hip_flex", "knee_flex"):
        fig = gait_cycle(data, angle)
        assert fig is not None
        drawn = sum(int(m.group(1)) for ln in fig.lines if (m := re.search(r"\(n=(\d+)\)", ln.name)))
        named = [s for s in spans if f"{s.label} at " in fig.note]
        assert drawn + len(named) == len(spans), (fig.note, [ln.name for ln in fig.lines])
        assert all(s in named for s in swapped)
        if swapped:
            assert "left out: the pose model swapped the legs" in fig.note


@pytest.mark.parametrize("name", CLIPS)
def test_report_shows_what_the_analysis_found(name):
    data = report_data(name)
    html = render_html(data)
    assert data.clip_name in html and data.summary.disclaimer in html
    gait, ex = data.summary.gait, data.summary.exercise
    if labels()[name]["task"] == "gait":
        assert gait is not None
        steps = gait.steps
        assert f"{steps['left']} left and {steps['right']} right heel strikes" in html
        strides = data.tables.get("strides.csv", [])
        table = stride_table(data)
        assert (table is None) == (not strides) and (table is None or len(table.rows) == len(strides))
        ok = sum(1 for r in strides if r["status"] == "ok")
        assert len(data.stride_spans()) == ok
        assert len(hip_flexion_over_time(data).marks) == len(data.events())
        if ok:
            assert any(f.key == "cycle_hip_flex" for f in report_figures(data))
            assert_cycle_plots_account_for_every_stride(data)
    else:
        assert ex is not None
        reps = ex.reps
        assert f"left {reps['left']}, right {reps['right']}" in html
        assert len(data.reps()) == reps["left"] + reps["right"]
        table = rep_table(data)
        assert (table is None and not data.reps()) or (table is not None and len(table.rows) == len(data.reps()))
        assert len(hip_flexion_over_time(data).shades) == len(data.reps())


@pytest.mark.parametrize("name", CLIPS)
def test_overlay_counts_reach_the_summary_counts_at_the_end(name):
    data = report_data(name)
    end = OverlayTimeline(data).state(float(data.angles.t_s[-1]) + 1e-6)
    gait, ex = data.summary.gait, data.summary.exercise
    if labels()[name]["task"] == "gait":
        assert gait is not None
        assert end.steps == gait.steps or (not data.events() and end.steps == {})
    else:
        assert ex is not None
        assert end.reps == ex.reps or (not data.reps() and end.reps == {})
