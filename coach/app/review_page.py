"""Review a clip: upload (size limit stated, type checked, kept in a temporary folder that is removed) or a bundled
sample; choose the task; progress; then the annotated video, plots, tables, findings and every output to download.
A link with `?results=FOLDER` (the Batch table's link of each clip) opens a saved results folder the same way.

A bad upload gets a plain message on the page, never a traceback.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

import streamlit as st

from coach.app.common import data_folders, history_store, public_message, show_disclaimer, without_class_names
from coach.app.folders import RESULTS_PARAM, PathRefused
from coach.app.rules_input import rules_input
from coach.history import HistoryError
from coach.summary import ClipSummary

SAMPLES = Path(__file__).resolve().parents[2] / "sample_videos"
#: Accepted upload types and the size limit (MB), stated on the page and checked on the server.
VIDEO_TYPES = ("mp4", "mov", "m4v", "avi", "mkv", "webm")
MAX_UPLOAD_MB = 200
MIME = {
    ".mp4": "video/mp4",
    ".csv": "text/csv",
    ".json": "application/json",
    ".html": "text/html",
    ".pdf": "application/pdf",
    ".npz": "application/octet-stream",
    ".trc": "text/plain",
    ".mot": "text/plain",
    ".png": "image/png",
    ".svg": "image/svg+xml",
}

#: An output file to download: its bytes, or the function that makes them when its button is clicked.
Output = bytes | Callable[[], bytes]


@dataclass(frozen=True)
class ReviewResult:
    """What the page keeps after the temporary folder is gone: the clip name, summary, plain-words sentences and
    findings, every output file (name -> bytes, or the function that makes them when asked), and the report's
    figures and tables (coach.report); `saved_from` the results folder it was read from ('' for a clip analysed on
    the page)."""

    clip: str
    summary: ClipSummary
    sentences: list[str]
    files: Mapping[str, Output]
    figures: list
    tables: list
    saved_from: str = ""

    @classmethod
    def of(cls, clip: str, data, files: Mapping[str, Output], saved_from: str = "") -> ReviewResult:
        """The page's view of a clip's ReportData (`data`) and its output files."""
        from coach.report.plots import report_figures
        from coach.report.tables import report_tables
        from coach.report.words import summary_sentences

        sentences = summary_sentences(data)
        return cls(clip, data.summary, sentences, files, report_figures(data), report_tables(data), saved_from)


def saved_result(folder: Path) -> ReviewResult:
    """A saved results folder as the page shows it: the files it holds, and report.html built from them when the
    folder has none (a batch writes the results, not the report). Raises FileNotFoundError or ValueError (saved
    results damaged or cut short) with a message naming the folder."""
    from coach.report.data import ReportData
    from coach.report.html import render_html

    data = ReportData.load(folder)
    files: dict[str, Output] = {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}
    html = files.setdefault("report.html", render_html(data).encode("utf-8"))
    if "report.pdf" not in files and isinstance(html, bytes):
        files["report.pdf"] = partial(report_pdf, html)  # drawn when its button is clicked (a second or two)
    return ReviewResult.of(data.clip_name, data, files, saved_from=str(folder))


def report_pdf(html: bytes) -> bytes:
    """A clip report's HTML as the PDF to file, as `coach analyze` writes report.pdf."""
    from coach.report.pdf import html_to_pdf

    with tempfile.TemporaryDirectory(prefix="coach-report-") as d:
        path = Path(d) / "report.pdf"
        html_to_pdf(html.decode("utf-8"), path)
        return path.read_bytes()


def upload_problem(name: str, size_bytes: int) -> str:
    """Why an upload is refused ('' when it is acceptable): wrong type or too large."""
    ext = Path(name).suffix.lower().lstrip(".")
    if ext not in VIDEO_TYPES:
        return f"{name}: .{ext or '?'} files are not accepted; upload a video ({', '.join(VIDEO_TYPES)})."
    if size_bytes > MAX_UPLOAD_MB * 1024 * 1024:
        return f"{name}: {size_bytes / 2**20:.0f} MB is over the {MAX_UPLOAD_MB} MB limit; trim or compress the clip."
    if size_bytes == 0:
        return f"{name}: the file is empty (0 bytes); export or copy the video again."
    return ""


