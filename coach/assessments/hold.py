"""A hold timer driven by one BodySample at a time: it counts only while a position is held, lets a brief doubt pass
(a frame or two of hidden landmarks), and ends a hold when the position is left. The live page runs it frame by
frame; the offline analysis runs the very same object over a clip (bounded state: the current hold only)."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from coach.types import BodySample


@dataclass(frozen=True)
class Position:
    """What one frame shows: whether the position is held, its side (e.g. the hip being stretched; '' unknown) and
    the angle to report (deg, NaN unknown; the hold keeps its largest)."""

    held: bool
    side: str = ""
    angle_deg: float = math.nan


@dataclass(frozen=True)
class Hold:
    """One hold: its side, start and end (s), and the largest angle reached (deg, NaN unknown)."""

    side: str
    start_s: float
    end_s: float
    angle_deg: float

    @property
    def hold_s(self) -> float:
        return self.end_s - self.start_s


class HoldTimer:
    """Time holds of a position: `read(sample, previous)` says what a frame shows (previous is the last sample fed,
    for speeds); a hold ends after `grace_s` out of position and is kept when it lasted `min_hold_s`."""

    def __init__(
        self, read: Callable[[BodySample, BodySample | None], Position], grace_s: float, min_hold_s: float
    ) -> None:
        self.read, self.grace_s, self.min_hold_s = read, grace_s, min_hold_s
        self.holds: list[Hold] = []
        self._prev: BodySample | None = None
        self._start = self._last = math.nan
        self._sides: dict[str, int] = {}
        self._angle = math.nan

    @property
    def holding(self) -> bool:
        """True while a hold is under way (held now, or out of position for less than the grace time)."""
        return math.isfinite(self._start)

    def elapsed_s(self) -> float:
        """Seconds held in the current hold (0 when none): the live timer."""
        return self._last - self._start if self.holding else 0.0

    def update(self, sample: BodySample) -> Hold | None:
        """Feed one frame; returns the hold it ended, if any."""
        pos = self.read(sample, self._prev)
        self._prev = sample
        t = sample.t_s
        done = None
        if self.holding and not pos.held and t - self._last > self.grace_s:
            done = self._end()
        if pos.held:
            if not self.holding:
                self._start, self._sides, self._angle = t, {}, math.nan
            self._last = t
            if pos.side:
                self._sides[pos.side] = self._sides.get(pos.side, 0) + 1
            if math.isfinite(pos.angle_deg) and not pos.angle_deg <= self._angle:
                self._angle = pos.angle_deg
        return done

    def finish(self) -> Hold | None:
        """End the clip (or the live session): close a hold under way."""
        return self._end() if self.holding else None

    def _end(self) -> Hold | None:
        """Close the current hold; keep it if it lasted long enough."""
        side = max(self._sides, key=lambda s: self._sides[s]) if self._sides else ""
        hold = Hold(side, self._start, self._last, self._angle)
        self._start = self._last = math.nan
        if hold.hold_s >= self.min_hold_s:
            self.holds.append(hold)
            return hold
        return None
