"""Seated and upright frames and the transitions between them (sit-to-stand, stand-to-sit), shared by the chair
stand test and the Timed Up and Go.

Upright is relative to the person's own standing posture, as the tests' protocols ask ("stand up fully": Jones, Rikli
& Beam 1999), so a hip flexion contracture does not hide every stand: every seen hip and knee within UPRIGHT_BAND_DEG
of the person's standing posture, and never more bent than STANDING_MAX_DEG. Seated is every seen hip and knee flexed
at least SEATED_MIN_DEG: both legs, so that one leg swinging high in a step is no seat. The moments come from the
body's own events:
- first movement: the forward trunk lean that starts the rise has exceeded LEAN_ONSET_DEG above its lowest value
  before it (outside the sway of quiet sitting and the few degrees of pose noise);
- seat-off: the forward lean peaks between sitting and standing: the trunk flexes forward until the buttocks leave
  the seat, then extends as the hips and knees straighten (Schenkman et al. 1990, Phys Ther 70:638-648: the
  momentum-transfer phase starts at seat-off);
- upright: the first frame fully upright;
- seat contact: the forward lean of lowering peaks. The trunk flexes forward while the hips are lowered onto the seat
  and straightens once the seat takes the weight, the mirror of seat-off at peak trunk flexion in the rise
  (the mirror of seat-off).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.signal import find_peaks

from coach.assessments.signals import crossing_s, legs_deg, nan_extreme, trunk_lean_world_deg
from coach.types import AngleSeries, PoseSequence

#: Hips and knees within this many degrees of the person's standing posture are fully extended: about twice the 2D
#: video angle error (hip ~4 deg, knee ~5.6 deg MAE; Stenum et al. 2021).
UPRIGHT_BAND_DEG = 10.0
#: A posture with hips or knees bent more than this (deg) is never standing, whatever the person's reference.
STANDING_MAX_DEG = 40.0
#: Hips and knees both flexed at least this much (deg) is sitting: a standard 43-cm seat puts both near 90 deg.
SEATED_MIN_DEG = 60.0
#: Seat-off (peak lean) is searched from this long (s) before the last seated frame: rising starts from sitting.
SEAT_OFF_LOOKBACK_S = 0.5
#: The forward lean that starts a rise is counted from this far (deg) above its lowest value before it.
LEAN_ONSET_DEG = 10.0
#: How far back (s) before seat-off the lean that starts the rise is searched.
LEAN_LOOKBACK_S = 2.0
#: After reaching the seat, the lean peak that marks seat contact is searched this long (s).
SETTLE_S = 1.0
#: The lean peak of lowering stands at least this far (deg) above the lean when leaving upright, and out of its
#: surroundings by LEAN_PEAK_PROMINENCE_DEG: the sway of walking and the pose model's jitter (a degree or two) are
#: no peak.
SIT_LEAN_RISE_DEG = 5.0
LEAN_PEAK_PROMINENCE_DEG = 3.0


@dataclass(frozen=True)
class Posture:
    """Per-frame posture of a clip: t_s (T,); hip_deg and knee_deg (2, T) flexion of the left and right leg (deg, NaN
    unknown);
    lean_deg (T,) forward trunk lean from the world landmarks (deg); seated and upright (T,) bool; the person's own
    standing hip and knee flexion (deg, NaN when never standing)."""

    t_s: np.ndarray
    hip_deg: np.ndarray
    knee_deg: np.ndarray
    lean_deg: np.ndarray
    seated: np.ndarray
    upright: np.ndarray
    stand_hip_deg: float
    stand_knee_deg: float
    both_legs: bool = True

    def excess_deg(self) -> np.ndarray:
        """(T,) how far (deg) the more bent joint is from the upright limit, <= 0 when upright: of both legs, or of
        the straighter leg when `both_legs` is False (a person who walks off at once stands on one straight leg)."""
        hip = nan_extreme(self.hip_deg, self.both_legs) - min(self.stand_hip_deg + UPRIGHT_BAND_DEG, STANDING_MAX_DEG)
        knee = nan_extreme(self.knee_deg, self.both_legs) - min(
            self.stand_knee_deg + UPRIGHT_BAND_DEG, STANDING_MAX_DEG
        )
        return np.fmax(hip, knee)


def read_posture(poses: PoseSequence, angles: AngleSeries, both_legs: bool = True) -> Posture:
    """The posture signals of a cleaned clip and its angles; upright needs both legs straight, or one
    (`both_legs` False: for a test that walks off after rising)."""
    return posture_from(
        poses.t_s,
        legs_deg(angles, "hip_flex_{side}"),
        legs_deg(angles, "knee_flex_{side}"),
        trunk_lean_world_deg(poses),
        both_legs,
    )


def posture_from(
    t_s: np.ndarray, hip: np.ndarray, knee: np.ndarray, lean_deg: np.ndarray, both_legs: bool = True
) -> Posture:
    """Posture from (2, T) hip and knee flexion of the legs (deg, NaN unknown) and the forward lean (T,) (deg)."""
    hip_hi, knee_hi = nan_extreme(hip, True), nan_extreme(knee, True)
    standing = (hip_hi <= STANDING_MAX_DEG) & (knee_hi <= STANDING_MAX_DEG)
    ref_hip = float(np.median(hip_hi[standing])) if standing.any() else float("nan")
    ref_knee = float(np.median(knee_hi[standing])) if standing.any() else float("nan")
    seated = (nan_extreme(hip, False) >= SEATED_MIN_DEG) & (nan_extreme(knee, False) >= SEATED_MIN_DEG)
    p = Posture(t_s, hip, knee, lean_deg, seated, np.zeros(len(t_s), bool), ref_hip, ref_knee, both_legs)
    with np.errstate(invalid="ignore"):
        upright = p.excess_deg() <= 0.0
    return Posture(t_s, hip, knee, lean_deg, seated, upright, ref_hip, ref_knee, both_legs)


@dataclass(frozen=True)
class Rise:
    """One sit-to-stand: first forward movement, seat-off and first fully upright frame (s), the forward lean at
    seat-off (deg, world landmarks), and the frame indices of the last seated and first upright frames."""

    start_s: float
    seat_off_s: float
    upright_s: float
    lean_at_seat_off_deg: float
    seated_index: int
    upright_index: int


@dataclass(frozen=True)
class Sit:
    """One stand-to-sit: leaving upright and seat contact (s), the frame indices of the last upright and first
    seated frames."""

    leave_s: float
    seated_s: float
    upright_index: int
    seated_index: int


def _seat_off(p: Posture, s: int, u: int) -> int:
    """Seat-off frame between the last seated frame s and the first upright frame u: the forward lean peaks (the
    last seated frame when the lean is unknown)."""
    lo = int(np.searchsorted(p.t_s, p.t_s[s] - SEAT_OFF_LOOKBACK_S))
    window = np.arange(lo, u + 1)
    window = window[np.isfinite(p.lean_deg[window])]
    return int(window[np.argmax(p.lean_deg[window])]) if len(window) else s


def _lean_onset(p: Posture, peak: int, floor_index: int) -> float:
    """First forward movement of a rise whose lean peaks at frame `peak`: where the lean, counted from its lowest
    value before, first exceeds LEAN_ONSET_DEG; the peak's time when the lean never rose that much."""
    t, lean = p.t_s, p.lean_deg
    seat_off_s = float(t[peak])
    if not np.isfinite(lean[peak]):
        return seat_off_s
    lo = max(floor_index, int(np.searchsorted(t, t[peak] - LEAN_LOOKBACK_S)))
    before = np.arange(lo, peak + 1)
    before = before[np.isfinite(lean[before])]
    trough = int(before[np.argmin(lean[before])])
    level = lean[trough] + LEAN_ONSET_DEG
    for i in range(trough + 1, peak + 1):
        if lean[i] >= level:
            return min(crossing_s(t, lean, i, level), seat_off_s)
    return seat_off_s


