"""A synthetic walker with known gait events, cadence and a planted left/right asymmetry (tests, docs).

Hip and knee follow smooth per-phase curves: hip flexion peaks at heel strike and reaches its largest extension at
toe off; the knee is straight at heel strike, flexes a little in loading and most in swing. The pelvis moves forward
at the walking speed. The true events are the Zeni et al. (2008) extrema (heel most anterior relative to the pelvis,
toe most posterior) of the noise-free generating functions, found on a 1 kHz grid, never by coach's detector.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from coach import landmarks as L
from coach.simulate.body import Body, Camera, Motion, gap, pose_body, render
from coach.types import PoseSequence

SIDES = L.SIDES


@dataclass(frozen=True)
class WalkTruth:
    """The known answers: per side heel strike and toe off times (s), cadence (steps/min), stance % per side (from
    the true events: the knee and hip curves shift toe off from the designed stance end), peak hip extension per
    side (deg), direction of each pass (+1 image-right, -1 image-left), pass time spans and gap span (s)."""

    hs_s: dict[str, np.ndarray]
    to_s: dict[str, np.ndarray]
    cadence_steps_per_min: float
    stance_pct: dict[str, float]
    hip_ext_peak_deg: dict[str, float]
    directions: tuple[int, ...]
    pass_spans_s: tuple[tuple[float, float], ...]
    gap_s: tuple[float, float] | None


def _phase_curves(phase: np.ndarray, stance: float, flex_hs: float, ext_peak: float, knee_swing: float,
                  knee_load: float = 12.0) -> tuple[np.ndarray, np.ndarray]:
    """Hip and knee flexion (deg) over gait phase in [0, 1) from heel strike, stance fraction `stance`."""
    u_st = np.clip(phase / stance, 0, 1)
    u_sw = np.clip((phase - stance) / (1 - stance), 0, 1)
    hip = np.where(phase < stance, -ext_peak + (flex_hs + ext_peak) * (0.5 + 0.5 * np.cos(np.pi * u_st)),
                   -ext_peak + (flex_hs + ext_peak) * (0.5 - 0.5 * np.cos(np.pi * u_sw)))
    load = np.clip(phase / (0.4 * stance), 0, 1)
    swing_start = stance - 0.08
    u_k = np.clip((phase - swing_start) / (1 - swing_start), 0, 1)
    knee = knee_load * (0.5 - 0.5 * np.cos(2 * np.pi * load)) + knee_swing * (0.5 - 0.5 * np.cos(2 * np.pi * u_k))
    return hip, knee


def _motion(t_s: np.ndarray, stride_s: float, stance: dict[str, float], ext: dict[str, float], speed_m_s: float,
            offset_s: float, drop_deg: dict[str, float]) -> Motion:
    """Walking motion over t_s with left heel strikes at offset_s + k stride_s and right ones half a stride later;
    while one foot swings, the pelvis drops on its side by drop_deg of the standing side (Trendelenburg-like)."""
    hip, knee, obliquity = {}, {}, np.zeros_like(t_s)
    for side, shift in (("left", 0.0), ("right", 0.5)):
        phase = np.mod((t_s - offset_s) / stride_s - shift, 1.0)
        hip[side], knee[side] = _phase_curves(phase, stance[side], 25.0, ext[side], 60.0)
        swing = np.clip((phase - stance[side]) / (1 - stance[side]), 0, 1)
        stand = "right" if side == "left" else "left"
        # obliquity + = left hip lower: the swinging side's hip drops while the other leg stands
        obliquity += (1.0 if side == "left" else -1.0) * drop_deg[stand] * np.sin(np.pi * swing) ** 2
    zero = np.zeros_like(t_s)
    return Motion(t_s, hip, knee, zero, obliquity, speed_m_s * (t_s - t_s[0]), zero)


def _window_extremum_s(t_s: np.ndarray, y: np.ndarray, centres_s: np.ndarray, half_s: float) -> np.ndarray:
    """Time of the maximum of densely sampled y within half_s of each centre (centres whose window leaves t_s are
    skipped), refined by a parabola."""
    out = []
    step = t_s[1] - t_s[0]
    for c in centres_s:
        if c - half_s < t_s[0] or c + half_s > t_s[-1]:
            continue
        idx = np.flatnonzero(np.abs(t_s - c) <= half_s)
        i = idx[np.argmax(y[idx])]
        den = y[i - 1] - 2 * y[i] + y[i + 1]
        out.append(t_s[i] + (0.5 * (y[i - 1] - y[i + 1]) / den * step if den < 0 else 0.0))
    return np.array(out)


def true_events(motion_fn, t0: float, t1: float, body: Body, design: dict[str, tuple[np.ndarray, np.ndarray]],
                half_s: float) -> tuple[dict, dict]:
    """Zeni events of the noise-free motion on a 1 kHz grid: heel strike = heel most anterior relative to the
    pelvis (body front axis), toe off = toe most posterior, each searched within half_s of the designed
    (heel strike, stance end) times in `design`."""
    t = np.arange(t0, t1, 0.001)
    P = pose_body(motion_fn(t), body)
    pelvis = P[:, [L.LEFT_HIP, L.RIGHT_HIP], 0].mean(1)
    hs = {s: _window_extremum_s(t, P[:, L.LEG[s]["heel"], 0] - pelvis, design[s][0], half_s) for s in SIDES}
    to = {s: _window_extremum_s(t, -(P[:, L.LEG[s]["foot"], 0] - pelvis), design[s][1], half_s) for s in SIDES}
    return hs, to


def simulate_walk(duration_s: float = 8.0, fps: float = 30.0, cadence_steps_per_min: float = 105.0,
                  stance_pct: float = 62.0, right_stance_shorter_pct: float = 8.0, hip_ext_deg: float = 15.0,
                  right_hip_ext_less_deg: float = 10.0, pelvic_drop_deg: float = 3.0,
                  right_stance_pelvic_drop_more_deg: float = 0.0, directions: tuple[int, ...] = (1,), turn_s: float = 1.0,
                  noise_px: float = 0.0, gap_s: tuple[float, float] | None = None, px_per_m: float = 150.0,
                  body: Body = Body(), seed: int = 0) -> tuple[PoseSequence, WalkTruth]:
    """A walker: one pass of duration_s per entry of `directions` (+1 walks image-right, -1 image-left, 0 toward the
    camera: a front view, for which `body` should be broad enough to look face-on, e.g. Body(shoulder_width=0.45,
    hip_width=0.35)); the opposite hip drops pelvic_drop_deg in single support, more by
    right_stance_pelvic_drop_more_deg while standing on the right;
    with the person out of view for turn_s between passes; right stance right_stance_shorter_pct % shorter and
    right peak hip extension right_hip_ext_less_deg smaller than the left; pixel noise; an optional gap (start, stop)
    in seconds where nothing is seen. Returns the landmark sequence and the truth."""
    stride_s = 120.0 / cadence_steps_per_min
    stance = {"left": stance_pct / 100, "right": stance_pct / 100 * (1 - right_stance_shorter_pct / 100)}
    ext = {"left": hip_ext_deg, "right": hip_ext_deg - right_hip_ext_less_deg}
    drop = {"left": pelvic_drop_deg, "right": pelvic_drop_deg + right_stance_pelvic_drop_more_deg}
    speed = 0.75 * body.leg / (stride_s / 2)  # step length ~0.75 leg lengths
    width, height = 1920, 1080
    seqs, spans, hs, to = [], [], {s: [] for s in SIDES}, {s: [] for s in SIDES}
    start = 0.0
    dt = 1.0 / fps
    for k, direction in enumerate(directions):
        t = start + np.arange(int(round(duration_s * fps))) * dt
        offset = start + 0.3 * stride_s

        def motion_fn(tt: np.ndarray) -> Motion:
            return _motion(tt, stride_s, stance, ext, speed, offset, drop)
        x0 = {1: 150.0, -1: width - 150.0, 0: width / 2}[direction]
        cam = Camera(yaw_deg=90.0 * direction, px_per_m=px_per_m, width=width, height=height, origin_px=(x0, 540.0))
        seqs.append(render(motion_fn(t), cam, body, noise_px, seed=seed + k))
        design = {}
        for side, shift in (("left", 0.0), ("right", 0.5)):
            strikes = offset + (np.arange(-1, duration_s / stride_s + 1) + shift) * stride_s
            design[side] = (strikes, strikes + stance[side] * stride_s)
        h, o = true_events(motion_fn, t[0], t[-1], body, design, 0.25 * stride_s)
        for s in SIDES:
            hs[s].append(h[s])
            to[s].append(o[s])
        spans.append((float(t[0]), float(t[-1])))
        start = t[-1] + turn_s
    seq = _join(seqs, fps, turn_s) if len(seqs) > 1 else seqs[0]
    if gap_s is not None:
        vis = gap(seq.visibility, seq.t_s, *gap_s)
        seq = seq.replace(visibility=vis, xy_px=np.where(vis[..., None] > 0, seq.xy_px, np.nan),
                          world_m=np.where(vis[..., None] > 0, seq.world_m, np.nan))
    hs = {s: np.concatenate(hs[s]) for s in SIDES}
    to = {s: np.concatenate(to[s]) for s in SIDES}
    truth = WalkTruth(hs, to, cadence_steps_per_min, {s: stance_from_events_pct(hs[s], to[s]) for s in SIDES},
                      dict(ext), tuple(directions),
                      tuple(spans), gap_s)
    return seq, truth


def stance_from_events_pct(hs_s: np.ndarray, to_s: np.ndarray) -> float:
    """Mean stance (% of stride) over the strides (heel strike to heel strike) holding exactly one toe off."""
    out = [100 * (to_s[(to_s > a) & (to_s < b)][0] - a) / (b - a) for a, b in zip(hs_s[:-1], hs_s[1:])
           if b - a < 2 * np.median(np.diff(hs_s)) and np.sum((to_s > a) & (to_s < b)) == 1]
    return float(np.mean(out)) if out else np.nan


def _join(seqs: list[PoseSequence], fps: float, turn_s: float) -> PoseSequence:
    """Concatenate passes with turn_s of empty frames (person out of view) between them."""
    parts = []
    for i, s in enumerate(seqs):
        parts.append(s)
        if i < len(seqs) - 1:
            n = max(1, int(round(turn_s * fps)) - 1)
            t = s.t_s[-1] + (np.arange(n) + 1) * (turn_s / (n + 1))
            parts.append(PoseSequence(t, np.full((n, L.N_LANDMARKS, 2), np.nan), np.full((n, L.N_LANDMARKS), np.nan),
                                      np.zeros((n, L.N_LANDMARKS)), np.full((n, L.N_LANDMARKS, 3), np.nan),
                                      np.zeros(n, int), s.width, s.height))
    cat = {k: np.concatenate([getattr(p, k) for p in parts]) for k in ("t_s", "xy_px", "z", "visibility", "world_m",
                                                                      "n_people")}
    return PoseSequence(**cat, width=seqs[0].width, height=seqs[0].height)
