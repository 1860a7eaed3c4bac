"""What `coach batch` shows on the terminal: a Rich progress bar (files, rate, ETA) and the closing summary."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from coach.batch.progress import running
from coach.batch.record import OK, FileRecord
from coach.batch.run import BatchReport, Plan

#: Seconds between two looks at the files being analysed (their progress files change at most once a second).
POLL_S = 0.5


class RateColumn(ProgressColumn):
    """Files per minute over the batch so far."""

    def render(self, task: Task) -> Text:
        """'12.5 files/min', or '-' before the first file finishes."""
        speed = task.finished_speed or task.speed
        return Text(f"{speed * 60:.1f} files/min" if speed else "- files/min", style="progress.data.speed")


@contextmanager
def batch_progress(console: Console, plan: Plan, poll_s: float = POLL_S) -> Iterator[Callable[[FileRecord], None]]:
    """A progress bar over the plan's jobs, moving inside the files being analysed (the workers' progress files, see
    coach.batch.progress: a long clip does not hold the bar still for minutes); yields the on_result callback that
    counts a finished file and names failures."""
    columns = (
        TextColumn("[bold]scoring"),
        BarColumn(),
        TaskProgressColumn(),
        MofNCompleteColumn(),
        TextColumn("files"),
        RateColumn(),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
    )
    with Progress(*columns, console=console, disable=not plan.jobs) as bar:
        job = bar.add_task("scoring", total=len(plan.jobs))
        finished = [0]
        stop = threading.Event()

        def show() -> None:
            bar.update(job, completed=min(finished[0] + sum(running(plan.out_dir)), len(plan.jobs)))

        def poll() -> None:
            while not stop.wait(poll_s):
                show()

        def advance(record: FileRecord) -> None:
            if record.row.status != OK:
                bar.console.print(f"[yellow]error:[/] {record.row.error}", highlight=False, soft_wrap=True)
            finished[0] += 1
            show()

        watcher = threading.Thread(target=poll, name="batch-progress", daemon=True)
        watcher.start()
        try:
            yield advance
        finally:
            stop.set()
            watcher.join()


def plan_lines(plan: Plan) -> list[str]:
    """What the batch is about to do: files found, already done (skipped), failed before (kept)."""
    lines = [
        f"{plan.total} video files in {plan.folder}"
        + (f" ({plan.ignored} other files passed over)" if plan.ignored else "")
    ]
    if plan.kept_ok:
        lines.append(f"{plan.kept_ok} already done with the same clip, coach version and settings: skipped")
    if plan.kept_failed:
        lines.append(f"{plan.kept_failed} failed before: kept as errors (add --retry-failed to try them again)")
    if plan.unreadable:
        lines.append(f"{len(plan.unreadable)} cannot be read: listed as errors")
    lines.append(f"{len(plan.jobs)} to analyse")
    return lines


def summary_lines(report: BatchReport) -> list[str]:
    """The closing summary: counts over this batch's files and where the table of the whole folder is."""
    counts = (
        f"coach batch: {report.total} files, {report.ok} ok, {report.errors} error ({report.ran} analysed now, "
        f"{report.kept_ok} already done, {report.kept_failed} failed before)"
    )
    return [
        counts,
        f"Results table ({report.table_rows} files, earlier batches into this folder included): "
        f"{report.csv_path} and {report.parquet_path}",
    ]
