"""`--exercise auto`: recognise from the motion which exercise a clip shows (march, lunge, straight-leg raise),
walking (gait) or none of them, say how sure and why, and hand the clip to the right analyser.

Evidence, in order: the pelvis travelling across the picture (walking); the posture (lying: only a straight-leg
raise fits; standing: a march or a lunge); then every exercise's own rep engine runs on the clip, and its rejections
say what was seen instead (both knees bending together with no split stance = a squat; both legs lifting together = a
double-leg raise), so recognition and counting can never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from coach.config import ClinicalConfig
from coach.exercises.movements import NotCounted
from coach.exercises.result import ExerciseResult
from coach.exercises.session import ExerciseSession
from coach.exercises.setup_gate import SetupOfAny, gated_samples
from coach.exercises.spec import ExerciseSpec
from coach.gait import analyze_gait
from coach.landmarks import LEFT_HIP, LEFT_KNEE, RIGHT_HIP, RIGHT_KNEE
from coach.types import AngleSeries, PoseSequence, TaskResult

#: Pelvis travel (thigh lengths) within WALK_WINDOW_S that only walking gives (lunges step about one thigh length).
WALK_TRAVEL_THIGHS = 2.5
WALK_WINDOW_S = 2.0
#: Faster than this (thigh lengths a second, ~3.5 m/s: running) the pelvis did not walk: the picture was cut or another
#: person was followed for a moment.
WALK_MAX_THIGHS_PER_S = 8.0
#: Travel is what is seen: a move of the pelvis across more than this many seconds without the person (a cut between
#: shots, the person lost behind a chair and found again elsewhere) is not counted. A walker in view is seen in far
#: shorter steps (a webcam dropping frames at 5 fps: 0.2-0.4 s), and covers ~1.5 thigh lengths in this time.
WALK_MAX_UNSEEN_S = 0.5
STANDING_TASKS = ("march", "lunge")
#: Below this confidence coach says it cannot tell rather than name an exercise.
MIN_CONFIDENCE = 0.3
#: Standing, one movement is no exercise: a single knee lift or knee bend is also a step, a reach or a shift of
#: balance. A march or lunge set repeats its movement, so standing exercises are named from this many reps on. Lying
#: on the back narrows the choice to the straight-leg raise, where one slow lift (often held) is a set.
MIN_STANDING_REPS = 2


def pelvis_travel_thighs(poses: PoseSequence, window_s: float = WALK_WINDOW_S) -> float:
    """Largest horizontal travel of the mid-hip within any `window_s` window, in thigh lengths of the moment (so a
    zoom does not change it); a jump faster than WALK_MAX_THIGHS_PER_S (a picture cut, another person) or across more
    than WALK_MAX_UNSEEN_S without the person is not travel."""
    xy = poses.xy_px
    thigh = np.linalg.norm(xy[:, [LEFT_KNEE, RIGHT_KNEE]] - xy[:, [LEFT_HIP, RIGHT_HIP]], axis=-1).mean(axis=1)
    x = xy[:, [LEFT_HIP, RIGHT_HIP], 0].mean(1)
    ok = np.isfinite(x) & np.isfinite(thigh) & (thigh > 0)
    if ok.sum() < 2:
        return 0.0
    t, x, thigh = poses.t_s[ok], x[ok], thigh[ok]
    step = np.diff(x) / (0.5 * (thigh[1:] + thigh[:-1]))
    dt = np.diff(t)
    step[(np.abs(step) > WALK_MAX_THIGHS_PER_S * dt) | (dt > WALK_MAX_UNSEEN_S)] = 0.0
    pos = np.concatenate([[0.0], np.cumsum(step)])
    j = np.searchsorted(t, t + window_s, side="right")
    return float(max(np.ptp(pos[i:k]) for i, k in enumerate(j)))


@dataclass(frozen=True)
class Recognition:
    """What a clip shows: task ('march', 'lunge', 'slr', 'gait' or 'none'), confidence in [0, 1], plain-words reason."""

    task: str
    confidence: float
    reason: str

    def to_dict(self) -> dict:
        return {"task": self.task, "confidence": round(self.confidence, 2), "reason": self.reason}


def _support(result: ExerciseResult, rivals: int, posture: str) -> float:
    """Confidence that a set's reps are the exercise: their mean confidence, times their share of all leg movements,
    times n/(n+1) for n reps (one rep is thin evidence, several agree), halved when the posture was unclear."""
    n = len(result.reps)
    if not n:
        return 0.0
    others = rivals + _looked_like_other(result)
    sure = float(np.mean([r.confidence for r in result.reps])) * n / (n + others) * n / (n + 1)
    return sure * (0.5 if posture == "unclear" else 1.0)


def _other_movements(result: ExerciseResult) -> list[NotCounted]:
    """Movements of the set that looked like another movement (a squat, a leg swing), none without a rep engine."""
    return result.movements.of_kind("other") if result.movements else []


def _looked_like_other(result: ExerciseResult) -> int:
    """Movements of the set that looked like another movement (a squat, a leg swing)."""
    return sum(m.count for m in _other_movements(result))


def recognise(poses: PoseSequence, angles: AngleSeries, specs: dict[str, ExerciseSpec]) -> tuple[Recognition, dict]:
    """Recognise the task of a clip; also returns each exercise's ExerciseResult (name -> result) for reuse."""
    sessions = {name: ExerciseSession(spec, poses.width, poses.height) for name, spec in specs.items()}
    for sample in gated_samples(poses, angles, SetupOfAny(specs, poses.width, poses.height)):
        for s in sessions.values():
            s.update(sample)
    for s in sessions.values():
        s.finish()
    results = {name: s.result() for name, s in sessions.items()}
    return choose(results, pelvis_travel_thighs(poses)), results


