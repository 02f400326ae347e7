-- owner_id_names: one ID number (CCCD/CMND) held by owners of different names across the current
-- certificates (names compared without diacritics and case). Reported once per number and commune among its
-- certificates (each listing all of them), so a commune's run finds exactly what the whole city's run finds in
-- that commune, and the communes run one by one find what the whole city finds. A commune's run reads only the
-- ID numbers of its own certificates' owners (ids), not every owner of the city: per commune it cost as much as
-- the whole city (bench/scale.py). As an array (= any), not a semi-join (in (select …)): the planner then finds
-- those owners by the id_number index; with the semi-join it joined every right and certificate of the city first
-- (a 15,000-parcel commune of the 2.5M city: 23 s).
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
       and (%(commune)s::text is null or pa.id_number = any (array(select id_number from ids)))
), numbers as (
    select coalesce(array_agg(distinct o.parcel_id) filter (where o.parcel_id is not null), array[]::bigint[])
               as parcel_ids,
           array_agg(distinct coalesce(nullif(trim(o.sheet_no), ''), '?') || '/' ||
                              coalesce(nullif(trim(o.parcel_no), ''), '?')) as parcel_keys,
           array_agg(distinct o.commune_code) filter (where o.commune_code is not null) as communes,
           count(distinct o.folded)::float8 as measure,
           jsonb_build_object('id_number', o.id_number, 'names', jsonb_agg(distinct o.name),
                              'certificate_ids', jsonb_agg(distinct o.certificate_id)) as details,
           'id:' || o.id_number as spot
      from owners o
     group by o.id_number
    having count(distinct o.folded) > 1
)
select n.parcel_ids, n.parcel_keys, c.commune_code, n.measure, 1::float8 as threshold, 'names' as unit,
       n.details, null::geometry as geom, n.spot
  from numbers n
 cross join lateral unnest(coalesce(n.communes, array[null::text])) as c(commune_code)
 where %(commune)s::text is null or c.commune_code = %(commune)s
