"""Gait analysis (DESIGN.md section 6): walking passes, the walk's rhythm (which times the contact rules to the
walker's own tempo, and checks the cadence), foot contacts and whose they are, heel strikes and toe offs, strides,
metrics per side, left/right symmetry with a verdict resting on timing, and plain-words findings."""

from __future__ import annotations

import numpy as np

from coach.config import ClinicalConfig
from coach.gait.cycles import CycleConfig, assemble_strides
from coach.gait.events import EventConfig, GaitEvents, detect_events
from coach.gait.findings import gait_findings
from coach.gait.metrics import cadence_steps_per_min, side_summaries, stride_metrics
from coach.gait.passes import PassConfig, split_passes
from coach.gait.result import GaitResult
from coach.gait.rhythm import walk_rhythm
from coach.gait.steady import steadied
from coach.gait.symmetry import metric_symmetry, overall_verdict
from coach.gait.trust import cadence_warnings, camera_warnings, gait_warnings, unfound_steps
from coach.types import AngleSeries, PoseSequence

__all__ = ["GaitEvents", "GaitResult", "analyze_gait"]


def analyze_gait(
    poses: PoseSequence,
    angles: AngleSeries,
    passes_cfg: PassConfig = PassConfig(),
    events_cfg: EventConfig = EventConfig(),
    cycles_cfg: CycleConfig = CycleConfig(),
    config: ClinicalConfig | None = None,
) -> GaitResult:
    """Gait analysis of a cleaned pose sequence and its angles; the symmetry verdicts with the limits of `config`
    (the defaults when None). Positions are read against the background, as a camera held still would see them."""
    poses = steadied(poses)
    passes = split_passes(poses, angles, passes_cfg)
    rhythm = walk_rhythm(poses.t_s, poses.xy_px, passes, cycles_cfg)
    if rhythm is not None:
        events_cfg = events_cfg.at_tempo(rhythm.stride_s)
    events, prints = detect_events(poses.t_s, poses.xy_px, passes, events_cfg)
    strides, rejected = assemble_strides(events, passes, cycles_cfg)
    cadence, cadence_from = cadence_steps_per_min(strides, events, rhythm.cadence_steps_per_min if rhythm else np.nan)
    unfound = unfound_steps(passes, prints, events, poses.t_s, 120.0 / cadence if cadence > 0 else np.nan)
    by_index = {p.index: p for p in passes}
    per_stride = [(s, stride_metrics(s, poses.t_s, angles, by_index[s.pass_index])) for s in strides]
    summaries = side_summaries(per_stride, angles)
    sym = {name: metric_symmetry(name, sides["left"], sides["right"], config) for name, sides in summaries.items()}
    return GaitResult(
        passes,
        events,
        per_stride,
        rejected,
        summaries,
        sym,
        cadence,
        cadence_from,
        rhythm,
        overall_verdict(sym),
        gait_findings(summaries, sym),
        gait_warnings(passes, prints, per_stride, poses.camera_px)
        + unfound
        + cadence_warnings(cadence, cadence_from, rhythm)
        + camera_warnings(passes, poses.camera_px),
    )
