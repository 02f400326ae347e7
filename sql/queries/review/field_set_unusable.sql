-- A reading a reviewer rejected: unusable until the page is rescanned.
update extracted_field
   set unusable = true, unusable_reason = %(reason)s, version = version + 1, updated_at = now()
 where document_id = %(document_id)s and field = %(field)s
