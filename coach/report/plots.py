"""What each review plot shows, as renderer-free figure specs (pure data): hip flexion over time with reps or
strides shaded and events marked, ROM per rep per side, and gait cycle-normalised hip and knee curves.

The same spec is drawn interactive by `coach.report.interactive` (Plotly, web app) and static by `coach.report.svg`
(matplotlib SVG, reports), so both show the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from coach.draw import SIDE_RGB
from coach.landmarks import SIDES
from coach.report.data import TOE_OFF, ReportData

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
    """One plot: key (file/element id), title, axis labels, and what is drawn."""

    key: str
    title: str
    x_label: str
    y_label: str
    lines: list[Line] = field(default_factory=list)
    shades: list[Shade] = field(default_factory=list)
    marks: list[Mark] = field(default_factory=list)
    bars: list[Bars] = field(default_factory=list)


def hip_flexion_over_time(data: ReportData) -> FigureSpec:
    """Hip flexion left and right over time, reps (or strides) shaded per side, gait events marked."""
    a = data.angles
    lines = [
        Line(f"hip flexion {s}", a.t_s, a.values[f"hip_flex_{s}"], SIDE_RGB[s])
        for s in SIDES
        if f"hip_flex_{s}" in a.values
    ]
    spans = data.rep_spans() or data.stride_spans()
    shades = [Shade(sp.start_s, sp.end_s, f"{sp.side[0].upper()}{sp.number}", SIDE_RGB[sp.side]) for sp in spans]
    marks = [
        Mark(e.t_s, f"{e.kind.replace('_', ' ')} {e.side[0].upper()}", SIDE_RGB[e.side], e.kind == TOE_OFF)
        for e in data.events()
    ]
    return FigureSpec(
        "hip_flexion", "Hip flexion over time", "time (s)", "hip flexion (deg, + = flexion)", lines, shades, marks
    )


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


def normalise_cycles(t_s: np.ndarray, y: np.ndarray, spans: list[tuple[float, float]]) -> np.ndarray:
    """(n_strides, 101) curves resampled to 0..100 % of each stride; strides with gaps (NaN) are dropped."""
    out = []
    for a, b in spans:
        inside = (t_s >= a) & (t_s <= b)
        if inside.sum() < 5 or not np.isfinite(y[inside]).all():
            continue
        out.append(np.interp(a + CYCLE_PCT / 100.0 * (b - a), t_s[inside], y[inside]))
    return np.array(out).reshape(len(out), len(CYCLE_PCT))


def typical_curve_deg(angle: str) -> np.ndarray:
    """The typical adult curve of 'hip_flex' or 'knee_flex' at CYCLE_PCT (shape-preserving interpolation)."""
    from scipy.interpolate import PchipInterpolator

    x, y = TYPICAL_DEG[angle]
    return PchipInterpolator(np.array(x, float), np.array(y, float))(CYCLE_PCT)


def gait_cycle(data: ReportData, angle: str) -> FigureSpec | None:
    """Mean +/- SD of an angle ('hip_flex' or 'knee_flex') over normalised strides per side, overlaid, against the
    typical adult band (None without strides)."""
    spans = data.stride_spans()
    if not spans:
        return None
    typical = typical_curve_deg(angle)
    lines = [Line("typical adult", CYCLE_PCT, typical, GREY, typical - TYPICAL_SD_DEG, typical + TYPICAL_SD_DEG, True)]
    for side in SIDES:
        name = f"{angle}_{side}"
        if name not in data.angles.values:
            continue
        curves = normalise_cycles(
            data.angles.t_s, data.angles.values[name], [(s.start_s, s.end_s) for s in spans if s.side == side]
        )
        if len(curves):
            mean, sd = curves.mean(axis=0), curves.std(axis=0)
            lines.append(Line(f"{side} (n={len(curves)})", CYCLE_PCT, mean, SIDE_RGB[side], mean - sd, mean + sd))
    if len(lines) == 1:
        return None
    joint = angle.split("_")[0]
    return FigureSpec(
        f"cycle_{angle}",
        f"{joint.capitalize()} flexion over the gait cycle (mean +/- SD)",
        "gait cycle (% from heel strike)",
        f"{joint} flexion (deg)",
        lines,
    )


def report_figures(data: ReportData) -> list[FigureSpec]:
    """Every plot the report shows for this analysis, in reading order."""
    figs = [hip_flexion_over_time(data), rom_per_rep(data), gait_cycle(data, "hip_flex"), gait_cycle(data, "knee_flex")]
    return [f for f in figs if f is not None]
