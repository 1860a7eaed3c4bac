"""Exercise coaching: a shared rep engine (reps.py) driven by exercise specs (march.py, lunge.py, slr.py), form
judging (form.py), camera set-up check (setup.py), results (result.py), live/offline sessions (session.py) and
recognition of the exercise from the motion (recognise.py)."""

from functools import partial

from coach.exercises.lunge import SPEC as LUNGE
from coach.exercises.march import SPEC as MARCH
from coach.exercises.movements import Movements, NotCounted
from coach.exercises.recognise import Recognition, analyze_auto, recognise
from coach.exercises.reps import Rep, RepCounter, count_reps
from coach.exercises.result import ExerciseResult
from coach.exercises.session import ExerciseSession, analyze_exercise
from coach.exercises.slr import SPEC as SLR
from coach.exercises.spec import ExerciseSpec, Fault

#: Exercise specs by name.
SPECS: dict[str, ExerciseSpec] = {"march": MARCH, "lunge": LUNGE, "slr": SLR}
#: Analysers for coach.analysis.ANALYSERS: name -> function(poses, angles) -> TaskResult ('auto' recognises first).
ANALYSERS = {name: partial(analyze_exercise, spec=spec) for name, spec in SPECS.items()} | {
    "auto": partial(analyze_auto, specs=SPECS)
}

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
    "recognise",
]
