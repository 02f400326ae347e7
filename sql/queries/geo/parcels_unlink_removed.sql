-- Certificates linked to a map parcel that the new sheet version no longer has: unlinked (to relink).
update certificate_parcel cp
set parcel_id = null, link_status = null, link_measures = null, version = cp.version + 1, updated_at = now()
from parcel p
join unnest(%(communes)s::text[], %(sheets)s::text[]) as c (commune_code, sheet_no)
  on c.commune_code = p.commune_code and c.sheet_no = p.sheet_no
where cp.parcel_id = p.id and p.map_import_id is not null
  and not exists (select 1 from geo_stage s
                  where s.commune_code = p.commune_code and s.sheet_no = p.sheet_no
                    and s.parcel_no = p.parcel_no and s.key_seq = p.key_seq)
