-- Every value read from the given documents, where on which page, how sure, and whether a person must check it.
select f.document_id, f.certificate_id, f.field, f.value, f.confidence, f.page, f.bbox, f.flagged, f.flag_reason
  from extracted_field f
 where f.document_id = any(%(ids)s)
 order by f.document_id, f.page nulls last, f.id
