"""History page: stored sessions per exercise, reps / range of motion / score per side over days and left-right
symmetry over sessions as trend plots; delete a session; choose another database file (inside the allowed data
folders). A damaged or busy database gets a message, never a traceback."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import streamlit as st

from coach.app.common import data_folders, db_path, history_store, show_disclaimer, started_db
from coach.app.folders import PathRefused
from coach.assessments.trend import assessment_trend_rows
from coach.history import HistoryError, symmetry_rows, trend_rows
from coach.numbers import cell_text
from coach.report.names import task_name

SIDE_COLOURS = {"left": "#00a0ff", "right": "#ff6e28"}
#: A day in milliseconds, plotly's unit of date tick spacing.
DAY_MS = 86_400_000
#: Date tick formats by tick spacing: day and time for ticks under a day apart, day and month for wider ones; never
#: the seconds and milliseconds ('17:59:06.9995') plotly would print over a short span.
DATE_TICK_FORMATS = (
    {"dtickrange": [None, DAY_MS], "value": "%d %b %H:%M"},
    {"dtickrange": [DAY_MS, None], "value": "%d %b"},
)
#: Up to this many sessions, the time axis has a tick at each session (plotly's own ticks over one or two sessions
#: fall milliseconds apart); more sessions get plotly's ticks, formatted by DATE_TICK_FORMATS.
TICKED_SESSIONS = 10
#: How the page writes a session's local date and time (table and delete selector alike).
WHEN = "%Y-%m-%d %H:%M"
#: Symmetry columns of coach.history.symmetry_rows -> the legend's words.
SI_NAMES = {"rom_si_pct": "range of motion", "reps_si_pct": "reps"}


def _trend_plots(records) -> None:
    """Reps, ROM and score per side over time, and the symmetry index over sessions."""
    import pandas as pd
    import plotly.express as px

    _assessment_plots(records)
    df = pd.DataFrame(trend_rows(records))
    if df.empty and assessment_trend_rows(records):
        return
    if df.empty and _gait_plots(records):
        return
    if df.empty:
        st.info("These sessions have no per-side numbers to plot.")
        return
    df["date"] = local_dates(df["date"])
    for col, label in (("reps", "reps"), ("rom_deg", "range of motion (deg)"), ("score", "score (0-100)")):
        if df[col].notna().any():
            fig = px.line(
                df,
                x="date",
                y=col,
                color="side",
                markers=True,
                color_discrete_map=SIDE_COLOURS,
                labels={col: label, "date": ""},
                height=260,
            )
            fig.update_layout(margin={"t": 30, "b": 20, "l": 40, "r": 10}, title=label)
            st.plotly_chart(dated(fig, df["date"]), width="stretch")
    sym = pd.DataFrame(symmetry_rows(records))
    if not sym.empty and sym[["rom_si_pct", "reps_si_pct"]].notna().any().any():
        sym["date"] = local_dates(sym["date"])
        sym = sym.rename(columns=SI_NAMES)
        long = sym.melt(
            id_vars=["session", "date"], value_vars=list(SI_NAMES.values()), var_name="measure", value_name="SI (%)"
        )
        fig = px.line(
            long,
            x="date",
            y="SI (%)",
            color="measure",
            markers=True,
            height=260,
            title="left-right symmetry index (0 = symmetric; + = right larger; |SI| < 10% counts as symmetric)",
        )
        fig.add_hrect(y0=-10, y1=10, opacity=0.1, line_width=0, fillcolor="green")
        fig.update_layout(margin={"t": 40, "b": 20, "l": 40, "r": 10})
        st.plotly_chart(dated(fig, sym["date"]), width="stretch")


def date_axis(dates) -> dict:
    """Plotly x-axis settings under which the time axis reads as dates however few the sessions (`dates`, local, a
    pandas Series): a tick at each session labelled with its day (and time when two share a day) up to
    TICKED_SESSIONS sessions, day-month ticks (DATE_TICK_FORMATS) beyond; hovering shows the date and time."""
    when = dates.drop_duplicates().sort_values()
    axis: dict = {"hoverformat": "%d %b %Y %H:%M"}
    if len(when) > TICKED_SESSIONS:
        return axis | {"tickformatstops": list(DATE_TICK_FORMATS)}
    label = "%d %b" if when.dt.normalize().is_unique else "%d %b %H:%M"
    return axis | {"tickmode": "array", "tickvals": list(when), "ticktext": list(when.dt.strftime(label))}


def dated(fig, dates):
    """The trend plot `fig` over these session dates (local), its time axis written as dates (date_axis)."""
    return fig.update_xaxes(**date_axis(dates))


def local_dates(utc_iso):
    """Stored UTC timestamps (ISO 8601, a pandas Series) as this computer's local time, for plots and tables."""
    import pandas as pd

    return pd.to_datetime(utc_iso, utc=True).dt.tz_convert(datetime.now().astimezone().tzinfo).dt.tz_localize(None)


def gait_rows(records) -> list[dict]:
    """Per walking session: date, cadence (steps/min) and the symmetry verdict, from the stored summaries."""
    rows = []
    for r in records:
        gait = r.task.gait
        if gait:
            rows.append(
                {"session": r.id, "date": r.started_at, "cadence": gait.cadence_steps_per_min, "verdict": gait.verdict}
            )
    return rows


