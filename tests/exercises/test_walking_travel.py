"""`auto`'s walking evidence (pelvis travel in thigh lengths) counts travel that is seen, not a jump of the followed
person's position across a stretch where nobody was found (a cut between shots: the edited leg-swing clip was called
walking from such jumps), and travel toward or away from the camera (a hallway walk filmed from the front or behind),
read from the body's size in the picture."""

from __future__ import annotations

import numpy as np
import pytest

from coach.analysis import Settings
from coach.exercises.recognise import FOCAL_PER_LONG_SIDE, WALK_TRAVEL_THIGHS, distance_thighs, pelvis_travel_thighs
from coach.simulate import Body, simulate_lunge, simulate_march, simulate_walk
from coach.simulate.walk import FOCAL_PX, NEAR_M
from coach.types import PoseSequence
from tests.synthetic import analyse

AUTO = Settings(task="auto")


def _seen_at(seq: PoseSequence, keep: np.ndarray) -> PoseSequence:
    """The sequence with only the frames in `keep` (a slower or frame-dropping camera)."""
    return seq.replace(**{k: getattr(seq, k)[keep] for k in ("t_s", "xy_px", "z", "visibility", "world_m", "n_people")})


def test_a_walk_seen_by_a_webcam_dropping_frames_is_travel():
    """A side-view walk at 30 fps, and the same seen at 5 fps with a third of those frames lost at random (steps of
    0.2-0.6 s, the longer ones not counted): both travel well past the walking evidence."""
    seq, _ = simulate_walk(duration_s=6.0, fps=30.0)
    full = pelvis_travel_thighs(seq)
    assert full > 2 * WALK_TRAVEL_THIGHS
    rng = np.random.default_rng(0)
    five = np.arange(0, len(seq), 6)
    slow = _seen_at(seq, np.sort(rng.choice(five, size=2 * len(five) // 3, replace=False)))
    assert pelvis_travel_thighs(slow) > WALK_TRAVEL_THIGHS


def test_a_person_standing_in_shots_cut_together_does_not_travel():
    """Someone standing still, filmed in 1 s shots cut together with 0.7 s of nobody in view at each cut (the edited
    leg-swing clip: 0.6-0.8 s), placed a thigh length further right in every shot (2 thigh lengths in 2 s if the
    jumps were travel, a slow walk): no travel."""
    seq, _ = simulate_walk(duration_s=8.0, fps=30.0)
    thigh = np.linalg.norm(seq.xy_px[:, 25] - seq.xy_px[:, 23], axis=1).mean()
    hips = seq.xy_px[:, [23, 24]].mean(1)
    shot = (seq.t_s // 1.0).astype(int)
    # standing: the pelvis held where each shot starts (+1 thigh length a shot), legs carried along with it
    xy = seq.xy_px - (hips - hips[0])[:, None, :] + np.stack([shot * thigh, np.zeros_like(shot)], 1)[:, None, :]
    unseen = (seq.t_s % 1.0) > 0.3
    xy[unseen] = np.nan
    cut = seq.replace(xy_px=xy)
    assert pelvis_travel_thighs(cut) < 0.5


@pytest.mark.parametrize("direction", [2, 0])
def test_distance_read_from_the_body_size_is_the_camera_s(direction):
    """A walker filmed from behind (walking away) or the front (toward) by the simulator's pinhole camera: the
    distance read from the body's size in the picture, with the simulator's own focal length in place of
    FOCAL_PER_LONG_SIDE, is the camera's distance where the walker is nearest (NEAR_M, 2.5 m)."""
    seq, _ = simulate_walk(duration_s=4.0, directions=(direction,))
    metres = distance_thighs(seq) * Body().thigh * (FOCAL_PX / max(seq.width, seq.height)) / FOCAL_PER_LONG_SIDE
    nearest = metres[0] if direction == 2 else metres[-1]
    assert nearest == pytest.approx(NEAR_M, rel=0.03)
    assert np.all(np.diff(metres) > 0) if direction == 2 else np.all(np.diff(metres) < 0)


@pytest.mark.parametrize("direction", [2, 0])
def test_a_walk_toward_or_away_from_the_camera_is_walking(direction):
    """A hallway walk filmed from behind or the front crosses little of the picture; its travel in depth is walking,
    and `auto` hands it to the gait analysis."""
    seq, _ = simulate_walk(duration_s=4.0, directions=(direction,))
    assert pelvis_travel_thighs(seq) > WALK_TRAVEL_THIGHS
    recognised = analyse(seq, AUTO)
    assert recognised.summary["recognised"]["task"] == "gait"


@pytest.mark.parametrize("make", [lambda: simulate_march(view="front"), lambda: simulate_lunge(view="front")])
def test_exercising_in_place_facing_the_camera_does_not_travel(make):
    """Marching or lunging on the spot facing the camera: the body's size hardly changes, no travel in depth."""
    seq, _ = make()
    assert pelvis_travel_thighs(seq) < 0.5


@pytest.mark.parametrize("direction, facing", [(2, "away from the camera"), (0, "the camera"), (1, "image right")])
def test_the_summary_says_which_way_the_walker_faces(direction, facing):
    """Walking away from the camera the person faces away from it, toward it they face it, across it image right."""
    seq, _ = simulate_walk(duration_s=4.0, directions=(direction,))
    assert analyse(seq, Settings(task="gait")).summary["facing"] == facing


def test_report_and_command_line_say_the_walker_faces_away():
    """The report's header and the command line's view line of a walk filmed from behind."""
    from coach.report.data import ReportData
    from coach.report.html import render_html
    from coach.report.words import plain_words

    seq, _ = simulate_walk(duration_s=4.0, directions=(2,))
    a = analyse(seq, Settings(task="gait"))
    assert "front 100%, facing away from the camera" in render_html(ReportData.from_analysis(a))
    assert any(line.startswith("Camera view: front 100%, facing away from the camera;") for line in plain_words(a.clip))
