"""Heel strikes and toe offs per foot, from foot contact.

Each footprint (coach.gait.footprints: a foot at rest on the floor, found from the speed of its heel and toe in the
picture, with the foot that made it) gives a heel strike where it starts and a toe off where it ends. Where a foot
lands ahead of the pelvis in a side view, the heel strike is refined to the moment the heel is furthest ahead of the
pelvis (Zeni, Richards, Higginson 2008, Gait & Posture 27:710-714: 94 % of heel strikes within a frame of force
plates on healthy walkers), searched only close to the contact found; a foot that never passes the pelvis (a step-to
or shuffling gait, a painful hip) keeps its contact time, so no event depends on both feet passing the pelvis.

Walking toward or away from the camera, a foot's travel is along the camera's axis, and in the picture the travel and
the lift of a foot partly cancel: walking away, a landing heel comes down while moving away (up in the picture), and
walking toward, a lifting toe goes up while coming nearer (down in the picture). The contact found there is blurred
by up to a third of a second, at heel strike from behind and at toe off from the front. The foot's own pitch is not:
the heel is highest above the toe in the picture as the toe leaves the floor, the ankle's plantar flexion peaking
then (Perry and Burnfield, Gait Analysis, 2010: ~20 deg at the start of initial swing) with the shank inclined
backward, and neither the camera's distance nor the foot's travel changes which of heel and toe is higher. So from
the front or behind the toe off is refined to the foot's steepest toes-down pitch near the contact's end, and from
behind the heel strike to its steepest toes-up pitch near the contact's start: the foot lands heel first with the
toes raised (Perry and Burnfield 2010: the foot ~20-25 deg to the floor at initial contact, after dorsiflexing
through terminal swing) and is lowered flat at once (loading response, ~0.1 s).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from coach.gait.contact import REFERENCE_STRIDE_S, ContactConfig, FootMotion, foot_motion
from coach.gait.footprints import Footprint, footprints
from coach.gait.passes import AWAY, WalkPass
from coach.landmarks import OTHER, SIDES

KINDS = ("HS", "TO")


@dataclass(frozen=True)
class EventConfig:
    """Event detection: contact rules (ContactConfig); zeni_before_s and zeni_after_s (s): the window around a contact's
    start where the heel's most anterior point (Zeni) may refine the heel strike (a frame or two of landmark delay
    either way, well under the ~0.1 s a heel takes to settle); pitch_search_s (s): from the front or behind, how far
    after a contact's end (and before it, back to the foot's landing or at least this far) the foot's steepest pitch
    may refine the toe off, and from behind how far before a contact's start (and after it, up to the shortest stance
    before the foot's lift, or at least this far) it may refine the heel strike (the contact there is blurred by ~0.3
    s; less than half the shortest stride, 0.6 s, so the search never reaches the foot's next toe off or previous
    heel strike)."""

    contact: ContactConfig = ContactConfig()
    zeni_before_s: float = 0.15
    zeni_after_s: float = 0.1
    pitch_search_s: float = 0.3

    def at_tempo(self, stride_s: float) -> EventConfig:
        """These rules for a walk whose stride takes stride_s seconds (ContactConfig.at_tempo): the contact rules and
        the pitch search, which spans a share of the stride, scaled; the Zeni window is landmark delay, not gait."""
        return replace(
            self,
            contact=self.contact.at_tempo(stride_s),
            pitch_search_s=self.pitch_search_s * stride_s / REFERENCE_STRIDE_S,
        )


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
            return cls(
                np.zeros(0),
                np.zeros(0, "<U5"),
                np.zeros(0, "<U2"),
                np.zeros(0, int),
                np.zeros(0, int),
                np.zeros(0, bool),
            )
        cols = [
            np.concatenate([getattr(p, c) for p in parts])
            for c in ("t_s", "side", "kind", "frame", "pass_index", "label_agrees")
        ]
        order = np.argsort(cols[0], kind="stable")
        return cls(*(c[order] for c in cols))

    def to_frame(self) -> tuple[list[str], list[list]]:
        """events.csv: header and rows."""
        header = ["t_s", "side", "kind", "frame", "pass", "label_agrees"]
        rows = [
            [round(float(t), 4), str(s), str(k), int(f), int(p), bool(a)]
            for t, s, k, f, p, a in zip(self.t_s, self.side, self.kind, self.frame, self.pass_index, self.label_agrees)
        ]
        return header, rows


def refine_peak_s(t_s: np.ndarray, y: np.ndarray, i: int) -> float:
    """Sub-frame time of the maximum at sample i by a parabola through its neighbours (i itself at the ends)."""
    if i <= 0 or i >= len(y) - 1 or not np.isfinite(y[i - 1 : i + 2]).all():
        return float(t_s[i])
    den = y[i - 1] - 2 * y[i] + y[i + 1]
    if den >= 0:
        return float(t_s[i])
    off = float(np.clip(0.5 * (y[i - 1] - y[i + 1]) / den, -0.5, 0.5))
    step = t_s[i + 1] - t_s[i] if off > 0 else t_s[i] - t_s[i - 1]
    return float(t_s[i] + off * step)


def peak_near_s(
    t_s: np.ndarray, y: np.ndarray, around_s: float, before_s: float, after_s: float, above: float = -np.inf
) -> float:
    """The time of y's maximum within [around_s - before_s, around_s + after_s], refined between frames, when it is
    an interior maximum higher than `above`; NaN otherwise (the signal was unseen there or still rising at an end)."""
    idx = np.flatnonzero((t_s >= around_s - before_s) & (t_s <= around_s + after_s))
    if len(idx) < 3 or not np.isfinite(y[idx]).all():
        return np.nan
    i = int(idx[np.argmax(y[idx])])
    if i in (idx[0], idx[-1]) or y[i] <= above:
        return np.nan
    return refine_peak_s(t_s, y, i)


def foot_pitch(motion: FootMotion, label: str) -> np.ndarray:
    """(n,) how far the heel is above the toe in the picture, in leg lengths (+ = toes down, as at toe off)."""
    p = motion.points[label]
    return (p["toe"][:, 1] - p["heel"][:, 1]) / motion.leg_px


def tangent_onset_s(t_s: np.ndarray, y: np.ndarray, i: int, extreme_s: float, rise: np.ndarray) -> float:
    """Where y's steepest rise over the frames `rise` (before an extreme of y at frame i, refined to extreme_s, or
    after it), extended along its tangent, reaches the extreme's level; extreme_s without any rise there."""
    speed = np.gradient(y, t_s)[rise]
    if not len(rise) or not np.isfinite(speed).all() or speed.max() <= 0:
        return extreme_s
    j = int(rise[np.argmax(speed)])
    lo, hi = sorted((float(t_s[j]), extreme_s))
    return float(np.clip(t_s[j] + (y[i] - y[j]) / speed.max(), lo, hi))


