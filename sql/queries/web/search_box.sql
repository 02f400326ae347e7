-- Parcels inside a box drawn on the map (WGS 84), through parcel_geom_wgs84 (GiST); largest first.
select p.id as parcel_id, null::bigint as cert_parcel_id, 0.5::float8 as score, 'in the drawn box' as reason,
       'tờ ' || p.sheet_no || ' thửa ' || p.parcel_no as matched
  from parcel p
 where p.geom_wgs84 && st_makeenvelope(%(xmin)s, %(ymin)s, %(xmax)s, %(ymax)s, 4326)
   and st_intersects(p.geom_wgs84, st_makeenvelope(%(xmin)s, %(ymin)s, %(xmax)s, %(ymax)s, 4326))
   and (%(commune)s::text is null or p.commune_code = %(commune)s)
 order by p.geom_area_m2 desc
 limit %(limit)s
