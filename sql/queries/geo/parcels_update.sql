-- Map parcels of the staged sheets whose feature differs from the staged one, or whose SRID differs (a CRS
-- correction re-labels them): updated in place (the audit trigger records before/after). Parcels not from a map
-- import are never touched.
update parcel p
set geom = st_setsrid(st_geomfromwkb(s.wkb), %(srid)s), native_srid = %(srid)s,
    declared_area_m2 = s.declared_area_m2, legal_area_m2 = s.legal_area_m2, address = s.address,
    land_use_raw = s.land_use_raw, land_use_code = s.land_use_code, attributes = s.attributes,
    is_valid = s.is_valid, source_digest = s.digest, source_feature = s.fid, map_import_id = %(import_id)s,
    version = p.version + 1, updated_at = now()
from geo_stage s
join unnest(%(communes)s::text[], %(sheets)s::text[]) as c (commune_code, sheet_no)
  on c.commune_code = s.commune_code and c.sheet_no = s.sheet_no
where p.commune_code = s.commune_code and p.sheet_no = s.sheet_no and p.parcel_no = s.parcel_no
  and p.key_seq = s.key_seq and p.map_import_id is not null
  and (p.source_digest is distinct from s.digest or p.native_srid <> %(srid)s)
returning p.commune_code, p.sheet_no, p.parcel_no, p.key_seq