def choose(results: dict[str, ExerciseResult], travel_thighs: float = 0.0) -> Recognition:
    """The task that every exercise's result so far (name -> ExerciseResult, 'slr' among them) and the pelvis travel
    point to: one rule for a whole clip and for a live session growing frame by frame."""
    posture = results["slr"].setup["posture"]
    if travel_thighs >= WALK_TRAVEL_THIGHS and posture != "lying":  # nobody walks lying down
        return Recognition(
            "gait",
            min(1.0, travel_thighs / (2 * WALK_TRAVEL_THIGHS)),
            f"the pelvis travelled {travel_thighs:.1f} thigh lengths within {WALK_WINDOW_S:.0f} s: walking",
        )
    candidates = ("slr",) if posture == "lying" else STANDING_TASKS if posture == "standing" else tuple(results)
    counts = {name: len(results[name].reps) for name in candidates}
    best = max(candidates, key=lambda n: counts[n])
    if counts[best]:
        reps = results[best].counts
        sure = _support(results[best], sum(counts.values()) - counts[best], posture)
        seen = (
            f"{posture}; {reps['left']} left and {reps['right']} right reps of {best} "
            f"({', '.join(f'{counts[n]} {n}' for n in candidates if n != best) or 'nothing else'} seen)"
        )
        if counts[best] < (1 if posture == "lying" else MIN_STANDING_REPS):
            return Recognition(
                "none",
                0.5,
                f"too little to go on ({seen}: one movement while not lying down could "
                "be a step, a reach or a shift of balance)",
            )
        if sure >= MIN_CONFIDENCE:
            return Recognition(best, sure, seen)
        return Recognition("none", 0.5, f"too little to go on ({seen}: {sure:.0%} sure it is {best})")
    others = sorted({m.reason for n in candidates for m in _other_movements(results[n])}, key=len)
    why = (
        "; ".join(f"movements {r}" for r in others)
        if others
        else "no leg movement large enough for any of the exercises"
    )
    return Recognition("none", 0.8 if others else 0.6, f"{posture}: {why}")


def recognised_result(rec: Recognition, results: dict[str, ExerciseResult]) -> ExerciseResult:
    """The recognised exercise's result carrying `recognised`, or an empty 'none' result saying what was seen."""
    recognised = rec.to_dict()
    if rec.task in results:
        return replace(results[rec.task], recognised=recognised)
    setup = next(iter(results.values())).setup if results else {}
    words = "walking" if rec.task == "gait" else "none of the exercises (march, lunge, straight-leg raise)"
    seen = [f"as {name}: {r.movements.text()}" for name, r in results.items() if r.movements and r.movements.seen]
    return ExerciseResult("none", (), setup, (f"recognised {words}: {rec.reason}", *seen), recognised=recognised)


@dataclass(frozen=True)
class WithRecognition:
    """Another analyser's TaskResult (e.g. gait) with the recognition added to its summary."""

    inner: TaskResult
    recognised: dict

    def summary(self) -> dict:
        return self.inner.summary() | {"recognised": self.recognised}

    def tables(self) -> dict[str, tuple[list[str], list[list]]]:
        return self.inner.tables()


def analyze_auto(
    poses: PoseSequence, angles: AngleSeries, specs: dict[str, ExerciseSpec], config: ClinicalConfig | None = None
) -> TaskResult:
    """Recognise the task, then return that analyser's result carrying `recognised: {task, confidence, reason}`
    (walking with the gait limits of `config`, the defaults when None)."""
    rec, results = recognise(poses, angles, specs)
    if rec.task == "gait":
        return WithRecognition(analyze_gait(poses, angles, config=config), rec.to_dict())
    return recognised_result(rec, results)
