-- OGC API Features, collection `qa_findings` (logged-in users only): one page of QA findings in CRS %(srid)s,
-- optionally inside a box given in %(bbox_srid)s, by id. A spot without a CRS (SRID 0, from a checked file) has
-- no geometry here.
with box as (  -- the client's box, reprojected once (an explicit transformation of the request)
    select st_transform(st_makeenvelope(%(xmin)s, %(ymin)s, %(xmax)s, %(ymax)s, %(bbox_srid)s), 4326) as wgs84
     where %(xmin)s::float8 is not null
), f as (  -- each finding's spot in its own zone, and its WGS 84 copy for the box (no comparison across zones)
    select q.*, case when st_srid(q.geom) > 0 then q.geom end as spot,
           case when st_srid(q.geom) > 0 and %(xmin)s::float8 is not null then st_transform(q.geom, 4326) end
               as spot_wgs84
      from qa_finding q
)
select f.id, f.rule_id, f.status, f.message, f.measure, f.threshold, f.unit,
       array_to_string(f.parcel_keys, ' ') as parcel_keys, f.certificate_id,
       st_asgeojson(st_transform(f.spot, %(srid)s), %(digits)s, 0)::jsonb as geometry,  -- CRS: the Content-Crs header
       count(*) over () as matched
  from f
 where (%(xmin)s::float8 is null or (f.spot_wgs84 is not null and st_intersects(f.spot_wgs84, (select wgs84 from box))))
   and (%(id)s::bigint is null or f.id = %(id)s)
 order by f.id
 limit %(limit)s offset %(offset)s
