"""Read the clinical rules: the packaged defaults.toml, overridden key by key by a user's TOML file, checked (a key
the defaults lack, a unit other than theirs, a value of the wrong type or out of range is refused with a one-line
ConfigError naming the key and the file) and turned into a ClinicalConfig."""

from __future__ import annotations

import copy
import hashlib
import json
import math
import tomllib
from functools import cache
from importlib import resources
from pathlib import Path

from coach.config.model import FIRES, Band, ClinicalConfig, ExerciseLimits, FormLimit, LandmarkTrust, SymmetryLimits

DEFAULTS_NAME = "defaults"
#: Keys that say what a value means rather than set it, and why a user may not change them (a limit in other units,
#: or a cue firing the other way, would be a different rule).
FIXED = {"unit": "coach measures this in {default!r}", "fires": "this rule fires {default!r} its limit, always"}
#: Tables a settings file may not change: read by every stage, including saved pose runs and the live pipeline.
FIXED_TABLES = ("landmarks",)


class ConfigError(ValueError):
    """A settings file that cannot be used; the message is one line naming the file and the key."""


def defaults_text() -> str:
    """The packaged defaults.toml, every rule with its unit and source (a starting point for a user's file)."""
    return resources.files("coach.config").joinpath("defaults.toml").read_text(encoding="utf-8")


def _parse(text: str, name: str) -> dict:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{name}: not valid TOML: {e}") from None


def _same_type(default: object, value: object) -> bool:
    if isinstance(default, bool) or isinstance(value, bool):
        return type(default) is type(value)
    if isinstance(default, float):
        return isinstance(value, int | float)
    return type(default) is type(value)


def _merge(base: dict, over: dict, name: str, where: str = "") -> list[tuple[str, object]]:
    """Write `over` into `base` (the defaults) in place; returns the (dotted key, value) pairs that changed."""
    changed: list[tuple[str, object]] = []
    for key, value in over.items():
        dotted = f"{where}{key}"
        if key not in base:
            known = ", ".join(sorted(base)) or "none"
            raise ConfigError(f"{name}: unknown key {dotted!r} (known here: {known})")
        default = base[key]
        if dotted in FIXED_TABLES:
            raise ConfigError(f"{name}: {dotted} cannot be changed by a settings file (every stage reads it)")
        if isinstance(default, dict):
            if not isinstance(value, dict):
                raise ConfigError(f"{name}: {dotted} must be a table, not {type(value).__name__}")
            changed += _merge(default, value, name, f"{dotted}.")
            continue
        if not _same_type(default, value):
            raise ConfigError(f"{name}: {dotted} must be {type(default).__name__}, not {type(value).__name__}")
        if key in FIXED and value != default:
            raise ConfigError(f"{name}: {dotted} is {value!r}; " + FIXED[key].format(default=default))
        if value != default:
            base[key] = float(value) if isinstance(default, float) else value
            changed.append((dotted, base[key]))
    return changed


def _number(table: dict, key: str, where: str, name: str, low: float = -math.inf, high: float = math.inf) -> float:
    value = float(table[key])
    if not (math.isfinite(value) and low <= value <= high):
        raise ConfigError(f"{name}: {where}.{key} = {value:g} is out of range [{low:g}, {high:g}]")
    return value


def _band(table: dict, where: str, name: str) -> Band:
    low, high = _number(table, "low", where, name), _number(table, "high", where, name)
    if not low < high:
        raise ConfigError(f"{name}: {where}: low ({low:g}) must be below high ({high:g})")
    return Band(low, high, table["unit"], _number(table, "margin", where, name, 0.0) if "margin" in table else 0.0)


def _rule(code: str, table: dict, target: Band, where: str, name: str) -> FormLimit:
    fires = table["fires"]
    penalty = _number(table, "penalty", where, name, 0.0, 100.0)
    if fires == "below target":
        return FormLimit(
            code, table["cue"], table["measure"], "below", target.low - target.margin, target.unit, penalty
        )
    if fires == "above target":
        return FormLimit(
            code, table["cue"], table["measure"], "above", target.high + target.margin, target.unit, penalty
        )
    if fires not in FIRES:
        raise ConfigError(f"{name}: {where}.fires = {fires!r}; use below, above, below target or above target")
    return FormLimit(
        code, table["cue"], table["measure"], fires, _number(table, "limit", where, name), table["unit"], penalty
    )


