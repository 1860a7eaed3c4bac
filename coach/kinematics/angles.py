"""Joint angles per frame (DESIGN.md section 3), each with a confidence, signed in the person's facing direction.

Sagittal angles come from the 2D image when the camera sees the person side-on (what the validation literature
measures: Stenum et al. 2021); from a front or oblique view they come from MediaPipe's world landmarks projected on
the body's sagittal plane, which are estimated rather than measured, so their confidence is lowered.
All functions are pure and vectorised over frames: (T, 33, 2) image landmarks, (T, 33, 3) world landmarks.
"""

from __future__ import annotations

import numpy as np

from coach.kinematics.geometry import joint_angle_deg, signed_angle_deg, y_up
from coach.kinematics.view import facing_image_direction, smooth_orientation_and_view
from coach.landmarks import LEFT_HIP, LEFT_SHOULDER, LEG, RIGHT_HIP, RIGHT_SHOULDER, SIDES
from coach.types import AngleSeries, PoseSequence

#: How much a view suits an angle measured in the image plane (sagittal 2D) or from world landmarks (3D).
VIEW_TRUST_2D = {"side": 1.0, "oblique": 0.5, "front": 0.2, "": 0.0}
VIEW_TRUST_3D = {"side": 0.7, "oblique": 0.7, "front": 0.7, "": 0.0}
VIEW_TRUST_FRONTAL = {"side": 0.2, "oblique": 0.5, "front": 1.0, "": 0.0}

#: Angle names written to frames.csv, in order: per side hip flexion (chosen by view), its 2D and 3D estimates,
#: thigh to vertical, knee flexion; then trunk lean (sagittal, lateral) and pelvic obliquity.
ANGLES = tuple(
    f"{a}_{s}" for s in SIDES for a in ("hip_flex", "hip_flex_2d", "hip_flex_3d", "thigh_vert", "knee_flex")
) + ("trunk_lean", "trunk_lateral", "pelvic_obliquity")


def _mid(p: np.ndarray, a: int, b: int) -> np.ndarray:
    return 0.5 * (p[:, a] + p[:, b])


def _min_vis(vis: np.ndarray, idx: list[int]) -> np.ndarray:
    return vis[:, idx].min(axis=1)


