"""Synthetic walkers with exactly known gait events, healthy or with a limp (tests, docs, benchmarks).

The walker is driven by its feet, as walking is: each foot rests on the floor from its heel strike to its toe off
(heel first, forefoot down over the loading response, heel rising in terminal stance about the planted toe) and
swings to its next footprint in between; the pelvis travels over the feet at a height the legs can reach, and hip and
knee angles follow from the leg's geometry (two-segment inverse kinematics). The events are therefore exact by
construction (the instants a foot touches and leaves the floor), never found by coach's detector, and a pattern with
unequal steps has no hidden assumption that both feet pass the pelvis.

Patterns (GaitPattern): 'normal', 'antalgic' (short stance on the painful side), 'step_to' (one foot steps, the
other is only brought up beside it) and 'circumduction' (one leg swings slowly, high and wide).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
from scipy.interpolate import PchipInterpolator

from coach import landmarks as L
from coach.landmarks import OTHER
from coach.simulate.body import SIDE_SIGN, Body, Camera, Motion, _rot, gap, pose_body, view_points
from coach.types import PoseSequence

SIDES = L.SIDES
#: Image framing per walking direction code: +1 walks image-right, -1 image-left (side views), 0 toward the camera,
#: 2 away from it (front and rear views, seen by a pinhole camera so that the feet move in the picture).
DIRECTIONS = (1, -1, 0, 2)
#: Loading response: the forefoot comes down about 0.08 s after heel strike (~7 % of a 1.1 s stride; Perry and
#: Burnfield, Gait Analysis, 2010).
FOOT_FLAT_S = 0.08
#: The heel rises over the last share of stance (terminal stance and pre-swing, ~31-62 % of the cycle: Perry),
#: slowly at first (quadratically), most of it in pre-swing.
HEEL_RISE_SHARE = 0.35
#: Foot pitch (deg, + toes up) at heel strike and at toe off.
PITCH_HS_DEG = 15.0
PITCH_TO_DEG = -30.0
#: Share of the swing's mean speed the heel still has when it reaches the floor, and the toe when it leaves it: feet
#: land and lift moving (~1 m/s for a brisk walker, the vertical drop included), not easing to rest in the air.
LANDING_SPEED_SHARE = 0.3
#: Front and rear views: the closest the walker comes to the camera (m) and the focal length (px), so that a 1.75 m
#: walker 4 m away is about 500 px tall in a 1080 px picture.
NEAR_M = 2.5
FOCAL_PX = 1150.0
#: The knee never locks fully: the pelvis stays low enough for a knee flexion of about 5 deg.
REACH = 0.998


@dataclass(frozen=True)
class GaitPattern:
    """One stride, repeated. Per side: swing_s (s, the foot in the air), ds_after_s (s, double support that starts at
    this side's heel strike, before the other foot leaves), step_leg (how far this foot lands ahead of the other, in
    leg lengths; 0 = beside it), lift_m (m, extra foot clearance at mid-swing), arc_m (m, outward swing at mid-swing:
    circumduction), toe_pitch_deg (foot pitch at toe off; a weak push-off lifts the heel less) and pelvic drop of the
    opposite hip while standing on this side (deg)."""

    name: str
    swing_s: dict[str, float]
    ds_after_s: dict[str, float]
    step_leg: dict[str, float]
    lift_m: dict[str, float]
    arc_m: dict[str, float]
    toe_pitch_deg: dict[str, float]
    drop_deg: dict[str, float]

    @property
    def stride_s(self) -> float:
        return sum(self.swing_s.values()) + sum(self.ds_after_s.values())

    def stance_pct(self, side: str) -> float:
        """Stance of a side as % of the stride."""
        return 100.0 * (1.0 - self.swing_s[side] / self.stride_s)

    def step_s(self, side: str) -> float:
        """Step time ending at this side's heel strike (from the other side's heel strike)."""
        return self.ds_after_s[OTHER[side]] + self.swing_s[side]


def _both(a: float, b: float | None = None) -> dict[str, float]:
    return {"left": a, "right": a if b is None else b}


def gait_pattern(
    name: str = "normal",
    cadence_steps_per_min: float = 105.0,
    side: str = "right",
    stance_pct: float = 62.0,
    step_leg: float = 0.75,
    pelvic_drop_deg: float = 3.0,
) -> GaitPattern:
    """A named pattern; `side` is the affected side (painful, trailing or circumducting). Timing shares: Perry and
    Burnfield 2010 (healthy stance ~60 %, double support ~10 % twice); antalgic: less stance on the painful side
    (Whittle, Gait Analysis); step-to: the trailing foot lands beside the leading one (O'Sullivan, Physical
    Rehabilitation); circumduction: a slow, high, wide swing with a long stance on the other side."""
    stride = 120.0 / cadence_steps_per_min
    other = OTHER[side]
    if name == "normal":
        swing_s, double_s = (1 - stance_pct / 100) * stride, (stance_pct / 100 - 0.5) * stride
        return GaitPattern(
            name,
            _both(swing_s),
            _both(double_s),
            _both(step_leg),
            _both(0.0),
            _both(0.0),
            _both(PITCH_TO_DEG),
            _both(pelvic_drop_deg),
        )
    if name == "antalgic":  # the other foot hurries through its swing so the painful side bears weight briefly
        sw = {side: 0.46 * stride, other: 0.32 * stride}
        ds = {side: 0.11 * stride, other: 0.11 * stride}
        return GaitPattern(
            name,
            sw,
            ds,
            {side: step_leg, other: 0.6 * step_leg},
            _both(0.0),
            _both(0.0),
            {side: 0.5 * PITCH_TO_DEG, other: PITCH_TO_DEG},
            _both(pelvic_drop_deg),
        )
    if name == "step_to":  # `side` trails: it is only brought up beside the leading foot, quickly, after a long
        # weight transfer onto the leading foot
        sw = {other: 0.32 * stride, side: 0.20 * stride}
        ds = {other: 0.34 * stride, side: 0.14 * stride}
        return GaitPattern(
            name,
            sw,
            ds,
            {other: step_leg, side: 0.0},
            _both(0.0),
            _both(0.0),
            {other: 0.4 * PITCH_TO_DEG, side: 0.4 * PITCH_TO_DEG},
            _both(pelvic_drop_deg),
        )
    if name == "circumduction":  # `side` swings slowly, high and wide
        sw = {side: 0.50 * stride, other: 0.24 * stride}
        ds = _both(0.13 * stride)
        return GaitPattern(
            name,
            sw,
            ds,
            _both(step_leg),
            {side: 0.06, other: 0.0},
            {side: 0.15, other: 0.0},
            _both(PITCH_TO_DEG),
            _both(pelvic_drop_deg),
        )
    raise ValueError(f"unknown gait pattern {name!r}; choose one of normal, antalgic, step_to, circumduction")


@dataclass(frozen=True)
class WalkTruth:
    """The known answers: per side heel strike and toe off times (s, the instants the foot touches and leaves the
    floor), cadence (steps/min), stance % and step time (s) per side, peak hip extension per side (deg, measured on
    the generated angles), the pattern, direction of each pass (see DIRECTIONS), pass time spans and gap span (s)."""

    hs_s: dict[str, np.ndarray]
    to_s: dict[str, np.ndarray]
    cadence_steps_per_min: float
    stance_pct: dict[str, float]
    step_s: dict[str, float]
    hip_ext_peak_deg: dict[str, float]
    pattern: GaitPattern
    directions: tuple[int, ...]
    pass_spans_s: tuple[tuple[float, float], ...]
    gap_s: tuple[float, float] | None


@dataclass(frozen=True)
class Contacts:
    """One foot's footprints: heel strike and toe off times (s) and the heel's position along the walk (m)."""

    hs_s: np.ndarray
    to_s: np.ndarray
    heel_m: np.ndarray


def schedule(pattern: GaitPattern, body: Body, t0_s: float, t1_s: float, first_hs_s: float) -> dict[str, Contacts]:
    """Footprints of both feet covering [t0_s, t1_s] with margin; the left foot strikes at first_hs_s."""
    T = pattern.stride_s
    n = int(np.ceil((t1_s - t0_s) / T)) + 4
    k = np.arange(-2, n)
    hs_l = first_hs_s + k * T
    to_r = hs_l + pattern.ds_after_s["left"]
    hs_r = to_r + pattern.swing_s["right"]
    to_l = hs_r + pattern.ds_after_s["right"]
    stride_m = (pattern.step_leg["left"] + pattern.step_leg["right"]) * body.leg
    x_l = k * stride_m
    x_r = x_l + pattern.step_leg["right"] * body.leg
    # each foot leaves for its next footprint: left's toe off closes the footprint of the same index
    return {"left": Contacts(hs_l, to_l, x_l), "right": Contacts(hs_r, to_r + T, x_r)}


def _hermite(u: np.ndarray, v0: float, v1: float) -> np.ndarray:
    """0 -> 1 over u in [0, 1] with end slopes v0 and v1 (cubic Hermite)."""
    return (-2 * u**3 + 3 * u**2) + v0 * (u**3 - 2 * u**2 + u) + v1 * (u**3 - u**2)


def _foot_points(heel: np.ndarray, pitch_deg: np.ndarray, body: Body) -> dict[str, np.ndarray]:
    """Sagittal (x forward, y up) heel, toe and ankle positions (T, 2) of a foot whose sole's heel end is at `heel`
    and whose sole is pitched by pitch_deg (+ toes up)."""
    a = np.radians(pitch_deg)
    along = np.stack([np.cos(a), np.sin(a)], -1)
    up = np.stack([-np.sin(a), np.cos(a)], -1)
    sole_len = body.heel_back + body.foot
    return {
        "heel": heel,
        "toe": heel + sole_len * along,
        "ankle": heel + body.heel_back * along + body.ankle_height * up,
    }


def foot_path(t_s: np.ndarray, c: Contacts, lift_m: float, pitch_to_deg: float, body: Body) -> dict[str, np.ndarray]:
    """Heel, toe and ankle (T, 2) and the swing share (T,) (0 on the floor, 0-1 through the swing) of one foot."""
    sole = body.heel_back + body.foot
    heel = np.zeros((len(t_s), 2))
    pitch = np.zeros(len(t_s))
    swing = np.zeros(len(t_s))
    for i in range(len(c.hs_s)):
        hs, to, x = c.hs_s[i], c.to_s[i], c.heel_m[i]
        on = (t_s >= hs) & (t_s < to)
        rise_at = to - HEEL_RISE_SHARE * (to - hs)
        u_flat = np.clip((t_s[on] - hs) / FOOT_FLAT_S, 0, 1)
        u_rise = np.clip((t_s[on] - rise_at) / (to - rise_at), 0, 1)
        p = PITCH_HS_DEG * (1 - u_flat) + pitch_to_deg * u_rise**2
        pitch[on] = p
        # the heel stays put until it rises; then the foot turns about the planted toe
        toe_x = x + sole
        a = np.radians(np.minimum(p, 0.0))
        heel[on, 0] = np.where(p < 0, toe_x - sole * np.cos(a), x)
        heel[on, 1] = np.where(p < 0, -sole * np.sin(a), 0.0)
        if i + 1 < len(c.hs_s):
            nxt = c.hs_s[i + 1]
            air = (t_s >= to) & (t_s < nxt)
            u = (t_s[air] - to) / (nxt - to)
            a0 = np.radians(pitch_to_deg)
            h0 = np.array([x + sole - sole * np.cos(a0), -sole * np.sin(a0)])
            h1 = np.array([c.heel_m[i + 1], 0.0])
            s = _hermite(u, LANDING_SPEED_SHARE, LANDING_SPEED_SHARE)
            heel[air] = h0 + (h1 - h0) * s[:, None]
            heel[air, 1] += lift_m * np.sin(np.pi * u) + 0.02 * np.sin(np.pi * u)
            pitch[air] = pitch_to_deg + (PITCH_HS_DEG - pitch_to_deg) * (0.5 - 0.5 * np.cos(np.pi * u))
            swing[air] = u
    return _foot_points(heel, pitch, body) | {"swing": swing}


def _leg_angles(hip: np.ndarray, ankle: np.ndarray, body: Body) -> tuple[np.ndarray, np.ndarray]:
    """Hip flexion (thigh from vertical, + forward) and knee flexion (deg) that put the ankle at `ankle` from `hip`
    (both (T, 2), x forward, y up), knee bending forward."""
    d = ankle - hip
    r = np.minimum(np.linalg.norm(d, axis=-1), body.thigh + body.shank - 1e-9)
    a, b = body.thigh, body.shank
    inner = np.arccos(np.clip((a**2 + b**2 - r**2) / (2 * a * b), -1, 1))
    off = np.arccos(np.clip((a**2 + r**2 - b**2) / (2 * a * r), -1, 1))
    return np.degrees(np.arctan2(d[:, 0], -d[:, 1]) + off), 180.0 - np.degrees(inner)


def _pelvis(
    t_s: np.ndarray, feet: dict[str, dict], contacts: dict[str, Contacts], pattern: GaitPattern, body: Body
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Pelvis forward position (m), height above the floor (m) and obliquity (deg, + left hip lower): midway between
    the ankles in each double support (smoothly in between), as high as both legs reach, the swinging side's hip
    dropping by the standing side's pelvic drop."""
    keys_t, keys_x = [], []
    for side in SIDES:  # double support after this side's heel strike
        c, o = contacts[side], contacts[OTHER[side]]
        for hs in c.hs_s:
            nxt = o.to_s[(o.to_s > hs) & (o.to_s <= hs + pattern.ds_after_s[side] + 1e-9)]
            if len(nxt):
                mid = 0.5 * (hs + nxt[0])
                keys_t.append(mid)
                keys_x.append(0.5 * (c.heel_m[c.hs_s == hs][0] + o.heel_m[o.to_s == nxt[0]][0]) + body.heel_back)
    order = np.argsort(keys_t)
    x = PchipInterpolator(np.array(keys_t)[order], np.array(keys_x)[order])(t_s)
    obliquity = np.zeros(len(t_s))
    for side in SIDES:
        stand = OTHER[side]
        obliquity += SIDE_SIGN[side] * pattern.drop_deg[stand] * np.sin(np.pi * feet[side]["swing"]) ** 2
    reach = REACH * (body.thigh + body.shank)
    height = np.full(len(t_s), body.leg)
    for side in SIDES:
        shift = -SIDE_SIGN[side] * 0.5 * body.hip_width * np.sin(np.radians(obliquity))  # this hip above the centre
        dx = feet[side]["ankle"][:, 0] - x
        height = np.minimum(height, feet[side]["ankle"][:, 1] + np.sqrt(np.maximum(reach**2 - dx**2, 0)) - shift)
    return x, height, obliquity


