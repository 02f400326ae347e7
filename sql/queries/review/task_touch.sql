-- An addition to a whole list: the task stays open but moves to a new version, only from the version the reviewer
-- saw (else no row: someone else added or decided first).
update review_task set version = version + 1, updated_at = now()
 where id = %(id)s and version = %(version)s and status = 'open'
returning version
