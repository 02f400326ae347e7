-- Who holds this bearer token: only an unrevoked token of an enabled account. Marks it used.
update api_token t
   set last_used_at = now()
  from app_user u
 where t.token_hash = %(token_hash)s
   and t.revoked_at is null
   and u.id = t.user_id
   and not u.disabled
returning u.id, u.username, u.role, t.id as token_id
