"""Report tables and plot specs from known inputs: symmetry numbers, reps per side, strides from events, cycle
normalisation, and both renderers (SVG, Plotly) drawing every element of a spec."""

from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ET

import numpy as np
import pytest

from coach.exercises import SPECS, analyze_exercise
from coach.gait.symmetry import symmetry_angle_pct, symmetry_index_pct
from coach.kinematics.angles import compute_angles
from coach.report.data import events_from_rows
from coach.report.plots import (
    CYCLE_PCT,
    gait_cycle,
    hip_flexion_over_time,
    normalise_cycles,
    rom_per_rep,
    typical_curve_deg,
)
from coach.report.tables import (
    NOT_JUDGED,
    movement_table,
    rep_table,
    side_table,
    stride_table,
    symmetry_table,
    verdict,
)
from coach.report.words import summary_sentences
from coach.simulate import simulate_lunge
from coach.summary import ClipSummary
from tests.report.conftest import KNEE_LOW, REPS, march_data, with_task


@pytest.mark.parametrize(
    "left,right,si,sa", [(10.0, 10.0, 0.0, 0.0), (10.0, 12.0, 200 / 11, None), (12.0, 10.0, -200 / 11, None)]
)
def test_symmetry_numbers(left, right, si, sa):
    assert symmetry_index_pct(left, right) == pytest.approx(si)
    if sa is not None:
        assert symmetry_angle_pct(left, right) == pytest.approx(sa)
    assert np.sign(symmetry_angle_pct(left, right)) == np.sign(si)


@pytest.mark.parametrize(
    "si,n,expected",
    [(5.0, 3, "symmetric"), (-15.0, 3, "mildly asymmetric"), (25.0, 3, "asymmetric"), (5.0, 1, "not enough data")],
)
def test_verdict(si, n, expected):
    assert verdict(si, n, 3) == expected


def test_exercise_tables(exercise):
    side = {r[0]: r for r in side_table(exercise).rows}
    assert side["left"][1] == 2 and side["right"][1] == 1
    assert side["left"][2] == pytest.approx(57.0)  # mean ROM of 58 and 56
    reps, sym_table = rep_table(exercise), symmetry_table(exercise)
    assert reps is not None and sym_table is not None
    assert [r[1] for r in reps.rows] == ["left", "right", "left"] and reps.rows[1][-1] == KNEE_LOW.cue
    assert reps.rows[2][-2] == 0.4 and reps.rows[2][-1].startswith("uncertain") and np.isnan(reps.rows[0][-2])
    sym = {r[0]: r for r in sym_table.rows}
    assert sym["ROM mean (deg)"][1:4] == ["57", "44", "-13"]  # whole degrees, as the per-side table
    assert sym["ROM mean (deg)"][4] == pytest.approx(symmetry_index_pct(57.0, 44.0))
    assert sym["ROM mean (deg)"][-1] == "not enough data"  # one right rep only


def test_gait_tables_use_the_analyser_parts(gait):
    strides, sym = stride_table(gait), symmetry_table(gait)
    assert strides is not None and sym is not None
    assert strides.rows[0][:2] == [1, "left"]
    assert [r[1] for r in strides.rows].count("left") == 2  # heel strikes at 0.05, 0.85, 1.62
    assert sym.rows[0][0] == "Timing"  # measures grouped as a clinician reads them, each group named
    assert sym.rows[1][0] == "Stride time (s)" and sym.rows[1][4] == pytest.approx(1.3)
    assert sym.rows[1][1:4] == ["0.79", "0.80", "0.01"]  # in the metric's unit: seconds to the hundredth
    assert sym.note.startswith(f"Overall: {NOT_JUDGED}.") and "not enough strides" not in sym.note  # said elsewhere
    assert side_table(gait).rows[0] == ["Steps (heel strikes)", 3, 2]
    assert side_table(gait).rows[1] == ["Timing", "", ""]
    assert side_table(gait).rows[2] == ["Stride time (s)", "0.79 +/- 0.02 (n=2)", "0.80 (n=1)"]  # no SD from 1 stride


