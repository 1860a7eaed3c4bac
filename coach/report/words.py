"""Plain words for the report header and summary, and the command line's summary: camera advice per task and what the
analysis found."""

from __future__ import annotations

from pathlib import Path

from coach.config.model import setting_text
from coach.gait.symmetry import NOT_ENOUGH
from coach.numbers import number_text
from coach.quality import Completeness
from coach.report.data import ReportData
from coach.report.names import metric_unit, task_name
from coach.summary import ClipSummary, GaitSummary, TaskSummary

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


def view_text(summary: ClipSummary) -> str:
    """The camera view with the share of the clip in each view, largest first, and which way the person faces when
    known: 'side 52%, front 48%, facing image right' (views under 1% left out); the view alone when the shares are
    not known."""
    shares = {k: float(v) for k, v in summary.view_shares.items() if v and float(v) >= 0.01}
    views = (
        ", ".join(f"{k} {v:.0%}" for k, v in sorted(shares.items(), key=lambda kv: -kv[1]))
        if shares
        else summary.view or "unknown"
    )
    return views + (f", facing {summary.facing}" if summary.facing not in ("", "unknown") else "")


def analysed_task(summary: ClipSummary) -> str:
    """The task a result is about: the exercise counted, the assessment, 'gait' for a walk, the task asked for
    otherwise; '' when automatic recognition found nothing or only angles were asked for."""
    ex, assessment = summary.exercise, summary.assessment
    return (
        (ex.exercise if ex and ex.counted else "")
        or (assessment.test if assessment else "")
        or ("gait" if summary.gait else "")
        or (summary.task if summary.task not in ("auto", "none") else "")
    )


def task_text(summary: ClipSummary) -> str:
    """What was analysed, in plain words: the task asked for, and what automatic recognition found."""
    found = analysed_task(summary)
    if summary.task == "auto":
        return f"{task_name(found)} (recognised automatically)" if found else "nothing recognised (automatic)"
    return task_name(found or summary.task or "none")


def _fmt(v, unit: str = "", digits: int = 0) -> str:
    """A number with a unit, or '?' when it is missing."""
    try:
        return f"{float(v):.{digits}f}{unit}"
    except (TypeError, ValueError):
        return "?"


#: The gait verdict when too few strides were seen; the trust warning then gives the numbers and the advice.
TOO_FEW_STRIDES = NOT_ENOUGH


def counted(summary: ClipSummary | TaskSummary) -> bool:
    """True when an exercise was counted: reps per side of a named exercise (automatic recognition that found
    nothing leaves reps at zero under exercise 'none': nothing was counted, so no counter is shown)."""
    return summary.exercise is not None and summary.exercise.counted


def gait_headline(gait: GaitSummary) -> str:
    """The gait result in one sentence: steps, cadence, stance and step time per leg, and the verdict; a verdict
    of too few strides is said as 'not judged' (its reason and advice are the warning's, said once there)."""
    cadence = gait.cadence_steps_per_min
    parts = [
        f"{gait.steps.get('left', 0)} left and {gait.steps.get('right', 0)} right heel strikes"
        + (
            f", cadence {float(cadence):.0f} steps/min{CADENCE_FROM.get(gait.cadence_from or '', '')}"
            if cadence
            else ""
        )
    ]
    for key, label, unit in (("stance_pct", "stance", "% of the stride"), ("step_time_s", "step time", " s")):
        metric = gait.metrics.get(key)
        means = {s: metric.side(s).mean for s in ("left", "right")} if metric else {}
        if means and all(isinstance(v, (int, float)) for v in means.values()):
            parts.append(
                f"{label} left {number_text(means['left'], metric_unit(key))}{unit}, right "
                f"{number_text(means['right'], metric_unit(key))}{unit}"
            )
    verdict = gait.verdict
    judged = (
        "symmetry not judged (too few strides)"
        if verdict == TOO_FEW_STRIDES
        else f"symmetry: {verdict}"
        if verdict
        else ""
    )
    return "; ".join(parts + ([judged] if judged else [])) + "."


def once(findings: list[str], gait: GaitSummary | None) -> list[str]:
    """The findings not restated by a warning: with too few strides (coach.gait.trust.too_few_strides) the trust
    warning already gives the counts and what to film, so the finding saying the same is left out."""
    from coach.gait.trust import too_few_strides

    restated = gait is not None and too_few_strides(gait.strides)
    return [f for f in findings if not (restated and str(f).startswith(TOO_FEW_STRIDES))]


def rules_text(summary: ClipSummary) -> str:
    """Which clinical rules the numbers were judged by: coach's defaults, or a settings file and what it changed."""
    block = summary.config or {}
    if not block.get("changed"):
        return "clinical rules: coach's defaults"
    changes = ", ".join(f"{k} = {setting_text(v)}" for k, v in block["changed"].items())
    return f"clinical rules: {block.get('file')}, changing {changes} (the rest as coach's defaults)"


