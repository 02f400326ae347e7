select t.id, t.prefix, t.label, t.created_at, t.last_used_at, t.revoked_at
  from api_token t
  join app_user u on u.id = t.user_id
 where u.username = %(username)s
 order by t.created_at
