"""Plan and run a batch: find the clips, skip those already done under the same key, run the rest on an engine,
keep one record per file and the results table up to date. Used by `coach batch` and the web app's batch page."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Generator
from dataclasses import dataclass, field
from pathlib import Path

from coach import __version__
from coach.analysis import Settings
from coach.batch.discover import content_hash, find_videos
from coach.batch.progress import progress_path
from coach.batch.record import ERROR, OK, BatchRow, FileRecord, ResultKey, read_record, write_record
from coach.batch.table import rebuild_results
from coach.batch.worker import Job, failed
from coach.model import model_path
from coach.outputs.commit import check_writable

#: An engine runs a plan's jobs on `workers` workers (None: its default) at `address` (a cluster) and yields each
#: file's record as it finishes; closing the generator stops the workers.
#: The records of a plan's jobs as they finish; closing it stops the engine.
Records = Generator[FileRecord, None, None]
Engine = Callable[["Plan", int | None, str | None], Records]
#: Called with each file's record as soon as it is finished and saved (progress bars, the web app's table).
OnResult = Callable[[FileRecord], None]
#: The local workers' stderr, in the output folder.
WORKER_LOG = "workers.log"
#: Seconds between rebuilds of the results table while a batch runs (it is always rebuilt at the end), and at most
#: this share of the batch's time goes to them (a rebuild reads every record: 10,000 files take about a second).
TABLE_EVERY_S = 2.0
TABLE_TIME_SHARE = 0.1


class BatchError(ValueError):
    """The batch cannot run at all (no folder, no clips, output not writable, engine missing)."""


def _run_local(plan: Plan, workers: int | None, address: str | None) -> Records:
    """The local process pool; the workers' own stderr (MediaPipe's native log lines) goes to DIR/workers.log."""
    from coach.batch.local import run_local

    if address:
        raise BatchError("--address is for the ray engine; the local engine runs on this machine")
    return run_local(plan.jobs, plan.settings, workers or default_workers(), plan.out_dir / WORKER_LOG)


def _run_ray(plan: Plan, workers: int | None, address: str | None) -> Records:
    """The Ray engine (imported when used: Ray is an optional extra)."""
    from coach.batch.ray_engine import RayMissingError, run_ray

    try:
        return run_ray(plan.jobs, plan.settings, workers, address)
    except RayMissingError as e:
        raise BatchError(str(e)) from e


ENGINES: dict[str, Engine] = {"local": _run_local, "ray": _run_ray}


def default_workers() -> int:
    """Worker count by default: the CPUs this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


@dataclass(frozen=True)
class Plan:
    """What a batch will do: files to run (jobs), rows already done and kept (ok, and failed unless retried), and
    the error records of files that cannot be read."""

    folder: Path
    out_dir: Path
    settings: Settings
    jobs: tuple[Job, ...]
    kept: dict[str, BatchRow] = field(default_factory=dict)
    ignored: int = 0
    unreadable: tuple[FileRecord, ...] = ()

    @property
    def total(self) -> int:
        """Files in the batch (run now, kept, or unreadable)."""
        return len(self.jobs) + len(self.kept) + len(self.unreadable)

    @property
    def kept_ok(self) -> int:
        """Files already analysed under the same key, skipped."""
        return sum(r.status == OK for r in self.kept.values())

    @property
    def kept_failed(self) -> int:
        """Files that failed before under the same key, not retried (no --retry-failed)."""
        return sum(r.status == ERROR for r in self.kept.values())


@dataclass(frozen=True)
class BatchReport:
    """What a batch did: its files, those run now (unreadable ones included), ok / error counts over its files,
    where the table is and how many rows it holds (other batches into the same folder included)."""

    total: int
    ran: int
    kept_ok: int
    kept_failed: int
    ok: int
    errors: int
    csv_path: Path
    parquet_path: Path
    table_rows: int


def _done(record: FileRecord, key: ResultKey, out: Path, retry_failed: bool) -> bool:
    """True when a file's record is valid under this key: ok with its summary present, or failed and not retried."""
    if record.key != key:
        return False
    if record.row.status == OK:
        return (out / "summary.json").is_file()
    return not retry_failed


def _check_pattern(pattern: str) -> None:
    """--glob is matched inside the folder: an absolute pattern or one climbing out with '..' is refused."""
    if not pattern or Path(pattern).is_absolute() or ".." in Path(pattern).parts:
        raise BatchError(
            f"--glob {pattern!r}: give a pattern inside the folder, e.g. '*.mp4' or 'p01/**/*' (to "
            "score another folder, give that folder instead)"
        )


def _unreadable(path: Path, rel: str, out: Path, settings: Settings, e: OSError) -> FileRecord:
    """The error record of a file that cannot even be read to be hashed (permissions, a vanished mount)."""
    job = Job(str(path), rel, str(out.resolve()), ResultKey("", __version__, settings.key()), 0, 0)
    return failed(job, f"{rel}: cannot be read ({e.strerror or e}); check that the file is readable", settings.task)


