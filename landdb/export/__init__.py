"""Exports of the land database to other systems (``landdb export …``)."""
