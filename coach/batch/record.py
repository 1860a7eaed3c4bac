"""One file's batch result: the table row (status, exercise, reps, gait verdicts, key) and its per-file record
`batch.json`, written atomically so a stopped batch resumes from what finished."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import TypeVar

from coach.assessments.trend import headline
from coach.outputs.commit import replace_atomically
from coach.outputs.formats import write_json
from coach.summary import AssessmentSummary, ClipSummary, SymmetrySummary

#: Name of the per-file record beside the outputs of `coach analyze` in DIR/<relative path>/.
RECORD_FILE = "batch.json"
RECORD_SCHEMA = 1
OK, ERROR = "ok", "error"


@dataclass(frozen=True)
class ResultKey:
    """What a result depends on: the clip's content (sha256), the coach version and the settings (Settings.key())."""

    content_hash: str
    coach_version: str
    settings_key: str


@dataclass(frozen=True)
class BatchRow:
    """One row of results.csv / results.parquet. Empty (None / "") where the clip or the task gives no value.

    duration_s: clip length (s); person_found_fraction in [0, 1]; reps_* per side; score 0-100;
    gait_cadence_steps_per_min; gait_symmetry: 'metric: verdict' pairs joined by '; '; warnings joined by ' | ';
    output: the folder of this file's outputs, relative to the batch folder; for an assessment, its test, the
    summary key and value of its headline result (coach.assessments.trend.headline: e.g. 'total_s' of a Timed Up
    and Go) and its reference comparisons ('measure: where' pairs joined by '; ').
    """

    file: str
    status: str
    error: str
    duration_s: float | None
    frames_analysed: int | None
    view: str
    person_found_fraction: float | None
    exercise: str
    reps_left: int | None
    reps_right: int | None
    score: float | None
    gait_steps_left: int | None
    gait_steps_right: int | None
    gait_cadence_steps_per_min: float | None
    gait_verdict: str
    gait_symmetry: str
    warnings: str
    content_hash: str
    coach_version: str
    settings_key: str
    output: str
    assessment: str = ""
    assessment_measure: str = ""
    assessment_value: float | None = None
    assessment_reference: str = ""


#: A number type a summary value is read as.
N = TypeVar("N", int, float)


def _number(v, kind: type[N]) -> N | None:
    """v as int/float, or None for missing, boolean or non-numeric values."""
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return None
    return kind(v)


def _symmetry_text(symmetry) -> str:
    """'metric: verdict; ...' from gait.symmetry, in the summary's order."""
    if not isinstance(symmetry, dict):
        return ""
    return "; ".join(f"{m}: {v.verdict}" for m, v in symmetry.items() if isinstance(v, SymmetrySummary) and v.verdict)


def _side(counts, side: str) -> int | None:
    """counts[side] as an int, None when the part has no such count."""
    return _number(counts.get(side), int) if isinstance(counts, dict) else None


def ok_row(rel: str, key: ResultKey, summary: ClipSummary, task: str) -> BatchRow:
    """The row of a clip analysed: facts read from its typed summary, empty where the summary has no value."""
    ex, gait, rec = summary.exercise, summary.gait, summary.result.recognised
    return BatchRow(
        file=rel,
        status=OK,
        error="",
        duration_s=_number(summary.video.duration_s, float),
        frames_analysed=_number(summary.video.frames_analysed, int),
        view=summary.view or "",
        person_found_fraction=_number(summary.person_found_fraction, float),
        exercise=(ex.exercise if ex else "") or (rec.task if rec else "") or task,  # auto: what it found
        reps_left=_side(ex.reps, "left") if ex else None,
        reps_right=_side(ex.reps, "right") if ex else None,
        score=_number(ex.score, float) if ex else None,
        gait_steps_left=_side(gait.steps, "left") if gait else None,
        gait_steps_right=_side(gait.steps, "right") if gait else None,
        gait_cadence_steps_per_min=_number(gait.cadence_steps_per_min, float) if gait else None,
        gait_verdict=(gait.verdict or "") if gait else "",
        gait_symmetry=_symmetry_text(gait.symmetry) if gait else "",
        warnings=" | ".join(str(w) for w in summary.warnings),
        content_hash=key.content_hash,
        coach_version=key.coach_version,
        settings_key=key.settings_key,
        output=rel + "/",
        **_assessment_cells(summary.assessment),
    )


