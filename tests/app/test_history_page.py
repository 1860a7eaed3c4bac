"""The history page's pure parts: session labels and trend plots read in this computer's local time, and the time
axis reads as dates however few the sessions (never plotly's milliseconds over a single session)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pandas as pd
import plotly.express as px
import pytest

from coach.app.history_page import TICKED_SESSIONS, assessment_figures, date_axis, dated, session_labels
from coach.history import HistoryStore
from tests.summaries import exercise_part, rep

#: 23:30 UTC: already the next day in Tokyo (UTC+9, no daylight saving).
LATE = datetime(2026, 11, 1, 23, 30, tzinfo=UTC)


@pytest.fixture()
def tokyo(monkeypatch) -> Iterator[None]:
    """This computer's time zone set to Asia/Tokyo for the test."""
    monkeypatch.setenv("TZ", "Asia/Tokyo")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.parametrize(
    "dates, ticktext",
    [
        (["2026-11-01 17:59:06"], ["01 Nov"]),
        (["2026-11-03 09:00", "2026-11-01 17:59"], ["01 Nov", "03 Nov"]),
        (["2026-11-01 09:00", "2026-11-01 17:59", "2026-11-01 17:59"], ["01 Nov 09:00", "01 Nov 17:59"]),
    ],
)
def test_few_sessions_get_a_tick_each_labelled_as_a_date(dates, ticktext):
    """One tick per session, in date order, labelled by its day (and time when two share a day)."""
    axis = date_axis(pd.Series(pd.to_datetime(dates)))
    assert axis["tickmode"] == "array" and axis["ticktext"] == ticktext
    assert axis["tickvals"] == sorted(set(pd.to_datetime(dates)))


def test_many_sessions_get_date_formatted_ticks():
    """Beyond TICKED_SESSIONS, plotly places the ticks, formatted as day and time or day and month, never seconds."""
    dates = pd.Series(pd.date_range("2026-11-01 17:59", periods=TICKED_SESSIONS + 1, freq="D"))
    axis = dated(px.line(x=dates, y=range(len(dates))), dates).layout.xaxis
    assert axis.tickvals is None
    assert {s.value for s in axis.tickformatstops} == {"%d %b %H:%M", "%d %b"}


def test_session_labels_give_local_time_and_plain_words(tmp_path, tokyo):
    store = HistoryStore(tmp_path / "h.sqlite")
    live = store.add(
        "live", "march", {"exercise": "march", **exercise_part("march", [rep("left", 70, 80)])}, started_at=LATE
    )
    clip = store.add("clip", "march", {"task": "march"}, source="knee.mp4", started_at=LATE + timedelta(days=1))
    assert session_labels(store.sessions()) == {
        live: "2026-11-02 08:30 · Standing march · live",
        clip: "2026-11-03 08:30 · Standing march · clip knee.mp4",
    }


def test_one_assessment_session_plots_in_local_time_with_a_date_tick(tmp_path, tokyo):
    """A single Timed Up and Go at 23:30 UTC: plotted at 08:30 the next day (Tokyo), its one tick reading '02 Nov'."""
    store = HistoryStore(tmp_path / "h.sqlite")
    store.add("clip", "tug", {"task": "tug", "assessment": {"test": "tug", "total_s": 14.2}}, started_at=LATE)
    (fig,) = assessment_figures(store.sessions())
    assert list(fig.data[0].x) == [pd.Timestamp("2026-11-02 08:30")]
    assert list(fig.layout.xaxis.ticktext) == ["02 Nov"]
