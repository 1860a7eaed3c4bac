"""Session time of camera frames from their own capture timestamps (see StreamClock)."""

from __future__ import annotations

from collections.abc import Callable


class StreamClock:
    """Session time (s) of camera frames from their own capture timestamps, not their arrival: WebRTC delivers frames
    in bursts and after gaps, and speeds and durations must come from when a frame was taken. Strictly increasing even
    when the stream restarts (its timestamps start again from zero): then it re-anchors on the wall clock."""

    #: Smallest step between two frames (s): one millisecond, MediaPipe's timestamp resolution.
    MIN_STEP_S = 1e-3

    def __init__(self, wall: Callable[[], float]) -> None:
        self._wall = wall
        self._offset: float | None = None
        self._last = -float("inf")

    def __call__(self, capture_s: float | None) -> float:
        """Session time of a frame captured at `capture_s` (stream time; None: unknown, use the arrival time)."""
        if capture_s is None:
            t = self._wall()
        else:
            if self._offset is None or capture_s + self._offset <= self._last:
                self._offset = max(self._wall(), self._last + self.MIN_STEP_S) - capture_s
            t = capture_s + self._offset
        t = max(t, self._last + self.MIN_STEP_S)
        self._last = t
        return t
