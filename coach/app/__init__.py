"""Streamlit pages of the coach app (UI only: every number comes from the coach pipeline)."""
