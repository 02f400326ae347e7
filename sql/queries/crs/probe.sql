-- Where PostGIS, in this session, puts one point of CRS %(srid)s in WGS 84 (geo/crs.py pin_database checks it).
select st_x(g) as lon, st_y(g) as lat
  from (select st_transform(st_setsrid(st_makepoint(%(x)s, %(y)s), %(srid)s), 4326) as g) as q
