"""Per-frame body signals the assessments share, as pure functions over a cleaned PoseSequence and its AngleSeries:
hip and knee flexion of both legs together, forward trunk lean from the world landmarks (any view), a body-size
unit, the height of each foot above its own floor level, and small helpers for runs and threshold crossings.

Every signal is NaN where the landmarks it needs were not trusted, never guessed.
"""

from __future__ import annotations

import numpy as np

from coach.config import landmark_trust
from coach.kinematics.trunk import TRUNK
from coach.landmarks import LEFT_HIP, LEFT_SHOULDER, LEG, RIGHT_HIP, RIGHT_SHOULDER, SIDES
from coach.picture_edge import outside_picture
from coach.signals.filters import nan_runs
from coach.types import AngleSeries, PoseSequence

#: An angle whose confidence (kinematics: landmark visibility times how well the view suits it) is below this is
#: left out; 0.3 keeps MediaPipe's 3D angles in front views (trust 0.7) and drops hidden joints.
MIN_ANGLE_CONF = 0.3
#: Landmarks below this visibility are not used for positions (the cleaning stage's gate: [landmarks] of
#: coach/config/defaults.toml).
MIN_VISIBILITY = landmark_trust().min_visibility
#: MediaPipe world axes: y points down, so the world's up is -y (metres, hip-centred).
WORLD_UP = np.array([0.0, -1.0, 0.0])


def legs_deg(angles: AngleSeries, fmt: str, min_conf: float = MIN_ANGLE_CONF) -> np.ndarray:
    """(2, T) angle `fmt.format(side=...)` (deg) of the left and right leg, NaN where its confidence is under
    min_conf."""
    out = []
    for side in SIDES:
        name = fmt.format(side=side)
        v = angles.values[name].astype(float).copy()
        v[~(angles.conf[name] >= min_conf)] = np.nan
        out.append(v)
    return np.stack(out)


def nan_extreme(stack: np.ndarray, largest: bool) -> np.ndarray:
    """Largest (or smallest) known value along the first axis, NaN where none is known (no warning)."""
    fill = -np.inf if largest else np.inf
    filled = np.where(np.isfinite(stack), stack, fill)
    out = filled.max(axis=0) if largest else filled.min(axis=0)
    return np.where(np.isfinite(out), out, np.nan)


def trunk_lean_world_deg(poses: PoseSequence) -> np.ndarray:
    """(T,) forward lean (deg) of the mid-hip -> mid-shoulder line from the vertical, + = toward the person's front,
    from MediaPipe's world landmarks so that it reads the same from the side, the front or an oblique corner camera.

    Front is the pelvis's own: the left-to-right hip line crossed with the vertical. A camera looking down tilts the
    world vertical, which offsets the angle by a constant; the assessments use its changes, not its level."""
    w = poses.world_m
    lateral = w[:, LEFT_HIP] - w[:, RIGHT_HIP]
    front = np.cross(lateral, WORLD_UP)
    with np.errstate(invalid="ignore", divide="ignore"):
        front /= np.linalg.norm(front, axis=-1, keepdims=True)
    trunk = 0.5 * (w[:, LEFT_SHOULDER] + w[:, RIGHT_SHOULDER]) - 0.5 * (w[:, LEFT_HIP] + w[:, RIGHT_HIP])
    seen = (poses.visibility[:, TRUNK] >= MIN_VISIBILITY).all(axis=1)
    lean = np.degrees(np.arctan2(np.sum(trunk * front, -1), trunk @ WORLD_UP))
    return np.where(seen, lean, np.nan)


def leg_lengths_px(xy_px: np.ndarray, visibility: np.ndarray) -> np.ndarray:
    """(..., 2) image length (px) of each leg, hip to knee to ankle, from landmarks (..., 33, 2) and their visibility
    (..., 33); NaN where a leg's three points are not all seen."""
    out = []
    for side in SIDES:
        j = LEG[side]
        seen = (visibility[..., [j["hip"], j["knee"], j["ankle"]]] >= MIN_VISIBILITY).all(axis=-1)
        seg = np.linalg.norm(xy_px[..., j["knee"], :] - xy_px[..., j["hip"], :], axis=-1) + np.linalg.norm(
            xy_px[..., j["ankle"], :] - xy_px[..., j["knee"], :], axis=-1
        )
        out.append(np.where(seen, seg, np.nan))
    return np.stack(out, axis=-1)


def leg_length_px(poses: PoseSequence) -> float:
    """Median image length (px) of a leg, hip to knee to ankle, over the frames and legs where it was seen: the unit
    that makes positions independent of camera distance (NaN when never seen)."""
    both = leg_lengths_px(poses.xy_px, poses.visibility)
    both = both[np.isfinite(both)]
    return float(np.median(both)) if len(both) else float("nan")


