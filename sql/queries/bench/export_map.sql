-- The first commune of the synthetic city as a cadastral map file (bench/scale_import.py, ogr2ogr -sql): the
-- column names of a VietMap/TMV export (so_to, thua, dien_tich, loai_dat, dia_chi); the geometry as an
-- expression, so that GDAL does not read its SRID from the table's check constraint (it names a column).
select sheet_no::integer as so_to, parcel_no as thua, declared_area_m2::float8 as dien_tich,
       land_use_raw as loai_dat, address as dia_chi, st_multi(geom) as geom
  from parcel
 where commune_code = (select min(commune_code) from parcel)
