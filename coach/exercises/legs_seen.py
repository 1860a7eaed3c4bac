"""How long each leg could not be read during a set: a leg hidden long enough to hide a whole movement (the far leg of
a side view behind the near one, feet or knees out of the picture) may have reps that were never seen, so its count
is said to be a lower bound and the sides are not compared.

Live and offline alike, one sample at a time with bounded state (LegsSeenCounter); the result is a LegsSeen."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from coach.landmarks import SIDES

#: A leg hidden for this share of the set or more (in stretches long enough to hide a whole movement) has a count that
#: may be short by a rep or more: at a steady tempo the share of the set hidden is about the share of its reps that
#: could be missed, and one in ten is the one-rep tolerance of a set of ten (the size physiotherapists prescribe).
#: Under it, its count and the left/right comparison stand. Measured on the labelled clips as filmed: 0-10% in side
#: views (the far leg, in single stretches of 0.3-0.7 s), 22-25% for the knees of lunges filmed from the front (the
#: back knee, on every rep), 17-20% across a straight-leg raise's split-screen replay; with the feet cut out of the
#: picture at mid-shin, 30-67% for the far leg of a side-view march, which then loses 1-7 of its knee lifts.
HIDDEN_SHARE = 0.1


@dataclass(frozen=True)
class LegsSeen:
    """Per side, the seconds of the set its key angle could not be read in stretches long enough to hide a whole
    movement (`hidden_s`), and the set's duration (`set_s`, first to last sample)."""

    hidden_s: dict[str, float] = field(default_factory=lambda: dict.fromkeys(SIDES, 0.0))
    set_s: float = 0.0

    def share(self, side: str) -> float:
        """The share of the set `side` was hidden (0 for an empty set)."""
        return self.hidden_s[side] / self.set_s if self.set_s > 0 else 0.0

    @property
    def hidden(self) -> tuple[str, ...]:
        """The sides hidden for HIDDEN_SHARE of the set or more."""
        return tuple(s for s in SIDES if self.share(s) >= HIDDEN_SHARE)

    def shares(self) -> dict[str, float]:
        """Share of the set each side was hidden (2 decimals), for the summary."""
        return {s: round(self.share(s), 2) for s in SIDES}

    def warning(self, noun: str) -> list[str]:
        """What the user is told when a leg was hidden (none otherwise): for how long, what it means for its count,
        what to do."""
        if not self.hidden:
            return []
        legs = " and the ".join(f"{s} leg for {self.hidden_s[s]:.1f} s" for s in self.hidden)
        which = "its count" if len(self.hidden) == 1 else "their counts"
        return [
            f"the {legs} of the {self.set_s:.1f} s set could not be read (hidden behind the other leg, or outside "
            f"the picture), long enough to miss a {noun}: {which} may be low, and left and right are not compared. "
            "Film with the whole body in view, feet included"
        ]

    def withheld(self) -> str:
        """The finding that replaces the left/right comparison."""
        legs = " and ".join(f"the {s} leg for {self.share(s):.0%}" for s in self.hidden)
        return f"left/right comparison withheld: {legs} of the set could not be read"


class LegsSeenCounter:
    """Feed `update(t_s, readable)` per sample of a set (readable: side -> the key angle could be read); `result()`
    the LegsSeen so far. A stretch of samples without a reading counts once it lasts `shortest_s` (the shortest whole
    movement of the exercise: a shorter one cannot hide a rep), from the last reading before it (or the set's start)
    to the next reading (or the set's last sample). Frames that merely come far apart, each read, are no stretch: a
    slow camera is the frame rate's warning, not a hidden leg."""

    def __init__(self, shortest_s: float) -> None:
        self.shortest_s = shortest_s
        self._first = math.nan
        self._last = math.nan
        self._read: dict[str, float] = dict.fromkeys(SIDES, math.nan)
        self._open: dict[str, bool] = dict.fromkeys(SIDES, False)
        self._hidden: dict[str, float] = dict.fromkeys(SIDES, 0.0)

    def update(self, t_s: float, readable: dict[str, bool]) -> None:
        """One sample of the set."""
        if math.isnan(self._first):
            self._first = t_s
        self._last = t_s
        for side in SIDES:
            if not readable[side]:
                self._open[side] = True
            else:
                self._hidden[side] += self._stretch(side, t_s)
                self._read[side], self._open[side] = t_s, False

    def _stretch(self, side: str, t_s: float) -> float:
        """The open unread stretch of `side` ending at t_s, if long enough to count (else 0)."""
        if not self._open[side]:
            return 0.0
        gap = t_s - (self._read[side] if math.isfinite(self._read[side]) else self._first)
        return gap if gap >= self.shortest_s else 0.0

    def result(self) -> LegsSeen:
        """The set so far, a stretch still open at its last sample included."""
        if math.isnan(self._first):
            return LegsSeen()
        hidden = {s: self._hidden[s] + self._stretch(s, self._last) for s in SIDES}
        return LegsSeen(hidden, self._last - self._first)
