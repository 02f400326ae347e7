-- When every field of a certificate has been reviewed and none was rejected, it is accepted (a rejected field
-- keeps it in review: that page must be rescanned).
update certificate c
   set status = 'accepted', version = c.version + 1, updated_at = now()
 where c.id = %(id)s and c.status = 'in_review'
   and not exists (select 1 from review_task t where t.certificate_id = c.id and t.status in ('open', 'rejected'))
