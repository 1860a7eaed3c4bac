"""Assessment clips of the labelled corpus through real MediaPipe (pose once per clip, corpus_analysis): chair stands
counted exactly with their times, Timed Up and Go totals within the label's tolerance, single-leg stance trials with
the right standing leg and lift/touch-down within 0.2 s, abduction and knee-to-chest reps per side exact, and the
stretched hip and its hold within 0.5 s (the issue's targets); each on every frame the clip was posed at and, the
same targets, at half that frame rate (every other frame of its saved landmarks dropped: a webcam or phone at 12-15
fps)."""

from __future__ import annotations

from functools import cache

import pytest

from coach.analysis import Settings, analyze_poses
from coach.validation import ASSESSMENT_TESTS as TESTS
from coach.validation import HOLD_TOL_S, STANCE_TOL_S
from tests.corpus.conftest import clips_with, corpus_analysis, corpus_run, labelled_settings, labels

#: Every frame the clip was posed at, and every second one.
RATES = pytest.mark.parametrize("every", [1, 2], ids=["every_frame", "half_frame_rate"])


@cache
def _analyse(name: str, every: int, settings: Settings | None = None) -> dict:
    """The clip's summary under `settings` (its labelled task by default) from every `every`-th frame posed."""
    settings = settings or labelled_settings(name)
    if every == 1:
        return corpus_analysis(name, settings).summary
    run = corpus_run(name, settings)
    raw = run.raw.frames(slice(None, None, every))
    return analyze_poses(run.info, raw, run.people, settings, run.decode_error, run.stride * every).summary


@RATES
@pytest.mark.parametrize("name", clips_with("chair_stand"))
def test_chair_stands_counted_exactly(name, every):
    lab, s = labels()[name], _analyse(name, every)
    a = s["assessment"]
    assert a["stands"] == lab["stands"], (a["stand_times_s"], lab["stand_times_s"], s["findings"])


@RATES
@pytest.mark.parametrize("name", clips_with("chair_stand"))
def test_chair_stand_times(name, every):
    lab, a = labels()[name], _analyse(name, every)["assessment"]
    tol = lab["tolerance_s"]
    assert len(a["stand_times_s"]) == len(lab["stand_times_s"])
    assert all(abs(g - w) <= tol for g, w in zip(a["stand_times_s"], lab["stand_times_s"])), (
        a["stand_times_s"],
        lab["stand_times_s"],
    )


@RATES
@pytest.mark.parametrize("name", clips_with("tug"))
def test_tug_total_within_the_labels_tolerance(name, every):
    lab, s = labels()[name], _analyse(name, every)
    a = s["assessment"]
    assert a["total_s"] is not None, s["warnings"]
    assert abs(a["total_s"] - lab["total_s"]) <= lab["tolerance_s"], (a["start_s"], a["end_s"], lab)
    assert [p["name"] for p in a["phases"]] == ["sit_to_stand", "walk_out", "turn", "walk_back", "turn_and_sit"]


@RATES
@pytest.mark.parametrize("name", clips_with("single_leg_stance"))
def test_single_leg_stance_trials(name, every):
    lab, a = labels()[name], _analyse(name, every)["assessment"]
    got, want = a["trials"], lab["trials"]
    assert [g["standing_leg"] for g in got] == [w["standing_leg"] for w in want], got
    for g, w in zip(got, want):
        assert abs(g["lift_s"] - w["lift_s"]) <= STANCE_TOL_S, (g, w)
        assert g["touch_s"] is not None and abs(g["touch_s"] - w["touch_s"]) <= STANCE_TOL_S, (g, w)


@RATES
@pytest.mark.parametrize("name", clips_with("hip_abduction") + clips_with("supine_hip_flexion_knee_to_chest"))
def test_range_of_motion_reps_per_side(name, every):
    lab, s = labels()[name], _analyse(name, every)
    assert s["reps"] == lab["reps"], (s["rep_list"], s["findings"])
    for side, n in lab["reps"].items():
        assert (s["assessment"]["peaks_deg"][side] != []) == (n > 0)


