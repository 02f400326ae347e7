select id, rule_id, parcel_ids, parcel_keys, commune_code, measure, threshold, unit, details, spot, repaired
  from pg_temp.qa_result
 order by rule_id, parcel_keys, id
