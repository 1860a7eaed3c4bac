"""How far to trust the gait numbers, in plain words, each saying what to do: passes filmed from the front or behind,
a person hardly moving forward, stretches of a walk where no step was found or one foot's steps were lost, too few
strides, the pose model swapping the feet, a camera whose motion could not be measured, which leg was nearer the
camera (in a side view the far leg is half hidden: its angles are kept out of the comparison between the legs), and
what the cadence rests on (strides, the walk's rhythm, or single events; the rhythm checks the strides' cadence)."""

from __future__ import annotations

import numpy as np

from coach.gait.events import GaitEvents
from coach.gait.footprints import Footprint
from coach.gait.passes import DIRECTION_WORDS, WalkPass
from coach.gait.rhythm import Rhythm, RhythmConfig
from coach.gait.symmetry import MIN_STRIDES
from coach.landmarks import OTHER, SIDES
from coach.numbers import noun_for

#: Pelvis speed across the picture (leg lengths/s) below which a side-view pass is doubted as walking; slow
#: patient gait (~0.4 m/s) with a ~0.9 m leg is ~0.45 leg lengths/s.
MIN_SPEED_LEG_PER_S = 0.2
#: A stretch of a pass longer than this many strides (of the walk's own tempo) in which no footprint starts has lost
#: steps: each foot lands once a stride, so the landings of the two feet split every stride (a limp's unequal steps
#: at most ~0.3 and ~0.7 of it). Over 1.5 strides without one, two landings in a row or more were not found, which
#: landmark jitter alone (one landing lost here and there) does not do.
UNFOUND_STRIDES = 1.5
#: One foot: it lands within a stride of a pass's start (or stands from it) and again within a stride of its last
#: landing, so a foot with no landing that long after the start, or before the end, lost one; a quarter of a stride
#: more for the stride-to-stride variation of a foot's own stride (a few percent even in a limp: each foot's stride
#: lasts as long as the other's) and the frames a rest needs to be seen.
UNFOUND_EDGE_STRIDES = 1.25
#: The longest a foot swings, in strides: about 0.4 in healthy walking (Perry and Burnfield 2010) and up to about half
#: in a slow circumducting swing, never 0.6 (the foot's own stance holds the other foot's swing and two double
#: supports). A foot whose first event in a pass comes later than that as a landing stood at the pass's start, and
#: lifted off unseen; one whose last event is a lift that long before the pass's end landed unseen.
LONGEST_SWING_STRIDES = 0.6
#: Share of a walk's frames (its passes') in which the camera's motion could not be measured (coach.camera_motion:
#: a bare wall, the dark, a cut) from which the user is told: a camera moving there would look like the feet moving.
#: A tenth of a walk is about a stride of a short clip, the events of which could be mistimed.
UNFOLLOWED_SHARE = 0.1
#: The openings of the two warnings that name stretches of a walk where steps were not found (of either foot, of one).
NO_STEP = "no step was found in "
ONE_FOOT = "a foot's steps were not all found"
#: Asking for the walk that lets every number be trusted.
THERE_AND_BACK = "film a walk there and back past the camera, so that each leg passes nearest to it once"


def near_leg_note(passes: list[WalkPass]) -> str:
    """Which leg was nearer the camera in the side-view passes, and what that means ('' when both were)."""
    near = {p.near_side for p in passes if p.near_side}
    if not near or near == set(SIDES):
        return ""
    leg = near.pop()
    far = "left" if leg == "right" else "right"
    ways = sorted({DIRECTION_WORDS[p.mode] for p in passes if p.near_side})
    return (
        f"the {leg} leg was nearer the camera in every side-view pass (walking {' and '.join(ways)}); the {far} "
        f"leg was half hidden behind it, so its angles are less trustworthy and no angle is compared between the "
        f"legs (timing is, in any view): {THERE_AND_BACK}"
    )


def _unmeasured_share(passes: list[WalkPass], camera_px: np.ndarray) -> float:
    """Share of the passes' frames in which the camera's motion could not be measured."""
    frames = np.concatenate([np.arange(p.start, p.stop) for p in passes])
    return float(np.mean(~np.isfinite(camera_px[frames]).all(axis=1)))