def walker_points(
    t_s: np.ndarray, pattern: GaitPattern, contacts: dict[str, Contacts], body: Body
) -> tuple[np.ndarray, Motion]:
    """Body-frame landmarks (T, 33, 3) of the walker (pose_body's frame: x front, y up, z left, floor at -leg) and
    the Motion (angles) they come from."""
    feet = {s: foot_path(t_s, contacts[s], pattern.lift_m[s], pattern.toe_pitch_deg[s], body) for s in SIDES}
    x, height, obliquity = _pelvis(t_s, feet, contacts, pattern, body)
    hip_flex, knee_flex = {}, {}
    for side in SIDES:
        shift = -SIDE_SIGN[side] * 0.5 * body.hip_width * np.sin(np.radians(obliquity))
        hip = np.stack([x, height + shift], -1)
        hip_flex[side], knee_flex[side] = _leg_angles(hip, feet[side]["ankle"], body)
    zero = np.zeros(len(t_s))
    motion = Motion(t_s, hip_flex, knee_flex, zero, obliquity, x, body.leg - height)
    P = pose_body(motion, body)
    for side in SIDES:
        j = L.LEG[side]
        for name, idx in (("heel", j["heel"]), ("toe", j["foot"]), ("ankle", j["ankle"])):
            P[:, idx, 0] = feet[side][name][:, 0]
            P[:, idx, 1] = feet[side][name][:, 1] - body.leg
        abduct = SIDE_SIGN[side] * np.degrees(
            np.arctan2(pattern.arc_m[side] * np.sin(np.pi * feet[side]["swing"]), body.leg)
        )
        for idx in (j["knee"], j["ankle"], j["heel"], j["foot"]):  # circumduction: the leg swings outward
            P[:, idx] = P[:, j["hip"]] + _rot(P[:, idx] - P[:, j["hip"]], np.array([1.0, 0.0, 0.0]), -abduct)
    return P, motion


