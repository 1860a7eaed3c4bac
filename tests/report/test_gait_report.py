"""The report's gait parts on a synthetic walker seen from one side: the stride table says which leg was near or far,
the per-side table keeps the far leg's angles apart and says so, and the notes name the near leg per pass."""

from __future__ import annotations

from functools import cache

from coach.analysis import Settings, analyze_poses
from coach.people import PeopleReport
from coach.report.data import ReportData
from coach.report.html import render_html
from coach.report.tables import confidence_notes, side_table, stride_table
from coach.simulate import simulate_walk
from coach.types import VideoInfo


@cache
def one_way_walk() -> ReportData:
    """A healthy walker crossing the picture left to right (right leg near), its far leg noisy, through the pipeline."""
    seq, _ = simulate_walk(duration_s=6.0, directions=(1,), noise_px=1.0, far_noise_px=6.0, seed=3)
    info = VideoInfo("walker.mp4", seq.width, seq.height, 30.0, float(seq.t_s[-1]), len(seq))
    people = PeopleReport(max_people=1, others_fraction=0.0, n_tracks=1, found_fraction=1.0, lying_fraction=0.0)
    return ReportData.from_analysis(analyze_poses(info, seq, people, Settings(task="gait")))


def test_stride_table_says_which_leg_was_near():
    table = stride_table(one_way_walk())
    col = table.header.index("leg_view")
    side = table.header.index("side")
    ok = [r for r in table.rows if r[table.header.index("status")] == "ok"]
    assert ok and all(r[col] == ("near" if r[side] == "right" else "far") for r in ok)
    assert "far leg in this side view" in table.note


def test_far_leg_angles_kept_apart_and_named():
    rows = {r[0]: r[1:] for r in side_table(one_way_walk()).rows}
    left, right = rows["hip ext peak deg"]
    assert "as the far leg only" in left and "less trustworthy" in left
    assert "(n=" in right and "far leg" not in right
    assert "far leg" not in rows["stance pct"][0]  # timing holds for both legs in any view


def test_notes_name_the_near_leg_and_ask_for_a_walk_there_and_back():
    data = one_way_walk()
    notes = " ".join(confidence_notes(data))
    assert "Walking pass 0" in notes and "the right leg was nearer the camera" in notes
    assert "there and back" in notes
    assert "the right leg was nearer the camera" in render_html(data)
