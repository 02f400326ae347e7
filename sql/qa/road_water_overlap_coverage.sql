-- The communes road_water_overlap could not check: no road or water feature imported for them in their SRID.
select w.commune_code, array_agg(distinct w.sheet_no order by w.sheet_no) as not_checked
  from {parcels} w
 where not exists (select 1 from map_feature f where f.commune_code = w.commune_code
                                                 and f.native_srid = w.native_srid)
 group by w.commune_code
 order by w.commune_code
