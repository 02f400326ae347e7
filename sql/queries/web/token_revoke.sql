update api_token t set revoked_at = now()
  from app_user u
 where u.id = t.user_id and u.username = %(username)s and t.prefix = %(prefix)s and t.revoked_at is null
returning t.id
