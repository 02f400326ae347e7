-- Map parcels of the changed sheets that the new version no longer has (the audit trigger keeps them).
delete from parcel p
using unnest(%(communes)s::text[], %(sheets)s::text[]) as c (commune_code, sheet_no)
where c.commune_code = p.commune_code and c.sheet_no = p.sheet_no and p.map_import_id is not null
  and not exists (select 1 from geo_stage s
                  where s.commune_code = p.commune_code and s.sheet_no = p.sheet_no
                    and s.parcel_no = p.parcel_no and s.key_seq = p.key_seq)
returning p.commune_code, p.sheet_no, p.parcel_no, p.key_seq
