"""What each review plot shows, as renderer-free figure specs (pure data): hip flexion over time with reps or
strides shaded and events marked, ROM per rep per side, and gait cycle-normalised hip and knee curves.

The same spec is drawn interactive by `coach.report.interactive` (Plotly, web app) and static by `coach.report.svg`
(matplotlib SVG, reports), so both show the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

import numpy as np

from coach.draw import SIDE_RGB
from coach.landmarks import SIDES
from coach.numbers import count_text
from coach.report.data import TOE_OFF, ReportData, Span

#: Points of a normalised gait cycle (0, 1, ..., 100 %).
CYCLE_PCT = np.linspace(0.0, 100.0, 101)
#: Typical healthy adult sagittal curves over the gait cycle (deg at % of stride from heel strike), read from the
#: normative curves of Perry & Burnfield 2010 (Gait Analysis, 2nd ed., ch. 5-6) and Winter 2009 (Biomechanics and
#: Motor Control of Human Movement, ch. 4): hip ~30 deg flexion at initial contact, ~10 deg extension in late stance,
#: ~40-45 deg range (as DESIGN.md section 6); knee ~5 deg at contact, ~15-20 deg in loading response, ~60 deg peak in
#: swing. Coarse shapes for orientation, drawn with an inter-subject band of +/- TYPICAL_SD_DEG (Kadaba et al. 1989,
#: J Orthop Res 7:849, report SDs of about 5-7 deg), not a diagnostic norm.
TYPICAL_DEG: dict[str, tuple[tuple[float, ...], tuple[float, ...]]] = {
    "hip_flex": (
        (0, 10, 20, 30, 40, 50, 55, 62, 70, 80, 87, 95, 100),
        (30, 27, 19, 10, 2, -8, -9, -2, 12, 26, 32, 31, 30),
    ),
    "knee_flex": (
        (0, 6, 15, 25, 35, 42, 50, 56, 62, 70, 74, 80, 87, 94, 100),
        (5, 12, 18, 13, 6, 4, 8, 18, 38, 57, 60, 52, 30, 10, 5),
    ),
}
TYPICAL_SD_DEG = 6.0
GREY = (150, 150, 150)
#: Why a stride's curve is left out of the gait cycle plot (the plot's note says which and why).
SWAPPED = "the pose model swapped the legs"
NOT_SEEN = "the {joint} angle was not measured through the whole stride (hidden or low-visibility landmarks)"
#: Mark of a stride in which the pose model swapped the legs, beside its label in the plot over time.
SWAP_MARK = "*"
#: How the gait analyser calls a leg half hidden behind the other in a side view (strides.csv leg_view).
FAR = "far"
FAR_NOTE = (
    "Dashed side lines: a leg while it was the far one in a side view, half hidden behind the near leg; less "
    "trustworthy (the near leg passing in front can make its knee seem to bend in stance) and, like its numbers, "
    "not compared with the other leg."
)


@dataclass(frozen=True)
class Line:
    """A curve x (N,), y (N,) with an optional band lo..hi (N,) around it (e.g. mean +/- SD)."""

    name: str
    x: np.ndarray
    y: np.ndarray
    rgb: tuple[int, int, int]
    lo: np.ndarray | None = None
    hi: np.ndarray | None = None
    dash: bool = False


@dataclass(frozen=True)
class Shade:
    """A shaded x interval (a rep or a stride) with a short label ('L3' = third of the left side)."""

    x0: float
    x1: float
    label: str
    rgb: tuple[int, int, int]


@dataclass(frozen=True)
class Mark:
    """A vertical marker at x (an event), solid or dashed."""

    x: float
    label: str
    rgb: tuple[int, int, int]
    dash: bool = False


@dataclass(frozen=True)
class Bars:
    """Bars per category (e.g. rep number) for one series (e.g. one side)."""

    name: str
    categories: list[str]
    values: list[float]
    rgb: tuple[int, int, int]


@dataclass(frozen=True)
class FigureSpec:
    """One plot: key (file/element id), title, axis labels, what is drawn, and a note said under it (what was left
    out or flagged, and why)."""

    key: str
    title: str
    x_label: str
    y_label: str
    lines: list[Line] = field(default_factory=list)
    shades: list[Shade] = field(default_factory=list)
    marks: list[Mark] = field(default_factory=list)
    bars: list[Bars] = field(default_factory=list)
    note: str = ""


def hip_flexion_over_time(data: ReportData) -> FigureSpec:
    """Hip flexion left and right over time, reps (or strides) shaded per side, gait events marked; a stride in
    which the pose model swapped the legs carries SWAP_MARK, said in the note."""
    a = data.angles
    lines = [
        Line(f"hip flexion {s}", a.t_s, a.values[f"hip_flex_{s}"], SIDE_RGB[s])
        for s in SIDES
        if f"hip_flex_{s}" in a.values
    ]
    spans = data.rep_spans() or data.stride_spans()
    shades = [
        Shade(sp.start_s, sp.end_s, sp.label + ("" if sp.labels_agree else SWAP_MARK), SIDE_RGB[sp.side])
        for sp in spans
    ]
    marks = [
        Mark(e.t_s, f"{e.kind.replace('_', ' ')} {e.side[0].upper()}", SIDE_RGB[e.side], e.kind == TOE_OFF)
        for e in data.events()
    ]
    swapped = [sp.label for sp in spans if not sp.labels_agree]
    note = (
        f"{SWAP_MARK} {count_text(len(swapped), 'stride')} in which {SWAPPED} ({', '.join(swapped)}): the left and "
        f"right lines may be exchanged for part of {'it' if len(swapped) == 1 else 'each'}."
        if swapped
        else ""
    )
    return FigureSpec(
        "hip_flexion",
        "Hip flexion over time",
        "time (s)",
        "hip flexion (deg, + = flexion)",
        lines,
        shades,
        marks,
        note=note,
    )


def _when(span: Span) -> str:
    """A stride by its label and time: 'L2 at 1.5-2.7 s'."""
    return f"{span.label} at {span.start_s:.1f}-{span.end_s:.1f} s"


def rom_per_rep(data: ReportData) -> FigureSpec | None:
    """Range of motion of each rep, per side (None without reps)."""
    reps = data.reps()
    if not reps:
        return None
    bars = []
    for side in SIDES:
        mine = [r for r in reps if r.side == side]
        if mine:
            bars.append(
                Bars(
                    side,
                    [str(i + 1) for i in range(len(mine))],
                    [float(r.rom_deg if r.rom_deg is not None else np.nan) for r in mine],
                    SIDE_RGB[side],
                )
            )
    return FigureSpec(
        "rom_per_rep", "Range of motion per rep", "rep number (per side)", "range of motion (deg)", bars=bars
    )


def cycle_curve(t_s: np.ndarray, y: np.ndarray, start_s: float, end_s: float) -> np.ndarray | None:
    """y over one stride resampled to 0..100 % of it (CYCLE_PCT); None when the stride has a gap (NaN) or fewer
    than 5 samples (never an invented curve)."""
    inside = (t_s >= start_s) & (t_s <= end_s)
    if inside.sum() < 5 or not np.isfinite(y[inside]).all():
        return None
    return np.interp(start_s + CYCLE_PCT / 100.0 * (end_s - start_s), t_s[inside], y[inside])


def normalise_cycles(t_s: np.ndarray, y: np.ndarray, spans: list[tuple[float, float]]) -> np.ndarray:
    """(n_strides, 101) curves resampled to 0..100 % of each stride; strides with gaps (NaN) are dropped."""
    out = [c for a, b in spans if (c := cycle_curve(t_s, y, a, b)) is not None]
    return np.array(out).reshape(len(out), len(CYCLE_PCT))


def typical_curve_deg(angle: str) -> np.ndarray:
    """The typical adult curve of 'hip_flex' or 'knee_flex' at CYCLE_PCT (shape-preserving interpolation)."""
    from scipy.interpolate import PchipInterpolator

    x, y = TYPICAL_DEG[angle]
    return PchipInterpolator(np.array(x, float), np.array(y, float))(CYCLE_PCT)


def gait_cycle(data: ReportData, angle: str) -> FigureSpec | None:
    """Mean +/- SD of an angle ('hip_flex' or 'knee_flex') over normalised strides per side, overlaid, against the
    typical adult band (None without strides). A stride in which the pose model swapped the legs is left out (its
    curve mixes both legs), as is one with a gap in the angle; a leg's strides as the far leg of a side view are
    drawn apart, dashed and without a band (half hidden, less trustworthy: the near leg passing in front of it can
    bend its knee 48 deg in stance), as the gait metrics keep them apart. The note says what was left out, which and
    why."""
    spans = data.stride_spans()
    if not spans:
        return None
    joint = angle.split("_")[0]
    typical = typical_curve_deg(angle)
    lines = [Line("typical adult", CYCLE_PCT, typical, GREY, typical - TYPICAL_SD_DEG, typical + TYPICAL_SD_DEG, True)]
    not_seen = NOT_SEEN.format(joint=joint)
    left_out: dict[str, list[Span]] = {SWAPPED: [], not_seen: []}
    drew_far = False
    for side in SIDES:
        name = f"{angle}_{side}"
        if name not in data.angles.values:
            continue
        near: list[np.ndarray] = []
        far: list[np.ndarray] = []
        for s in (s for s in spans if s.side == side):
            curve = cycle_curve(data.angles.t_s, data.angles.values[name], s.start_s, s.end_s)
            if not s.labels_agree:
                left_out[SWAPPED].append(s)
            elif curve is None:
                left_out[not_seen].append(s)
            else:
                (far if s.leg_view == FAR else near).append(curve)
        if near:
            mean, sd = np.mean(near, axis=0), np.std(near, axis=0)
            lines.append(Line(f"{side} (n={len(near)})", CYCLE_PCT, mean, SIDE_RGB[side], mean - sd, mean + sd))
        if far:
            drew_far = True
            lines.append(
                Line(f"{side}, far leg (n={len(far)})", CYCLE_PCT, np.mean(far, axis=0), SIDE_RGB[side], dash=True)
            )
    notes = [
        f"{count_text(len(out), 'stride')} left out: {why} "
        f"({', '.join(_when(s) for s in sorted(out, key=lambda s: s.start_s))})."
        for why, out in left_out.items()
        if out
    ]
    notes += [FAR_NOTE] if drew_far else []
    if len(lines) == 1 and not notes:
        return None
    return FigureSpec(
        f"cycle_{angle}",
        f"{joint.capitalize()} flexion over the gait cycle (mean +/- SD)",
        "gait cycle (% from heel strike)",
        f"{joint} flexion (deg)",
        lines,
        note=" ".join(notes),
    )


#: The note of a gait cycle plot that would repeat the one above it word for word.
SAME_AS_ABOVE = "Strides left out and dashed lines as in the plot above."


def report_figures(data: ReportData) -> list[FigureSpec]:
    """Every plot the report shows for this analysis, in reading order; a note the plot above already said is said
    once (the knee's gait cycle plot leaves out the strides the hip's does, for the same reason)."""
    figs = [hip_flexion_over_time(data), rom_per_rep(data), gait_cycle(data, "hip_flex"), gait_cycle(data, "knee_flex")]
    shown = [f for f in figs if f is not None]
    return [
        replace(f, note=SAME_AS_ABOVE) if k and f.note and f.note == shown[k - 1].note else f
        for k, f in enumerate(shown)
    ]