def _camera(
    direction: int, travel_m: float, width: int, height: int, px_per_m: float, camera_height_m: float
) -> Camera:
    """Side views: orthographic, the walker crossing the picture; front/rear: a pinhole camera camera_height_m above
    the pelvis whose nearest view of the walker is NEAR_M away (walking toward it the walker starts travel_m further),
    its horizon placed so that the pelvis is mid-picture when nearest."""
    if direction in (1, -1):
        x0 = 150.0 if direction == 1 else width - 150.0
        return Camera(yaw_deg=90.0 * direction, px_per_m=px_per_m, width=width, height=height, origin_px=(x0, 540.0))
    distance = NEAR_M + (travel_m if direction == 0 else 0.0)
    horizon = height / 2 - camera_height_m * FOCAL_PX / NEAR_M
    return Camera(
        yaw_deg=0.0 if direction == 0 else 180.0,
        px_per_m=FOCAL_PX / distance,
        width=width,
        height=height,
        origin_px=(width / 2, horizon),
        distance_m=distance,
        height_m=camera_height_m,
    )


def far_side(direction: int) -> str | None:
    """The leg further from the camera in a side view (None from the front or rear)."""
    return {1: "left", -1: "right"}.get(direction)


def _noise(direction: int, noise_px: float, far_noise_px: float) -> np.ndarray:
    """Pixel noise per landmark: far_noise_px on the far leg's landmarks in a side view, noise_px elsewhere."""
    out = np.full(L.N_LANDMARKS, float(noise_px))
    far = far_side(direction)
    if far:
        out[[L.LEG[far][k] for k in ("knee", "ankle", "heel", "foot")]] = far_noise_px
    return out


