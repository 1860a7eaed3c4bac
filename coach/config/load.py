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

from coach.config.model import (
    FIRES,
    SEXES,
    Band,
    ClinicalConfig,
    ExerciseLimits,
    FormLimit,
    LandmarkTrust,
    Norm,
    NormBand,
    SymmetryLimits,
)

DEFAULTS_NAME = "defaults"
#: Keys that say what a value means rather than set it, and why a user may not change them (a limit in other units,
#: or a cue firing the other way, would be a different rule).
FIXED = {
    "unit": "coach measures this in {default!r}",
    "fires": "this rule fires {default!r} its limit, always",
    "better": "a {default!r} result is better, always",
    "kind": "this reference is a {default!r}, always (its statements read it so)",
}
#: Keys fixed in [norms] alone (an exercise's `measure` is words): the summary.json key a reference is compared with.
FIXED_IN_NORMS = {"measure": "this reference is compared with the result {default!r}, always"}
#: The keys of a row of a reference's `bands`, and the kinds of reference whose rows have a low end.
BAND_KEYS = ("age_min", "age_max", "sex", "low", "high")
WITH_LOW = ("range", "adult")
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
        fixed = FIXED.get(key) or (FIXED_IN_NORMS.get(key) if dotted.startswith("norms.") else None)
        if fixed and value != default:
            raise ConfigError(f"{name}: {dotted} is {value!r}; " + fixed.format(default=default))
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


def _row_number(row: dict, key: str, where: str, name: str, whole: bool = False) -> float:
    """A finite number of a reference row; an integer when `whole` (ages)."""
    value = row[key]
    types = (int,) if whole else (int, float)
    if isinstance(value, bool) or not isinstance(value, types):
        want = "an integer" if whole else "a number"
        raise ConfigError(f"{name}: {where}.{key} must be {want}, not {type(value).__name__}")
    return _number(row, key, where, name)


def _norm_band(row: object, kind: str, where: str, name: str) -> NormBand:
    """One row of a reference's bands, checked: known keys, ages 0-120 in order, a known sex, low below high, and a
    low end exactly for the kinds that read one."""
    if not isinstance(row, dict):
        raise ConfigError(f"{name}: {where} must be a table, not {type(row).__name__}")
    for key in row:
        if key not in BAND_KEYS:
            raise ConfigError(f"{name}: unknown key '{where}.{key}' (known here: {', '.join(BAND_KEYS)})")
    for key in ("age_min", "age_max", "high", *(("low",) if kind in WITH_LOW else ())):
        if key not in row:
            raise ConfigError(f"{name}: {where} lacks {key!r} (a {kind!r} reference's rows have it)")
    if kind not in WITH_LOW and "low" in row:
        raise ConfigError(f"{name}: {where}.low: a {kind!r} reference reads `high` alone; remove `low`")
    age_min, age_max = (int(_row_number(row, k, where, name, whole=True)) for k in ("age_min", "age_max"))
    if not 0 <= age_min <= age_max <= 120:
        raise ConfigError(f"{name}: {where}: ages {age_min}-{age_max} must be in order, within 0-120 years")
    sex = row.get("sex", "any")
    if sex not in ("any", *SEXES):
        raise ConfigError(f"{name}: {where}.sex = {sex!r}; use {', '.join(SEXES)}, or leave it out for both")
    high = _row_number(row, "high", where, name)
    low = _row_number(row, "low", where, name) if "low" in row else None
    if low is not None and not low < high:
        raise ConfigError(f"{name}: {where}: low ({low:g}) must be below high ({high:g})")
    return NormBand(age_min, age_max, sex, low, high)


def _norm(test: str, ref: str, t: dict, name: str) -> Norm:
    where = f"norms.{test}.{ref}"
    if not t["bands"]:
        raise ConfigError(f"{name}: {where}.bands is empty; give at least one row")
    bands = tuple(_norm_band(r, t["kind"], f"{where}.bands[{i}]", name) for i, r in enumerate(t["bands"]))
    return Norm(
        test,
        ref,
        t["measure"],
        t["words"],
        t["unit"],
        t["better"],
        t["kind"],
        bands,
        t["population"],
        t["cite"],
        t["source"],
        t["caution"],
    )


def _build(values: dict, file: str, changed: list[tuple[str, object]]) -> ClinicalConfig:
    ex = values["exercise"]
    exercises = tuple(_exercise(k, v, file) for k, v in ex.items() if isinstance(v, dict))
    symmetry = tuple(_symmetry(k, v, file) for k, v in values["gait"]["symmetry"].items())
    norms = tuple(_norm(test, ref, t, file) for test, refs in values["norms"].items() for ref, t in refs.items())
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
        norms,
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
