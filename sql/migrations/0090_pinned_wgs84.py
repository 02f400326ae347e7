"""One VN-2000 → WGS 84 transformation everywhere: PostGIS' spatial_ref_sys gets the pinned QĐ 05/2007 shift of
geo/crs.py (the one definition) for every VN-2000 CRS, then each parcel's WGS 84 copy is recomputed with it
(before, PostGIS let PROJ pick "VN-2000 to WGS 84 (1)" inside the Mekong oil-block box: ≈ 0.8 m off)."""

from yoyo import step

__depends__ = {"0081_addresses"}


def apply(conn) -> None:
    from geo.crs import pin_database

    pin_database(conn, "migration 0090_pinned_wgs84")


steps = [step(apply)]