def test_no_task_has_no_rep_or_symmetry_table(plain):
    assert rep_table(plain) is None and symmetry_table(plain) is None and rom_per_rep(plain) is None
    assert len(side_table(plain).rows) == 2


def test_hip_plot_shades_each_rep_and_marks_each_event(exercise, gait):
    spec = hip_flexion_over_time(exercise)
    assert [s.label for s in spec.shades] == ["L1", "R1", "L2"] and spec.marks == []
    g = hip_flexion_over_time(gait)
    assert len(g.marks) == 9 and len(g.shades) == 3 and len(g.lines) == 2


def test_normalise_cycles_recovers_a_known_cycle():
    t = np.arange(0, 3.0, 1 / 60)
    y = 20 * np.sin(2 * np.pi * t)  # 1 s strides
    curves = normalise_cycles(t, y, [(0.0, 1.0), (1.0, 2.0)])
    assert curves.shape == (2, len(CYCLE_PCT))
    assert np.allclose(curves, 20 * np.sin(2 * np.pi * CYCLE_PCT / 100), atol=0.1)
    y[70] = np.nan  # a gap drops that stride, never invents it
    assert len(normalise_cycles(t, y, [(0.0, 1.0), (1.0, 2.0)])) == 1


def test_typical_curves_match_the_design_reference_values():
    hip = typical_curve_deg("hip_flex")
    assert 20 <= hip[0] <= 30 and -20 <= hip.min() <= -5 and 35 <= hip.max() - hip.min() <= 50


def test_cycle_plot_has_typical_band_and_both_sides(gait):
    spec = gait_cycle(gait, "knee_flex")
    assert spec is not None
    assert [ln.name.split(" ")[0] for ln in spec.lines] == ["typical", "left", "right"]
    assert all(ln.lo is not None for ln in spec.lines)


def test_renderers_draw_every_element(gait, exercise):
    from coach.report.interactive import to_plotly
    from coach.report.svg import to_svg

    spec = hip_flexion_over_time(gait)
    root = ET.fromstring(to_svg(spec))
    assert root.tag.endswith("svg")
    fig = to_plotly(spec)
    assert len(fig.data) == 2 and len(fig.layout.shapes) == len(spec.shades) + len(spec.marks)
    rom = rom_per_rep(exercise)
    assert rom is not None
    bars = to_plotly(rom)
    assert [list(b.y) for b in bars.data] == [[58.0, 56.0], [44.0]]


def test_gait_module_event_codes_and_stride_rows_are_understood(plain):
    """coach.gait writes kind HS/TO and strides.csv rows with hs_s/next_hs_s and a status; rejected ones are skipped."""
    import dataclasses

    events = [{"t_s": 0.1, "side": "left", "kind": "HS"}, {"t_s": 0.4, "side": "left", "kind": "TO"}]
    strides = [
        {"side": "left", "status": "ok", "hs_s": 0.1, "next_hs_s": 1.1},
        {"side": "right", "status": "rejected", "hs_s": 0.5, "next_hs_s": 1.5},
    ]
    data = dataclasses.replace(plain, tables={"strides.csv": strides}, gait_events=events_from_rows(events))
    assert [e.kind for e in data.events()] == ["heel_strike", "toe_off"]
    assert [(s.side, s.start_s, s.end_s) for s in data.stride_spans()] == [("left", 0.1, 1.1)]
    # every stride rejected: none drawn, not the heel strikes' own pairs (0.1 to 1.1 here)
    events.append({"t_s": 1.1, "side": "left", "kind": "HS"})
    rejected = dataclasses.replace(plain, tables={"strides.csv": strides[1:]}, gait_events=events_from_rows(events))
    assert rejected.stride_spans() == []
    assert len(dataclasses.replace(plain, gait_events=events_from_rows(events)).stride_spans()) == 1  # no strides.csv


