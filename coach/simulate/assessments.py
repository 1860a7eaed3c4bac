"""Synthetic clinical tests with exactly known answers (tests, docs, benchmarks), on the stick-figure body of
coach.simulate.body: chair stands, a Timed Up and Go, single-leg stance trials, standing hip abduction, supine
knee-to-chest and a half-kneeling hip-flexor stretch. Each generator returns (PoseSequence, truth dict).

The truths are the events of the generating motion, never coach's detectors: the first movement is the start of the
forward lean, seat-off the start of the rise (where the lean peaks), seat contact the end of the lowering (the lean's
peak again), a foot lifts and lands when its motion starts and ends, a turn spans the body's rotation. Only "fully
upright" needs a convention: hips and knees within FULL_EXTENSION_DEG of straight, found on a 1 kHz grid.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from coach import landmarks as L
from coach.landmarks import OTHER
from coach.simulate.body import Body, Camera, Motion, bump, camera_axes, pose_body
from coach.types import PoseSequence

SIDES = ("left", "right")
SIDE_SIGN = {"left": 1.0, "right": -1.0}
#: Fully upright: hips and knees within this many degrees of straight (the clinical "stand up fully").
FULL_EXTENSION_DEG = 10.0
#: Camera framing that keeps head to feet inside a 1280x720 picture for a standing 1.75 m adult.
FRAMING = Camera(px_per_m=330.0, origin_px=(640.0, 330.0))
#: Seated on a 43-cm chair: thighs horizontal, knees at a right angle.
SEATED_DEG = 90.0
LEFT_ELBOW, RIGHT_ELBOW, LEFT_WRIST, RIGHT_WRIST = 13, 14, 15, 16
HANDS = {"left": (17, 19, 21), "right": (18, 20, 22)}


def ramp(t_s: np.ndarray, start_s: float, dur_s: float) -> np.ndarray:
    """0 before start_s, 1 after start_s + dur_s, a raised-cosine step between."""
    u = np.clip((t_s - start_s) / dur_s, 0.0, 1.0)
    return 0.5 - 0.5 * np.cos(np.pi * u)


def view(
    t_s: np.ndarray,
    P: np.ndarray,
    camera: Camera,
    posture: str = "standing",
    yaw_deg: np.ndarray | None = None,
    origin_x_px: np.ndarray | None = None,
    noise_px: float = 0.0,
    seed: int = 0,
) -> PoseSequence:
    """See body-frame points P (T, 33, 3) with an orthographic camera whose yaw (deg) and horizontal origin (px) may
    change per frame (a person turning and walking); visibility 0.95 everywhere."""
    T = len(t_s)
    yaw = np.full(T, camera.yaw_deg) if yaw_deg is None else yaw_deg
    ox = np.full(T, camera.origin_px[0]) if origin_x_px is None else origin_x_px
    cam = np.empty_like(P)
    for y in np.unique(yaw):
        rows = yaw == y
        cam[rows] = P[rows] @ camera_axes(Camera(yaw_deg=float(y), head=camera.head), posture)
    world = cam - cam[:, [L.LEFT_HIP, L.RIGHT_HIP]].mean(1, keepdims=True)
    xy = cam[..., :2] * camera.px_per_m + np.stack([ox, np.full(T, camera.origin_px[1])], -1)[:, None, :]
    if noise_px:
        xy = xy + np.random.default_rng(seed).normal(0.0, noise_px, xy.shape)
    return PoseSequence(
        np.asarray(t_s, float),
        xy,
        cam[..., 2] - cam[..., 2].mean(),
        np.full((T, L.N_LANDMARKS), 0.95),
        world,
        np.ones(T, int),
        camera.width,
        camera.height,
    )


def arms_on_chest(P: np.ndarray, body: Body = Body()) -> np.ndarray:
    """A copy of body-frame points with the arms crossed on the chest: wrists and hands at the opposite shoulder's
    front, a third of the trunk below it; elbows in front of the lower chest."""
    out = P.copy()
    hip = P[:, [L.LEFT_HIP, L.RIGHT_HIP]].mean(1)
    for side, wrist, elbow in (("left", LEFT_WRIST, LEFT_ELBOW), ("right", RIGHT_WRIST, RIGHT_ELBOW)):
        shoulder = P[:, L.LEG[OTHER[side]]["shoulder"]]
        chest = shoulder + (hip - shoulder) / 3.0 + np.array([0.12, 0.0, 0.0])
        out[:, wrist] = chest
        out[:, elbow] = 0.5 * (chest + P[:, L.LEG[side]["shoulder"]]) + np.array([0.10, -0.10, 0.0])
        for k in HANDS[side]:
            out[:, k] = chest + np.array([0.02, 0.0, 0.0])
    return out


def _pelvis_on_feet(hip_deg: np.ndarray, knee_deg: np.ndarray, body: Body) -> tuple[np.ndarray, np.ndarray]:
    """Pelvis drop (m) and forward shift (m) that keep a leg's foot fixed on the floor (both legs move alike)."""
    h, k = np.radians(hip_deg), np.radians(knee_deg)
    shank = body.shank + body.ankle_height
    drop = body.leg - (body.thigh * np.cos(h) + shank * np.cos(h - k))
    forward = -(body.thigh * np.sin(h) + shank * np.sin(h - k))
    return drop, forward


