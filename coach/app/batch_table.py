"""The Batch page's view of the results table: clinical columns first with plain headers, task names in words,
numbers rounded by unit, every error in full, and a link that opens each clip's results on the Review page."""

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
#: The header of the column of links to each clip's results (coach.app.review_page opens them).
RESULTS_HEADER = "results"


def page_table(rows: list[dict], out_dir: Path | None = None):
    """The rows as the page shows them (a pandas DataFrame): SHOWN's columns, plain headers and values; no reps for a
    clip in which automatic recognition found nothing to count (as the Review page shows no counter for it); with the
    batch's results folder `out_dir`, a first column linking each analysed clip to its results on the Review page."""
    import pandas as pd

    from coach.app.folders import results_link
    from coach.numbers import cell_text
    from coach.report.names import task_name

    out = []
    for r in rows:
        row: dict[str, str | None] = {}
        for key, header in SHOWN.items():
            v = r.get(key)
            v = None if v != v else v  # NaN from a CSV read back
            if key == "exercise":
                v = task_name(str(v)) if v and r.get("status") == "ok" else ""
            elif key in ("reps_left", "reps_right") and v is not None:
                v = int(v) if r.get("exercise") != "none" else None  # nothing recognised, nothing counted: no 0
            row[header] = cell_text(v, header) if v is not None else ""
        if out_dir is not None:
            done = r.get("status") == "ok" and r.get("output")
            row[RESULTS_HEADER] = results_link(out_dir / str(r["output"])) if done else ""
        out.append(row)
    headers = list(SHOWN.values())
    return pd.DataFrame(out, columns=[RESULTS_HEADER, *headers] if out_dir is not None else headers)


def errors(rows: list[dict]) -> list[str]:
    """One line per file that failed, with its whole message in plain words: the file named once (most messages
    start with it already) and no exception class name."""
    lines = []
    for r in rows:
        if r.get("status") == "error":
            message = without_class_names(str(r.get("error")))
            lines.append(message if message.startswith(f"{r['file']}: ") else f"{r['file']}: {message}")
    return lines
