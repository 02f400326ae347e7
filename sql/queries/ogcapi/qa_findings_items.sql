-- OGC API Features, collection `qa_findings` (logged-in users only): one page of QA findings in CRS %(srid)s,
-- optionally inside a box given in %(bbox_srid)s, by id. A spot without a CRS (SRID 0, from a checked file) has
-- no geometry here.
with f as (
    select q.*, case when st_srid(q.geom) > 0 then q.geom end as spot from qa_finding q
)
select f.id, f.rule_id, f.status, f.message, f.measure, f.threshold, f.unit,
       array_to_string(f.parcel_keys, ' ') as parcel_keys, f.certificate_id,
       st_asgeojson(st_transform(f.spot, %(srid)s), %(digits)s)::jsonb as geometry,
       count(*) over () as matched
  from f
 where (%(xmin)s::float8 is null or (f.spot is not null and st_intersects(st_transform(f.spot, 4326), st_transform(
            st_makeenvelope(%(xmin)s, %(ymin)s, %(xmax)s, %(ymax)s, %(bbox_srid)s), 4326))))
   and (%(id)s::bigint is null or f.id = %(id)s)
 order by f.id
 limit %(limit)s offset %(offset)s
