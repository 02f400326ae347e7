-- The open review tasks of a retracted certificate are closed with the retraction's reason.
update review_task
   set status = 'rejected', resolved_by = %(actor)s, resolved_at = now(), decision_reason = 'retracted: ' || %(reason)s,
       version = version + 1, updated_at = now()
 where certificate_id = %(id)s and status = 'open'
