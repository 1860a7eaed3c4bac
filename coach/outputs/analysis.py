"""Turn an Analysis into files (frames.csv, summary.json, landmarks.npz, ...) and into plain words."""

from __future__ import annotations

from pathlib import Path

from coach.analysis import Analysis
from coach.outputs.commit import Writer, commit_outputs, frames_table, write_csv, write_json
from coach.outputs.review import REVIEW_FILES, ReviewOptions, review_writers
from coach.quality import Completeness
from coach.report.data import TASK_TABLES, ReportData
from coach.report.names import task_name
from coach.report.words import counted, result_findings, result_sentences, view_text
from coach.summary import ClipSummary

#: Every file an analysis may write. Writing an analysis into a folder replaces these as a whole: one it does not
#: write this time is removed, so no file of an earlier clip stays beside the new summary.json.
ANALYSIS_FILES = frozenset({"frames.csv", "landmarks.npz", "summary.json", *TASK_TABLES, *REVIEW_FILES})


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


def plain_words(summary: ClipSummary) -> list[str]:
    """A few sentences a patient or therapist can read: what was seen and how far to trust it (what was found in the
    report's own words, coach.report.words.result_sentences)."""
    v = summary.video
    read = Completeness.from_video(v.to_dict())
    lines = [
        f"{Path(v.source).name}: {read.seconds_text()}, {v.width}x{v.height}, {read.frames_text()} "
        "analysed" + (" (the file ends early)." if read.ends_early else ".")
    ]
    facing = f", facing {summary.facing}" if summary.facing not in ("", "unknown") else ""
    lines.append(
        f"Camera view: {view_text(summary)}{facing}; the person was found in {summary.person_found_fraction:.0%} of "
        "frames."
    )
    if summary.task == "none":
        lines.append(
            "Joint angles only (--exercise none): add --exercise auto, or name the exercise, to count reps "
            "or analyse walking."
        )
    rec = summary.result.recognised
    if rec:
        lines.append(f"Recognised: {task_name(rec.task).lower()} (confidence {rec.confidence:.0%}): {rec.reason}.")
    lines += result_sentences(summary.result)
    ex = summary.exercise
    if ex is not None and counted(summary.result):
        lines += [f"{task_name(ex.exercise)} score: {ex.score:.0f}/100."] if ex.score is not None else []
        lines += [f"Cue: {c}" for c in ex.cues[:3]]
    lines += [f"Finding: {f}" for f in result_findings(summary.result)]
    lines += [f"Warning: {w}" for w in summary.warnings]
    lines.append(summary.disclaimer)
    return lines
