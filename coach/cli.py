"""The `coach` command line: analyze a clip, run the demo; errors are one line with what to do, never a traceback."""

from __future__ import annotations

import json
import logging
import sys
from contextlib import nullcontext
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from coach import __version__
from coach.model import ModelError
from coach.offline import keep_offline
from coach.report.names import DEFAULT_TASK, task_choices
from coach.report.patient import AFFECTED_SIDES
from coach.tasks import TASKS

if TYPE_CHECKING:
    from coach.outputs.review import ReviewOptions

# The commands import what they need when they run (numpy, scipy, PyAV and MediaPipe take seconds to import), so
# `coach --help` answers at once.

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    help="coach: hip-rehab exercise and gait coach from video. Coaches; does not diagnose.",
)
err = Console(stderr=True)

#: --exercise's help: every task, automatic first.
TASK_HELP = (
    "what the clip shows: "
    + " | ".join(task_choices(TASKS))
    + "; auto recognises it, none measures the joint angles only"
)

SAMPLES = Path(__file__).resolve().parent.parent / "sample_videos"
#: --config: a TOML file overriding coach's clinical rules (coach/config/defaults.toml documents every key).
ConfigOption = Annotated[
    Path | None,
    typer.Option(
        "--config",
        metavar="FILE",
        help="TOML file changing clinical limits (form cues, targets, tempo, assessment references); keys as in "
        "coach/config/defaults.toml",
    ),
]

#: --every-frame: exercises and assessments filmed above 45 fps are posed at about 30 frames a second, held positions
#: filmed above 22 fps at about 15 (coach.analysis.HOLD_POSE_RATE_HZ), unless asked.
EveryFrameOption = Annotated[
    bool,
    typer.Option(
        "--every-frame",
        help="pose every frame of an exercise or assessment clip filmed faster than 45 fps (slower; by default such a "
        "clip, e.g. 60 fps, is posed at about 30 frames a second, enough for its movements, and a single-leg stance "
        "or stretch hold at about 15; gait poses every frame, and so does auto when it finds walking)",
    ),
]


def fail(message: str, code: int = 2) -> None:
    """Print a one-line error on stderr and exit with `code`."""
    err.print(f"[bold red]coach: error:[/] {message}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def run_analysis(
    video: Path,
    task: str,
    out: Path | None,
    as_json: bool,
    quiet: bool = False,
    review: ReviewOptions | None = None,
    age: float | None = None,
    sex: str | None = None,
    details: dict | None = None,
    config: Path | None = None,
    every_frame: bool = False,
) -> dict:
    """Analyse one clip with a progress bar on stderr, write outputs (with the review outputs `review`, by default
    all of them), print the summary; `age` and `sex` compare an assessment with the references for that person;
    `details` (PatientDetails fields) are filed in the summary and the report; `config` a settings file overriding
    the clinical rules; `every_frame` poses every frame of a clip filmed faster than the task needs."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    from coach.analysis import Settings, analyze_video
    from coach.config import load_config
    from coach.nativelogs import filter_native_logs
    from coach.outputs.commit import check_writable
    from coach.outputs.formats import json_safe
    from coach.outputs.review import ReviewOptions
    from coach.report.patient import PatientDetails
    from coach.report.words import plain_words
    from coach.video import VideoError

    filter_native_logs()
    review = review or ReviewOptions()
    try:
        settings = Settings(task=task, age_years=age, sex=sex, config=load_config(config), every_frame=every_frame)
        patient = PatientDetails(**(details or {}))
    except ValueError as e:
        fail(str(e))
    out_dir = out or Path("coach-results") / video.stem
    try:
        check_writable(out_dir)
    except OSError as e:
        fail(f"cannot write results to {out_dir}: {e.strerror or e}; choose another --out folder")
    try:
        with Progress(
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("frames"),
            TimeRemainingColumn(),
            console=err,
            transient=True,
            disable=quiet,
        ) as bar:
            job = bar.add_task(f"analysing {video.name}", total=None)
            result = analyze_video(
                video,
                settings,
                progress=lambda done, total: bar.update(job, completed=done, total=max(total, done)),
                stage=lambda text: bar.update(job, description=f"{video.name}: {text}", completed=0),
            )
    except (VideoError, ModelError) as e:
        fail(str(e))
    except MemoryError:
        fail(f"{video}: ran out of memory; lower --max-side or close other programs")
    except KeyboardInterrupt:
        fail(f"interrupted; nothing was written to {out_dir}", 130)
    result = replace(result, clip=patient.record(result.clip))
    _save(result, out_dir, review, quiet)
    if as_json:
        print(json.dumps(json_safe(result.summary), indent=2, ensure_ascii=False))
    else:
        for line in plain_words(result.clip):
            print(line)
        print(f"Results written to {out_dir}/")
    return result.summary


def _save(result, out_dir: Path, review: ReviewOptions | None, quiet: bool) -> None:
    """Write an analysis's outputs with a spinner; each way it can fail is one line saying what was kept."""
    from coach.outputs.analysis import save_analysis
    from coach.outputs.commit import OutputsIncomplete
    from coach.report.pdf import PdfError

    try:
        with err.status("writing the report and the annotated video", spinner="dots") if not quiet else nullcontext():
            save_analysis(result, out_dir, review)
    except KeyboardInterrupt:
        fail(f"interrupted; nothing was written to {out_dir}", 130)
    except OutputsIncomplete as e:
        fail(f"results written to {out_dir}/ except: {e}")
    except PdfError as e:
        fail(f"{e}; nothing was written to {out_dir}; rerun with --no-pdf to skip the PDF")
    except OSError as e:
        fail(f"could not write results to {out_dir}: {e.strerror or e}; choose another --out folder")


