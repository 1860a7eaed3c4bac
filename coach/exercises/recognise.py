"""`--exercise auto`: recognise from the motion which exercise a clip shows (march, lunge, straight-leg raise), walking
(gait) or none of them, say how sure and why, and hand the clip to the right analyser.

Evidence, in order: the pelvis travelling across the picture or toward or away from the camera (walking); the posture
(lying: only a straight-leg raise fits; standing: a march or a lunge); then every exercise's own rep engine runs on the
clip, and its rejections say what was seen instead (both knees bending together with no split stance = a squat; both
legs lifting together = a double-leg raise), so recognition and counting can never disagree."""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
from scipy.ndimage import median_filter

from coach.config import ClinicalConfig
from coach.exercises.movements import NotCounted
from coach.exercises.result import ExerciseResult
from coach.exercises.session import ExerciseSession
from coach.exercises.setup_gate import SetupOfAny, gated_samples
from coach.exercises.spec import ExerciseSpec
from coach.gait import analyze_gait
from coach.kinematics.view import body_yaw_deg, classify_view
from coach.landmarks import (
    LEFT_ANKLE,
    LEFT_HIP,
    LEFT_KNEE,
    LEFT_SHOULDER,
    RIGHT_ANKLE,
    RIGHT_HIP,
    RIGHT_KNEE,
    RIGHT_SHOULDER,
)
from coach.numbers import count_text, noun_for
from coach.types import AngleSeries, PoseSequence, TaskResult

#: Pelvis travel (thigh lengths) within WALK_WINDOW_S that only walking gives (lunges step about one thigh length); 2.5
#: in 2 s is about 0.5 m/s, slower than a patient with a painful hip walks (0.6-1.0 m/s).
WALK_TRAVEL_THIGHS = 2.5
WALK_WINDOW_S = 2.0
#: Faster than this (thigh lengths a second, ~3.5 m/s: running) the pelvis did not walk: the picture was cut or another
#: person was followed for a moment.
WALK_MAX_THIGHS_PER_S = 8.0
#: Travel is what is seen: a move of the pelvis across more than this many seconds without the person (a cut between
#: shots, the person lost behind a chair and found again elsewhere) is not counted. A walker in view is seen in far
#: shorter steps (a webcam dropping frames at 5 fps: 0.2-0.4 s), and covers ~1.5 thigh lengths in this time.
WALK_MAX_UNSEEN_S = 0.5
#: The camera's focal length in pixels per pixel of the picture's long side, to read a walk toward or away from it
#: from the body's size in the picture (a pinhole camera: size in pixels = focal x size / distance). A phone's main
#: camera (24-28 mm equivalent) sees 66-74 deg across the long side (0.67-0.78) and a webcam 60-70 deg (0.71-0.87): 0.7,
#: at the wide end, reads a walk shorter with most cameras, never much longer (an ultra-wide lens, 0.35-0.45, would).
#: The two labelled walks away from the camera read 1.1-1.2 m/s with it, a normal walking speed.
FOCAL_PER_LONG_SIDE = 0.7
#: The body's distance from the camera is the median over this many seconds (the fit of its size jitters by a few
#: percent a frame; a step lasts about 0.5 s).
DISTANCE_MEDIAN_S = 0.3
#: The landmarks whose picture is fitted to the world landmarks for the body's scale: trunk and legs.
_BODY = [LEFT_SHOULDER, RIGHT_SHOULDER, LEFT_HIP, RIGHT_HIP, LEFT_KNEE, RIGHT_KNEE, LEFT_ANKLE, RIGHT_ANKLE]
STANDING_TASKS = ("march", "lunge")
#: The exercises' names in recognition's sentences (the live page's and the summary's).
EXERCISE_NAMES = {"march": "standing march", "lunge": "lunge", "slr": "straight-leg raise"}
#: Below this confidence coach says it cannot tell rather than name an exercise.
MIN_CONFIDENCE = 0.3
#: Standing, one movement is no exercise: a single knee lift or knee bend is also a step, a reach or a shift of
#: balance. A march or lunge set repeats its movement, so standing exercises are named from this many reps on. Lying
#: on the back narrows the choice to the straight-leg raise, where one slow lift (often held) is a set.
MIN_STANDING_REPS = 2


def distance_thighs(poses: PoseSequence) -> np.ndarray:
    """(T,) the person's distance from the camera in thigh lengths (NaN where not found): the picture's scale of the
    body (pixels per metre: the trunk and legs in the picture fitted to MediaPipe's world landmarks about their
    centres, least squares, so a trunk leaning or a knee bending scales both alike) and a pinhole camera of focal
    FOCAL_PER_LONG_SIDE; thigh lengths from the world landmarks."""
    xy, world = poses.xy_px[:, _BODY], poses.world_m[:, _BODY, :2]  # world x, y follow the picture's axes
    seen = (np.isfinite(xy) & np.isfinite(world)).all(axis=2, keepdims=True)  # the landmarks known in both
    xy, world = np.where(seen, xy, 0.0), np.where(seen, world, 0.0)
    thigh = poses.world_m[:, [LEFT_KNEE, RIGHT_KNEE]] - poses.world_m[:, [LEFT_HIP, RIGHT_HIP]]
    thigh_m = np.nanmedian(np.linalg.norm(thigh, axis=-1)) if np.isfinite(thigh).any() else np.nan
    focal_px = FOCAL_PER_LONG_SIDE * max(poses.width, poses.height)
    with np.errstate(invalid="ignore", divide="ignore"):
        n = seen.sum(axis=1, keepdims=True)
        xy = np.where(seen, xy - xy.sum(axis=1, keepdims=True) / n, 0.0)
        world = np.where(seen, world - world.sum(axis=1, keepdims=True) / n, 0.0)
        px_per_m = (xy * world).sum(axis=(1, 2)) / (world * world).sum(axis=(1, 2))
        return np.where(px_per_m > 0, focal_px / px_per_m / thigh_m, np.nan)