def _first_at_or_below(t: np.ndarray, x: np.ndarray, after_s: float, level: float) -> float:
    """First time after after_s at which x is at or below level."""
    idx = np.flatnonzero((t >= after_s) & (x <= level))
    return float(t[idx[0]]) if len(idx) else float("nan")


def _chair_cycle(
    t: np.ndarray, plan: list[float], lean_s: float, rise_s: float, up_s: float, sit_s: float, lean_deg: float
) -> tuple[np.ndarray, np.ndarray]:
    """Leg angle (deg, thigh from vertical = knee flexion) and forward lean (deg) over t for stands starting their
    lean at each time of `plan`: lean, rise (lean returns to 0), stand, sit (lean rises again to the seat, then
    returns to 0 while seated)."""
    leg = np.full_like(t, SEATED_DEG)
    lean = np.zeros_like(t)
    for c in plan:
        r0, s0 = c + lean_s, c + lean_s + rise_s + up_s
        leg -= SEATED_DEG * (ramp(t, r0, rise_s) - ramp(t, s0, sit_s))
        lean += lean_deg * (ramp(t, c, lean_s) - ramp(t, r0, rise_s))
        lean += lean_deg * (ramp(t, s0, sit_s) - ramp(t, s0 + sit_s, lean_s))
    return leg, lean


def simulate_chair_stand(
    n_stands: int = 5,
    fps: float = 30.0,
    lean_s: float = 0.4,
    rise_s: float = 0.8,
    up_s: float = 0.5,
    sit_s: float = 0.9,
    seated_s: float = 0.6,
    lean_deg: float = 35.0,
    lead_s: float = 1.0,
    tail_s: float = 1.0,
    facing: str = "left",
    arms: str = "chest",
    noise_px: float = 0.0,
    seed: int = 0,
) -> tuple[PoseSequence, dict]:
    """Repeated sit-to-stands from a chair seen from the side (facing 'left' or 'right' in the picture), arms on the
    'chest' or hanging 'down'. Truth: stands, stand_times_s (fully upright), seat_off_s, seated_again_s,
    first_movement_s, and the motion's constants."""
    body = Body()
    cycle = lean_s + rise_s + up_s + sit_s + seated_s
    plan = [lead_s + i * cycle for i in range(n_stands)]
    t = np.arange(0.0, lead_s + n_stands * cycle + tail_s, 1.0 / fps)
    leg, lean = _chair_cycle(t, plan, lean_s, rise_s, up_s, sit_s, lean_deg)
    drop, forward = _pelvis_on_feet(leg, leg, body)
    motion = Motion(t, {s: leg for s in SIDES}, {s: leg for s in SIDES}, lean, np.zeros_like(t), forward, drop)
    P = pose_body(motion, body)
    P = arms_on_chest(P, body) if arms == "chest" else P
    fine = np.arange(0.0, t[-1], 0.001)
    fine_leg, fine_lean = _chair_cycle(fine, plan, lean_s, rise_s, up_s, sit_s, lean_deg)
    full = np.maximum(fine_leg, fine_leg + fine_lean)  # hip flexion (trunk to thigh) and knee
    truth = {
        "stands": n_stands,
        "first_movement_s": plan[0],
        "seat_off_s": [c + lean_s for c in plan],
        "stand_times_s": [_first_at_or_below(fine, full, c + lean_s, FULL_EXTENSION_DEG) for c in plan],
        "seated_again_s": [c + lean_s + rise_s + up_s + sit_s for c in plan],
        "lean_deg": lean_deg,
        "arms": arms,
    }
    camera = replace(FRAMING, yaw_deg={"right": 90.0, "left": -90.0}[facing])
    return view(t, P, camera, noise_px=noise_px, seed=seed), truth


