-- Where the parcels are (WGS 84), to open the map on them.
select st_xmin(e) as xmin, st_ymin(e) as ymin, st_xmax(e) as xmax, st_ymax(e) as ymax
  from (select st_extent(geom_wgs84) as e from parcel) s
