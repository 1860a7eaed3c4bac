"""Rep counts that hold on clips coach has never seen: transformed versions of the labelled clips, built at test time,
give the counts of the clip itself (sides swapped when mirrored) and its range of motion within a few degrees. The
main defence against rules tuned to the clips: a rule that holds because of anatomy, tempo or geometry does not care.

- Timing, on the saved landmarks (equivalent and cheap): the clip played twice as fast and half as fast (timestamps
  rewritten) and every other frame dropped (half the frame rate).
- The picture, on a few short clips, with real pose on the derived video (made by ffmpeg here, posed once through
  coach.posecache): mirrored, downscaled to 360p, cropped by 10 %, re-encoded at a low bitrate, and the camera
  tilted either way (tests/corpus/derived.py).
"""

from __future__ import annotations

from functools import cache

import numpy as np
import pytest

from coach.analysis import Settings, analyze_poses
from coach.landmarks import SIDES
from coach.people import PoseRun
from coach.types import PoseSequence
from tests.corpus.conftest import clips_with, corpus_run, labels
from tests.corpus.derived import FEET_CUT, PICTURES, derived_run

#: Range of motion of a transformed clip may differ from the clip's by this much (deg, per side, median over the reps
#: whose top was seen, so one rep whose top is a landmark spike does not decide it): the accuracy of 2D video joint
#: angles, ~4-6 deg (Stenum et al. 2021).
ROM_TOL_DEG = 5.0
#: Tempo coach holds (s a rep; up to 30 s with a hold at the top): a time-scaled clip outside it is not a clip of the
#: exercise any more (high knees at ~0.3 s a lift played twice as fast).
TEMPO_S = (0.25, 30.0)
EXERCISE_CLIPS = [c for task in ("march", "lunge", "slr") for c in clips_with(task)]
TIMINGS = {"0.5x": 0.5, "2x": 2.0}
#: Clips posed again after each picture transform: a fast side-view march at 60 fps, a reverse lunge whose counts are
#: all on one side (so a mirror must swap them), a split squat with dumbbells whose front knee the landmarks lose for a
#: moment at the bottom of a lunge (tilted, one lunge once counted as two), and two near-misses that must stay at 0
#: under auto: one lying down, and a 1.7 s balance reach standing (at a messaging app's bitrate it once read as hip
#: abduction).
PICTURE_CLIPS = (
    "march_highknees_side_gym_a.mp4",
    "lunge_reverse_band_side_d.mp4",
    "lunge_split_one_leg_side_b.mp4",
    "glute_bridge_side_not_target_p.mp4",
    "pose2sim_balance_cam02.mp4",
)


def rep_period_s(name: str) -> float:
    """Typical time (s) of one rep: the median time between successive labelled reps (tops or bottoms, either side),
    else the median duration of the reps coach counted on the clip."""
    lab = labels()[name]
    times = lab.get("rep_peaks_s") or lab.get("rep_bottoms_s")
    if isinstance(times, dict):
        times = [t for side in times.values() for t in side]
    if times and len(times) > 1:
        return float(np.median(np.diff(sorted(times))))
    reps = original(name)["rep_list"]
    return float(np.median([r["rep_s"] for r in reps])) if reps else float("nan")


def _task(name: str) -> str:
    lab = labels()[name]
    return lab["task"] if lab["task"] in ("march", "lunge", "slr") else "auto"


def _summary(run: PoseRun, raw: PoseSequence, task: str) -> dict:
    return analyze_poses(run.info, raw, run.people, Settings(task=task), run.decode_error).summary


@cache
def original(name: str) -> dict:
    """The clip's own summary for its labelled task (auto for a near-miss)."""
    run = corpus_run(name)
    return _summary(run, run.raw, _task(name))


def rom_by_side(summary: dict) -> dict[str, float]:
    """Median range of motion per side over the reps whose top was seen (NaN without such reps)."""
    out = {}
    for side in SIDES:
        rom = [r["rom_deg"] for r in summary.get("rep_list", []) if r["side"] == side and r["rom_deg"] is not None]
        out[side] = float(np.median(rom)) if rom else float("nan")
    return out


