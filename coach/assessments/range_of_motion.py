"""Range-of-motion movements counted by the shared rep engine (coach/exercises/reps.py): the reps per side as for
the exercises (summary.json `reps.left` / `reps.right`, reps.csv), plus the assessment part: the peak angle reached
per side and its comparison with the typical adult range."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

import numpy as np

from coach.assessments import hip_abduction, knee_to_chest
from coach.assessments.norms import Comparison, compare_all
from coach.assessments.result import envelope
from coach.assessments.signals import rounded
from coach.config import ClinicalConfig
from coach.exercises import ExerciseResult, ExerciseSpec, analyze_exercise
from coach.landmarks import SIDES
from coach.types import AngleSeries, PoseSequence

#: The summary key of each movement's peak angle.
MEASURES = {hip_abduction.MOVEMENT.name: "peak_abduction_deg", knee_to_chest.MOVEMENT.name: "peak_hip_flexion_deg"}


@dataclass(frozen=True)
class RangeOfMotionResult:
    """The exercise result of the movement (reps, per-side statistics, cues) under its test name, the summary key of
    its peak angle (e.g. 'peak_abduction_deg') and the norm comparisons of the best side."""

    test: str
    measure: str
    exercise: ExerciseResult
    norms: tuple[Comparison, ...]

    def peaks_deg(self) -> dict[str, float | None]:
        """The largest peak angle (deg) per side, None without reps."""
        return {s: max((r.peak_deg for r in self.exercise.reps if r.side == s), default=None) for s in SIDES}

    def summary(self) -> dict:
        """The exercise summary (reps per side, rep list, cues) with the assessment part added."""
        peaks = self.peaks_deg()
        part = {
            "reps": self.exercise.counts,
            self.measure: {s: rounded(v, 1) for s, v in peaks.items()},
            "peaks_deg": {s: [rounded(r.peak_deg, 1) for r in self.exercise.reps if r.side == s] for s in SIDES},
        }
        found = (
            [
                f"peak {self.measure.replace('peak_', '').replace('_deg', '').replace('_', ' ')} "
                f"{'; '.join(f'{s} {v:.0f} deg' for s, v in peaks.items() if v is not None)}"
            ]
            if any(v is not None for v in peaks.values())
            else []
        )
        env = envelope(self.test, part, self.norms, tuple(found), ())
        ex = self.exercise.summary()
        return ex | {"assessment": env["assessment"], "findings": ex["findings"] + env["findings"]}

    def tables(self) -> dict[str, tuple[list[str], list[list]]]:
        """reps.csv as for the exercises."""
        return self.exercise.tables()


def range_of_motion_result(
    ex: ExerciseResult, measure: str, config: ClinicalConfig | None = None
) -> RangeOfMotionResult:
    """The rep engine's result of a movement with its best peak compared with the adult range of `config` (the
    defaults when None), clip or live."""
    peaks = [r.peak_deg for r in ex.reps if np.isfinite(r.peak_deg)]
    norms = tuple(compare_all(ex.exercise, {measure: max(peaks) if peaks else None}, config=config))
    return RangeOfMotionResult(ex.exercise, measure, ex, norms)


def analyze_range_of_motion(
    poses: PoseSequence, angles: AngleSeries, spec: ExerciseSpec, measure: str, config: ClinicalConfig | None = None
) -> RangeOfMotionResult:
    """Count a range-of-motion movement with the rep engine and compare its best peak with the adult range (of
    `config`, the defaults when None)."""
    return range_of_motion_result(analyze_exercise(poses, angles, spec), measure, config)


def rom_specs(config: ClinicalConfig) -> dict[str, tuple[ExerciseSpec, str]]:
    """The rep-counted range-of-motion movements with the clinical limits of `config`: name -> (spec, the summary
    key of its peak angle)."""
    return {m.name: (m.configured(config), MEASURES[m.name]) for m in (hip_abduction.MOVEMENT, knee_to_chest.MOVEMENT)}


def rom_analysers(config: ClinicalConfig) -> dict[str, Callable[[PoseSequence, AngleSeries], RangeOfMotionResult]]:
    """The analysers of the range-of-motion movements with the clinical limits and references of `config`."""
    return {
        name: partial(analyze_range_of_motion, spec=spec, measure=measure, config=config)
        for name, (spec, measure) in rom_specs(config).items()
    }
