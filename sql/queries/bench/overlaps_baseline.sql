-- The QA baseline of bench/scale.py: one bare PostGIS self-join with ST_Overlaps on the land database's parcels,
-- over one commune or (commune null) the whole city, through the same GiST index the catalogue can use.
select count(*) as n
  from parcel a
  join parcel b on a.id < b.id and a.geom && b.geom
 where (%(commune)s::text is null or (a.commune_code = %(commune)s and b.commune_code = %(commune)s))
   and st_overlaps(a.geom, b.geom)
