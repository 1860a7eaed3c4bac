"""Footprints and whose they are: the rests of the two labelled feet joined into footprints, each given to the foot
that made it by the continuity of walking, then the two feet named left and right by the pose model's labels.

The pose model labels the legs but swaps them now and then in side views (most often where the feet pass each other)
and may put both labels on one foot while the other is hidden. A rest of one label that another label takes over at
the same place (a swap, the two labels sharing the foot for a frame or two as they exchange) is one footprint; a label
that jumps onto a place where the other label already rests, faster than any swing could carry a foot there, has
collapsed onto that foot and is the same footprint too, as are both labels landing on one place at once (the pose
model following one foot with both while the other is hidden: two feet never land together). Two feet resting side by
side (a step-to gait) stay two footprints, because each of them was reached by a real swing, one after the other, and
they share a double support.

Whose footprint: a foot lands while the other stands (walking always has a double support), so a footprint that
starts while another is on the floor, or a step away from one that ended less than a swing before (a short double
support that the speed thresholds cut), belongs to the other foot; without one (the other foot unseen), to the foot
that last lifted off (it is the one in the air). Nothing assumes the feet alternate or pass the pelvis: a foot that
steps twice in a row (turning, shuffling) keeps its footprints, and a step-to gait is read as it is.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from coach.gait.contact import ContactConfig, FootMotion, Rest, label_rests, same_place
from coach.landmarks import SIDES


@dataclass(frozen=True)
class Footprint:
    """One footprint in a pass: frames [start, stop); heel strike and toe off times (s, NaN where not seen); the
    foot that made it ('left'/'right'); label_share: share of its frames the pose model labelled as that foot."""

    start: int
    stop: int
    hs_s: float
    to_s: float
    side: str
    label_share: float


def _find(parent: list[int], i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def _between_s(a: Rest, b: Rest, t_s: np.ndarray) -> float:
    """Time (s) from rest `a` ending to rest `b` starting, negative when they overlap: from a's toe off to b's heel
    strike where both were timed (between frames, so that a double support is measured as one even when the slowing
    and speeding feet leave a single frame of it at rest: at 15 fps a step-to's 0.15 s double support shows as one
    shared frame), else between the frames."""
    if np.isfinite(a.to_s) and np.isfinite(b.hs_s):
        return float(b.hs_s - a.to_s)
    return float(t_s[min(b.start, len(t_s) - 1)] - t_s[a.stop - 1])


def _joined(rests: list[Rest], t_s: np.ndarray, motion: FootMotion, cfg: ContactConfig) -> list[list[Rest]]:
    """Groups of rests that are one footprint: a swap (one label ends where the other starts, at the same place, within
    a swing's time, or less than a double support before), a collapse (a label that jumped onto the place where the
    other label rests) or a double label (both labels landing at the same place at once, within swap_overlap_s: the
    pose model following one foot with both while the other is hidden; two feet never land together in walking, one
    stands while the other lands, and a step-to's trailing foot lands beside the leading one a swing after it)."""
    parent = list(range(len(rests)))
    for i, a in enumerate(rests):
        for j, b in enumerate(rests):
            if i == j or a.label == b.label or b.start < a.start:
                continue
            gap = _between_s(a, b, t_s)
            tol = motion.place_px[b.start]
            handoff = -cfg.swap_overlap_s <= gap < cfg.min_swing_s and same_place(a.last, b.first, tol)
            overlap = b.start < a.stop
            collapse = (
                overlap
                and b.swing_in_s < cfg.min_swing_s
                and same_place(motion.position[a.label][b.start], b.first, tol)
            )
            together = abs(b.hs_s - a.hs_s) <= cfg.swap_overlap_s and overlap and same_place(a.first, b.first, tol)
            if handoff or collapse or together:
                parent[_find(parent, j)] = _find(parent, i)
    groups: dict[int, list[Rest]] = {}
    for i, r in enumerate(rests):
        groups.setdefault(_find(parent, i), []).append(r)
    return sorted(groups.values(), key=lambda g: min(r.start for r in g))


def _owners(
    spans: list[tuple[int, int]],
    t_s: np.ndarray,
    cfg: ContactConfig,
    apart: Callable[[int, int], bool] = lambda j, k: True,
) -> list[int]:
    """Foot (chain 0 or 1, -1 unknown) of each footprint (start, stop), in start order: the other foot than one still
    on the floor when it starts, or than one lifted less than a swing before from further away than the shortest step
    (`apart(j, k)`: footprint k starts that far from where j ended; no foot swings a step that fast, so the two were a
    double support that the speed thresholds cut short); else the foot that last lifted off, within a swing's time."""
    owner = [-1] * len(spans)
    for k, (a, _) in enumerate(spans):
        standing = [
            j
            for j in range(k)
            if spans[j][0] <= a
            and owner[j] >= 0
            and (a < spans[j][1] or (t_s[a] - t_s[spans[j][1] - 1] < cfg.min_swing_s and apart(j, k)))
        ]
        lifted = [
            j
            for j in range(k)
            if spans[j][1] <= a and owner[j] >= 0 and t_s[a] - t_s[spans[j][1] - 1] <= cfg.max_swing_s
        ]
        if standing:
            owner[k] = 1 - owner[standing[-1]]
        elif lifted:
            owner[k] = owner[max(lifted, key=lambda j: spans[j][1])]
        else:
            owner[k] = 0 if not any(o >= 0 for o in owner[:k]) else -1
    return owner


def _stance_or_cut(group: list[Rest], t_s: np.ndarray, cfg: ContactConfig) -> bool:
    """Whether rests joined into one footprint are a stance: at least the shortest stance long, or cut short by what
    was not seen (its landing or its lift happened before the pass began, after it ended or while the foot was hidden,
    so the stance lasted longer than the part seen; a quiet start, or a step at the picture's edge, is one)."""
    first, last = min(group, key=lambda r: r.start), max(group, key=lambda r: r.stop)
    seen_whole = np.isfinite(first.hs_s) and np.isfinite(last.to_s)
    return not seen_whole or t_s[last.stop - 1] - t_s[first.start] >= cfg.min_stance_s


def footprints(motion: FootMotion, cfg: ContactConfig = ContactConfig()) -> list[Footprint]:
    """The footprints of one pass, in time order, each with the foot that made it."""
    t = motion.t_s
    rests = sorted((r for s in SIDES for r in label_rests(motion, s, cfg)), key=lambda r: r.start)
    groups = [g for g in _joined(rests, t, motion, cfg) if _stance_or_cut(g, t, cfg)]
    spans = [(min(r.start for r in g), max(r.stop for r in g)) for g in groups]
    ends = [max(g, key=lambda r: r.stop).last for g in groups]
    begins = [min(g, key=lambda r: r.start).first for g in groups]
    step_px = motion.place_px * cfg.shortest_step_leg / cfg.same_place_leg
    chain = _owners(spans, t, cfg, lambda j, k: not same_place(ends[j], begins[k], step_px[spans[k][0]]))
    votes = np.zeros(2)  # frames labelled consistently with chain 0 = left (index 0) or chain 0 = right (index 1)
    for g, c in zip(groups, chain):
        for r in g:
            n = r.stop - r.start
            if c >= 0:
                votes[int((r.label == "left") != (c == 0))] += n
    names = ("left", "right") if votes[0] >= votes[1] else ("right", "left")
    out = []
    for g, c, (a, b) in zip(groups, chain, spans):
        labelled = {s: sum(r.stop - r.start for r in g if r.label == s) for s in SIDES}
        side = names[c] if c >= 0 else max(labelled, key=lambda s: labelled[s])
        first, last = min(g, key=lambda r: r.start), max(g, key=lambda r: r.stop)
        out.append(Footprint(a, b, first.hs_s, last.to_s, side, labelled[side] / max(1, sum(labelled.values()))))
    return out
