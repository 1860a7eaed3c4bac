"""One exercise set, live or offline: the set-up check and the rep counter fed the same samples, and the result.

The live page calls `update(sample)` per frame (bounded state) and `result()` when it wants the summary; offline,
`analyze_exercise` feeds every sample of a clip through the very same object."""

from __future__ import annotations

import math
from collections import deque

import numpy as np

from coach.exercises.legs_seen import LegsSeenCounter
from coach.exercises.movements import Movements
from coach.exercises.reps import Rep, RepCounter
from coach.exercises.result import ExerciseResult, side_findings
from coach.exercises.setup import SetupCheck
from coach.exercises.setup_gate import SetupWindows, gated_samples
from coach.exercises.spec import ExerciseSpec
from coach.kinematics.picture_cuts import CutDetector
from coach.kinematics.trunk import trunk_px
from coach.landmarks import SIDES
from coach.numbers import count_text
from coach.types import AngleSeries, BodySample, PoseSequence

#: Frame intervals kept to measure the frame rate the analyser got (about 20 s at 30 fps: bounded state).
RATE_WINDOW = 600


def no_rep_reasons(name: str, movements: Movements, setup: dict) -> list[str]:
    """Plain words for why no rep was counted: every movement seen and why it was not counted, or what kept the
    exercise from being seen at all."""
    if movements.seen or movements.not_counted or movements.in_progress:
        return [f"no {name} reps counted: {movements.text()}"]
    why = "; ".join(setup["messages"]) if setup["messages"] else "the key angle never rose far enough"
    return [f"no {name} reps counted: no movement of the exercise was seen ({why})"]


def unseen_peaks_warning(reps: list[Rep], noun: str, fps: float) -> list[str]:
    """A warning when the top of some reps fell between frames: their height is unknown, so it is left out."""
    unseen = sum(not r.peak_seen for r in reps)
    if not unseen:
        return []
    rate = f" ({fps:.0f} fps)" if math.isfinite(fps) else ""
    return [
        f"the top of {unseen} of {len(reps)} {noun}s fell between frames{rate}: how high they went is unknown, "
        "so they are left out of the range of motion and the left/right comparison (film at a higher frame rate "
        "or move more slowly)"
    ]


class ExerciseSession:
    """Set-up check plus rep counter for one exercise (see the module docstring)."""

    def __init__(self, spec: ExerciseSpec, width: int = 0, height: int = 0) -> None:
        self.spec = spec
        self.counter = RepCounter(spec)
        self.setup = SetupCheck(spec, width, height)
        self._intervals: deque[float] = deque(maxlen=RATE_WINDOW)
        self._last_t = math.nan
        self._cuts = CutDetector()
        self._legs = LegsSeenCounter(spec.glitch_s)  # a whole movement lasts glitch_s or more

    def update(self, sample: BodySample) -> Rep | None:
        """Feed one frame; returns the rep it completed, if any."""
        if math.isfinite(self._last_t):
            self._intervals.append(sample.t_s - self._last_t)
        self._last_t = sample.t_s
        self.setup.update(sample)
        self._legs.update(sample.t_s, {s: self.spec.reads(*self.spec.key(sample, s)) for s in SIDES})
        if self._cuts.update(trunk_px(sample.xy_px, sample.visibility)):
            self.counter.cut()
        return self.counter.update(sample)

    def finish(self) -> list[Rep]:
        """The clip ended (offline): count a rep cut off on its way back down (RepCounter.finish)."""
        return self.counter.finish()

    @property
    def frame_rate_fps(self) -> float:
        """Frames a second the analyser got (median over the recent frames), NaN before two frames."""
        return 1.0 / float(np.median(self._intervals)) if self._intervals else math.nan

    def result(self, recognised: dict | None = None) -> ExerciseResult:
        """The set so far as an ExerciseResult."""
        setup = self.setup.result()
        reps = tuple(self.counter.reps)
        movements = self.counter.movements()
        warnings = [f"camera set-up: {m}" for m in setup["messages"]]
        legs = self._legs.result()
        findings = [legs.withheld()] if legs.hidden and reps else side_findings(list(reps), self.spec)
        if not reps:
            findings = no_rep_reasons(self.spec.name, movements, setup) + findings
        uncertain = sum(r.uncertain for r in reps)
        if uncertain:
            warnings.append(
                f"{count_text(uncertain, 'rep')} crossed a stretch where the body was not seen: marked uncertain"
            )
        warnings += unseen_peaks_warning(list(reps), self.spec.noun, self.frame_rate_fps)
        warnings += legs.warning(self.spec.noun)
        return ExerciseResult(
            self.spec.name,
            reps,
            setup,
            tuple(findings),
            tuple(warnings),
            movements,
            recognised,
            self.spec.report,
            self.frame_rate_fps,
            legs,
        )


def analyze_exercise(poses: PoseSequence, angles: AngleSeries, spec: ExerciseSpec) -> ExerciseResult:
    """Offline analysis of a clip for one exercise: the samples the set-up gate lets through (as live) through one
    ExerciseSession."""
    session = ExerciseSession(spec, poses.width, poses.height)
    for sample in gated_samples(poses, angles, SetupWindows(spec, poses.width, poses.height)):
        session.update(sample)
    session.finish()
    return session.result()
