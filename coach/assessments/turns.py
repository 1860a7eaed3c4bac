"""Turns while walking, from the direction the hips face (MediaPipe's world hip line seen from above): a turn sweeps
it through ~180 deg within a second or two, while walking only rocks it by the pelvis's rotation (about +/-5-10 deg a
stride). A turn the camera did not see (the person out of the picture) shows as the hips facing another way after
the gap."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.ndimage import uniform_filter1d

from coach.assessments.signals import hip_heading_deg, true_runs
from coach.signals.filters import nan_runs
from coach.types import PoseSequence

#: The hip heading is averaged over this window (s) first: about a stride, so the pelvis's own rotation cancels.
HEADING_SMOOTH_S = 0.5
#: Turning is the heading changing faster than this (deg/s): walking's pelvic rotation, averaged over a stride,
#: stays well under it, and a 180-deg turn of a slow walker (~3 s) still exceeds it.
TURN_RATE_DEG_S = 45.0
#: A turn changes the heading by at least this much (deg); smaller sweeps are the path curving or pose noise.
TURN_MIN_DEG = 90.0
#: Turning stretches closer than this (s) are one turn.
TURN_JOIN_S = 0.3


@dataclass(frozen=True)
class Turn:
    """A turn from start_s to end_s (s), how far the hips turned (deg, signed; NaN when unseen) and whether the
    camera saw it."""

    start_s: float
    end_s: float
    angle_deg: float
    seen: bool


def _smooth(t_s: np.ndarray, heading: np.ndarray) -> np.ndarray:
    """The heading averaged over HEADING_SMOOTH_S within each seen stretch."""
    out = np.full(len(heading), np.nan)
    dt = float(np.median(np.diff(t_s))) if len(t_s) > 1 else 1.0
    size = max(1, int(round(HEADING_SMOOTH_S / dt)))
    for a, b in nan_runs(np.isfinite(heading)):
        out[a:b] = uniform_filter1d(heading[a:b], size, mode="nearest")
    return out


def _gap_turns(t_s: np.ndarray, heading: np.ndarray, i0: int, i1: int) -> list[Turn]:
    """Turns hidden in stretches where the hips were not seen: the heading after differs by TURN_MIN_DEG."""
    out = []
    for a, b in nan_runs(~np.isfinite(heading[i0:i1])):
        a, b = a + i0, b + i0
        if a == 0 or b >= len(t_s) or not (np.isfinite(heading[a - 1]) and np.isfinite(heading[b])):
            continue
        change = (heading[b] - heading[a - 1] + 180.0) % 360.0 - 180.0
        if abs(change) >= TURN_MIN_DEG:
            out.append(Turn(float(t_s[a - 1]), float(t_s[b]), float("nan"), False))
    return out


def find_turns(poses: PoseSequence, t0_s: float, t1_s: float) -> list[Turn]:
    """The turns between t0_s and t1_s, seen or hidden, in time order."""
    t = poses.t_s
    i0, i1 = int(np.searchsorted(t, t0_s)), int(np.searchsorted(t, t1_s, side="right"))
    if i1 - i0 < 3:
        return []
    heading = _smooth(t, hip_heading_deg(poses))
    with np.errstate(invalid="ignore"):
        rate = np.gradient(heading, t)
        fast = np.abs(rate) >= TURN_RATE_DEG_S
    fast[:i0] = fast[i1:] = False
    turns = []
    for a, b in true_runs(fast, t, TURN_JOIN_S):
        change = float(heading[b - 1] - heading[a]) if np.isfinite(heading[[a, b - 1]]).all() else float("nan")
        if abs(change) >= TURN_MIN_DEG:
            turns.append(Turn(float(t[a]), float(t[b - 1]), change, True))
    return sorted(turns + _gap_turns(t, heading, i0, i1), key=lambda x: x.start_s)
