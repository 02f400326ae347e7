-- parcel_without_certificate (informational): in a commune whose digitisation is closed, a map parcel no
-- current certificate is linked to. Land that gets no certificate (roads, canals, rivers, water: the
-- uncertified_land_uses parameter) is left out.
select array[w.id] as parcel_ids, array[w.pkey] as parcel_keys, w.commune_code,
       null::float8 as measure, null::float8 as threshold, null::text as unit,
       jsonb_build_object('closed_at', d.closed_at, 'land_use', coalesce(w.land_use_code, w.land_use_raw)) as details,
       w.geom_raw as geom, '' as spot
  from {parcels} w
  join commune_digitisation d on d.commune_code = w.commune_code
 where not (upper(trim(coalesce(w.land_use_code, w.land_use_raw, ''))) = any(%(uncertified_land_uses)s::text[]))
   and not exists (select 1
                     from certificate_parcel cp
                     join certificate c on c.id = cp.certificate_id
                    where cp.parcel_id = w.id and c.status not in ('superseded', 'rejected'))