def pitch_toe_off_s(t_s: np.ndarray, pitch: np.ndarray, landed_s: float, contact_s: float, search_s: float) -> float:
    """The toe off near a contact's end from the foot's pitch: where the pitch stops rising, i.e. where its steepest
    rise before its peak (between the foot's landing, landed_s, and search_s after the contact's end: the heel is
    highest above the toe in a stance as the toe leaves, and the foot's previous toe off came before its landing),
    extended, reaches the peak's height (a tangent onset: the heel rises about the planted toe until the toe leaves
    and the pitch then levels off, and a low-pass filter that rounds the top of the peak barely moves the tangent);
    NaN when there is no peak there."""
    peak_s = peak_near_s(t_s, pitch, contact_s, max(contact_s - landed_s, search_s), search_s)
    if not np.isfinite(peak_s):
        return np.nan
    i = int(np.argmin(np.abs(t_s - peak_s)))
    return tangent_onset_s(t_s, pitch, i, peak_s, np.flatnonzero((t_s >= peak_s - search_s) & (t_s <= t_s[i])))


def pitch_heel_strike_s(
    t_s: np.ndarray, pitch: np.ndarray, contact_s: float, latest_s: float, search_s: float
) -> float:
    """The heel strike near a contact's start from the foot's pitch: where the pitch starts rising from its lowest
    (toes highest) between search_s before the contact's start and latest_s, the shortest stance before the foot's
    lift (the pitch falls through the swing to heel strike and rises through the stance to toe off, so the lowest
    point between is the landing, however blurred the contact), i.e. where its steepest rise after that lowest point,
    extended back, reaches the lowest level (a tangent onset: the foot is lowered flat at once after the heel lands, and
    a low-pass filter that rounds the bottom barely moves the tangent); NaN when there is no lowest point there."""
    low_s = peak_near_s(t_s, -pitch, contact_s, search_s, max(latest_s - contact_s, search_s))
    if not np.isfinite(low_s):
        return np.nan
    i = int(np.argmin(np.abs(t_s - low_s)))
    return tangent_onset_s(t_s, pitch, i, low_s, np.flatnonzero((t_s >= t_s[i]) & (t_s <= low_s + search_s)))


