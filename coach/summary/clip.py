"""The summary of one analysed clip (summary.json) and the task part every analyser gives, live or offline."""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace

from coach import SCHEMA_VERSION
from coach.summary.assessment import AssessmentSummary
from coach.summary.codec import JsonSummary, from_json, meta, to_json
from coach.summary.exercise import ExerciseSummary
from coach.summary.gait import GaitSummary


@dataclass(frozen=True)
class VideoSummary(JsonSummary):
    """summary.json's `video`: the clip's facts (coach.types.VideoInfo), frames analysed (posed) and every how many
    decoded frames one was posed (pose_stride: 2 for a 60 fps exercise clip posed at 30 a second), and what could
    be read of what the container promised (coach.quality.Completeness; None where nothing was promised)."""

    source: str = "clip"
    width: int = 0
    height: int = 0
    fps: float = 0.0
    duration_s: float | None = None
    n_frames: int = 0
    rotation_deg: int = 0
    codec: str = ""
    mirrored: bool = False
    frames_analysed: int | None = None
    pose_stride: int | None = field(default=None, metadata=meta(omit="none"))  # None: a summary from before it
    complete: bool | None = None
    frames_decoded: int | None = None
    frames_expected: int | None = None
    fraction_read: float | None = None
    duration_read_s: float | None = None


@dataclass(frozen=True)
class Recognition(JsonSummary):
    """What `--exercise auto` recognised: the task (or 'none'), confidence 0-1 and the reason in words."""

    task: str
    confidence: float = 0.0
    reason: str = ""


@dataclass(frozen=True)
class TaskSummary(JsonSummary):
    """What an analyser found, as every output reads it: the exercise part, the gait part, the assessment part (each
    None when absent; a range-of-motion test has an exercise and an assessment part), findings, warnings and, for
    `auto`, what was recognised."""

    exercise: ExerciseSummary | None = None
    gait: GaitSummary | None = None
    assessment: AssessmentSummary | None = None
    findings: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    recognised: Recognition | None = None

    def to_dict(self, warnings: bool = True) -> dict:
        """The keys an analyser adds to summary.json, in their documented order (warnings left out when the caller
        writes them elsewhere)."""
        out = self.exercise.to_dict(self.findings) if self.exercise else {}
        if self.gait:
            out["gait"] = self.gait.to_dict()
        if self.assessment:
            out["assessment"] = self.assessment.to_dict()
            out.setdefault("findings", list(self.findings))
        if warnings:
            out["warnings"] = list(self.warnings)
        if self.recognised:
            out["recognised"] = self.recognised.to_dict()
        return out

    @classmethod
    def from_dict(cls, d: dict) -> TaskSummary:
        """From a summary (summary.json, a live session's, or an analyser's part): its task keys."""
        exercise = ExerciseSummary.from_dict(d) if isinstance(d.get("reps"), dict) else None
        return cls(
            exercise,
            GaitSummary.from_dict(d["gait"]) if isinstance(d.get("gait"), dict) else None,
            AssessmentSummary.from_dict(d["assessment"]) if isinstance(d.get("assessment"), dict) else None,
            tuple(d.get("findings") or ()),
            tuple(d.get("warnings") or ()),
            Recognition.from_dict(d["recognised"]) if isinstance(d.get("recognised"), dict) else None,
        )


@dataclass(frozen=True)
class ClipSummary(JsonSummary):
    """summary.json (docs/outputs.md): schema and coach versions, the task asked for, the video, the camera view
    (dominant, shares, facing), the share of frames with the person, who was in view, what cleaning fixed, warnings,
    the disclaimer, the clinical rules in force (`config`, coach.config), what the analyser found (`result`, its keys at
    the top level of the JSON), the optional patient details and `extra`: top-level keys this version does not know
    (written by a newer coach), kept as they are."""

    schema_version: int = SCHEMA_VERSION
    coach_version: str = ""
    task: str = "none"
    video: VideoSummary = field(default_factory=VideoSummary)
    view: str = "unknown"
    view_shares: dict[str, float] = field(default_factory=dict)
    facing: str = "unknown"
    person_found_fraction: float = 0.0
    people: dict = field(default_factory=dict)
    cleaning: dict = field(default_factory=dict)
    warnings: tuple[str, ...] = ()
    disclaimer: str = ""
    config: dict | None = field(default=None, metadata=meta(omit="none"))
    result: TaskSummary = field(default_factory=TaskSummary)
    patient: dict | None = field(default=None, metadata=meta(omit="none"))
    extra: dict = field(default_factory=dict, metadata=meta(extra=True))

    @property
    def exercise(self) -> ExerciseSummary | None:
        return self.result.exercise

    @property
    def gait(self) -> GaitSummary | None:
        return self.result.gait

    @property
    def assessment(self) -> AssessmentSummary | None:
        return self.result.assessment

    @property
    def findings(self) -> tuple[str, ...]:
        return self.result.findings

    def to_dict(self) -> dict:
        """summary.json as a dict: the clip's keys, then the analyser's, then the patient's and unknown ones."""
        d = to_json(self)
        d.pop("result")
        head = {k: d.pop(k) for k in list(d) if k not in ("patient", *self.extra)}
        return head | self.result.to_dict(warnings=False) | d

    @classmethod
    def from_dict(cls, d: dict) -> ClipSummary:
        """From summary.json (any version this coach can read: missing keys take their defaults). Raises
        TypeError/ValueError when it is not a coach summary."""
        if not isinstance(d, dict) or not isinstance(d.get("video"), dict):
            raise ValueError("it is not a coach summary")
        own = from_json(cls, {k: v for k, v in d.items() if k not in TASK_KEYS})
        return replace(own, result=replace(TaskSummary.from_dict(d), warnings=()))


#: The top-level keys of summary.json that belong to the analyser's part (TaskSummary; warnings are the clip's).
TASK_KEYS = frozenset({f.name for f in fields(ExerciseSummary)} | {"findings", "gait", "assessment", "recognised"})
