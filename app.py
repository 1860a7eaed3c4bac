"""coach web app: `streamlit run app.py [-- --db PATH --data-dir DIR]` (or `coach app`) on localhost, with the
settings of .streamlit/config.toml. Pages live in coach/app/."""

import streamlit as st

from coach.app import batch_page, history_page, live_page, review_page
from coach.app.common import PRIVACY, show_upload_refusals
from coach.app.folders import RESULTS_PARAM
from coach.offline import keep_offline

PAGES = {
    "Live coaching": live_page.render,
    "Review a clip": review_page.render,
    "Batch": batch_page.render,
    "History": history_page.render,
}


def main() -> None:
    """Page choice in the sidebar, the disclaimer always visible; no library of the app may use the network."""
    keep_offline()
    st.set_page_config(page_title="coach", layout="wide")
    show_upload_refusals()
    st.sidebar.title("coach")
    if RESULTS_PARAM in st.query_params and "page" not in st.session_state:
        st.session_state["page"] = "Review a clip"  # a link to saved results (the Batch table's) opens on them
    page = st.sidebar.radio("Page", list(PAGES), key="page")
    st.sidebar.caption("coach coaches, it does not diagnose. " + PRIVACY)
    PAGES[page]()


main()
