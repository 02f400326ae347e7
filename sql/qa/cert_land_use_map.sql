-- cert_land_use_map: the map parcel's land-use code is none of the land uses its certificate lists
-- (the certificate's land-use total is 0 m² for the map's code).
select array[w.id] as parcel_ids, array[w.pkey] as parcel_keys, w.commune_code,
       0::float8 as measure, null::float8 as threshold, 'm²' as unit,
       jsonb_build_object('certificate_id', cp.certificate_id, 'certificate_parcel_id', cp.id,
                          'map_code', w.land_use_code, 'certificate_codes', to_jsonb(u.codes),
                          'certificate_total_m2', u.total) as details,
       w.geom, 'cp:' || cp.id as spot
  from certificate_parcel cp
  join certificate c on c.id = cp.certificate_id and c.status not in ('superseded', 'rejected')
  join {parcels} w on w.id = cp.parcel_id
 cross join lateral (select array_agg(distinct upper(trim(lu.code)) order by upper(trim(lu.code))) as codes,
                            sum(lu.area_m2)::float8 as total
                       from certificate_land_use lu
                      where lu.certificate_parcel_id = cp.id and nullif(trim(lu.code), '') is not null) as u
 where w.land_use_code is not null and u.codes is not null
   and not (upper(w.land_use_code) = any(u.codes))
