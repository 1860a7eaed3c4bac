"""Clinical rules as data: every limit a form cue or verdict rests on (and the assessments' published references)
lives in defaults.toml (with its unit and
source), is read into typed values (model.py) and may be overridden by the user's own TOML file (load.py)."""

from coach.config.load import (
    ConfigError,
    config_of,
    default_config,
    defaults_text,
    landmark_trust,
    load_config,
    parse_config,
)
from coach.config.model import (
    Band,
    ClinicalConfig,
    ExerciseLimits,
    FormLimit,
    LandmarkTrust,
    Norm,
    NormBand,
    SymmetryLimits,
)

__all__ = [
    "Band",
    "ClinicalConfig",
    "ConfigError",
    "config_of",
    "ExerciseLimits",
    "FormLimit",
    "LandmarkTrust",
    "Norm",
    "NormBand",
    "SymmetryLimits",
    "default_config",
    "defaults_text",
    "landmark_trust",
    "load_config",
    "parse_config",
]
