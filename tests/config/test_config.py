"""Clinical rules as data: the packaged defaults are complete and used, a user's file changes what fires, and a file
that cannot be used is refused with one line naming the file and the key."""

from __future__ import annotations

import tomllib
from collections import Counter
from pathlib import Path

import pytest

from coach.analysis import Settings
from coach.config import ConfigError, default_config, defaults_text, load_config, parse_config
from coach.exercises import SPECS, exercise_specs
from coach.exercises.lunge import SPEC as LUNGE
from coach.exercises.march import SPEC as MARCH
from coach.exercises.slr import SPEC as SLR
from coach.simulate import simulate_march
from tests.synthetic import analyse


def _march_faults(peak_deg: float, config=None) -> tuple[dict, Counter]:
    """summary.json of a synthetic side-view march lifting to `peak_deg` (4 lifts a side), and its faults counted
    over the reps."""
    seq, truth = simulate_march(n_reps=4, peak_deg=peak_deg)
    settings = Settings(task="march") if config is None else Settings(task="march", config=config)
    summary = analyse(seq, settings, "march.mp4").summary
    assert summary["reps"] == truth["reps"]
    return summary, Counter(f["code"] for r in summary["rep_list"] for f in r["faults"])


def test_every_rule_of_the_defaults_is_checked_by_its_exercise_and_nothing_else():
    values = tomllib.loads(defaults_text())
    for spec in (MARCH, LUNGE, SLR):
        assert [c.code for c in spec.checks] == list(values["exercise"][spec.name]["rules"])
        assert not spec.rules, "a form rule with its limit in the code, not in defaults.toml"
        configured = SPECS[spec.name]
        assert [r.code for r in configured.all_rules] == [c.code for c in spec.checks] + ["too_fast"]
        assert configured.target_deg == default_config().exercise(spec.name).target.pair


def test_a_height_cue_follows_its_target_less_the_margin():
    """The march's 'lift higher' cue and its target cannot disagree: the cue fires below the target's low end less
    the angle margin, whatever the target is set to."""
    march = default_config().exercise("march")
    assert march.rule("knee_low").limit == march.target.low - march.target.margin
    higher = parse_config("[exercise.march.target]\nlow = 90.0\n", "higher.toml").exercise("march")
    assert higher.rule("knee_low").limit == 90.0 - march.target.margin


def test_defaults_and_an_override_in_the_summary_and_the_batch_key():
    summary, faults = _march_faults(85.0)
    assert summary["config"] == {"file": "defaults", "sha256": default_config().sha256, "changed": {}}
    assert faults["knee_low"] == 0  # 85 deg is inside the default target (75-100)
    strict = parse_config("[exercise.march.target]\nlow = 100.0\nhigh = 120.0\n", "strict.toml")
    summary, faults = _march_faults(85.0, strict)
    assert faults["knee_low"] == 8  # every lift now falls short of 100 - 5 deg
    assert summary["config"]["file"] == "strict.toml"
    assert summary["config"]["changed"] == {"exercise.march.target.low": 100.0, "exercise.march.target.high": 120.0}
    assert summary["config"]["sha256"] != default_config().sha256
    assert Settings(task="march", config=strict).key() != Settings(task="march").key()
    same = parse_config("[exercise.march.target]\nlow = 75.0\n", "same.toml")  # no change: the same key
    assert Settings(task="march", config=same).key() == Settings(task="march").key()


def test_an_override_silences_a_fault_and_leaves_the_rest():
    _, faults = _march_faults(62.0)
    assert faults["knee_low"] == 8  # 62 deg is under 75 - 5
    lenient = parse_config(
        "[exercise.march.rules.standing_knee_bent]\nlimit = 40.0\n[exercise.march.target]\nlow = 60.0\n", "lenient.toml"
    )
    _, relaxed = _march_faults(62.0, lenient)
    assert relaxed["knee_low"] == 0
    other = {k: v for k, v in faults.items() if k not in ("knee_low", "standing_knee_bent")}
    assert {k: v for k, v in relaxed.items() if k not in ("knee_low", "standing_knee_bent")} == other


