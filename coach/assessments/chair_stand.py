"""Chair stand tests from one clip: full stands counted (hips and knees extended, relative to the person's own
standing), each stand's time, the 30-second count (Jones, Rikli & Beam 1999) and the five-times sit-to-stand time
when the clip covers them, rise and sit durations, and as form notes the arms (the protocol crosses them on the chest)
and the forward trunk lean at seat-off. Best filmed from the side.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from coach.assessments.norms import Comparison, compare_all
from coach.assessments.posture import Posture, Rise, Sit, read_posture, transitions
from coach.assessments.result import arms_on_chest, dominant_view, envelope, times, view_warning
from coach.assessments.signals import rounded
from coach.config import ClinicalConfig
from coach.numbers import count_text, noun_for
from coach.types import AngleSeries, PoseSequence

TEST = "chair-stand"
#: The 30-second test's duration (s) and the five-times test's number of stands.
THIRTY_S = 30.0
FIVE_STANDS = 5
#: A stand still rising when the 30 s end counts if it is more than half way up (Rikli & Jones' scoring rule).
HALF_WAY = 0.5


@dataclass(frozen=True)
class Stand:
    """One full stand: its rise's first forward movement, seat-off and first fully upright frame (s), when it left
    upright and sat again (s, None when the clip ends standing or the person walked off), the forward trunk lean
    at seat-off (deg, world landmarks) and whether the arms stayed crossed on the chest (None when unseen)."""

    number: int
    start_s: float
    seat_off_s: float
    upright_s: float
    leave_s: float | None
    seated_s: float | None
    lean_at_seat_off_deg: float
    arms_on_chest: bool | None

    @property
    def rise_s(self) -> float:
        """Seat-off to fully upright (s)."""
        return self.upright_s - self.seat_off_s

    @property
    def sit_s(self) -> float | None:
        """Leaving upright to seat contact (s), None when the person did not sit again."""
        return None if self.seated_s is None or self.leave_s is None else self.seated_s - self.leave_s

    def row(self) -> list:
        """stands.csv row."""
        return [
            self.number,
            *(
                rounded(x)
                for x in (
                    self.start_s,
                    self.seat_off_s,
                    self.upright_s,
                    self.leave_s,
                    self.seated_s,
                    self.rise_s,
                    self.sit_s,
                )
            ),
            rounded(self.lean_at_seat_off_deg, 1),
            "" if self.arms_on_chest is None else self.arms_on_chest,
        ]


STAND_COLUMNS = [
    "stand",
    "start_s",
    "seat_off_s",
    "upright_s",
    "leave_upright_s",
    "seated_s",
    "rise_s",
    "sit_s",
    "lean_at_seat_off_deg",
    "arms_on_chest",
]


@dataclass(frozen=True)
class ChairStandResult:
    """A chair stand test: the stands, when the test started (first forward movement, s), the clip's end (s), the
    30-second count and the five-stand time when the clip covers them (None otherwise), the view, norm comparisons,
    findings and warnings."""

    stands: tuple[Stand, ...]
    start_s: float | None
    clip_end_s: float
    count_30s: int | None
    five_times_s: float | None
    view: str
    norms: tuple[Comparison, ...]
    findings: tuple[str, ...]
    warnings: tuple[str, ...]

    def summary(self) -> dict:
        """The assessment part of summary.json."""
        s = self.stands
        part = {
            "stands": len(s),
            "stand_times_s": times([x.upright_s for x in s]),
            "start_s": rounded(self.start_s),
            "seat_off_s": times([x.seat_off_s for x in s]),
            "seated_again_s": times([x.seated_s for x in s]),
            "rise_s": times([x.rise_s for x in s]),
            "sit_s": times([x.sit_s for x in s]),
            "count_30s": self.count_30s,
            "five_times_s": rounded(self.five_times_s),
            "lean_at_seat_off_deg": [rounded(x.lean_at_seat_off_deg, 1) for x in s],
            "arms_on_chest": [x.arms_on_chest for x in s],
            "view": self.view,
        }
        return envelope(TEST, part, self.norms, self.findings, self.warnings)

    def tables(self) -> dict[str, tuple[list[str], list[list]]]:
        """stands.csv: one row a stand."""
        return {"stands.csv": (STAND_COLUMNS, [x.row() for x in self.stands])}


def build_stands(poses: PoseSequence, rises: list[Rise], sits: list[Sit]) -> list[Stand]:
    """A Stand for every rise, with the sit that follows it (if any before the next rise)."""
    out = []
    for n, r in enumerate(rises, 1):
        nxt = rises[n].seated_index if n < len(rises) else len(poses)
        sit = next((x for x in sits if r.upright_index <= x.upright_index < nxt), None)
        i0 = int(np.searchsorted(poses.t_s, r.seat_off_s))
        out.append(
            Stand(
                n,
                r.start_s,
                r.seat_off_s,
                r.upright_s,
                sit.leave_s if sit else None,
                sit.seated_s if sit else None,
                r.lean_at_seat_off_deg,
                arms_on_chest(poses, i0, r.upright_index),
            )
        )
    return out


def thirty_second_count(p: Posture, stands: list[Stand] | list[Rise], start_s: float) -> int | None:
    """Full stands (or rises: seat_off_s, upright_s) within 30 s of the start, plus one more than half way up at
    30 s; None when the clip ends before 30 s."""
    end = start_s + THIRTY_S
    if p.t_s[-1] < end:
        return None
    n = sum(s.upright_s <= end for s in stands)
    rising = [s for s in stands if s.seat_off_s < end < s.upright_s]
    if rising:  # how far the most bent joint still is from upright, at 30 s against at seat-off
        with np.errstate(invalid="ignore"):
            excess = p.excess_deg()
        at = [excess[min(int(np.searchsorted(p.t_s, x)), len(excess) - 1)] for x in (rising[0].seat_off_s, end)]
        at_off, now = at
        n += bool(np.isfinite(now) and np.isfinite(at_off) and now < (1.0 - HALF_WAY) * at_off)
    return n


def chair_stand_findings(stands: list[Stand], start_s: float | None, five_s: float | None) -> list[str]:
    """Plain words: how many stands and how fast, rise and sit times, arms and lean at seat-off."""
    if not stands:
        return []
    out = [
        f"{count_text(len(stands), 'full stand')}, the last fully upright at {stands[-1].upright_s:.2f} s"
        + (f" ({stands[-1].upright_s - start_s:.1f} s after the first movement)" if start_s is not None else "")
    ]
    if five_s is not None:
        out.append(f"five stands took {five_s:.1f} s from the first movement to the fifth full stand")
    sits = [s.sit_s for s in stands if s.sit_s is not None]
    out.append(
        f"rising took {np.mean([s.rise_s for s in stands]):.2f} s on average (seat-off to upright)"
        + (f", sitting {np.mean(sits):.2f} s (leaving upright to the seat)" if sits else "")
    )
    off_chest = [s.number for s in stands if s.arms_on_chest is False]
    if off_chest:
        out.append(
            f"the hands were not on the chest while rising in {noun_for(len(off_chest), 'stand')} "
            f"{', '.join(map(str, off_chest))} "
            "(on the thighs, the knees, the chair or hanging): the test asks for arms crossed on the chest, "
            "and pushing with the hands helps the rise"
        )
    lean = [s.lean_at_seat_off_deg for s in stands if np.isfinite(s.lean_at_seat_off_deg)]
    if lean:
        span = f"{min(lean):.0f}" if round(min(lean)) == round(max(lean)) else f"{min(lean):.0f}-{max(lean):.0f}"
        out.append(f"forward trunk lean at seat-off {span} deg (world landmarks)")
    return out


def no_stand_reason(p: Posture) -> str:
    """Why no stand was counted, in plain words."""
    if not p.seated.any():
        return "no stand counted: the person was never seen seated (hips and knees bent to a chair's height)"
    if not p.upright.any():
        return "no stand counted: the person never reached full standing (hips and knees straight)"
    return "no stand counted: the person never went from seated to fully upright in view"


def analyze_chair_stand(
    poses: PoseSequence, angles: AngleSeries, config: ClinicalConfig | None = None
) -> ChairStandResult:
    """The chair stand test of a cleaned clip and its angles (compared with the references of `config`, the defaults
    when None)."""
    p = read_posture(poses, angles)
    rises, sits = transitions(p)
    stands = build_stands(poses, rises, sits)
    start = stands[0].start_s if stands else None
    end = float(poses.t_s[-1]) if len(poses) else 0.0
    count = thirty_second_count(p, stands, start) if start is not None else None
    five = stands[FIVE_STANDS - 1].upright_s - start if len(stands) >= FIVE_STANDS and start is not None else None
    view = dominant_view(angles)
    warnings = view_warning(view, ("side",), "turn the chair side-on to the camera")
    if start is not None and count is None:
        warnings.append(
            f"the clip ends {end - start:.1f} s after the first movement: no 30-second count (film at "
            "least 30 s from the first movement)"
        )
    findings = chair_stand_findings(stands, start, five) or [no_stand_reason(p)]
    norms = tuple(compare_all(TEST, {"count_30s": count, "five_times_s": five}, config=config))
    return ChairStandResult(tuple(stands), start, end, count, five, view, norms, tuple(findings), tuple(warnings))
