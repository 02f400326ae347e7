"""The web app for land officers (``landdb serve``): accounts and roles, one-box search, the parcel page with its
scans, and the map over PostGIS vector tiles. ``web.app.create_app`` builds it; docs/search.md explains search."""