def test_a_cue_and_a_penalty_are_settings():
    cfg = parse_config('[exercise.slr.rules.knee_bent]\ncue = "knee long"\npenalty = 30.0\n', "cue.toml")
    rule = next(r for r in exercise_specs(cfg)["slr"].all_rules if r.code == "knee_bent")
    assert (rule.cue, rule.penalty) == ("knee long", 30.0)


@pytest.mark.parametrize(
    "text, fragment",
    [
        ("[exercise.march.rules.knee_low]\nlimt = 3.0\n", "unknown key 'exercise.march.rules.knee_low.limt'"),
        ("[exercise.skip]\nlow = 1.0\n", "unknown key 'exercise.skip'"),
        ('[exercise.march.target]\nlow = 80.0\nunit = "rad"\n', "exercise.march.target.unit is 'rad'"),
        ('[exercise.lunge.rules.knee_past_toes]\nunit = "cm"\n', "exercise.lunge.rules.knee_past_toes.unit"),
        ('[exercise.march.target]\nlow = "high"\n', "exercise.march.target.low must be float, not str"),
        ("[exercise.march.rules.knee_low]\npenalty = true\n", "exercise.march.rules.knee_low.penalty must be float"),
        ('[exercise.march.rules.lean_back]\nfires = "above"\n', "exercise.march.rules.lean_back.fires"),
        ("[exercise.march]\ntarget = 3.0\n", "exercise.march.target must be a table"),
        ("[exercise.march.target]\nlow = 120.0\n", "low (120) must be below high (100)"),
        ("[exercise.march.target]\nlow = nan\n", "exercise.march.target.low = nan is out of range"),
        ("[exercise]\nfast_share = 1.5\n", "exercise.fast_share = 1.5 is out of range"),
        ("[gait.symmetry.timing]\nmild = 30.0\n", "gait.symmetry.timing: mild (30) must be below asymmetric (20)"),
        ('[gait.symmetry.sagittal_angles]\nunit = "%"\n', "gait.symmetry.sagittal_angles.unit is '%'"),
        ("[landmarks]\nmin_visibility = 0.3\n", "landmarks cannot be changed by a settings file"),
        ("[exercise.march.target\nlow = 1\n", "not valid TOML"),
        ('[norms.tug.fall_risk]\nunit = "min"\n', "norms.tug.fall_risk.unit is 'min'; coach measures this in 's'"),
        ("[norms.tug.fall_risk]\ncutoff = 12.0\n", "unknown key 'norms.tug.fall_risk.cutoff'"),
        ("[norms.tug.falls]\nbands = []\n", "unknown key 'norms.tug.falls'"),
        ('[norms.tug.fall_risk]\nkind = "limit"\n', "norms.tug.fall_risk.kind is 'limit'"),
        ('[norms.tug.fall_risk]\nbetter = "higher"\n', "norms.tug.fall_risk.better is 'higher'"),
        ('[norms.tug.fall_risk]\nmeasure = "walk_s"\n', "norms.tug.fall_risk.measure is 'walk_s'"),
        ("[norms.tug.fall_risk]\nbands = 12.0\n", "norms.tug.fall_risk.bands must be list, not float"),
        ("[norms.tug.fall_risk]\nbands = []\n", "norms.tug.fall_risk.bands is empty"),
        ("[norms.tug.fall_risk]\nbands = [12.0]\n", "norms.tug.fall_risk.bands[0] must be a table"),
        (
            "[norms.tug.fall_risk]\nbands = [{ age_min = 65, age_max = 120, hihg = 12.0 }]\n",
            "unknown key 'norms.tug.fall_risk.bands[0].hihg'",
        ),
        ("[norms.tug.fall_risk]\nbands = [{ age_min = 65, high = 12.0 }]\n", "bands[0] lacks 'age_max'"),
        (
            "[norms.tug.fall_risk]\nbands = [{ age_min = 65, age_max = 120, low = 9.0, high = 12.0 }]\n",
            "norms.tug.fall_risk.bands[0].low: a 'cutoff' reference reads `high` alone",
        ),
        (
            "[norms.hip-abduction.adult_range]\nbands = [{ age_min = 18, age_max = 120, high = 45.0 }]\n",
            "norms.hip-abduction.adult_range.bands[0] lacks 'low'",
        ),
        (
            "[norms.hip-abduction.adult_range]\nbands = [{ age_min = 18, age_max = 120, low = 50.0, high = 45.0 }]\n",
            "bands[0]: low (50) must be below high (45)",
        ),
        ("[norms.tug.fall_risk]\nbands = [{ age_min = 80, age_max = 65, high = 12.0 }]\n", "ages 80-65 must be in"),
        (
            "[norms.tug.fall_risk]\nbands = [{ age_min = 65.5, age_max = 120, high = 12.0 }]\n",
            "bands[0].age_min must be an integer, not float",
        ),
        ('[norms.tug.fall_risk]\nbands = [{ age_min = 65, age_max = 120, high = "12" }]\n', "high must be a number"),
        (
            '[norms.tug.fall_risk]\nbands = [{ age_min = 65, age_max = 120, sex = "f", high = 12.0 }]\n',
            "norms.tug.fall_risk.bands[0].sex = 'f'",
        ),
    ],
)
def test_a_bad_file_is_refused_in_one_line_naming_the_file_and_the_key(tmp_path, text, fragment):
    path = tmp_path / "mine.toml"
    path.write_text(text)
    with pytest.raises(ConfigError) as e:
        load_config(path)
    message = str(e.value)
    assert message.startswith(f"{path}: ") and fragment in message and "\n" not in message, message


