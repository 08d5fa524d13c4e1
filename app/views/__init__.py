"""The app's pages: thin scripts that `streamlit_app.py` routes to with `st.navigation`."""
