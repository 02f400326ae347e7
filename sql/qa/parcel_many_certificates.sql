-- parcel_many_certificates: a map parcel linked from more than one current certificate (not superseded,
-- not rejected, and no later version of it loaded).
select array[w.id] as parcel_ids, array[w.pkey] as parcel_keys, w.commune_code,
       count(distinct c.id)::float8 as measure, 1::float8 as threshold, 'certificates' as unit,
       jsonb_build_object('certificate_ids', jsonb_agg(distinct c.id), 'serials', jsonb_agg(distinct c.serial))
           as details,
       w.geom, '' as spot
  from {parcels} w
  join certificate_parcel cp on cp.parcel_id = w.id
  join certificate c on c.id = cp.certificate_id
 where c.status not in ('superseded', 'rejected')
   and not exists (select 1 from certificate later where later.supersedes_id = c.id)
 group by w.id, w.pkey, w.commune_code, w.geom
having count(distinct c.id) > 1