def _gait_plots(records) -> bool:
    """Cadence over the walking sessions, each point labelled with the symmetry verdict; False without any."""
    import pandas as pd
    import plotly.express as px

    df = pd.DataFrame(gait_rows(records))
    if df.empty or df["cadence"].isna().all():
        return False
    df["date"] = local_dates(df["date"])
    fig = px.line(
        df,
        x="date",
        y="cadence",
        markers=True,
        text="verdict",
        height=300,
        labels={"cadence": "cadence (steps/min)", "date": ""},
        title="Walking: cadence (steps/min), each session labelled with its symmetry verdict",
    )
    fig.update_traces(textposition="top center")
    fig.update_layout(margin={"t": 40, "b": 20, "l": 40, "r": 10})
    st.plotly_chart(dated(fig, df["date"]), width="stretch")
    return True


def _choose_database() -> None:
    """The database file field: a file the app was started with, or one inside the allowed data folders."""
    folders = data_folders()
    typed = st.text_input(
        "Database file",
        str(db_path()),
        key="history_db",
        help=f"An SQLite file inside {folders.describe()} (or the one the app was started with: "
        "`coach app --db PATH`).",
    )
    if not typed or Path(typed) == db_path():
        return
    if Path(typed).resolve() == started_db().resolve():
        st.session_state["db_path"] = str(started_db())
        return
    try:
        st.session_state["db_path"] = str(folders.confine(typed, "history database"))
    except PathRefused as e:
        st.error(str(e))


def session_labels(records) -> dict[int, str]:
    """Each session's id -> how a person tells it apart: local date and time, what it shows in words, live or clip
    (and the clip's name), e.g. '2026-11-02 08:30 · Standing march · clip knee.mp4'."""
    import pandas as pd

    when = local_dates(pd.Series([r.started_at for r in records], dtype=object)).dt.strftime(WHEN)
    return {
        r.id: " · ".join([w, task_name(r.exercise), f"{r.kind} {r.source}".strip()])
        for r, w in zip(records, when, strict=True)
    }


def _delete(store, records) -> None:
    """Choose a session (by its date, exercise and source) and delete it."""
    labels = session_labels(records)
    c1, c2 = st.columns([2, 3])
    sid = c1.selectbox(
        "Session",
        list(labels),
        # a session just deleted (here or in another window) may stay the widget's value for one redraw
        format_func=lambda sid: labels.get(sid, f"session {sid}"),
        key="history_delete_id",
    )
    if c2.button("Delete this session", key="history_delete"):
        try:
            existed = store.delete(int(sid))
        except HistoryError as e:
            st.error(f"Session {labels[sid]} was not deleted: {e}.")
            return
        # shown by render() after the rerun that drops the session from the page (a message written before
        # st.rerun() is wiped by it, often before the browser draws it)
        st.session_state["history_notice"] = (
            f"Session {labels[sid]} deleted." if existed else f"Session {labels[sid]} was already gone."
        )
        st.rerun()


def _assessment_plots(records) -> None:
    """Each assessment result over the sessions (one plot a measure, per side where it has sides)."""
    for fig in assessment_figures(records):
        st.plotly_chart(fig, width="stretch")


def assessment_figures(records) -> list:
    """A plot per followed assessment result over the sessions (local dates), per side where it has sides."""
    import pandas as pd
    import plotly.express as px

    df = pd.DataFrame(assessment_trend_rows(records))
    if df.empty:
        return []
    df["date"] = local_dates(df["date"])
    figures = []
    for measure, part in df.groupby("measure", sort=False):
        unit, better = part["unit"].iloc[0], part["better"].iloc[0]
        fig = px.line(
            part,
            x="date",
            y="value",
            color="side" if (part["side"] != "").any() else None,
            markers=True,
            color_discrete_map=SIDE_COLOURS,
            labels={"value": unit, "date": ""},
            height=260,
            title=f"{measure} ({unit}; {better} is better)",
        )
        fig.update_layout(margin={"t": 40, "b": 20, "l": 40, "r": 10})
        figures.append(dated(fig, part["date"]))
    return figures


def render() -> None:
    """The history page."""
    import pandas as pd

    st.header("History")
    show_disclaimer()
    _choose_database()
    if notice := st.session_state.pop("history_notice", None):
        st.success(notice)
    try:
        store = history_store()
        exercises = store.exercises()
        if not exercises:
            st.info("No sessions yet: finish a live session or analyse a clip, and it appears here.")
            return
        latest = max(store.sessions(), key=lambda r: r.started_at).exercise  # open on the latest session's
        exercise = st.selectbox(
            "Exercise",
            exercises,
            index=exercises.index(latest) if latest in exercises else 0,
            format_func=task_name,
            key="history_exercise",
        )
        records = store.sessions(exercise)
    except HistoryError as e:
        st.error(f"Cannot show the history: {e}.")
        return
    _trend_plots(records)
    gait = {g["session"]: g for g in gait_rows(records)}
    table = pd.DataFrame(
        [
            {
                "id": r.id,
                "date": r.started_at,
                "kind": r.kind,
                "source": r.source,
                **{f"{m.side} reps": cell_text(m.reps, "reps") for m in r.sides},
                **{f"{m.side} ROM (deg)": cell_text(m.rom_deg, "ROM (deg)") for m in r.sides},
                **({"score": cell_text(r.task.exercise.score, "score")} if r.task.exercise else {}),
                **(
                    {
                        "cadence (steps/min)": cell_text(gait[r.id]["cadence"], "(steps/min)"),
                        "gait verdict": gait[r.id]["verdict"],
                    }
                    if r.id in gait
                    else {}
                ),
            }
            for r in records
        ]
    )
    table["date"] = local_dates(table["date"]).dt.strftime(WHEN)
    st.dataframe(table, hide_index=True)
    _delete(store, records)