def gait_warnings(
    passes: list[WalkPass], prints: list[list[Footprint]], strides: list, camera_px: np.ndarray | None
) -> list[str]:
    """Plain-words warnings about how far to trust the gait numbers, each saying what to do; `camera_px` the camera's
    measured motion (None where it was not measured: live, synthetic)."""
    if not passes:
        return [
            "no walking pass found: film the person walking past the camera (side view), toward it or away "
            "from it, whole body in view, for at least a few steps"
        ]
    out = []
    if any(p.axis == "world_z" for p in passes):
        out.append(
            "some passes were filmed from the front or behind: their events come from the feet's motion in the "
            "picture, less sharp than from the side, and hip and knee angles are withheld there"
        )
    still = [p for p in passes if p.speed_leg_per_s < MIN_SPEED_LEG_PER_S]
    if still:
        # where the camera's motion was measured, the speed is against the background (coach.gait.steady): a camera
        # following the walker no longer explains it
        against = (
            "against the background: this may be stepping on the spot or turning, not walking"
            if camera_px is not None and _unmeasured_share(still, camera_px) < UNFOLLOWED_SHARE
            else "in the picture: unless the camera followed them, this may not be walking"
        )
        out.append(
            f"the person hardly moved forward in {noun_for(len(still), 'pass', 'passes')} "
            f"{', '.join(str(p.index) for p in still)} (under {MIN_SPEED_LEG_PER_S} leg lengths a second {against}), "
            "and the gait numbers there are doubtful"
        )
    n = {side: sum(1 for s, _ in strides if s.side == side) for side in SIDES}
    if too_few_strides(n):
        out.append(
            (
                "no usable stride"
                if not any(n.values())
                else f"only {n['left']} left and {n['right']} right usable strides"
            )
            + f": at least {MIN_STRIDES} per side "
            f"are needed for a symmetry verdict; film a longer walk, or {THERE_AND_BACK}"
        )
    mixed = sum(1 for pp in prints for f in pp if f.label_share < 1.0)
    if mixed:
        total = sum(len(pp) for pp in prints)
        out.append(
            f"the pose model mixed up the left and right feet at {mixed} of {total} footprints; coach followed "
            "each foot by its contacts (a foot lands while the other stands) and withheld leg angles in the "
            "strides concerned"
        )
    note = near_leg_note(passes)
    return out + ([note] if note else [])


def _long_gaps(marks: list[float], limit_s: float, edge_s: float | None = None) -> list[tuple[float, float]]:
    """Stretches between consecutive times of `marks` (sorted) longer than limit_s, the first and the last longer
    than edge_s (limit_s when None)."""
    edge = limit_s if edge_s is None else edge_s
    last = len(marks) - 2
    return [(a, b) for k, (a, b) in enumerate(zip(marks, marks[1:])) if b - a > (edge if k in (0, last) else limit_s)]


def _spans_text(spans: list[tuple[float, float]]) -> str:
    """Time spans as text, overlapping or touching ones said as one ('2.3-4.2 s, 5.0-6.1 s')."""
    merged: list[list[float]] = []
    for a, b in sorted(spans):
        if merged and a <= merged[-1][1] + 0.1:  # said to a tenth of a second: touching spans read as one
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    return ", ".join(f"{a:.1f}-{b:.1f} s" for a, b in merged)


def _landings(p: WalkPass, pp: list[Footprint], events: GaitEvents, t_s: np.ndarray) -> dict[str, list[float]]:
    """Each foot's landings in a pass (s): its heel strikes, and where a footprint whose landing was not timed was
    first seen at rest."""
    in_pass = (events.kind == "HS") & (events.pass_index == p.index)
    return {
        side: sorted(
            [float(t) for t in events.t_s[in_pass & (events.side == side)]]
            + [float(t_s[p.start + f.start]) for f in pp if f.side == side and not np.isfinite(f.hs_s)]
        )
        for side in SIDES
    }


def _one_foot_lost(
    p: WalkPass,
    pp: list[Footprint],
    lands: dict[str, list[float]],
    events: GaitEvents,
    t_s: np.ndarray,
    stride_s: float,
) -> dict[str, list[tuple[float, float]]]:
    """Per foot, the stretches of a pass where its landings were lost while the other foot's were found: each foot
    lands once a stride, so it went UNFOUND_STRIDES strides without one (UNFOUND_EDGE_STRIDES from the pass's start or
    to its end), one footprint of it lasted longer than a stride and through two heel strikes of the other foot
    (two stances of a foot that barely moved in the picture, read as one: the other foot cannot land twice while this
    one stands), it landed twice without lifting between, or lifted twice without landing (the step between lost
    one of its events), or its first event is a landing, or its last a lift, more than LONGEST_SWING_STRIDES from
    the pass's start or end (it stood at the start and lifted unseen, or swung at the end and landed unseen)."""
    out: dict[str, list[tuple[float, float]]] = {}
    for side in SIDES:
        gaps = _long_gaps(
            [p.t_start_s, *lands[side], p.t_stop_s], UNFOUND_STRIDES * stride_s, UNFOUND_EDGE_STRIDES * stride_s
        )
        other = events.t_s[(events.kind == "HS") & (events.pass_index == p.index) & (events.side == OTHER[side])]
        stood = [(float(t_s[p.start + f.start]), float(t_s[p.start + f.stop - 1])) for f in pp if f.side == side]
        merged = [(a, b) for a, b in stood if b - a > stride_s and np.sum((other > a) & (other < b)) >= 2]
        own = (events.pass_index == p.index) & (events.side == side)
        kinds, times = events.kind[own], events.t_s[own]
        unpaired = [(float(times[i]), float(times[i + 1])) for i in range(len(times) - 1) if kinds[i] == kinds[i + 1]]
        edges = []
        if len(times) and kinds[0] == "HS" and times[0] - p.t_start_s > LONGEST_SWING_STRIDES * stride_s:
            edges.append((p.t_start_s, float(times[0])))  # it stood at the start: its lift was not found
        if len(times) and kinds[-1] == "TO" and p.t_stop_s - times[-1] > LONGEST_SWING_STRIDES * stride_s:
            edges.append((float(times[-1]), p.t_stop_s))  # it swung and landed before the end, unseen
        out[side] = sorted(gaps + merged + unpaired + edges)
    return out


