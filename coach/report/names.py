"""Plain names the user reads for coach's tasks (selectors, tables, reports), in one place beside their keys."""

from __future__ import annotations

#: Task key (what `--exercise` takes) -> the name shown in the app, the batch table and the report.
TASK_NAMES = {
    "auto": "Automatic (coach recognises it)",
    "gait": "Walking (gait)",
    "march": "Standing march",
    "lunge": "Lunge",
    "slr": "Straight-leg raise (lying)",
    "chair-stand": "30-second chair stand",
    "tug": "Timed Up and Go",
    "single-leg-stance": "Single-leg stance",
    "hip-abduction": "Standing hip abduction",
    "knee-to-chest": "Knee to chest (lying)",
    "hip-flexor-stretch": "Hip-flexor stretch",
    "none": "Joint angles only",
}
#: The task every entry point starts on: coach recognises what the clip shows.
DEFAULT_TASK = "auto"


def task_name(key: str | None) -> str:
    """The plain name of a task key (the key itself for one without a name, '' for none given)."""
    return TASK_NAMES.get(key or "", key or "")


def task_choices(keys: tuple[str, ...] | list[str]) -> list[str]:
    """Task keys in the order a person chooses from: automatic first, angles only last, the rest as given."""
    keys = list(keys)
    first = [k for k in (DEFAULT_TASK,) if k in keys]
    last = [k for k in ("none",) if k in keys]
    return first + [k for k in keys if k not in first + last] + last


#: How a clinician groups gait measures, in reading order (group of a metric: coach.gait.metrics.METRICS).
METRIC_GROUPS = ("timing", "distance", "angles")
#: strides.csv columns that are not gait metrics -> their plain names.
#: Gait metrics whose finding words (METRICS' noun) need the sentence around them to read well in a table.
TABLE_NOUNS = {
    "pelvic_drop_deg": "pelvic drop while standing on this leg",
    "trunk_sway_deg": "trunk lean while standing on this leg",
    "hip_rom_deg": "hip range of motion (sagittal)",
}
COLUMN_NAMES = {
    "side": "side",
    "pass": "pass",
    "leg_view": "leg seen",
    "status": "status",
    "hs_s": "heel strike (s)",
    "next_hs_s": "next heel strike (s)",
}


def metric_group(key: str) -> str:
    """'timing', 'distance' or 'angles' for a gait metric key (timing for an unknown key measured in s or %)."""
    from coach.gait.metrics import METRICS

    spec = METRICS.get(key)
    if spec is None:
        return "angles" if key.endswith("_deg") else "timing"
    return "timing" if spec.temporal else "angles" if spec.unit == "deg" else "distance"


def metric_unit(key: str) -> str:
    """The unit of a gait metric key ('' when unknown)."""
    from coach.gait.metrics import METRICS

    spec = METRICS.get(key)
    return spec.unit if spec else {"_deg": "deg", "_s": "s", "_pct": "%"}.get("_" + key.rsplit("_", 1)[-1], "")


def metric_name(key: str, unit: bool = True) -> str:
    """A gait metric's plain name, capitalised, with its unit in parentheses: 'Stride time (s)'."""
    from coach.gait.metrics import METRICS

    spec = METRICS.get(key)
    noun = TABLE_NOUNS.get(key) or (spec.noun if spec else COLUMN_NAMES.get(key, key.replace("_", " ")))
    u = metric_unit(key)
    return noun[:1].upper() + noun[1:] + (f" ({u})" if unit and u else "")


def by_group(keys) -> list[tuple[str, list[str]]]:
    """Metric keys grouped as METRIC_GROUPS, each group in the analyser's order (coach.gait.metrics.METRICS)."""
    from coach.gait.metrics import METRICS

    order = {k: i for i, k in enumerate(METRICS)}
    keys = sorted(keys, key=lambda k: (order.get(k, len(order)), k))
    return [
        (g, [k for k in keys if metric_group(k) == g]) for g in METRIC_GROUPS if any(metric_group(k) == g for k in keys)
    ]


def column_name(key: str) -> str:
    """A strides.csv column's plain header: a metric's name with its unit, or COLUMN_NAMES."""
    return COLUMN_NAMES.get(key) or metric_name(key).lower()
