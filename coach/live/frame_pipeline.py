"""The per-frame pipeline of the live page: one camera frame in, the landmarks to show and the body samples due out,
through the same pose, tracking, cleaning and angle code as the offline analysis."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np

from coach.exercises.reps import Rep
from coach.kinematics.angles import angles_from_landmarks
from coach.kinematics.picture_cuts import CutDetector
from coach.kinematics.trunk import trunk_px
from coach.kinematics.view import BodyFrameTracker, body_yaw_deg, orientation_raw
from coach.live.window_cleaner import WindowCleaner
from coach.pose import Detection, PoseConfig, PoseEstimator
from coach.signals.clean import CleanConfig, gate
from coach.signals.filters import OneEuro, RunningMedian
from coach.tracking import LiveFollower
from coach.types import BodySample, Frame


class PoseDetector(Protocol):
    """What the pipeline asks of a pose estimator (coach.pose.PoseEstimator; a replay of saved landmarks in tests)."""

    def detect(self, frame: Frame) -> list[Detection]:
        """The people found in a frame."""
        ...

    def close(self) -> None:
        """Release the model."""
        ...


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
    rep: Rep | None = None
    samples: tuple[BodySample, ...] | None = None

    def measured(self) -> tuple[BodySample, ...]:
        """The samples to analyse: `samples`, or the one `sample` when no list was given."""
        if self.samples is not None:
            return self.samples
        return (self.sample,) if self.sample is not None else ()


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

    def __init__(
        self, pose: PoseConfig | None = None, clean: CleanConfig | None = None, estimator: PoseDetector | None = None
    ) -> None:
        self.pose_config = pose or PoseConfig()
        self.clean = clean or CleanConfig()
        self._estimator: PoseDetector | None = estimator
        self._follower = LiveFollower()
        self._median = RunningMedian(3)
        self._xy_filter = OneEuro(self.clean.one_euro_min_cutoff_hz, self.clean.one_euro_beta)
        self._cleaner = WindowCleaner(self.clean)
        self._body = BodyFrameTracker()
        self._cuts = CutDetector()
        self._index = 0

    def warm_up(self) -> PoseDetector:
        """Load the model now (in the calling thread, the one that will process frames), so the first frames are not
        spent waiting for it; returns it."""
        if self._estimator is None:
            self._estimator = PoseEstimator(self.pose_config)
        return self._estimator

    def process(self, frame: Frame) -> FrameResult:
        """Landmarks to show and the body samples due, of the followed person in this frame."""
        det = self._follower.update(self._index, frame.t_s, self.warm_up().detect(frame))
        self._index += 1
        if det is None:
            self._median.reset()
            samples = self.flush()
            self._cleaner.reset()
            return FrameResult(frame.t_s, None, None, samples[-1] if samples else None, samples=samples)
        xy = gate(det.xy_px[None], det.visibility[None], self.clean.min_visibility)[0]
        t, shown = self._median(frame.t_s, np.concatenate([xy, det.visibility[:, None]], axis=1))
        xy_shown = self._xy_filter(t, shown[:, :2])
        due = self._cleaner.push(
            frame.t_s,
            np.concatenate([det.xy_px, det.world_m, det.visibility[:, None]], axis=1),
            float(max(frame.rgb.shape[:2])),
        )
        samples = tuple(self._sample(ti, a[:, :2], a[:, 2:5], a[:, 5]) for ti, a in due)
        return FrameResult(frame.t_s, xy_shown, shown[:, 2], samples[-1] if samples else None, samples=samples)

    def flush(self) -> tuple[BodySample, ...]:
        """The body samples of the frames still waiting in the live cleaner (WindowCleaner.flush)."""
        return tuple(self._sample(ti, a[:, :2], a[:, 2:5], a[:, 5]) for ti, a in self._cleaner.flush())

    def _sample(self, t: float, xy: np.ndarray, world: np.ndarray, vis: np.ndarray) -> BodySample:
        """The measured body sample of one frame: view, orientation and angles from its cleaned landmarks."""
        orient, view = self._body.update(
            t,
            float(orientation_raw(xy[None], vis[None])[0]),
            float(body_yaw_deg(world[None])[0]),
            self._cuts.update(trunk_px(xy, vis)),
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
