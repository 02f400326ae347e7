-- Every item a reviewer must decide (the body of the queue's `items` CTE; see web/review.py): flagged fields,
-- QA findings, certificate↔map links, and addresses whose current unit the old→new mapping could not decide.
-- status: 'open' (to decide), 'verify' (findings fixed or excepted, waiting for a second reviewer), 'done'.
-- Priority: 0 = key fields and error findings, 1 = other fields, warnings, links and undecided divided wards,
-- 2 = info findings and addresses the mapping does not know.
select 'field-' || t.id as id, 'field' as kind, t.id as row_id, t.version, t.status,
       case when t.field in ('serial', 'register_no', 'parcel.area_m2', 'parcel.parcel_no', 'parcel.sheet_no')
              or t.field ~ '^owners\.\d+\.(name|id_number)$' then 0 else 1 end as priority,
       t.created_at, t.field, t.reason, null::text as rule_id, null::text as severity,
       ef.value, ef.confidence, null::text as message, null::float8 as measure, null::float8 as threshold,
       null::text as unit, c.id as certificate_id, c.serial, t.document_id,
       coalesce(cp.commune_code, p.commune_code) as commune_code, cp.sheet_no, cp.parcel_no, cp.parcel_id,
       t.resolved_by as decided_by, t.resolved_at as decided_at
  from review_task t
  left join certificate c on c.id = t.certificate_id
  left join certificate_parcel cp on cp.certificate_id = t.certificate_id
  left join parcel p on p.id = cp.parcel_id
  left join extracted_field ef on ef.document_id = t.document_id and ef.field = t.field
 where t.kind in ('field', 'document')
   and case %(status)s when 'open' then t.status = 'open' when 'done' then t.status <> 'open' else false end
   and (%(run)s::bigint is null
        or exists (select 1 from ingest_item i where i.run_id = %(run)s and i.document_id = t.document_id))
union all
select 'finding-' || f.id, 'finding', f.id, f.version, f.status,
       case f.severity when 'error' then 0 when 'warning' then 1 else 2 end,
       coalesce(r.started_at, f.updated_at), null, f.status_reason, f.rule_id, f.severity,
       null, null, f.message, f.measure, f.threshold, f.unit, f.certificate_id, c.serial, c.document_id,
       f.commune_code, split_part(f.parcel_keys[1], '/', 1), split_part(f.parcel_keys[1], '/', 2),
       f.parcel_ids[1], f.status_by, f.status_at
  from qa_finding f
  left join qa_run r on r.id = f.run_id
  left join certificate c on c.id = f.certificate_id
 where case %(status)s when 'open' then f.status = 'new' when 'verify' then f.status in ('fixed', 'exception')
                       else f.status = 'verified' end
   and (%(run)s::bigint is null
        or exists (select 1 from ingest_item i where i.run_id = %(run)s and i.document_id = c.document_id))
union all
select 'link-' || cp.id, 'link', cp.id, cp.version, cp.link_status,
       1, c.created_at, null, cp.link_status || coalesce(': ' || (cp.link_measures ->> 'disagrees'), ''), null, null,
       cp.parcel_id::text, null, cp.link_review_note, null, null, null, c.id, c.serial, c.document_id,
       coalesce(cp.commune_code, p.commune_code), cp.sheet_no, cp.parcel_no, cp.parcel_id,
       cp.link_reviewed_by, cp.link_reviewed_at
  from certificate_parcel cp
  join certificate c on c.id = cp.certificate_id
  left join parcel p on p.id = cp.parcel_id
 where c.retracted_at is null
   and case %(status)s
         when 'open' then cp.link_status in ('ambiguous', 'shape_disagrees') and cp.link_reviewed_at is null
         when 'done' then cp.link_reviewed_at is not null else false end
   and (%(run)s::bigint is null
        or exists (select 1 from ingest_item i where i.run_id = %(run)s and i.document_id = c.document_id))
union all
select 'address-' || a.id, 'address', a.id, a.version, a.status,
       case a.status when 'needs_review' then 1 else 2 end, a.resolved_at, null, a.reason, null, null,
       a.printed, null, a.former_name, null, null, null, c.id, c.serial, c.document_id,
       coalesce(p.commune_code, cp.commune_code, pc.commune_code), coalesce(p.sheet_no, cp.sheet_no),
       coalesce(p.parcel_no, cp.parcel_no), coalesce(a.parcel_id, cp.parcel_id), a.reviewed_by, a.reviewed_at
  from address_unit a
  left join parcel p on p.id = a.parcel_id
  left join certificate_parcel cp on cp.id = a.certificate_parcel_id
  left join certificate c on c.id = cp.certificate_id
  left join parcel pc on pc.id = cp.parcel_id
 where (a.certificate_parcel_id is null or c.status not in ('superseded', 'rejected'))
   and case %(status)s when 'open' then a.status in ('needs_review', 'unknown')
                       when 'done' then a.reviewed_at is not null else false end
   and (%(run)s::bigint is null
        or exists (select 1 from ingest_item i where i.run_id = %(run)s and i.document_id = c.document_id))