def _walk_legs(
    t: np.ndarray, t0: float, t1: float, step_s: float, amp_deg: float, knee_deg: float = 40.0
) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    """Hip and knee flexion (deg) added by a simple walk between t0 and t1: the legs swing in anti-phase, one step
    every step_s; the knee bends while its leg swings forward and is straight when the hip is most flexed (the heel
    strike) and through stance."""
    on = (t >= t0) & (t < t1)
    hip, knee = {}, {}
    for s in SIDES:
        phase = np.pi * (t - t0) / step_s + (0.0 if s == "left" else np.pi)
        grow = ramp(t, t0, step_s)
        hip[s] = np.where(on, amp_deg * np.sin(phase) * grow, 0.0)
        knee[s] = np.where(on, knee_deg * np.clip(np.cos(phase), 0.0, None) * grow, 0.0)
    return hip, knee


def simulate_tug(
    fps: float = 30.0,
    walk_m: float = 3.0,
    speed_m_s: float = 1.0,
    step_s: float = 0.55,
    turn_s: float = 1.2,
    lean_s: float = 0.4,
    rise_s: float = 0.9,
    sit_s: float = 1.0,
    lean_deg: float = 35.0,
    lead_s: float = 1.0,
    tail_s: float = 1.5,
    noise_px: float = 0.0,
    seed: int = 0,
) -> tuple[PoseSequence, dict]:
    """A Timed Up and Go seen from the side: rise, walk walk_m at speed_m_s (a step every step_s), turn 180 deg in
    place (turn_s), walk back, turn 180 deg again and sit. Truth: start_s, seat_off_s, end_s, total_s, turn spans,
    cadence_steps_per_min."""
    body = Body()
    walk_s = walk_m / speed_m_s
    start, up = lead_s, lead_s + lean_s + rise_s
    turn1 = (up + walk_s, up + walk_s + turn_s)
    turn2 = (turn1[1] + walk_s, turn1[1] + walk_s + turn_s)
    end = turn2[1] + sit_s
    t = np.arange(0.0, end + tail_s, 1.0 / fps)
    leg = SEATED_DEG * (1.0 - ramp(t, start + lean_s, rise_s) + ramp(t, turn2[1], sit_s))
    lean = lean_deg * (
        ramp(t, start, lean_s) - ramp(t, start + lean_s, rise_s) + ramp(t, turn2[1], sit_s) - ramp(t, end, lean_s)
    )
    (hip_out, knee_out), (hip_back, knee_back) = (
        _walk_legs(t, a, b, step_s, 20.0) for a, b in ((up, turn1[0]), (turn1[1], turn2[0]))
    )
    drop, _ = _pelvis_on_feet(leg, leg, body)
    hip = {s: leg + hip_out[s] + hip_back[s] for s in SIDES}
    knee = {s: leg + knee_out[s] + knee_back[s] for s in SIDES}
    motion = Motion(t, hip, knee, lean, np.zeros_like(t), np.zeros_like(t), drop)
    P = pose_body(motion, body)
    # travel: out along +x of the picture, back along -x; the body turns on the spot at the far end and at the chair
    path = np.clip((t - up) / walk_s, 0, 1) - np.clip((t - turn1[1]) / walk_s, 0, 1)
    yaw = 90.0 + 180.0 * (ramp(t, *_dur(turn1)) + ramp(t, *_dur(turn2)))
    yaw = np.round(yaw, 3)
    origin = FRAMING.origin_px[0] - 0.5 * walk_m * FRAMING.px_per_m + path * walk_m * FRAMING.px_per_m
    camera = replace(FRAMING, width=1920, height=720, origin_px=(0.0, FRAMING.origin_px[1]))
    seq = view(t, P, camera, yaw_deg=yaw, origin_x_px=origin + 320.0, noise_px=noise_px, seed=seed)
    truth = {
        "start_s": start,
        "seat_off_s": start + lean_s,
        "end_s": end,
        "total_s": end - start,
        "turns_s": [turn1, turn2],
        "cadence_steps_per_min": 60.0 / step_s,
    }
    return seq, truth


