-- The corrected value of a reading (the raw OCR text stays as read).
update extracted_field
   set value = %(value)s, version = version + 1, updated_at = now()
 where document_id = %(document_id)s and field = %(field)s