def test_stride_notes_say_each_reason_once_with_its_strides(plain):
    """The per-stride table's note lists each reason a stride's numbers were withheld once, with how many strides
    it concerns (a stride's reasons are '; '-joined in strides.csv), whichever combination each stride has."""
    import dataclasses

    view, swapped = "pelvic drop and trunk lean need a front view: filmed from the side", "legs swapped"
    strides = [
        {"side": "left", "status": "ok", "hs_s": 0.1, "next_hs_s": 1.1, "reason": f"{view}; {swapped}"},
        {"side": "right", "status": "ok", "hs_s": 0.6, "next_hs_s": 1.6, "reason": view},
        {"side": "left", "status": "ok", "hs_s": 1.1, "next_hs_s": 2.1, "reason": ""},
    ]
    table = stride_table(dataclasses.replace(plain, tables={"strides.csv": strides}))
    assert table is not None
    assert table.note == f"Notes on strides: {swapped} (1 stride) | {view} (2 strides)"


def test_legend_never_covers_the_plot(exercise, gait):
    """The range-of-motion bars and the hip-flexion lines: each figure's legend is drawn outside the plot area."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from coach.report.svg import figure

    for spec in (rom_per_rep(exercise), hip_flexion_over_time(gait)):
        assert spec is not None
        fig = figure(spec)
        FigureCanvasAgg(fig).draw()  # lays the figure out (constrained layout)
        renderer = fig.canvas.get_renderer()
        (ax,), (legend,) = fig.axes, fig.legends
        assert not legend.get_window_extent(renderer).overlaps(ax.get_window_extent(renderer)), spec.title


@pytest.mark.parametrize(
    "summary, task",
    [
        ({"task": "auto", "exercise": "march", "reps": {}}, "march"),
        ({"task": "auto", "exercise": "none", "reps": {}}, ""),  # nothing recognised: nothing to file under
        ({"task": "auto", "gait": {"steps": {}}}, "gait"),  # a walk recognised under auto
        ({"task": "auto", "assessment": {"test": "tug"}}, "tug"),
        ({"task": "none"}, ""),
        ({"task": "gait", "gait": {}}, "gait"),
    ],
)
def test_the_task_a_result_is_filed_under(summary, task):
    from coach.report.words import analysed_task

    assert analysed_task(ClipSummary.from_dict({"video": {}} | summary)) == task


def test_movement_table_accounts_for_every_movement_seen(plain):
    """Three squats analysed as lunges (coach.simulate): the table and the summary sentence say 3 seen, 0 counted,
    3 not counted as squats, from the analyser's own summary."""
    seq, _ = simulate_lunge(n_reps=3, pattern="squat")
    data = with_task(plain, "lunge", analyze_exercise(seq, compute_angles(seq), SPECS["lunge"]).summary())
    table = movement_table(data)
    assert table is not None
    assert table.title == "Movements seen: 3"
    assert table.rows[0][0] == "counted" and table.rows[0][2] == 0
    assert table.rows[1][0] == "not counted" and "squat" in table.rows[1][1] and table.rows[1][2] == 3
    assert any(s.startswith("Movements: 3 knee bends seen: 0 counted") for s in summary_sentences(data))
    assert movement_table(plain) is None


def test_a_top_between_frames_is_said_and_kept_out_of_the_symmetry(exercise):
    """A rep whose top fell between frames (rom_deg None) is marked in the rep table and not counted toward the
    symmetry verdict's reps per side."""
    unseen = dataclasses.replace(REPS[1], rom_deg=41.0, peak_seen=False)
    data = march_data(exercise, (REPS[0], unseen, REPS[2]))
    reps, sym_table = rep_table(data), symmetry_table(data)
    assert reps is not None and sym_table is not None
    assert reps.rows[1][-1].startswith("top between frames: ROM at least 41")
    sym = {r[0]: r for r in sym_table.rows}
    assert sym["reps"][2] == 1 and sym["ROM mean (deg)"][2] == "-"
