"""The set-up gate, one rule for live and offline: its state machine on a scripted judge, and labelled real clips
whose saved landmarks go, sample for sample, through the offline analysis and through the live session: the same
counts, the same reps, the same exercise recognised."""

from __future__ import annotations

import time
from functools import cache

import numpy as np
import pytest

from coach.analysis import Settings
from coach.exercises.setup_gate import NOBODY, WAITING, SetupGate
from coach.live.frame_pipeline import FrameResult
from coach.live.session import LiveConfig, LiveSession
from coach.types import BodySample, iter_samples
from tests.corpus.conftest import clips_with, corpus_analysis

#: Real seconds to wait for the live worker before failing (a safety net; times come from the injected clock).
WAIT_S = 10.0
EXERCISE_CLIPS = [(name, task) for task in ("march", "lunge", "slr") for name in clips_with(task)]


class _Script:
    """A judge whose windows close every `size` samples with the next scripted messages."""

    def __init__(self, size: int, verdicts: list[list[str]]) -> None:
        self.size, self.verdicts, self.n, self.resets = size, list(verdicts), 0, 0

    def check(self, sample: BodySample) -> list[str] | None:
        self.n += 1
        return self.verdicts.pop(0) if self.n % self.size == 0 else None

    def reset_window(self) -> None:
        self.n, self.resets = 0, self.resets + 1


def _sample(t: float) -> BodySample:
    return BodySample(t, {}, {}, "side", 1.0, np.zeros((33, 2)), np.ones(33))


def test_gate_counts_from_the_first_window_without_problems_with_what_was_seen_before():
    """Frames without a person drop what was held; a window with a problem holds its samples (the counters do not
    move, the message says what to fix); the first window without one releases every sample since the person came
    into view, then each sample counts; nobody in view after the start ends no counting; `stopped` (target reached)
    counts nothing but keeps judging."""
    judge = _Script(3, [["step back so your feet are in view"], [], ["face the camera"]])
    gate = SetupGate(judge)
    s = [_sample(k / 10) for k in range(12)]
    assert gate.message == WAITING and not gate.counting
    assert gate.feed(s[0]) == [] and gate.feed(None) == [] and gate.message == NOBODY and judge.resets == 1
    assert [gate.feed(x) for x in s[1:4]] == [[], [], []] and not gate.counting
    assert gate.message == "Step back so your feet are in view"
    assert [gate.feed(x) for x in s[4:7]] == [[], [], s[1:7]] and gate.counting and gate.message == ""
    assert gate.feed(s[7]) == [s[7]]
    assert gate.feed(None) == [] and gate.counting and gate.message == NOBODY
    assert [gate.feed(x) for x in s[8:10]] == [[s[8]], [s[9]]]
    assert gate.feed(s[10], stopped=True) == [] and gate.message == "Face the camera" and gate.counting
    assert gate.finish() == [] and gate.warnings() == []


def test_gate_counts_at_the_end_a_set_up_never_right_and_says_what_it_could_not_hold():
    """A set-up never right: nothing counts while it lasts, all of it at the end; beyond held_max_s the oldest
    samples are dropped and the warning says how many seconds."""
    gate = SetupGate(_Script(3, [["face the camera"]] * 10), held_max_s=1.0)
    s = [_sample(k / 10) for k in range(16)]  # 1.5 s
    assert all(gate.feed(x) == [] for x in s) and not gate.counting
    assert gate.finish() == s[5:] and gate.finish() == []
    assert gate.dropped_s == pytest.approx(0.5) and gate.warnings()[0].startswith("0.5 s of movement")


class _SampleReplay:
    """Stands in for the live per-frame pipeline: frame k gives the offline analysis's own sample k (nobody in view
    where the clip has no landmark of the person)."""

    def __init__(self, samples: list[BodySample | None]) -> None:
        self.samples, self.k = samples, 0

    def warm_up(self) -> None:
        pass

    def process(self, frame) -> FrameResult:
        sample = self.samples[self.k]
        self.k += 1
        if sample is None:
            return FrameResult(frame.t_s, None, None, None)
        return FrameResult(frame.t_s, sample.xy_px, sample.visibility, sample, samples=(sample,))

    def flush(self) -> tuple[BodySample, ...]:
        return ()

    def close(self) -> None:
        pass


@cache
def _offline(name: str, task: str):
    """The clip's offline analysis for the task."""
    return corpus_analysis(name, Settings(task=task))


def _live_on_offline_samples(name: str, task: str) -> dict:
    """The live session's summary when its frames carry the offline analysis's samples, at their own times."""
    a = _offline(name, task)
    in_view = np.isfinite(a.poses.xy_px).any(axis=(1, 2))
    samples = [s if in_view[i] else None for i, s in enumerate(iter_samples(a.poses, a.angles))]
    clock = [0.0]
    session = LiveSession(
        LiveConfig(exercise=task, target_reps=0),
        pipeline=_SampleReplay(samples),
        annotate=None,
        clock=lambda: clock[0],
    )
    blank = np.zeros((a.poses.height, a.poses.width, 3), np.uint8)
    try:
        for k, t in enumerate(a.poses.t_s):
            clock[0] = float(t)
            session.on_frame(blank)
            deadline = time.monotonic() + WAIT_S
            while session.snapshot().stats.processed <= k:
                assert time.monotonic() < deadline, f"frame {k} not processed"
                time.sleep(0.0002)
        return session.summary()
    finally:
        session.close()


@pytest.mark.parametrize("name, task", EXERCISE_CLIPS)
def test_live_and_offline_count_the_same_frames_the_same(name, task):
    """A labelled clip's samples through the offline analysis and through the live session (set-up gate, exercise
    analyser): the same reps per side and the same reps, side, start and top."""
    offline = _offline(name, task).result.summary()
    live = _live_on_offline_samples(name, task)
    assert live["reps"] == offline["reps"]
    keys = ("side", "start_s", "peak_s", "end_s")
    assert [[r[k] for k in keys] for r in live["rep_list"]] == [[r[k] for k in keys] for r in offline["rep_list"]]


@pytest.mark.parametrize("name", [n for n, task in EXERCISE_CLIPS if task != "slr"][:2] + clips_with("slr")[:1])
def test_live_and_offline_auto_recognise_and_count_the_same_frames_the_same(name):
    """'auto' on the same samples live and offline: the same exercise recognised and the same counts."""
    offline = _offline(name, "auto").result.summary()
    live = _live_on_offline_samples(name, "auto")
    assert live["recognised"]["task"] == offline["recognised"]["task"]
    assert live["reps"] == offline["reps"]
