"""Gait analysis (DESIGN.md section 6): walking passes, heel strikes and toe offs (Zeni et al. 2008), strides,
metrics per side, left/right symmetry with a verdict and plain-words findings."""

from __future__ import annotations

import numpy as np

from coach.gait.cycles import CycleConfig, assemble_strides
from coach.gait.events import EventConfig, GaitEvents, detect_events
from coach.gait.findings import gait_findings
from coach.gait.metrics import cadence_steps_per_min, side_summaries, stride_metrics
from coach.gait.passes import PassConfig, WalkPass, split_passes
from coach.gait.result import GaitResult
from coach.gait.symmetry import MIN_STRIDES, metric_symmetry, overall_verdict
from coach.types import AngleSeries, PoseSequence

#: Pelvis speed across the picture (leg lengths/s) below which a side-view pass is doubted as walking; slow
#: patient gait (~0.4 m/s) with a ~0.9 m leg is ~0.45 leg lengths/s.
MIN_SPEED_LEG_PER_S = 0.2

__all__ = ["GaitEvents", "GaitResult", "analyze_gait"]


def gait_warnings(passes: list[WalkPass], events: GaitEvents, strides: list) -> list[str]:
    """Plain-words warnings about how far to trust the gait numbers, each saying what to do."""
    out = []
    if not passes:
        return ["no walking pass found: film the person walking past the camera (side view) or toward it, whole "
                "body in view, for at least a few steps"]
    if any(p.axis == "world_z" for p in passes):
        out.append("some passes were filmed from the front: their events come from MediaPipe's estimated depth and "
                   "are less accurate than from a side view; hip and knee angles are withheld there")
    still = [p.index for p in passes if p.speed_leg_per_s < MIN_SPEED_LEG_PER_S]
    if still:
        out.append(f"the person hardly moved forward in pass(es) {', '.join(map(str, still))} (under "
                   f"{MIN_SPEED_LEG_PER_S} leg lengths a second): unless the camera followed them, this may not be "
                   "walking, and the gait numbers there are doubtful")
    n = {side: sum(1 for s, _ in strides if s.side == side) for side in ("left", "right")}
    if min(n.values()) < MIN_STRIDES:
        out.append(f"only {n['left']} left and {n['right']} right usable strides: at least {MIN_STRIDES} per side "
                   "are needed for a symmetry verdict; film a longer walk or several passes")
    swapped = int(np.sum(~events.label_agrees)) if len(events) else 0
    if swapped:
        out.append(f"the pose model mixed up the left and right feet at {swapped} of {len(events)} events; coach "
                   "assigned the feet by alternation and withheld leg angles in the strides concerned")
    return out


def analyze_gait(poses: PoseSequence, angles: AngleSeries, passes_cfg: PassConfig = PassConfig(),
                 events_cfg: EventConfig = EventConfig(), cycles_cfg: CycleConfig = CycleConfig()) -> GaitResult:
    """Gait analysis of a cleaned pose sequence and its angles."""
    passes = split_passes(poses, angles, passes_cfg)
    events = detect_events(poses.t_s, passes, events_cfg)
    strides, rejected = assemble_strides(events, passes, cycles_cfg)
    by_index = {p.index: p for p in passes}
    per_stride = [(s, stride_metrics(s, poses.t_s, angles, by_index[s.pass_index])) for s in strides]
    summaries = side_summaries(per_stride)
    sym = {name: metric_symmetry(name, sides["left"], sides["right"]) for name, sides in summaries.items()}
    return GaitResult(passes, events, per_stride, rejected, summaries, sym,
                      cadence_steps_per_min(events, events_cfg.break_factor), overall_verdict(sym),
                      gait_findings(summaries, sym), gait_warnings(passes, events, per_stride))
