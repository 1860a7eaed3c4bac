"""The `coach` command line: analyze a clip, run the demo; errors are one line with what to do, never a traceback."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from coach import __version__
from coach.analysis import TASKS, Settings, analyze_video
from coach.model import ModelError
from coach.outputs import json_safe
from coach.results import plain_words, save_analysis
from coach.video import VideoError

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="coach: hip-rehab exercise and gait coach from video. Coaches; does not diagnose.")
err = Console(stderr=True)

SAMPLES = Path(__file__).resolve().parent.parent / "sample_videos"


def fail(message: str, code: int = 2) -> None:
    """Print a one-line error on stderr and exit with `code`."""
    err.print(f"[bold red]coach: error:[/] {message}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def run_analysis(video: Path, task: str, out: Path | None, as_json: bool, quiet: bool = False) -> dict:
    """Analyse one clip with a progress bar on stderr, write outputs, print the summary."""
    try:
        settings = Settings(task=task)
    except ValueError as e:
        fail(str(e))
    try:
        with Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(), TextColumn("frames"),
                      TimeRemainingColumn(), console=err, transient=True, disable=quiet) as bar:
            job = bar.add_task(f"analysing {video.name}", total=None)
            result = analyze_video(video, settings, progress=lambda done, total: bar.update(job, completed=done,
                                                                                            total=max(total, done)))
    except (VideoError, ModelError) as e:
        fail(str(e))
    except MemoryError:
        fail(f"{video}: ran out of memory; lower --max-side or close other programs")
    out_dir = out or Path("coach-results") / video.stem
    try:
        save_analysis(result, out_dir)
    except OSError as e:
        fail(f"could not write results to {out_dir}: {e.strerror or e}; choose another --out folder")
    if as_json:
        print(json.dumps(json_safe(result.summary), indent=2, ensure_ascii=False))
    else:
        for line in plain_words(result.summary):
            print(line)
        print(f"Results written to {out_dir}/")
    return result.summary


@app.command()
def analyze(
    video: Annotated[Path, typer.Argument(help="video file (MP4, MOV, AVI, MKV, WebM)")],
    exercise: Annotated[str, typer.Option("--exercise", "-e", help=f"what the clip shows: {' | '.join(TASKS)}")] = "none",
    out: Annotated[Path | None, typer.Option("--out", "-o", help="output folder [default: coach-results/<clip>]")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="print the summary as JSON on stdout")] = False,
) -> None:
    """Analyse one clip: joint angles per frame, view, people, and the exercise or gait results."""
    run_analysis(video, exercise, out, as_json)


@app.command()
def demo(out: Annotated[Path | None, typer.Option("--out", "-o", help="output folder")] = None) -> None:
    """Run the main job on the bundled sample clip and say what was found."""
    clips = sorted(SAMPLES.glob("*.mp4")) if SAMPLES.is_dir() else []
    if not clips:
        fail(f"no sample clip found in {SAMPLES}; reinstall coach from a source checkout")
    clip = clips[0]
    print(f"coach demo on the bundled sample {clip.name} (see {clip.with_suffix('.md').name} for its source)")
    run_analysis(clip, "none", out or Path("coach-results") / "demo", as_json=False)


def version_callback(value: bool) -> None:
    if value:
        print(f"coach {__version__}")
        raise typer.Exit()


@app.callback()
def main(version: Annotated[bool, typer.Option("--version", callback=version_callback, is_eager=True,
                                               help="print the version")] = False) -> None:
    """coach: hip-rehab exercise and gait coach from video."""
    logging.basicConfig(level=logging.WARNING, format="coach: %(message)s")


def entry() -> None:
    """Console-script entry: Ctrl-C exits 130 without a traceback."""
    try:
        app()
    except KeyboardInterrupt:
        err.print("coach: interrupted")
        sys.exit(130)
