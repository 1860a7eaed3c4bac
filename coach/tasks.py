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
