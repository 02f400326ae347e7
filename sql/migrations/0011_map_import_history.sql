-- Map imports as a history (issue 13): the same file may be imported again — e.g. to restore the
-- parcels that a partial file's --replace-sheets removed — so a file's hash is no longer unique;
-- "already imported" is judged against the parcels in the database, not against this table.
-- depends: 0010_geo_import

alter table map_import drop constraint if exists map_import_sha256_layer_srid_commune_code_key;
create index if not exists map_import_sha256 on map_import (sha256, layer);
