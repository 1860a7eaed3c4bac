"""Live coaching page: webcam through streamlit-webrtc, set-up check, overlay, rep counters, one cue, spoken cues,
a target with a finish, and the session summary saved to the history.

The frame callback runs in streamlit-webrtc's thread and only calls LiveSession.on_frame (no st.* there); the page
polls LiveSession.snapshot() from a fragment that re-runs twice a second.
"""

from __future__ import annotations

import json
import math
import time

import streamlit as st

from coach.app.common import history_store, show_disclaimer
from coach.app.rules_input import rules_input
from coach.assessments.frame_analysers import LIVE_ASSESSMENTS
from coach.config import ClinicalConfig
from coach.history import HistoryError
from coach.live.session import LIVE_EXERCISES, LiveConfig, LiveSession, LiveState
from coach.summary import TaskSummary

EXERCISE_LABELS = {
    "march": "Standing march",
    "lunge": "Lunge",
    "slr": "Straight-leg raise (lying)",
    "auto": "Automatic (coach chooses)",
    **LIVE_ASSESSMENTS,
}
#: Assessments timed rather than counted per leg: the page shows their timer or countdown instead of leg counters.
TIMED = ("chair-stand", "single-leg-stance", "hip-flexor-stretch")
CAMERA_ADVICE = {
    "march": "Stand side-on to the camera (front view works too), 2-3 m away, head to feet in the picture.",
    "lunge": "Stand side-on to the camera, 2-3 m away, with room to step forward; head to feet in the picture.",
    "slr": "Lie on your back side-on to the camera, camera at mat height, your whole body in the picture.",
    "auto": "Stand or lie side-on to the camera with your whole body in the picture.",
    "chair-stand": "Chair side-on to the camera against a wall, 43 cm seat, arms crossed on the chest; the 30 s run "
    "from your first rise.",
    "single-leg-stance": "Face the camera, feet and floor in the picture; lift one foot and hold.",
    "hip-flexor-stretch": "Kneel side-on to the camera, back knee down, front foot planted ahead; hold still.",
    "hip-abduction": "Face the camera, whole body in the picture; lift the leg out to the side, knee straight.",
    "knee-to-chest": "Lie on your back side-on to the camera, camera at mat height, whole body in the picture.",
}
#: Room kept on the screen beside the video's height (rem): the page's heading, settings and advice above the player
#: (24 rem on a 1200 px wide window, measured in the browser test), its Start/Stop bar below (~3 rem) and a margin,
#: so a portrait camera's whole picture and its controls are on the screen while the person stands back from it.
VIDEO_ROOM_REM = 28.0
#: Spoken cues: at most one every this many seconds, so the voice never nags.
SPEAK_EVERY_S = 6.0
REPEAT_AFTER_S = 30.0
#: Seconds with no camera frame reaching coach, after Start, before the page says so: the browser's connection to the
#: app takes a second or two and a camera sends many frames a second; a stream that carries no picture for this long
#: (never connected, connected without a picture, or frozen mid-session) will not start by itself.
NO_PICTURE_S = 10.0


def _end_session() -> None:
    """Close this tab's live session (its model and worker thread); the next run starts a fresh one."""
    old = st.session_state.pop("live_session", None)
    if old is not None:
        old.close()
    for key in ("live_key", "live_saved", "live_started"):
        st.session_state.pop(key, None)


def no_picture(started_s: float | None, since_frame_s: float, now_s: float) -> bool:
    """True when Start was pressed (at monotonic `started_s`) over NO_PICTURE_S ago and no frame has reached coach
    for NO_PICTURE_S (since_frame_s: seconds since the last one, inf before the first)."""
    return started_s is not None and now_s - started_s > NO_PICTURE_S and since_frame_s > NO_PICTURE_S


def _note_camera(started: bool) -> None:
    """Remember when Start was pressed (no_picture); forget it when the camera stops."""
    if started:
        st.session_state.setdefault("live_started", time.monotonic())
    else:
        st.session_state.pop("live_started", None)


def _session(exercise: str, target: int, rules: ClinicalConfig) -> LiveSession:
    """The live session of this browser tab for this exercise and these clinical rules (a new one, with its own
    model, when either changes); a changed target only moves the finish line: the reps so far and the loaded model
    stay."""
    key = (exercise, rules.sha256)
    if st.session_state.get("live_key") != key or "live_session" not in st.session_state:
        _end_session()
        st.session_state["live_session"] = LiveSession(LiveConfig(exercise=exercise, target_reps=target, rules=rules))
        st.session_state["live_key"] = key
    session = st.session_state["live_session"]
    if session.config.target_reps != target:
        session.set_target(target)
    return session


