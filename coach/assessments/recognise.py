"""`--exercise auto` over the assessments too: each test's own analyser runs on the clip, and what the protocols
start from or hold decides before the exercises' recognition (coach/exercises/recognise.py) is asked:

- the chair tests start seated (Jones, Rikli & Beam 1999; Podsiadlo & Richardson 1991): a clip that starts seated
  and rises is a Timed Up and Go when the person walks, turns and sits again, else a chair stand test (a squat starts
  standing, and is neither);
- a balance trial or a stretch is held for many seconds (STANCE_HOLD_S, STRETCH_HOLD_S), while a march lift or a lunge
  passes through the position in a second or two;
- lying on the back, a knee brought past the vertical to the chest is knee-to-chest, not a straight-leg raise;
- standing, lifts out to the side that outnumber the march's and lunge's reps are hip abduction.

Anything else goes to the exercises' own `auto` unchanged.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import numpy as np

from coach.assessments.chair_stand import analyze_chair_stand
from coach.assessments.hip_flexor_stretch import analyze_hip_flexor_stretch
from coach.assessments.posture import read_posture
from coach.assessments.range_of_motion import analyze_range_of_motion, rom_specs
from coach.assessments.single_leg_stance import Trial, analyze_single_leg_stance
from coach.assessments.tug import analyze_tug
from coach.config import ClinicalConfig, default_config
from coach.exercises import SPECS, ExerciseSpec, analyze_auto
from coach.exercises.recognise import Recognition, WithRecognition
from coach.landmarks import OTHER
from coach.numbers import count_text
from coach.types import AngleSeries, PoseSequence, TaskResult

#: A foot held off the floor this long (s) is a balance trial: a march lift lasts 1-2 s.
STANCE_HOLD_S = 3.0
#: ... with the raised leg held: the balance tests stop the clock when the raised foot moves (Springer et al. 2007),
#: so it sways a few degrees; a leg swinging while the person stands on the other (leg swings at a chair) is an
#: exercise. A swing of 30 deg or more, peak to peak, spreads the hip's flexion over an interquartile range of 0.7 x
#: that or more (a sine's quartiles lie at +/- 0.71 of its amplitude): this spread (deg) is a swinging leg.
SWINGING_LEG_IQR_DEG = 20.0
#: A half-kneeling stretch held this long (s) is a stretch: a lunge is at the bottom for a second or two.
STRETCH_HOLD_S = 5.0
#: The clip starts seated when the first frames with a known posture (this long, s) are mostly seated.
START_S = 1.0
#: Standing lifts out to the side need at least this many reps to be named (one lift is a step or a shift).
MIN_ABDUCTION_REPS = 2


def starts_seated(poses: PoseSequence, angles: AngleSeries) -> bool:
    """Whether the person is seated in most of the first START_S seconds where the posture is known."""
    p = read_posture(poses, angles)
    known = np.isfinite(p.hip_deg).any(axis=0) & np.isfinite(p.knee_deg).any(axis=0)
    idx = np.flatnonzero(known)
    if not len(idx):
        return False
    first = idx[p.t_s[idx] <= p.t_s[idx[0]] + START_S]
    return bool(np.mean(p.seated[first]) > 0.5)


def _chair_test(
    poses: PoseSequence, angles: AngleSeries, config: ClinicalConfig | None = None
) -> tuple[Recognition, TaskResult] | None:
    """A Timed Up and Go or a chair stand test, when the clip starts seated and the person rises."""
    if not starts_seated(poses, angles):
        return None
    tug = analyze_tug(poses, angles, config)
    walked = any(p.name == "turn" and p.start_s is not None for p in tug.phases)
    if tug.total_s is not None and walked:
        return Recognition("tug", 0.9, "started seated, rose, walked, turned and sat down again"), tug
    chair = analyze_chair_stand(poses, angles, config)
    n = len(chair.stands)
    if n:
        return Recognition(
            "chair-stand", n / (n + 1), f"started seated and rose to full standing {count_text(n, 'time')}"
        ), chair
    return None


def raised_leg_held(trial: Trial, angles: AngleSeries) -> bool:
    """True when the raised leg of a stance trial was held through its hold (its hip flexion spread less than
    SWINGING_LEG_IQR_DEG), or when that is not known."""
    end = trial.touch_s if trial.touch_s is not None else float(angles.t_s[-1])
    during = (angles.t_s >= trial.lift_s) & (angles.t_s <= end)
    hip = angles.values[f"hip_flex_{OTHER[trial.standing_leg]}"][during]
    hip = hip[np.isfinite(hip)]
    return len(hip) < 2 or float(np.subtract(*np.percentile(hip, [75, 25]))) < SWINGING_LEG_IQR_DEG


def _held(
    poses: PoseSequence, angles: AngleSeries, config: ClinicalConfig | None = None
) -> tuple[Recognition, TaskResult] | None:
    """A balance trial or a stretch held for many seconds."""
    stretch = analyze_hip_flexor_stretch(poses, angles, config)
    if stretch.longest and stretch.longest.hold_s >= STRETCH_HOLD_S:
        return Recognition(
            "hip-flexor-stretch", 0.8, f"half-kneeling split stance held {stretch.longest.hold_s:.0f} s"
        ), stretch
    stance = analyze_single_leg_stance(poses, angles, config)
    best = max((t.hold_s for t in stance.trials if raised_leg_held(t, angles)), default=None)
    if best is not None and best >= STANCE_HOLD_S:
        return Recognition("single-leg-stance", 0.8, f"standing on one leg for up to {best:.0f} s"), stance
    return None


def _range_of_motion(
    poses: PoseSequence, angles: AngleSeries, rivals: dict[str, int], config: ClinicalConfig | None = None
) -> tuple[Recognition, TaskResult] | None:
    """Knee-to-chest lying (more reps than straight-leg raises), or hip abduction standing (more than marches and
    lunges), with the clinical limits of `config` (the defaults when None)."""
    specs = rom_specs(config or default_config())
    for name, posture, against in (
        ("knee-to-chest", "lying", ("slr",)),
        ("hip-abduction", "standing", ("march", "lunge")),
    ):
        spec, measure = specs[name]
        result = analyze_range_of_motion(poses, angles, spec, measure, config)
        n = len(result.exercise.reps)
        least = 1 if posture == "lying" else MIN_ABDUCTION_REPS
        if result.exercise.setup["posture"] == posture and n >= least and n > max(rivals.get(a, 0) for a in against):
            reps = result.exercise.counts
            return Recognition(
                spec.name, n / (n + 1), f"{posture}; {reps['left']} left and {reps['right']} right reps of {spec.name}"
            ), result
    return None


def _rival_reps(result: TaskResult) -> dict[str, int]:
    """Reps the exercises' recognition counted for its own choice (0 for the others, which it does not return)."""
    s = result.summary()
    task = s.get("recognised", {}).get("task", "")
    return {task: sum(s["reps"].values())} if isinstance(s.get("reps"), dict) else {}


def analyze_auto_all(
    poses: PoseSequence,
    angles: AngleSeries,
    specs: dict[str, ExerciseSpec] = SPECS,
    config: ClinicalConfig | None = None,
) -> TaskResult:
    """Recognise an assessment (compared with the references of `config`, the defaults when None) or, failing that,
    an exercise (`specs`, with their clinical limits) or walking (gait limits of `config`); the result carries
    `recognised`."""
    steps: tuple[Callable[[PoseSequence, AngleSeries], tuple[Recognition, TaskResult] | None], ...] = (
        partial(_chair_test, config=config),
        partial(_held, config=config),
    )
    for step in steps:
        found = step(poses, angles)
        if found:
            return WithRecognition(found[1], found[0].to_dict())
    exercise = analyze_auto(poses, angles, specs, config)
    if exercise.summary()["recognised"]["task"] == "gait":  # walking: no lift is a range-of-motion exercise
        return exercise
    found = _range_of_motion(poses, angles, _rival_reps(exercise), config)
    return WithRecognition(found[1], found[0].to_dict()) if found else exercise
