-- Holders with a 12-digit citizen ID, with the certificate parcel they hold (checked in Python).
select distinct on (lr.certificate_id, pa.id)
       pa.id as party_id, pa.title, pa.name, pa.birth_year, pa.id_type, pa.id_number, lr.certificate_id,
       cp.commune_code, cp.parcel_id,
       coalesce(nullif(trim(cp.sheet_no), ''), '?') || '/' || coalesce(nullif(trim(cp.parcel_no), ''), '?') as pkey,
       st_asewkb(cp.geom) as geom
  from land_right lr
  join party pa on pa.id = lr.party_id
  left join certificate_parcel cp
    on cp.id = lr.certificate_parcel_id
    or (lr.certificate_parcel_id is null and cp.certificate_id = lr.certificate_id)
 where pa.id_number is not null
   and (pa.id_type in ('CCCD', 'CC') or (pa.id_type is null and pa.id_number ~ '^[0-9]{12}$'))
   and (%(commune)s::text is null or cp.commune_code = %(commune)s)
 order by lr.certificate_id, pa.id, cp.id