def _seat_contact(p: Posture, leave: int, seated: int) -> float:
    """Seat contact of a sit: the first peak of the forward lean after leaving upright (searched until SETTLE_S
    after the first seated frame); the first seated frame's time when the lean has no peak."""
    t, lean = p.t_s, p.lean_deg
    stop = min(len(t), int(np.searchsorted(t, t[seated] + SETTLE_S)) + 1)
    part = lean[leave:stop]
    known = np.isfinite(part)
    if known.sum() < 3:
        return float(t[seated])
    filled = np.interp(np.arange(len(part)), np.flatnonzero(known), part[known])
    peaks, _ = find_peaks(filled, prominence=LEAN_PEAK_PROMINENCE_DEG)
    high = [i for i in peaks if filled[i] >= filled[0] + SIT_LEAN_RISE_DEG]
    return float(t[leave + high[0]]) if high else float(t[seated])


def transitions(p: Posture) -> tuple[list[Rise], list[Sit]]:
    """Every rise from seated to upright and every sit from upright to seated, in time order."""
    rises, sits = [], []
    last_seated = last_upright = -1
    state = ""
    floor = 0
    with np.errstate(invalid="ignore"):
        excess = p.excess_deg()
    for i in range(len(p.t_s)):
        if p.seated[i]:
            if state == "upright":
                sits.append(Sit(float(p.t_s[last_upright]), _seat_contact(p, last_upright, i), last_upright, i))
                floor = last_upright
            state, last_seated = "seated", i
        elif p.upright[i]:
            if state == "seated":
                off = _seat_off(p, last_seated, i)
                rises.append(
                    Rise(
                        _lean_onset(p, off, floor),
                        float(p.t_s[off]),
                        crossing_s(p.t_s, excess, i, 0.0),
                        float(p.lean_deg[off]),
                        last_seated,
                        i,
                    )
                )
            state, last_upright = "upright", i
    return rises, [_before_next_rise(s, rises, p.t_s) for s in sits]


def _before_next_rise(sit: Sit, rises: list[Rise], t_s: np.ndarray) -> Sit:
    """A sit whose lean peak is the next rise's own (the person rose again without sitting back first) takes its
    first seated frame as seat contact."""
    later = [r for r in rises if r.seated_index >= sit.seated_index]
    if later and sit.seated_s >= later[0].seat_off_s:
        return Sit(sit.leave_s, float(t_s[sit.seated_index]), sit.upright_index, sit.seated_index)
    return sit