def score_explained(summary: ClipSummary) -> str:
    """How an exercise score (0-100) is made, with the exercise's target range; '' without a score."""
    ex = summary.exercise
    if ex is None or ex.score is None:
        return ""
    from coach.config import config_of
    from coach.exercises import exercise_specs

    spec = exercise_specs(config_of(summary.config)).get(ex.exercise)
    target = (
        f" ({spec.target_deg[0]:.0f}-{spec.target_deg[1]:.0f} deg for a {task_name(spec.name).lower()})" if spec else ""
    )
    return (
        "Score out of 100: the mean over the reps of each rep's score. A rep scores 100 when its key angle reaches "
        f"the low end of the exercise's target range{target}, proportionally less below it, minus a penalty for "
        "each form fault it shows (the cues). It rates how the movement was done in this clip, not the hip."
    )


def score_text(summary: ClipSummary) -> str:
    """The headline: exercise score out of 100, or the gait verdict; '' when there is none."""
    ex, gait = summary.exercise, summary.gait
    if ex is not None and ex.score is not None:
        return f"{_fmt(ex.score)}/100"
    verdict = gait.verdict if gait else ""
    return verdict if verdict and verdict != TOO_FEW_STRIDES else ""  # too few: said once, in the summary


def result_sentences(summary: TaskSummary) -> list[str]:
    """What the analyser measured, in plain words, for every output that says it (the CLI, the report, the Review
    page): reps counted and movements, the walk in one sentence."""
    lines = []
    ex, gait = summary.exercise, summary.gait
    if ex is not None and counted(summary):
        lines.append(f"Reps counted: left {ex.reps.get('left', 0)}, right {ex.reps.get('right', 0)}.")
        if ex.movements and ex.movements.text:
            lines.append(f"Movements: {ex.movements.text}.")
    if gait and gait.steps:
        lines.append("Walking: " + gait_headline(gait))
    return lines


def result_findings(summary: TaskSummary) -> list[str]:
    """The analyser's findings (the exercise's or assessment's, then the walk's), each said once (see once)."""
    gait = summary.gait
    return [str(f) for f in once([*summary.findings, *(gait.findings if gait else ())], gait)]


def summary_sentences(data: ReportData) -> list[str]:
    """A few sentences a patient or therapist can read: what was measured and found."""
    s = data.summary
    read = Completeness.from_video(s.video.to_dict())
    length = f"{read.seconds_text()} of video, {read.frames_text()}" if s.video.duration_s is not None else "?"
    lines = [f"{length} analysed; the person was found in {_fmt(100 * float(s.person_found_fraction), '%')} of frames."]
    if read.ends_early:
        lines.insert(0, read.message())
    lines += result_sentences(s.result) + [f[:1].upper() + f[1:] for f in result_findings(s.result)]
    cues = s.exercise.cues if s.exercise else ()
    if cues:
        lines.append("To work on: " + "; ".join(str(c) for c in cues) + ".")
    if s.task == "none":
        lines.append(
            "Joint angles only were asked for: nothing is counted (choose Automatic, or the exercise, to "
            "count reps or analyse walking)."
        )
    return lines


def plain_words(summary: ClipSummary) -> list[str]:
    """The command line's few sentences a patient or therapist can read: what was seen and how far to trust it (what
    was found in the report's own words, result_sentences)."""
    v = summary.video
    read = Completeness.from_video(v.to_dict())
    lines = [
        f"{Path(v.source).name}: {read.seconds_text()}, {v.width}x{v.height}, {read.frames_text()} "
        "analysed" + (" (the file ends early)." if read.ends_early else ".")
    ]
    lines.append(
        f"Camera view: {view_text(summary)}; the person was found in {summary.person_found_fraction:.0%} of frames."
    )
    if summary.task == "none":
        lines.append(
            "Joint angles only (--exercise none): add --exercise auto, or name the exercise, to count reps "
            "or analyse walking."
        )
    rec = summary.result.recognised
    if rec and rec.task != "none":  # nothing recognised: the first finding says so, with the reason
        lines.append(f"Recognised: {task_name(rec.task).lower()} (confidence {rec.confidence:.0%}): {rec.reason}.")
    lines += result_sentences(summary.result)
    ex = summary.exercise
    if ex is not None and counted(summary.result):
        lines += [f"{task_name(ex.exercise)} score: {ex.score:.0f}/100."] if ex.score is not None else []
        lines += [f"Cue: {c}" for c in ex.cues[:3]]
    lines += [f"Finding: {f}" for f in result_findings(summary.result)]
    lines += [f"Warning: {w}" for w in summary.warnings]
    lines.append(summary.disclaimer)
    return lines
