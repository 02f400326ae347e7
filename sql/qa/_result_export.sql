select rule_id, parcel_keys, parcel_ids, commune_code, measure, threshold, unit, message, details, repaired,
       fingerprint, st_astext(geom) as geometry_wkt
  from pg_temp.qa_result
 order by rule_id, parcel_keys, id
