-- The parcel of a printed extract and the parcels around it (same survey zone, within %(margin)s metres), outlines
-- as WKB in the native zone; the parcel itself first.
select n.id, n.sheet_no, n.parcel_no, n.id = p.id as is_subject, st_asbinary(n.geom) as wkb
  from parcel p
  join parcel n on n.native_srid = p.native_srid and n.geom is not null
                and n.geom && st_expand(p.geom, %(margin)s)
 where p.id = %(id)s and p.geom is not null
 order by (n.id = p.id) desc, n.id
 limit 200
