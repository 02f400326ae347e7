-- The certificate a retracted one had superseded is current again.
update certificate o set status = 'extracted', version = o.version + 1, updated_at = now()
  from certificate c
 where c.id = %(id)s and o.id = c.supersedes_id and o.status = 'superseded'
