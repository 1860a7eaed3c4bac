"""The report's gait parts on synthetic walkers: seen from one side, the stride table says which leg was near or far,
the per-side table keeps the far leg's angles apart and says so, and the notes name the near leg per pass; seen from
behind, pelvic drop and trunk sway carry the landmarks' confidence and a short walk's cadence says it comes from the
walk's rhythm; with the legs swapped by the pose model, the gait cycle plot leaves those strides out and says so."""

from __future__ import annotations

import dataclasses
import re
from functools import cache
from html import unescape

import numpy as np

from coach.analysis import Settings
from coach.landmarks import SIDES
from coach.outputs.formats import write_csv
from coach.report.data import ReportData, read_table
from coach.report.html import render_html
from coach.report.names import metric_name
from coach.report.plots import (
    FAR,
    SAME_AS_ABOVE,
    SWAP_MARK,
    gait_cycle,
    hip_flexion_over_time,
    normalise_cycles,
    report_figures,
)
from coach.report.tables import confidence_notes, side_table, stride_table
from coach.report.words import CAMERA_ADVICE, summary_sentences
from coach.simulate import Body, simulate_walk
from tests.synthetic import analyse


def report_of(seq, task: str = "gait") -> ReportData:
    """A synthetic walker's landmarks through the pipeline to the report's data."""
    return ReportData.from_analysis(analyse(seq, Settings(task=task), "walker.mp4"))


@cache
def one_way_walk() -> ReportData:
    """A healthy walker crossing the picture left to right (right leg near), its far leg noisy, through the pipeline."""
    return report_of(simulate_walk(duration_s=6.0, directions=(1,), noise_px=1.0, far_noise_px=6.0, seed=3)[0])


def walk_away(duration_s: float) -> ReportData:
    """A healthy walker filmed from behind by a camera at eye height (a broad body, so that the view reads as rear)."""
    return report_of(
        simulate_walk(
            duration_s=duration_s,
            directions=(2,),
            noise_px=1.0,
            camera_height_m=0.6,
            seed=3,
            body=Body(shoulder_width=0.45, hip_width=0.35),
        )[0]
    )


def test_stride_table_says_which_leg_was_near():
    table = stride_table(one_way_walk())
    assert table is not None
    col = table.header.index("leg seen")
    side = table.header.index("side")
    ok = [r for r in table.rows if r[table.header.index("status")] == "ok"]
    assert ok and all(r[col] == ("near" if r[side] == "right" else "far") for r in ok)
    assert "far leg in this side view" in table.note


def test_far_leg_angles_kept_apart_and_named():
    rows = {r[0]: r[1:] for r in side_table(one_way_walk()).rows}
    left, right = rows["Hip extension in late stance (deg)"]
    assert "as the far leg only" in left and "less trustworthy" in left
    assert "(n=" in right and "far leg" not in right
    assert "far leg" not in rows["Stance (% of stride)"][0]  # timing holds for both legs in any view


def test_notes_name_the_near_leg_and_ask_for_a_walk_there_and_back():
    data = one_way_walk()
    notes = " ".join(confidence_notes(data))
    assert "Walking pass 0" in notes and "the right leg was nearer the camera" in notes
    assert "there and back" in notes
    assert "the right leg was nearer the camera" in render_html(data)


def test_frontal_angles_say_how_far_to_trust_them():
    rows = {r[0]: r[1:] for r in side_table(walk_away(5.0)).rows}
    for key in ("pelvic_drop_deg", "trunk_sway_deg"):
        assert all("landmark confidence 0." in cell for cell in rows[metric_name(key)]), rows[metric_name(key)]
    assert "landmark confidence" not in rows[metric_name("stance_pct")][0]  # timing rests on events, not an angle


def test_a_short_walk_says_its_cadence_comes_from_the_rhythm():
    words = " ".join(summary_sentences(walk_away(2.5)))
    assert "steps/min (from the walk's rhythm: too few strides to time)" in words


@cache
def swapped_walk() -> ReportData:
    """A healthy walker crossing the picture left to right whose legs the pose model exchanges for 0.6 s (a double
    support and a swing), through the pipeline."""
    return report_of(simulate_walk(duration_s=8.0, directions=(1,), noise_px=1.0, swap_s=((3.0, 3.6),), seed=7)[0])


def drawn_n(line) -> int:
    """The stride count a gait cycle line names: 'left (n=3)' -> 3."""
    n = re.search(r"\(n=(\d+)\)", line.name)
    assert n is not None, line.name
    return int(n.group(1))


def test_cycle_plot_leaves_out_strides_with_swapped_legs_and_says_so():
    data = swapped_walk()
    spans = data.stride_spans()
    swapped = [s for s in spans if not s.labels_agree]
    assert swapped and len(swapped) < len(spans)
    t = data.angles.t_s
    for angle in ("hip_flex", "knee_flex"):
        fig = gait_cycle(data, angle)
        assert fig is not None
        assert f"{len(swapped)} strides left out: the pose model swapped the legs" in fig.note
        assert all(s.label in fig.note for s in swapped)
        for side in SIDES:
            y = data.angles.values[f"{angle}_{side}"]
            for far, line in ((False, f"{side} (n="), (True, f"{side}, far leg (n=")):
                kept = [
                    (s.start_s, s.end_s)
                    for s in spans
                    if s.side == side and s.labels_agree and (s.leg_view == FAR) == far
                ]
                drawn = [ln for ln in fig.lines if ln.name.startswith(line)]
                assert len(drawn) == (1 if kept else 0)
                if kept:
                    assert drawn_n(drawn[0]) == len(kept)
                    assert np.allclose(drawn[0].y, normalise_cycles(t, y, kept).mean(axis=0))
        # the swap matters: with the swapped strides in, a side's knee curve would differ by more than the
        # 2D-video knee accuracy (~6 deg, Stenum et al. 2021)
        if angle == "knee_flex":
            side = swapped[0].side
            y = data.angles.values[f"knee_flex_{side}"]
            every = normalise_cycles(t, y, [(s.start_s, s.end_s) for s in spans if s.side == side]).mean(axis=0)
            curve = next(ln for ln in fig.lines if ln.name.startswith(side))
            assert np.max(np.abs(every - curve.y)) > 6.0
    html = render_html(data)
    assert html.count(f"{len(swapped)} strides left out: the pose model swapped the legs") == 1  # said once
    assert [f.note for f in report_figures(data) if f.key == "cycle_knee_flex"] == [SAME_AS_ABOVE]
    over_time = hip_flexion_over_time(data)
    assert {sh.label for sh in over_time.shades if sh.label.endswith(SWAP_MARK)} == {
        s.label + SWAP_MARK for s in swapped
    }
    assert "the pose model swapped the legs" in over_time.note


def test_swapped_strides_read_back_from_the_saved_table(tmp_path):
    data = swapped_walk()
    rows = data.tables["strides.csv"]
    write_csv(tmp_path / "strides.csv", list(rows[0]), [list(r.values()) for r in rows])
    again = dataclasses.replace(data, tables={"strides.csv": read_table(tmp_path / "strides.csv")})
    assert again.stride_spans() == data.stride_spans()
    assert {s.leg_view for s in again.stride_spans()} == {"near", FAR}


def test_a_walk_recognised_automatically_gets_the_walking_camera_advice():
    data = report_of(simulate_walk(duration_s=6.0, directions=(1,), noise_px=1.0, seed=3)[0], task="auto")
    assert data.summary.gait is not None and data.task == "gait"
    assert CAMERA_ADVICE["gait"] in unescape(render_html(data))
