-- Stores this run's findings: new fingerprints are added as 'new'; known ones are refreshed and keep
-- their status (an exception stays an exception), except that a 'fixed' one found again is reopened.
insert into qa_finding as f
       (run_id, rule_id, fingerprint, parcel_keys, parcel_ids, certificate_id, measure, threshold, unit, message,
        geom, status, last_seen_run_id, commune_code, severity, repaired, details)
select %(run_id)s, r.rule_id, r.fingerprint, r.parcel_keys, r.parcel_ids, (r.details ->> 'certificate_id')::bigint,
       r.measure, r.threshold, r.unit, r.message, r.geom, 'new', %(run_id)s, r.commune_code,
       (select q.severity from qa_rule q where q.id = r.rule_id), r.repaired, r.details
  from pg_temp.qa_result r
on conflict (fingerprint) do update
   set last_seen_run_id = excluded.last_seen_run_id,
       parcel_keys = excluded.parcel_keys, parcel_ids = excluded.parcel_ids,
       certificate_id = excluded.certificate_id, measure = excluded.measure, threshold = excluded.threshold,
       unit = excluded.unit, message = excluded.message, geom = excluded.geom, severity = excluded.severity,
       repaired = excluded.repaired, details = excluded.details,
       status = case when f.status = 'fixed' then 'new' else f.status end,
       status_reason = case when f.status = 'fixed' then 'found again by QA run ' || excluded.last_seen_run_id
                            else f.status_reason end,
       status_by = case when f.status = 'fixed' then %(actor)s else f.status_by end,
       status_at = case when f.status = 'fixed' then now() else f.status_at end,
       version = f.version + 1, updated_at = now()
