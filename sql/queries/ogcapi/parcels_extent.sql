-- The zones (native SRIDs) the parcels were surveyed in, and their extent in WGS 84.
select array_agg(distinct native_srid order by native_srid) as srids,
       st_xmin(st_extent(geom_wgs84)) as xmin, st_ymin(st_extent(geom_wgs84)) as ymin,
       st_xmax(st_extent(geom_wgs84)) as xmax, st_ymax(st_extent(geom_wgs84)) as ymax
  from parcel where geom is not null
