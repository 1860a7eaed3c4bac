"""Judge one completed rep: which form rules it broke (faults with cues) and a 0-100 score."""

from __future__ import annotations

import math

from coach.exercises.spec import ExerciseSpec, Fault, RepTrace


def find_faults(trace: RepTrace, spec: ExerciseSpec) -> tuple[Fault, ...]:
    """The faults of a rep, in the spec's order of importance (a rule whose inputs are unknown does not fire, nor a
    rule about height or depth when the top of the rep was not seen)."""
    judged = (r for r in spec.all_rules if trace.peak_seen or not r.needs_peak)
    return tuple(Fault(r.code, r.cue) for r in judged if r.test(trace))


def depth_score(peak_deg: float, target_deg: tuple[float, float]) -> float:
    """0-100 for how far the key angle got: 100 from the low end of the target range up, proportional below it."""
    lo = target_deg[0]
    return 100.0 * max(0.0, min(1.0, peak_deg / lo)) if lo > 0 and math.isfinite(peak_deg) else 0.0


def rep_score(trace: RepTrace, spec: ExerciseSpec, faults: tuple[Fault, ...]) -> int:
    """Rep score 0-100: depth reached (not judged when the top was not seen), minus each fault's penalty."""
    penalty = sum(r.penalty for r in spec.all_rules if r.code in {f.code for f in faults})
    depth = depth_score(float(trace.key[trace.peak]), spec.target_deg) if trace.peak_seen else 100.0
    return int(round(max(0.0, depth - penalty)))
