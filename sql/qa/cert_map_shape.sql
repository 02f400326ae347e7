-- cert_map_shape: the outline from the certificate's vertex table vs the linked map parcel: Hausdorff
-- distance beyond the allowed point error of the map's scale; a zone (SRID) mismatch is reported as such.
with pairs as (
    select cp.id as cp_id, cp.certificate_id, cp.geom as cert_geom, w.*,
           (select t.value::float8
              from jsonb_each_text(%(point_tolerance_m)s::jsonb) as t
             order by (t.key::int < w.scale), abs(t.key::int - w.scale)
             limit 1) as tolerance
      from certificate_parcel cp
      join {parcels} w on w.id = cp.parcel_id
     where cp.geom is not null and not st_isempty(cp.geom) and st_srid(cp.geom) <> 0  -- no CRS yet: a review task
       and w.geom is not null and not st_isempty(w.geom)
)
select array[p.id] as parcel_ids, array[p.pkey] as parcel_keys, p.commune_code,
       case when st_srid(p.cert_geom) = st_srid(p.geom) then st_hausdorffdistance(p.cert_geom, p.geom) end
           as measure,
       p.tolerance as threshold, 'm' as unit,
       jsonb_build_object('certificate_id', p.certificate_id, 'certificate_parcel_id', p.cp_id,
                          'certificate_srid', st_srid(p.cert_geom), 'map_srid', st_srid(p.geom),
                          'scale', p.scale,
                          'area_difference_m2', case when st_srid(p.cert_geom) = st_srid(p.geom)
                              then round(st_area(st_symdifference(p.cert_geom, p.geom))::numeric, 2) end) as details,
       case when st_srid(p.cert_geom) = st_srid(p.geom) then st_symdifference(p.cert_geom, p.geom) else p.geom end
           as geom,
       'cp:' || p.cp_id as spot
  from pairs p
 where st_srid(p.cert_geom) <> st_srid(p.geom)
    or st_hausdorffdistance(p.cert_geom, p.geom) > p.tolerance