def _hip_ext_peak(motion: Motion, contacts: dict[str, Contacts], t0: float, t1: float) -> dict[str, list[float]]:
    """Peak hip extension (deg, + behind the trunk) in each stance fully inside [t0, t1]."""
    out: dict[str, list[float]] = {s: [] for s in SIDES}
    for s in SIDES:
        c = contacts[s]
        for hs, to in zip(c.hs_s, c.to_s):
            on = (motion.t_s >= hs) & (motion.t_s <= to)
            if hs >= t0 and to <= t1 and on.sum() > 2:
                out[s].append(-float(np.min(motion.hip_flex[s][on])))
    return out


def simulate_walk(
    duration_s: float = 8.0,
    fps: float = 30.0,
    cadence_steps_per_min: float = 105.0,
    pattern: str | GaitPattern = "normal",
    affected_side: str = "right",
    stance_pct: float = 62.0,
    pelvic_drop_deg: float = 3.0,
    right_stance_pelvic_drop_more_deg: float = 0.0,
    directions: tuple[int, ...] = (1,),
    turn_s: float = 1.0,
    noise_px: float = 0.0,
    far_noise_px: float | None = None,
    gap_s: tuple[float, float] | None = None,
    swap_s: tuple[tuple[float, float], ...] = (),
    px_per_m: float = 150.0,
    body: Body = Body(),
    camera_height_m: float = 0.0,
    seed: int = 0,
) -> tuple[PoseSequence, WalkTruth]:
    """A walker: one pass of duration_s per entry of `directions` (see DIRECTIONS), out of view for turn_s between
    passes; `pattern` a GaitPattern or a name for gait_pattern (with the cadence, the `affected_side`, stance_pct and
    pelvic_drop_deg; right_stance_pelvic_drop_more_deg adds to the drop while standing on the right); pixel noise,
    `far_noise_px` on the far leg in side views (it is half hidden there); camera_height_m: from the front or behind,
    the camera's height above the pelvis (0: at its height; a phone held at eye height is ~0.6 m above it); an
    optional gap (start, stop) in seconds
    where nothing is seen; `swap_s` spans where the pose model is made to exchange the left and right legs. Returns
    the landmark sequence and the truth."""
    pat = (
        pattern
        if isinstance(pattern, GaitPattern)
        else gait_pattern(pattern, cadence_steps_per_min, affected_side, stance_pct, pelvic_drop_deg=pelvic_drop_deg)
    )
    if right_stance_pelvic_drop_more_deg:
        pat = replace(pat, drop_deg=pat.drop_deg | {"right": pat.drop_deg["right"] + right_stance_pelvic_drop_more_deg})
    width, height, dt = 1920, 1080, 1.0 / fps
    seqs, spans = [], []
    ext: dict[str, list[float]] = {s: [] for s in SIDES}
    hs: dict[str, list[np.ndarray]] = {s: [] for s in SIDES}
    to: dict[str, list[np.ndarray]] = {s: [] for s in SIDES}
    start = 0.0
    for k, direction in enumerate(directions):
        t = start + np.arange(int(round(duration_s * fps))) * dt
        contacts = schedule(pat, body, t[0], t[-1], t[0] + 0.3 * pat.stride_s)
        P, motion = walker_points(t, pat, contacts, body)
        P[..., 0] -= motion.pelvis_forward_m[0]
        camera = _camera(direction, float(np.ptp(motion.pelvis_forward_m)), width, height, px_per_m, camera_height_m)
        noise = _noise(direction, noise_px, noise_px if far_noise_px is None else far_noise_px)
        seqs.append(view_points(t, P, camera, noise_px=noise, seed=seed + k))
        for s in SIDES:
            c = contacts[s]
            hs[s].append(c.hs_s[(c.hs_s >= t[0]) & (c.hs_s <= t[-1])])
            to[s].append(c.to_s[(c.to_s >= t[0]) & (c.to_s <= t[-1])])
            ext[s] += _hip_ext_peak(motion, contacts, t[0], t[-1])[s]
        spans.append((float(t[0]), float(t[-1])))
        start = t[-1] + turn_s
    seq = _join(seqs, fps, turn_s) if len(seqs) > 1 else seqs[0]
    seq = _swap_legs(seq, swap_s)
    if gap_s is not None:
        vis = gap(seq.visibility, seq.t_s, *gap_s)
        seq = seq.replace(
            visibility=vis,
            xy_px=np.where(vis[..., None] > 0, seq.xy_px, np.nan),
            world_m=np.where(vis[..., None] > 0, seq.world_m, np.nan),
        )
    truth = WalkTruth(
        {s: np.concatenate(hs[s]) for s in SIDES},
        {s: np.concatenate(to[s]) for s in SIDES},
        120.0 / pat.stride_s,
        {s: pat.stance_pct(s) for s in SIDES},
        {s: pat.step_s(s) for s in SIDES},
        {s: float(np.mean(ext[s])) if ext[s] else np.nan for s in SIDES},
        pat,
        tuple(directions),
        tuple(spans),
        gap_s,
    )
    return seq, truth


