insert into review_task (kind, document_id, certificate_id, field, reason)
values (%(kind)s, %(document_id)s, %(certificate_id)s, %(field)s, %(reason)s)
