"""Batch page: score a folder inside the allowed data folders (or several uploads) with the same engine as
`coach batch`, into a results folder inside them too; the results table fills as files finish, with a status per
file, and can be downloaded."""

from __future__ import annotations

import os
import tempfile
import threading
from pathlib import Path

import streamlit as st

from coach.app.batch_table import RESULTS_HEADER, errors, page_table
from coach.app.common import data_folders, public_message, show_disclaimer
from coach.app.folders import PathRefused
from coach.app.review_page import MAX_UPLOAD_MB, VIDEO_TYPES, upload_problem
from coach.app.rules_input import rules_input
from coach.batch.progress import clear_progress, running

#: Seconds between two refreshes of the progress bar while a batch runs.
POLL_S = 0.5


def _progress(plan, finished: int, fractions: list[float]) -> tuple[float, str]:
    """The bar's value and text: files finished (kept ones included) plus the part done of those being analysed."""
    done = finished + len(plan.kept)
    now = f"; {len(fractions)} being analysed ({', '.join(f'{f:.0%}' for f in fractions)})" if fractions else ""
    return min(1.0, (done + sum(fractions)) / max(plan.total, 1)), f"{done} of {plan.total} files done{now}"


def _run(batch, folder: Path, settings, workers: int, engine: str, out_dir: Path, shown_as: str) -> None:
    """Plan and run the batch (coach.batch, as `coach batch`), refreshing the table and progress after each file;
    the whole table (files kept from an earlier run included) is read back from results.csv at the end. The batch
    runs in a thread while the page polls it, so the bar also moves inside each file being analysed. Messages
    call the clip folder `shown_as` (the uploads' temporary folder is never named); `settings` (Settings) hold
    the task and the clinical rules."""
    try:
        plan = batch.plan_batch(folder, settings, out_dir, file_progress=True)
    except ValueError as e:  # BatchError: no folder, no clips, results folder not writable
        st.error(public_message(str(e), folder, shown_as))
        return
    st.caption(
        f"{plan.total} clips: {len(plan.jobs)} to analyse, {len(plan.kept)} already done under the same "
        "settings (kept)."
    )
    bar = st.progress(0.0, text="Starting...")
    table = st.empty()
    rows: list[dict] = []
    outcome: dict = {}

    def work() -> None:  # no st.* here: the page's own thread draws
        try:
            outcome["report"] = batch.run_plan(plan, workers, engine, on_result=lambda r: rows.append(r.to_row()))
        except (ValueError, OSError) as e:  # BatchError: engine missing, output not writable
            outcome["error"] = e

    clear_progress(plan.out_dir)
    worker = threading.Thread(target=work, name="coach-batch", daemon=True)
    worker.start()
    shown = -1
    while worker.is_alive():
        worker.join(POLL_S)
        bar.progress(*_progress(plan, len(rows), running(plan.out_dir)))
        if len(rows) != shown:
            shown = len(rows)
            _table(table, list(rows), out_dir)
    if "error" in outcome:
        st.error(f"The batch stopped: {public_message(str(outcome['error']), folder, shown_as)}")
        return
    report = outcome["report"]
    bar.progress(1.0, text=f"Done: {report.ok} ok, {report.errors} with errors")
    table.empty()
    st.session_state["batch_table"] = report.csv_path.read_bytes()
    st.session_state["batch_out"] = str(out_dir)


def _confined(typed: str, what: str) -> Path | None:
    """A typed folder inside the allowed data folders, or None after saying why it is refused."""
    try:
        return data_folders().confine(typed, what)
    except PathRefused as e:
        st.error(str(e))
        return None


def _run_folder(batch, typed: str, typed_out: str, settings, workers: int, engine: str) -> None:
    """A typed clip folder into a typed results folder, both inside the allowed data folders."""
    folder, out_dir = _confined(typed, "clip folder"), _confined(typed_out, "results folder")
    if folder is None or out_dir is None:
        return
    if not folder.is_dir():
        st.error(f"{typed}: no such folder.")
        return
    _run(batch, folder, settings, workers, engine, out_dir, typed)


