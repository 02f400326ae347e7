-- Parcels inside a box (WGS 84 degrees) for an export, through parcel_geom_wgs84 (GiST); by key.
select p.id
  from parcel p
 where p.geom_wgs84 && st_makeenvelope(%(xmin)s, %(ymin)s, %(xmax)s, %(ymax)s, 4326)
   and st_intersects(p.geom_wgs84, st_makeenvelope(%(xmin)s, %(ymin)s, %(xmax)s, %(ymax)s, 4326))
   and (%(commune)s::text is null or p.commune_code = %(commune)s)
 order by p.commune_code, p.sheet_no, p.parcel_no
 limit %(limit)s
