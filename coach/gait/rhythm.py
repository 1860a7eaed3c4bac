"""The walk's rhythm: the stride time from how the feet's positions repeat, by autocorrelation, without any event.

One foot is ahead, then the other: the difference between the feet along the walking direction repeats every stride
and flips its sign every step, in any gait that moves both feet (a step-to or antalgic gait too, whose two steps
differ but whose stride repeats). Its autocorrelation is therefore high at a lag of one stride and negative at half
of it; the lag where the first is highest and the second lowest is the stride time, and their mean distance from zero
is how clearly the walk repeats. From the side the difference is along the picture's x axis; walking toward or away
from the camera the foot ahead is higher in the picture (further away) or lower (nearer), so it is along the y axis,
where a foot's contacts are blurred but its rhythm is not. This checks the cadence counted from events, and gives the
cadence of a walk too short for a stride to be assembled from its events (a short clip filmed from behind).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from coach.gait.contact import ContactConfig, leg_length_px
from coach.gait.cycles import CycleConfig
from coach.gait.events import refine_peak_s
from coach.gait.passes import WalkPass
from coach.landmarks import LEG, SIDES


@dataclass(frozen=True)
class RhythmConfig:
    """max_lag_share: the longest lag searched as a share of the pass (a correlation at a longer lag would compare
    under a third of the pass with itself); min_strength: the strength (mean of the correlation at one stride and
    minus the correlation at half of it, in [-1, 1]) from which the walk clearly repeats (the autocorrelation of an
    unrelated signal over the 60-120 samples of a few seconds scatters by ~1/sqrt(n), 0.1-0.13: Box and Jenkins), so
    that its rhythm may stand for the cadence or check it; agree_rel: the cadence counted from events and the rhythm's
    agree within this share (one frame of lag is ~3 % of a 30-40 frame stride, and strides vary by ~3 % in healthy
    walkers: Hollman et al. 2011, Gait & Posture 34:111-118)."""

    max_lag_share: float = 2 / 3
    min_strength: float = 0.3
    agree_rel: float = 0.10


@dataclass(frozen=True)
class Rhythm:
    """The rhythm of the walk: stride time (s), strength in [-1, 1] (see RhythmConfig) and the seconds of walking it
    was measured over."""

    stride_s: float
    strength: float
    seconds: float

    @property
    def cadence_steps_per_min(self) -> float:
        """Two steps per stride, per minute."""
        return 120.0 / self.stride_s

    def to_dict(self) -> dict:
        """JSON-safe, rounded."""
        return {
            "stride_s": round(self.stride_s, 3),
            "cadence_steps_per_min": round(self.cadence_steps_per_min, 1),
            "strength": round(self.strength, 2),
            "seconds": round(self.seconds, 1),
        }


def feet_difference(t_s: np.ndarray, xy_px: np.ndarray, walk: WalkPass) -> np.ndarray:
    """(n,) the left foot's position minus the right's along the walking direction, in leg lengths, over one pass's
    frames: the heels along image x from the side; from the front or behind the mean image height of heel, ankle and
    toe (a foot further away is higher in the picture)."""
    if walk.axis == "image_x":
        return (walk.heel_ant["left"] - walk.heel_ant["right"]) / walk.leg_length
    y = {s: xy_px[:, [LEG[s]["heel"], LEG[s]["ankle"], LEG[s]["foot"]], 1].mean(1) for s in SIDES}
    return (y["left"] - y["right"]) / leg_length_px(xy_px, t_s, ContactConfig().scale_window_s)


def autocorrelation(x: np.ndarray, max_lag: int) -> np.ndarray:
    """(max_lag + 1,) Pearson-normalised autocorrelation of x about its mean at lags 0..max_lag frames, over the
    samples seen at both ends of each lag (NaN where fewer than three are)."""
    x = x - np.nanmean(x)
    out = np.full(max_lag + 1, np.nan)
    for lag in range(max_lag + 1):
        a, b = x[: len(x) - lag], x[lag:]
        ok = np.isfinite(a) & np.isfinite(b)
        den = np.sqrt(np.sum(a[ok] ** 2) * np.sum(b[ok] ** 2))
        if ok.sum() >= 3 and den > 0:
            out[lag] = np.sum(a[ok] * b[ok]) / den
    return out


def stride_by_autocorrelation(t_s: np.ndarray, x: np.ndarray, min_s: float, max_s: float) -> tuple[float, float]:
    """(stride time s, strength) of a signal that repeats every stride and flips sign every step: the lag within
    [min_s, max_s] where the autocorrelation is high and at half the lag low, refined between frames; (NaN, NaN)
    when no lag shows both."""
    if len(t_s) < 3:
        return np.nan, np.nan
    dt = float(np.median(np.diff(t_s)))
    n = int(max_s / dt)
    acf = autocorrelation(x, n + 1)
    half = np.interp(np.arange(n + 2) / 2, np.arange(n + 2), acf)
    score = np.where((acf > 0) & (half < 0), 0.5 * (acf - half), np.nan)
    lags = np.arange(n + 2)
    score[(lags * dt < min_s) | (lags > n)] = np.nan
    if not np.isfinite(score).any():
        return np.nan, np.nan
    i = int(np.nanargmax(score))
    return refine_peak_s(lags * dt, score, i), float(score[i])


def walk_rhythm(
    t_s: np.ndarray,
    xy_px: np.ndarray,
    passes: list[WalkPass],
    cycles: CycleConfig = CycleConfig(),
    cfg: RhythmConfig = RhythmConfig(),
) -> Rhythm | None:
    """The rhythm over every pass (their stride times and strengths weighted by the pass's duration), or None when no
    pass clearly repeats within the plausible stride times."""
    found = []
    for p in passes:
        t = t_s[p.start : p.stop]
        seconds = float(t[-1] - t[0]) if len(t) else 0.0
        longest = min(cycles.max_stride_s, cfg.max_lag_share * seconds)
        if longest < cycles.min_stride_s:
            continue
        stride, strength = stride_by_autocorrelation(
            t, feet_difference(t, xy_px[p.start : p.stop], p), cycles.min_stride_s, longest
        )
        if np.isfinite(stride):
            found.append((stride, strength, seconds))
    if not found:
        return None
    stride, strength, seconds = np.array(found).T
    rhythm = Rhythm(
        float(np.average(stride, weights=seconds)), float(np.average(strength, weights=seconds)), float(seconds.sum())
    )
    return rhythm if rhythm.strength >= cfg.min_strength else None
