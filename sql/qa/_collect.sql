-- Runs one rule (its SQL file is spliced in below) and keeps its findings for this run.
insert into pg_temp.qa_result
       (rule_id, parcel_ids, parcel_keys, commune_code, measure, threshold, unit, details, geom, spot)
select %(rule_id)s, r.parcel_ids, r.parcel_keys, r.commune_code, r.measure, r.threshold, r.unit,
       coalesce(r.details, jsonb_build_object()), r.geom, coalesce(r.spot, '')
  from ({rule}) as r
