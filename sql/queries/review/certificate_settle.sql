-- When no field of a certificate waits for review any more: accepted, or rejected if a field was rejected.
update certificate c
   set status = case when exists (select 1 from review_task t where t.certificate_id = c.id and t.status = 'rejected')
                     then 'rejected' else 'accepted' end,
       version = c.version + 1, updated_at = now()
 where c.id = %(id)s and c.status = 'in_review'
   and not exists (select 1 from review_task t where t.certificate_id = c.id and t.status = 'open')