def plan_batch(
    folder: str | Path,
    settings: Settings,
    out_dir: str | Path,
    pattern: str = "*",
    retry_failed: bool = False,
    file_progress: bool = False,
) -> Plan:
    """Find the clips under `folder` and decide which to run; the hash is reused when size and mtime are unchanged.
    A file that cannot be read becomes an error record at once; an output folder that cannot be written stops the
    batch before anything is hashed or analysed. With `file_progress` the workers write their progress inside each
    file (coach.batch.progress), read by the web page's and the command line's progress bars."""
    folder, out_dir = Path(folder), Path(out_dir)
    if not folder.is_dir():
        raise BatchError(f"{folder}: no such folder; give the folder that holds the clips")
    _check_pattern(pattern)
    try:
        check_writable(out_dir)
    except OSError as e:
        raise BatchError(f"cannot write to {out_dir}: {e.strerror or e}; choose another --out") from e
    model_path()  # a missing or damaged model stops the batch before any worker starts
    found = find_videos(folder, pattern, exclude=[out_dir])
    if not found.files:
        raise BatchError(
            f"{folder}: no video files found matching {pattern!r} ({found.ignored} other files "
            "passed over); check the folder and --glob"
        )
    root = folder.resolve()
    jobs, kept, unreadable = [], {}, []
    for path in found.files:
        rel = path.relative_to(root).as_posix()
        out = out_dir / rel
        old = read_record(out)
        try:
            st = path.stat()
            same_file = old is not None and (old.size_bytes, old.mtime_ns) == (st.st_size, st.st_mtime_ns)
            digest = old.row.content_hash if old is not None and same_file else content_hash(path)
        except OSError as e:
            unreadable.append(_unreadable(path, rel, out, settings, e))
            continue
        key = ResultKey(digest, __version__, settings.key())
        if old is not None and _done(old, key, out, retry_failed):
            kept[rel] = old.row
        else:
            jobs.append(
                Job(
                    str(path),
                    rel,
                    str(out.resolve()),
                    key,
                    st.st_size,
                    st.st_mtime_ns,
                    str(progress_path(out_dir.resolve(), rel)) if file_progress else "",
                )
            )
    return Plan(folder, out_dir, settings, tuple(jobs), kept, found.ignored, tuple(unreadable))


def run_plan(
    plan: Plan,
    workers: int | None = None,
    engine: str = "local",
    address: str | None = None,
    on_result: OnResult | None = None,
) -> BatchReport:
    """Run a plan's jobs on an engine, writing each record as it arrives; the table is rebuilt from every record in
    the output folder now and then and at the end (also when interrupted: every finished result stays, and the
    table matches the records, those of other batches into the same folder included)."""
    if engine not in ENGINES:
        raise BatchError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
    records = ENGINES[engine](plan, workers, address)  # raises BatchError before anything is written
    mine = dict(plan.kept)
    try:
        for record in plan.unreadable:
            write_record(plan.out_dir / record.row.file, record)
        rebuild_results(plan.out_dir)
    except OSError as e:
        records.close()
        raise BatchError(f"could not write to {plan.out_dir}: {e.strerror or e}; choose another --out") from e
    for record in plan.unreadable:
        mine[record.row.file] = record.row
        if on_result:
            on_result(record)
    next_table = time.monotonic() + TABLE_EVERY_S
    try:
        for record in records:
            write_record(plan.out_dir / record.row.file, record)
            mine[record.row.file] = record.row
            if time.monotonic() > next_table:
                started = time.monotonic()
                rebuild_results(plan.out_dir)
                next_table = time.monotonic() + max(TABLE_EVERY_S, (time.monotonic() - started) / TABLE_TIME_SHARE)
            if on_result:
                on_result(record)
    finally:
        records.close()
        table, paths = rebuild_results(plan.out_dir)
    statuses = [r.status for r in mine.values()]
    return BatchReport(
        plan.total,
        len(plan.jobs) + len(plan.unreadable),
        plan.kept_ok,
        plan.kept_failed,
        statuses.count(OK),
        statuses.count(ERROR),
        *paths,
        len(table),
    )


def run_batch(
    folder: str | Path,
    settings: Settings,
    out_dir: str | Path,
    workers: int | None = None,
    engine: str = "local",
    address: str | None = None,
    pattern: str = "*",
    retry_failed: bool = False,
    on_result: OnResult | None = None,
) -> BatchReport:
    """Score every clip of a folder into out_dir (per-file outputs, batch.json records, results.csv/.parquet);
    resumable. `on_result(record)` is called after each file (record.to_row() is its table row)."""
    plan = plan_batch(folder, settings, out_dir, pattern, retry_failed)
    return run_plan(plan, workers, engine, address, on_result)
