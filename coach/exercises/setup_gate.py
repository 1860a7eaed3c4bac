"""Set-up gating, one rule for the live page and the offline analysis of a clip, so the same frames give the same
counts (DESIGN.md sections 5 and 7).

Counting starts with the first window of set-up check (about a second) without problems: until then the counters do
not move and the person is told what to fix. The movement seen before it, since the person came into view, is
counted then too: where a window's edges fall is arbitrary, a rep must not be lost because the feet were hidden for
part of the second it fell in, and the rep engine judges every sample's own visibility. Frames without a person
before counting starts drop what was held (whoever comes into view starts afresh). A session or clip whose set-up
is never right is counted at its end all the same, and its summary carries the set-up check's warnings (ExerciseSession
.result). Once counting started it goes on; frames without a person are simply not counted.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Iterator
from typing import Protocol

import numpy as np

from coach.exercises.setup import SetupCheck
from coach.exercises.spec import ExerciseSpec
from coach.types import AngleSeries, BodySample, PoseSequence, iter_samples

#: Shown until the first set-up window has been judged, and while nobody is in view.
WAITING = "Waiting for the camera..."
NOBODY = "No one in view: stand where the camera sees you from head to feet."
#: Length of one set-up window (s): long enough for the check's shares (PROBLEM_SHARE of the frames) to mean
#: something at 8-30 fps, short enough that the message reflects the last second, not the whole set.
SETUP_WINDOW_S = 1.0
#: Movement held while the set-up is wrong, at most (s): far longer than fixing a camera takes; older samples are
#: dropped (and said: SetupGate.warnings) so a session that never gets its set-up right keeps bounded state.
HELD_MAX_S = 120.0


class SetupJudge(Protocol):
    """What the gate asks of an analyser: judge the set-up window by window."""

    def check(self, sample: BodySample) -> list[str] | None:
        """Add a frame to the set-up window; when the window is full, its messages ([] = set-up right), else None."""
        ...

    def reset_window(self) -> None:
        """Start a new set-up window (after frames without a person)."""
        ...


class SetupWindows:
    """A fresh SetupCheck of `spec` per window of `window_s` seconds (a SetupJudge)."""

    def __init__(self, spec: ExerciseSpec, width: int, height: int, window_s: float = SETUP_WINDOW_S) -> None:
        self.spec, self.size, self.window_s = spec, (width, height), window_s
        self._window: SetupCheck | None = None
        self._window_t0 = math.nan

    def check(self, sample: BodySample) -> list[str] | None:
        """Add a frame to the set-up window; when the window is full, its messages ([] = set-up right), else None."""
        if self._window is None:
            self._window, self._window_t0 = SetupCheck(self.spec, *self.size), sample.t_s
        self._window.update(sample)
        if sample.t_s - self._window_t0 < self.window_s:
            return None
        messages: list[str] = self._window.result()["messages"]
        self._window = None
        return messages

    def reset_window(self) -> None:
        """Start a new set-up window."""
        self._window = None


class SetupOfAny:
    """The set-up windows of several exercises, opened and closed together, for 'auto' before an exercise is
    recognised: a window passes when it suits one of them (the messages of the one with the fewest problems)."""

    def __init__(
        self, specs: dict[str, ExerciseSpec], width: int, height: int, window_s: float = SETUP_WINDOW_S
    ) -> None:
        self.windows = {name: SetupWindows(spec, width, height, window_s) for name, spec in specs.items()}

    def check_each(self, sample: BodySample) -> dict[str, list[str]] | None:
        """Every exercise's messages when the windows are full (name -> messages), else None."""
        messages = {name: w.check(sample) for name, w in self.windows.items()}
        if any(m is None for m in messages.values()):
            return None
        return {name: m for name, m in messages.items() if m is not None}

    def check(self, sample: BodySample) -> list[str] | None:
        """The fewest messages of any exercise when the windows are full, else None."""
        each = self.check_each(sample)
        return None if each is None else min(each.values(), key=len)

    def reset_window(self) -> None:
        """Start new set-up windows."""
        for w in self.windows.values():
            w.reset_window()


class SetupGate:
    """The samples to count, frame by frame (see the module docstring). `message` is what to tell the person (''
    when the set-up is right), `counting` whether counting started."""

    def __init__(self, judge: SetupJudge, held_max_s: float = HELD_MAX_S) -> None:
        self.judge, self.held_max_s = judge, held_max_s
        self.message = WAITING
        self.counting = False
        self.dropped_s = 0.0  # movement held too long before the set-up was right, not counted
        self._held: deque[BodySample] = deque()  # samples seen since the person came into view, before counting

    def feed(self, sample: BodySample | None, stopped: bool = False) -> list[BodySample]:
        """Judge this frame's sample (None: nobody in view); the samples to count now: none while the set-up is being
        judged or is wrong, all those held when the first window passes, then each sample; none when `stopped`
        (the target reached: the set-up is still judged, for the message)."""
        if sample is None:
            self.judge.reset_window()
            self.message = NOBODY
            self._held.clear()
            return []
        started = self.counting
        messages = self.judge.check(sample)
        if messages is not None:
            self.message = "; ".join(messages).capitalize()
            self.counting = started or not messages
        if stopped:
            return []
        if started:
            return [sample]
        self._hold(sample)
        return self._release() if self.counting else []

    def finish(self) -> list[BodySample]:
        """The session or clip ended: what is still held (the set-up was never right) is counted all the same."""
        return self._release()

    def warnings(self) -> list[str]:
        """What the gate left out, in plain words (none when nothing)."""
        if not self.dropped_s:
            return []
        return [
            f"{self.dropped_s:.1f} s of movement before the camera set-up was right were not counted (more than "
            f"{self.held_max_s:.0f} s were waiting)"
        ]

    def _hold(self, sample: BodySample) -> None:
        """Keep a sample until counting starts, dropping (and adding up) what is older than held_max_s."""
        self._held.append(sample)
        while sample.t_s - self._held[0].t_s > self.held_max_s:
            gone = self._held.popleft()
            self.dropped_s += self._held[0].t_s - gone.t_s

    def _release(self) -> list[BodySample]:
        """The samples held, given once."""
        held = list(self._held)
        self._held.clear()
        return held


def gated_samples(poses: PoseSequence, angles: AngleSeries, judge: SetupJudge) -> Iterator[BodySample]:
    """The samples of a clip to count, through a SetupGate as the live page counts them (its end included): a frame
    without a single landmark of the followed person is one where nobody is in view."""
    gate = SetupGate(judge)
    in_view = np.isfinite(poses.xy_px).any(axis=(1, 2))
    for i, sample in enumerate(iter_samples(poses, angles)):
        yield from gate.feed(sample if in_view[i] else None)
    yield from gate.finish()
