-- The communes road_water_overlap could not check: no road or water feature imported for them in their SRID.
select u.commune_code, array_agg(u.sheet_no order by length(u.sheet_no), u.sheet_no) as not_checked
  from (select distinct w.commune_code, w.sheet_no
          from {parcels} w
         where not exists (select 1 from map_feature f where f.commune_code = w.commune_code
                                                         and f.native_srid = w.native_srid)) as u
 group by u.commune_code
 order by u.commune_code