def analyse(clip: Path, task: str, progress, name: str, details=None, config=None, stage=None) -> ReviewResult:
    """Run the offline pipeline and write every review output (coach.outputs.analysis.save_analysis with the report's
    ReviewOptions) into a temporary folder, read them into memory, remove the folder. The summary names the clip
    `name` (as the user knows it), not the server's copy; `details` (PatientDetails) are filed with it; `config`
    (ClinicalConfig) the clinical rules, by default coach's."""
    from coach.analysis import Settings, analyze_video
    from coach.outputs.analysis import save_analysis
    from coach.outputs.review import ReviewOptions
    from coach.report.data import ReportData

    settings = Settings(task=task) if config is None else Settings(task=task, config=config)
    a = analyze_video(clip, settings, progress=progress, stage=stage)
    a = replace(a, clip=replace(a.clip, video=replace(a.clip.video, source=name)))
    if details is not None:  # coach.report.patient.PatientDetails: filed in the summary and the report
        a = replace(a, clip=details.record(a.clip))
    out = Path(tempfile.mkdtemp(prefix="coach-review-"))
    try:
        save_analysis(a, out, review=ReviewOptions())
        files = {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.is_file()}
    finally:
        shutil.rmtree(out, ignore_errors=True)
    return ReviewResult.of(name, ReportData.from_analysis(a), files)


def _details():
    """The optional patient details of the page's fields (PatientDetails), or None after saying what is wrong."""
    from coach.report.patient import AFFECTED_SIDES, PatientDetails

    with st.expander("Patient details for the report (optional)"):
        c1, c2, c3 = st.columns([2, 1, 1])
        patient = c1.text_input("Patient (name or id)", key="review_patient")
        side = c2.selectbox(
            "Affected side", ("", *AFFECTED_SIDES), key="review_side", format_func=lambda s: s or "not given"
        )
        filmed = c3.date_input("Date filmed", value=None, key="review_filmed")
        notes = st.text_area("Notes", key="review_notes", height=80)
    try:
        return PatientDetails(patient, side, filmed.isoformat() if filmed else "", notes)
    except ValueError as e:
        st.error(str(e))
        return None


def _run(clip: Path, task: str, name: str, details=None, config=None) -> None:
    """Analyse with a progress bar; errors become one plain message naming the clip as the user knows it (`name`),
    never the server's copy; the result is shown even when the history cannot store it."""
    from coach.model import ModelError
    from coach.report.pdf import PdfError
    from coach.report.words import analysed_task
    from coach.video import VideoError

    bar = st.progress(0.0, text=f"Analysing {name}...")

    doing = [f"Analysing {name}"]

    def progress(done: int, total: int) -> None:
        bar.progress(min(1.0, done / max(total, done, 1)), text=f"{doing[-1]}: frame {done} of {total}")

    def stage(text: str) -> None:
        doing.append(f"{name}: {text[0].upper()}{text[1:]}")
        bar.progress(0.0, text=doing[-1])

    try:
        result = analyse(clip, task, progress, name, details, config, stage)
    except (VideoError, ModelError, ValueError, OSError, PdfError) as e:
        bar.empty()
        st.error(f"Could not analyse the clip: {public_message(str(e), clip, name)}")
        return
    except MemoryError:
        bar.empty()
        st.error("Ran out of memory on this clip; use a shorter or smaller video.")
        return
    bar.empty()
    st.session_state["review_result"] = result
    saved_as = analysed_task(result.summary)  # a walk under auto is 'gait'; nothing recognised is not stored
    if saved_as:
        try:
            history_store().add(
                "clip", saved_as, result.summary.to_dict(), source=name, duration_s=result.summary.video.duration_s
            )
        except HistoryError as e:
            st.warning(f"The result below was not saved to the history: {e}.")


