"""The Batch page's view of the results table: clinical columns first with plain headers, task names in words,
numbers rounded by unit, every error in full, and a report built on demand for any clip of the batch."""

from __future__ import annotations

from pathlib import Path

from coach.app.common import without_class_names

#: Table column -> page header, in the order a clinician reads them (the rest of results.csv stays in the file).
SHOWN = {
    "file": "clip",
    "status": "status",
    "exercise": "what it shows",
    "reps_left": "reps left",
    "reps_right": "reps right",
    "score": "score",
    "gait_verdict": "gait verdict",
    "gait_cadence_steps_per_min": "cadence (steps/min)",
    "assessment": "assessment",
    "assessment_value": "assessment result",
    "assessment_reference": "vs reference",
    "duration_s": "length (s)",
    "person_found_fraction": "person found (0-1)",
    "view": "view",
    "warnings": "warnings",
}


def page_table(rows: list[dict]):
    """The rows as the page shows them (a pandas DataFrame): SHOWN's columns, plain headers and values; no reps for a
    clip in which automatic recognition found nothing to count (as the Review page shows no counter for it)."""
    import pandas as pd

    from coach.numbers import cell_text
    from coach.report.names import task_name

    out = []
    for r in rows:
        row = {}
        for key, header in SHOWN.items():
            v = r.get(key)
            v = None if v != v else v  # NaN from a CSV read back
            if key == "exercise":
                v = task_name(str(v)) if v and r.get("status") == "ok" else ""
            elif key in ("reps_left", "reps_right") and v is not None:
                v = int(v) if r.get("exercise") != "none" else None  # nothing recognised, nothing counted: no 0
            row[header] = cell_text(v, header) if v is not None else ""
        out.append(row)
    return pd.DataFrame(out, columns=list(SHOWN.values()))


def errors(rows: list[dict]) -> list[str]:
    """One line per file that failed, with its whole message in plain words: the file named once (most messages
    start with it already) and no exception class name."""
    lines = []
    for r in rows:
        if r.get("status") == "error":
            message = without_class_names(str(r.get("error")))
            lines.append(message if message.startswith(f"{r['file']}: ") else f"{r['file']}: {message}")
    return lines


def clip_report(out_dir: Path, output: str) -> tuple[bytes, str]:
    """report.html of one clip of a batch, built from its saved results (as `coach report` does), and its name."""
    from coach.report.data import ReportData
    from coach.report.html import render_html

    folder = (out_dir / output).resolve()
    if not folder.is_relative_to(out_dir.resolve()):
        raise ValueError(f"{output}: not a clip of this batch")
    return render_html(ReportData.load(folder)).encode("utf-8"), f"{Path(output.rstrip('/')).name}-report.html"


def report_pdf(html: bytes) -> bytes:
    """A clip report's HTML (clip_report) as a PDF to file, as `coach analyze` writes report.pdf."""
    import tempfile

    from coach.report.pdf import html_to_pdf

    with tempfile.TemporaryDirectory(prefix="coach-report-") as d:
        path = Path(d) / "report.pdf"
        html_to_pdf(html.decode("utf-8"), path)
        return path.read_bytes()