def pelvis_travel_thighs(poses: PoseSequence, window_s: float = WALK_WINDOW_S) -> float:
    """Largest travel of the mid-hip within any `window_s` window, in thigh lengths of the moment (so a zoom does not
    change it): across the picture, and toward or away from the camera (distance_thighs, its median over
    DISTANCE_MEDIAN_S) except while the person is seen side-on (then a walk crosses the picture, and a change of size
    is the fit's jitter or an edit). A jump faster than WALK_MAX_THIGHS_PER_S (a picture cut, another person) or
    across more than WALK_MAX_UNSEEN_S without the person is not travel."""
    xy = poses.xy_px
    thigh = np.linalg.norm(xy[:, [LEFT_KNEE, RIGHT_KNEE]] - xy[:, [LEFT_HIP, RIGHT_HIP]], axis=-1).mean(axis=1)
    x = xy[:, [LEFT_HIP, RIGHT_HIP], 0].mean(1)
    depth = distance_thighs(poses)
    ok = np.isfinite(x) & np.isfinite(thigh) & (thigh > 0) & np.isfinite(depth)
    if ok.sum() < 2:
        return 0.0
    t, x, thigh, depth = poses.t_s[ok], x[ok], thigh[ok], depth[ok]
    dt = np.diff(t)
    depth = median_filter(depth, size=max(1, round(DISTANCE_MEDIAN_S / float(np.median(dt)))) | 1, mode="nearest")
    across = np.diff(x) / (0.5 * (thigh[1:] + thigh[:-1]))
    side = classify_view(body_yaw_deg(poses.world_m[ok])) == "side"
    toward = np.where(side[1:] | side[:-1], 0.0, np.diff(depth))
    jump = (np.hypot(across, toward) > WALK_MAX_THIGHS_PER_S * dt) | (dt > WALK_MAX_UNSEEN_S)
    across[jump], toward[jump] = 0.0, 0.0
    pos = np.cumsum(np.concatenate([[[0.0, 0.0]], np.stack([across, toward], 1)]), axis=0)
    j = np.searchsorted(t, t + window_s, side="right")
    return float(max(np.hypot(*np.ptp(pos[i:k], axis=0)) for i, k in enumerate(j)))


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
        sure = _support(results[best], sum(counts.values()) - counts[best], posture)
        seen = _reps_seen(results, best, candidates, posture)
        if counts[best] < (1 if posture == "lying" else MIN_STANDING_REPS):
            return Recognition(
                "none",
                0.5,
                f"too little to go on: {seen}; one movement while not lying down could be a step, a reach or a "
                "shift of balance",
            )
        if sure >= MIN_CONFIDENCE:
            return Recognition(best, sure, seen)
        return Recognition("none", 0.5, f"too little to go on: {seen}; {sure:.0%} sure it is a {EXERCISE_NAMES[best]}")
    others = sorted({m.reason for n in candidates for m in _other_movements(results[n])}, key=len)
    why = (
        "; ".join(f"movements {r}" for r in others)
        if others
        else "no leg movement large enough for any of the exercises"
    )
    return Recognition("none", 0.8 if others else 0.6, f"{posture}: {why}")


def _reps_seen(results: dict[str, ExerciseResult], best: str, candidates: tuple[str, ...], posture: str) -> str:
    """What the rep engines saw, in words: 'standing; 3 left and 2 right knee lifts of a standing march (no lunge
    reps)'."""
    reps, movements = results[best].counts, results[best].movements
    noun = noun_for(reps["left"] + reps["right"], movements.noun if movements else "rep")
    rivals = [n for n in candidates if n != best]
    some = "".join(
        f", {count_text(len(results[n].reps), 'rep')} of a {EXERCISE_NAMES[n]}" for n in rivals if results[n].reps
    )
    none = " or ".join(EXERCISE_NAMES[n] for n in rivals if not results[n].reps)
    where = "posture unclear" if posture == "unclear" else posture
    return f"{where}; {reps['left']} left and {reps['right']} right {noun} of a {EXERCISE_NAMES[best]}{some}" + (
        f" (no {none} reps)" if none else ""
    )


def recognised_result(rec: Recognition, results: dict[str, ExerciseResult]) -> ExerciseResult:
    """The recognised exercise's result carrying `recognised`, or an empty 'none' result saying what was seen."""
    recognised = rec.to_dict()
    if rec.task in results:
        return replace(results[rec.task], recognised=recognised)
    setup = next(iter(results.values())).setup if results else {}
    words = "walking" if rec.task == "gait" else "none of the exercises (march, lunge, straight-leg raise)"
    seen = [
        f"not counted, as nothing was recognised; read as a {EXERCISE_NAMES[name]}: {r.movements.text('would count')}"
        for name, r in results.items()
        if r.movements and r.movements.seen
    ]
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
