-- After bench/scale_import.py: the commune it imported into the city (code 99001), gone again, with its sheets
-- and import records; and ogr2ogr's copy of the same file.
delete from parcel where commune_code = '99001';
delete from map_sheet_change where map_sheet_id in (select id from map_sheet where commune_code = '99001');
delete from map_sheet where commune_code = '99001';
delete from map_import where commune_code = '99001';
drop table if exists bench_ogr_import