def _events_of(
    f: Footprint, motion: FootMotion, walk: WalkPass, cfg: EventConfig
) -> list[tuple[float, str, str, bool]]:
    """(time, side, kind, label agrees) of a footprint's observed heel strike and toe off: from the side a heel
    strike refined to the heel's most anterior point (Zeni), from the front or behind a toe off and from behind a
    heel strike refined to the foot's steepest pitch, where one is found near the contact."""
    agrees = f.label_share == 1.0
    label = f.side if f.label_share >= 0.5 else OTHER[f.side]
    hs, to = f.hs_s, f.to_s
    if walk.axis == "image_x" and np.isfinite(hs):
        z = peak_near_s(motion.t_s, walk.heel_ant[label], hs, cfg.zeni_before_s, cfg.zeni_after_s, above=0.0)
        hs = z if np.isfinite(z) else hs
    if walk.mode == AWAY and np.isfinite(hs):
        latest = (to if np.isfinite(to) else float(motion.t_s[f.stop - 1])) - cfg.contact.min_stance_s
        z = pitch_heel_strike_s(motion.t_s, foot_pitch(motion, label), hs, latest, cfg.pitch_search_s)
        hs = z if np.isfinite(z) else hs
    if walk.axis == "world_z" and np.isfinite(to):
        landed = hs if np.isfinite(hs) else float(motion.t_s[f.start])
        z = pitch_toe_off_s(motion.t_s, foot_pitch(motion, label), landed, to, cfg.pitch_search_s)
        to = z if np.isfinite(z) else to
    return [(t, f.side, kind, agrees) for t, kind in ((hs, "HS"), (to, "TO")) if np.isfinite(t)]


def detect_pass_events(
    t_s: np.ndarray, xy_px: np.ndarray, walk: WalkPass, cfg: EventConfig = EventConfig()
) -> tuple[GaitEvents, list[Footprint]]:
    """Heel strikes and toe offs of both feet in one pass (t_s, xy_px: the pass's frames) and its footprints."""
    motion = foot_motion(t_s, xy_px, cfg.contact)
    prints = footprints(motion, cfg.contact)
    rows = sorted(e for f in prints for e in _events_of(f, motion, walk, cfg))
    if not rows:
        return GaitEvents.concat([]), prints
    times = np.array([r[0] for r in rows])
    frame = np.clip(np.searchsorted(t_s, times), 0, len(t_s) - 1)
    frame = np.where((frame > 0) & (np.abs(t_s[frame - 1] - times) < np.abs(t_s[frame] - times)), frame - 1, frame)
    return GaitEvents(
        times,
        np.array([r[1] for r in rows]),
        np.array([r[2] for r in rows]),
        frame + walk.start,
        np.full(len(rows), walk.index),
        np.array([r[3] for r in rows]),
    ), prints


def detect_events(
    t_s: np.ndarray, xy_px: np.ndarray, passes: list[WalkPass], cfg: EventConfig = EventConfig()
) -> tuple[GaitEvents, list[list[Footprint]]]:
    """Events of every pass of a clip in time order, and each pass's footprints."""
    found = [detect_pass_events(t_s[p.start : p.stop], xy_px[p.start : p.stop], p, cfg) for p in passes]
    return GaitEvents.concat([e for e, _ in found]), [f for _, f in found]
