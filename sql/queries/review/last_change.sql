-- The latest recorded change of one row (who, when, what it became): shown to a reviewer whose write was stale.
select a.actor, a.at, a.action, a.before, a.after
  from audit_log a
 where a.table_name = %(table)s and a.row_id = %(id)s and a.action = 'update'
 order by a.id desc
 limit 1
