"""Filters of landmark signals (DESIGN.md section 4): Hampel outlier removal, zero-lag Butterworth (offline); a
running median of 3 and the One-Euro filter (live, Casiez et al. 2012)."""

from __future__ import annotations

import math
import warnings
from collections import deque
from functools import lru_cache

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view
from scipy.signal import butter, sosfiltfilt

#: The Hampel filter needs at least this many frames on each side of a sample: with one, the median of three cannot
#: tell a one-frame landmark jump from the top of a real movement caught by one frame (at 8-10 fps a frame spans
#: 0.1-0.125 s, about the time a brisk knee lift spends near its top), and it clips that top. Below it (under ~12 fps
#: for a 0.25 s window) the filter is left out: a one-frame jump at such rates is a glitch for the rep engine to name.
HAMPEL_MIN_HALF = 2


def nan_runs(mask: np.ndarray) -> list[tuple[int, int]]:
    """(start, stop) index pairs of the True runs in a 1-D boolean mask."""
    d = np.diff(np.concatenate([[0], mask.astype(np.int8), [0]]))
    return list(zip(np.flatnonzero(d == 1), np.flatnonzero(d == -1)))


def nanmedian_last(a: np.ndarray) -> np.ndarray:
    """np.nanmedian(a, axis=-1) (NaN where a row holds no number), by one sort: numpy's own takes a masked-array path
    for short rows, which made the Hampel filter of a live window cost more than the rest of a frame."""
    s = np.sort(a, axis=-1)  # NaNs sort last
    n = np.count_nonzero(~np.isnan(a), axis=-1)[..., None]
    lo = np.take_along_axis(s, np.maximum(n - 1, 0) // 2, axis=-1)[..., 0]
    hi = np.take_along_axis(s, n // 2, axis=-1)[..., 0]
    return (lo + hi) / 2


def hampel(x: np.ndarray, half_window: int, n_sigmas: float = 3.0, min_dev: float = 0.0) -> np.ndarray:
    """Replace outliers (more than n_sigmas scaled MADs, and more than min_dev, from the moving median) by the median;
    NaNs left alone. x is (T,) or (T, k), each column on its own. The floor keeps the peaks of smooth, fast movements
    (tiny MAD) from being clipped. The window is cut at the ends of the signal and ignores NaNs; vectorised over a
    strided view (a clip's hours of samples cost milliseconds, not a Python loop of medians)."""
    out = x.astype(float, copy=True)
    if half_window < 1 or len(x) < 3:
        return out
    pad = np.full((half_window, *out.shape[1:]), np.nan)
    windows = sliding_window_view(np.concatenate([pad, out, pad]), 2 * half_window + 1, axis=0)
    med = nanmedian_last(windows)
    mad = 1.4826 * nanmedian_last(np.abs(windows - med[..., None]))
    with np.errstate(invalid="ignore"):
        bad = np.isfinite(out) & (np.abs(out - med) > np.maximum(n_sigmas * mad, min_dev))
    out[bad] = med[bad]
    return out


def hampel_half_window(window_s: float, fs_hz: float) -> int:
    """Frames each side of a sample in a Hampel window of window_s seconds at fs_hz; 0 (no filtering) when that is
    under HAMPEL_MIN_HALF frames."""
    half = int(round(window_s * fs_hz / 2))
    return half if half >= HAMPEL_MIN_HALF else 0


@lru_cache(maxsize=64)
def butter_sos(fs_hz: float, cutoff_hz: float, order: int) -> np.ndarray | None:
    """Second-order sections of the Butterworth low-pass that, run forward and backward, has the given order (None
    when the cutoff is at or above the Nyquist frequency: nothing to filter). Kept: designing it costs more than
    running it on a live window, which asks for the same design every frame (shared: never change it in place)."""
    if cutoff_hz >= 0.5 * fs_hz:
        return None
    return butter(order // 2 if order > 2 else order, cutoff_hz, fs=fs_hz, output="sos")


def _filtfilt_runs(x: np.ndarray, sos: np.ndarray) -> np.ndarray:
    """sosfiltfilt down the columns of x (T, k) on each run of rows where x is finite and long enough for the
    filter's start-up; other rows as they are. The columns share their NaNs (a group of butter_zero_lag_columns)."""
    out = x.astype(float, copy=True)
    for a, b in nan_runs(np.isfinite(x).all(axis=1)):
        if b - a > 3 * (2 * len(sos) + 1):
            out[a:b] = sosfiltfilt(sos, x[a:b], axis=0)
    return out


def butter_zero_lag(x: np.ndarray, fs_hz: float, cutoff_hz: float = 6.0, order: int = 4) -> np.ndarray:
    """Zero-lag Butterworth low-pass (forward-backward, so the order doubles in effect) on each finite run of x (T,)
    long enough for the filter's start-up; shorter runs are left as they are."""
    return butter_zero_lag_columns(x[:, None], fs_hz, cutoff_hz, order)[:, 0]


def butter_zero_lag_columns(x: np.ndarray, fs_hz: float, cutoff_hz: float = 6.0, order: int = 4) -> np.ndarray:
    """butter_zero_lag on each column of x (T, k), the columns with the same NaNs (a landmark's coordinates; every
    column without a gap) filtered in one call."""
    out = x.astype(float, copy=True)
    sos = butter_sos(fs_hz, cutoff_hz, order)
    if sos is None:
        return out
    masks, group = np.unique(np.isfinite(x), axis=1, return_inverse=True)
    group = group.ravel()
    for g in range(masks.shape[1]):
        cols = np.flatnonzero(group == g)
        out[:, cols] = _filtfilt_runs(x[:, cols], sos)
    return out


class RunningMedian:
    """Median of the last `n` samples within `max_span_s` (NaN-aware), for live streams: it removes a landmark that
    jumps away for a single frame, which a low-pass filter like One-Euro would only shrink (the causal stand-in for the
    offline Hampel filter). The median belongs to the middle sample, so it is returned with the middle time: (n-1)/2
    frames late. Samples further apart than the span (a slow or dropping camera) are not pooled: the median of a few
    frames spread over a long time would flatten the top of a quick movement."""

    def __init__(self, n: int = 3, max_span_s: float = 0.15) -> None:
        self._buf: deque[tuple[float, np.ndarray]] = deque(maxlen=n)
        self.max_span_s = max_span_s

    def __call__(self, t_s: float, x: np.ndarray) -> tuple[float, np.ndarray]:
        """Add a sample taken at t_s (s); (time, value) of the median of the samples kept."""
        while self._buf and t_s - self._buf[0][0] > self.max_span_s:
            self._buf.popleft()
        self._buf.append((t_s, np.asarray(x, float)))
        times = [t for t, _ in self._buf]
        stack = np.stack([v for _, v in self._buf])
        with warnings.catch_warnings():  # a coordinate unseen in every kept sample stays NaN
            warnings.simplefilter("ignore", RuntimeWarning)
            return float(np.median(times)), np.nanmedian(stack, axis=0)

    def reset(self) -> None:
        """Forget the kept samples (the person left the picture)."""
        self._buf.clear()


class OneEuro:
    """One-Euro low-pass filter (Casiez, Roussel, Vogel 2012) for a vector signal with irregular timestamps.

    Little lag when the signal moves fast, strong smoothing when it is still; NaN input resets nothing and passes NaN.
    """

    def __init__(self, min_cutoff_hz: float = 1.5, beta: float = 0.02, d_cutoff_hz: float = 1.0) -> None:
        self.min_cutoff, self.beta, self.d_cutoff = min_cutoff_hz, beta, d_cutoff_hz
        self._x: np.ndarray | None = None
        self._dx: np.ndarray | None = None
        self._t: float | None = None

    @staticmethod
    def _alpha(cutoff: np.ndarray | float, dt: float) -> np.ndarray | float:
        tau = 1.0 / (2 * math.pi * cutoff)
        return 1.0 / (1.0 + tau / dt)

    def __call__(self, t_s: float, x: np.ndarray) -> np.ndarray:
        """Filter one sample taken at t_s (s)."""
        x = np.asarray(x, float)
        if self._x is None or self._t is None or t_s <= self._t:
            self._x, self._dx, self._t = x.copy(), np.zeros_like(x), t_s
            return x.copy()
        dt = t_s - self._t
        self._t = t_s
        prev = np.where(np.isfinite(self._x), self._x, x)
        dx = (x - prev) / dt
        a_d = self._alpha(self.d_cutoff, dt)
        dx_before = np.zeros_like(x) if self._dx is None else self._dx
        self._dx = np.where(np.isfinite(dx), a_d * dx + (1 - a_d) * np.nan_to_num(dx_before), dx_before)
        cutoff = self.min_cutoff + self.beta * np.abs(self._dx)
        a = self._alpha(cutoff, dt)
        out = np.where(np.isfinite(x), a * x + (1 - a) * prev, np.nan)
        self._x = np.where(np.isfinite(x), out, self._x)
        return out
