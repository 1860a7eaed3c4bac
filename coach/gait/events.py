"""Heel strikes and toe offs per foot (Zeni, Richards, Higginson 2008, Gait & Posture 27:710-714).

Coordinate-based: along the walking direction and relative to the pelvis, a heel strike is a maximum of the heel
position and a toe off a minimum of the toe position. The striking heel is then the foremost one and the lifting toe
the hindmost, so extrema are searched on the foremost-heel (hindmost-toe) envelope, and each event's foot is the
one the pose model labels there. Pose models swap the legs in side views now and then, so the feet are finally
assigned by alternation (heel strikes, and toe offs, alternate between the feet), the labels only voting for the
phase; whether the label agreed is kept per event.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.signal import find_peaks

from coach.filtering import nan_runs
from coach.gait.passes import WalkPass
from coach.landmarks import SIDES

KINDS = ("HS", "TO")


@dataclass(frozen=True)
class EventConfig:
    """Event detection: min_interval_s (s) between two events of a kind (either foot); prominence_leg: an extremum
    must stand out by this fraction of the leg length; break_factor: an interval longer than this times the median
    interval means an event was missed, so foot alternation restarts after it."""

    min_interval_s: float = 0.25
    prominence_leg: float = 0.1
    break_factor: float = 1.6


@dataclass(frozen=True)
class GaitEvents:
    """Gait events as a table, in time order: t_s (N,) seconds (sub-frame), side (N,) 'left'/'right', kind (N,)
    'HS'/'TO', frame (N,) nearest frame index, pass_index (N,), label_agrees (N,) bool: the pose model's own leg
    label matched the foot given by alternation."""

    t_s: np.ndarray
    side: np.ndarray
    kind: np.ndarray
    frame: np.ndarray
    pass_index: np.ndarray
    label_agrees: np.ndarray

    def __post_init__(self) -> None:
        n = len(self.t_s)
        for name in ("side", "kind", "frame", "pass_index", "label_agrees"):
            if len(getattr(self, name)) != n:
                raise ValueError(f"{name} has {len(getattr(self, name))} rows, expected {n}")
        if n > 1 and np.any(np.diff(self.t_s) < 0):
            raise ValueError("events must be in time order")
        if not (np.isin(self.side, SIDES).all() and np.isin(self.kind, KINDS).all()):
            raise ValueError("side must be left/right and kind HS/TO")

    def __len__(self) -> int:
        return len(self.t_s)

    def times(self, kind: str, side: str) -> np.ndarray:
        """Times (s) of one kind of event of one foot."""
        return self.t_s[(self.kind == kind) & (self.side == side)]

    def count(self, kind: str, side: str) -> int:
        """How many events of a kind one foot has."""
        return int(np.sum((self.kind == kind) & (self.side == side)))

    @classmethod
    def concat(cls, parts: list[GaitEvents]) -> GaitEvents:
        """Join event tables and sort them in time."""
        if not parts:
            return cls(np.zeros(0), np.zeros(0, "<U5"), np.zeros(0, "<U2"), np.zeros(0, int), np.zeros(0, int),
                       np.zeros(0, bool))
        cols = [np.concatenate([getattr(p, c) for p in parts]) for c in
                ("t_s", "side", "kind", "frame", "pass_index", "label_agrees")]
        order = np.argsort(cols[0], kind="stable")
        return cls(*(c[order] for c in cols))

    def to_frame(self) -> tuple[list[str], list[list]]:
        """events.csv: header and rows."""
        header = ["t_s", "side", "kind", "frame", "pass", "label_agrees"]
        rows = [[round(float(t), 4), str(s), str(k), int(f), int(p), bool(a)] for t, s, k, f, p, a in
                zip(self.t_s, self.side, self.kind, self.frame, self.pass_index, self.label_agrees)]
        return header, rows


def refine_peak_s(t_s: np.ndarray, y: np.ndarray, i: int) -> float:
    """Sub-frame time of the maximum at sample i by a parabola through its neighbours (i itself at the ends)."""
    if i <= 0 or i >= len(y) - 1 or not np.isfinite(y[i - 1:i + 2]).all():
        return float(t_s[i])
    den = y[i - 1] - 2 * y[i] + y[i + 1]
    if den >= 0:
        return float(t_s[i])
    off = float(np.clip(0.5 * (y[i - 1] - y[i + 1]) / den, -0.5, 0.5))
    step = t_s[i + 1] - t_s[i] if off > 0 else t_s[i] - t_s[i - 1]
    return float(t_s[i] + off * step)


def envelope_peaks(t_s: np.ndarray, y: np.ndarray, min_interval_s: float, prominence: float) -> list[tuple[float, int]]:
    """(time, index) of the maxima of y (T,), searched on each finite run separately (never across a gap)."""
    dt = float(np.median(np.diff(t_s))) if len(t_s) > 1 else 1.0
    out = []
    for a, b in nan_runs(np.isfinite(y)):
        if b - a < 3:
            continue
        idx, _ = find_peaks(y[a:b], prominence=prominence, distance=max(1, int(min_interval_s / dt)))
        out += [(refine_peak_s(t_s[a:b], y[a:b], int(i)), int(a + i)) for i in idx]
    return out


def assign_sides(t_s: np.ndarray, labels: np.ndarray, break_factor: float) -> np.ndarray:
    """Feet for a run of same-kind events by alternation: within each chain (split where an interval is longer
    than break_factor x the median, i.e. an event was missed) the labels (0 left, 1 right) vote for the phase."""
    n = len(t_s)
    if n == 0:
        return np.zeros(0, int)
    gaps = np.diff(t_s)
    limit = break_factor * float(np.median(gaps)) if len(gaps) else np.inf
    starts = np.concatenate([[0], np.flatnonzero(gaps > limit) + 1, [n]])
    out = np.zeros(n, int)
    for a, b in zip(starts[:-1], starts[1:]):
        parity = np.arange(b - a) % 2
        agree = int(np.sum(labels[a:b] == parity))
        first = 0 if agree * 2 > (b - a) or (agree * 2 == (b - a) and labels[a] == 0) else 1
        out[a:b] = (parity + first) % 2
    return out


def detect_pass_events(t_s: np.ndarray, walk: WalkPass, cfg: EventConfig = EventConfig()) -> GaitEvents:
    """Heel strikes and toe offs of both feet in one pass (t_s are the pass's frame times)."""
    parts = []
    for kind, sig, sign in (("HS", walk.heel_ant, 1.0), ("TO", walk.toe_ant, -1.0)):
        both = np.stack([sign * sig[s] for s in SIDES])  # (2, n): maxima wanted
        ok = np.isfinite(both).all(axis=0)
        env = np.where(ok, np.nanmax(np.where(ok, both, -np.inf), axis=0), np.nan)
        peaks = envelope_peaks(t_s, env, cfg.min_interval_s, cfg.prominence_leg * walk.leg_length)
        if not peaks:
            continue
        times = np.array([p[0] for p in peaks])
        idx = np.array([p[1] for p in peaks])
        labels = np.argmax(both[:, idx], axis=0)
        feet = assign_sides(times, labels, cfg.break_factor)
        parts.append(GaitEvents(times, np.array(SIDES)[feet], np.full(len(times), kind), idx + walk.start,
                                np.full(len(times), walk.index), feet == labels))
    return GaitEvents.concat(parts)


def detect_events(t_s: np.ndarray, passes: list[WalkPass], cfg: EventConfig = EventConfig()) -> GaitEvents:
    """Events of every pass of a clip, in time order."""
    return GaitEvents.concat([detect_pass_events(t_s[p.start:p.stop], p, cfg) for p in passes])
