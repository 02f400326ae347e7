-- Map parcels by id (a link's candidates): key, areas and outline in WGS 84.
select p.id, p.commune_code, p.sheet_no, p.parcel_no, p.geom_area_m2 as map_area_m2, p.declared_area_m2,
       st_asgeojson(p.geom_wgs84, 7)::jsonb as geometry
  from parcel p
 where p.id = any(%(ids)s)
 order by p.id
