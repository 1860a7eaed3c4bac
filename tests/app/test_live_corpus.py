"""Labelled real clips through the live session (follower, set-up check, the shared exercise analyser): the reps
counted live equal the labels, `auto` recognises the exercise, and at the frame rates a browser on a 2-core machine
delivers (8, 10, 15 fps) live gives the offline counts and range of motion. Real MediaPipe landmarks
(tests/corpus/conftest.py runs inference once per session); each clip is preceded by 2 s of its first frame, as a
patient stands still while the set-up check runs."""

from __future__ import annotations

from functools import cache

import numpy as np
import pytest

from coach.analysis import Settings
from coach.pose import Detection
from coach.types import PoseSequence
from tests.app.test_live import _ran
from tests.corpus.conftest import clips_with, corpus_analysis, corpus_poses, labels

LEAD_IN_S = 2.0
#: Frame rates a browser delivers to coach on a 2-core machine (the issue measured 5-10 fps; 15 on a quicker one).
BROWSER_FPS = (8.0, 10.0, 15.0)
#: Live range of motion may differ from offline by this much (deg, per side, mean over the reps whose top was seen):
#: live measures unfiltered landmarks, offline cleaned ones; 2D video angles are good to ~4-6 deg (Stenum 2021).
LIVE_ROM_TOL_DEG = 5.0
#: A live rep is the offline rep of the same side whose top is this close in time (s).
MATCH_S = 0.3
CLIPS = [(name, task) for task in ("march", "lunge") for name in clips_with(task)]
AUTO_CLIPS = [name for task in ("march", "lunge", "slr") for name in clips_with(task)] + [
    name for name in clips_with("other") if name.startswith("double_leg")
]


class _Replay:
    """Stands in for PoseEstimator: the followed person's real landmarks of each frame in turn (none when unseen)."""

    def __init__(self, seq: PoseSequence) -> None:
        self.seq, self.i = seq, 0

    def detect(self, frame):
        q, i = self.seq, self.i
        self.i += 1
        if not q.found[i]:
            return []
        return [Detection(q.xy_px[i], q.z[i], q.visibility[i], q.visibility[i], q.world_m[i])]

    def close(self):
        pass


def _with_lead_in(seq: PoseSequence) -> PoseSequence:
    """The sequence after LEAD_IN_S seconds of its first frame with a person."""
    first = int(np.argmax(seq.found))
    dt = float(np.median(np.diff(seq.t_s)))
    n = int(round(LEAD_IN_S / dt))
    idx = np.concatenate([np.full(n, first), np.arange(len(seq))])
    return seq.frames(idx, np.concatenate([np.arange(n) * dt, seq.t_s - seq.t_s[0] + n * dt]))


def _webcam(seq: PoseSequence, fps: float, keep: float, seed: int) -> PoseSequence:
    """The frames a slow webcam delivers: at most `fps` frames a second, each kept with probability `keep` (frames
    dropped on the way or while inference was busy)."""
    rng = np.random.default_rng(seed)
    idx, next_t = [], -np.inf
    for i, t in enumerate(seq.t_s):
        if t + 1e-9 >= next_t:
            next_t = t + 1 / fps
            if rng.random() < keep:
                idx.append(i)
    return seq.frames(idx)


def _lead_in_shift_s(raw: PoseSequence) -> float:
    """How much later (s) a moment of the clip comes in the live session, after the lead-in."""
    dt = float(np.median(np.diff(raw.t_s)))
    return int(round(LEAD_IN_S / dt)) * dt - float(raw.t_s[0])


def _live(name: str, exercise: str, webcam: tuple[float, float, int] | None = None) -> tuple[dict[str, int], dict]:
    """Reps per side and the summary of a live session on a clip (after the lead-in), every frame processed, or
    only those a webcam of (fps, keep, seed) delivers."""
    _, raw, _, _ = corpus_poses(name)
    seq = _with_lead_in(raw)
    if webcam:
        seq = _webcam(seq, *webcam)
    with _ran(_Replay(seq), seq, exercise) as s:
        summary = s.summary()  # the end of the session: frames still being cleaned are counted
        return s.snapshot().reps, summary