@RATES
@pytest.mark.parametrize("name", clips_with("hip_flexor_stretch"))
def test_hip_flexor_stretch_side_and_hold(name, every):
    lab, a = labels()[name], _analyse(name, every)["assessment"]
    assert a["side"] == lab["side_stretched"]
    assert abs(a["hold_s"] - lab["hold_s"]) <= HOLD_TOL_S, a["holds"]
    assert a["hip_extension_deg"] is not None and a["hip_extension_deg"] > 0


@RATES
@pytest.mark.parametrize("name", [c for task in TESTS for c in clips_with(task)])
def test_auto_recognises_the_assessment(name, every):
    s = _analyse(name, every, Settings(task="auto"))
    want = TESTS[labels()[name]["task"]]
    assert s["recognised"]["task"] == want, s["recognised"]
    assert s["assessment"]["test"] == want


@pytest.mark.parametrize("name", clips_with("single_leg_stance"))
def test_single_leg_stance_with_the_feet_cut_off_times_no_stance(name):
    """The clip filmed again with the picture cut at the person's mid-shin (tests/corpus/derived.py FEET_CUT): the
    pose model still guesses the feet below the picture (visibility 0.5-0.7), and timing lifts from those guesses gave
    holds of 1.5-4.7 s for the labelled 6.0 and 6.15 s and a 2.9 s difference between the legs. Now no hold is
    timed, and the summary says that the floor under the feet was not in the picture."""
    from coach.analysis import analyze_run
    from tests.corpus.derived import FEET_CUT, derived_run

    settings = labelled_settings(name)
    s = analyze_run(derived_run(name, FEET_CUT, settings), settings).summary
    assert s["assessment"]["trials"] == [], s["assessment"]["trials"]
    assert any("was not in the picture" in w and "no stance" in w for w in s["warnings"]), s["warnings"]


@pytest.mark.parametrize("name", clips_with("tug"))
def test_tug_with_the_feet_cut_off_gives_its_time_or_none(name):
    """The clip filmed again with the picture cut at the person's mid-shin (FEET_CUT): the total is within the
    label's tolerance or not given, with the reason, never another number (tug_oblique_d once gave 3.4 s for 12.87,
    'below the fall-risk marker': a misread sit during the walk back, with no turn between it and the rise)."""
    from coach.analysis import analyze_run
    from tests.corpus.derived import FEET_CUT, derived_run

    lab, settings = labels()[name], labelled_settings(name)
    s = analyze_run(derived_run(name, FEET_CUT, settings), settings).summary
    total = s["assessment"]["total_s"]
    if total is None:
        assert any(
            "no Timed Up and Go time" in w or "test could not be timed" in w or "has no end" in w for w in s["warnings"]
        ), s["warnings"]
    else:
        assert abs(total - lab["total_s"]) <= lab["tolerance_s"], (total, lab["total_s"], s["findings"])


@pytest.mark.parametrize("name", clips_with("hip_flexor_stretch"))
def test_hip_flexor_stretch_with_the_feet_cut_off_measures_no_guessed_knee(name):
    """The clip filmed again with the picture cut at the person's mid-shin (FEET_CUT), the kneeling knee below it:
    holds of 2.7 and 3.3 s (labelled 11.95 s) and 'hip extension -3.5 deg: below the typical adult range' (15.4 deg on
    the clip itself) were read from the guessed knee. Now no hold is reported and a warning says why."""
    from coach.analysis import analyze_run
    from tests.corpus.derived import FEET_CUT, derived_run

    settings = labelled_settings(name)
    s = analyze_run(derived_run(name, FEET_CUT, settings), settings).summary
    assert s["assessment"]["hip_extension_deg"] is None, s["findings"]
    assert any(w.startswith("the kneeling knee was outside the picture") for w in s["warnings"]), s["warnings"]
