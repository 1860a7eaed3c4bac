"""Assessment results over sessions: stored summaries give one row per session, measure and side, in date order."""

from __future__ import annotations

from datetime import UTC, datetime

from coach.assessments.trend import FOLLOWED, assessment_trend_rows
from coach.history import HistoryStore


def _when(day: int) -> datetime:
    return datetime(2025, 3, day, 9, 0, tzinfo=UTC)


def test_trends_follow_each_test_over_sessions(tmp_path):
    store = HistoryStore(tmp_path / "h.sqlite")
    store.add("clip", "tug", {"task": "tug", "assessment": {"test": "tug", "total_s": 14.2}}, started_at=_when(1))
    store.add("clip", "tug", {"task": "tug", "assessment": {"test": "tug", "total_s": 12.9}}, started_at=_when(8))
    store.add("clip", "tug", {"task": "tug", "assessment": {"test": "tug", "total_s": None}}, started_at=_when(9))
    store.add(
        "clip",
        "single-leg-stance",
        {"assessment": {"test": "single-leg-stance", "best_hold_s": {"left": 4.5, "right": None}}},
        started_at=_when(2),
    )
    store.add(
        "clip",
        "hip-flexor-stretch",
        {"assessment": {"test": "hip-flexor-stretch", "side": "left", "hold_s": 11.9, "hip_extension_deg": 15.2}},
        started_at=_when(3),
    )
    store.add("clip", "march", {"exercise": "march", "reps": {"left": 3, "right": 3}}, started_at=_when(4))
    tug = assessment_trend_rows(store.sessions("tug"))
    assert [(r["date"][:10], r["value"]) for r in tug] == [("2025-03-01", 14.2), ("2025-03-08", 12.9)]
    assert tug[0]["better"] == "lower" and tug[0]["unit"] == "s" and tug[0]["side"] == ""
    rows = assessment_trend_rows(store.sessions())
    stance = [r for r in rows if r["test"] == "single-leg-stance"]
    assert [(r["side"], r["value"]) for r in stance] == [("left", 4.5)]
    stretch = {r["measure"]: (r["side"], r["value"]) for r in rows if r["test"] == "hip-flexor-stretch"}
    assert stretch == {"stretch held": ("left", 11.9), "hip extension reached": ("left", 15.2)}
    assert not any(r["test"] == "march" for r in rows)


def test_every_followed_key_is_one_the_analysers_write():
    from coach.assessments import ANALYSERS
    from coach.kinematics.angles import compute_angles
    from coach.simulate import assessments as sim

    clips = {
        "chair-stand": sim.simulate_chair_stand(n_stands=2),
        "tug": sim.simulate_tug(),
        "single-leg-stance": sim.simulate_single_leg_stance(),
        "hip-abduction": sim.simulate_hip_abduction(),
        "knee-to-chest": sim.simulate_knee_to_chest(),
        "hip-flexor-stretch": sim.simulate_hip_flexor_stretch(),
    }
    assert set(clips) == set(FOLLOWED)
    for test, (seq, _) in clips.items():
        keys = set(ANALYSERS[test](seq, compute_angles(seq)).summary()["assessment"])
        assert {f.key for f in FOLLOWED[test]} <= keys, test
