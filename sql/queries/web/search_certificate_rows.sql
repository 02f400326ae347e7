-- What a search result shows for a certificate whose parcel is not on the map.
select null::bigint as parcel_id, cp.id as cert_parcel_id, cp.commune_code, cp.sheet_no, cp.parcel_no,
       cp.address, cp.area_m2, null::numeric as map_area_m2,
       coalesce((select array_agg(distinct lu.code) from certificate_land_use lu
                  where lu.certificate_parcel_id = cp.id), '{}') as land_uses,
       coalesce((select array_agg(distinct pa.name) from land_right r join party pa on pa.id = r.party_id
                  where r.certificate_id = c.id), '{}') as owners,
       array_remove(array[c.serial], null) as certificate_serials, null::text as national_code,
       0::bigint as open_findings, null::float8[] as bbox
  from certificate_parcel cp
  join certificate c on c.id = cp.certificate_id
 where cp.id = any(%(ids)s)