@app.command()
def analyze(
    video: Annotated[Path, typer.Argument(metavar="VIDEO", help="video file (MP4, MOV, AVI, MKV, WebM)")],
    exercise: Annotated[str, typer.Option("--exercise", "-e", metavar="TASK", help=TASK_HELP)] = DEFAULT_TASK,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", metavar="DIR", help="output folder [default: coach-results/<clip>]")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="print the summary as JSON on stdout")] = False,
    blur_face: Annotated[bool, typer.Option("--blur-face", help="blur the face in annotated.mp4 to share it")] = False,
    no_video: Annotated[bool, typer.Option("--no-video", help="skip annotated.mp4 (the slow part)")] = False,
    no_pdf: Annotated[bool, typer.Option("--no-pdf", help="skip report.pdf")] = False,
    age: Annotated[
        float | None,
        typer.Option(
            "--age",
            metavar="YEARS",
            help="the person's age (years), to compare an assessment with the references for that age",
        ),
    ] = None,
    sex: Annotated[
        str | None, typer.Option("--sex", metavar="SEX", help="female | male, for references given by sex")
    ] = None,
    patient: Annotated[str, typer.Option("--patient", metavar="NAME", help="patient name or id, for the report")] = "",
    affected_side: Annotated[
        str,
        typer.Option(
            "--affected-side", metavar="SIDE", help=f"the painful or operated side: {' | '.join(AFFECTED_SIDES)}"
        ),
    ] = "",
    date_filmed: Annotated[
        str, typer.Option("--date-filmed", metavar="YYYY-MM-DD", help="when the clip was filmed")
    ] = "",
    notes: Annotated[
        str, typer.Option("--notes", metavar="TEXT", help="the therapist's notes, printed in the report")
    ] = "",
    config: ConfigOption = None,
    every_frame: EveryFrameOption = False,
) -> None:
    """Analyse one clip: joint angles per frame, view, people, the exercise, gait or assessment results, and the
    review outputs (annotated.mp4, report.html, report.pdf, landmarks_px.trc, angles.mot)."""
    from coach.outputs.review import ReviewOptions

    details = {"patient": patient, "affected_side": affected_side, "date_filmed": date_filmed, "notes": notes}
    run_analysis(
        video,
        exercise,
        out,
        as_json,
        review=ReviewOptions(video=not no_video, blur_face=blur_face, pdf=not no_pdf),
        age=age,
        sex=sex,
        details=details,
        config=config,
        every_frame=every_frame,
    )


