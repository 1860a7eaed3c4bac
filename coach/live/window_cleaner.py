"""The offline cleaning of a clip, live: a sliding window cleaned by coach.signals.clean.clean_landmarks, as a clip
is."""

from __future__ import annotations

from collections import deque

import numpy as np

from coach.signals.clean import CleanConfig, clean_landmarks

#: Live cleaning measures a frame once this much later video has arrived (s): the Hampel filter looks half its
#: window (0.125 s) ahead, and the zero-lag 6 Hz Butterworth's response to a frame has died down ~0.25 s (1.5 periods)
#: later, so a frame cleaned then is cleaned as offline. Reps are reported this much later.
CLEAN_LAG_S = 0.3
#: ... over a window of the last this many seconds (4 lags: the filter's start-up at the window's old end has settled
#: before the frames being measured).
CLEAN_WINDOW_S = 1.2


class WindowCleaner:
    """The offline cleaning of a clip (coach.signals.clean.clean_landmarks: visibility gate, Hampel outliers,
    short-gap filling, zero-lag Butterworth), live: on a sliding window of the last `window_s` of frames, each frame
    cleaned once `lag_s` of later frames have arrived, since centred filters need them. Live then measures what
    offline measures (a one-frame landmark jump is removed with its neighbours on both sides, a short gap is bridged,
    the top of a quick lift is not flattened by a causal filter), at the price of reporting each rep `lag_s` later.
    Bounded state (the window).

    Live leaves out the leg swap guard: it judges a swap by which leg lies nearer where the other was a frame before,
    and at the 5-15 fps a browser delivers, a fast lift moves a leg further between frames than the legs are apart
    (0.3 s high-knee lifts at 8 fps: the guard swapped the legs back and forth and 6 of 43 lifts were lost)."""

    def __init__(self, clean: CleanConfig, lag_s: float = CLEAN_LAG_S, window_s: float = CLEAN_WINDOW_S) -> None:
        self.clean, self.lag_s, self.window_s = clean, lag_s, window_s
        self._frames: deque[tuple[float, np.ndarray]] = deque()
        self._done = -float("inf")
        self._size_px = 1.0

    def reset(self) -> None:
        """Forget the window (the person left the picture)."""
        self._frames.clear()

    def push(self, t_s: float, packed: np.ndarray, size_px: float) -> list[tuple[float, np.ndarray]]:
        """Add a frame (packed (33, 6): xy px, world m, visibility, as the pose model gave them) of a picture whose long
        side is size_px; returns the frames now due, cleaned: [(t, packed)]."""
        self._frames.append((t_s, packed))
        self._size_px = size_px
        while t_s - self._frames[0][0] > self.window_s:
            self._frames.popleft()
        return self._emit(t_s - self.lag_s)

    def flush(self) -> list[tuple[float, np.ndarray]]:
        """Every frame not given yet, cleaned with the later frames there are (the stream ended or the person left):
        nothing seen is left unmeasured."""
        return self._emit(float("inf"))

    def _emit(self, until_s: float) -> list[tuple[float, np.ndarray]]:
        """The frames after the last one given, up to `until_s`, cleaned over the window."""
        due = [i for i, (ti, _) in enumerate(self._frames) if self._done < ti <= until_s]
        if not due:
            return []
        t = np.array([ti for ti, _ in self._frames])
        cleaned = self._clean(t, np.stack([a for _, a in self._frames]), self._size_px)
        self._done = float(t[due[-1]])
        return [(float(t[i]), cleaned[i]) for i in due]

    def _clean(self, t: np.ndarray, a: np.ndarray, size_px: float) -> np.ndarray:
        """The window cleaned as offline cleans a clip (coach.signals.clean.clean_landmarks), packed as pushed."""
        xy, world, vis, _, _ = clean_landmarks(
            t, a[:, :, 0:2], a[:, :, 2:5], a[:, :, 5], size_px, self.clean, swap_guard=False
        )
        return np.concatenate([xy, world, vis[:, :, None]], axis=2)
