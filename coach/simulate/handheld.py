"""A clip filmed by a moving phone: the landmarks of a still camera's clip moved the way a pan or a shaking hand moves
the picture, with the camera's motion as coach.camera_motion reports it (where the background sits in each frame)."""

from __future__ import annotations

import numpy as np

from coach.landmarks import LEFT_HIP, RIGHT_HIP
from coach.types import PoseSequence


def _moved(seq: PoseSequence, background_px: np.ndarray) -> PoseSequence:
    """The sequence seen by a camera whose background sits at `background_px` (T, 2) in each frame."""
    return seq.replace(xy_px=seq.xy_px + background_px[:, None, :], camera_px=background_px - background_px[0])


def followed_x(seq: PoseSequence, at_s: np.ndarray, lag_s: float) -> np.ndarray:
    """Where a hand following the person's pelvis points (x px) at times `at_s`: the pelvis's mean over `lag_s`
    around each, held where the person is out of view (NaN when they never are in view)."""
    pelvis = seq.xy_px[:, [LEFT_HIP, RIGHT_HIP], 0].mean(axis=1)
    seen = np.isfinite(pelvis)
    if not seen.any():
        return np.full(len(at_s), np.nan)
    held = np.interp(seq.t_s, seq.t_s[seen], pelvis[seen])
    return np.array([held[np.abs(seq.t_s - t) <= lag_s / 2].mean() for t in at_s])


def panned(seq: PoseSequence, lag_s: float = 0.5) -> PoseSequence:
    """Filmed by a phone turned to keep the person's pelvis mid-picture (horizontally), following it with a hand's
    lag (followed_x); held still when the person is never in view."""
    follow = followed_x(seq, seq.t_s, lag_s)
    shift = np.stack([np.nan_to_num(seq.width / 2 - follow), np.zeros(len(seq))], 1)
    return _moved(seq, shift)


def shaken(seq: PoseSequence, amplitude_px: float = 15.0, seed: int = 0) -> PoseSequence:
    """Filmed by a phone held in a hand: the picture wanders by up to `amplitude_px` each way, a sum of three
    sinusoids per axis at 0.5-4 Hz (a seed picks them)."""
    rng = np.random.default_rng(seed)
    freq = rng.uniform(0.5, 4.0, (3, 2))
    phase = rng.uniform(0, 2 * np.pi, (3, 2))
    waves = np.sin(2 * np.pi * freq[None] * seq.t_s[:, None, None] + phase[None]).sum(1) / 3
    return _moved(seq, amplitude_px * waves)