def lowest_foot_y_px(xy_px: np.ndarray, visibility: np.ndarray, side: str) -> np.ndarray:
    """(...) image y (px, down) of the lowest seen point of one foot (ankle, heel, toe), where it meets the floor,
    from landmarks (..., 33, 2) and their visibility (..., 33); NaN where none is seen."""
    j = LEG[side]
    idx = [j["ankle"], j["heel"], j["foot"]]
    y = np.where(visibility[..., idx] >= MIN_VISIBILITY, xy_px[..., idx, 1], np.nan)
    low = np.where(np.isfinite(y), y, -np.inf).max(axis=-1)
    return np.where(np.isfinite(low), low, np.nan)


def foot_low_y_px(poses: PoseSequence, side: str) -> np.ndarray:
    """(T,) lowest_foot_y_px over a clip; a point at or past the picture's edge is not seen (coach.picture_edge)."""
    cut = outside_picture(poses.xy_px, poses.width, poses.height)
    return lowest_foot_y_px(poses.xy_px, np.where(cut, 0.0, poses.visibility), side)


def speed_per_s(t_s: np.ndarray, x: np.ndarray) -> np.ndarray:
    """(T,) absolute rate of change of x per second (central differences on the timestamps); NaN next to gaps."""
    if len(x) < 2:
        return np.full(len(x), np.nan)
    with np.errstate(invalid="ignore"):
        return np.abs(np.gradient(x, t_s, axis=0))


def true_runs(mask: np.ndarray, t_s: np.ndarray, max_gap_s: float = 0.0) -> list[tuple[int, int]]:
    """(start, stop) index pairs of the True runs of a mask, runs whose False frames between them last at most
    max_gap_s merged (a frame or two of doubt inside a held position does not split it); the False frames' own time
    (the time between the runs less one frame interval), so that one moment of doubt is one gap at any frame rate."""
    runs = nan_runs(np.asarray(mask, bool))
    dt = float(np.median(np.diff(t_s))) if len(t_s) > 1 else 0.0
    merged: list[tuple[int, int]] = []
    for a, b in runs:
        if merged and t_s[a] - t_s[merged[-1][1] - 1] - dt <= max_gap_s + 1e-9:
            merged[-1] = (merged[-1][0], b)
        else:
            merged.append((a, b))
    return merged


def crossing_s(t_s: np.ndarray, x: np.ndarray, i: int, level: float) -> float:
    """Time (s) at which x crosses `level` between samples i-1 and i, by linear interpolation (t_s[i] when the
    previous sample is unknown or on the same side)."""
    if i <= 0 or not (np.isfinite(x[i - 1]) and np.isfinite(x[i])) or x[i] == x[i - 1]:
        return float(t_s[i])
    f = float(np.clip((level - x[i - 1]) / (x[i] - x[i - 1]), 0.0, 1.0))
    return float(t_s[i - 1] + f * (t_s[i] - t_s[i - 1]))


def rounded(x: float | None, n: int = 2) -> float | None:
    """A JSON-safe rounded number, None for unknown (None or NaN)."""
    if x is None or not np.isfinite(x):
        return None
    return round(float(x), n)


def hip_heading_deg(poses: PoseSequence) -> np.ndarray:
    """(T,) direction (deg) of the left-to-right hip line in the camera's horizontal plane (world x-z), unwrapped
    within each stretch where the hips are seen (a turn makes it sweep ~180 deg); NaN where the hips are unseen."""
    w = poses.world_m
    lateral = w[:, LEFT_HIP] - w[:, RIGHT_HIP]
    seen = (poses.visibility[:, [LEFT_HIP, RIGHT_HIP]] >= MIN_VISIBILITY).all(axis=1) & np.isfinite(lateral).all(axis=1)
    out = np.full(len(poses), np.nan)
    for a, b in nan_runs(seen):
        out[a:b] = np.degrees(np.unwrap(np.arctan2(lateral[a:b, 2], lateral[a:b, 0])))
    return out


def span(poses: PoseSequence, angles: AngleSeries, i0: int, i1: int) -> tuple[PoseSequence, AngleSeries]:
    """Frames [i0, i1) of a clip and its angles, as a clip of their own."""
    sl = slice(i0, i1)
    sub = poses.frames(sl)
    return sub, AngleSeries(
        angles.t_s[sl],
        {k: v[sl] for k, v in angles.values.items()},
        {k: v[sl] for k, v in angles.conf.items()},
        angles.view[sl] if len(angles.view) else angles.view,
        angles.facing[sl] if len(angles.facing) else angles.facing,
    )
