"""Plain words for the report header and summary: camera advice per task and what the analysis found."""

from __future__ import annotations

from coach.quality import Completeness
from coach.report.data import ReportData
from coach.report.names import metric_unit, task_name
from coach.report.numbers import number_text

#: Where to put the camera for each task (DESIGN.md sections 5 and 6).
CAMERA_ADVICE = {
    "march": "Film from the side (or the front), the whole body in view, camera still at hip height about 3 m away.",
    "lunge": "Film from the side with both feet in view, camera still at knee-to-hip height.",
    "slr": "Lie on the back side-on to the camera, camera still at mat height, head to feet in view.",
    "gait": "Film from the side as the person walks past and back (several steps each way, so that each leg passes "
    "nearest the camera once), camera still at hip height; a walk toward or away from the camera adds pelvic "
    "drop.",
}
GENERAL_ADVICE = "Keep the whole body in view, well lit, with the camera still."
#: What the gait cadence was measured from when too few strides were timed (coach.gait.metrics.cadence_steps_per_min).
CADENCE_FROM = {
    "rhythm": " (from the walk's rhythm: too few strides to time)",
    "events": " (rough: from single events, too few strides and no clear rhythm)",
}


def camera_advice(task: str) -> str:
    """Camera placement advice for a task."""
    return CAMERA_ADVICE.get(task, GENERAL_ADVICE)


def view_text(summary: dict) -> str:
    """The camera view with the share of the clip in each view, largest first: 'side 52%, front 48%' (views
    under 1% left out); the view alone when the shares are not known."""
    shares = {k: float(v) for k, v in (summary.get("view_shares") or {}).items() if v and float(v) >= 0.01}
    if not shares:
        return str(summary.get("view", "unknown"))
    return ", ".join(f"{k} {v:.0%}" for k, v in sorted(shares.items(), key=lambda kv: -kv[1]))


def analysed_task(summary: dict) -> str:
    """The task a result is about: the exercise counted, the assessment, 'gait' for a walk, the task asked for
    otherwise; '' when automatic recognition found nothing or only angles were asked for."""
    assessment = summary.get("assessment") if isinstance(summary.get("assessment"), dict) else {}
    found = (
        (summary.get("exercise") if summary.get("exercise") != "none" else "")
        or assessment.get("test")
        or ("gait" if isinstance(summary.get("gait"), dict) else "")
        or (summary.get("task") if summary.get("task") not in ("auto", "none") else "")
    )
    return str(found or "")


def task_text(summary: dict) -> str:
    """What was analysed, in plain words: the task asked for, and what automatic recognition found."""
    found = analysed_task(summary)
    if summary.get("task") == "auto":
        return f"{task_name(found)} (recognised automatically)" if found else "nothing recognised (automatic)"
    return task_name(found or summary.get("task") or "none")


def _fmt(v, unit: str = "", digits: int = 0) -> str:
    """A number with a unit, or '?' when it is missing."""
    try:
        return f"{float(v):.{digits}f}{unit}"
    except (TypeError, ValueError):
        return "?"


#: The gait verdict when too few strides were seen; the trust warning then gives the numbers and the advice.
TOO_FEW_STRIDES = "not enough strides"


def counted(summary: dict) -> bool:
    """True when an exercise was counted: reps per side of a named exercise (automatic recognition that found
    nothing leaves reps at zero under exercise 'none': nothing was counted, so no counter is shown)."""
    return isinstance(summary.get("reps"), dict) and summary.get("exercise") != "none"


def gait_headline(gait: dict) -> str:
    """The gait result in one sentence: steps, cadence, stance and step time per leg, and the verdict; a verdict
    of too few strides is said as 'not judged' (its reason and advice are the warning's, said once there)."""
    steps = gait.get("steps") or {}
    cadence = gait.get("cadence_steps_per_min")
    parts = [
        f"{steps.get('left', 0)} left and {steps.get('right', 0)} right heel strikes"
        + (
            f", cadence {float(cadence):.0f} steps/min{CADENCE_FROM.get(gait.get('cadence_from'), '')}"
            if cadence
            else ""
        )
    ]
    metrics = gait.get("metrics") or {}
    for key, label, unit in (("stance_pct", "stance", "% of the stride"), ("step_time_s", "step time", " s")):
        by_side = {s: (metrics.get(key) or {}).get(s) or {} for s in ("left", "right")}
        if all(isinstance(d.get("mean"), (int, float)) for d in by_side.values()):
            parts.append(
                f"{label} left {number_text(by_side['left']['mean'], metric_unit(key))}{unit}, right "
                f"{number_text(by_side['right']['mean'], metric_unit(key))}{unit}"
            )
    verdict = str(gait.get("verdict") or "")
    judged = (
        "symmetry not judged (too few strides)"
        if verdict == TOO_FEW_STRIDES
        else f"symmetry: {verdict}"
        if verdict
        else ""
    )
    return "; ".join(parts + ([judged] if judged else [])) + "."


