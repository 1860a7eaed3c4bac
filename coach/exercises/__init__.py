"""Exercise coaching: a shared rep engine (reps.py) driven by exercise specs (march.py, lunge.py, slr.py), form
judging (form.py), camera set-up check (setup.py), results (result.py), live/offline sessions (session.py) and
recognition of the exercise from the motion (recognise.py)."""

from collections.abc import Callable
from functools import partial

from coach.config import ClinicalConfig, default_config
from coach.exercises.lunge import SPEC as LUNGE
from coach.exercises.march import SPEC as MARCH
from coach.exercises.movements import Movements, NotCounted
from coach.exercises.recognise import Recognition, analyze_auto, recognise
from coach.exercises.reps import Rep, RepCounter, count_reps
from coach.exercises.result import ExerciseResult
from coach.exercises.session import ExerciseSession, analyze_exercise
from coach.exercises.slr import SPEC as SLR
from coach.exercises.spec import ExerciseSpec, Fault


def exercise_specs(config: ClinicalConfig) -> dict[str, ExerciseSpec]:
    """The exercise specs by name, with the clinical limits of `config`."""
    return {spec.name: spec.configured(config) for spec in (MARCH, LUNGE, SLR)}


def exercise_analysers(specs: dict[str, ExerciseSpec], config: ClinicalConfig | None = None) -> dict[str, Callable]:
    """Analysers for coach.analysis: name -> function(poses, angles) -> TaskResult ('auto' recognises first, and
    analyses a walk with the gait limits of `config`)."""
    return {name: partial(analyze_exercise, spec=spec) for name, spec in specs.items()} | {
        "auto": partial(analyze_auto, specs=specs, config=config)
    }


#: Exercise specs by name, with the clinical limits coach ships with (coach/config/defaults.toml).
SPECS: dict[str, ExerciseSpec] = exercise_specs(default_config())
#: Their analysers.
ANALYSERS = exercise_analysers(SPECS)

__all__ = [
    "ANALYSERS",
    "SPECS",
    "ExerciseResult",
    "ExerciseSession",
    "ExerciseSpec",
    "Fault",
    "Movements",
    "NotCounted",
    "Recognition",
    "Rep",
    "RepCounter",
    "analyze_auto",
    "analyze_exercise",
    "count_reps",
    "exercise_analysers",
    "exercise_specs",
    "recognise",
]
