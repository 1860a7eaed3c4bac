"""The report's tables and notes as plain data (header + rows of cells), from a ReportData: per side, per rep,
per stride, symmetry with verdicts, and confidence notes. No HTML here: html.py lays them out.

Symmetry: symmetry index SI = (R - L) / (0.5 (R + L)) x 100 (Robinson et al. 1987), ratio = min/max, symmetry
angle SA = (45 deg - atan(L/R)) / 90 deg x 100 (Zifchock et al. 2008). Verdict on |SI|: below 10 % 'symmetric'
(the common rule of thumb, DESIGN.md section 6), 10-20 % 'mildly asymmetric', 20 % and above 'asymmetric'; fewer
than MIN_PER_SIDE reps or strides on a side gives 'not enough data' instead of a number.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from coach.config import landmark_trust
from coach.landmarks import SIDES
from coach.quality import Completeness
from coach.report.data import ReportData
from coach.report.names import by_group, column_name, metric_name, metric_unit
from coach.report.numbers import number_text
from coach.report.words import TOO_FEW_STRIDES, counted, view_text

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


@dataclass(frozen=True)
class Table:
    """A titled table: header (k,), rows of k cells (text or numbers), and an optional note under it."""

    key: str
    title: str
    header: list[str]
    rows: list[list] = field(default_factory=list)
    note: str = ""


def symmetry_index_pct(left: float, right: float) -> float:
    """Robinson 1987 symmetry index (%), positive when right is larger; NaN when undefined."""
    mean = 0.5 * (left + right)
    return float((right - left) / mean * 100.0) if mean else float("nan")


def ratio(left: float, right: float) -> float:
    """min/max of the two sides (1 = equal); NaN when undefined."""
    hi = max(abs(left), abs(right))
    return float(min(abs(left), abs(right)) / hi) if hi else float("nan")


def symmetry_angle_pct(left: float, right: float) -> float:
    """Zifchock 2008 symmetry angle (%), 0 = symmetric; NaN when right is 0."""
    return float((45.0 - np.degrees(np.arctan(left / right))) / 90.0 * 100.0) if right else float("nan")


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


def _stats(values: list[float]) -> tuple[float, float, float, float]:
    """mean, sd, min, max of the finite values (NaN when none)."""
    v = np.array([x for x in values if np.isfinite(x)])
    if not len(v):
        return (float("nan"),) * 4
    return float(v.mean()), float(v.std()), float(v.min()), float(v.max())


def _gait(data: ReportData) -> dict:
    """The gait part of the summary ({} when absent)."""
    g = data.summary.get("gait")
    return g if isinstance(g, dict) else {}


def _gait_metrics(gait: dict) -> dict[str, dict[str, dict]]:
    """gait.metrics as metric -> side -> {mean, sd, n}, accepting side -> metric -> {...} too."""
    m = gait.get("metrics") or {}
    if set(m) & set(SIDES) and all(isinstance(v, dict) for v in m.values()):
        names = {k for s in SIDES for k in m.get(s, {})}
        m = {metric: {s: m[s].get(metric) for s in SIDES if s in m} for metric in names}
    return {k: v for k, v in m.items() if isinstance(v, dict)}


def _side_cell(d: dict, unit: str) -> str:
    """One side of a gait metric: mean +/- SD (n, and the landmarks' confidence where the metric has one), the far
    leg's mean marked as less trustworthy, or why withheld."""
    mean, sd, far = _num(d.get("mean")), _num(d.get("sd")), _num(d.get("far_leg_mean"))
    spread = f" +/- {number_text(sd, unit)}" if np.isfinite(sd) else ""
    conf = _num(d.get("landmark_conf"))
    trust = f", landmark confidence {conf:.2f}" if np.isfinite(conf) else ""
    if np.isfinite(mean):
        return f"{number_text(mean, unit)}{spread} (n={d.get('n', '?')}{trust})"
    if np.isfinite(far):
        return f"{number_text(far, unit)} as the far leg only (n={d.get('far_leg_n')}): less trustworthy"
    return str(d.get("withheld") or "withheld")


def side_table(data: ReportData) -> Table:
    """Per side: reps and ROM (exercise), gait metrics (gait), or the movement range seen (no task)."""
    reps = data.reps()
    gait = _gait(data)
    if reps or counted(data.summary):
        rows = []
        for s in SIDES:
            mine = [r for r in reps if r["side"] == s]
            count = (
                data.summary.get("reps", {}).get(s, len(mine))
                if isinstance(data.summary.get("reps"), dict)
                else len(mine)
            )
            mean, _, lo, hi = _stats([_num(r.get("rom_deg")) for r in mine])
            peak = _stats([_num(r.get("peak_deg")) for r in mine])[0]
            score = _stats([_num(r.get("score")) for r in mine])[0]
            faults = sum(len(r.get("faults") or []) for r in mine if isinstance(r.get("faults"), list))
            rows.append([s, count, mean, lo, hi, peak, score, faults])
        return Table(
            "per_side",
            "Per side",
            [
                "side",
                "reps",
                "ROM mean (deg)",
                "ROM min (deg)",
                "ROM max (deg)",
                "peak mean (deg)",
                "score mean",
                "faults",
            ],
            rows,
        )
    if gait.get("metrics"):
        steps = gait.get("steps") or {}
        rows = [["Steps (heel strikes)"] + [steps.get(s, "") for s in SIDES]] if steps else []
        metrics = _gait_metrics(gait)
        for group, keys in by_group(metrics):
            rows.append([group.capitalize(), "", ""])
            rows += [
                [metric_name(k)] + [_side_cell(metrics[k].get(s) or {}, metric_unit(k)) for s in SIDES] for k in keys
            ]
        return Table("per_side", "Per side (mean +/- SD over strides)", ["measure", "left", "right"], rows)
    rows = []
    for s in SIDES:
        row = [s]
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
    reps = sorted(data.reps(), key=lambda r: float(r["start_s"]))
    if not reps:
        return None
    count = dict.fromkeys(SIDES, 0)
    rows = []
    for r in reps:
        count[r["side"]] += 1
        faults = r.get("faults") or []
        cues = (
            "; ".join(str(f.get("cue") or f.get("code")) for f in faults if isinstance(f, dict))
            if isinstance(faults, list)
            else str(faults)
        )
        uncertain = "uncertain (gap in the landmarks); " if r.get("uncertain") in (True, 1.0, "True") else ""
        if r.get("peak_seen") in (False, 0.0, "False"):
            uncertain += (
                f"top between frames: ROM at least {_short(_num(r.get('rom_at_least_deg')))} deg, height not judged; "
            )
        rows.append(
            [
                count[r["side"]],
                r["side"],
                _num(r["start_s"]),
                _num(r.get("peak_s")),
                _num(r["end_s"]),
                _num(r["end_s"]) - _num(r["start_s"]),
                _num(r.get("peak_deg")),
                _num(r.get("rom_deg")),
                _num(r.get("score")),
                _num(r.get("confidence")),
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
    m = data.summary.get("movements")
    if not isinstance(m, dict):
        return None

    def at(ts) -> str:
        return ", ".join(f"{float(t):.1f}" for t in ts or [])

    rows = [["counted", f"{m.get('noun', 'movement')}s counted as reps", m.get("counted", 0), ""]]
    rows += [
        ["not counted", n.get("reason", ""), n.get("count", 0), at(n.get("example_times_s"))]
        for n in m.get("not_counted") or []
    ]
    if m.get("in_progress"):
        rows.append(["not finished", "still going when the clip ended", m["in_progress"], ""])
    rows += [
        ["ignored", n.get("reason", ""), n.get("count", 0), at(n.get("example_times_s"))]
        for n in m.get("glitches") or []
    ]
    return Table(
        "movements",
        f"Movements seen: {m.get('seen', 0)}",
        ["outcome", "what", "how many", "at (s)"],
        rows,
        str(m.get("tempo") or "").capitalize(),
    )


def stride_table(data: ReportData) -> Table | None:
    """One row per stride: the gait analyser's strides.csv when present, else strides between heel strikes."""
    rows = data.tables.get("strides.csv")
    if rows:
        header = [h for h in STRIDE_COLUMNS if h in rows[0]] or list(rows[0])
        reasons = sorted({str(r["reason"]) for r in rows if r.get("reason")})
        return Table(
            "per_stride",
            "Per stride",
            [column_name(h) for h in header],
            [[r.get(h) for h in header] for r in rows],
            "Notes on strides: " + " | ".join(reasons) if reasons else "",
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
    sym = {k: d for k, d in (_gait(data).get("symmetry") or {}).items() if isinstance(d, dict)}
    if sym:
        metrics = _gait_metrics(_gait(data))
        overall = _gait(data).get("verdict")
        rows = []
        for group, keys in by_group(sym):
            rows.append([group.capitalize()] + [""] * (len(header) - 1))
            for k in keys:
                d, unit = sym[k], metric_unit(k)
                means = [_num((metrics.get(k, {}).get(s) or {}).get("mean")) for s in SIDES]
                diff = _num(d.get("right_minus_left", means[1] - means[0]))
                rows.append(
                    [
                        metric_name(k),
                        *(number_text(v, unit) for v in (*means, diff)),
                        _num(d.get("si_percent")),
                        _num(d.get("ratio")),
                        _num(d.get("symmetry_angle_percent")),
                        "" if d.get("verdict") == overall == TOO_FEW_STRIDES else d.get("verdict", ""),
                    ]
                )
        rules = verdict_rules(_gait(data).get("thresholds") or {})
        return Table(
            "symmetry",
            "Symmetry",
            header,
            rows,
            (f"Overall: {overall}. " if overall else "") + formula + (f" Verdict rules: {rules}" if rules else ""),
        )
    reps = data.reps()
    if not reps:
        return None
    by_side = {s: [r for r in reps if r["side"] == s] for s in SIDES}
    n = [len(by_side[s]) for s in SIDES]
    seen = [sum(np.isfinite(_num(r.get("rom_deg"))) for r in by_side[s]) for s in SIDES]  # tops between frames: out
    read = Completeness.from_video(data.summary.get("video") or {})
    rows = []
    for label, left, right, k in [("reps", *n, n)] + [
        (label, *(_stats([_num(r.get(key)) for r in by_side[s]])[0] for s in SIDES), seen)
        for key, label in (("rom_deg", "ROM mean (deg)"), ("peak_deg", "peak mean (deg)"))
    ]:
        si = symmetry_index_pct(left, right)
        rows.append(
            [
                label,
                left,
                right,
                right - left,
                si,
                ratio(left, right),
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
    for p in _gait(data).get("passes") or []:
        near = p.get("near_leg")
        leg = (
            f"; the {near} leg was nearer the camera (the other, half hidden, is less trustworthy)"
            if near
            else "; neither leg hides the other"
        )
        out.append(
            f"Walking pass {p.get('index')}: {p.get('start_s')}-{p.get('stop_s')} s, {p.get('direction')}, "
            f"{p.get('view')} view{leg}."
        )
    return out


def confidence_notes(data: ReportData) -> list[str]:
    """How far to trust the numbers: view, person found, angle confidence per side, warnings, accuracy anchor."""
    s = data.summary
    facing = f", facing {s['facing']}" if s.get("facing") not in (None, "unknown") else ""
    notes = [
        f"Camera view: {view_text(s)}{facing}. Hip and knee angles come from the 2D picture in a side view and "
        "from MediaPipe's estimated 3D landmarks otherwise (less certain)."
    ]
    found = s.get("person_found_fraction")
    if found is not None:
        notes.append(f"The person was found in {float(found):.0%} of frames.")
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
    notes += [f"Warning: {w}" for w in s.get("warnings", [])]
    notes.append(ACCURACY_NOTE)
    return notes


def report_tables(data: ReportData) -> list[Table]:
    """Every table the report shows, in reading order: an assessment's section first (coach.report.assessment)."""
    from coach.report.assessment import assessment_tables  # it builds on Table above

    tables = [
        *assessment_tables(data.summary),
        side_table(data),
        movement_table(data),
        rep_table(data),
        stride_table(data),
        symmetry_table(data),
    ]
    return [t for t in tables if t is not None]
