-- A reviewer's decision on a field task, only if the task is still at the version they saw (else no row).
update review_task
   set status = %(status)s, resolved_by = %(actor)s, resolved_at = now(), decision_reason = %(reason)s,
       version = version + 1, updated_at = now()
 where id = %(id)s and version = %(version)s and status = 'open'
returning version
