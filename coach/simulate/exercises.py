"""Synthetic exercise sets with exactly known reps per side and planted faults (tests, docs, benchmarks), built on the
stick-figure body of coach.simulate.body. Each generator returns (PoseSequence, truth) where truth holds
`reps` {'left': n, 'right': n}, `lifts` [(side, start_s, peak_s, end_s)] and the `faults` planted.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from coach.landmarks import OTHER
from coach.simulate.body import Body, Camera, Motion, bump, gap, render
from coach.types import PoseSequence

SIDES = ("left", "right")
YAW = {"right": 90.0, "left": -90.0}
#: Camera framing that keeps head to feet inside the 1280x720 picture.
FRAMING = Camera(px_per_m=330.0, origin_px=(640.0, 330.0))


def _plan(order: list[str], rep_s: float, rest_s: float, lead_s: float = 1.0) -> list[tuple[str, float]]:
    """(side, start_s) of each lift: one after another with rest between."""
    return [(side, lead_s + i * (rep_s + rest_s)) for i, side in enumerate(order)]


def _time(plan: list[tuple[str, float]], rep_s: float, fps: float, tail_s: float = 1.0) -> np.ndarray:
    end = (plan[-1][1] + rep_s + tail_s) if plan else 2.0
    return np.arange(0.0, end, 1.0 / fps)


def _see(
    motion: Motion,
    camera: Camera,
    noise_px: float,
    gaps: tuple[tuple[float, float], ...],
    seed: int,
    body: Body = Body(),
) -> PoseSequence:
    """Render a motion with pixel noise and stretches where nothing is seen."""
    vis = np.full((len(motion.t_s), 33), 0.95)
    for a, b in gaps:
        vis = gap(vis, motion.t_s, a, b)
    return render(motion, camera, body, noise_px, vis, seed)


def _zeros(t: np.ndarray) -> dict[str, np.ndarray]:
    return {s: np.zeros_like(t) for s in SIDES}


def simulate_march(
    n_reps: int = 5,
    fps: float = 30.0,
    rep_s: float = 1.5,
    rest_s: float = 0.5,
    facing: str = "right",
    view: str = "side",
    peak_deg: float = 85.0,
    noise_px: float = 0.0,
    faults: tuple[str, ...] = (),
    gaps: tuple[tuple[float, float], ...] = (),
    first: str = "right",
    straight_knee: bool = False,
    seed: int = 0,
) -> tuple[PoseSequence, dict]:
    """Standing march: n_reps lifts per side, alternating from `first`; view 'side' (facing 'right'/'left' in the
    image) or 'front'. Faults: 'knee_low', 'lean_back', 'standing_knee_bent', 'hips_not_level', 'too_fast'.
    `straight_knee` swings each leg forward with the knee straight instead (leg swings: 0 march reps)."""
    rep_s = 0.7 if "too_fast" in faults else rep_s
    peak = 55.0 if "knee_low" in faults else peak_deg
    plan = _plan([first if i % 2 == 0 else OTHER[first] for i in range(2 * n_reps)], rep_s, rest_s)
    t = _time(plan, rep_s, fps)
    hip, knee = _zeros(t), _zeros(t)
    lean, obliq = np.zeros_like(t), np.zeros_like(t)
    lifts = []
    for side, start in plan:
        b = bump(t, start, 0.4 * rep_s, 0.2 * rep_s, 0.4 * rep_s)
        hip[side] += peak * b
        knee[side] += (5.0 if straight_knee else peak + 10.0) * b
        if "standing_knee_bent" in faults:
            knee[OTHER[side]] += 35.0 * b
        if "lean_back" in faults:
            lean -= 18.0 * b
        if "hips_not_level" in faults:
            obliq += (20.0 if side == "left" else -20.0) * b
        lifts.append((side, start, start + 0.5 * rep_s, start + rep_s))
    motion = Motion(t, hip, knee, lean, obliq, np.zeros_like(t), np.zeros_like(t))
    camera = replace(FRAMING, yaw_deg=0.0 if view == "front" else YAW[facing])
    truth = {"reps": {s: 0 if straight_knee else n_reps for s in SIDES}, "lifts": lifts, "faults": set(faults)}
    return _see(motion, camera, noise_px, gaps, seed), truth


def _pelvis_drop_m(hip_deg: np.ndarray, knee_deg: np.ndarray, body: Body) -> np.ndarray:
    """How far the pelvis lowers (m) so that a leg with these angles keeps its foot on the floor."""
    h, k = np.radians(hip_deg), np.radians(knee_deg)
    return body.leg - (body.thigh * np.cos(h) + (body.shank + body.ankle_height) * np.cos(h - k))


def simulate_lunge(
    n_reps: int = 3,
    fps: float = 30.0,
    rep_s: float = 2.5,
    rest_s: float = 1.0,
    pattern: str = "alternating",
    front: str = "left",
    facing: str = "right",
    view: str = "side",
    noise_px: float = 0.0,
    faults: tuple[str, ...] = (),
    gaps: tuple[tuple[float, float], ...] = (),
    seed: int = 0,
) -> tuple[PoseSequence, dict]:
    """Lunges: 'alternating' (n_reps per leg, from `front`), 'static' (split squat, n_reps with `front` ahead) or
    'squat' (both knees together, no split stance: 0 lunges). Faults: 'shallow', 'knee_past_toes', 'trunk_lean',
    'back_knee_high'."""
    body = Body()
    if pattern == "alternating":
        order = [front if i % 2 == 0 else OTHER[front] for i in range(2 * n_reps)]
    else:
        order = [front] * n_reps
    plan = _plan(order, rep_s, rest_s)
    t = _time(plan, rep_s, fps)
    hip, knee = _zeros(t), _zeros(t)
    lean, forward = np.zeros_like(t), np.zeros_like(t)
    front_hip, front_knee = (70.0, 110.0) if "knee_past_toes" in faults else (90.0, 90.0)
    front_knee = 60.0 if "shallow" in faults else front_knee
    back_knee, back_hip = (30.0, -40.0) if "back_knee_high" in faults else (90.0, -15.0)
    if pattern == "static":  # feet stay split between reps: thighs apart, knees soft
        hip[front] += 30.0
        hip[OTHER[front]] += back_hip
        knee[front] += 10.0
        knee[OTHER[front]] += 10.0
    lifts = []
    for side, start in plan:
        b = bump(t, start, 0.4 * rep_s, 0.2 * rep_s, 0.4 * rep_s)
        if pattern == "squat":
            for s in SIDES:
                hip[s] += 90.0 * b
                knee[s] += 100.0 * b
        else:
            hip[side] += (front_hip - 30.0 * (pattern == "static")) * b
            knee[side] += (front_knee - 10.0 * (pattern == "static")) * b
            knee[OTHER[side]] += (back_knee - 10.0 * (pattern == "static")) * b
            hip[OTHER[side]] += back_hip * b * (pattern != "static")
            forward += (0.3 * b) if pattern == "alternating" else 0.0
        if "trunk_lean" in faults:
            lean += 30.0 * b
        lifts.append((side, start, start + 0.5 * rep_s, start + rep_s))
    lead = {s: np.zeros_like(t) for s in SIDES}
    for side, start in plan:
        lead[side] = np.maximum(lead[side], bump(t, start, 0.4 * rep_s, 0.2 * rep_s, 0.4 * rep_s))
    # the pelvis lowers with whichever leg is in front (in a squat both legs are alike)
    fr = np.where(lead["left"] >= lead["right"], 0, 1)
    drop = np.where(
        fr == 0, _pelvis_drop_m(hip["left"], knee["left"], body), _pelvis_drop_m(hip["right"], knee["right"], body)
    )
    if pattern == "static":
        drop = drop - drop.min()
    motion = Motion(t, hip, knee, lean, np.zeros_like(t), forward, drop)
    camera = replace(FRAMING, yaw_deg=0.0 if view == "front" else YAW[facing])
    counts = {s: (0 if pattern == "squat" else order.count(s)) for s in SIDES}
    truth = {"reps": counts, "lifts": lifts, "faults": set(faults)}
    return _see(motion, camera, noise_px, gaps, seed, body), truth


def simulate_steps(
    n_steps: int = 3,
    fps: float = 30.0,
    step_s: float = 0.5,
    rest_s: float = 1.5,
    facing: str = "right",
    view: str = "side",
    stance_knee_deg: float = 25.0,
    seed: int = 0,
) -> tuple[PoseSequence, dict]:
    """Steps into a lunge that never comes (none is a lunge: truth reps 0), seen from the side (facing `facing`) or
    the front (`view`): the swing leg's hip flexes to 30 deg over `step_s` while its knee bends 50 deg in mid-swing
    and straightens again as the foot lands ahead; the stance knee softens `stance_knee_deg` (the lowering has begun)
    and the stance foot stays planted (the pelvis travels over it). The feet then slide back together, knees straight,
    over `rest_s`."""
    body = Body()
    stance = "right"
    plan = _plan(["left"] * n_steps, step_s, rest_s)
    t = _time(plan, step_s, fps)
    hip, knee = _zeros(t), _zeros(t)
    for _, start in plan:
        out = bump(t, start, step_s, 0.2 * rest_s, 0.8 * rest_s)  # the leg goes forward, then slides back
        hip["left"] += 30.0 * out
        hip[stance] -= 15.0 * out
        knee["left"] += 50.0 * bump(t, start, 0.5 * step_s, 0.0, 0.5 * step_s)
        knee[stance] += stance_knee_deg * bump(t, start, 0.4 * step_s, 0.6 * step_s + 0.2 * rest_s, 0.8 * rest_s)
    h, k = np.radians(hip[stance]), np.radians(knee[stance])
    # the stance foot stays where it is: the pelvis travels forward over it and lowers as its knee bends
    forward = -(body.thigh * np.sin(h) + (body.shank + body.ankle_height) * np.sin(h - k))
    motion = Motion(
        t, hip, knee, np.zeros_like(t), np.zeros_like(t), forward, _pelvis_drop_m(hip[stance], knee[stance], body)
    )
    truth = {"reps": {s: 0 for s in SIDES}, "lifts": [], "faults": set()}
    camera = replace(FRAMING, yaw_deg=0.0 if view == "front" else YAW[facing])
    return _see(motion, camera, 0.0, (), seed, body), truth


def simulate_slr(
    n_reps: int = 3,
    fps: float = 30.0,
    up_s: float = 1.5,
    hold_s: float = 1.0,
    down_s: float = 2.0,
    rest_s: float = 1.0,
    side: str = "left",
    peak_deg: float = 40.0,
    head: str = "left",
    noise_px: float = 0.0,
    faults: tuple[str, ...] = (),
    both_legs: bool = False,
    gaps: tuple[tuple[float, float], ...] = (),
    seed: int = 0,
) -> tuple[PoseSequence, dict]:
    """Straight-leg raises of one `side` lying on the back, seen side-on (head toward image `head`), the other knee
    bent (hip 45, knee 90) the whole set. `both_legs` lifts both straight legs together (a double-leg raise: 0 SLR
    reps). Faults: 'knee_bent', 'too_low', 'too_high', 'fast_lowering', 'other_knee_straight'."""
    peak = 22.0 if "too_low" in faults else 65.0 if "too_high" in faults else peak_deg
    down_s = up_s / 3 if "fast_lowering" in faults else down_s
    rep_s = up_s + hold_s + down_s
    plan = _plan([side] * n_reps, rep_s, rest_s)
    t = _time(plan, rep_s, fps)
    hip, knee = _zeros(t), _zeros(t)
    if "other_knee_straight" not in faults and not both_legs:
        hip[OTHER[side]] += 45.0
        knee[OTHER[side]] += 90.0
    for s, start in plan:
        b = bump(t, start, up_s, hold_s, down_s)
        for leg in SIDES if both_legs else (s,):
            hip[leg] += peak * b
            knee[leg] += 25.0 * b if "knee_bent" in faults else 0.0
    motion = Motion(
        t, hip, knee, np.zeros_like(t), np.zeros_like(t), np.zeros_like(t), np.zeros_like(t), posture="supine"
    )
    lifts = [(s, a, a + up_s + 0.5 * hold_s, a + rep_s) for s, a in plan]
    counts = {s: 0 if both_legs else n_reps * (s == side) for s in SIDES}
    truth = {"reps": counts, "lifts": lifts, "faults": set(faults)}
    return _see(motion, Camera(head=head), noise_px, gaps, seed), truth
