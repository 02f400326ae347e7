-- missing_attribute: sheet no., parcel no., declared area or land use missing.
select array[w.id] as parcel_ids, array[w.pkey] as parcel_keys, w.commune_code,
       cardinality(m.missing)::float8 as measure, 0::float8 as threshold, 'fields' as unit,
       jsonb_build_object('missing', m.missing) as details,
       coalesce(w.geom, w.geom_raw) as geom, array_to_string(m.missing, ',') as spot
  from {parcels} w
 cross join lateral (
       select array_remove(array[
              case when coalesce(trim(w.sheet_no), '') = '' then 'sheet_no' end,
              case when coalesce(trim(w.parcel_no), '') = '' then 'parcel_no' end,
              case when w.declared_area_m2 is null or w.declared_area_m2 <= 0 then 'declared_area_m2' end,
              case when coalesce(trim(w.land_use_raw), '') = '' and w.land_use_code is null then 'land_use' end
       ], null) as missing) as m
 where cardinality(m.missing) > 0