def _swap_legs(seq: PoseSequence, spans: tuple[tuple[float, float], ...]) -> PoseSequence:
    """The sequence with the left and right leg landmarks exchanged inside each span (a pose model's mistake)."""
    if not spans:
        return seq
    rows = np.zeros(len(seq), bool)
    for a, b in spans:
        rows |= (seq.t_s >= a) & (seq.t_s < b)
    xy, world, vis = seq.xy_px.copy(), seq.world_m.copy(), seq.visibility.copy()
    for left, right in L.LEG_PAIRS[1:]:
        for arr in (xy, world, vis):
            arr[rows, left], arr[rows, right] = arr[rows, right], arr[rows, left].copy()
    return seq.replace(xy_px=xy, world_m=world, visibility=vis)


def _join(seqs: list[PoseSequence], fps: float, turn_s: float) -> PoseSequence:
    """Concatenate passes with turn_s of empty frames (person out of view) between them."""
    parts = []
    for i, s in enumerate(seqs):
        parts.append(s)
        if i < len(seqs) - 1:
            n = max(1, int(round(turn_s * fps)) - 1)
            t = s.t_s[-1] + (np.arange(n) + 1) * (turn_s / (n + 1))
            parts.append(
                PoseSequence(
                    t,
                    np.full((n, L.N_LANDMARKS, 2), np.nan),
                    np.full((n, L.N_LANDMARKS), np.nan),
                    np.zeros((n, L.N_LANDMARKS)),
                    np.full((n, L.N_LANDMARKS, 3), np.nan),
                    np.zeros(n, int),
                    s.width,
                    s.height,
                )
            )
    cat = {
        k: np.concatenate([getattr(p, k) for p in parts])
        for k in ("t_s", "xy_px", "z", "visibility", "world_m", "n_people")
    }
    return PoseSequence(**cat, width=seqs[0].width, height=seqs[0].height)