def unfound_steps(
    passes: list[WalkPass], prints: list[list[Footprint]], events: GaitEvents, t_s: np.ndarray, stride_s: float
) -> list[str]:
    """Stretches of a pass over UNFOUND_STRIDES strides of `stride_s` seconds long where no step was found (from the
    pass's start to its first landing, between landings, from the last to its end), and, outside them, where one
    foot's landings were lost while the other's were found (_one_foot_lost): the numbers rest on the rest of the walk,
    and the user is told where and what may have hidden the steps."""
    if not np.isfinite(stride_s) or stride_s <= 0:
        return []
    spans: list[tuple[float, float]] = []
    feet: dict[str, list[tuple[float, float]]] = {side: [] for side in SIDES}
    for p, pp in zip(passes, prints):
        lands = _landings(p, pp, events, t_s)
        both = _long_gaps(
            [p.t_start_s, *sorted(lands["left"] + lands["right"]), p.t_stop_s], UNFOUND_STRIDES * stride_s
        )
        spans += both
        for side, stretches in _one_foot_lost(p, pp, lands, events, t_s, stride_s).items():
            # a foot's last landing before a stretch without any step is at most a stride before it, and its next one
            # at most a stride after: such a stretch of one foot is the stretch without any step, said once
            feet[side] += [
                (a, b) for a, b in stretches if not any(a >= lo - stride_s and b <= hi + stride_s for lo, hi in both)
            ]
    out = []
    if spans:
        out.append(
            f"{NO_STEP}{_spans_text(spans)} of the walk ({UNFOUND_STRIDES:g} strides or more without "
            "one): if the person was walking there, their feet's motion was too small or unclear in the picture (far "
            "from the camera, hidden or poorly lit), and the numbers rest on the rest of the walk; film closer, from "
            "the side, with the feet in view"
        )
    lost = [f"the {side} foot's in {_spans_text(feet[side])}" for side in SIDES if feet[side]]
    if lost:
        out.append(
            f"{ONE_FOOT}: {' and '.join(lost)} (each foot lands and lifts once a stride, "
            "and there it did not, or stood through two of the other foot's steps): that foot's motion was too small "
            "or unclear in the picture there, or its steps were taken for the other foot's; the strides there are "
            "left out. Film closer, from the side, with both feet in view"
        )
    return out


def camera_warnings(passes: list[WalkPass], camera_px: np.ndarray | None) -> list[str]:
    """A warning when the background could not be followed through UNFOLLOWED_SHARE or more of the walk's frames
    (none when the camera was not followed at all: live, synthetic)."""
    if camera_px is None or not passes:
        return []
    share = _unmeasured_share(passes, camera_px)
    if share < UNFOLLOWED_SHARE:
        return []
    return [
        f"the camera's own motion could not be measured in {share:.0%} of the walk's frames (too little of the "
        "background in view, the dark, or cuts in the clip): if the camera moved there, steps may be mistimed; "
        "hold the phone still, or keep some of the room around the walker in view"
    ]


def too_few_strides(strides_per_side: dict[str, int]) -> bool:
    """True when a side has fewer usable strides than a symmetry verdict needs: the trust warning then gives the
    counts and what to film (so outputs say it once, coach.report.words.once)."""
    return min(strides_per_side.get(s, 0) for s in SIDES) < MIN_STRIDES


def cadence_warnings(
    cadence: float, cadence_from: str, rhythm: Rhythm | None, cfg: RhythmConfig = RhythmConfig()
) -> list[str]:
    """What the cadence rests on when it is not the strides', and a cadence from the strides that the walk's rhythm
    contradicts (events missed or invented)."""
    if cadence_from == "rhythm" and rhythm is not None:
        return [
            f"too few strides to time from the events: the cadence comes from the walk's rhythm (how the feet's "
            f"positions repeat over {rhythm.seconds:.1f} s, strength {rhythm.strength:.2f} of 1); film a longer walk "
            "for strides and their symmetry"
        ]
    if cadence_from == "events":
        return [
            "too few strides to time and no clear rhythm: the cadence comes from the times between single events "
            "and is rough; film a longer walk"
        ]
    if rhythm and abs(cadence / rhythm.cadence_steps_per_min - 1.0) > cfg.agree_rel:
        return [
            f"the cadence counted from the events ({cadence:.0f} steps/min) and the walk's rhythm "
            f"({rhythm.cadence_steps_per_min:.0f}) differ by more than {cfg.agree_rel:.0%}: some steps may be "
            "missed or invented; check the annotated video"
        ]
    return []
