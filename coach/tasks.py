"""What coach can analyse, by name: a module with no imports, so the command line lists the tasks in its help without
loading the analysers (and scipy, PyAV, MediaPipe behind them). coach.analysis.ANALYSERS holds one analyser per name
but 'none' (angles only)."""

#: What `--exercise` accepts: angles only, gait, the exercises, 'auto' (coach recognises the exercise or assessment),
#: the assessments.
TASKS = (
    "none",
    "gait",
    "march",
    "lunge",
    "slr",
    "auto",
    "chair-stand",
    "tug",
    "single-leg-stance",
    "hip-abduction",
    "knee-to-chest",
    "hip-flexor-stretch",
)

#: Tasks done lying down, or that may be ('auto' recognises them; 'none' measures any posture). Only for these does
#: the pose stage look for a person lying down (coach.pose.PoseConfig.lying): the probe costs two more model calls
#: every half second, and a standing person bent level for a moment (a balance reach) switches on a third model call a
#: frame, on clips where nobody lies down.
MAY_LIE = frozenset({"none", "auto", "slr", "knee-to-chest"})


def lying_probes(task: str) -> str:
    """PoseConfig.lying for a task: 'auto' (probe for a person lying down) for MAY_LIE, else 'never'."""
    return "auto" if task in MAY_LIE else "never"
