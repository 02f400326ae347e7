"""VN-2000 coordinates, certificate boundaries, cadastral map import, georeferencing, linking."""
