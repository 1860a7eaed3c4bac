"""Assessment clips of the labelled corpus through real MediaPipe (pose once per clip, corpus_analysis): chair stands
counted exactly with their times, Timed Up and Go totals within the label's tolerance, single-leg stance trials with
the right standing leg and lift/touch-down within 0.2 s, abduction and knee-to-chest reps per side exact, and the
stretched hip and its hold within 0.5 s (the issue's targets)."""

from __future__ import annotations

import pytest

from coach.analysis import Settings
from coach.validation import ASSESSMENT_TESTS as TESTS
from coach.validation import HOLD_TOL_S, STANCE_TOL_S
from tests.corpus.conftest import clips_with, corpus_analysis, labelled_settings, labels


def _analyse(name: str) -> dict:
    return corpus_analysis(name, labelled_settings(name)).summary


@pytest.mark.parametrize("name", clips_with("chair_stand"))
def test_chair_stands_counted_exactly(name):
    lab, s = labels()[name], _analyse(name)
    a = s["assessment"]
    assert a["stands"] == lab["stands"], (a["stand_times_s"], lab["stand_times_s"], s["findings"])


@pytest.mark.parametrize("name", clips_with("chair_stand"))
def test_chair_stand_times(name):
    lab, a = labels()[name], _analyse(name)["assessment"]
    tol = lab["tolerance_s"]
    assert len(a["stand_times_s"]) == len(lab["stand_times_s"])
    assert all(abs(g - w) <= tol for g, w in zip(a["stand_times_s"], lab["stand_times_s"])), (
        a["stand_times_s"],
        lab["stand_times_s"],
    )


@pytest.mark.parametrize("name", clips_with("tug"))
def test_tug_total_within_the_labels_tolerance(name):
    lab, s = labels()[name], _analyse(name)
    a = s["assessment"]
    assert a["total_s"] is not None, s["warnings"]
    assert abs(a["total_s"] - lab["total_s"]) <= lab["tolerance_s"], (a["start_s"], a["end_s"], lab)
    assert [p["name"] for p in a["phases"]] == ["sit_to_stand", "walk_out", "turn", "walk_back", "turn_and_sit"]


@pytest.mark.parametrize("name", clips_with("single_leg_stance"))
def test_single_leg_stance_trials(name):
    lab, a = labels()[name], _analyse(name)["assessment"]
    got, want = a["trials"], lab["trials"]
    assert [g["standing_leg"] for g in got] == [w["standing_leg"] for w in want], got
    for g, w in zip(got, want):
        assert abs(g["lift_s"] - w["lift_s"]) <= STANCE_TOL_S, (g, w)
        assert g["touch_s"] is not None and abs(g["touch_s"] - w["touch_s"]) <= STANCE_TOL_S, (g, w)


@pytest.mark.parametrize("name", clips_with("hip_abduction") + clips_with("supine_hip_flexion_knee_to_chest"))
def test_range_of_motion_reps_per_side(name):
    lab, s = labels()[name], _analyse(name)
    assert s["reps"] == lab["reps"], (s["rep_list"], s["findings"])
    for side, n in lab["reps"].items():
        assert (s["assessment"]["peaks_deg"][side] != []) == (n > 0)


@pytest.mark.parametrize("name", clips_with("hip_flexor_stretch"))
def test_hip_flexor_stretch_side_and_hold(name):
    lab, a = labels()[name], _analyse(name)["assessment"]
    assert a["side"] == lab["side_stretched"]
    assert abs(a["hold_s"] - lab["hold_s"]) <= HOLD_TOL_S, a["holds"]
    assert a["hip_extension_deg"] is not None and a["hip_extension_deg"] > 0


@pytest.mark.parametrize("name", [c for task in TESTS for c in clips_with(task)])
def test_auto_recognises_the_assessment(name):
    s = corpus_analysis(name, Settings(task="auto")).summary
    want = TESTS[labels()[name]["task"]]
    assert s["recognised"]["task"] == want, s["recognised"]
    assert s["assessment"]["test"] == want