def sagittal_2d(xy_px: np.ndarray, vis: np.ndarray, orient: np.ndarray) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Image-plane angles (deg) with their landmark confidence: hip flexion, thigh to vertical, knee flexion per side,
    trunk lean. `orient` (T,) is +1/-1 (see view.orientation_raw); 0 leaves the signed angles NaN."""
    p = y_up(xy_px)
    o = np.where(orient == 0, np.nan, orient)
    hip_mid, sh_mid = _mid(p, LEFT_HIP, RIGHT_HIP), _mid(p, LEFT_SHOULDER, RIGHT_SHOULDER)
    trunk_down = hip_mid - sh_mid
    trunk_vis = _min_vis(vis, [LEFT_HIP, RIGHT_HIP, LEFT_SHOULDER, RIGHT_SHOULDER])
    down = np.broadcast_to([0.0, -1.0], trunk_down.shape)
    out = {"trunk_lean": (-o * signed_angle_deg(down, trunk_down), trunk_vis)}
    for side in SIDES:
        j = LEG[side]
        thigh = p[:, j["knee"]] - p[:, j["hip"]]
        conf = np.minimum(trunk_vis, _min_vis(vis, [j["hip"], j["knee"]]))
        out[f"hip_flex_2d_{side}"] = (o * signed_angle_deg(trunk_down, thigh), conf)
        out[f"thigh_vert_{side}"] = (o * signed_angle_deg(down, thigh), _min_vis(vis, [j["hip"], j["knee"]]))
        knee = 180.0 - joint_angle_deg(p[:, j["hip"]], p[:, j["knee"]], p[:, j["ankle"]])
        out[f"knee_flex_2d_{side}"] = (knee, _min_vis(vis, [j["hip"], j["knee"], j["ankle"]]))
    return out


def sagittal_3d(world_m: np.ndarray, vis: np.ndarray) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """World-landmark hip flexion (thigh projected on the body's sagittal plane) and knee flexion per side (deg)."""
    hip_mid = _mid(world_m, LEFT_HIP, RIGHT_HIP)
    up = _mid(world_m, LEFT_SHOULDER, RIGHT_SHOULDER) - hip_mid
    lateral = world_m[:, LEFT_HIP] - world_m[:, RIGHT_HIP]
    # MediaPipe world axes: x right, y down, z away from the camera; lateral x up points to the front
    front = np.cross(lateral, up)
    front /= np.linalg.norm(front, axis=-1, keepdims=True) + 1e-12
    down = -up - np.sum(-up * lateral, -1, keepdims=True) * lateral / (np.sum(lateral**2, -1, keepdims=True) + 1e-12)
    down /= np.linalg.norm(down, axis=-1, keepdims=True) + 1e-12
    trunk_vis = _min_vis(vis, [LEFT_HIP, RIGHT_HIP, LEFT_SHOULDER, RIGHT_SHOULDER])
    out = {}
    for side in SIDES:
        j = LEG[side]
        thigh = world_m[:, j["knee"]] - world_m[:, j["hip"]]
        flex = np.degrees(np.arctan2(np.sum(thigh * front, -1), np.sum(thigh * down, -1)))
        out[f"hip_flex_3d_{side}"] = (flex, np.minimum(trunk_vis, _min_vis(vis, [j["hip"], j["knee"]])))
        knee = 180.0 - joint_angle_deg(world_m[:, j["hip"]], world_m[:, j["knee"]], world_m[:, j["ankle"]])
        out[f"knee_flex_3d_{side}"] = (knee, _min_vis(vis, [j["hip"], j["knee"], j["ankle"]]))
    return out


def frontal_2d(xy_px: np.ndarray, vis: np.ndarray) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Front-view angles (deg): pelvic obliquity (+ = left hip lower) and trunk lateral lean (+ = toward the left)."""
    p = y_up(xy_px)
    d = p[:, RIGHT_HIP] - p[:, LEFT_HIP]
    obliquity = np.degrees(np.arctan2(d[:, 1], np.abs(d[:, 0])))
    trunk_up = _mid(p, LEFT_SHOULDER, RIGHT_SHOULDER) - _mid(p, LEFT_HIP, RIGHT_HIP)
    up = np.broadcast_to([0.0, 1.0], trunk_up.shape)
    left_dir = np.sign(p[:, LEFT_HIP, 0] - p[:, RIGHT_HIP, 0])  # image direction of the person's left side
    lateral = -signed_angle_deg(up, trunk_up) * left_dir
    hips_vis = _min_vis(vis, [LEFT_HIP, RIGHT_HIP])
    return {
        "pelvic_obliquity": (obliquity, hips_vis),
        "trunk_lateral": (lateral, np.minimum(hips_vis, _min_vis(vis, [LEFT_SHOULDER, RIGHT_SHOULDER]))),
    }


def combine(parts: dict[str, tuple[np.ndarray, np.ndarray]], view: np.ndarray) -> tuple[dict, dict]:
    """Choose per frame the estimate that suits the view and scale every confidence by how well the view suits it."""
    t2 = np.array([VIEW_TRUST_2D[v] for v in view])
    t3 = np.array([VIEW_TRUST_3D[v] for v in view])
    tf = np.array([VIEW_TRUST_FRONTAL[v] for v in view])
    values, conf = {}, {}
    side_view = view == "side"
    for side in SIDES:
        for name, trust in ((f"hip_flex_2d_{side}", t2), (f"thigh_vert_{side}", t2), (f"hip_flex_3d_{side}", t3)):
            values[name], conf[name] = parts[name][0], parts[name][1] * trust
        values[f"hip_flex_{side}"] = np.where(side_view, values[f"hip_flex_2d_{side}"], values[f"hip_flex_3d_{side}"])
        conf[f"hip_flex_{side}"] = np.where(side_view, conf[f"hip_flex_2d_{side}"], conf[f"hip_flex_3d_{side}"])
        k2, k3 = parts[f"knee_flex_2d_{side}"], parts[f"knee_flex_3d_{side}"]
        values[f"knee_flex_{side}"] = np.where(side_view, k2[0], k3[0])
        conf[f"knee_flex_{side}"] = np.where(side_view, k2[1] * t2, k3[1] * t3)
    values["trunk_lean"], conf["trunk_lean"] = parts["trunk_lean"][0], parts["trunk_lean"][1] * t2
    for name in ("trunk_lateral", "pelvic_obliquity"):
        values[name], conf[name] = parts[name][0], parts[name][1] * tf
    conf = {k: np.nan_to_num(np.clip(c, 0.0, 1.0)) for k, c in conf.items()}
    return {k: values[k] for k in ANGLES}, {k: conf[k] for k in ANGLES}


def angles_from_landmarks(
    t_s: np.ndarray, xy_px: np.ndarray, world_m: np.ndarray, vis: np.ndarray, orient: np.ndarray, view: np.ndarray
) -> AngleSeries:
    """All angles for frames whose orientation and view are already known (live: one frame at a time)."""
    parts = sagittal_2d(xy_px, vis, orient) | sagittal_3d(world_m, vis) | frontal_2d(xy_px, vis)
    values, conf = combine(parts, view)
    return AngleSeries(t_s, values, conf, view, facing_image_direction(xy_px, vis))


def compute_angles(seq: PoseSequence) -> AngleSeries:
    """Angles for a whole (cleaned) pose sequence, with view and orientation smoothed causally as in the live path."""
    orient, view = smooth_orientation_and_view(seq.t_s, seq.xy_px, seq.world_m, seq.visibility)
    return angles_from_landmarks(seq.t_s, seq.xy_px, seq.world_m, seq.visibility, orient, view)