def _exercise(ex: str, table: dict, name: str) -> ExerciseLimits:
    where = f"exercise.{ex}"
    target = _band(table["target"], f"{where}.target", name)
    tempo = _band(table["tempo"], f"{where}.tempo", name)
    if tempo.low <= 0:
        raise ConfigError(f"{name}: {where}.tempo.low must be above 0 s")
    rules = tuple(_rule(code, t, target, f"{where}.rules.{code}", name) for code, t in table["rules"].items())
    return ExerciseLimits(ex, target, tempo, rules)


def _symmetry(group: str, table: dict, name: str) -> SymmetryLimits:
    where = f"gait.symmetry.{group}"
    mild, asym = _number(table, "mild", where, name, 0.0), _number(table, "asymmetric", where, name, 0.0)
    if not mild < asym:
        raise ConfigError(f"{name}: {where}: mild ({mild:g}) must be below asymmetric ({asym:g})")
    return SymmetryLimits(group, mild, asym, table["unit"])


def _build(values: dict, file: str, changed: list[tuple[str, object]]) -> ClinicalConfig:
    ex = values["exercise"]
    exercises = tuple(_exercise(k, v, file) for k, v in ex.items() if isinstance(v, dict))
    symmetry = tuple(_symmetry(k, v, file) for k, v in values["gait"]["symmetry"].items())
    seen = values["landmarks"]
    landmarks = LandmarkTrust(
        _number(seen, "min_visibility", "landmarks", file, 0.0, 1.0),
        _number(seen, "dim_visibility", "landmarks", file, 0.0, 1.0),
    )
    digest = hashlib.sha256(json.dumps(values, sort_keys=True).encode()).hexdigest()
    return ClinicalConfig(
        exercises,
        symmetry,
        landmarks,
        _number(ex, "fast_share", "exercise", file, 0.0, 1.0),
        _number(ex, "fast_penalty", "exercise", file, 0.0, 100.0),
        file,
        digest,
        tuple(changed),
    )


@cache
def _default_values() -> dict:
    return _parse(defaults_text(), "coach/config/defaults.toml")


@cache
def default_config() -> ClinicalConfig:
    """The rules coach ships with (coach/config/defaults.toml)."""
    return _build(copy.deepcopy(_default_values()), DEFAULTS_NAME, [])


def landmark_trust() -> LandmarkTrust:
    """The visibility limits every stage uses ([landmarks] of defaults.toml; a settings file cannot change them)."""
    return default_config().landmarks


def parse_config(text: str, name: str) -> ClinicalConfig:
    """The defaults overridden by the TOML `text` (of the file called `name`, for messages and the summary)."""
    values = copy.deepcopy(_default_values())
    changed = _merge(values, _parse(text, name), name)
    return _build(values, name, changed)


def config_of(block: dict | None) -> ClinicalConfig:
    """The rules a summary.json was made with, from its `config` block (the defaults and the values it lists as
    changed); the defaults for a summary written before the block existed."""
    if not block or not block.get("changed"):
        return default_config()
    nested: dict = {}
    for dotted, value in block["changed"].items():
        *path, last = dotted.split(".")
        table = nested
        for key in path:
            table = table.setdefault(key, {})
        table[last] = value
    values = copy.deepcopy(_default_values())
    name = str(block.get("file") or "summary.json")
    return _build(values, name, _merge(values, nested, name))


def load_config(path: str | Path | None) -> ClinicalConfig:
    """The defaults (path None) or the defaults overridden by the TOML file at `path`."""
    if path is None:
        return default_config()
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise ConfigError(f"{path}: cannot read the settings file: {getattr(e, 'strerror', None) or e}") from None
    return parse_config(text, str(path))