@app.command()
def report(
    folder: Annotated[Path, typer.Argument(metavar="FOLDER", help="a results folder written by `coach analyze --out`")],
    video: Annotated[
        Path | None, typer.Option("--video", metavar="CLIP", help="the source clip, to redraw annotated.mp4")
    ] = None,
    blur_face: Annotated[bool, typer.Option("--blur-face", help="blur the face in annotated.mp4")] = False,
    no_pdf: Annotated[bool, typer.Option("--no-pdf", help="skip report.pdf")] = False,
) -> None:
    """Rebuild the report (HTML, PDF, TRC/MOT, and the annotated video with --video) from saved results, without
    running pose estimation again."""
    from coach.outputs.commit import OutputsIncomplete, commit_outputs
    from coach.outputs.review import ReviewOptions, review_writers
    from coach.report.data import ReportData
    from coach.report.pdf import PdfError
    from coach.video import VideoError

    try:
        data = ReportData.load(folder)
    except FileNotFoundError as e:
        fail(str(e))
    except ValueError as e:  # SavedResultsError: a damaged, cut-short or foreign file
        fail(f"{folder}: {e}; run `coach analyze VIDEO --out {folder}` again")
    if video is not None and not video.is_file():
        fail(f"{video}: no such clip; give the clip the results were made from")
    options = ReviewOptions(video=video is not None, blur_face=blur_face, pdf=not no_pdf)
    try:
        written = commit_outputs(folder, review_writers(data, video, options))
    except (OSError, VideoError, PdfError, OutputsIncomplete) as e:
        fail(f"could not write the report to {folder}: {e}")
    print("Rebuilt " + ", ".join(p.name for p in written) + f" in {folder}/")


@app.command()
def demo(out: Annotated[Path | None, typer.Option("--out", "-o", metavar="DIR", help="output folder")] = None) -> None:
    """Run the main job on the bundled sample clip and say what was found."""
    clips = sorted(SAMPLES.glob("*.mp4")) if SAMPLES.is_dir() else []
    if not clips:
        fail(f"no sample clip found in {SAMPLES}; reinstall coach from a source checkout")
    walk = SAMPLES / "two_people_walk_and_jump_sports2d.mp4"
    clip = walk if walk in clips else clips[0]
    out_dir = out or Path("coach-results") / "demo"
    print(
        f"coach demo on the bundled sample {clip.name} (see {clip.with_suffix('.md').name} for its source and "
        "licence): coach recognises what the clip shows, follows the person doing it among the people in view, "
        "and measures it.\n"
    )
    run_analysis(clip, "auto", out_dir, as_json=False)
    print(
        f"\nOpen {out_dir / 'report.html'} for the report (plots, tables, how far to trust each number) and "
        f"{out_dir / 'annotated.mp4'} for the clip with the skeleton and the events coach found."
    )


