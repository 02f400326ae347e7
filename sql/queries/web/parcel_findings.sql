-- QA findings on this parcel or its certificates (open first).
select f.id, f.rule_id, f.severity, f.status, f.message, f.measure, f.threshold, f.unit, f.parcel_keys,
       f.certificate_id, f.status_reason, f.status_by, f.status_at, f.version
  from qa_finding f
 where f.parcel_ids @> array[%(id)s]::bigint[] or f.certificate_id = any(%(certificate_ids)s)
 order by (f.status = 'new') desc, case f.severity when 'error' then 0 when 'warning' then 1 else 2 end, f.id
