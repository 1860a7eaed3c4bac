"""Signal cleaning (DESIGN.md section 4): visibility gating, short-gap filling, left/right leg swap guard, and the
cleaning of landmark arrays (a clip offline, live's sliding window) with the filters of coach.signals.filters."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from coach.config import landmark_trust
from coach.landmarks import LEFT_HIP, LEG_PAIRS, RIGHT_HIP
from coach.signals.filters import butter_zero_lag_columns, hampel, hampel_half_window, nan_runs
from coach.types import PoseSequence


@dataclass(frozen=True)
class CleanConfig:
    """Cleaning settings: min_visibility in [0, 1]; max_gap_s (s) filled by interpolation, longer gaps stay gaps;
    cutoff_hz and order of the offline Butterworth (Winter: 6 Hz); hampel_window_s (s), hampel_sigmas and the smallest
    deviation it treats as an outlier (hampel_floor_frac of the image's long side; hampel_floor_m for world metres);
    one_euro_min_cutoff_hz and one_euro_beta for the live filter; swap_ratio: swap legs when the swapped pose is this
    many times closer to the previous frame."""

    min_visibility: float = field(default_factory=lambda: landmark_trust().min_visibility)
    max_gap_s: float = 0.2
    cutoff_hz: float = 6.0
    order: int = 4
    hampel_window_s: float = 0.25
    hampel_sigmas: float = 3.0
    hampel_floor_frac: float = 0.01
    hampel_floor_m: float = 0.03
    one_euro_min_cutoff_hz: float = 1.5
    one_euro_beta: float = 0.02
    swap_ratio: float = 0.5


def gate(values: np.ndarray, vis: np.ndarray, min_visibility: float) -> np.ndarray:
    """Set landmark coordinates (T, 33, k) to NaN where visibility (T, 33) is below the threshold."""
    out = values.astype(float, copy=True)
    out[vis < min_visibility] = np.nan
    return out


#: Most phones and cameras film at the NTSC rates (30000/1001, 60000/1001 fps), whose frames last 1001/1000 as long as
#: those of the round rate: a gap of as many frames as a limit in seconds holds at 30 fps (0.2 s: 6 frames, or 3 at
#: 15) is 0.1 % longer at 29.97 fps, and is the same gap.
NTSC_STRETCH = 1001 / 1000


def fill_gaps(t_s: np.ndarray, x: np.ndarray, max_gap_s: float) -> np.ndarray:
    """Linearly interpolate NaN runs in x (T,) between two finite samples that miss at most max_gap_s (at a round
    frame rate, NTSC_STRETCH longer at an NTSC one): the time between the samples either side less one frame interval
    (the missing frames' own time, so that one dropout is one gap at any frame rate: at 15 fps the samples either side
    of it are further apart than at 30)."""
    out = x.astype(float, copy=True)
    bad = ~np.isfinite(out)
    dt = float(np.median(np.diff(t_s))) if len(t_s) > 1 else 0.0
    for a, b in nan_runs(bad):
        if a == 0 or b == len(out):
            continue
        if t_s[b] - t_s[a - 1] - dt <= max_gap_s * NTSC_STRETCH + 1e-9:
            out[a:b] = np.interp(t_s[a:b], [t_s[a - 1], t_s[b]], [out[a - 1], out[b]])
    return out


def swap_legs_guard(
    xy: np.ndarray, t_s: np.ndarray, ratio: float = 0.5, max_dt_s: float = 0.2, max_swap_s: float = 0.3
) -> np.ndarray:
    """(T,) bool: frames where the left and right leg landmarks were exchanged by the pose model.

    A flip is a frame whose legs lie clearly closer (by `ratio`) to the other leg's position in the frame before than
    to their own; a swapped stretch starts at a flip and ends at the next flip within
    `max_swap_s`. An unpaired flip is left alone, so one wrong decision never propagates along the clip (a guard that
    compares each frame with its own corrected past does). Frames further than max_dt_s apart are not compared.
    """
    legs_l = [a for a, _ in LEG_PAIRS if a != LEFT_HIP]
    legs_r = [b for _, b in LEG_PAIRS if b != RIGHT_HIP]
    ok = np.flatnonzero(np.isfinite(xy[:, legs_l + legs_r]).all(axis=(1, 2)))
    flips = []
    for n in range(1, len(ok)):
        i, h1 = ok[n], ok[n - 1]
        if t_s[i] - t_s[h1] > max_dt_s:
            continue
        pl, pr = xy[h1, legs_l], xy[h1, legs_r]
        cur_l, cur_r = xy[i, legs_l], xy[i, legs_r]
        keep = np.linalg.norm(cur_l - pl, axis=1).sum() + np.linalg.norm(cur_r - pr, axis=1).sum()
        swap = np.linalg.norm(cur_r - pl, axis=1).sum() + np.linalg.norm(cur_l - pr, axis=1).sum()
        if swap < ratio * keep:
            flips.append(i)
    swapped = np.zeros(len(xy), bool)
    n = 0
    while n + 1 < len(flips):
        a, b = flips[n], flips[n + 1]
        if t_s[b] - t_s[a] <= max_swap_s:
            swapped[a:b] = True
            n += 2
        else:
            n += 1
    return swapped


def apply_swaps(a: np.ndarray, swapped: np.ndarray) -> np.ndarray:
    """Exchange left/right leg landmarks (hips excluded) of array (T, 33, ...) in the flagged frames."""
    out = a.copy()
    for left, right in LEG_PAIRS:
        if left == LEFT_HIP:
            continue
        out[swapped, left], out[swapped, right] = a[swapped, right], a[swapped, left]
    return out


def clean_landmarks(
    t_s: np.ndarray,
    xy: np.ndarray,
    world: np.ndarray,
    vis: np.ndarray,
    long_side_px: float,
    cfg: CleanConfig,
    smooth: bool = True,
    swap_guard: bool = True,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, int]:
    """The cleaning of landmark arrays (T, 33, 2), (T, 33, 3), (T, 33) at times t_s (T,): swap guard, gating, Hampel,
    short-gap filling, zero-lag Butterworth. One function for a whole clip (offline) and for live's sliding window,
    so live measures what offline measures. Returns xy, world, visibility (zeroed where a gap stays a gap, at least
    the gate where filled), the frames whose legs were swapped back (T,) and the xy samples filled. `swap_guard`
    False leaves the legs as the pose model labelled them (live, see coach.live.window_cleaner)."""
    swapped = swap_legs_guard(xy, t_s, cfg.swap_ratio) if swap_guard else np.zeros(len(t_s), bool)
    if swapped.any():  # live cleans its window every frame: no copies of it when nothing was swapped
        xy, world, vis = (apply_swaps(a, swapped) for a in (xy, world, vis))
    xy, world = gate(xy, vis, cfg.min_visibility), gate(world, vis, cfg.min_visibility)
    dt = float(np.median(np.diff(t_s))) if len(t_s) > 1 else 1 / 30
    fs = 1.0 / dt if dt > 0 else 30.0
    half = hampel_half_window(cfg.hampel_window_s, fs)
    filled = 0
    for arr, floor in ((xy, cfg.hampel_floor_frac * max(long_side_px, 1.0)), (world, cfg.hampel_floor_m)):
        flat = arr.reshape(len(t_s), -1)
        before = int(np.isnan(flat).sum())
        flat[:] = fill_gap_columns(t_s, hampel(flat, half, cfg.hampel_sigmas, floor), cfg.max_gap_s)
        if arr is xy:
            filled = before - int(np.isnan(flat).sum())
        if smooth:
            flat[:] = butter_zero_lag_columns(flat, fs, cfg.cutoff_hz, cfg.order)
    ok = np.isfinite(xy[..., 0])
    vis = np.where(ok, np.maximum(vis, cfg.min_visibility), 0.0)
    return xy, world, vis, swapped, filled // 2


def fill_gap_columns(t_s: np.ndarray, x: np.ndarray, max_gap_s: float) -> np.ndarray:
    """fill_gaps on each column of x (T, k) that has a gap."""
    out = x.copy()
    for j in np.flatnonzero(np.isnan(x).any(axis=0)):
        out[:, j] = fill_gaps(t_s, x[:, j], max_gap_s)
    return out


def clean_sequence(seq: PoseSequence, cfg: CleanConfig | None = None, smooth: bool = True) -> tuple[PoseSequence, dict]:
    """Offline cleaning of a whole sequence (clean_landmarks). Returns the cleaned sequence (visibility zeroed where
    a gap stays a gap) and counts of what was done."""
    cfg = cfg or CleanConfig()
    xy, world, vis, swapped, filled = clean_landmarks(
        seq.t_s, seq.xy_px, seq.world_m, seq.visibility, max(seq.width, seq.height), cfg, smooth
    )
    stats = {"leg_swaps_fixed": int(swapped.sum()), "samples_filled": filled}
    return seq.replace(xy_px=xy, world_m=world, visibility=vis), stats
