"""Every movement of an exercise's shape that the rep engine saw: counted, or not counted with its reason (the user is
always told), plus the landmark glitches it ignored. Bounded state: counts and a few example times per reason."""

from __future__ import annotations

from dataclasses import dataclass

from coach.numbers import count_text

#: Example times kept per reason (s): enough to find them in the video, bounded for a long live session.
MAX_EXAMPLES = 5
#: Kinds of reasons: 'other' = the movement looked like another one (a squat, a leg swing), 'partial' = a movement of
#: the exercise's shape that fell short (too small, lost from view), 'glitch' = landmarks, not a movement.
KINDS = ("other", "partial", "glitch")


@dataclass(frozen=True)
class NotCounted:
    """Movements not counted for one reason: a stable code, the kind (KINDS), the plain-words reason worded to follow a
    count ("3 looked like a squat: ..."), how many, and the peak times (s) of the first few."""

    code: str
    kind: str
    reason: str
    count: int
    times_s: tuple[float, ...]

    def to_dict(self) -> dict:
        return {
            "code": self.code,
            "kind": self.kind,
            "reason": self.reason,
            "count": self.count,
            "example_times_s": [round(t, 2) for t in self.times_s],
        }

    def words(self) -> str:
        """'3 looked like a squat: ... (at 2.1, 4.0 s)'."""
        at = ", ".join(f"{t:.1f}" for t in self.times_s)
        more = ", ..." if self.count > len(self.times_s) else ""
        return f"{self.count} {self.reason} (at {at}{more} s)"


@dataclass(frozen=True)
class Movements:
    """The movements a set showed: `noun` names one ("knee lift"), `counted` reps, `not_counted` by reason (glitches
    apart: they are not movements), `in_progress` movements not finished (yet, or when the clip or session ended),
    and the `tempo` clause about fast reps ('' when none was fast)."""

    noun: str
    counted: int
    not_counted: tuple[NotCounted, ...]
    in_progress: int = 0
    tempo: str = ""

    @property
    def seen(self) -> int:
        """Movements of the exercise's shape seen and finished: counted plus not counted (glitches excluded)."""
        return self.counted + sum(n.count for n in self.not_counted if n.kind != "glitch")

    def of_kind(self, kind: str) -> list[NotCounted]:
        """The not-counted reasons of one kind."""
        return [n for n in self.not_counted if n.kind == kind]

    def text(self, counted: str = "counted", running: bool = False) -> str:
        """One plain sentence: '24 knee lifts seen: 24 counted; all faster than a rehab march (0.3 s each; aim for
        1-2 s)', then what was not counted and why, what was unfinished and the glitches ignored; `counted` words
        the reps (e.g. 'would count' for an exercise that was not recognised); `running` while a live session goes
        on (an unfinished movement is under way, not left at the end of the clip or session)."""
        n = self.seen
        parts = [f"{count_text(n, self.noun)} seen: {self.counted} {counted}"]
        if self.tempo:
            parts.append(self.tempo)
        parts += [m.words() for m in self.not_counted if m.kind != "glitch"]
        if self.in_progress:
            parts.append(
                f"{self.in_progress} under way (not counted yet)"
                if running
                else f"{self.in_progress} still going at the end (not counted)"
            )
        parts += [f"ignored {m.words()}" for m in self.of_kind("glitch")]
        return "; ".join(parts)

    def to_dict(self) -> dict:
        return {
            "noun": self.noun,
            "seen": self.seen,
            "counted": self.counted,
            "not_counted": [m.to_dict() for m in self.not_counted if m.kind != "glitch"],
            "glitches": [m.to_dict() for m in self.of_kind("glitch")],
            "in_progress": self.in_progress,
            "tempo": self.tempo,
            "text": self.text(),
        }


class MovementLog:
    """Tally of the movements not counted, by reason (bounded: counts and MAX_EXAMPLES times each). A `bilateral`
    movement (both legs at once, e.g. a squat) is logged once when the other side logged the same reason over an
    overlapping time."""

    def __init__(self) -> None:
        self._entries: dict[str, list] = {}  # reason -> [code, kind, count, times]
        self._last: dict[tuple[str, str], tuple[float, float]] = {}  # (reason, side) -> (start_s, end_s)

    def add(
        self,
        code: str,
        kind: str,
        reason: str,
        side: str,
        start_s: float,
        peak_s: float,
        end_s: float,
        bilateral: bool = False,
    ) -> None:
        """Log one movement of `side` not counted for `reason`."""
        if kind not in KINDS:
            raise ValueError(f"unknown kind {kind!r}; choose one of {', '.join(KINDS)}")
        other = next((v for (r, s), v in self._last.items() if r == reason and s != side), None)
        self._last[(reason, side)] = (start_s, end_s)
        if bilateral and other is not None and other[0] <= end_s and start_s <= other[1]:
            return
        entry = self._entries.setdefault(reason, [code, kind, 0, []])
        entry[2] += 1
        if len(entry[3]) < MAX_EXAMPLES:
            entry[3].append(peak_s)

    def not_counted(self) -> tuple[NotCounted, ...]:
        """Every reason logged, most frequent first."""
        items = [
            NotCounted(code, kind, reason, n, tuple(sorted(times)))
            for reason, (code, kind, n, times) in self._entries.items()
        ]
        return tuple(sorted(items, key=lambda m: -m.count))


def tempo_clause(fast_rep_s: list[float], n_reps: int, tempo_words: str, tempo_s: tuple[float, float]) -> str:
    """'all faster than a rehab march (0.3 s each; aim for 1-2 s)' for the fast reps (their durations `fast_rep_s`,
    s) among `n_reps`; '' when none was fast."""
    if not fast_rep_s:
        return ""
    how = "all" if len(fast_rep_s) == n_reps else f"{len(fast_rep_s)}"
    median = sorted(fast_rep_s)[len(fast_rep_s) // 2]
    return f"{how} faster than {tempo_words} ({median:.1f} s each; aim for {tempo_s[0]:g}-{tempo_s[1]:g} s)"
