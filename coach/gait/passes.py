"""Split a clip into walking passes: runs of frames where the person is seen walking one way along one axis.

A pass ends where the person leaves the picture or is lost (a gap), turns round (the facing flips), or the camera
view changes between side-on (walking across the picture) and face-on (toward or away from the camera, the walking
direction then taken along MediaPipe's estimated world depth). Inside a pass each heel and toe is placed along the
walking direction relative to the pelvis (DESIGN.md section 6, Zeni et al. 2008: heel strikes near the heel's most
anterior point) and the leg nearer the camera is known in a side view.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.ndimage import uniform_filter1d

from coach.kinematics.view import faces_camera
from coach.landmarks import LEFT_HIP, LEG, RIGHT_HIP, SIDES
from coach.types import AngleSeries, PoseSequence

#: Per-frame walking mode codes: 0 = not usable, then (axis, sign) pairs.
MODES = {1: ("image_x", 1.0), 2: ("image_x", -1.0), 3: ("world_z", 1.0), 4: ("world_z", -1.0)}
#: Words for each mode.
DIRECTION_WORDS = {1: "left to right", 2: "right to left", 3: "away from the camera", 4: "toward the camera"}
#: The mode walking away from the camera (seen from behind).
AWAY = 3
#: The leg nearer the camera when walking across the picture: walking image-right the person's right side faces the
#: camera, walking image-left the left side (from the front or behind neither leg hides the other).
NEAR_LEG = {1: "right", 2: "left"}


@dataclass(frozen=True)
class PassConfig:
    """Pass splitting: min_pass_s (s) shortest pass kept; smooth_s (s) window of the majority vote on the mode."""

    min_pass_s: float = 1.0
    smooth_s: float = 0.5


@dataclass(frozen=True)
class WalkPass:
    """One pass: frames [start, stop), its mode (see MODES), the dominant camera view, leg length in the pass's
    units (px for image_x, m for world_z), the forward speed of the pelvis in the image in leg lengths per second
    (NaN from the front, where world landmarks are hip-centred), and the anterior position (along the walking direction,
    relative to the pelvis) of each heel and toe: heel_ant[side] and toe_ant[side], arrays (stop - start,)."""

    index: int
    start: int
    stop: int
    t_start_s: float
    t_stop_s: float
    mode: int
    view: str
    leg_length: float
    speed_leg_per_s: float
    heel_ant: dict[str, np.ndarray]
    toe_ant: dict[str, np.ndarray]

    @property
    def axis(self) -> str:
        return MODES[self.mode][0]

    @property
    def near_side(self) -> str | None:
        """The leg nearer the camera in a side view ('left'/'right'), None from the front or behind."""
        return NEAR_LEG.get(self.mode)

    def to_dict(self) -> dict:
        """JSON-safe description of the pass."""
        return {
            "index": self.index,
            "start_s": round(self.t_start_s, 3),
            "stop_s": round(self.t_stop_s, 3),
            "direction": DIRECTION_WORDS[self.mode],
            "view": self.view,
            "speed_leg_per_s": round(self.speed_leg_per_s, 2) if np.isfinite(self.speed_leg_per_s) else None,
            "near_leg": self.near_side,
            "events_from": "foot contact in the picture"
            + (" and the heel's most anterior point (Zeni)" if self.axis == "image_x" else " and the foot's pitch"),
        }


def _feet_seen(xy_px: np.ndarray) -> np.ndarray:
    """(T,) bool: both hips, heels and toes have finite coordinates."""
    idx = [LEFT_HIP, RIGHT_HIP] + [LEG[s][k] for s in SIDES for k in ("heel", "foot")]
    return np.isfinite(xy_px[:, idx, 0]).all(axis=1)


def frame_modes(poses: PoseSequence, angles: AngleSeries) -> np.ndarray:
    """(T,) raw mode code per frame: side/oblique views walk along image x in the facing direction; front views
    along world depth, toward the camera when the person's left hip appears on the image right."""
    seen = _feet_seen(poses.xy_px)
    view = angles.view if len(angles.view) else np.full(len(poses), "", "<U8")
    facing = angles.facing if len(angles.facing) else np.zeros(len(poses))
    toward = faces_camera(poses.xy_px)
    mode = np.zeros(len(poses), int)
    sideways = seen & np.isin(view, ("side", "oblique"))
    mode[sideways & (facing > 0)] = 1
    mode[sideways & (facing < 0)] = 2
    front = seen & (view == "front")
    mode[front & ~toward] = 3
    mode[front & toward] = 4
    return mode


def smooth_modes(mode: np.ndarray, window: int) -> np.ndarray:
    """Majority vote of the mode over a centred window; frames that are not usable stay 0 (gaps are hard borders)."""
    if window < 2 or not len(mode):
        return mode
    votes = np.stack([uniform_filter1d((mode == m).astype(float), window, mode="nearest") for m in MODES])
    out = np.array(list(MODES))[np.argmax(votes, axis=0)]
    return np.where(mode == 0, 0, out)


def _anterior(poses: PoseSequence, mode: int, sl: slice) -> tuple[dict, dict, float, float]:
    """Heel and toe positions along the walking direction relative to the mid-hip, the leg length (same unit) and
    the pelvis's forward speed in the image (leg lengths/s; NaN along world depth)."""
    axis, sign = MODES[mode]
    if axis == "image_x":
        p, k = poses.xy_px[sl], 0
    else:
        p, k = poses.world_m[sl], 2
    pelvis = 0.5 * (p[:, LEFT_HIP, k] + p[:, RIGHT_HIP, k])
    heel = {s: sign * (p[:, LEG[s]["heel"], k] - pelvis) for s in SIDES}
    toe = {s: sign * (p[:, LEG[s]["foot"], k] - pelvis) for s in SIDES}
    legs = [
        np.linalg.norm(p[:, LEG[s]["hip"]] - p[:, LEG[s]["knee"]], axis=-1)
        + np.linalg.norm(p[:, LEG[s]["knee"]] - p[:, LEG[s]["ankle"]], axis=-1)
        for s in SIDES
    ]
    leg = float(np.nanmedian(np.concatenate(legs)))
    t = poses.t_s[sl]
    speed = sign * (pelvis[-1] - pelvis[0]) / (t[-1] - t[0]) / leg if axis == "image_x" else np.nan
    return heel, toe, leg, float(speed)


def split_passes(poses: PoseSequence, angles: AngleSeries, cfg: PassConfig = PassConfig()) -> list[WalkPass]:
    """The walking passes of a clip, in time order, each at least cfg.min_pass_s long."""
    if len(poses) < 3:
        return []
    dt = float(np.median(np.diff(poses.t_s)))
    mode = smooth_modes(frame_modes(poses, angles), max(1, int(round(cfg.smooth_s / dt))))
    edges = np.flatnonzero(np.diff(mode)) + 1
    bounds = zip(np.concatenate([[0], edges]), np.concatenate([edges, [len(mode)]]))
    passes: list[WalkPass] = []
    for a, b in bounds:
        if mode[a] == 0 or poses.t_s[b - 1] - poses.t_s[a] < cfg.min_pass_s:
            continue
        heel, toe, leg, speed = _anterior(poses, int(mode[a]), slice(a, b))
        views, counts = np.unique(angles.view[a:b], return_counts=True) if len(angles.view) else (np.array([""]), [1])
        passes.append(
            WalkPass(
                len(passes),
                int(a),
                int(b),
                float(poses.t_s[a]),
                float(poses.t_s[b - 1]),
                int(mode[a]),
                str(views[np.argmax(counts)]),
                leg,
                speed,
                heel,
                toe,
            )
        )
    return passes
