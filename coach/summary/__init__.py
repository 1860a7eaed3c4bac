"""Typed summaries: the one contract between the analysers and every output (summary.json, the report, the batch
table, the history, the app and the CLI). Each is a frozen dataclass with to_dict / from_dict in summary.json's
documented shape (docs/outputs.md); SCHEMA_VERSION (coach.SCHEMA_VERSION) names that shape."""

from coach.summary.assessment import AssessmentSummary, NormSummary
from coach.summary.clip import TASK_KEYS, ClipSummary, Recognition, TaskSummary, VideoSummary
from coach.summary.exercise import (
    ExerciseSummary,
    FaultSummary,
    MovementsSummary,
    NotCountedSummary,
    RepSummary,
    SideStats,
)
from coach.summary.gait import (
    GaitMetric,
    GaitSummary,
    MetricStats,
    PassSummary,
    RejectedStrideSummary,
    SymmetrySummary,
)

__all__ = [
    "TASK_KEYS",
    "AssessmentSummary",
    "ClipSummary",
    "ExerciseSummary",
    "FaultSummary",
    "GaitMetric",
    "GaitSummary",
    "MetricStats",
    "MovementsSummary",
    "NormSummary",
    "NotCountedSummary",
    "PassSummary",
    "Recognition",
    "RejectedStrideSummary",
    "RepSummary",
    "SideStats",
    "SymmetrySummary",
    "TaskSummary",
    "VideoSummary",
]
