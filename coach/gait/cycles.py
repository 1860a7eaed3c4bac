"""Strides from events: one stride per foot from a heel strike to its next one, kept only when the events inside
come in gait order (opposite toe off, opposite heel strike, own toe off) within one pass; every other stride comes
back rejected with the reason (a gap, a turn, an event out of order, an implausible duration)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from coach.gait.events import GaitEvents
from coach.gait.passes import WalkPass
from coach.landmarks import OTHER


@dataclass(frozen=True)
class CycleConfig:
    """Plausible stride durations (s): min_stride_s to max_stride_s (slow patients with a cane reach ~2.5 s)."""

    min_stride_s: float = 0.6
    max_stride_s: float = 3.0


@dataclass(frozen=True)
class Stride:
    """One accepted stride of `side`, times in s: heel strike, opposite toe off, opposite heel strike, own toe off,
    next heel strike; frame indices of its first and next heel strike; labels_agree: the pose model labelled the foot
    of every one of its events as coach did (else it swapped the legs somewhere and leg angles are unsafe)."""

    side: str
    pass_index: int
    hs_s: float
    opp_to_s: float
    opp_hs_s: float
    to_s: float
    next_hs_s: float
    start: int
    stop: int
    labels_agree: bool

    @property
    def stride_s(self) -> float:
        return self.next_hs_s - self.hs_s


@dataclass(frozen=True)
class RejectedStride:
    """A heel-strike pair that is not a usable stride, with the reason in plain words."""

    side: str
    start_s: float
    stop_s: float
    reason: str


def _boundary_reason(a: WalkPass, b: WalkPass) -> str:
    """Why two passes are separate: the person was lost (gap) or changed direction/view (turn)."""
    if a.mode == b.mode:
        return f"crosses a gap of {b.t_start_s - a.t_stop_s:.2f} s where the person was not seen"
    return "crosses a turn or change of direction between walking passes"


def _check_order(ev: GaitEvents, side: str, t0: float, t1: float) -> tuple[tuple[float, float, float] | None, str]:
    """(opposite TO, opposite HS, own TO) inside (t0, t1) if they come once each and in gait order, else a reason."""
    inside = (ev.t_s > t0) & (ev.t_s < t1)
    found = {}
    for key, (kind, foot) in {"opp_to": ("TO", OTHER[side]), "opp_hs": ("HS", OTHER[side]), "to": ("TO", side)}.items():
        times = ev.t_s[inside & (ev.kind == kind) & (ev.side == foot)]
        if len(times) != 1:
            return (
                None,
                f"{len(times)} {foot} {'heel strikes' if kind == 'HS' else 'toe offs'} "
                "between the heel strikes (expected 1)",
            )
        found[key] = float(times[0])
    if not found["opp_to"] < found["opp_hs"] < found["to"]:
        return None, "events out of gait order (expected opposite toe off, opposite heel strike, own toe off)"
    return (found["opp_to"], found["opp_hs"], found["to"]), ""


def assemble_strides(
    events: GaitEvents, passes: list[WalkPass], cfg: CycleConfig = CycleConfig()
) -> tuple[list[Stride], list[RejectedStride]]:
    """Accepted strides of both feet (in time order) and the rejected ones with their reasons."""
    by_index = {p.index: p for p in passes}
    kept, rejected = [], []
    for side in ("left", "right"):
        hs = np.flatnonzero((events.kind == "HS") & (events.side == side))
        for i, j in zip(hs[:-1], hs[1:]):
            t0, t1 = float(events.t_s[i]), float(events.t_s[j])
            pa, pb = int(events.pass_index[i]), int(events.pass_index[j])
            if pa != pb:
                rejected.append(RejectedStride(side, t0, t1, _boundary_reason(by_index[pa], by_index[pb])))
                continue
            if not cfg.min_stride_s <= t1 - t0 <= cfg.max_stride_s:
                rejected.append(
                    RejectedStride(
                        side,
                        t0,
                        t1,
                        f"implausible stride time {t1 - t0:.2f} s (allowed {cfg.min_stride_s}-{cfg.max_stride_s} s)",
                    )
                )
                continue
            times, reason = _check_order(events, side, t0, t1)
            if times is None:
                rejected.append(RejectedStride(side, t0, t1, reason))
                continue
            inside = (events.t_s >= t0) & (events.t_s <= t1)
            kept.append(
                Stride(
                    side,
                    pa,
                    t0,
                    *times,
                    t1,
                    int(events.frame[i]),
                    int(events.frame[j]),
                    bool(events.label_agrees[inside].all()),
                )
            )
    kept.sort(key=lambda s: s.hs_s)
    rejected.sort(key=lambda r: r.start_s)
    return kept, rejected
