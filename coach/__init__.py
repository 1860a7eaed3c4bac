"""coach: a computer-vision gait and exercise-form coach for hip rehabilitation (coaches, does not diagnose)."""

__version__ = "0.1.0"
SCHEMA_VERSION = 2  # 2: the `config` block (the clinical rules in force)
DISCLAIMER = (
    "coach is a coaching aid, not a medical device: it does not diagnose. "
    "Discuss its numbers with your physiotherapist."
)