def _speak(text: str) -> None:
    """Say a cue with the browser's speech synthesis: at most one cue every SPEAK_EVERY_S seconds, and the same cue
    again only after REPEAT_AFTER_S seconds."""
    now = time.monotonic()
    last_text, last_at = st.session_state.get("spoken", ("", -math.inf))
    if not text or now - last_at < SPEAK_EVERY_S or (text == last_text and now - last_at < REPEAT_AFTER_S):
        return
    st.session_state["spoken"] = (text, now)
    st.components.v1.html(
        f"<script>const u = new SpeechSynthesisUtterance({json.dumps(text)});"
        "window.parent.speechSynthesis.cancel(); window.parent.speechSynthesis.speak(u);</script>",
        height=0,
    )


def _counters(state: LiveState) -> None:
    """Big rep counters per side with the target; a timed assessment's timer or countdown instead."""
    if state.exercise in TIMED:
        st.markdown(
            f"<div data-testid='assessment-timer' style='text-align:center;font-size:2.5rem;"
            f"font-weight:700'>{state.analyser_message or '&nbsp;'}</div>",
            unsafe_allow_html=True,
        )
        return
    cols = st.columns(2)
    target = f"<span style='font-size:0.5em;font-weight:400'> / {state.target_reps}</span>" if state.target_reps else ""
    for col, side in zip(cols, ("left", "right")):  # one line at any width: the number scales, never wraps
        col.markdown(
            f"<div style='text-align:center'><div style='font-size:1.2rem;line-height:1.6'>{side.title()} "
            f"leg</div><div data-testid='reps-{side}' style='font-size:clamp(2rem,4.5vw,4.5rem);"
            f"font-weight:700;line-height:1.2;white-space:nowrap'>{state.reps[side]}{target}</div></div>",
            unsafe_allow_html=True,
        )


def _save(session: LiveSession) -> dict:
    """Save the session summary to the history once; returns the summary, also when the history cannot store it
    (the reason is kept for _show_summary)."""
    if "live_saved" not in st.session_state:
        summary = session.summary()
        st.session_state.pop("live_save_error", None)
        try:
            sid = history_store().add(
                "live", summary["exercise"], summary, source="webcam", duration_s=summary["duration_s"]
            )
        except HistoryError as e:
            sid = None
            st.session_state["live_save_error"] = str(e)
        st.session_state["live_saved"] = (sid, summary)
    return st.session_state["live_saved"][1]


def _show_summary(summary: dict) -> None:
    """The end-of-session summary in plain words (the exercise analyser's own summary, as for a clip)."""
    from coach.report.words import result_findings

    st.subheader("Session summary")
    task = TaskSummary.from_dict(summary)
    ex = task.exercise
    if ex is None:  # a timed assessment: its findings say it all
        for finding in result_findings(task):
            st.info(finding)
        st.caption(f"{summary['duration_s']:.0f} s; saved to the history.")
        return
    if rec := task.recognised:
        st.write(f"Exercise recognised: {rec.task} ({rec.confidence:.0%} sure): {rec.reason}.")
    for side, n in ex.reps.items():
        stats = ex.per_side.get(side)
        rom = f", range of motion {stats.rom_mean_deg:.0f} deg" if stats and stats.rom_mean_deg is not None else ""
        score = f", score {stats.score}/100" if stats and stats.score is not None else ""
        st.write(f"{side.title()} leg: {n} reps{rom}{score}.")
    if ex.movements and ex.movements.text:
        st.write(f"Movements: {ex.movements.text}.")
    for cue in ex.cues:
        st.write(f"To work on: {cue}")
    for finding in result_findings(task):
        st.info(finding)
    for warning in task.warnings:
        st.warning(warning)
    if problem := st.session_state.get("live_save_error"):
        st.warning(f"This session ({summary['duration_s']:.0f} s) was not saved to the history: {problem}.")
    else:
        st.caption(f"{summary['duration_s']:.0f} s; saved to the history.")


def _fit_video(frame_size: tuple[int, int] | None) -> None:
    """Narrow the camera's player so its picture (width, height px) is no taller than the screen: the player scales
    the picture to its width, so the width allowed is the screen height left times the picture's aspect ratio."""
    if not frame_size or not frame_size[1]:
        return
    aspect = frame_size[0] / frame_size[1]
    st.markdown(
        f"<style>.st-key-live_camera iframe {{max-width: calc((100vh - {VIDEO_ROOM_REM}rem) * {aspect:.4f}); "
        "margin: 0 auto; display: block}</style>",
        unsafe_allow_html=True,
    )


