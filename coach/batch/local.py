"""Local engine: a pool of worker processes (pebble), each with its own pose estimator, results as they finish.

pebble rather than concurrent.futures: a worker that dies (killed, out of memory, a crash in native code) fails only
the file it was running (ProcessExpired) and is replaced, and stop() ends running workers at once on Ctrl-C.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Generator, Sequence
from concurrent.futures import Future, as_completed
from pathlib import Path

from pebble import ProcessExpired, ProcessPool

from coach.analysis import Settings
from coach.batch.record import FileRecord
from coach.batch.worker import Job, analyse_in_worker, failed, init_worker


def run_local(
    jobs: Sequence[Job], settings: Settings, workers: int, log_file: Path | None = None
) -> Generator[FileRecord, None, None]:
    """Analyse jobs on `workers` local processes; yields each file's record as soon as it is done.

    Closing the generator (Ctrl-C, an error in the caller) terminates the workers; finished records were already
    yielded. The workers' stderr goes to `log_file` when given.
    """
    if not jobs:
        return
    pool = ProcessPool(
        max_workers=max(1, min(workers, len(jobs))),
        initializer=init_worker,
        initargs=(settings, str(log_file) if log_file else None),
        context=multiprocessing.get_context("spawn"),
    )
    try:
        futures: dict[Future[FileRecord], Job] = {pool.schedule(analyse_in_worker, args=(job,)): job for job in jobs}
        for future in as_completed(futures):
            job = futures[future]
            try:
                yield future.result()
            except ProcessExpired as e:
                yield failed(
                    job,
                    f"the worker analysing it died (exit code {e.exitcode}: killed, out of memory "
                    "or crashed); rerun with --retry-failed",
                    settings.task,
                )
            except Exception as e:  # noqa: BLE001 - e.g. the job could not be pickled: fail this file, go on
                yield failed(job, f"the worker failed ({e}); rerun with --retry-failed", settings.task)
    finally:
        pool.stop()
        pool.join()
