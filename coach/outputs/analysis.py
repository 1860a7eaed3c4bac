"""Turn an Analysis into files: frames.csv, landmarks.npz, the task's tables, summary.json and, on request, the
review outputs (coach.outputs.review)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import numpy as np

from coach.analysis import Analysis
from coach.outputs.commit import Writer, commit_outputs
from coach.outputs.formats import write_csv, write_json
from coach.outputs.review import REVIEW_FILES, ReviewOptions, review_writers
from coach.report.data import TASK_TABLES, ReportData
from coach.types import AngleSeries


def frames_table(angles: AngleSeries, found: np.ndarray) -> tuple[list[str], Iterable[list]]:
    """frames.csv: time_s, person_found, view, then every angle and its confidence."""
    names = angles.names()
    header = ["time_s", "person_found", "view"] + [c for n in names for c in (f"{n}_deg", f"{n}_conf")]

    def rows():
        for i, t in enumerate(angles.t_s):
            yield [float(t), int(found[i]), angles.view[i]] + [
                v for n in names for v in (angles.values[n][i], angles.conf[n][i])
            ]

    return header, rows()


#: Every table a task's result may write (TaskResult.tables): the report's (TASK_TABLES), the movements of an exercise
#: and the assessments' own.
TASK_TABLE_FILES = frozenset({*TASK_TABLES, "movements.csv", "stands.csv", "phases.csv", "trials.csv", "holds.csv"})
#: Every file an analysis may write. Writing an analysis into a folder replaces these as a whole: one it does not
#: write this time is removed, so no file of an earlier clip stays beside the new summary.json.
ANALYSIS_FILES = frozenset({"frames.csv", "landmarks.npz", "summary.json", *TASK_TABLE_FILES, *REVIEW_FILES})


def analysis_writers(a: Analysis, review: ReviewOptions | None = None) -> list[Writer]:
    """The writers for every output of an analysis; with `review`, also the therapist review outputs (report.html,
    report.pdf, OpenSim TRC/MOT, annotated.mp4: see coach.outputs.review)."""

    def frames(d: Path) -> None:
        write_csv(d / "frames.csv", *frames_table(a.angles, a.poses.found))

    def landmarks(d: Path) -> None:
        a.raw.save_npz(d / "landmarks.npz")

    def summary(d: Path) -> None:
        write_json(d / "summary.json", a.summary)

    def tables(d: Path) -> None:
        for name, (header, rows) in (a.result.tables() if a.result else {}).items():
            write_csv(d / name, header, rows)

    extra = review_writers(ReportData.from_analysis(a), a.info.source, review) if review is not None else []
    return [frames, landmarks, tables, *extra, summary]


def save_analysis(a: Analysis, out_dir: str | Path, review: ReviewOptions | None = None) -> list[Path]:
    """Write all outputs of an analysis into out_dir, complete or not at all, replacing an earlier analysis's
    outputs there as a whole (coach.outputs.commit.commit_outputs)."""
    return commit_outputs(out_dir, analysis_writers(a, review), replaces=ANALYSIS_FILES)