def _status(session: LiveSession, speak: bool) -> None:
    """Everything that changes while the camera runs (re-rendered by a fragment)."""
    state = session.snapshot()
    _fit_video(state.frame_size)
    if not state.model_ready:
        st.info("Loading the pose model: a few seconds, then press Start under the camera.")
    if state.analyser_message and state.exercise not in TIMED:
        st.info(state.analyser_message)
    if state.finished:
        st.success("Target reached: well done. The session is saved (summary below).")
    elif state.setup_message:
        st.warning(f"Camera set-up: {state.setup_message}")
    elif state.counting:
        st.success("Set-up OK: counting.")
    else:
        st.info("Set-up OK: hold still, counting starts in a moment.")
    _counters(state)
    if state.movements:
        st.caption(f"Movements: {state.movements}.")
    if state.frame_rate_warning:
        st.warning(state.frame_rate_warning)
    cue = state.setup_message or state.cue
    st.markdown(f"### {state.cue}" if state.cue else "&nbsp;")
    if speak:
        _speak(cue)
    s = state.stats
    if no_picture(st.session_state.get("live_started"), s.since_frame_s, time.monotonic()):
        st.warning(
            f"No picture from the camera has reached coach in {NO_PICTURE_S:.0f} s: press Stop, then Start again "
            "(and check that the browser may use the camera)."
        )
    lat = "-" if math.isnan(s.latency_median_ms) else f"{s.latency_median_ms:.0f} ms (p95 {s.latency_p95_ms:.0f} ms)"
    st.caption(
        f"pose model {'ready' if state.model_ready else 'loading'} · frames processed={s.processed} · "
        f"{s.fps:.1f} fps · latency {lat} · dropped {s.dropped} of {s.frames_in}"
        + (f" · last error: {s.error}" if s.error else "")
    )
    if state.finished:
        if "live_saved" not in st.session_state:
            st.balloons()
        _show_summary(_save(session))


def camera(session: LiveSession) -> bool:
    """The streamlit-webrtc camera component: frames go to the session, the annotated picture comes back; True
    from Start until Stop (while the browser connects and while it plays). No ICE servers: browser and server meet
    on this machine's own network interface, nothing goes out."""
    import av
    from streamlit_webrtc import webrtc_streamer

    def callback(frame: av.VideoFrame) -> av.VideoFrame:
        out = session.on_frame(frame.to_ndarray(format="rgb24"), frame.time)
        return av.VideoFrame.from_ndarray(out, format="rgb24")

    ctx = webrtc_streamer(
        key="live",
        video_frame_callback=callback,
        media_stream_constraints={"video": True, "audio": False},
        rtc_configuration={"iceServers": []},
    )
    return bool(ctx.state.playing or ctx.state.signalling)


def render() -> None:
    """The live coaching page."""
    st.header("Live coaching")
    show_disclaimer()
    c1, c2, c3 = st.columns([2, 1, 1])
    exercise = str(
        c1.selectbox("Exercise", LIVE_EXERCISES, format_func=EXERCISE_LABELS.__getitem__, key="live_exercise")
    )
    target = int(c2.number_input("Target reps each side", 0, 50, 10, key="live_target")) if exercise not in TIMED else 0
    speak = c3.checkbox("Speak cues", value=False, key="live_speak")
    st.caption(f"Camera set-up: {CAMERA_ADVICE[exercise]} Counting starts once the set-up check passes.")
    if "live_last_summary" in st.session_state:
        _finished()
        return
    left, right = st.columns([3, 2])
    with right:  # beside the camera, not above it: the player and its Start button stay on the first screen
        rules = rules_input("live")
    if rules is None:  # the settings file given cannot be used (rules_input said why): nothing runs
        _end_session()
        return
    session = _session(exercise, target, rules)
    with left, st.container(key="live_camera"):
        _note_camera(camera(session))

    @st.fragment(run_every=0.5)
    def status() -> None:
        _status(session, speak)

    with right:  # Finish beside the camera, above the status: on the first screen however tall the picture
        finish = st.button("Finish and save session", key="live_finish")
        status()
    if finish:
        if session.snapshot().stats.processed == 0:
            st.info("Nothing to save yet: start the camera first.")
        else:
            st.session_state["live_last_summary"] = _save(session)
            _end_session()
            st.rerun()


def _finished() -> None:
    """After Finish: the summary, the camera off (its component is not drawn, so the stream stops) and no session
    running, until the person starts a new one: nothing counts, and a second Finish cannot save a fragment."""
    _show_summary(st.session_state["live_last_summary"])
    st.caption("The camera is off.")
    if st.button("Start a new session", key="live_new", type="primary"):
        st.session_state.pop("live_last_summary", None)
        st.rerun()
