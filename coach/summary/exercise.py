"""The exercise part of a summary (top level of summary.json): reps per side, every rep, per-side statistics,
score, cues, set-up check and the account of every movement (docs/outputs.md, 'Exercise movements')."""

from __future__ import annotations

from dataclasses import dataclass, field

from coach.landmarks import SIDES
from coach.summary.codec import JsonSummary, meta, to_json


@dataclass(frozen=True)
class FaultSummary(JsonSummary):
    """A form fault of a rep: its code (one of the exercise spec's fault codes) and the cue that fixes it."""

    code: str
    cue: str


@dataclass(frozen=True)
class RepSummary(JsonSummary):
    """One rep of rep_list: side, times (s), peak and ROM (deg; None when the top fell between frames, then
    rom_at_least_deg is the lower bound), faults, score 0-100, confidence 0-1; `extra` holds the spec's own report
    measures (e.g. thigh_vert_deg)."""

    side: str
    start_s: float | None = None
    peak_s: float | None = None
    end_s: float | None = None
    rep_s: float | None = None
    peak_deg: float | None = None
    rom_deg: float | None = None
    rom_at_least_deg: float | None = None
    peak_seen: bool = True
    up_s: float | None = None
    down_s: float | None = None
    faults: tuple[FaultSummary, ...] = ()
    score: float | None = None
    confidence: float | None = None
    uncertain: bool = False
    extra: dict = field(default_factory=dict, metadata=meta(extra=True))


@dataclass(frozen=True)
class SideStats(JsonSummary):
    """Per-side statistics of a set (coach.exercises.result.side_stats): count; ROM mean/min/max and peak mean over
    the reps whose top was seen (deg, None when none was), tops not seen, tempo (s a rep, up, down), fault counts
    by code, mean score. A side without reps is written as its count alone."""

    count: int = 0
    rom_mean_deg: float | None = None
    rom_min_deg: float | None = None
    rom_max_deg: float | None = None
    peak_mean_deg: float | None = None
    peaks_unseen: int = 0
    rep_s_mean: float | None = None
    up_s_mean: float | None = None
    down_s_mean: float | None = None
    fault_counts: dict[str, int] = field(default_factory=dict)
    score: int | None = None

    def to_dict(self) -> dict:
        return to_json(self) if self.count else {"count": self.count}


@dataclass(frozen=True)
class NotCountedSummary(JsonSummary):
    """Movements of one outcome not counted: code, kind ('other', 'partial' or 'glitch'), reason in words, how many
    and example times (s)."""

    code: str
    kind: str
    reason: str
    count: int
    example_times_s: tuple[float, ...] = ()


@dataclass(frozen=True)
class MovementsSummary(JsonSummary):
    """Every movement of the exercise's shape seen: counted, not counted by reason, glitches ignored, in progress,
    the tempo clause and the whole account in one sentence (`text`)."""

    noun: str = "movement"
    seen: int = 0
    counted: int = 0
    not_counted: tuple[NotCountedSummary, ...] = ()
    glitches: tuple[NotCountedSummary, ...] = ()
    in_progress: int = 0
    tempo: str = ""
    text: str = ""


@dataclass(frozen=True)
class ExerciseSummary(JsonSummary):
    """The exercise part: the exercise counted ('none' when automatic recognition found none), reps per side, every
    rep, per-side statistics, the set's score (None without reps), its most frequent cues, the set-up check, the
    movements (None when no exercise was analysed), the frame rate the analyser got (frames/s) and the share of the set
    each leg could not be read (coach.exercises.legs_seen: HIDDEN_SHARE or more qualifies its count; None in a
    summary from before it). The findings are
    the summary's own (ClipSummary.findings), written inside this part."""

    exercise: str = ""
    reps: dict[str, int] = field(default_factory=lambda: dict.fromkeys(SIDES, 0))
    rep_list: tuple[RepSummary, ...] = ()
    per_side: dict[str, SideStats] = field(default_factory=dict)
    score: float | None = None
    cues: tuple[str, ...] = ()
    setup: dict = field(default_factory=dict)
    movements: MovementsSummary | None = None
    frame_rate_fps: float | None = None
    legs_hidden_share: dict[str, float] | None = field(default=None, metadata=meta(omit="none"))  # None: from before it

    @property
    def counted(self) -> bool:
        """True when a named exercise was counted (automatic recognition that found nothing counts nothing)."""
        return self.exercise != "none"

    def side_reps(self, side: str) -> list[RepSummary]:
        """The reps of one side, in time order."""
        return [r for r in self.rep_list if r.side == side]

    def to_dict(self, findings: tuple[str, ...] = ()) -> dict:
        """The exercise keys of summary.json, `findings` in their place after the cues."""
        d = to_json(self)
        keys = list(d)
        at = keys.index("cues") + 1
        return {k: d[k] for k in keys[:at]} | {"findings": list(findings)} | {k: d[k] for k in keys[at:]}
