-- The baseline of bench/bench_qa.py: one bare PostGIS self-join with ST_Overlaps on the same table.
select count(*) as n
  from {table} a
  join {table} b on a.id < b.id and a.geom && b.geom
 where st_overlaps(a.geom, b.geom)
