"""The whole offline pipeline in one place: video -> poses -> cleaning -> angles -> analysers -> summary."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path

import numpy as np

from coach import DISCLAIMER, SCHEMA_VERSION, __version__
from coach.assessments import ANALYSERS as ASSESSMENT_ANALYSERS
from coach.assessments.chair_stand import analyze_chair_stand
from coach.assessments.hip_flexor_stretch import analyze_hip_flexor_stretch
from coach.assessments.norms import restate
from coach.assessments.range_of_motion import rom_analysers
from coach.assessments.recognise import analyze_auto_all
from coach.assessments.single_leg_stance import analyze_single_leg_stance
from coach.assessments.tug import analyze_tug
from coach.config import ClinicalConfig, default_config
from coach.config.model import SEXES
from coach.exercises import ANALYSERS as EXERCISE_ANALYSERS
from coach.exercises import exercise_analysers, exercise_specs
from coach.gait import analyze_gait
from coach.kinematics.angles import compute_angles
from coach.kinematics.view import VIEWS, faces_camera
from coach.landmarks import LEFT_HIP, RIGHT_HIP
from coach.people import PeopleReport, PoseRun, track_poses
from coach.pose import PoseConfig, PoseEstimator
from coach.quality import Completeness, clip_warnings, completeness, withhold_side_comparisons
from coach.signals.clean import CleanConfig, clean_sequence
from coach.summary import ClipSummary
from coach.tasks import TASKS, lying_probes  # what `--exercise` accepts (test_cli checks it names every analyser)
from coach.types import AngleSeries, PoseSequence, TaskResult, VideoInfo
from coach.video import DEFAULT_MAX_SIDE, VideoError, VideoSource, prefetch

#: Task analysers: name -> function(poses, angles) -> TaskResult. 'none' measures angles only; the assessments'
#: 'auto' recognises them first, then asks the exercises' own 'auto'.
ANALYSERS: dict[str, Callable[[PoseSequence, AngleSeries], TaskResult]] = {
    "gait": analyze_gait,
    **EXERCISE_ANALYSERS,
    **ASSESSMENT_ANALYSERS,
}


def analysers(config: ClinicalConfig) -> dict[str, Callable[[PoseSequence, AngleSeries], TaskResult]]:
    """The analysers with the clinical limits and assessment references of `config` (ANALYSERS itself for the
    defaults)."""
    if config == default_config():
        return ANALYSERS
    specs = exercise_specs(config)
    return (
        ANALYSERS
        | exercise_analysers(specs, config)
        | rom_analysers(config)
        | {
            "gait": partial(analyze_gait, config=config),
            "chair-stand": partial(analyze_chair_stand, config=config),
            "tug": partial(analyze_tug, config=config),
            "single-leg-stance": partial(analyze_single_leg_stance, config=config),
            "hip-flexor-stretch": partial(analyze_hip_flexor_stretch, config=config),
            "auto": partial(analyze_auto_all, specs=specs, config=config),
        }
    )


#: Poses a second (Hz) an exercise or assessment clip is posed at when its frame rate is higher (a 60 fps phone clip:
#: every second frame). Their movements last 0.25 s or more (the fastest rep tempo coach counts), so 30 a second gives
#: 7 or more poses a movement, and counts hold at 15 a second (the corpus tests replaying clips at half their frame
#: rate, and live at 8 fps).
SLOW_MOVEMENT_POSE_RATE_HZ = 30.0
#: Poses a second (Hz) of a clip of a held position, when its frame rate is higher (a 30 fps clip: every second frame).
#: A hold is timed from the frame the position starts to the frame it ends, so at 15 a second each end is within
#: 1/15 s (0.07 s) of the truth (0.08 s at the 12 a second a 24 fps clip gets, see pose_stride): far finer than the
#: whole seconds a single-leg stance's norms are given in (Springer et al. 2007, [norms.single-leg-stance] in
#: coach/config/defaults.toml) and than the assessments' targets (coach.validation: 0.2 s for a stance's lift and
#: touch-down, 0.5 s for a stretch's hold), which the corpus tests hold at this rate and at half of it. Holds are
#: still: the sway of the pelvis is a spread, not a speed.
HOLD_POSE_RATE_HZ = 15.0
#: The assessments that time a held position (posed at HOLD_POSE_RATE_HZ).
HOLD_TASKS = frozenset({"single-leg-stance", "hip-flexor-stretch"})
#: Tasks posed at every frame whatever the clip's frame rate: gait (its events are timed to a frame) and `none` (angle
#: curves at the clip's own time resolution). `auto` is posed at the exercises' rate and, when it finds walking in a
#: clip filmed faster, posed again at every frame (analyze_posed).
EVERY_FRAME_TASKS = frozenset({"gait", "none"})


class NoPersonError(VideoError):
    """No person could be followed in the clip."""


@dataclass(frozen=True)
class Settings:
    """Analysis settings: task (one of TASKS), max_side (px) frames are downscaled to before inference, pose settings
    (None: see pose_config) and cleaning settings, the person's age (years) and sex ('female' / 'male') when known,
    for the assessments' reference values, the clinical rules in force (coach/config: the defaults or a user's file),
    and every_frame to pose every frame of a clip filmed faster than the task needs (see pose_rate_hz)."""

    task: str = "none"
    max_side: int = DEFAULT_MAX_SIDE
    pose: PoseConfig | None = None
    clean: CleanConfig = field(default_factory=CleanConfig)
    age_years: float | None = None
    sex: str | None = None
    config: ClinicalConfig = field(default_factory=default_config)
    every_frame: bool = False

    @property
    def pose_rate_hz(self) -> float | None:
        """The most poses a second the task needs (HOLD_POSE_RATE_HZ for a hold, else SLOW_MOVEMENT_POSE_RATE_HZ),
        None for every frame."""
        if self.every_frame or self.task in EVERY_FRAME_TASKS:
            return None
        return HOLD_POSE_RATE_HZ if self.task in HOLD_TASKS else SLOW_MOVEMENT_POSE_RATE_HZ

    @property
    def pose_config(self) -> PoseConfig:
        """The pose settings to use: the given ones, else lying probes only for tasks that may be done lying
        (coach.tasks.MAY_LIE, as live)."""
        return self.pose or PoseConfig(lying=lying_probes(self.task))

    def __post_init__(self) -> None:
        if self.task not in TASKS:
            raise ValueError(f"unknown exercise {self.task!r}; choose one of {', '.join(TASKS)}")
        if self.age_years is not None and not 0 < self.age_years < 120:
            raise ValueError(f"age {self.age_years} out of range; give the age in years")
        if self.sex not in (None, *SEXES):
            raise ValueError(f"unknown sex {self.sex!r}; choose one of {', '.join(SEXES)}")

    def key(self) -> str:
        """A stable text of the settings that change results (for resumable batches)."""
        person = f";age={self.age_years};sex={self.sex}" if self.age_years is not None or self.sex else ""
        rules = f";config={self.config.sha256}"  # the values of the clinical rules: a changed limit re-scores
        rate = f";pose_rate_hz={self.pose_rate_hz}"
        return f"task={self.task};max_side={self.max_side}{rate};{self.pose_config};{self.clean}{person}{rules}"


@dataclass(frozen=True)
class Analysis:
    """Everything one clip gave: video facts, raw and cleaned poses, angles, people seen, the typed summary (`clip`)
    and the analyser's result."""

    info: VideoInfo
    raw: PoseSequence
    poses: PoseSequence
    angles: AngleSeries
    people: PeopleReport
    clip: ClipSummary
    result: TaskResult | None = None

    @property
    def summary(self) -> dict:
        """summary.json as a dict (the typed summary's to_dict)."""
        return self.clip.to_dict()


