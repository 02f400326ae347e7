-- The definition of a spatial reference system as PostGIS holds it (VN-2000 zones with their 7-parameter shift).
select srid, auth_name, auth_srid, srtext, proj4text from spatial_ref_sys where srid = %(srid)s
