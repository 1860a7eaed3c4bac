"""When each foot rests on the floor: foot contact from the speed of the heel and toe in the picture.

A foot in stance is at rest on the floor; a swinging foot moves. Heel strike is where a foot's rest starts (its
heel, or its toe for a forefoot contact, slows down), toe off where it ends (its toe speeds up): the foot-velocity
rules of Ghoussayni et al. 2004 (Gait & Posture 20:266-272) with thresholds relative to the walking speed as
Bruening and Ridge 2014 set them for pathological gait (Gait & Posture 39:472-477: heel slower than 0.78 x walking
speed, toe faster than 0.66 x; Bonci et al. 2022 use 0.8 x for a forefoot contact). Nothing assumes that the feet
pass the pelvis or alternate, so a step-to, antalgic or shuffling gait gets its contacts like a healthy one.

Speeds are measured in the picture, in leg lengths per second (so they hold for any size and distance, and for a
walk toward or away from the camera, where the picture's scale changes), relative to the ground. A camera that pans
to follow the walker, or shakes in a hand, moves the whole floor in the picture: the positions come with the camera's
measured motion taken out (coach.gait.steady), and what remains of the floor's motion (where the background could
not be followed, or lies far behind the walker) is the slowest foot point's over a few strides, since at every
moment of walking at least one foot is on the floor. That alone does not hold through a pan that follows the walker
closely: the floor then crosses the picture at the walking speed, and a swinging foot, passing from rest to twice
the walking speed, is often the slowest point in the picture.

The walking speed the feet are compared with is each foot's mean speed over the pass (a foot travels one stride
length per stride, so its mean speed is the walking speed, in the same picture units, from the side, the front or
behind alike).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from coach.landmarks import LEG, SIDES
from coach.signals.filters import nan_runs

#: The stride time (s) the durations of ContactConfig and EventConfig are given for: a healthy adult's at a free
#: walking pace (~115 steps a minute; swing ~0.4 s, stance ~0.6 s: Perry and Burnfield 2010). A walk of another tempo
#: has them scaled by its own stride time (`at_tempo`): the phases of gait keep their shares of the stride, so a
#: patient walking at half that pace has swings, stances and double supports twice as long, and travels the same
#: share of a stride in twice the time.
REFERENCE_STRIDE_S = 1.05


@dataclass(frozen=True)
class ContactConfig:
    """Foot contact rules, speeds as fractions of the walking speed: heel_rest (Bruening and Ridge 2014: heel strike
    when the heel is slower than 0.78 x), toe_rest (their toe off: the toe faster than 0.66 x) find the rests; toe_off
    times the toe leaving the floor when it is faster than 0.8 x (Bonci et al. 2022, Front Bioeng Biotechnol 10:868928,
    validated on pressure insoles in healthy and five pathological cohorts: a toe rolling over before it lifts moves a
    little); min_swing_s and min_stance_s (s): shorter swings or stances (seen whole) are landmark jitter, not steps (a
    healthy swing lasts ~0.4 s and a stance ~0.6 s; even fast walking keeps both above 0.25 s: Perry and Burnfield
    2010); seen_moving_s (s): at a pass's first or last frames an event is timed only when the foot is seen moving this
    long on its side of it (three frames at 30 fps: enough to see the speed cross its threshold); ground_window_s (s):
    the floor's motion in the picture is the median over this window of the slowest foot point (longer than two swings,
    so that a foot on the floor dominates it even when only one foot is seen); scale_window_s (s): the leg length in
    pixels is a running median over this window; speed_window_s (s): the walking speed is the feet's mean speed over
    this window (a stride or more: walking toward or away from the camera changes it in the picture); same_place_leg:
    two rests closer than this (leg lengths, ~18 cm) are the same footprint (a foot that moved less did not step: even
    shuffling steps are ~0.3 leg lengths long, while MediaPipe's heel and toe jitter by several centimetres on a small
    or dark foot), and no further apart than the walker travels in same_place_s (s) in the picture (~18 cm at a healthy
    1.2 m/s: the same distance from the side; walking toward or away from the camera the floor along the walk is
    foreshortened in the picture by the camera's height over its distance, 4-8 x at 4-8 m, which the walker's own speed
    in the picture measures); shortest_step_leg: no step is shorter than this (leg lengths: the ~0.3 of shuffling), so a
    footprint that starts further away than that less than a swing after another ended is the other foot's; height_leg:
    a slow heel or toe higher in the picture than this (leg lengths, ~7 cm) above where it rests is hovering, not on the
    floor (a heel clears the floor by 10 cm and more in swing); max_swing_s (s): the longest a foot stays in the air
    while walking (a healthy swing takes ~0.4 s, a slow circumducting one ~0.7 s), so a foot lifted longer ago is no
    longer known to be the one landing; swap_overlap_s (s): two labels at rest on one place at once for up to this long
    (from one's toe off to the other's heel strike), one arriving as the other leaves, have exchanged feet (the pose
    model's labels hop within a frame or two, 0.03-0.07 s at 30 fps, whatever the walker's tempo), not stood side by
    side: two feet side by side share a double support, which lasts ~0.1 s even in fast walking (~10% of the cycle:
    Perry and Burnfield 2010) and far longer in a step-to gait or a slow walk; the speed thresholds that time a rest
    take up to ~0.05 s off it (a step-to's 0.15 s double support at 115 steps/min is timed 0.09-0.15 s on synthetic
    walkers at 15-60 fps), so 0.08 s stays between the two."""

    heel_rest: float = 0.78
    toe_rest: float = 0.66
    toe_off: float = 0.8
    min_swing_s: float = 0.2
    min_stance_s: float = 0.2
    seen_moving_s: float = 0.1
    ground_window_s: float = 1.5
    scale_window_s: float = 1.0
    speed_window_s: float = 2.0
    same_place_leg: float = 0.2
    shortest_step_leg: float = 0.3
    same_place_s: float = 0.15
    height_leg: float = 0.08
    max_swing_s: float = 1.2
    swap_overlap_s: float = 0.08

    def at_tempo(self, stride_s: float) -> ContactConfig:
        """These rules for a walk whose stride takes stride_s seconds: every duration of a gait phase, and every window
        that must span a number of them, scaled by stride_s / REFERENCE_STRIDE_S (seen_moving_s and swap_overlap_s are
        not: they are frames of the camera and of the pose model, not phases of gait)."""
        k = stride_s / REFERENCE_STRIDE_S
        return replace(
            self,
            min_swing_s=self.min_swing_s * k,
            min_stance_s=self.min_stance_s * k,
            ground_window_s=self.ground_window_s * k,
            scale_window_s=self.scale_window_s * k,
            speed_window_s=self.speed_window_s * k,
            same_place_s=self.same_place_s * k,
            max_swing_s=self.max_swing_s * k,
        )


@dataclass(frozen=True)
class FootMotion:
    """One pass's feet in the picture: t_s (n,); per side heel and toe positions (n, 2) in pixels; leg_px (n,) the
    leg length in pixels; ground (n, 2) the floor's velocity in the picture (leg lengths/s); speed[side][point] (n,)
    the ground-relative speed of 'heel' and 'toe' (leg lengths/s); position[side] (n, 2, 2) the heel and toe
    relative to the ground (pixels, the floor's own motion in the picture taken out); walking_speed (n,) leg
    lengths/s in the picture; place_px (n,) how close (pixels) two positions of a foot are the same footprint."""

    t_s: np.ndarray
    points: dict[str, dict[str, np.ndarray]]
    leg_px: np.ndarray
    ground: np.ndarray
    speed: dict[str, dict[str, np.ndarray]]
    position: dict[str, np.ndarray]
    walking_speed: np.ndarray
    place_px: np.ndarray


def _window(t_s: np.ndarray, seconds: float) -> int:
    """An odd number of frames covering about `seconds`."""
    dt = float(np.median(np.diff(t_s))) if len(t_s) > 1 else 1 / 30
    return max(1, int(round(seconds / dt)) // 2 * 2 + 1)


def running_stat(x: np.ndarray, size: int, stat=np.median) -> np.ndarray:
    """`stat` (median by default) over a centred window of `size` frames ignoring NaN (NaN where the window holds no
    value)."""
    out = np.full(x.shape, np.nan)
    half = size // 2
    for i in range(len(x)):
        w = x[max(0, i - half) : i + half + 1]
        w = w[np.isfinite(w)]
        if len(w):
            out[i] = stat(w)
    return out


def leg_length_px(xy_px: np.ndarray, t_s: np.ndarray, window_s: float) -> np.ndarray:
    """(n,) hip-knee-ankle length in pixels, the longer leg of each frame (the nearer one is less foreshortened),
    as a running median."""
    legs = [
        np.linalg.norm(xy_px[:, LEG[s]["hip"]] - xy_px[:, LEG[s]["knee"]], axis=-1)
        + np.linalg.norm(xy_px[:, LEG[s]["knee"]] - xy_px[:, LEG[s]["ankle"]], axis=-1)
        for s in SIDES
    ]
    both = np.stack(legs)
    raw = np.where(np.isfinite(both).any(0), np.nanmax(np.where(np.isfinite(both), both, -np.inf), axis=0), np.nan)
    return running_stat(raw, _window(t_s, window_s))


def _velocity(p: np.ndarray, t_s: np.ndarray) -> np.ndarray:
    """(n, 2) central-difference velocity of positions (n, 2) (NaN next to unseen samples)."""
    if len(t_s) < 2:
        return np.full(p.shape, np.nan)
    return np.stack([np.gradient(p[:, k], t_s) for k in range(2)], -1)


def foot_motion(t_s: np.ndarray, xy_px: np.ndarray, cfg: ContactConfig = ContactConfig()) -> FootMotion:
    """Heel and toe speeds of both feet relative to the floor, and the walking speed, over one pass's frames."""
    leg = leg_length_px(xy_px, t_s, cfg.scale_window_s)
    points = {s: {"heel": xy_px[:, LEG[s]["heel"]], "toe": xy_px[:, LEG[s]["foot"]]} for s in SIDES}
    vel = {s: {k: _velocity(p, t_s) / leg[:, None] for k, p in pts.items()} for s, pts in points.items()}
    stack = np.stack([vel[s][k] for s in SIDES for k in ("heel", "toe")])  # (4, n, 2)
    mag = np.linalg.norm(stack, axis=-1)
    seen = np.isfinite(mag)
    slowest = np.argmin(np.where(seen, mag, np.inf), axis=0)
    floor = np.where(seen.any(0)[:, None], stack[slowest, np.arange(len(t_s))], np.nan)
    size = _window(t_s, cfg.ground_window_s)
    ground = np.stack([running_stat(floor[:, k], size) for k in range(2)], -1)
    speed = {s: {k: np.linalg.norm(v - ground, axis=-1) for k, v in pts.items()} for s, pts in vel.items()}
    feet = np.stack([speed[s][k] for s in SIDES for k in ("heel", "toe")])
    seen = np.isfinite(feet)
    mean = np.where(seen.any(0), np.where(seen, feet, 0.0).sum(0) / np.maximum(seen.sum(0), 1), np.nan)
    walking = running_stat(mean, _window(t_s, cfg.speed_window_s), np.mean)
    dt = np.diff(t_s, prepend=t_s[0])[:, None]
    drift = np.cumsum(np.nan_to_num(ground * leg[:, None]) * dt, axis=0)  # the floor's own motion, pixels
    position = {s: np.stack([p["heel"], p["toe"]], 1) - drift[:, None] for s, p in points.items()}
    place = leg * np.fmin(cfg.same_place_leg, walking * cfg.same_place_s)
    return FootMotion(t_s, points, leg, ground, speed, position, walking, place)


@dataclass(frozen=True)
class Rest:
    """A rest of one labelled foot (the pose model's `label`): frames [start, stop) of the pass; hs_s and to_s the
    times (s, sub-frame) it starts and ends, NaN where the foot was not seen moving just before (or after) it;
    swing_in_s (s) how long the label was seen moving before it (inf when not seen: the pass start or a gap); the
    ground-relative positions (2, 2) of its heel and toe (pixels) at its first and last frame."""

    label: str
    start: int
    stop: int
    hs_s: float
    to_s: float
    swing_in_s: float
    first: np.ndarray
    last: np.ndarray


def _crossing_s(t_s: np.ndarray, y: np.ndarray, i: int, level: float) -> float:
    """Time where y crosses `level` between samples i - 1 and i (linear), else t_s[i]."""
    a, b = y[i - 1], y[i]
    if not (np.isfinite(a) and np.isfinite(b)) or a == b:
        return float(t_s[i])
    u = float(np.clip((level - a) / (b - a), 0.0, 1.0))
    return float(t_s[i - 1] + u * (t_s[i] - t_s[i - 1]))


def _rising_s(t: np.ndarray, y: np.ndarray, b: int, stop: int) -> float:
    """Time y (n,) first rises through 1 at or after frame b (and before `stop`), interpolated; NaN if unseen."""
    for i in range(max(b, 1), min(stop + 1, len(y))):
        if not np.isfinite(y[i]):
            return np.nan
        if y[i] >= 1.0:
            return _crossing_s(t, y, i, 1.0)
    return np.nan


def _runs(mask: np.ndarray) -> list[tuple[int, int]]:
    return [(int(a), int(b)) for a, b in nan_runs(mask)]


def _rest_runs(
    t: np.ndarray, at_rest: np.ndarray, pos: np.ndarray, place_px: np.ndarray, cfg: ContactConfig
) -> list[tuple[int, int]]:
    """Frame runs [a, b) at rest; two at the same place with less than a swing between them are one (landmark jitter
    interrupted it)."""
    runs: list[tuple[int, int]] = []
    for a, b in _runs(at_rest):
        if (
            runs
            and t[a] - t[runs[-1][1] - 1] < cfg.min_swing_s
            and same_place(pos[runs[-1][1] - 1], pos[a], place_px[a])
        ):
            runs[-1] = (runs[-1][0], b)
        else:
            runs.append((a, b))
    return runs


def _low(y: np.ndarray, slow: np.ndarray, runs: list[tuple[int, int]], tol: np.ndarray) -> np.ndarray:
    """(2, n) bool: heel / toe no higher in the picture than tol (n,) pixels above where it rests in its run (the
    median image height of its slow frames there): a foot hovering slowly in the air is not on the floor."""
    out = np.zeros(slow.shape, bool)
    for a, b in runs:
        for k in range(2):
            still = slow[k, a:b] & np.isfinite(y[a:b, k])
            if still.any():
                out[k, a:b] = y[a:b, k] >= np.median(y[a:b, k][still]) - tol[a:b]
    return out


def _toe_end(a: int, b: int, toe_rest: np.ndarray) -> tuple[int, int]:
    """A rest [a, b) ending where its toe last rests (toe off is the toe leaving the floor: Bruening and Ridge 2014; the
    heel has risen before), when the toe rested in it at all."""
    on = np.flatnonzero(toe_rest[a:b])
    return (a, a + int(on[-1]) + 1) if len(on) else (a, b)


def label_rests(motion: FootMotion, side: str, cfg: ContactConfig = ContactConfig()) -> list[Rest]:
    """The rests of the foot the pose model labels `side`, in time order: heel or toe slow (relative to the walking
    speed) and down at the height where it rests."""
    t, w = motion.t_s, motion.walking_speed
    heel, toe = motion.speed[side]["heel"], motion.speed[side]["toe"]
    seen = np.isfinite(heel) | np.isfinite(toe)
    if not (seen & (w > 0)).any():
        return []
    ratio = np.stack([heel / (cfg.heel_rest * w), toe / (cfg.toe_rest * w)])  # below 1 = slow
    pos, leg = motion.position[side], motion.leg_px
    slow = ratio < 1.0
    low = _low(pos[..., 1], slow, _rest_runs(t, slow.any(0) & seen, pos, motion.place_px, cfg), cfg.height_leg * leg)
    rest = (slow & low).any(0) & seen
    level = np.where(rest, 0.0, np.fmin(ratio[0], ratio[1]))
    toe_rest = slow[1] & low[1]
    runs = [_toe_end(a, b, toe_rest) for a, b in _rest_runs(t, rest, pos, motion.place_px, cfg)]
    out = []
    for k, (a, b) in enumerate(runs):
        before = runs[k - 1][1] if k else 0
        after = runs[k + 1][0] if k + 1 < len(runs) else len(t)
        moving_in = seen[before:a].all() and a > before and (before > 0 or t[a] - t[0] >= cfg.seen_moving_s)
        moving_out = seen[b:after].all() and after > b and (after < len(t) or t[-1] - t[b] >= cfg.seen_moving_s)
        hs = _crossing_s(t, level, a, 1.0) if moving_in else np.nan
        to = _rising_s(t, toe / (cfg.toe_off * w), b, after) if moving_out else np.nan
        swing_in = float(t[a] - t[before - 1]) if k and moving_in else np.inf
        out.append(Rest(side, a, b, hs, to, swing_in, pos[a], pos[b - 1]))
    return out


def same_place(p: np.ndarray, q: np.ndarray, tolerance_px: float) -> bool:
    """Whether a foot at heel and toe positions p (2, 2) and one at q (pixels, ground-relative) are on the same
    footprint: the heels or the toes within the tolerance (the foot turns about its heel after heel strike and
    about its toe before toe off, so one of them stays put)."""
    d = np.linalg.norm(np.asarray(p) - np.asarray(q), axis=-1)
    return bool(np.any(d[np.isfinite(d)] <= tolerance_px))
