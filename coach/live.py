"""Live coaching: camera frames through the same pose, tracking, filtering, angle and exercise code as offline.

Inference runs on one worker thread that always takes the newest frame: a frame still waiting when a newer one
arrives is dropped (and counted), never queued, so the end-to-end latency stays bounded by about two processing
times however slow the machine is (DESIGN.md section 7). The camera callback only hands frames over and returns the
newest annotated picture; the page polls a lock-protected snapshot (`LiveSession.snapshot()`).
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

import numpy as np
from scipy.signal import butter, sosfiltfilt

from coach.assessments.live import LIVE_ASSESSMENTS, make_live
from coach.exercises.live import make_exercise, rep_cue
from coach.filtering import CleanConfig, OneEuro, RunningMedian, gate, hampel, hampel_half_window
from coach.kinematics import angles_from_landmarks
from coach.landmarks import SIDES
from coach.pose import PoseConfig, PoseEstimator
from coach.tracking import LiveFollower
from coach.types import BodySample, Frame
from coach.view import BodyFrameTracker, body_yaw_deg, orientation_raw

log = logging.getLogger(__name__)

T = TypeVar("T")
R = TypeVar("R")

#: What the live page offers ('auto': coach recognises the exercise, see coach.exercises.live.AutoLink; then the
#: assessments of coach.assessments.live).
LIVE_EXERCISES = ("march", "lunge", "slr", "auto", *LIVE_ASSESSMENTS)
#: Below this many processed frames a second the top of a brisk lift falls between frames (a knee lift staying above
#: half its height for ~0.5 s is seen to within 5 deg from ~8 fps on: coach.exercises.reps.refine_peak), so the page
#: and the saved summary say so, and heights measured between frames are left out rather than saved to the history.
MIN_FPS = 10.0
#: Live cleaning measures a frame once this much later video has arrived (s): the Hampel filter looks half its
#: window (0.125 s) ahead, and the zero-lag 6 Hz Butterworth's response to a frame has died down ~0.25 s (1.5 periods)
#: later, so a frame cleaned then is cleaned as offline. Reps are reported this much later.
CLEAN_LAG_S = 0.3
#: ... over a window of the last this many seconds (4 lags: the filter's start-up at the window's old end has settled
#: before the frames being measured).
CLEAN_WINDOW_S = 1.2


@dataclass(frozen=True)
class LiveConfig:
    """Live settings: exercise (one of LIVE_EXERCISES); target_reps per side (0 = no target); pose settings (None:
    look for a person lying down only when the exercise may be done lying, since those probes cost inference time
    every half second); cleaning settings (the One-Euro cut-off and beta come from CleanConfig)."""

    exercise: str = "march"
    target_reps: int = 10
    pose: PoseConfig | None = None
    clean: CleanConfig = field(default_factory=CleanConfig)

    def pose_config(self) -> PoseConfig:
        """The pose settings to use: the given ones, else lying probes only for 'slr', 'auto' and 'knee-to-chest'."""
        lying = self.exercise in ("slr", "auto", "knee-to-chest")
        return self.pose or PoseConfig(lying="auto" if lying else "never")

    def __post_init__(self) -> None:
        if self.exercise not in LIVE_EXERCISES:
            raise ValueError(f"unknown exercise {self.exercise!r}; choose one of {', '.join(LIVE_EXERCISES)}")
        if self.target_reps < 0:
            raise ValueError("target_reps must be >= 0")


@dataclass(frozen=True)
class WorkerStats:
    """Frame flow through a LatestOnlyWorker: frames in, processed, dropped; latency (ms, arrival -> result ready)
    median and p95 over the recent window; processed frames per second over that window; the last error, if any."""

    frames_in: int
    processed: int
    dropped: int
    latency_median_ms: float
    latency_p95_ms: float
    fps: float
    error: str = ""


class LatestOnlyWorker(Generic[T, R]):
    """Run `fn` on the newest submitted item in a background thread, one at a time.

    There is one pending slot: submitting while an item waits replaces it (the older one is dropped and counted).
    Latency is measured from submit() to the result being ready, with `clock` (seconds); `on_latency(t_done_s,
    latency_s)` is called (on the worker thread) for every processed item, for benchmarks that keep them all.
    `on_start()` runs first on the worker thread (e.g. loading the model while the user is still getting ready).
    """

    def __init__(
        self,
        fn: Callable[[T], R],
        clock: Callable[[], float] = time.monotonic,
        window: int = 300,
        on_latency: Callable[[float, float], None] | None = None,
        on_start: Callable[[], None] | None = None,
    ) -> None:
        self._fn = fn
        self._on_start = on_start
        self._on_latency = on_latency
        self._clock = clock
        self._cond = threading.Condition()
        self._pending: tuple[T, float] | None = None
        self._latest: R | None = None
        self._done: deque[tuple[float, float]] = deque(maxlen=window)  # (finish time, latency) per processed item
        self._in = self._processed = self._dropped = 0
        self._error = ""
        self._stop = False
        self._thread: threading.Thread | None = None

    def start(self) -> LatestOnlyWorker[T, R]:
        """Start the worker thread (idempotent)."""
        with self._cond:
            if self._thread is None:
                self._stop = False
                self._thread = threading.Thread(target=self._run, name="coach-live", daemon=True)
                self._thread.start()
        return self

    def submit(self, item: T) -> None:
        """Hand over the newest item; an item still waiting is dropped."""
        with self._cond:
            self._in += 1
            if self._pending is not None:
                self._dropped += 1
            self._pending = (item, self._clock())
            self._cond.notify()

    def latest(self) -> R | None:
        """The newest result (None before the first)."""
        with self._cond:
            return self._latest

    def stats(self) -> WorkerStats:
        """Counts and latency over the recent window."""
        with self._cond:
            done = list(self._done)
            counts = (self._in, self._processed, self._dropped)
            error = self._error
        lat = np.array([d for _, d in done]) * 1000.0
        span = done[-1][0] - done[0][0] if len(done) > 1 else 0.0
        fps = (len(done) - 1) / span if span > 0 else 0.0
        med, p95 = (float(np.median(lat)), float(np.percentile(lat, 95))) if len(lat) else (float("nan"),) * 2
        return WorkerStats(*counts, med, p95, fps, error)

    def stop(self, timeout_s: float = 5.0) -> None:
        """Stop the thread after the item in progress."""
        with self._cond:
            self._stop = True
            self._cond.notify()
            thread, self._thread = self._thread, None
        if thread is not None:
            thread.join(timeout_s)

    def _run(self) -> None:
        """Run on_start, then take the newest item, process it, publish the result; repeat until stopped."""
        if self._on_start is not None:
            self._guarded(self._on_start)
        while True:
            with self._cond:
                while self._pending is None and not self._stop:
                    self._cond.wait()
                if self._stop:
                    return
                item, t_in = self._pending
                self._pending = None
            ok, result = self._guarded(self._fn, item)
            if not ok:
                continue
            t_out = self._clock()
            with self._cond:
                self._latest = result
                self._processed += 1
                self._done.append((t_out, t_out - t_in))
            if self._on_latency is not None:
                self._on_latency(t_out, t_out - t_in)

    def _guarded(self, fn: Callable[..., Any], *args: Any) -> tuple[bool, Any]:
        """(True, fn(*args)), or (False, None) with the error kept for stats(): one bad frame must not end the
        live session, and the page shows what went wrong."""
        try:
            return True, fn(*args)
        except Exception as e:
            log.exception("live processing failed")
            with self._cond:
                self._error = f"{type(e).__name__}: {e}"
            return False, None


class StreamClock:
    """Session time (s) of camera frames from their own capture timestamps, not their arrival: WebRTC delivers frames
    in bursts and after gaps, and speeds and durations must come from when a frame was taken. Strictly increasing even
    when the stream restarts (its timestamps start again from zero): then it re-anchors on the wall clock."""

    #: Smallest step between two frames (s): one millisecond, MediaPipe's timestamp resolution.
    MIN_STEP_S = 1e-3

    def __init__(self, wall: Callable[[], float]) -> None:
        self._wall = wall
        self._offset: float | None = None
        self._last = -float("inf")

    def __call__(self, capture_s: float | None) -> float:
        """Session time of a frame captured at `capture_s` (stream time; None: unknown, use the arrival time)."""
        if capture_s is None:
            t = self._wall()
        else:
            if self._offset is None or capture_s + self._offset <= self._last:
                self._offset = max(self._wall(), self._last + self.MIN_STEP_S) - capture_s
            t = capture_s + self._offset
        t = max(t, self._last + self.MIN_STEP_S)
        self._last = t
        return t


@dataclass(frozen=True)
class FrameResult:
    """What one processed frame gave: the followed person's landmarks to show (xy_px (33, 2), visibility (33,)) or
    None when nobody was followed, the body samples measured and due now (`samples`: cleaned as offline, so they lag
    the picture by WindowCleaner.lag_s; none while the first frames wait for their successors), the newest of them
    (`sample`), and the rep the frame completed (or None)."""

    t_s: float
    xy_px: np.ndarray | None
    visibility: np.ndarray | None
    sample: BodySample | None
    rep: Any = None
    samples: tuple[BodySample, ...] | None = None

    def measured(self) -> tuple[BodySample, ...]:
        """The samples to analyse: `samples`, or the one `sample` when no list was given."""
        if self.samples is not None:
            return self.samples
        return (self.sample,) if self.sample is not None else ()


class WindowCleaner:
    """The offline cleaning of coach.filtering.clean_sequence (visibility gate, Hampel outliers, zero-lag
    Butterworth), live: on a sliding window of the last `window_s` of frames, each frame cleaned once `lag_s` of later
    frames have arrived, since centred filters need them. Live then measures what offline measures (a one-frame
    landmark jump is removed with its neighbours on both sides, the top of a quick lift is not flattened by a causal
    filter), at the price of reporting each rep `lag_s` later. Bounded state (the window)."""

    def __init__(self, clean: CleanConfig, lag_s: float = CLEAN_LAG_S, window_s: float = CLEAN_WINDOW_S) -> None:
        self.clean, self.lag_s, self.window_s = clean, lag_s, window_s
        self._frames: deque[tuple[float, np.ndarray]] = deque()
        self._done = -float("inf")
        self._size_px = 1.0

    def reset(self) -> None:
        """Forget the window (the person left the picture)."""
        self._frames.clear()

    def push(self, t_s: float, packed: np.ndarray, size_px: float) -> list[tuple[float, np.ndarray]]:
        """Add a frame (packed (33, 6): gated xy px, world m, visibility) of a picture whose long side is size_px;
        returns the frames now due, cleaned: [(t, packed)]."""
        self._frames.append((t_s, packed))
        self._size_px = size_px
        while t_s - self._frames[0][0] > self.window_s:
            self._frames.popleft()
        return self._emit(t_s - self.lag_s)

    def flush(self) -> list[tuple[float, np.ndarray]]:
        """Every frame not given yet, cleaned with the later frames there are (the stream ended or the person left):
        nothing seen is left unmeasured."""
        return self._emit(float("inf"))

    def _emit(self, until_s: float) -> list[tuple[float, np.ndarray]]:
        """The frames after the last one given, up to `until_s`, cleaned over the window."""
        due = [i for i, (ti, _) in enumerate(self._frames) if self._done < ti <= until_s]
        if not due:
            return []
        t = np.array([ti for ti, _ in self._frames])
        cleaned = self._clean(t, np.stack([a for _, a in self._frames]), self._size_px)
        self._done = float(t[due[-1]])
        return [(float(t[i]), cleaned[i]) for i in due]

    def _clean(self, t: np.ndarray, a: np.ndarray, size_px: float) -> np.ndarray:
        """Hampel then zero-lag Butterworth over the window, as clean_sequence does over a clip."""
        cfg, out = self.clean, a.copy()
        fs = 1.0 / float(np.median(np.diff(t))) if len(t) > 1 else 30.0
        half = hampel_half_window(cfg.hampel_window_s, fs)
        sos = (
            butter(cfg.order // 2 if cfg.order > 2 else cfg.order, cfg.cutoff_hz, fs=fs, output="sos")
            if cfg.cutoff_hz < 0.5 * fs
            else None
        )
        for cols, floor in ((slice(0, 2), cfg.hampel_floor_frac * size_px), (slice(2, 5), cfg.hampel_floor_m)):
            x = hampel(out[:, :, cols].reshape(len(t), -1), half, cfg.hampel_sigmas, floor)
            whole = np.isfinite(x).all(axis=0)
            if sos is not None and len(t) > 3 * (2 * len(sos) + 1) and whole.any():
                x[:, whole] = sosfiltfilt(sos, x[:, whole], axis=0)
            out[:, :, cols] = x.reshape(len(t), 33, -1)
        return out


class LivePipeline:
    """One frame at a time: PoseEstimator (VIDEO mode) -> LiveFollower -> visibility gate, then two branches.

    Measured: WindowCleaner (the offline cleaning on a sliding window, lag_s behind) -> view and orientation
    (BodyFrameTracker) -> angles (angles_from_landmarks on a one-frame batch) -> BodySamples. So live measures what the
    offline analysis measures, within a few degrees, at 8 to 30 frames a second: no causal low-pass flattening the top
    of a quick lift (One-Euro smooths hardest where the limb is slowest, at the top), one-frame jumps removed with the
    frames on both sides of them.
    Shown: running median of 3 (one-frame landmark jumps out) -> One-Euro, a steady skeleton for the overlay, now.

    Bounded state; the estimator is created on first use in the thread that uses it.
    """

    def __init__(self, pose: PoseConfig | None = None, clean: CleanConfig | None = None, estimator: Any = None) -> None:
        self.pose_config = pose or PoseConfig()
        self.clean = clean or CleanConfig()
        self._estimator = estimator
        self._follower = LiveFollower()
        self._median = RunningMedian(3)
        self._xy_filter = OneEuro(self.clean.one_euro_min_cutoff_hz, self.clean.one_euro_beta)
        self._cleaner = WindowCleaner(self.clean)
        self._body = BodyFrameTracker()
        self._index = 0

    def warm_up(self) -> None:
        """Load the model now (in the calling thread, the one that will process frames), so the first frames are not
        spent waiting for it."""
        if self._estimator is None:
            self._estimator = PoseEstimator(self.pose_config)

    def process(self, frame: Frame) -> FrameResult:
        """Landmarks to show and the body samples due, of the followed person in this frame."""
        self.warm_up()
        det = self._follower.update(self._index, frame.t_s, self._estimator.detect(frame))
        self._index += 1
        if det is None:
            self._median.reset()
            samples = self.flush()
            self._cleaner.reset()
            return FrameResult(frame.t_s, None, None, samples[-1] if samples else None, samples=samples)
        xy, world = (
            gate(a[None], det.visibility[None], self.clean.min_visibility)[0] for a in (det.xy_px, det.world_m)
        )
        t, shown = self._median(frame.t_s, np.concatenate([xy, det.visibility[:, None]], axis=1))
        xy_shown = self._xy_filter(t, shown[:, :2])
        due = self._cleaner.push(
            frame.t_s, np.concatenate([xy, world, det.visibility[:, None]], axis=1), float(max(frame.rgb.shape[:2]))
        )
        samples = tuple(self._sample(ti, a[:, :2], a[:, 2:5], a[:, 5]) for ti, a in due)
        return FrameResult(frame.t_s, xy_shown, shown[:, 2], samples[-1] if samples else None, samples=samples)

    def flush(self) -> tuple[BodySample, ...]:
        """The body samples of the frames still waiting in the live cleaner (WindowCleaner.flush)."""
        return tuple(self._sample(ti, a[:, :2], a[:, 2:5], a[:, 5]) for ti, a in self._cleaner.flush())

    def _sample(self, t: float, xy: np.ndarray, world: np.ndarray, vis: np.ndarray) -> BodySample:
        """The measured body sample of one frame: view, orientation and angles from its cleaned landmarks."""
        orient, view = self._body.update(
            t, float(orientation_raw(xy[None], vis[None])[0]), float(body_yaw_deg(world[None])[0])
        )
        a = angles_from_landmarks(
            np.array([t]), xy[None], world[None], vis[None], np.array([orient]), np.array([view], dtype="<U8")
        )
        names = a.names()
        return BodySample(
            t,
            {n: float(a.values[n][0]) for n in names},
            {n: float(a.conf[n][0]) for n in names},
            view,
            float(a.facing[0]) if len(a.facing) else 0.0,
            xy,
            vis,
        )

    def close(self) -> None:
        """Release the model."""
        if self._estimator is not None:
            self._estimator.close()
            self._estimator = None


#: Shown until the first set-up window has been judged, and while nobody is in view.
WAITING = "Waiting for the camera..."
NOBODY = "No one in view: stand where the camera sees you from head to feet."


def draw_overlay(rgb: np.ndarray, state: LiveState, result: FrameResult) -> np.ndarray:
    """The live overlay with coach.draw's annotators: skeleton, hip angle arcs, rep counters and the current cue
    (the set-up message while the set-up is wrong)."""
    from coach.draw import (
        AngleArcAnnotator,
        CueAnnotator,
        OverlayState,
        RepCounterAnnotator,
        SkeletonAnnotator,
        annotate,
    )

    xy = result.xy_px if result.xy_px is not None else np.full((33, 2), np.nan)
    vis = result.visibility if result.visibility is not None else np.zeros(33)
    sample = result.sample
    overlay = OverlayState(
        result.t_s,
        xy,
        vis,
        sample.angles if sample else {},
        sample.conf if sample else {},
        state.reps if state.counting else {},
        cue=state.setup_message or state.cue,
    )
    return annotate(
        rgb, overlay, [SkeletonAnnotator(), AngleArcAnnotator(joints=("hip",)), RepCounterAnnotator(), CueAnnotator()]
    )


@dataclass(frozen=True)
class LiveState:
    """What the page shows, copied under the lock: reps per side, the current cue, the set-up message (empty when
    the set-up is right), whether counting started and the target is reached, the latest hip angles (deg) for the
    arcs, and the frame flow (fps, latency ms, drops)."""

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

    @property
    def frame_rate_warning(self) -> str:
        """What to say when the camera delivers too few frames to see the top of each lift ('' when enough)."""
        fps = self.stats.fps
        if not 0 < fps < MIN_FPS:
            return ""
        return (
            f"Only {fps:.0f} frames a second reach coach (it needs {MIN_FPS:.0f}): the top of a quick lift can "
            "fall between frames, so its height is not judged. Close other programs or lower the camera "
            "resolution."
        )


class LiveSession:
    """One live coaching session: the camera callback calls `on_frame`, the page calls `snapshot` and `summary`.

    `annotate(rgb, state, result) -> rgb` draws the overlay; `exercise_factory(exercise, width, height)` returns the
    exercise analyser on the first frame (the interface of coach.exercises.live: check, reset_window, update, counts,
    summary, message).
    Counting starts with the first set-up window without problems (its own samples included, so a lift begun while
    the set-up was being judged counts) and stops when the target is reached.
    `on_latency` goes to the LatestOnlyWorker.
    """

    def __init__(
        self,
        config: LiveConfig | None = None,
        pipeline: LivePipeline | None = None,
        annotate: Callable[[np.ndarray, LiveState, FrameResult], np.ndarray] | None = draw_overlay,
        exercise_factory: Callable[[str, int, int], Any] | None = None,
        clock: Callable[[], float] = time.monotonic,
        on_latency: Callable[[float, float], None] | None = None,
    ) -> None:
        self.config = config or LiveConfig()
        self._pipeline = pipeline or LivePipeline(self.config.pose_config(), self.config.clean)
        self._annotate = annotate
        self._factory = exercise_factory or (make_live if self.config.exercise in LIVE_ASSESSMENTS else make_exercise)
        self._analyser: Any = None
        self._clock = clock
        self._lock = threading.Lock()
        self._work = threading.Lock()  # one frame (or the end of the session) through pipeline and analyser at a time
        self._t0 = clock()
        self._reps = {s: 0 for s in SIDES}
        self._cue = ""
        self._setup = WAITING
        self._counting = False
        self._backlog: list[BodySample] = []  # samples of the set-up window being judged, before counting starts
        self._hip = {s: float("nan") for s in SIDES}
        self._movements = ""
        self._stream_time = StreamClock(lambda: self._clock() - self._t0)
        self._worker: LatestOnlyWorker[Frame, np.ndarray] = LatestOnlyWorker(
            self._process, clock=clock, on_latency=on_latency, on_start=self._pipeline.warm_up
        ).start()

    def on_frame(self, rgb: np.ndarray, capture_s: float | None = None) -> np.ndarray:
        """Camera-thread entry: hand the frame over and return the newest annotated picture (the frame itself until
        the first result). `capture_s` is the frame's own timestamp in its stream (e.g. av.VideoFrame.time); without
        it the arrival time is used. Never blocks on inference."""
        self._worker.submit(Frame(0, self._stream_time(capture_s), rgb))
        out = self._worker.latest()
        return rgb if out is None else out

    def _process(self, frame: Frame) -> np.ndarray:
        """Worker thread: pose -> samples -> set-up check -> exercise analyser -> state -> overlay."""
        with self._work:
            res = self._pipeline.process(frame)
            if self._analyser is None:
                h, w = frame.rgb.shape[:2]
                analyser = self._factory(self.config.exercise, w, h)
                with self._lock:
                    self._analyser = analyser
            counted = [c for m in res.measured() for c in self._to_count(self._analyser, m)]
            if res.xy_px is None:
                self._to_count(self._analyser, None)
            reps = self._feed(counted, res.sample)
        state = self.snapshot()
        res = FrameResult(res.t_s, res.xy_px, res.visibility, res.sample, reps[-1] if reps else None, res.samples)
        return self._annotate(frame.rgb, state, res) if self._annotate else frame.rgb

    def _feed(self, counted: list[BodySample], sample: BodySample | None, finish: bool = False) -> list:
        """Count the samples (and, at the end, a movement on its way back down: `finish`); update the state the page
        reads. Returns the reps completed."""
        analyser = self._analyser
        reps = [r for r in map(analyser.update, counted) if r is not None]
        if finish and not self._finished():
            reps += analyser.finish()
        with self._lock:
            if sample is not None:
                self._hip = {s: sample.angles.get(f"hip_flex_{s}", float("nan")) for s in SIDES}
            if counted or reps:
                self._reps = analyser.counts()
                moves = analyser.movements()
                self._movements = moves.text() if moves else ""
            if reps:
                self._cue = rep_cue(reps[-1])
        return reps

    def end(self) -> None:
        """The session is over: the frames still waiting in the live cleaner are counted, and a movement on its way
        back down counts, as at the end of a clip (RepCounter.finish). The summary calls it; calling it again adds
        nothing unless frames came in between."""
        with self._work:
            if self._analyser is None:
                return
            counted = [c for m in self._pipeline.flush() for c in self._to_count(self._analyser, m)]
            self._feed(counted, counted[-1] if counted else None, finish=True)

    def _finished(self) -> bool:
        """Target reached on every side."""
        with self._lock:
            return self._finished_locked()

    def _to_count(self, analyser: Any, sample: BodySample | None) -> list[BodySample]:
        """Run the set-up check on this sample; the samples to count now: none while the set-up is being judged or
        is wrong, the whole window when the first window passes, then each sample, none after the target."""
        if sample is None:
            analyser.reset_window()
            messages = None
        else:
            messages = analyser.check(sample)
        with self._lock:
            started = self._counting
            if sample is None:
                self._setup = NOBODY
                self._backlog = []
            elif messages is not None:
                self._setup = "; ".join(messages).capitalize()
                self._counting = started or not messages
            if sample is None or self._finished_locked():
                return []
            if started:
                return [sample]
            self._backlog.append(sample)
            if self._counting or messages:  # the window closed: count it if it passed, else start a new one
                window, self._backlog = self._backlog, []
                return window if self._counting else []
            return []

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
                self._setup,
                self._counting,
                self._finished_locked(),
                dict(self._hip),
                self._analyser.message if self._analyser else "",
                stats,
                self._clock() - self._t0,
                self._movements,
            )

    def summary(self) -> dict:
        """The session summary saved to the history (taking it ends the session: end()): the exercise analyser's
        summary (reps, rep_list, per_side, score, cues, findings, as offline) with the session's duration, target and
        frame flow."""
        self.end()
        s = self.snapshot()
        with self._lock:
            part = self._analyser.summary() if self._analyser is not None else {"reps": dict(self._reps)}
        if s.frame_rate_warning:
            part["warnings"] = [*part.get("warnings", []), s.frame_rate_warning]
        return {
            "kind": "live",
            "exercise": s.exercise,
            "duration_s": round(s.elapsed_s, 1),
            "target_reps": s.target_reps,
            "target_reached": s.finished,
            **part,
            "live": {
                "latency_median_ms": s.stats.latency_median_ms,
                "latency_p95_ms": s.stats.latency_p95_ms,
                "fps": s.stats.fps,
                "frames_in": s.stats.frames_in,
                "frames_dropped": s.stats.dropped,
            },
        }

    def close(self) -> None:
        """Stop the worker and release the model."""
        self._worker.stop()
        self._pipeline.close()
