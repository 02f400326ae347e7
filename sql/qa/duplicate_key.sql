-- duplicate_key: the same (commune, sheet, parcel) more than once.
select array_agg(w.id order by w.id) as parcel_ids, array_agg(w.pkey order by w.id) as parcel_keys, w.commune_code,
       count(*)::float8 as measure, 1::float8 as threshold, 'parcels' as unit,
       jsonb_build_object('sheet_no', w.sheet_no, 'parcel_no', w.parcel_no) as details,
       st_collect(w.geom_raw) as geom, '' as spot
  from {parcels} w
 where coalesce(trim(w.sheet_no), '') <> '' and coalesce(trim(w.parcel_no), '') <> ''
 group by w.commune_code, w.sheet_no, w.parcel_no
having count(*) > 1
