"""Plain words for the report header and summary: camera advice per task and what the analysis found."""

from __future__ import annotations

from coach.quality import Completeness
from coach.report.data import ReportData

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
CADENCE_FROM = {"rhythm": " (from the walk's rhythm: too few strides to time)",
                "events": " (rough: from single events, too few strides and no clear rhythm)"}


def camera_advice(task: str) -> str:
    """Camera placement advice for a task."""
    return CAMERA_ADVICE.get(task, GENERAL_ADVICE)


def _fmt(v, unit: str = "", digits: int = 0) -> str:
    """A number with a unit, or '?' when it is missing."""
    try:
        return f"{float(v):.{digits}f}{unit}"
    except (TypeError, ValueError):
        return "?"


def score_text(summary: dict) -> str:
    """The headline: exercise score out of 100, or the gait verdict; '' when there is none."""
    if summary.get("score") is not None:
        return f"{_fmt(summary['score'])}/100"
    verdict = (summary.get("gait") or {}).get("verdict") if isinstance(summary.get("gait"), dict) else None
    return str(verdict) if verdict else ""


def summary_sentences(data: ReportData) -> list[str]:
    """A few sentences a patient or therapist can read: what was measured and found."""
    s = data.summary
    v = s.get("video", {})
    read = Completeness.from_video(v)
    length = f"{read.seconds_text()} of video, {read.frames_text()}" if v.get("duration_s") is not None else "?"
    lines = [f"{length} analysed; the person was found in "
             f"{_fmt(100 * float(s.get('person_found_fraction', 0)), '%')} of frames."]
    if read.ends_early:
        lines.insert(0, read.message())
    reps = s.get("reps")
    if isinstance(reps, dict):
        lines.append(f"Reps counted: left {reps.get('left', 0)}, right {reps.get('right', 0)}.")
        moves = s.get("movements") if isinstance(s.get("movements"), dict) else {}
        if moves.get("text"):
            lines.append(f"Movements: {moves['text']}.")
    gait = s.get("gait") if isinstance(s.get("gait"), dict) else {}
    steps = gait.get("steps") or {}
    if steps:
        lines.append(f"Steps (heel strikes): left {steps.get('left', 0)}, right {steps.get('right', 0)}"
                     + (f"; cadence {_fmt(gait['cadence_steps_per_min'])} steps/min"
                        f"{CADENCE_FROM.get(gait.get('cadence_from'), '')}."
                        if gait.get("cadence_steps_per_min") is not None else "."))
    findings = list(s.get("findings") or []) + list(gait.get("findings") or [])
    lines += [str(f) for f in findings]
    cues = s.get("cues") or []
    if cues:
        lines.append("To work on: " + "; ".join(str(c) for c in cues) + ".")
    if data.task == "none":
        lines.append("No exercise or gait analysis was asked for: the report shows the joint angles only.")
    return lines