@app.command()
def batch(
    folder: Annotated[Path, typer.Argument(metavar="FOLDER", help="folder of clips, searched recursively")],
    exercise: Annotated[str, typer.Option("--exercise", "-e", metavar="TASK", help=TASK_HELP)] = DEFAULT_TASK,
    out: Annotated[
        Path | None,
        typer.Option("--out", "-o", metavar="DIR", help="output folder [default: coach-results/batch-<folder>]"),
    ] = None,
    workers: Annotated[
        int | None, typer.Option("--workers", "-w", min=1, metavar="N", help="parallel workers [default: CPUs]")
    ] = None,
    engine: Annotated[
        str, typer.Option("--engine", metavar="ENGINE", help="local (process pool) | ray (pip install 'coach[ray]')")
    ] = "local",
    address: Annotated[
        str | None,
        typer.Option("--address", metavar="ADDRESS", help="Ray cluster address, e.g. auto or ray://head:10001"),
    ] = None,
    glob: Annotated[
        str, typer.Option("--glob", metavar="PATTERN", help="which file names to consider, e.g. '*.mp4' or 'p01/**/*'")
    ] = "*",
    retry_failed: Annotated[
        bool, typer.Option("--retry-failed", help="analyse files that failed before again")
    ] = False,
    config: ConfigOption = None,
    every_frame: EveryFrameOption = False,
) -> None:
    """Score every clip of a folder in parallel into one results table (CSV + Parquet); a rerun resumes."""
    from coach.analysis import Settings
    from coach.batch import BatchError, plan_batch, run_plan
    from coach.batch.console import batch_progress, plan_lines, summary_lines
    from coach.config import load_config
    from coach.nativelogs import filter_native_logs

    filter_native_logs()
    try:
        settings = Settings(task=exercise, config=load_config(config), every_frame=every_frame)
    except ValueError as e:
        fail(str(e))
    out_dir = out or Path("coach-results") / f"batch-{folder.resolve().name}"
    try:
        plan = plan_batch(folder, settings, out_dir, glob, retry_failed, file_progress=True)
        for line in plan_lines(plan):
            err.print(line, highlight=False)
        with batch_progress(err, plan) as on_result:
            report = run_plan(plan, workers, engine, address, on_result)
    except (BatchError, ModelError) as e:
        fail(str(e))
    except KeyboardInterrupt:
        fail(
            f"interrupted; every finished file is kept in {out_dir} and the table is up to date: run the same "
            "command again to continue",
            130,
        )
    for line in summary_lines(report):
        print(line)


@app.command("app")
def web_app(
    port: Annotated[int, typer.Option("--port", metavar="PORT", help="port on localhost")] = 8501,
    db: Annotated[
        Path | None, typer.Option("--db", metavar="FILE", help="history database file [default: user data folder]")
    ] = None,
    data_dir: Annotated[
        list[Path] | None,
        typer.Option(
            "--data-dir",
            metavar="DIR",
            help="a folder the app may read clips from and write results to; repeat for more "
            "[default: the coach folder in the user data folder]",
        ),
    ] = None,
) -> None:
    """Open the web app (live coaching, clip review, batch, history) on localhost; nothing leaves the machine.
    Paths typed in the browser must lie inside the --data-dir folders; other clips come in as uploads."""
    from coach.app.folders import DataFolders
    from coach.app.launch import serve, streamlit_command
    from coach.nativelogs import filter_native_logs

    script = Path(__file__).resolve().parent.parent / "app.py"
    if not script.is_file():
        fail(f"app.py not found beside the coach package ({script}); run coach from a source checkout")
    folders = DataFolders.chosen([str(d) for d in data_dir or []])
    missing = [str(d) for d in folders.roots if not d.is_dir()]
    if data_dir and missing:
        fail(f"--data-dir {', '.join(missing)}: no such folder")
    for d in folders.roots:
        d.mkdir(parents=True, exist_ok=True)
    filter_native_logs()
    raise typer.Exit(serve(streamlit_command(script, port, db, folders.roots)))


def version_callback(value: bool) -> None:
    if value:
        print(f"coach {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=version_callback, is_eager=True, help="print the version")
    ] = False,
) -> None:
    """coach: hip-rehab exercise and gait coach from video."""
    logging.basicConfig(level=logging.WARNING, format="coach: %(message)s")
    keep_offline()  # before any thread or worker starts; they inherit it


def entry() -> None:
    """Console-script entry: Ctrl-C exits 130 without a traceback."""
    try:
        app()
    except KeyboardInterrupt:
        err.print("coach: interrupted")
        sys.exit(130)
