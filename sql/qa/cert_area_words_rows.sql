-- Certificate parcels whose area is also written in words (checked in Python: cert_area_words).
select cp.id, cp.certificate_id, cp.area_m2::float8 as area_m2, cp.area_words, cp.commune_code,
       coalesce(nullif(trim(cp.sheet_no), ''), '?') || '/' || coalesce(nullif(trim(cp.parcel_no), ''), '?') as pkey,
       cp.parcel_id, st_asewkb(cp.geom) as geom
  from certificate_parcel cp
 where cp.area_words is not null and trim(cp.area_words) <> ''
   and (%(commune)s::text is null or cp.commune_code = %(commune)s)
 order by cp.id
