-- owner_id_names: one ID number (CCCD/CMND) held by owners of different names across the current
-- certificates (names compared without diacritics and case). Reported once per number, in the scope of
-- any commune among its certificates. A commune's run reads only the ID numbers of its own certificates' owners
-- (ids), not every owner of the city: per commune it cost as much as the whole city (bench/scale.py).
with ids as (
    select distinct pa.id_number
      from certificate_parcel cp
      join land_right lr on lr.certificate_id = cp.certificate_id
      join party pa on pa.id = lr.party_id
     where cp.commune_code = %(commune)s and nullif(trim(pa.id_number), '') is not null
), owners as (
    select pa.id_number, pa.name, landdb_fold(pa.name) as folded, lr.certificate_id,
           cp.commune_code, cp.sheet_no, cp.parcel_no, cp.parcel_id
      from party pa
      join land_right lr on lr.party_id = pa.id
      join certificate c on c.id = lr.certificate_id and c.status not in ('superseded', 'rejected')
      left join certificate_parcel cp
        on cp.id = lr.certificate_parcel_id
        or (lr.certificate_parcel_id is null and cp.certificate_id = lr.certificate_id)
     where nullif(trim(pa.id_number), '') is not null
       and (%(commune)s::text is null or pa.id_number in (select id_number from ids))
)
select coalesce(array_agg(distinct o.parcel_id) filter (where o.parcel_id is not null), array[]::bigint[])
           as parcel_ids,
       array_agg(distinct coalesce(nullif(trim(o.sheet_no), ''), '?') || '/' ||
                          coalesce(nullif(trim(o.parcel_no), ''), '?')) as parcel_keys,
       coalesce(%(commune)s::text, min(o.commune_code)) as commune_code,
       count(distinct o.folded)::float8 as measure, 1::float8 as threshold, 'names' as unit,
       jsonb_build_object('id_number', o.id_number, 'names', jsonb_agg(distinct o.name),
                          'certificate_ids', jsonb_agg(distinct o.certificate_id)) as details,
       null::geometry as geom, 'id:' || o.id_number as spot
  from owners o
 group by o.id_number
having count(distinct o.folded) > 1
   and (%(commune)s::text is null or bool_or(o.commune_code = %(commune)s))
