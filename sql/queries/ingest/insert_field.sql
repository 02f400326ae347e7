insert into extracted_field (document_id, certificate_id, field, value, raw_text, confidence, page, bbox, engine,
                             flagged, flag_reason)
values (%(document_id)s, %(certificate_id)s, %(field)s, %(value)s, %(raw_text)s, %(confidence)s, %(page)s,
        %(bbox)s, %(engine)s, %(flagged)s, %(flag_reason)s)
on conflict (document_id, field) do nothing