def test_the_assessment_references_are_read_as_the_file_gives_them():
    """Every [norms.<test>.<name>] table of defaults.toml becomes one reference, in the file's order, with its rows
    (a row without `sex` is for both sexes); the published cut-offs read as the papers give them."""
    values = tomllib.loads(defaults_text())["norms"]
    norms = default_config().norms
    assert [(n.test, n.name) for n in norms] == [(t, name) for t, refs in values.items() for name in refs]
    for n in norms:
        table = values[n.test][n.name]
        assert (n.measure, n.unit, n.kind, n.better, n.source) == tuple(
            table[k] for k in ("measure", "unit", "kind", "better", "source")
        )
        rows = [(b["age_min"], b["age_max"], b.get("sex", "any"), b.get("low"), b["high"]) for b in table["bands"]]
        assert [(b.age_min, b.age_max, b.sex, b.low, b.high) for b in n.bands] == rows
    tug = default_config().norm("tug", "fall_risk")
    assert [(b.low, b.high) for b in tug.bands] == [(None, 13.5)] and tug.unit == "s"
    women = default_config().norm("chair-stand", "thirty_second_count").rows(62, "female")
    assert [(b.low, b.high) for b in women] == [(12.0, 17.0)]


def test_a_reference_override_replaces_the_rows_and_is_recorded():
    clinic = parse_config(
        '[norms.tug.fall_risk]\nbands = [{ age_min = 60, age_max = 120, high = 12 }]\ncite = "clinic protocol"\n',
        "clinic.toml",
    )
    fall = clinic.norm("tug", "fall_risk")
    assert [(b.age_min, b.age_max, b.sex, b.low, b.high) for b in fall.bands] == [(60, 120, "any", None, 12.0)]
    assert fall.cite == "clinic protocol" and fall.source == default_config().norm("tug", "fall_risk").source
    assert clinic.norm("tug", "average") == default_config().norm("tug", "average")
    assert dict(clinic.changed) == {
        "norms.tug.fall_risk.bands": [{"age_min": 60, "age_max": 120, "high": 12}],
        "norms.tug.fall_risk.cite": "clinic protocol",
    }
    assert clinic.sha256 != default_config().sha256


def test_an_unreadable_file_is_refused(tmp_path):
    for path in (tmp_path / "none.toml", tmp_path):
        with pytest.raises(ConfigError, match="cannot read the settings file"):
            load_config(path)
    binary = tmp_path / "binary.toml"
    binary.write_bytes(b"\xff\xfe\x00")
    with pytest.raises(ConfigError, match="binary.toml: cannot read"):
        load_config(binary)


def test_the_defaults_ship_inside_the_package():
    """hatch's wheel takes every file under coach/, so defaults.toml ships next to the code that reads it."""
    import coach.config

    assert (Path(coach.config.__file__).parent / "defaults.toml").read_text() == defaults_text()
    assert load_config(None) is default_config()


