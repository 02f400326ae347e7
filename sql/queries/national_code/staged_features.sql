-- The distinct geometries of the staged features, as the import will store them in zone %(srid)s.
select distinct md5(st_asewkb(st_setsrid(st_geomfromwkb(s.wkb), %(srid)s))) as geom_key, s.wkb
from geo_stage s
where s.wkb is not null