def _show(result: ReviewResult) -> None:
    """Results: the verdict and findings first, then the annotated video, plots, tables and downloads."""
    import pandas as pd

    from coach.numbers import cell_text
    from coach.report.interactive import to_plotly
    from coach.report.words import counted, score_text, task_text, view_text

    st.subheader(f"Results: {result.clip}")
    s = result.summary
    if result.saved_from:
        st.caption(f"Saved results, read from {result.saved_from}.")
    ex = s.exercise
    if ex is not None and counted(s):
        cols = st.columns(3)
        cols[0].metric("Left reps", ex.reps.get("left", 0))
        cols[1].metric("Right reps", ex.reps.get("right", 0))
        if ex.score is not None:
            cols[2].metric("Score", f"{ex.score}/100")
    if score_text(s) and s.gait:
        st.metric("Gait symmetry", score_text(s))
    st.caption(f"What it shows: {task_text(s)} · camera view: {view_text(s)}")
    for line in result.sentences:  # the findings are among them, each said once
        st.write(line)
    for w in s.warnings:
        st.warning(w)
    video = result.files.get("annotated.mp4")
    if isinstance(video, bytes):
        portrait = s.video.height > s.video.width
        (st.columns([2, 3])[0] if portrait else st).video(video)  # portrait: stays on screen
    elif result.saved_from:
        st.info(
            "No annotated video was saved with these results (a batch saves the measurements); analyse the clip on "
            "this page to see it with the skeleton and what coach found."
        )
    for fig in result.figures:
        st.plotly_chart(to_plotly(fig), width="stretch", key=f"fig_{fig.key}")
        if fig.note:
            st.caption(fig.note.replace("*", "\\*"))  # the plot's own mark, not Markdown's bullet
    for t in result.tables:
        st.markdown(f"**{t.title}**")
        st.dataframe(
            pd.DataFrame([[cell_text(c, h) for c, h in zip(row, t.header)] for row in t.rows], columns=t.header),
            hide_index=True,
            height="content" if len(t.rows) <= WHOLE_TABLE_ROWS else "auto",
        )
        if t.note:
            st.caption(t.note)
    st.markdown("**Downloads**")
    downloads = st.columns(4)
    for i, (name, data) in enumerate(result.files.items()):
        downloads[i % 4].download_button(
            name, data, file_name=name, mime=MIME.get(Path(name).suffix, "application/octet-stream"), key=f"dl_{name}"
        )


#: Tables up to this many rows are shown whole (per side, symmetry, movements); longer ones (per stride or rep of a
#: long clip) scroll in Streamlit's box of ten rows.
WHOLE_TABLE_ROWS = 20


def render() -> None:
    """The review page."""
    from coach.analysis import TASKS
    from coach.report.names import task_choices, task_name

    st.header("Review a clip")
    show_disclaimer()
    task = st.selectbox(
        "What the clip shows",
        task_choices(TASKS),
        format_func=task_name,
        key="review_task",
        help="Automatic recognises walking, the exercises and the assessments; 'Joint angles only' "
        "measures the angles without counting anything.",
    )
    details = _details()
    config = rules_input("review")
    blocked = details is None or config is None
    source = st.radio("Clip", ("Upload a video", "Bundled sample"), horizontal=True, key="review_source")
    if source == "Upload a video":
        up = st.file_uploader(f"Video ({', '.join(VIDEO_TYPES)}; at most {MAX_UPLOAD_MB} MB)", key="review_upload")
        if up is not None:
            problem = upload_problem(up.name, up.size)
            if problem:
                st.error(problem)
            elif st.button("Analyse", key="review_go", disabled=blocked):
                with tempfile.TemporaryDirectory(prefix="coach-upload-") as tmp:
                    clip = Path(tmp) / Path(up.name).name
                    clip.write_bytes(up.getbuffer())
                    _run(clip, task, up.name, details, config)
    else:
        samples = sorted(SAMPLES.glob("*.mp4")) if SAMPLES.is_dir() else []
        if not samples:
            st.info(f"No bundled sample clips in {SAMPLES}.")
        else:
            name = st.selectbox("Sample", [p.name for p in samples], key="review_sample")
            if st.button("Analyse", key="review_go_sample", disabled=blocked):
                _run(SAMPLES / name, task, name, details, config)
    _open_linked()
    if "review_result" in st.session_state:
        _show(st.session_state["review_result"])


def _open_linked() -> None:
    """The saved results folder a link asks for (RESULTS_PARAM), loaded once per link into the page's result; a
    folder outside the data folders, or without readable results, gets a plain message instead, kept while the link
    is open."""
    typed = st.query_params.get(RESULTS_PARAM)
    if not typed:
        return
    if st.session_state.get("review_linked", ("", ""))[0] != typed:
        problem = ""
        try:
            st.session_state["review_result"] = saved_result(data_folders().confine(typed, "results folder"))
        except PathRefused as e:
            problem = str(e)
        except (FileNotFoundError, ValueError, OSError) as e:
            problem = f"These saved results cannot be opened: {without_class_names(str(e))}"
        st.session_state["review_linked"] = (typed, problem)
    if st.session_state["review_linked"][1]:
        st.error(st.session_state["review_linked"][1])