def test_every_gait_metric_has_symmetry_limits_in_its_own_units():
    from coach.gait.metrics import METRICS

    for name, spec in METRICS.items():
        limits = default_config().symmetry_limits(spec.limits)
        assert limits.uses_si == (spec.rule == "si"), name
        assert limits.uses_si or limits.unit == spec.unit, name
    assert {s.limits for s in METRICS.values()} == {s.name for s in default_config().symmetry}


def test_gait_symmetry_limits_change_the_verdict_and_its_stated_rule():
    """An antalgic walker (less stance on the painful side) is asymmetric under the defaults; with limits a user
    widened to 60/80 % the timing verdicts say symmetric and the summary states the limits used."""
    from coach.simulate import simulate_walk

    seq, _ = simulate_walk(duration_s=8.0, pattern="antalgic", noise_px=1.0, seed=3)
    lenient = parse_config("[gait.symmetry.timing]\nmild = 60.0\nasymmetric = 80.0\n", "lenient.toml")
    by_default = analyse(seq, Settings(task="gait"), "walker.mp4").summary["gait"]
    widened = analyse(seq, Settings(task="gait", config=lenient), "walker.mp4").summary["gait"]
    assert by_default["verdict"] == "asymmetric" and widened["verdict"] == "symmetric"
    assert by_default["symmetry"]["step_time_s"]["si_percent"] == widened["symmetry"]["step_time_s"]["si_percent"]
    assert widened["thresholds"]["stance_pct"].startswith("|SI| < 60% symmetric, < 80% mildly asymmetric")
    assert by_default["thresholds"]["stance_pct"].startswith("|SI| < 10% symmetric, < 20% mildly asymmetric")
    # step length has limits of its own: untouched
    assert widened["symmetry"]["step_length_leg"]["verdict"] == by_default["symmetry"]["step_length_leg"]["verdict"]


def test_the_visibility_gate_has_one_home():
    """Cleaning, the set-up check, the assessments and gait read the visibility limits of defaults.toml."""
    from coach.assessments import signals as assessment_signals
    from coach.exercises import setup
    from coach.exercises import signals as exercise_signals
    from coach.gait import metrics
    from coach.signals.clean import CleanConfig

    trust = default_config().landmarks
    values = tomllib.loads(defaults_text())["landmarks"]
    assert (trust.min_visibility, trust.dim_visibility) == (values["min_visibility"], values["dim_visibility"])
    gates = (CleanConfig().min_visibility, setup.MIN_VISIBILITY, exercise_signals.MIN_VISIBILITY, metrics.MIN_CONF)
    assert set(gates) | {assessment_signals.MIN_VISIBILITY} == {trust.min_visibility}
    assert setup.DIM_VISIBILITY == trust.dim_visibility


def test_a_summary_gives_back_the_rules_it_was_judged_by():
    """The report explains the score with the target in force: rebuilt from summary.json's config block."""
    from coach.config import config_of
    from coach.report.words import rules_text, score_explained
    from coach.summary import ClipSummary

    strict = parse_config("[exercise.march.target]\nlow = 100.0\nhigh = 120.0\n", "strict.toml")
    summary, _ = _march_faults(85.0, strict)
    assert config_of(summary["config"]).sha256 == strict.sha256
    assert "(100-120 deg for a" in score_explained(ClipSummary.from_dict(summary))
    assert "strict.toml, changing exercise.march.target.low = 100.0" in rules_text(ClipSummary.from_dict(summary))
    default_summary = ClipSummary.from_dict({k: v for k, v in summary.items() if k != "config"})  # before schema 2
    assert "(75-100 deg for a" in score_explained(default_summary)
    assert rules_text(default_summary) == "clinical rules: coach's defaults"


def test_a_changed_reference_reads_as_rows_in_the_report():
    """A clinic's own Timed Up and Go cut-off is named in words, not as the TOML's list of tables."""
    from coach.report.words import rules_text
    from coach.summary import ClipSummary

    clinic = parse_config(
        "[norms.tug.fall_risk]\nbands = [{ age_min = 65, age_max = 120, high = 12.0 }]\n", "clinic.toml"
    )
    summary, _ = _march_faults(85.0, clinic)
    assert "norms.tug.fall_risk.bands = [65+: 12]" in rules_text(ClipSummary.from_dict(summary))
