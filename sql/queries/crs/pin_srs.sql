-- A VN-2000 CRS carrying landdb's pinned datum shift (geo/crs.py, pin_postgis). No authority: PostGIS 3.3
-- builds a transformation from auth_name:auth_srid first, which lets PROJ pick an operation by area (the
-- Mekong oil-block shift inside most of HCMC), and from this srtext only when the row names no authority.
insert into spatial_ref_sys (srid, auth_name, auth_srid, srtext, proj4text)
values (%(srid)s, null, null, %(srtext)s, %(proj4text)s)
on conflict (srid) do update
    set auth_name = null, auth_srid = null, srtext = excluded.srtext, proj4text = excluded.proj4text
-- Without an authority, PostGIS cannot name the CRS inside GeoJSON/GML (ST_AsGeoJSON's default option 8 adds a
-- "crs" member for a non-4326 geometry and fails): native geometries are serialised with options 0, their CRS
-- said by the caller (the OGC API's Content-Crs header).
