"""The per-file task of every batch engine: analyse one clip with a pose estimator made once per worker, save the
same outputs as `coach analyze`, and return the file's record (never raise for a bad file)."""

from __future__ import annotations

import logging
import os
import resource
import signal
import sys
import time
from dataclasses import dataclass

from coach.analysis import Settings, analyze_video
from coach.batch.progress import ProgressWriter
from coach.batch.record import BatchRow, FileRecord, ResultKey, error_row, ok_row
from coach.outputs.analysis import save_analysis
from coach.outputs.commit import OutputsIncomplete
from coach.pose import PoseEstimator
from coach.video import VideoError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    """One file to analyse: absolute path, path relative to the batch folder (posix), output folder, result key,
    the size and mtime the hash was taken at, and where to write its progress (coach.batch.progress; '' for none)."""

    path: str
    rel: str
    out_dir: str
    key: ResultKey
    size_bytes: int
    mtime_ns: int
    progress: str = ""


def peak_rss_mb() -> float:
    """Peak resident memory of this process (MB; Linux reports KiB, macOS bytes)."""
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024


def finished(job: Job, row: BatchRow, started_s: float) -> FileRecord:
    """A job's record with its timing and the worker's peak memory."""
    return FileRecord(row, job.size_bytes, job.mtime_ns, time.monotonic() - started_s, peak_rss_mb())


def failed(job: Job, message: str, task: str) -> FileRecord:
    """The record of a job that ended in an error, with the path written relative to the batch folder."""
    return FileRecord(
        error_row(job.rel, job.key, message.replace(job.path, job.rel), task), job.size_bytes, job.mtime_ns, 0.0, 0.0
    )


class FileAnalyser:
    """Analyses file after file in one worker (process-pool worker or Ray actor) with a pose estimator that has seen
    no frame, so every clip gets exactly the result `coach analyze` gives it, whatever clip came before.

    The estimator is built once when the worker starts and rebuilt only after it has seen frames. Reusing it as is
    would carry state across clips: MediaPipe's VIDEO mode keeps tracking a person into the next clip and needs ever
    increasing timestamps (measured on two 16-frame sample cuts: a phantom second person in the next clip, landmarks
    shifted by up to 6 px), and the turned-picture channels stay switched on. Rebuilding costs ~0.5-1 s a clip;
    files that fail before decoding (empty, not a video) do not use it up.
    """

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._estimator = PoseEstimator(settings.pose_config)
        self._used = False

    def _mark_used(self, _done: int, _total: int) -> None:
        """analyze_video's per-frame progress callback: the estimator now holds this clip's state."""
        self._used = True

    def _fresh_estimator(self) -> PoseEstimator:
        """The worker's estimator, rebuilt first when an earlier clip went through it."""
        if self._used:
            self._estimator.close()
            self._estimator = PoseEstimator(self.settings.pose_config)
            self._used = False
        return self._estimator

    def analyse(self, job: Job) -> FileRecord:
        """Analyse one file and write its outputs; a bad file or a failing analyser gives an error record."""
        t0 = time.monotonic()
        task = self.settings.task
        shown = ProgressWriter(job.progress) if job.progress else None

        def progress(done: int, total: int) -> None:
            self._mark_used(done, total)
            if shown:
                shown(done, total)

        try:
            result = analyze_video(job.path, self.settings, estimator=self._fresh_estimator(), progress=progress)
            save_analysis(result, job.out_dir)
        except VideoError as e:
            return failed(job, str(e), task)
        except OutputsIncomplete as e:
            return failed(job, f"results written except: {e}", task)
        except MemoryError:
            return failed(job, "ran out of memory; lower max_side or run fewer workers", task)
        except OSError as e:
            return failed(job, f"could not read the file or write its results: {e.strerror or e}", task)
        except Exception as e:  # a bug in one analyser must not stop the batch
            log.exception("%s: analysis failed", job.rel)
            return failed(
                job,
                f"analysis failed because of a problem in coach ({e}); the details are in the workers' "
                "log; please report it",
                task,
            )
        finally:
            if shown:
                shown.clear()
        return finished(job, ok_row(job.rel, job.key, result.clip, task), t0)

    def close(self) -> None:
        """Release the pose model."""
        self._estimator.close()


_ANALYSER: FileAnalyser | None = None


def init_worker(settings: Settings, log_file: str | None = None) -> None:
    """Process-pool initializer: ignore Ctrl-C (the parent stops workers), send this process's stderr (MediaPipe's
    native log lines, which would break the progress bar) to `log_file`, and build this worker's analyser."""
    global _ANALYSER
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if log_file:
        fd = os.open(log_file, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        os.dup2(fd, 2)
        os.close(fd)
    logging.basicConfig(level=logging.WARNING, format=f"coach worker {os.getpid()}: %(message)s")
    _ANALYSER = FileAnalyser(settings)


def analyse_in_worker(job: Job) -> FileRecord:
    """Process-pool task: analyse one job with this worker's analyser."""
    if _ANALYSER is None:
        raise RuntimeError("init_worker was not run in this process")
    return _ANALYSER.analyse(job)
