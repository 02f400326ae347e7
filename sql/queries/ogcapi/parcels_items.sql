-- OGC API Features, collection `parcels`: one page of parcels (no owners, no ID numbers) in CRS %(srid)s,
-- optionally inside a box given in %(bbox_srid)s (compared in WGS 84 through parcel_geom_wgs84), by id.
with box as (  -- the client's box, reprojected once (an explicit transformation of the request, not of the data)
    select st_transform(st_makeenvelope(%(xmin)s, %(ymin)s, %(xmax)s, %(ymax)s, %(bbox_srid)s), 4326) as wgs84
     where %(xmin)s::float8 is not null
)
select p.id, p.commune_code, p.sheet_no, p.parcel_no, p.address, p.land_use_code, p.declared_area_m2 as area_m2,
       round(p.geom_area_m2::numeric, 2) as map_area_m2, p.national_code, p.native_srid,
       st_asgeojson(st_transform(p.geom, %(srid)s), %(digits)s, 0)::jsonb as geometry,  -- CRS: the Content-Crs header
       count(*) over () as matched
  from parcel p
 where p.geom is not null
   and (%(xmin)s::float8 is null or p.geom_wgs84 && (select wgs84 from box))
   and (%(id)s::bigint is null or p.id = %(id)s)
 order by p.id
 limit %(limit)s offset %(offset)s
