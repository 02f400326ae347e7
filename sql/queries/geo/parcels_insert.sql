-- Staged features of new or changed sheets that have no parcel yet: one set-based insert.
insert into parcel (commune_code, sheet_no, parcel_no, key_seq, native_srid, geom, declared_area_m2, legal_area_m2,
                    address, land_use_raw, land_use_code, map_import_id, source_feature, attributes, is_valid,
                    source_digest)
select s.commune_code, s.sheet_no, s.parcel_no, s.key_seq, %(srid)s, st_setsrid(st_geomfromwkb(s.wkb), %(srid)s),
       s.declared_area_m2, s.legal_area_m2, s.address, s.land_use_raw, s.land_use_code, %(import_id)s, s.fid,
       s.attributes, s.is_valid, s.digest
from geo_stage s
join unnest(%(communes)s::text[], %(sheets)s::text[]) as c (commune_code, sheet_no)
  on c.commune_code = s.commune_code and c.sheet_no = s.sheet_no
where not exists (select 1 from parcel p
                  where p.commune_code = s.commune_code and p.sheet_no = s.sheet_no
                    and p.parcel_no = s.parcel_no and p.key_seq = s.key_seq)
returning commune_code, sheet_no, parcel_no, key_seq
