-- The SRIDs of the QA findings' spots, and their extent in WGS 84 (spots without a CRS left out).
select (select array_agg(distinct st_srid(geom)) from qa_finding where st_srid(geom) > 0) as srids,
       st_xmin(e) as xmin, st_ymin(e) as ymin, st_xmax(e) as xmax, st_ymax(e) as ymax
  from (select st_extent(st_transform(geom, 4326)) as e from qa_finding where st_srid(geom) > 0) x
