"""The report's gait parts on synthetic walkers: seen from one side, the stride table says which leg was near or far,
the per-side table keeps the far leg's angles apart and says so, and the notes name the near leg per pass; seen from
behind, pelvic drop and trunk sway carry the landmarks' confidence and a short walk's cadence says it comes from the
walk's rhythm."""

from __future__ import annotations

from functools import cache

from coach.analysis import Settings, analyze_poses
from coach.people import PeopleReport
from coach.report.data import ReportData
from coach.report.html import render_html
from coach.report.names import metric_name
from coach.report.tables import confidence_notes, side_table, stride_table
from coach.report.words import summary_sentences
from coach.simulate import Body, simulate_walk
from coach.types import VideoInfo


def report_of(seq) -> ReportData:
    """A synthetic walker's landmarks through the pipeline to the report's data."""
    info = VideoInfo("walker.mp4", seq.width, seq.height, 30.0, float(seq.t_s[-1]), len(seq))
    people = PeopleReport(max_people=1, others_fraction=0.0, n_tracks=1, found_fraction=1.0, lying_fraction=0.0)
    return ReportData.from_analysis(analyze_poses(info, seq, people, Settings(task="gait")))


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
