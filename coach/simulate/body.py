"""A stick-figure body with known joint angles, posed in 3D and seen by an orthographic camera: synthetic
landmark sequences whose angles, reps and events are known exactly (for tests and docs, as NeuroKit2's *_simulate).

Angles follow coach's conventions: hip flexion + = thigh forward of the trunk line, knee flexion 0 = straight,
trunk lean + = forward, pelvic obliquity + = left hip lower.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from coach import landmarks as L
from coach.types import PoseSequence

SIDE_SIGN = {"left": 1.0, "right": -1.0}  # +1 along the body's left axis


@dataclass(frozen=True)
class Body:
    """Segment lengths (m) of a 1.75 m adult (Winter's anthropometric proportions)."""

    torso: float = 0.50
    hip_width: float = 0.20
    shoulder_width: float = 0.38
    neck: float = 0.22
    thigh: float = 0.43
    shank: float = 0.43
    foot: float = 0.20
    heel_back: float = 0.05
    ankle_height: float = 0.07
    upper_arm: float = 0.30
    forearm: float = 0.27

    @property
    def leg(self) -> float:
        return self.thigh + self.shank + self.ankle_height


@dataclass(frozen=True)
class Motion:
    """Joint angles (deg) over time t_s (T,): per side hip flexion and knee flexion; trunk lean (+ forward), pelvic
    obliquity (+ left lower); pelvis position along the body's front axis (m) and its drop (m); posture 'standing' or
    'supine'."""

    t_s: np.ndarray
    hip_flex: dict[str, np.ndarray]
    knee_flex: dict[str, np.ndarray]
    trunk_lean: np.ndarray
    pelvic_obliquity: np.ndarray
    pelvis_forward_m: np.ndarray
    pelvis_drop_m: np.ndarray
    posture: str = "standing"


def _rot(v: np.ndarray, axis: np.ndarray, deg: np.ndarray) -> np.ndarray:
    """Rotate vectors v (T, 3) about unit axis (3,) by deg (T,) (Rodrigues)."""
    a = np.radians(deg)[:, None]
    k = axis[None, :]
    return v * np.cos(a) + np.cross(k, v) * np.sin(a) + k * np.sum(k * v, -1, keepdims=True) * (1 - np.cos(a))


def pose_body(motion: Motion, body: Body = Body()) -> np.ndarray:
    """3D landmarks (T, 33, 3) in a body-fixed frame: x = front, y = up (cranial), z = left; pelvis centre at the origin
    before forward/drop offsets."""
    T = len(motion.t_s)
    ex, ey, ez = np.eye(3)
    P = np.zeros((T, L.N_LANDMARKS, 3))
    pelvis = motion.pelvis_forward_m[:, None] * ex - motion.pelvis_drop_m[:, None] * ey
    # pelvic obliquity: the hip line tilts about the front axis, left hip lower for + values
    hip_axis = _rot(np.tile(ez, (T, 1)), ex, motion.pelvic_obliquity)
    up = _rot(np.tile(ey, (T, 1)), ez, -motion.trunk_lean)  # + lean tips the trunk toward the front
    sh_mid = pelvis + body.torso * up
    for side in ("left", "right"):
        s = SIDE_SIGN[side]
        j = L.LEG[side]
        hip = pelvis + s * 0.5 * body.hip_width * hip_axis
        P[:, j["hip"]] = hip
        P[:, j["shoulder"]] = sh_mid + s * 0.5 * body.shoulder_width * ez
        thigh_dir = _rot(np.tile(-ey, (T, 1)), ez, motion.hip_flex[side])  # + flexion swings the knee to the front
        knee = hip + body.thigh * thigh_dir
        shank_dir = _rot(thigh_dir, ez, -motion.knee_flex[side])
        ankle = knee + body.shank * shank_dir
        foot_dir = _rot(shank_dir, ez, 90.0 * np.ones(T))
        sole = ankle + body.ankle_height * shank_dir
        P[:, j["knee"]], P[:, j["ankle"]] = knee, ankle
        P[:, j["heel"]] = sole - body.heel_back * foot_dir
        P[:, j["foot"]] = sole + body.foot * foot_dir
        elbow = P[:, j["shoulder"]] - body.upper_arm * up
        wrist = elbow - body.forearm * up + 0.05 * ex
        arm = {"left": (13, 15, 17, 19, 21), "right": (14, 16, 18, 20, 22)}[side]
        P[:, arm[0]], P[:, arm[1]] = elbow, wrist
        for k in arm[2:]:
            P[:, k] = wrist - 0.05 * up
    head = sh_mid + body.neck * up
    P[:, L.NOSE] = head + 0.10 * ex
    for k, s in ((1, 1), (2, 1), (3, 1), (4, -1), (5, -1), (6, -1), (9, 1), (10, -1)):
        P[:, k] = head + 0.07 * ex + s * 0.03 * ez - (0.04 if k > 8 else -0.02) * up
    P[:, L.LEFT_EAR] = head + 0.07 * ez
    P[:, L.RIGHT_EAR] = head - 0.07 * ez
    return P


@dataclass(frozen=True)
class Camera:
    """Orthographic camera: `yaw_deg` 90 = the person's front points to image-right (side view), -90 image-left,
    0 = facing the camera (front view); `posture` 'supine' lays the body on its back, head toward `head`
    ('left'/'right'). `px_per_m` and image size set the pixels; the pelvis starts at `origin_px`. `distance_m` 0 keeps
    the projection orthographic; above 0 a pinhole camera stands that far from the body frame's origin, `height_m` above
    it (0 = at the pelvis's height), looking horizontally (px_per_m is then the scale at that distance; origin_px is
    where the camera's own height, the horizon, is seen), so that walking toward or away from it moves the feet in the
    picture as a real camera shows them."""

    yaw_deg: float = 90.0
    px_per_m: float = 400.0
    width: int = 1280
    height: int = 720
    origin_px: tuple[float, float] = (640.0, 400.0)
    head: str = "left"
    distance_m: float = 0.0
    height_m: float = 0.0


def camera_axes(camera: Camera, posture: str) -> np.ndarray:
    """(3, 3) rows: camera-frame (x right, y down, z away) directions of the body's front, up (cranial) and left
    axes."""
    if posture == "supine":
        cranial = np.array([-1.0 if camera.head == "left" else 1.0, 0.0, 0.0])
        front = np.array([0.0, -1.0, 0.0])
    else:
        psi = np.radians(camera.yaw_deg)
        front = np.array([np.sin(psi), 0.0, -np.cos(psi)])
        cranial = np.array([0.0, -1.0, 0.0])
    left = np.cross(cranial, front)
    return np.stack([front, cranial, left])


def render(
    motion: Motion,
    camera: Camera = Camera(),
    body: Body = Body(),
    noise_px: float = 0.0,
    visibility: np.ndarray | None = None,
    seed: int = 0,
) -> PoseSequence:
    """Pose the body, view it with the camera, add pixel noise; landmarks where visibility is 0 become NaN."""
    return view_points(motion.t_s, pose_body(motion, body), camera, motion.posture, noise_px, visibility, seed)


def view_points(
    t_s: np.ndarray,
    P: np.ndarray,
    camera: Camera = Camera(),
    posture: str = "standing",
    noise_px: float | np.ndarray = 0.0,
    visibility: np.ndarray | None = None,
    seed: int = 0,
) -> PoseSequence:
    """See body-frame landmarks P (T, 33, 3) with the camera: pixel noise (a scalar, or (33,) per landmark), and
    landmarks where visibility is 0 become NaN."""
    rng = np.random.default_rng(seed)
    R = camera_axes(camera, posture)
    cam = P @ R  # (T, 33, 3) in camera axes (metres)
    cam[..., 1] += camera.height_m  # a camera above the body sees it lower (image y points down)
    world = cam - cam[:, [L.LEFT_HIP, L.RIGHT_HIP]].mean(1, keepdims=True)
    scale = camera.px_per_m
    if camera.distance_m > 0:
        scale = camera.px_per_m * camera.distance_m / (camera.distance_m + cam[..., 2:3])
    xy = cam[..., :2] * scale + np.array(camera.origin_px)
    if np.any(noise_px):
        xy = xy + rng.normal(0.0, 1.0, xy.shape) * np.broadcast_to(np.asarray(noise_px, float), xy.shape[1:2])[:, None]
    T = len(t_s)
    vis = np.full((T, L.N_LANDMARKS), 0.95) if visibility is None else visibility
    xy = np.where(vis[..., None] > 0, xy, np.nan)
    world = np.where(vis[..., None] > 0, world, np.nan)
    return PoseSequence(
        np.asarray(t_s, float),
        xy,
        cam[..., 2] - cam[..., 2].mean(),
        vis,
        world,
        np.ones(T, int),
        camera.width,
        camera.height,
    )


def bump(t_s: np.ndarray, start_s: float, up_s: float, hold_s: float, down_s: float) -> np.ndarray:
    """0 -> 1 -> 0 smooth (raised-cosine) profile: rise over up_s, hold, fall over down_s."""
    y = np.zeros_like(t_s, dtype=float)
    a, b, c, d = start_s, start_s + up_s, start_s + up_s + hold_s, start_s + up_s + hold_s + down_s
    rise = (t_s >= a) & (t_s < b)
    y[rise] = 0.5 - 0.5 * np.cos(np.pi * (t_s[rise] - a) / up_s)
    y[(t_s >= b) & (t_s < c)] = 1.0
    fall = (t_s >= c) & (t_s < d)
    y[fall] = 0.5 + 0.5 * np.cos(np.pi * (t_s[fall] - c) / down_s)
    return y


def gap(
    visibility: np.ndarray, t_s: np.ndarray, start_s: float, stop_s: float, landmarks: tuple[int, ...] | None = None
) -> np.ndarray:
    """A copy of visibility (T, 33) with the given landmarks (all by default) unseen between start_s and stop_s."""
    out = visibility.copy()
    rows = (t_s >= start_s) & (t_s < stop_s)
    cols = list(landmarks) if landmarks is not None else slice(None)
    out[np.ix_(rows, np.arange(L.N_LANDMARKS)[cols])] = 0.0
    return out
