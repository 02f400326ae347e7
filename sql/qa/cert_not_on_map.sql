-- cert_not_on_map: a parcel printed on a certificate that has no parcel on the map (not linked, and
-- no map parcel with its commune/sheet/parcel key).
select array[]::bigint[] as parcel_ids,
       array[coalesce(nullif(trim(cp.sheet_no), ''), '?') || '/' || coalesce(nullif(trim(cp.parcel_no), ''), '?')]
           as parcel_keys,
       cp.commune_code, null::float8 as measure, null::float8 as threshold, null::text as unit,
       jsonb_build_object('certificate_id', cp.certificate_id, 'certificate_parcel_id', cp.id,
                          'link_status', cp.link_status) as details,
       cp.geom, 'cp:' || cp.id as spot
  from certificate_parcel cp
 where (%(commune)s::text is null or cp.commune_code = %(commune)s)
   and (cp.link_status = 'not_on_map'
        or (cp.parcel_id is null
            and not exists (select 1 from {parcels} w
                             where w.commune_code = cp.commune_code and w.sheet_no = cp.sheet_no
                               and w.parcel_no = cp.parcel_no)))
