-- Run by the superuser in each database landdb uses (landdb/cluster.py): the extensions, and the one
-- PostGIS table the migrations write to (VN-2000 zones missing from spatial_ref_sys, migration 0003).
create extension if not exists postgis;
create extension if not exists pg_trgm;
create extension if not exists unaccent;
grant select, insert, update, delete on spatial_ref_sys to {app_role};