def _dur(span: tuple[float, float]) -> tuple[float, float]:
    """(start, duration) of a span."""
    return span[0], span[1] - span[0]


def simulate_single_leg_stance(
    trials: tuple[tuple[str, float, float], ...] = (("right", 2.0, 7.0), ("left", 9.0, 14.0)),
    fps: float = 30.0,
    lift_s: float = 0.3,
    style: str = "knee_up",
    tail_s: float = 1.5,
    noise_px: float = 0.0,
    seed: int = 0,
) -> tuple[PoseSequence, dict]:
    """Single-leg stance trials seen from the front: each (standing leg, lift time, touch-down time); the other foot
    lifts over lift_s, knee-up (thigh near horizontal), 'foot_back' (knee bent, foot behind, just off the floor) or
    'swing' (knee bent 90 deg, the thigh swinging from 10 deg behind to 50 ahead once a second: leg swings, not a
    balance trial). Truth: trials with standing_leg, lift_s (the foot leaves the floor), touch_s (it is back on it),
    hold_s."""
    t = np.arange(0.0, max(b for _, _, b in trials) + tail_s, 1.0 / fps)
    hip, knee = {s: np.zeros_like(t) for s in SIDES}, {s: np.zeros_like(t) for s in SIDES}
    peak_hip, peak_knee = {"knee_up": (80.0, 90.0), "foot_back": (10.0, 75.0), "swing": (20.0, 90.0)}[style]
    swing = 30.0 * np.sin(2.0 * np.pi * t) if style == "swing" else np.zeros_like(t)
    for stand, a, b in trials:
        lift = OTHER[stand]
        up = ramp(t, a, lift_s) - ramp(t, b - lift_s, lift_s)
        hip[lift] += (peak_hip + swing) * up
        knee[lift] += peak_knee * up
    motion = Motion(t, hip, knee, np.zeros_like(t), np.zeros_like(t), np.zeros_like(t), np.zeros_like(t))
    camera = replace(FRAMING, yaw_deg=0.0)
    seq = view(t, pose_body(motion, Body(shoulder_width=0.42, hip_width=0.30)), camera, noise_px=noise_px, seed=seed)
    truth = {"trials": [{"standing_leg": s, "lift_s": a, "touch_s": b, "hold_s": b - a} for s, a, b in trials]}
    return seq, truth


def abduct(P: np.ndarray, side: str, deg: np.ndarray) -> np.ndarray:
    """A copy of body-frame points with one leg turned out to the side about its hip by deg (T,) (front axis x)."""
    out = P.copy()
    j = L.LEG[side]
    a = np.radians(-SIDE_SIGN[side] * deg)[:, None]  # toward the side's own outside (left = +z)
    hip = P[:, j["hip"]]
    for k in (j["knee"], j["ankle"], j["heel"], j["foot"]):
        v = P[:, k] - hip
        y = v[:, 1:2] * np.cos(a) - v[:, 2:3] * np.sin(a)
        z = v[:, 1:2] * np.sin(a) + v[:, 2:3] * np.cos(a)
        out[:, k] = hip + np.concatenate([v[:, :1], y, z], axis=1)
    return out


def simulate_hip_abduction(
    n_reps: int = 5,
    side: str = "right",
    peak_deg: float = 30.0,
    fps: float = 30.0,
    rep_s: float = 1.6,
    rest_s: float = 1.0,
    lead_s: float = 1.0,
    noise_px: float = 0.0,
    seed: int = 0,
    both_legs: bool = False,
    weight_shift: bool = False,
) -> tuple[PoseSequence, dict]:
    """Standing hip abduction of one leg seen from the front: n_reps lifts to peak_deg (`both_legs`: both legs out to
    the side together, as in a straddle jump: no rep; `weight_shift`: both feet stay on their spots while the pelvis
    shifts sideways over them, the `side` thigh turning out by peak_deg and the other in: no rep). Truth: reps per
    side, peak times and the peak angle."""
    starts = [lead_s + i * (rep_s + rest_s) for i in range(n_reps)]
    t = np.arange(0.0, lead_s + n_reps * (rep_s + rest_s) + 1.0, 1.0 / fps)
    deg = sum((peak_deg * bump(t, a, 0.4 * rep_s, 0.2 * rep_s, 0.4 * rep_s) for a in starts), np.zeros_like(t))
    zero = np.zeros_like(t)
    motion = Motion(t, {s: zero for s in SIDES}, {s: zero for s in SIDES}, zero, zero, zero, zero)
    P = pose_body(motion, Body(shoulder_width=0.42, hip_width=0.30))
    planted = P[:, L.LEG[side]["ankle"]]
    for leg in SIDES if both_legs else (side,):
        P = abduct(P, leg, deg)
    if weight_shift:  # the other thigh turns in as far, and the body moves so that both feet are back on their spots
        P = abduct(P, OTHER[side], -deg)
        P = P - (P[:, L.LEG[side]["ankle"]] - planted)[:, None, :]
    seq = view(t, P, replace(FRAMING, yaw_deg=0.0), noise_px=noise_px, seed=seed)
    truth = {
        "reps": {s: n_reps * (s == side and not both_legs and not weight_shift) for s in SIDES},
        "peak_deg": peak_deg,
        "peaks_s": [a + 0.5 * rep_s for a in starts],
    }
    return seq, truth


