"""The report's tables and notes as plain data (header + rows of cells), from a ReportData: per side, per rep,
per stride, symmetry with verdicts, and confidence notes. No HTML here: html.py lays them out.

Symmetry: symmetry index SI = (R - L) / (0.5 (R + L)) x 100 (Robinson et al. 1987), ratio = min/max, symmetry
angle SA = (45 deg - atan(L/R)) / 90 deg x 100 (Zifchock et al. 2008). Verdict on |SI|: below 10 % 'symmetric'
(the common rule of thumb, DESIGN.md section 6), 10-20 % 'mildly asymmetric', 20 % and above 'asymmetric'; fewer
than MIN_PER_SIDE reps or strides on a side gives 'not enough data' instead of a number.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from coach.config import landmark_trust
from coach.gait.symmetry import ratio_min_max, symmetry_angle_pct, symmetry_index_pct
from coach.landmarks import SIDES
from coach.numbers import count_text, number_text, unit_of
from coach.quality import Completeness
from coach.report.data import ReportData
from coach.report.names import by_group, column_name, metric_name, metric_unit
from coach.report.words import TOO_FEW_STRIDES, counted, view_text
from coach.summary import ExerciseSummary, GaitSummary, MetricStats, SideStats

#: Columns of the gait analyser's strides.csv shown in the report (all of them are in the CSV beside it).
STRIDE_COLUMNS = (
    "side",
    "pass",
    "leg_view",
    "status",
    "hs_s",
    "stride_time_s",
    "step_time_s",
    "stance_pct",
    "single_support_pct",
    "hip_flex_at_hs_deg",
    "hip_ext_peak_deg",
    "hip_rom_deg",
    "knee_flex_swing_peak_deg",
)
SYMMETRIC_MAX_PCT = 10.0
MILD_MAX_PCT = 20.0
MIN_PER_SIDE = 2
#: Accuracy of 2D side-view video against motion capture (Stenum et al. 2021, PLoS Comput Biol 17:e1008935).
ACCURACY_NOTE = (
    "For reference, 2D video of a side view agrees with motion capture to about 4 deg at the hip and "
    "6 deg at the knee (Stenum et al. 2021); front-view sagittal angles are estimates and less certain."
)


#: A table cell: text or a number (None shows as missing).
Cell = str | float | None


@dataclass(frozen=True)
class Table:
    """A titled table: header (k,), rows of k cells (text or numbers), and an optional note under it."""

    key: str
    title: str
    header: list[str]
    rows: list[list] = field(default_factory=list)
    note: str = ""


def verdict(si_pct: float, n_left: int, n_right: int) -> str:
    """Plain-words verdict on a symmetry index, or 'not enough data' when a side rests on too few samples."""
    if min(n_left, n_right) < MIN_PER_SIDE or not np.isfinite(si_pct):
        return "not enough data"
    if abs(si_pct) < SYMMETRIC_MAX_PCT:
        return "symmetric"
    return "mildly asymmetric" if abs(si_pct) < MILD_MAX_PCT else "asymmetric"


def _num(v) -> float:
    """A value as a float, NaN when it is not a number."""
    try:
        return float(v)
    except (TypeError, ValueError):
        return float("nan")


def _short(v: float) -> str:
    """A number in a sentence-like cell: 2 decimals below 10, 1 above."""
    return f"{v:.2f}" if abs(v) < 10 else f"{v:.1f}"


def _side_cell(d: MetricStats, unit: str) -> str:
    """One side of a gait metric: mean +/- SD (n, and the landmarks' confidence where the metric has one), the far
    leg's mean marked as less trustworthy, or why withheld."""
    mean, sd, far = _num(d.mean), _num(d.sd), _num(d.far_leg_mean)
    spread = f" +/- {number_text(sd, unit)}" if np.isfinite(sd) else ""
    conf = _num(d.landmark_conf)
    trust = f", landmark confidence {conf:.2f}" if np.isfinite(conf) else ""
    if np.isfinite(mean):
        return f"{number_text(mean, unit)}{spread} (n={d.n}{trust})"
    if np.isfinite(far):
        return f"{number_text(far, unit)} as the far leg only (n={d.far_leg_n}): less trustworthy"
    return d.withheld or "withheld"


def _exercise_side_table(ex: ExerciseSummary) -> Table:
    """Per side of an exercise set: the analyser's per-side statistics (coach.exercises.result.side_stats) and the
    share of the set the leg could not be read (coach.exercises.legs_seen; blank in a summary from before it)."""
    hidden = ex.legs_hidden_share or {}
    rows = []
    for s in SIDES:
        st = ex.per_side.get(s) or SideStats()
        rows.append(
            [
                s,
                ex.reps.get(s, st.count),
                _num(st.rom_mean_deg),
                _num(st.rom_min_deg),
                _num(st.rom_max_deg),
                _num(st.peak_mean_deg),
                _num(st.score),
                sum(st.fault_counts.values()),
                _num(hidden.get(s)) * 100,
            ]
        )
    header = ["side", "reps", "ROM mean (deg)", "ROM min (deg)", "ROM max (deg)", "peak mean (deg)", "score mean"]
    return Table("per_side", "Per side", [*header, "faults", "not readable (% of set)"], rows)


def _gait_side_table(gait: GaitSummary) -> Table:
    """Per side of a walk: heel strikes and every gait metric, grouped."""
    rows: list[list[Cell]] = [["Steps (heel strikes)", *(gait.steps.get(s, "") for s in SIDES)]] if gait.steps else []
    for group, keys in by_group(gait.metrics):
        rows.append([group.capitalize(), "", ""])
        rows += [[metric_name(k), *(_side_cell(gait.metrics[k].side(s), metric_unit(k)) for s in SIDES)] for k in keys]
    return Table("per_side", "Per side (mean +/- SD over strides)", ["measure", "left", "right"], rows)


def side_table(data: ReportData) -> Table:
    """Per side: reps and ROM (exercise), gait metrics (gait), or the movement range seen (no task)."""
    ex, gait = data.summary.exercise, data.summary.gait
    if ex is not None and (ex.rep_list or counted(data.summary)):
        return _exercise_side_table(ex)
    if gait is not None and gait.metrics:
        return _gait_side_table(gait)
    rows = []
    for s in SIDES:
        row: list[Cell] = [s]
        for name in (f"hip_flex_{s}", f"knee_flex_{s}"):
            v = data.angles.values.get(name, np.zeros(0))
            v = v[np.isfinite(v)]
            row += [float(v.min()), float(v.max())] if len(v) else [float("nan")] * 2
        conf = data.angles.conf.get(f"hip_flex_{s}", np.zeros(0))
        row.append(float(np.mean(conf)) if len(conf) else float("nan"))
        rows.append(row)
    return Table(
        "per_side",
        "Per side: range seen in the clip",
        [
            "side",
            "hip flexion min (deg)",
            "hip flexion max (deg)",
            "knee flexion min (deg)",
            "knee flexion max (deg)",
            "hip angle confidence (0-1)",
        ],
        rows,
    )


def rep_table(data: ReportData) -> Table | None:
    """One row per rep: side, times, peak angle, ROM, score and the cues of its faults (None without reps)."""
    reps = sorted(data.reps(), key=lambda r: _num(r.start_s))
    if not reps:
        return None
    count = dict.fromkeys(SIDES, 0)
    rows = []
    for r in reps:
        count[r.side] += 1
        cues = "; ".join(f.cue or f.code for f in r.faults)
        uncertain = "uncertain (gap in the landmarks); " if r.uncertain else ""
        if not r.peak_seen:
            uncertain += f"top between frames: ROM at least {_short(_num(r.rom_at_least_deg))} deg, height not judged; "
        start, end = _num(r.start_s), _num(r.end_s)
        rows.append(
            [
                count[r.side],
                r.side,
                start,
                _num(r.peak_s),
                end,
                end - start,
                _num(r.peak_deg),
                _num(r.rom_deg),
                _num(r.score),
                _num(r.confidence),
                uncertain + (cues or "good form"),
            ]
        )
    return Table(
        "per_rep",
        "Per rep",
        [
            "#",
            "side",
            "start (s)",
            "peak (s)",
            "end (s)",
            "duration (s)",
            "peak (deg)",
            "ROM (deg)",
            "score",
            "confidence (0-1)",
            "cues",
        ],
        rows,
    )


def movement_table(data: ReportData) -> Table | None:
    """Every movement of the exercise's shape seen: how many were counted, and each reason the others were not, with
    example times (None without the summary's `movements`)."""
    m = data.summary.exercise.movements if data.summary.exercise else None
    if m is None:
        return None

    def at(ts) -> str:
        return ", ".join(f"{float(t):.1f}" for t in ts)

    rows = [["counted", f"{m.noun}s counted as reps", m.counted, ""]]
    rows += [["not counted", n.reason, n.count, at(n.example_times_s)] for n in m.not_counted]
    if m.in_progress:
        rows.append(["not finished", "still going when the clip ended", m.in_progress, ""])
    rows += [["ignored", n.reason, n.count, at(n.example_times_s)] for n in m.glitches]
    return Table(
        "movements", f"Movements seen: {m.seen}", ["outcome", "what", "how many", "at (s)"], rows, m.tempo.capitalize()
    )


def stride_table(data: ReportData) -> Table | None:
    """One row per stride: the gait analyser's strides.csv when present, else strides between heel strikes."""
    rows = data.tables.get("strides.csv")
    if rows:
        header = [h for h in STRIDE_COLUMNS if h in rows[0]] or list(rows[0])
        # a stride's reasons are '; '-joined (coach.gait.result): each reason said once, with how many strides
        reasons = Counter(why for r in rows if r.get("reason") for why in str(r["reason"]).split("; "))
        notes = [f"{why} ({count_text(n, 'stride')})" for why, n in sorted(reasons.items())]
        return Table(
            "per_stride",
            "Per stride",
            [column_name(h) for h in header],
            [[r.get(h) for h in header] for r in rows],
            "Notes on strides: " + " | ".join(notes) if notes else "",
        )
    spans = data.stride_spans()
    if not spans:
        return None
    return Table(
        "per_stride",
        "Per stride (heel strike to heel strike)",
        ["#", "side", "start (s)", "end (s)", "stride time (s)"],
        [[s.number, s.side, s.start_s, s.end_s, s.end_s - s.start_s] for s in spans],
    )


def symmetry_table(data: ReportData) -> Table | None:
    """Left/right symmetry per metric with a verdict: the gait analyser's, else computed from the reps."""
    header = ["metric", "left", "right", "R - L", "SI (%)", "ratio", "symmetry angle (%)", "verdict"]
    formula = (
        "SI = (R - L) / mean x 100 (Robinson 1987), + when the right is larger; symmetry angle after Zifchock 2008."
    )
    gait = data.summary.gait
    if gait is not None and gait.symmetry:
        return _gait_symmetry_table(gait, header, formula)
    reps = data.reps()
    if not reps:
        return None
    by_side = {s: [r for r in reps if r.side == s] for s in SIDES}
    n = [len(by_side[s]) for s in SIDES]
    seen = [sum(np.isfinite(_num(r.rom_deg)) for r in by_side[s]) for s in SIDES]  # tops between frames: out
    read = Completeness.from_video(data.summary.video.to_dict())
    ex = data.summary.exercise
    stats = [(ex.per_side.get(s) if ex else None) or SideStats() for s in SIDES]
    measures: list[tuple[str, Sequence[float], list[int]]] = [
        ("reps", n, n),
        ("ROM mean (deg)", [_num(st.rom_mean_deg) for st in stats], seen),
        ("peak mean (deg)", [_num(st.peak_mean_deg) for st in stats], seen),
    ]
    rows = []
    for label, (left, right), k in measures:
        si, unit = symmetry_index_pct(left, right), unit_of(label)  # a row's unit is in its label, not its column's
        rows.append(
            [
                label,
                *(number_text(v, unit) if unit else v for v in (left, right, right - left)),
                si,
                ratio_min_max(left, right),
                symmetry_angle_pct(left, right),
                "withheld" if read.ends_early else verdict(si, *k),
            ]
        )
    withheld = f" Verdicts withheld: {read.message()}." if read.ends_early else ""
    return Table(
        "symmetry",
        "Symmetry",
        header,
        rows,
        f"{formula} Verdict on |SI|: symmetric below {SYMMETRIC_MAX_PCT:.0f} %, mildly asymmetric below "
        f"{MILD_MAX_PCT:.0f} %, else asymmetric; at least {MIN_PER_SIDE} reps per side.{withheld}",
    )


def _gait_symmetry_table(gait: GaitSummary, header: list[str], formula: str) -> Table:
    """The gait analyser's symmetry per metric, grouped, with its verdicts and their rules said once."""
    rows: list[list[Cell]] = []
    for group, keys in by_group(gait.symmetry):
        rows.append([group.capitalize(), *[""] * (len(header) - 1)])
        for k in keys:
            d, unit = gait.symmetry[k], metric_unit(k)
            metric = gait.metrics.get(k)
            means = [_num(metric.side(s).mean) if metric else float("nan") for s in SIDES]
            diff = _num(d.right_minus_left) if d.right_minus_left is not None else means[1] - means[0]
            rows.append(
                [
                    metric_name(k),
                    *(number_text(v, unit) for v in (*means, diff)),
                    _num(d.si_percent),
                    _num(d.ratio),
                    _num(d.symmetry_angle_percent),
                    "" if d.verdict == gait.verdict == TOO_FEW_STRIDES else d.verdict,
                ]
            )
    rules = verdict_rules(gait.thresholds)
    overall = NOT_JUDGED if gait.verdict == TOO_FEW_STRIDES else gait.verdict
    return Table(
        "symmetry",
        "Symmetry",
        header,
        rows,
        (f"Overall: {overall}. " if overall else "") + formula + (f" Verdict rules: {rules}" if rules else ""),
    )


#: The symmetry table's overall verdict with too few strides: the summary says it was not judged and the trust
#: warning gives the stride counts and what to film, so the table points there instead of saying it a third time.
NOT_JUDGED = "not judged (the warnings say why, and what to film)"


def verdict_rules(thresholds: dict[str, str]) -> str:
    """The gait analysis's verdict rules said once: each distinct limit with the measures it applies to, then the
    clauses every rule shares ('a difference within 2 standard errors ...; at least 3 strides per side')."""
    parts = {k: [p.strip() for p in str(rule).split(";")] for k, rule in thresholds.items()}
    if not parts:
        return ""
    shared = [p for p in next(iter(parts.values()))[1:] if all(p in ps[1:] for ps in parts.values())]
    limits: dict[str, list[str]] = {}
    for k, ps in parts.items():
        own = [ps[0]] + [p for p in ps[1:] if p not in shared]
        limits.setdefault("; ".join(own), []).append(metric_name(k, unit=False).lower())
    text = " | ".join(f"{', '.join(names)}: {limit}" for limit, names in limits.items())
    return text + (f". For every measure: {'; '.join(shared)}." if shared else ".")


def gait_pass_notes(data: ReportData) -> list[str]:
    """One line per walking pass: direction, view, and which leg was nearer the camera (its angles are trusted; the
    far one's are kept apart)."""
    out = []
    for p in data.summary.gait.passes if data.summary.gait else ():
        leg = (
            f"; the {p.near_leg} leg was nearer the camera (the other, half hidden, is less trustworthy)"
            if p.near_leg
            else "; neither leg hides the other"
        )
        out.append(f"Walking pass {p.index}: {p.start_s}-{p.stop_s} s, {p.direction}, {p.view} view{leg}.")
    return out


def confidence_notes(data: ReportData) -> list[str]:
    """How far to trust the numbers: view, person found, angle confidence per side, warnings, accuracy anchor."""
    s = data.summary
    notes = [
        f"Camera view: {view_text(s)}. Hip and knee angles come from the 2D picture in a side view and "
        "from MediaPipe's estimated 3D landmarks otherwise (less certain)."
    ]
    notes.append(f"The person was found in {float(s.person_found_fraction):.0%} of frames.")
    for side in SIDES:
        conf = data.angles.conf.get(f"hip_flex_{side}")
        if conf is not None and len(conf):
            gate = landmark_trust().min_visibility
            low = float(np.mean(conf < gate))
            notes.append(
                f"{side.capitalize()} hip angle: mean confidence {float(np.mean(conf)):.2f} (0-1); "
                f"{low:.0%} of frames below {gate:g}."
            )
    notes += gait_pass_notes(data)
    notes += [f"Warning: {w}" for w in s.warnings]
    notes.append(ACCURACY_NOTE)
    return notes


def report_tables(data: ReportData) -> list[Table]:
    """Every table the report shows, in reading order: an assessment's section first (coach.report.assessment)."""
    from coach.report.assessment import assessment_tables  # it builds on Table above

    tables = [
        *assessment_tables(data.summary.assessment),
        side_table(data),
        movement_table(data),
        rep_table(data),
        stride_table(data),
        symmetry_table(data),
    ]
    return [t for t in tables if t is not None]
