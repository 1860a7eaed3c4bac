"""coach web app: `streamlit run app.py [-- --db PATH]` (or `coach app`) on localhost. Pages live in coach/app/."""

import argparse
import sys

import streamlit as st

from coach.app import batch_page, history_page, live_page, review_page
from coach.app.common import PRIVACY

PAGES = {"Live coaching": live_page.render, "Review a clip": review_page.render, "Batch": batch_page.render,
         "History": history_page.render}


def main() -> None:
    """Page choice in the sidebar, the --db option remembered for the session, the disclaimer always visible."""
    st.set_page_config(page_title="coach", layout="wide")
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--db", default=None)
    args, _ = parser.parse_known_args(sys.argv[1:])
    if args.db and "db_path" not in st.session_state:
        st.session_state["db_path"] = args.db
    st.sidebar.title("coach")
    page = st.sidebar.radio("Page", list(PAGES), key="page")
    st.sidebar.caption("coach coaches, it does not diagnose. " + PRIVACY)
    PAGES[page]()


main()
