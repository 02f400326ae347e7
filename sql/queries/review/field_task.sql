-- One flagged-field task with its reading (where on which page, how sure, the raw text) and its certificate.
select t.id, t.kind, t.status, t.version, t.field, t.reason, t.resolved_by, t.resolved_at, t.decision_reason,
       t.document_id, t.certificate_id, t.created_at,
       ef.id as field_id, ef.value, ef.raw_text, ef.confidence, ef.page, ef.bbox, ef.engine, ef.flag_reason,
       ef.unusable, ef.unusable_reason, ef.version as field_version,
       c.serial, c.form, c.status as certificate_status, c.version as certificate_version, c.record,
       c.pending_supersedes_id, d.pages
  from review_task t
  left join extracted_field ef on ef.document_id = t.document_id and ef.field = t.field
  left join certificate c on c.id = t.certificate_id
  left join source_document d on d.id = t.document_id
 where t.id = %(id)s
