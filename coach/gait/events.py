"""Heel strikes and toe offs per foot, from foot contact.

Each footprint (coach.gait.footprints: a foot at rest on the floor, found from the speed of its heel and toe in the
picture, with the foot that made it) gives a heel strike where it starts and a toe off where it ends. Where a foot
lands ahead of the pelvis in a side view, the heel strike is refined to the moment the heel is furthest ahead of the
pelvis (Zeni, Richards, Higginson 2008, Gait & Posture 27:710-714: 94 % of heel strikes within a frame of force
plates on healthy walkers), searched only close to the contact found; a foot that never passes the pelvis (a step-to
or shuffling gait, a painful hip) keeps its contact time, so no event depends on both feet passing the pelvis.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from coach.gait.contact import ContactConfig, foot_motion
from coach.gait.footprints import Footprint, footprints
from coach.gait.passes import WalkPass
from coach.landmarks import SIDES

KINDS = ("HS", "TO")
OTHER = {"left": "right", "right": "left"}


@dataclass(frozen=True)
class EventConfig:
    """Event detection: contact rules (ContactConfig); zeni_before_s and zeni_after_s (s): the window around a contact's
    start where the heel's most anterior point (Zeni) may refine the heel strike (a frame or two of landmark delay
    either way, well under the ~0.1 s a heel takes to settle)."""

    contact: ContactConfig = ContactConfig()
    zeni_before_s: float = 0.15
    zeni_after_s: float = 0.1


@dataclass(frozen=True)
class GaitEvents:
    """Gait events as a table, in time order: t_s (N,) seconds (sub-frame), side (N,) 'left'/'right', kind (N,)
    'HS'/'TO', frame (N,) nearest frame index, pass_index (N,), label_agrees (N,) bool: the pose model labelled the
    foot as coach did all through its footprint (else it swapped the legs there, and leg angles are unsafe)."""

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


def zeni_heel_strike_s(t_s: np.ndarray, heel_ant: np.ndarray, contact_s: float, cfg: EventConfig) -> float:
    """The time the heel is furthest ahead of the pelvis near a contact start (an interior maximum of heel_ant with
    the heel ahead of the pelvis), or NaN when there is none: the foot did not pass the pelvis, or was unseen."""
    idx = np.flatnonzero((t_s >= contact_s - cfg.zeni_before_s) & (t_s <= contact_s + cfg.zeni_after_s))
    if len(idx) < 3 or not np.isfinite(heel_ant[idx]).all():
        return np.nan
    i = int(idx[np.argmax(heel_ant[idx])])
    if i in (idx[0], idx[-1]) or heel_ant[i] <= 0:
        return np.nan
    return refine_peak_s(t_s, heel_ant, i)


def _events_of(f: Footprint, t_s: np.ndarray, walk: WalkPass, cfg: EventConfig) -> list[tuple[float, str, str, bool]]:
    """(time, side, kind, label agrees) of a footprint's observed heel strike and toe off."""
    out = []
    agrees = f.label_share == 1.0
    if np.isfinite(f.hs_s):
        hs = f.hs_s
        if walk.axis == "image_x":
            label = f.side if f.label_share >= 0.5 else OTHER[f.side]
            z = zeni_heel_strike_s(t_s, walk.heel_ant[label], f.hs_s, cfg)
            hs = z if np.isfinite(z) else hs
        out.append((hs, f.side, "HS", agrees))
    if np.isfinite(f.to_s):
        out.append((f.to_s, f.side, "TO", agrees))
    return out


def detect_pass_events(t_s: np.ndarray, xy_px: np.ndarray, walk: WalkPass,
                       cfg: EventConfig = EventConfig()) -> tuple[GaitEvents, list[Footprint]]:
    """Heel strikes and toe offs of both feet in one pass (t_s, xy_px: the pass's frames) and its footprints."""
    prints = footprints(foot_motion(t_s, xy_px, cfg.contact), cfg.contact)
    rows = sorted(e for f in prints for e in _events_of(f, t_s, walk, cfg))
    if not rows:
        return GaitEvents.concat([]), prints
    times = np.array([r[0] for r in rows])
    frame = np.clip(np.searchsorted(t_s, times), 0, len(t_s) - 1)
    frame = np.where((frame > 0) & (np.abs(t_s[frame - 1] - times) < np.abs(t_s[frame] - times)), frame - 1, frame)
    return GaitEvents(times, np.array([r[1] for r in rows]), np.array([r[2] for r in rows]), frame + walk.start,
                      np.full(len(rows), walk.index), np.array([r[3] for r in rows])), prints


def detect_events(t_s: np.ndarray, xy_px: np.ndarray, passes: list[WalkPass],
                  cfg: EventConfig = EventConfig()) -> tuple[GaitEvents, list[list[Footprint]]]:
    """Events of every pass of a clip in time order, and each pass's footprints."""
    found = [detect_pass_events(t_s[p.start:p.stop], xy_px[p.start:p.stop], p, cfg) for p in passes]
    return GaitEvents.concat([e for e, _ in found]), [f for _, f in found]