def assert_same_reps(name: str, got: dict, want: dict, swap: bool = False) -> None:
    """Counts equal per side (swapped when mirrored; either way round when the label says the clip's sides are not
    known: then coach cannot be held to them either); median ROM per side within ROM_TOL_DEG where both saw tops."""
    zero = {"left": 0, "right": 0}
    want_counts, got_counts = want.get("reps", zero), got.get("reps", zero)
    swapped = {"left": want_counts["right"], "right": want_counts["left"]}
    if not labels()[name].get("sides_known", True) and got_counts != want_counts and got_counts == swapped:
        swap = True
    flip = {"left": "right", "right": "left"} if swap else {s: s for s in SIDES}
    assert got_counts == (swapped if swap else want_counts), (
        got_counts,
        want_counts,
        got.get("movements", {}).get("text"),
        want.get("movements", {}).get("text"),
    )
    rom_got, rom_want = rom_by_side(got), rom_by_side(want)
    for side in SIDES:
        a, b = rom_got[flip[side]], rom_want[side]
        assert not (np.isfinite(a) and np.isfinite(b)) or abs(a - b) <= ROM_TOL_DEG, (rom_got, rom_want)


def _timing_cases() -> list:
    cases = []
    for name in EXERCISE_CLIPS:
        for label, factor in TIMINGS.items():
            cases.append(pytest.param(name, factor, id=f"{name}-{label}"))
    return cases


@pytest.mark.parametrize("name, factor", _timing_cases())
def test_counts_hold_when_the_clip_is_played_faster_or_slower(name, factor):
    """Timestamps multiplied by `factor` (0.5: twice as fast, 2: half as fast): the same reps, the same range."""
    period = rep_period_s(name) * factor
    if np.isfinite(period) and not TEMPO_S[0] <= period <= TEMPO_S[1]:
        pytest.skip(f"{period:.2f} s between reps once scaled by {factor}: outside the tempo coach holds {TEMPO_S}")
    run = corpus_run(name)
    scaled = run.raw.replace(t_s=(run.raw.t_s - run.raw.t_s[0]) * factor + run.raw.t_s[0])
    assert_same_reps(name, _summary(run, scaled, _task(name)), original(name))


@pytest.mark.parametrize("name", EXERCISE_CLIPS)
def test_counts_hold_at_half_the_frame_rate(name):
    """Every other frame dropped (30 -> 15 fps, 60 -> 30 fps, 24 -> 12 fps): the same reps, the same range."""
    run = corpus_run(name)
    assert_same_reps(name, _summary(run, run.raw.frames(slice(None, None, 2)), _task(name)), original(name))


@pytest.mark.parametrize("picture", list(PICTURES))
@pytest.mark.parametrize("name", PICTURE_CLIPS)
def test_counts_hold_when_the_picture_changes(name, picture):
    """Mirrored (sides swap), smaller, cropped, compressed or tilted: the same reps, the same range of motion."""
    if name not in labels():
        pytest.skip(f"{name} not in the corpus")
    run = derived_run(name, picture)
    assert_same_reps(name, _summary(run, run.raw, _task(name)), original(name), swap=picture == "mirrored")


#: Clips filmed again with the feet out of the picture (FEET_CUT): a side-view march at 60 fps and a front-then-side
#: march (MediaPipe then reads the far knee of a side view far less often), and a reverse lunge (its knee flexion needs
#: the ankle).
FEET_CUT_CLIPS = (
    "march_highknees_side_gym_a.mp4",
    "march_front_then_side_a.mp4",
    "lunge_reverse_band_side_d.mp4",
)


@pytest.mark.parametrize("name", FEET_CUT_CLIPS)
def test_a_leg_cut_off_is_counted_or_named(name):
    """Feet out of the picture: each side counts as on the clip itself, or fewer, and then the summary names that
    leg as not readable for long (its count may be low) and withholds the left/right comparison. Nothing is invented,
    no count drops in silence, and the set-up check asks to step back."""
    if name not in labels():
        pytest.skip(f"{name} not in the corpus")
    run = derived_run(name, FEET_CUT)
    got, want = _summary(run, run.raw, _task(name)), original(name)
    assert "step back so your feet are in view" in got["setup"]["messages"]
    named = [s for s in SIDES if any(f"the {s} leg for" in w and "could not be read" in w for w in got["warnings"])]
    for side in SIDES:
        assert got["reps"][side] <= want["reps"][side], (side, got["reps"], want["reps"])
        assert got["reps"][side] == want["reps"][side] or side in named, (side, got["reps"], want["reps"], named)
    if named and any(got["reps"].values()):
        assert any(f.startswith("left/right comparison withheld") for f in got["findings"]), got["findings"]
