select st_asbinary(geom) as wkb, st_srid(geom) as srid, st_asbinary(geom_wgs84) as wkb_wgs84,
       geom_area_m2, version
  from parcel where id = %(id)s
