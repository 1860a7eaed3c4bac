"""The live coaching session: camera frames through the per-frame pipeline (frame_pipeline.py) on a latest-only
worker (worker.py), the set-up gate and the exercise analyser (coach.exercises.setup_gate, coach.exercises
.frame_analysers: the ones the offline analysis uses), and the state the page polls.

The camera callback only hands frames over and returns the newest annotated picture; the page polls a lock-protected
snapshot (`LiveSession.snapshot()`).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import partial
from typing import Protocol

import numpy as np

from coach.assessments.frame_analysers import LIVE_ASSESSMENTS, make_live
from coach.config import ClinicalConfig, default_config
from coach.exercises.frame_analysers import FrameAnalyser, make_exercise, rep_cue
from coach.exercises.reps import Rep
from coach.exercises.setup_gate import WAITING, SetupGate
from coach.landmarks import SIDES
from coach.live.frame_pipeline import FrameResult, LivePipeline
from coach.live.overlay import draw_overlay
from coach.live.rates import MIN_COUNT_FPS, MIN_FPS
from coach.live.stream_clock import StreamClock
from coach.live.worker import LatestOnlyWorker, WorkerStats
from coach.pose import PoseConfig
from coach.signals.clean import CleanConfig
from coach.tasks import lying_probes
from coach.types import BodySample, Frame

#: What the live page offers ('auto': coach recognises the exercise, see coach.exercises.frame_analysers.AutoLink;
#: then the assessments of coach.assessments.frame_analysers).
LIVE_EXERCISES = ("march", "lunge", "slr", "auto", *LIVE_ASSESSMENTS)


class FramePipeline(Protocol):
    """What the session asks of the per-frame pipeline (LivePipeline; a stand-in in tests)."""

    def warm_up(self) -> object:
        """Load the model (on the worker thread, before the first frame)."""
        ...

    def process(self, frame: Frame) -> FrameResult:
        """One camera frame through pose, tracking, cleaning and angles."""
        ...

    def flush(self) -> tuple[BodySample, ...]:
        """The samples still held back for cleaning, at the end of the session."""
        ...

    def close(self) -> None:
        """Release the model."""
        ...


@dataclass(frozen=True)
class LiveConfig:
    """Live settings: exercise (one of LIVE_EXERCISES); target_reps per side (0 = no target); pose settings (None:
    look for a person lying down only when the exercise may be done lying, since those probes cost inference time
    every half second); cleaning settings (the One-Euro cut-off and beta come from CleanConfig); the clinical rules
    the analyser coaches with (coach.config: the defaults or a user's settings file)."""

    exercise: str = "march"
    target_reps: int = 10
    pose: PoseConfig | None = None
    clean: CleanConfig = field(default_factory=CleanConfig)
    rules: ClinicalConfig = field(default_factory=default_config)

    def pose_config(self) -> PoseConfig:
        """The pose settings to use: the given ones, else lying probes only for exercises that may be done lying
        (coach.tasks.MAY_LIE, as offline)."""
        return self.pose or PoseConfig(lying=lying_probes(self.exercise))

    def __post_init__(self) -> None:
        if self.exercise not in LIVE_EXERCISES:
            raise ValueError(f"unknown exercise {self.exercise!r}; choose one of {', '.join(LIVE_EXERCISES)}")
        if self.target_reps < 0:
            raise ValueError("target_reps must be >= 0")


@dataclass(frozen=True)
class LiveState:
    """What the page shows, copied under the lock: reps per side, the current cue, the set-up message (empty when
    the set-up is right), whether counting started and the target is reached, the latest hip angles (deg) for the
    arcs, the frame flow (fps, latency ms, drops), the camera picture's (width, height) in px (None before the
    first frame), so the page can fit it to the screen, and whether the pose model is loaded (model_ready)."""

    exercise: str
    reps: dict[str, int]
    target_reps: int
    cue: str
    setup_message: str
    counting: bool
    finished: bool
    hip_deg: dict[str, float]
    analyser_message: str
    stats: WorkerStats
    elapsed_s: float
    movements: str = ""
    frame_size: tuple[int, int] | None = None
    model_ready: bool = False

    @property
    def frame_rate_warning(self) -> str:
        """What to say when the camera delivers too few frames to count reliably, or to see the top of each lift
        ('' when enough)."""
        fps = self.stats.fps
        if not 0 < fps < MIN_FPS:
            return ""
        if fps < MIN_COUNT_FPS:
            what = (
                f"it cannot count reliably at this rate (it needs {MIN_COUNT_FPS:.0f}): a quick lift can fall "
                "between frames"
            )
        else:
            what = (
                f"the top of a quick lift can fall between frames (it needs {MIN_FPS:.0f} to see it), so its height "
                "is not judged"
            )
        return (
            f"Only {fps:.0f} frames a second reach coach: {what}. Close other programs or lower the camera resolution."
        )


class LiveSession:
    """One live coaching session: the camera callback calls `on_frame`, the page calls `snapshot` and `summary`.

    `annotate(rgb, state, result) -> rgb` draws the overlay; `exercise_factory(exercise, width, height)` returns the
    exercise analyser (a FrameAnalyser) on the first frame.
    Counting starts as the set-up gate (coach.exercises.setup_gate, the offline analysis's too) lets it and stops when
    the target is reached.
    `on_latency` goes to the LatestOnlyWorker.
    """

    def __init__(
        self,
        config: LiveConfig | None = None,
        pipeline: FramePipeline | None = None,
        annotate: Callable[[np.ndarray, LiveState, FrameResult], np.ndarray] | None = draw_overlay,
        exercise_factory: Callable[[str, int, int], FrameAnalyser] | None = None,
        clock: Callable[[], float] = time.monotonic,
        on_latency: Callable[[float, float], None] | None = None,
    ) -> None:
        self.config = config or LiveConfig()
        self._pipeline: FramePipeline = pipeline or LivePipeline(self.config.pose_config(), self.config.clean)
        self._annotate = annotate
        self._factory: Callable[[str, int, int], FrameAnalyser] = exercise_factory or partial(
            make_live if self.config.exercise in LIVE_ASSESSMENTS else make_exercise, config=self.config.rules
        )
        self._analyser: FrameAnalyser | None = None
        self._gate: SetupGate | None = None
        self._clock = clock
        self._lock = threading.Lock()
        self._work = threading.Lock()  # one frame (or the end of the session) through pipeline and analyser at a time
        self._t0 = clock()
        self._reps = {s: 0 for s in SIDES}
        self._cue = ""
        self._hip = {s: float("nan") for s in SIDES}
        self._frame_size: tuple[int, int] | None = None
        self._movements = ""
        self._stream_time = StreamClock(lambda: self._clock() - self._t0)
        self._worker: LatestOnlyWorker[Frame, np.ndarray] = LatestOnlyWorker(
            self._process,
            clock=clock,
            on_latency=on_latency,
            on_start=self._pipeline.warm_up,
            on_exit=self._pipeline.close,
        ).start()

    def set_target(self, target_reps: int) -> None:
        """A new target for this session: the reps so far stay and so does the loaded model (a changed target is no
        reason to start again)."""
        with self._lock:
            self.config = replace(self.config, target_reps=target_reps)

    def on_frame(self, rgb: np.ndarray, capture_s: float | None = None) -> np.ndarray:
        """Camera-thread entry: hand the frame over and return the newest annotated picture (the frame itself until
        the first result). `capture_s` is the frame's own timestamp in its stream (e.g. av.VideoFrame.time); without
        it the arrival time is used. Never blocks on inference."""
        self._worker.submit(Frame(0, self._stream_time(capture_s), rgb))
        out = self._worker.latest()
        return rgb if out is None else out

    def wait_idle(self, timeout_s: float) -> bool:
        """Wait (at most timeout_s) until every frame handed over has been processed or dropped; True if so."""
        return self._worker.wait_idle(timeout_s)

    def _process(self, frame: Frame) -> np.ndarray:
        """Worker thread: pose -> samples -> set-up check -> exercise analyser -> state -> overlay."""
        with self._lock:
            self._frame_size = (frame.rgb.shape[1], frame.rgb.shape[0])
        with self._work:
            res = self._pipeline.process(frame)
            analyser, gate = self._analysers(frame)
            counted = [c for m in res.measured() for c in self._to_count(gate, m)]
            if res.xy_px is None:
                self._to_count(gate, None)
            reps = self._feed(analyser, counted, res.sample)
        state = self.snapshot()
        res = FrameResult(res.t_s, res.xy_px, res.visibility, res.sample, reps[-1] if reps else None, res.samples)
        return self._annotate(frame.rgb, state, res) if self._annotate else frame.rgb

    def _analysers(self, frame: Frame) -> tuple[FrameAnalyser, SetupGate]:
        """The exercise analyser and its set-up gate, made on the first frame (they need the picture's size)."""
        if self._analyser is None or self._gate is None:
            h, w = frame.rgb.shape[:2]
            analyser = self._factory(self.config.exercise, w, h)
            with self._lock:
                self._analyser, self._gate = analyser, SetupGate(analyser)
        return self._analyser, self._gate

    def _feed(
        self, analyser: FrameAnalyser, counted: list[BodySample], sample: BodySample | None, finish: bool = False
    ) -> list[Rep]:
        """Count the samples (and, at the end, a movement on its way back down: `finish`); update the state the page
        reads. Returns the reps completed."""
        reps = [r for r in map(analyser.update, counted) if r is not None]
        if finish and not self._finished():
            reps += analyser.finish()
        with self._lock:
            if sample is not None:
                self._hip = {s: sample.angles.get(f"hip_flex_{s}", float("nan")) for s in SIDES}
            if counted or reps:
                self._reps = analyser.counts()
                moves = analyser.movements()
                self._movements = moves.text(running=not finish) if moves else ""
            if reps:
                self._cue = rep_cue(reps[-1])
        return reps

    def end(self) -> None:
        """The session is over: the frames still waiting in the live cleaner are counted, and a movement on its way
        back down counts, as at the end of a clip (RepCounter.finish), and so does what the set-up gate still holds
        (SetupGate.finish). The summary calls it; calling it again adds nothing unless frames came in between."""
        with self._work:
            if self._analyser is None or self._gate is None:
                return
            counted = [c for m in self._pipeline.flush() for c in self._to_count(self._gate, m)]
            if not self._finished():
                counted += self._gate.finish()  # the set-up was never right: counted all the same, as offline
            self._feed(self._analyser, counted, counted[-1] if counted else None, finish=True)

    def _finished(self) -> bool:
        """Target reached on every side."""
        with self._lock:
            return self._finished_locked()

    def _to_count(self, gate: SetupGate, sample: BodySample | None) -> list[BodySample]:
        """The samples to count now (SetupGate.feed; none after the target is reached)."""
        with self._lock:
            return gate.feed(sample, stopped=self._finished_locked())

    def _finished_locked(self) -> bool:
        """Target reached on every side (call with the lock held)."""
        t = self.config.target_reps
        return t > 0 and all(n >= t for n in self._reps.values())

    def snapshot(self) -> LiveState:
        """A consistent copy of the state for the page."""
        stats = self._worker.stats()
        with self._lock:
            return LiveState(
                self.config.exercise,
                dict(self._reps),
                self.config.target_reps,
                self._cue,
                self._gate.message if self._gate else WAITING,
                self._gate.counting if self._gate else False,
                self._finished_locked(),
                dict(self._hip),
                self._analyser.message if self._analyser else "",
                stats,
                self._clock() - self._t0,
                self._movements,
                self._frame_size,
                self._worker.ready(),
            )

    def summary(self) -> dict:
        """The session summary saved to the history (taking it ends the session: end()): the exercise analyser's
        summary (reps, rep_list, per_side, score, cues, findings, as offline) with the session's duration, target and
        frame flow, and the clinical rules it coached with (`config`, as summary.json's)."""
        self.end()
        s = self.snapshot()
        with self._lock:
            part = self._analyser.summary() if self._analyser is not None else {"reps": dict(self._reps)}
            gate_warnings = self._gate.warnings() if self._gate is not None else []
        if s.frame_rate_warning or gate_warnings:
            part["warnings"] = [*part.get("warnings", []), *gate_warnings, *filter(None, [s.frame_rate_warning])]
        return {
            "kind": "live",
            "exercise": s.exercise,
            "duration_s": round(s.elapsed_s, 1),
            "target_reps": s.target_reps,
            "target_reached": s.finished,
            **part,
            "config": self.config.rules.to_summary(),
            "live": {
                "latency_median_ms": s.stats.latency_median_ms,
                "latency_p95_ms": s.stats.latency_p95_ms,
                "fps": s.stats.fps,
                "frames_in": s.stats.frames_in,
                "frames_dropped": s.stats.dropped,
            },
        }

    def close(self) -> None:
        """Stop the worker; it releases the model on its own thread as it ends (after a model load in progress)."""
        self._worker.stop()
