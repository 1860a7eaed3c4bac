"""The clinical rules a page analyses with: coach's defaults, an uploaded settings file (TOML), or one inside the
data folders; a file that cannot be used is refused with its one-line message and nothing is analysed."""

from __future__ import annotations

import streamlit as st

from coach.app.common import data_folders
from coach.app.folders import PathRefused
from coach.config import ClinicalConfig, ConfigError, default_config, defaults_text, load_config, parse_config
from coach.config.model import setting_text

CHOICES = ("coach's defaults", "Upload a settings file", "A settings file in the data folders")


def _chosen(choice: str, key: str) -> ClinicalConfig:
    """The rules of the chosen source (the defaults until a file is given); ConfigError or PathRefused if unusable."""
    if choice == CHOICES[1]:
        up = st.file_uploader("Settings file (TOML)", type=["toml"], key=f"{key}_rules_upload")
        if up is None:
            return default_config()
        try:
            text = up.getvalue().decode("utf-8")
        except UnicodeDecodeError:
            raise ConfigError(f"{up.name}: not a text file; upload a TOML settings file") from None
        return parse_config(text, up.name)
    if choice == CHOICES[2]:
        folders = data_folders()
        typed = st.text_input(f"Settings file inside {folders.describe()}", key=f"{key}_rules_path")
        return load_config(folders.confine(typed, "settings file")) if typed.strip() else default_config()
    return default_config()


def rules_input(key: str) -> ClinicalConfig | None:
    """The page's optional choice of clinical rules (widget keys start with `key`): the rules in force, or None
    after showing why the file given cannot be used."""
    with st.expander("Clinical rules: limits of the form cues, targets and tempo (optional)"):
        choice = st.radio("Rules", CHOICES, horizontal=True, key=f"{key}_rules", label_visibility="collapsed")
        st.download_button(
            "Download coach's defaults (every rule with its unit and source)",
            defaults_text(),
            file_name="coach-rules.toml",
            mime="text/plain",
            key=f"{key}_rules_defaults",
        )
        try:
            config = _chosen(choice, key)
        except (ConfigError, PathRefused) as e:
            st.error(f"Settings file refused: {e}")
            return None
        if config.changed:
            st.caption(
                f"{config.file} changes: "
                + ", ".join(f"{k} = {setting_text(v)}" for k, v in config.changed)
                + "; the rest as coach's defaults."
            )
    return config