def dominant(codes: np.ndarray, weights: np.ndarray | None = None) -> str:
    """The most common non-empty code (e.g. view), or 'unknown'."""
    codes = codes[codes != ""] if len(codes) else codes
    if not len(codes):
        return "unknown"
    values, counts = np.unique(codes, return_counts=True)
    return str(values[np.argmax(counts)])


def describe_view(angles: AngleSeries, poses: PoseSequence) -> dict:
    """Camera view summary: dominant view, share of each view, and which way the person faces in it: image right or
    left side-on, the camera or away from it (filmed from behind) from the front ('unknown' when not seen)."""
    known = angles.view[angles.view != ""]
    shares = {v: round(float(np.mean(known == v)), 3) if len(known) else 0.0 for v in VIEWS}
    view = dominant(angles.view)
    side = angles.facing[(angles.view == "side") & (angles.facing != 0)]
    front = (angles.view == "front") & np.isfinite(poses.xy_px[:, [LEFT_HIP, RIGHT_HIP], 0]).all(axis=1)
    facing = "unknown"
    if view == "front" and front.any():
        facing = "the camera" if np.mean(faces_camera(poses.xy_px[front])) > 0.5 else "away from the camera"
    elif len(side):
        facing = "image right" if np.mean(side) > 0 else "image left"
    return {"view": view, "view_shares": shares, "facing": facing}


def summarise(
    info: VideoInfo,
    poses: PoseSequence,
    angles: AngleSeries,
    people: PeopleReport,
    warnings: list[str],
    clean_stats: dict,
    task: str,
    read: Completeness,
    stride: int = 1,
) -> dict:
    """The JSON summary common to every task (schema_version SCHEMA_VERSION); `stride`: every how many decoded frames
    one was posed."""
    return {
        "schema_version": SCHEMA_VERSION,
        "coach_version": __version__,
        "task": task,
        "video": info.to_dict() | {"frames_analysed": len(poses), "pose_stride": stride} | read.to_dict(),
        **describe_view(angles, poses),
        "person_found_fraction": round(people.found_fraction, 3),
        "people": people.to_dict(),
        "cleaning": clean_stats,
        "warnings": warnings,
        "disclaimer": DISCLAIMER,
    }


