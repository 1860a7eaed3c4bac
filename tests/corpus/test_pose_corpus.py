"""Real MediaPipe inference on the labelled clips: the right person is followed, the view is the labelled one, and a
person standing still reads hip and knee angles near 0."""

import numpy as np
import pytest

from coach.analysis import analyze_poses
from tests.corpus.conftest import clips_with, corpus_poses, labels


def _analysis(name):
    info, raw, people, err = corpus_poses(name)
    return analyze_poses(info, raw, people, decode_error=err)


@pytest.mark.parametrize("name", clips_with("march") + clips_with("lunge") + clips_with("slr"))
def test_person_found(name):
    a = _analysis(name)
    assert a.people.found_fraction > 0.75, a.people


#: Consecutive labelled gait events of one walk are under a stride apart (a stride lasts ~1-1.4 s); a longer gap is a
#: turn or the walker out of view (behind a door, outside the picture), where nobody can be found.
WALK_GAP_S = 1.5


def walking_spans(label: dict) -> list[tuple[float, float]]:
    """(start, end) s of each stretch of a walking clip where the label places events (the walker in view)."""
    times = np.sort(
        [
            t
            for key in ("heel_strikes", "toe_offs", "toe_offs_approx")
            for side in label.get(key, {}).values()
            for t in side
        ]
    )
    cuts = np.flatnonzero(np.diff(times) > WALK_GAP_S)
    return [(float(times[a]), float(times[b])) for a, b in zip(np.r_[0, cuts + 1], np.r_[cuts, len(times) - 1])]


@pytest.mark.parametrize("name", clips_with("gait"))
def test_walker_found_where_the_label_places_steps(name):
    a = _analysis(name)
    inside = np.zeros(len(a.raw), bool)
    for start, end in walking_spans(labels()[name]):
        inside |= (a.raw.t_s >= start) & (a.raw.t_s <= end)
    assert inside.any() and a.raw.found[inside].mean() > 0.95, (walking_spans(labels()[name]), a.people)


def test_slr_follows_the_patient_lying_down_not_the_nurse():
    a = _analysis("slr_supine_side_a.mp4")
    lift = (a.raw.t_s >= 16.5) & (a.raw.t_s <= 23.0)
    assert a.raw.found[lift].mean() > 0.9
    # the followed person's trunk is horizontal (lying), the standing nurse's would be vertical
    sh = a.raw.xy_px[lift][:, [11, 12]].mean(1)
    hp = a.raw.xy_px[lift][:, [23, 24]].mean(1)
    d = sh - hp
    assert np.mean(np.abs(d[:, 0]) > np.abs(d[:, 1])) > 0.9
    assert a.people.max_people >= 2
    assert any("people were in view" in w for w in a.summary["warnings"])


@pytest.mark.parametrize(
    "name", [n for n in clips_with("lunge") + clips_with("gait") if labels()[n]["view"].startswith("side")]
)
def test_side_view_detected(name):
    assert _analysis(name).summary["view"] == "side"


def test_march_clip_front_then_side():
    a = _analysis("march_front_then_side_a.mp4")
    t = a.angles.t_s
    front, side = a.angles.view[(t > 0.5) & (t < 5.0)], a.angles.view[(t > 7.0) & (t < 11.5)]
    assert np.mean(front == "front") > 0.8 and np.mean(side == "side") > 0.8


def test_standing_frames_read_near_zero_hip_and_knee():
    a = _analysis("march_front_then_side_a.mp4")
    # both feet on the floor: neither hip flexed past 20 deg in the side-view part
    t = a.angles.t_s
    hl, hr = a.angles["hip_flex_left"], a.angles["hip_flex_right"]
    standing = (t > 6.5) & (np.nan_to_num(hl, nan=99) < 20) & (np.nan_to_num(hr, nan=99) < 20)
    assert standing.sum() > 10
    for name in ("hip_flex_left", "hip_flex_right", "knee_flex_left", "knee_flex_right"):
        assert abs(np.nanmedian(a.angles[name][standing])) < 15, name


#: Clips filmed from the front or from behind all through, by their labels: which way the person faces.
FRONT_OR_REAR = {
    "squat_front_not_target.mp4": "the camera",
    "hip_abduction_front_a.mp4": "the camera",
    "gait_rear_e.mp4": "away from the camera",
    "gait_rear_f.mp4": "away from the camera",
}


@pytest.mark.parametrize("name", [n for n in FRONT_OR_REAR if n in labels()])
def test_front_view_says_whether_the_person_faces_the_camera(name):
    """A clip filmed from behind is a front view with the person facing away, and the summary says so."""
    s = _analysis(name).summary
    assert (s["view"], s["facing"]) == ("front", FRONT_OR_REAR[name])
