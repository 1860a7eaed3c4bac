"""The range-of-motion assessments' clinical limits are settings (coach/config/defaults.toml): the defaults give what
the code gave, and a user's file changes the outcome of the clip analysis, of 'auto' and of the live analysers."""

from __future__ import annotations

import tomllib
from collections import Counter
from collections.abc import Callable

import pytest

from coach.analysis import Settings, analyze_poses
from coach.assessments import ROM_SPECS
from coach.assessments.frame_analysers import RangeOfMotionLink, make_live
from coach.assessments.hip_abduction import MOVEMENT as HIP_ABDUCTION
from coach.assessments.knee_to_chest import MOVEMENT as KNEE_TO_CHEST
from coach.config import ConfigError, default_config, defaults_text, parse_config
from coach.people import PeopleReport
from coach.simulate.assessments import simulate_hip_abduction, simulate_knee_to_chest
from coach.types import PoseSequence, VideoInfo

PEOPLE = PeopleReport(max_people=1, others_fraction=0.0, n_tracks=1, found_fraction=1.0, lying_fraction=0.0)
SIMULATE: dict[str, Callable[..., tuple[PoseSequence, dict]]] = {
    "hip-abduction": simulate_hip_abduction,
    "knee-to-chest": simulate_knee_to_chest,
}


def _faults(task: str, test: str, config=None) -> tuple[dict, Counter]:
    """summary.json of the simulated movement `test` analysed as `task` with `config` (the defaults when None), and
    its faults counted over the reps."""
    seq, truth = SIMULATE[test]()
    info = VideoInfo(f"{test}.mp4", seq.width, seq.height, 30.0, float(seq.t_s[-1]), len(seq))
    settings = Settings(task=task) if config is None else Settings(task=task, config=config)
    summary = analyze_poses(info, seq, PEOPLE, settings).summary
    assert summary["reps"] == truth["reps"]
    return summary, Counter(f["code"] for r in summary["rep_list"] for f in r["faults"])


def test_every_rule_of_the_defaults_is_checked_by_its_movement_and_nothing_else():
    values = tomllib.loads(defaults_text())
    for movement in (HIP_ABDUCTION, KNEE_TO_CHEST):
        assert [c.code for c in movement.checks] == list(values["exercise"][movement.name]["rules"])
        assert not movement.rules, "a form rule with its limit in the code, not in defaults.toml"
        spec, _ = ROM_SPECS[movement.name]
        assert [r.code for r in spec.all_rules] == [c.code for c in movement.checks] + ["too_fast"]
        limits = default_config().exercise(movement.name)
        assert (spec.target_deg, spec.tempo_s) == (limits.target.pair, limits.tempo.pair)


@pytest.mark.parametrize(
    "test, text, code, before",
    [
        ("knee-to-chest", "[exercise.knee-to-chest.rules.knee_low]\nlimit = 140.0\n", "knee_low", 0),
        ("hip-abduction", "[exercise.hip-abduction.rules.leg_forward]\nlimit = -1.0\n", "leg_forward", 0),
        ("hip-abduction", "[exercise.hip-abduction.tempo]\nlow = 1.0\n", "too_fast", 5),
    ],
)
def test_an_assessment_limit_override_changes_the_faults_and_is_recorded(test, text, code, before):
    """The simulated hugs reach ~131 deg (under a stricter 140 deg 'knee_low' limit), the simulated side lifts keep
    the hip at 0 deg of flexion (over a -1 deg 'leg_forward' limit) and take ~1.6 s (under the default tempo's
    0.7 x 2 s, over 0.7 x 1 s): each override turns every rep's fault on or off, the others stay."""
    summary, faults = _faults(test, test)
    assert faults[code] == before and summary["config"]["changed"] == {}
    cfg = parse_config(text, "mine.toml")
    changed, after = _faults(test, test, cfg)
    n = sum(summary["reps"].values())
    assert after[code] == (n if before == 0 else 0)
    assert {k: v for k, v in after.items() if k != code} == {k: v for k, v in faults.items() if k != code}
    assert changed["config"]["file"] == "mine.toml" and len(changed["config"]["changed"]) == 1
    assert changed["assessment"]["test"] == test  # the assessment part (peak, norms) is kept


def test_auto_recognises_the_assessment_with_the_users_limits():
    cfg = parse_config("[exercise.knee-to-chest.rules.knee_low]\nlimit = 140.0\n", "mine.toml")
    summary, faults = _faults("auto", "knee-to-chest", cfg)
    assert summary["recognised"]["task"] == "knee-to-chest" and faults["knee_low"] == sum(summary["reps"].values())


def test_the_live_analyser_coaches_with_the_users_limits():
    cfg = parse_config('[exercise.hip-abduction.rules.trunk_sideways]\nlimit = 5.0\ncue = "stay tall"\n', "m.toml")
    live = make_live("hip-abduction", 640, 480, cfg)
    assert isinstance(live, RangeOfMotionLink)
    rule = next(r for r in live.spec.rules if r.code == "trunk_sideways")
    assert rule.cue == "stay tall"
    default = make_live("hip-abduction", 640, 480)
    assert isinstance(default, RangeOfMotionLink)
    assert next(r for r in default.spec.rules if r.code == "trunk_sideways").cue != "stay tall"


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("[exercise.hip-abduction.rules.leg_forward]\nlimt = 3.0\n", "unknown key 'exercise.hip-abduction.rules"),
        ('[exercise.hip-abduction.rules.trunk_sideways]\nunit = "rad"\n', "trunk_sideways.unit is 'rad'"),
        ('[exercise.knee-to-chest.rules.knee_low]\nfires = "above"\n', "exercise.knee-to-chest.rules.knee_low.fires"),
        ("[exercise.knee-to-chest.target]\nlow = 160.0\n", "low (160) must be below high (150)"),
        ('[exercise.hip-abduction.tempo]\nunit = "min"\n', "exercise.hip-abduction.tempo.unit is 'min'"),
        ("[exercise.knee-to-chest.rules.hug]\nlimit = 3.0\n", "unknown key 'exercise.knee-to-chest.rules.hug'"),
    ],
)
def test_a_bad_assessment_limit_is_refused_naming_the_key(text, fragment):
    with pytest.raises(ConfigError) as e:
        parse_config(text, "mine.toml")
    assert str(e.value).startswith("mine.toml: ") and fragment in str(e.value), str(e.value)