def _assessment_cells(assessment: AssessmentSummary | None) -> dict:
    """The assessment columns of a row (empty without an assessment)."""
    if assessment is None:
        return {}
    measure, value = headline(assessment)
    return {
        "assessment": assessment.test,
        "assessment_measure": measure,
        "assessment_value": value,
        "assessment_reference": "; ".join(f"{n.measure}: {n.verdict}" for n in assessment.norms),
    }


def error_row(rel: str, key: ResultKey, message: str, task: str) -> BatchRow:
    """The row of a file that could not be analysed, with the one-line reason."""
    return BatchRow(
        file=rel,
        status=ERROR,
        error=message,
        duration_s=None,
        frames_analysed=None,
        view="",
        person_found_fraction=None,
        exercise=task,
        reps_left=None,
        reps_right=None,
        score=None,
        gait_steps_left=None,
        gait_steps_right=None,
        gait_cadence_steps_per_min=None,
        gait_verdict="",
        gait_symmetry="",
        warnings="",
        content_hash=key.content_hash,
        coach_version=key.coach_version,
        settings_key=key.settings_key,
        output=rel + "/",
    )


@dataclass(frozen=True)
class FileRecord:
    """A finished file: its row, the file's size and mtime when hashed (to reuse the hash on resume), the seconds
    it took and the peak memory (MB) of the worker that ran it."""

    row: BatchRow
    size_bytes: int
    mtime_ns: int
    elapsed_s: float
    worker_peak_rss_mb: float

    @property
    def key(self) -> ResultKey:
        """The key this result was computed under."""
        return ResultKey(self.row.content_hash, self.row.coach_version, self.row.settings_key)

    def to_row(self) -> dict:
        """The file's row of the results table as a dict (column -> value)."""
        return asdict(self.row)

    def to_dict(self) -> dict:
        """JSON-safe form of batch.json."""
        return {
            "schema_version": RECORD_SCHEMA,
            "row": asdict(self.row),
            "size_bytes": self.size_bytes,
            "mtime_ns": self.mtime_ns,
            "elapsed_s": round(self.elapsed_s, 3),
            "worker_peak_rss_mb": round(self.worker_peak_rss_mb, 1),
        }

    @classmethod
    def from_dict(cls, d: dict) -> FileRecord:
        """Inverse of to_dict; raises KeyError/TypeError on a record of another shape."""
        if d.get("schema_version") != RECORD_SCHEMA:
            raise KeyError("schema_version")
        names = {f.name for f in fields(BatchRow)}  # columns added later take their defaults in older records
        return cls(
            BatchRow(**{k: d["row"][k] for k in names if k in d["row"]}),
            int(d["size_bytes"]),
            int(d["mtime_ns"]),
            float(d["elapsed_s"]),
            float(d["worker_peak_rss_mb"]),
        )


def write_record(out_dir: Path, record: FileRecord) -> None:
    """Save a file's record as out_dir/batch.json, atomically."""
    out_dir.mkdir(parents=True, exist_ok=True)
    replace_atomically(out_dir / RECORD_FILE, lambda p: write_json(p, record.to_dict()))


def read_record(out_dir: Path) -> FileRecord | None:
    """The record in out_dir, or None when there is none or it is unreadable (then the file is simply redone)."""
    try:
        return FileRecord.from_dict(json.loads((out_dir / RECORD_FILE).read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def all_records(out_dir: Path) -> dict[str, FileRecord]:
    """Every readable per-file record under out_dir (outside hidden folders), by the file's path in its batch:
    what the results table is rebuilt from, whichever batch wrote them."""
    records = {}
    for path in sorted(out_dir.rglob(RECORD_FILE)):
        if any(part.startswith(".") for part in path.relative_to(out_dir).parts):
            continue
        record = read_record(path.parent)
        if record is not None:
            records[record.row.file] = record
    return records