def analyze_poses(
    info: VideoInfo,
    raw: PoseSequence,
    people: PeopleReport,
    settings: Settings = Settings(),
    decode_error: str | None = None,
    stride: int = 1,
) -> Analysis:
    """Everything after pose estimation (testable on saved landmarks, without the model); `stride`: one decoded frame
    in `stride` was posed (what the pose run did, not what the settings would ask)."""
    if not len(raw) or not raw.found.any():
        raise NoPersonError(
            f"{info.source}: no person found in {len(raw)} frames; film the whole body, well lit, with the camera still"
        )
    poses, stats = clean_sequence(raw, settings.clean)
    angles = compute_angles(poses)
    read = completeness(info, raw.t_s, stride)
    warnings = clip_warnings(raw, people, read, decode_error)
    summary = summarise(info, poses, angles, people, warnings, stats, settings.task, read, stride)
    summary["config"] = settings.config.to_summary()
    result = analysers(settings.config)[settings.task](poses, angles) if settings.task != "none" else None
    if result is not None:
        part = result.summary()
        summary["warnings"] = warnings + [w for w in part.pop("warnings", []) if w not in warnings]
        summary.update(restate(part, settings.age_years, settings.sex, settings.config))
        if read.ends_early:
            summary = withhold_side_comparisons(
                summary,
                result,
                f"the file ends early ({read.frames_decoded} of {read.frames_expected} frames could be read)",
            )
    return Analysis(info, raw, poses, angles, people, ClipSummary.from_dict(summary), result)


def run_pose(
    path: str | Path,
    settings: Settings = Settings(),
    estimator: PoseEstimator | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> PoseRun:
    """The pose stage of a video file: decode, detect and follow the person. `estimator` may be reused across files
    (batch workers); `progress(done, total)` after each frame."""
    source = VideoSource(path, settings.max_side, settings.pose_rate_hz)
    total = source.info.n_frames

    def tick(frame, _n):
        if progress:  # frames of the clip, posed or passed over (the decoder runs ahead: not its own count)
            done = (frame.index + 1) * source.stride
            progress(min(done, total) if total else done, total)

    own = estimator is None
    est = estimator or PoseEstimator(settings.pose_config)
    try:
        raw, people = track_poses(prefetch(source.frames()), est, on_frame=tick)
    finally:
        if own:
            est.close()
    if source.decoded == 0:
        raise VideoError(f"{path}: no frame could be decoded ({source.error}); export the clip again")
    return PoseRun(source.info, raw, people, source.error, source.stride)


#: What a progress display says while a fast walking clip is posed a second time (analyze_posed).
REPOSE_STAGE = "walking found: posing every frame to time each step"


def analyze_video(
    path: str | Path,
    settings: Settings = Settings(),
    estimator: PoseEstimator | None = None,
    progress: Callable[[int, int], None] | None = None,
    stage: Callable[[str], None] | None = None,
) -> Analysis:
    """Analyse a video file. `estimator` may be reused across files (batch workers) and serves the first pose run
    (a second one, see analyze_posed, builds its own); `progress(done, total)` over each run, `stage(text)` when a
    second run starts (its progress starts again from 0)."""
    runs = iter((estimator,))
    return analyze_posed(lambda s: run_pose(path, s, next(runs, None), progress), settings, stage)


def analyze_posed(
    pose: Callable[[Settings], PoseRun], settings: Settings, stage: Callable[[str], None] | None = None
) -> Analysis:
    """A clip analysed from its pose run under `settings` (`pose` runs or loads it). Under `auto` a clip filmed faster
    than the exercises need is posed at their rate; when that finds walking it is posed again at every frame and
    analysed on those poses (gait events are timed to a frame), so `auto` costs what the task it finds costs, plus one
    run at the lower rate for a fast walking clip. `stage(REPOSE_STAGE)` announces that second run."""
    run = pose(settings)
    analysis = analyze_run(run, settings)
    found = analysis.clip.result.recognised
    if run.stride > 1 and settings.task == "auto" and found and found.task == "gait":
        if stage:
            stage(REPOSE_STAGE)
        every = replace(settings, every_frame=True)
        analysis = analyze_run(pose(every), every)
    return analysis


def analyze_run(run: PoseRun, settings: Settings = Settings()) -> Analysis:
    """Everything after pose estimation of one pose run (fresh, or saved: coach.posecache)."""
    return analyze_poses(run.info, run.raw, run.people, settings, run.decode_error, run.stride)