def _run_uploads(batch, ups, typed_out: str, settings, workers: int, engine: str) -> None:
    """Uploaded clips (copied to a temporary folder, removed after) into a typed results folder."""
    out_dir = _confined(typed_out, "results folder")
    if out_dir is None:
        return
    with tempfile.TemporaryDirectory(prefix="coach-batch-") as tmp:
        for u in ups:
            (Path(tmp) / Path(u.name).name).write_bytes(u.getbuffer())
        _run(batch, Path(tmp), settings, workers, engine, out_dir, "the uploaded clips")


def render() -> None:
    """The batch page."""
    from coach import batch
    from coach.analysis import TASKS, Settings
    from coach.batch.run import ENGINES
    from coach.report.names import task_choices, task_name

    st.header("Batch")
    show_disclaimer()
    task = st.selectbox("What the clips show", task_choices(TASKS), format_func=task_name, key="batch_task")
    c1, c2 = st.columns(2)
    cores = max(1, os.cpu_count() or 1)
    workers = int(c1.number_input("Workers (clips analysed at once)", 1, cores, cores, key="batch_workers"))
    engine = c2.selectbox(
        "Engine",
        list(ENGINES),
        key="batch_engine",
        help="local: processes on this machine; ray: a Ray cluster (needs the coach[ray] extra)",
    )
    source = st.radio("Clips", ("A folder on this machine", "Upload clips"), horizontal=True, key="batch_source")
    folders = data_folders()
    st.caption(
        f"Folders on this machine must be inside {folders.describe()} (the data folders this app was started "
        "with: `coach app --data-dir FOLDER`); clips from elsewhere can be uploaded."
    )
    typed_out = st.text_input("Results folder", str(folders.roots[0] / "batch-results"), key="batch_outdir")
    config = rules_input("batch")
    settings = Settings(task=task, config=config) if config is not None else None
    if source == "A folder on this machine":
        typed = st.text_input("Folder with videos", key="batch_folder")
        if st.button("Run batch", key="batch_go", disabled=settings is None) and typed:
            _run_folder(batch, typed, typed_out, settings, workers, engine)
    else:
        ups = st.file_uploader(
            f"Videos ({', '.join(VIDEO_TYPES)}; at most {MAX_UPLOAD_MB} MB each)",
            accept_multiple_files=True,
            key="batch_uploads",
        )
        bad = [p for p in (upload_problem(u.name, u.size) for u in ups or []) if p]
        for p in bad:
            st.error(p)
        if ups and not bad and st.button("Run batch", key="batch_go_up", disabled=settings is None):
            _run_uploads(batch, ups, typed_out, settings, workers, engine)
    csv = st.session_state.get("batch_table")
    if csv:
        _results(csv, Path(st.session_state["batch_out"]))


def _results(csv: bytes, out_dir: Path) -> None:
    """The finished batch: the table (clinical columns first, each analysed clip linked to its results on the Review
    page), every error in full, and the CSV to download."""
    import io

    import pandas as pd

    rows = pd.read_csv(io.BytesIO(csv)).to_dict("records")
    _table(st, rows, out_dir)
    for line in errors(rows):
        st.error(line)
    st.download_button("Download the table (CSV)", csv, file_name="results.csv", mime="text/csv", key="batch_dl")
    st.caption(f"Per-file outputs, results.csv and results.parquet are in {out_dir}.")


def _table(where, rows: list[dict], out_dir: Path) -> None:
    """The batch table in `where` (the page, or the placeholder redrawn while the batch runs); the results link of
    each clip opens its results, report and downloads on the Review page in a new tab."""
    where.dataframe(
        page_table(rows, out_dir),
        hide_index=True,
        column_config={
            RESULTS_HEADER: st.column_config.LinkColumn(
                RESULTS_HEADER,
                display_text="open",
                width="small",
                help="Open this clip's results and report on the Review page (a new tab)",
            )
        },
    )
