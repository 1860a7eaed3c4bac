"""Batch page: score a folder on this machine (or several uploads) with the same engine as `coach batch`;
the results table fills as files finish, with a status per file, and can be downloaded."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import streamlit as st

from coach.app.common import show_disclaimer
from coach.app.review_page import MAX_UPLOAD_MB, VIDEO_TYPES, upload_problem


def _run(batch, folder: Path, task: str, workers: int, engine: str, out_dir: Path) -> None:
    """Plan and run the batch (coach.batch, as `coach batch`), refreshing the table and progress after each file;
    the whole table (files kept from an earlier run included) is read back from results.csv at the end."""
    import pandas as pd

    from coach.analysis import Settings

    try:
        plan = batch.plan_batch(folder, Settings(task=task), out_dir)
    except ValueError as e:  # BatchError: no folder, no clips
        st.error(str(e))
        return
    st.caption(f"{plan.total} clips: {len(plan.jobs)} to analyse, {len(plan.kept)} already done under the same "
               "settings (kept).")
    bar = st.progress(0.0, text="Starting...")
    table = st.empty()
    rows: list[dict] = []

    def on_result(record) -> None:
        rows.append(record.to_row())
        done = len(rows) + len(plan.kept)
        bar.progress(min(1.0, done / max(plan.total, 1)), text=f"{done} of {plan.total} files done")
        table.dataframe(pd.DataFrame(rows), hide_index=True)

    try:
        report = batch.run_plan(plan, workers, engine, on_result=on_result)
    except (ValueError, OSError) as e:  # BatchError: engine missing, output not writable
        st.error(f"The batch stopped: {e}")
        return
    bar.progress(1.0, text=f"Done: {report.ok} ok, {report.errors} with errors")
    table.empty()
    st.session_state["batch_table"] = report.csv_path.read_bytes()
    st.session_state["batch_out"] = str(out_dir)


def render() -> None:
    """The batch page."""
    from coach.analysis import TASKS

    from coach import batch
    from coach.batch.run import ENGINES

    st.header("Batch")
    show_disclaimer()
    task = st.selectbox("Exercise", list(TASKS), key="batch_task")
    c1, c2 = st.columns(2)
    workers = int(c1.number_input("Workers", 1, max(1, os.cpu_count() or 1), 1, key="batch_workers"))
    engine = c2.selectbox("Engine", list(ENGINES), key="batch_engine",
                          help="local: processes on this machine; ray: a Ray cluster (needs the coach[ray] extra)")
    source = st.radio("Clips", ("A folder on this machine", "Upload clips"), horizontal=True, key="batch_source")
    out_dir = Path(st.text_input("Results folder", str(Path.cwd() / "coach-batch-results"), key="batch_outdir"))
    if source == "A folder on this machine":
        folder = st.text_input("Folder with videos", key="batch_folder")
        if st.button("Run batch", key="batch_go") and folder:
            if not Path(folder).is_dir():
                st.error(f"{folder}: no such folder on this machine.")
            else:
                _run(batch, Path(folder), task, workers, engine, out_dir)
    else:
        ups = st.file_uploader(f"Videos ({', '.join(VIDEO_TYPES)}; at most {MAX_UPLOAD_MB} MB each)",
                               accept_multiple_files=True, key="batch_uploads")
        bad = [p for p in (upload_problem(u.name, u.size) for u in ups or []) if p]
        for p in bad:
            st.error(p)
        if ups and not bad and st.button("Run batch", key="batch_go_up"):
            with tempfile.TemporaryDirectory(prefix="coach-batch-") as tmp:
                for u in ups:
                    (Path(tmp) / Path(u.name).name).write_bytes(u.getbuffer())
                _run(batch, Path(tmp), task, workers, engine, out_dir)
    csv = st.session_state.get("batch_table")
    if csv:
        import io

        import pandas as pd

        st.dataframe(pd.read_csv(io.BytesIO(csv)), hide_index=True)
        st.download_button("Download the table (CSV)", csv, file_name="results.csv", mime="text/csv", key="batch_dl")
        st.caption(f"Per-file outputs, results.csv and results.parquet are in {st.session_state['batch_out']}.")
