-- The latest import of the same file (by content), layer, CRS and commune, if any.
select id, imported_at, imported_by, feature_count
from map_import
where sha256 = %(sha256)s and layer is not distinct from %(layer)s and srid = %(srid)s
  and commune_code is not distinct from %(commune_code)s
order by id desc
limit 1
