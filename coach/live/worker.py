"""A latest-only worker: one background thread that always processes the newest submitted item.

A frame still waiting when a newer one arrives is dropped (and counted), never queued, so the end-to-end latency
stays bounded by about two processing times however slow the machine is (DESIGN.md section 7).
"""

from __future__ import annotations

import logging
import math
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

import numpy as np

log = logging.getLogger(__name__)

T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True)
class WorkerStats:
    """Frame flow through a LatestOnlyWorker: frames in, processed, dropped; latency (ms, arrival -> result ready)
    median and p95 over the recent window; processed frames per second over that window; the last error, if any;
    seconds since the last frame came in (inf before the first), so a camera that sends nothing can be told."""

    frames_in: int
    processed: int
    dropped: int
    latency_median_ms: float
    latency_p95_ms: float
    fps: float
    error: str = ""
    since_frame_s: float = math.inf


class LatestOnlyWorker(Generic[T, R]):
    """Run `fn` on the newest submitted item in a background thread, one at a time.

    There is one pending slot: submitting while an item waits replaces it (the older one is dropped and counted).
    Latency is measured from submit() to the result being ready, with `clock` (seconds); `on_latency(t_done_s,
    latency_s)` is called (on the worker thread) for every processed item, for benchmarks that keep them all.
    `on_start()` runs first on the worker thread (e.g. loading the model while the user is still getting ready);
    `ready()` says when it has run. `on_exit()` runs last on the worker thread as it stops (e.g. releasing that
    model), so nothing it loaded is released under it, however long on_start takes.
    """

    def __init__(
        self,
        fn: Callable[[T], R],
        clock: Callable[[], float] = time.monotonic,
        window: int = 300,
        on_latency: Callable[[float, float], None] | None = None,
        on_start: Callable[[], object] | None = None,
        on_exit: Callable[[], object] | None = None,
    ) -> None:
        self._fn = fn
        self._on_start = on_start
        self._on_exit = on_exit
        self._ready = threading.Event()
        self._on_latency = on_latency
        self._clock = clock
        self._cond = threading.Condition()
        self._pending: tuple[T, float] | None = None
        self._last_in = -math.inf  # clock time of the last item submitted
        self._busy = False  # an item is being processed
        self._latest: R | None = None
        self._done: deque[tuple[float, float]] = deque(maxlen=window)  # (finish time, latency) per processed item
        self._in = self._processed = self._dropped = 0
        self._error = ""
        self._stop = False
        self._thread: threading.Thread | None = None

    def start(self) -> LatestOnlyWorker[T, R]:
        """Start the worker thread (idempotent)."""
        with self._cond:
            if self._thread is None:
                self._stop = False
                self._thread = threading.Thread(target=self._run, name="coach-live", daemon=True)
                self._thread.start()
        return self

    def submit(self, item: T) -> None:
        """Hand over the newest item; an item still waiting is dropped."""
        with self._cond:
            self._in += 1
            if self._pending is not None:
                self._dropped += 1
            self._last_in = self._clock()
            self._pending = (item, self._last_in)
            self._cond.notify_all()  # the worker, and no waiter of wait_idle in its place

    def ready(self) -> bool:
        """True once on_start has run on the worker thread (a failure is kept for stats(), as a frame's is)."""
        return self._ready.is_set()

    def latest(self) -> R | None:
        """The newest result (None before the first)."""
        with self._cond:
            return self._latest

    def stats(self) -> WorkerStats:
        """Counts and latency over the recent window."""
        with self._cond:
            done = list(self._done)
            counts = (self._in, self._processed, self._dropped)
            error = self._error
            since = self._clock() - self._last_in  # inf before the first
        lat = np.array([d for _, d in done]) * 1000.0
        span = done[-1][0] - done[0][0] if len(done) > 1 else 0.0
        fps = (len(done) - 1) / span if span > 0 else 0.0
        med, p95 = (float(np.median(lat)), float(np.percentile(lat, 95))) if len(lat) else (float("nan"),) * 2
        return WorkerStats(*counts, med, p95, fps, error, since)

    def wait_idle(self, timeout_s: float) -> bool:
        """Wait (at most timeout_s) until every item handed over has been processed, failed or dropped: nothing waits
        and nothing is in progress. True if so. A wait on the worker's own condition, not a poll that would take the
        interpreter from the worker thread (tests step frames one at a time with it)."""
        with self._cond:
            return self._cond.wait_for(lambda: self._pending is None and not self._busy, timeout_s)

    def stop(self, timeout_s: float = 5.0) -> None:
        """Stop the thread after the item in progress (or after on_start); wait at most timeout_s for it (on_exit
        still runs on it when it ends later)."""
        with self._cond:
            self._stop = True
            self._cond.notify_all()
            thread, self._thread = self._thread, None
        if thread is not None:
            thread.join(timeout_s)

    def _run(self) -> None:
        """Run on_start, then take the newest item, process it, publish the result until stopped; then on_exit."""
        try:
            if self._on_start is not None:
                self._guarded(self._on_start)
            self._ready.set()
            self._serve()
        finally:
            if self._on_exit is not None:
                self._guarded(self._on_exit)

    def _serve(self) -> None:
        """Take the newest item, process it, publish the result; repeat until stopped."""
        while True:
            with self._cond:
                while self._pending is None and not self._stop:
                    self._cond.wait()
                pending, self._pending = self._pending, None
                if self._stop or pending is None:
                    return
                self._busy = True
            item, t_in = pending
            ok, result = self._guarded(self._fn, item)
            t_out = self._clock()
            with self._cond:
                if ok:
                    self._latest = result
                    self._processed += 1
                    self._done.append((t_out, t_out - t_in))
                self._busy = False
                self._cond.notify_all()
            if ok and self._on_latency is not None:
                self._on_latency(t_out, t_out - t_in)

    def _guarded(self, fn: Callable[..., Any], *args: Any) -> tuple[bool, Any]:
        """(True, fn(*args)), or (False, None) with the error kept for stats(): one bad frame must not end the
        live session, and the page shows what went wrong."""
        try:
            return True, fn(*args)
        except Exception as e:
            log.exception("live processing failed")
            with self._cond:
                self._error = f"{type(e).__name__}: {e}"
            return False, None
