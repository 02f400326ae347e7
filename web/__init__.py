"""The web app for land officers and QA reviewers (not built yet)."""