def simulate_knee_to_chest(
    order: tuple[str, ...] = ("right", "left") * 3,
    peak_deg: float = 130.0,
    fps: float = 30.0,
    rep_s: float = 1.5,
    rest_s: float = 0.8,
    lead_s: float = 1.0,
    head: str = "left",
    noise_px: float = 0.0,
    seed: int = 0,
) -> tuple[PoseSequence, dict]:
    """Supine knee-to-chest hugs seen from the side, resting with both knees bent (hips 45, knees 90), each knee
    brought to peak_deg of hip flexion in `order`. Truth: reps per side and the peak."""
    starts = [lead_s + i * (rep_s + rest_s) for i in range(len(order))]
    t = np.arange(0.0, starts[-1] + rep_s + 1.0, 1.0 / fps)
    hip = {s: np.full_like(t, 45.0) for s in SIDES}
    knee = {s: np.full_like(t, 90.0) for s in SIDES}
    for s, a in zip(order, starts):
        b = bump(t, a, 0.4 * rep_s, 0.2 * rep_s, 0.4 * rep_s)
        hip[s] += (peak_deg - 45.0) * b
        knee[s] += 40.0 * b
    zero = np.zeros_like(t)
    motion = Motion(t, hip, knee, zero, zero, zero, zero, posture="supine")
    seq = view(t, pose_body(motion), replace(FRAMING, head=head), posture="supine", noise_px=noise_px, seed=seed)
    return seq, {"reps": {s: order.count(s) for s in SIDES}, "peak_deg": peak_deg}


def simulate_hip_flexor_stretch(
    side: str = "left",
    fps: float = 30.0,
    kneel_s: float = 2.0,
    step_s: float = 0.6,
    hold_s: float = 8.0,
    ext_deg: float = 15.0,
    rock_s: float = 3.0,
    tail_s: float = 1.5,
    facing: str = "left",
    noise_px: float = 0.0,
    seed: int = 0,
) -> tuple[PoseSequence, dict]:
    """Half-kneeling hip-flexor stretch of `side` (the back, kneeling leg) seen from the side: kneeling on both
    knees, the other foot steps forward (step_s), the stretch is held hold_s while rocking the back hip from 5 deg
    to ext_deg of extension, then the foot steps back. Truth: side, hold start/end (the front foot planted),
    hold_s and the largest hip extension."""
    body = Body()
    front = OTHER[side]
    a, b = kneel_s + step_s, kneel_s + step_s + hold_s
    t = np.arange(0.0, b + step_s + tail_s, 1.0 / fps)
    step = ramp(t, kneel_s, step_s) - ramp(t, b, step_s)
    rock = 0.5 - 0.5 * np.cos(2 * np.pi * np.clip(t - a, 0, None) / rock_s)
    back_hip = -(5.0 + (ext_deg - 5.0) * rock) * step
    hip = {front: 90.0 * step, side: back_hip}
    knee = {s: np.full_like(t, 90.0) for s in SIDES}
    drop = np.full_like(t, body.leg - body.shank - body.ankle_height)
    zero = np.zeros_like(t)
    motion = Motion(t, hip, knee, zero, zero, zero, drop)
    camera = replace(FRAMING, yaw_deg={"right": 90.0, "left": -90.0}[facing])
    seq = view(t, pose_body(motion, body), camera, noise_px=noise_px, seed=seed)
    return seq, {"side": side, "start_s": a, "end_s": b, "hold_s": hold_s, "hip_extension_deg": ext_deg}
