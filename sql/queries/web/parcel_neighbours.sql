-- Parcels that share a boundary with this one (within 5 cm, same survey zone), by the length they share.
select n.id, n.sheet_no, n.parcel_no, n.land_use_code, n.address,
       round(st_length(st_intersection(st_boundary(p.geom), st_buffer(n.geom, 0.05)))::numeric, 2) as shared_m
  from parcel p
  join parcel n on n.id <> p.id and n.native_srid = p.native_srid and st_dwithin(n.geom, p.geom, 0.05)
 where p.id = %(id)s
 order by shared_m desc nulls last, n.sheet_no, n.parcel_no
 limit 30
