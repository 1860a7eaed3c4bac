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
