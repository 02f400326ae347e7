-- Review items still open on the given certificates (an officer sees that a value is not yet checked).
select t.id, t.kind, t.certificate_id, t.field, t.reason, t.created_at
  from review_task t
 where t.certificate_id = any(%(ids)s) and t.status = 'open'
 order by t.id