def once(findings: list[str], warnings: list[str]) -> list[str]:
    """The findings not restated by a warning: with too few strides the trust warning already gives the counts
    and what to film, so the finding saying the same is left out."""
    restated = any("needed for a symmetry verdict" in w for w in warnings)
    return [f for f in findings if not (restated and str(f).startswith(TOO_FEW_STRIDES))]


def rules_text(summary: dict) -> str:
    """Which clinical rules the numbers were judged by: coach's defaults, or a settings file and what it changed."""
    block = summary.get("config") or {}
    if not block.get("changed"):
        return "clinical rules: coach's defaults"
    changes = ", ".join(f"{k} = {v}" for k, v in block["changed"].items())
    return f"clinical rules: {block.get('file')}, changing {changes} (the rest as coach's defaults)"


def score_explained(summary: dict) -> str:
    """How an exercise score (0-100) is made, with the exercise's target range; '' without a score."""
    if summary.get("score") is None:
        return ""
    from coach.config import config_of
    from coach.exercises import exercise_specs

    spec = exercise_specs(config_of(summary.get("config"))).get(str(summary.get("exercise")))
    target = (
        f" ({spec.target_deg[0]:.0f}-{spec.target_deg[1]:.0f} deg for a {task_name(spec.name).lower()})" if spec else ""
    )
    return (
        "Score out of 100: the mean over the reps of each rep's score. A rep scores 100 when its key angle reaches "
        f"the low end of the exercise's target range{target}, proportionally less below it, minus a penalty for "
        "each form fault it shows (the cues). It rates how the movement was done in this clip, not the hip."
    )


def score_text(summary: dict) -> str:
    """The headline: exercise score out of 100, or the gait verdict; '' when there is none."""
    if summary.get("score") is not None:
        return f"{_fmt(summary['score'])}/100"
    verdict = (summary.get("gait") or {}).get("verdict") if isinstance(summary.get("gait"), dict) else None
    return str(verdict) if verdict and verdict != TOO_FEW_STRIDES else ""  # too few: said once, in the summary


def summary_sentences(data: ReportData) -> list[str]:
    """A few sentences a patient or therapist can read: what was measured and found."""
    s = data.summary
    v = s.get("video", {})
    read = Completeness.from_video(v)
    length = f"{read.seconds_text()} of video, {read.frames_text()}" if v.get("duration_s") is not None else "?"
    lines = [
        f"{length} analysed; the person was found in "
        f"{_fmt(100 * float(s.get('person_found_fraction', 0)), '%')} of frames."
    ]
    if read.ends_early:
        lines.insert(0, read.message())
    if counted(s):
        lines.append(f"Reps counted: left {s['reps'].get('left', 0)}, right {s['reps'].get('right', 0)}.")
        moves = s.get("movements") if isinstance(s.get("movements"), dict) else {}
        if moves.get("text"):
            lines.append(f"Movements: {moves['text']}.")
    gait = s.get("gait") if isinstance(s.get("gait"), dict) else {}
    if gait.get("steps"):
        lines.append("Walking: " + gait_headline(gait))
    findings = once(list(s.get("findings") or []) + list(gait.get("findings") or []), list(s.get("warnings") or []))
    lines += [str(f) for f in findings]
    cues = s.get("cues") or []
    if cues:
        lines.append("To work on: " + "; ".join(str(c) for c in cues) + ".")
    if s.get("task") == "none":
        lines.append(
            "Joint angles only were asked for: nothing is counted (choose Automatic, or the exercise, to "
            "count reps or analyse walking)."
        )
    return lines
