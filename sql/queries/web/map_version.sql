-- The public map's data version (0041_web_search): changes whenever parcels or QA findings are written; with the
-- database's OID, so a database dropped and made again never meets the tiles of the old one.
select (select d.oid from pg_database d where d.datname = current_database())::bigint as database_oid,
       (select case when is_called then last_value else 0 end from web_map_version) as version
