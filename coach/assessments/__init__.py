"""Clinical assessments a physiotherapist repeats to follow a hip: the chair stand tests (30-second count and
five-times sit-to-stand), the Timed Up and Go, single-leg stance, and hip range of motion (standing abduction, supine
knee-to-chest, half-kneeling hip-flexor stretch), each compared with its published reference values (norms.py; the
values are [norms] of coach/config/defaults.toml).

Each analyser is a function (cleaned poses, angles) -> result with summary() and tables(), registered in
coach.analysis.ANALYSERS under its test name; 'auto' (recognise.py) recognises the assessments first and hands
anything else to the exercises' own recognition.
"""

from collections.abc import Callable
from typing import Any

from coach.assessments.chair_stand import ChairStandResult, analyze_chair_stand
from coach.assessments.hip_flexor_stretch import HipFlexorStretchResult, analyze_hip_flexor_stretch, stretch_timer
from coach.assessments.hold import Hold, HoldTimer
from coach.assessments.norms import Comparison, compare, compare_all
from coach.assessments.range_of_motion import RangeOfMotionResult, analyze_range_of_motion, rom_analysers, rom_specs
from coach.assessments.recognise import analyze_auto_all
from coach.assessments.single_leg_stance import SingleLegStanceResult, analyze_single_leg_stance
from coach.assessments.tug import TugResult, analyze_tug
from coach.config import default_config

#: Rep-counted range-of-motion movements with the default limits: spec and the summary key of their peak angle.
ROM_SPECS = rom_specs(default_config())
#: Analysers for coach.analysis.ANALYSERS: test name -> function(poses, angles) -> result.
ANALYSERS: dict[str, Callable[..., Any]] = {
    "chair-stand": analyze_chair_stand,
    "tug": analyze_tug,
    "single-leg-stance": analyze_single_leg_stance,
    **rom_analysers(default_config()),
    "hip-flexor-stretch": analyze_hip_flexor_stretch,
    "auto": analyze_auto_all,
}

__all__ = [
    "ANALYSERS",
    "ROM_SPECS",
    "ChairStandResult",
    "Comparison",
    "HipFlexorStretchResult",
    "Hold",
    "HoldTimer",
    "RangeOfMotionResult",
    "SingleLegStanceResult",
    "TugResult",
    "analyze_auto_all",
    "analyze_range_of_motion",
    "rom_analysers",
    "rom_specs",
    "compare",
    "compare_all",
    "stretch_timer",
]