def _assert_labelled_reps(name: str, got: dict[str, int], want: dict[str, int] | None = None) -> None:
    """Reps per side equal the label (or `want`) within the label's tolerance (as a sorted pair when the label does
    not know sides)."""
    lab = labels()[name]
    want = want or lab["reps"]
    tol = lab.get("tolerance", 0)
    if lab.get("sides_known"):
        assert abs(got["left"] - want["left"]) <= tol and abs(got["right"] - want["right"]) <= tol, (got, want)
    else:
        assert all(abs(a - b) <= tol for a, b in zip(sorted(got.values()), sorted(want.values()))), (got, want)


@pytest.mark.parametrize("name, task", CLIPS)
def test_live_session_counts_the_labelled_reps(name, task):
    """Reps per side counted live equal the label."""
    _assert_labelled_reps(name, _live(name, task)[0])


@pytest.mark.parametrize("name, task", CLIPS)
def test_live_session_counts_the_labelled_reps_from_a_slow_webcam_dropping_frames(name, task):
    """The same counts when only a 15 fps webcam's frames arrive and 30% of them are lost (WebRTC delivers ~11 fps
    to the browser-test page)."""
    _assert_labelled_reps(name, _live(name, task, webcam=(15.0, 0.7, 1))[0])


@pytest.mark.parametrize("name", AUTO_CLIPS)
def test_live_auto_recognises_the_exercise_and_counts_it(name):
    """'auto' live recognises each clip's exercise as the whole-clip analysis does (none for a squat or a double-leg
    raise, which must not be counted) and counts the labelled reps."""
    got, summary = _live(name, "auto")
    lab = labels()[name]
    want = "none" if name.startswith(("squat", "double_leg")) else lab["task"]
    assert summary["recognised"]["task"] == want, summary["recognised"]
    if want == "none":
        assert got == {"left": 0, "right": 0} and summary["findings"]
    else:
        _assert_labelled_reps(name, got)


@cache
def _offline(name: str, task: str) -> dict:
    """The clip's offline summary for its task."""
    return corpus_analysis(name, Settings(task=task)).summary


@pytest.mark.parametrize("fps", BROWSER_FPS)
@pytest.mark.parametrize("name, task", CLIPS)
def test_live_at_browser_frame_rates_gives_the_offline_counts_and_range(name, task, fps):
    """Frames dropped as a slow browser drops them (at most `fps` a second): the offline counts (within the label's
    tolerance), and per side the range of motion of the reps whose top was seen within LIVE_ROM_TOL_DEG of the same
    reps offline; a rep whose top fell between frames is said so, never saved as a low lift."""
    got, summary = _live(name, task, webcam=(fps, 1.0, 0))
    offline = _offline(name, task)
    _assert_labelled_reps(name, got, offline["reps"])
    shift = _lead_in_shift_s(corpus_poses(name)[1])
    for side in ("left", "right"):
        pairs = []
        for rep in (r for r in summary["rep_list"] if r["side"] == side and r["rom_deg"] is not None):
            same = [
                o
                for o in offline["rep_list"]
                if o["side"] == side
                and o["rom_deg"] is not None
                and abs(o["peak_s"] + shift - rep["peak_s"]) <= MATCH_S
            ]
            if same:
                pairs.append((rep["rom_deg"], same[0]["rom_deg"]))
        if pairs:
            live, off = np.mean(pairs, axis=0)
            assert abs(live - off) <= LIVE_ROM_TOL_DEG, (side, live, off, len(pairs))
    unseen = sum(r["rom_deg"] is None for r in summary["rep_list"])
    assert not unseen or any("fell between frames" in w for w in summary["warnings"])
