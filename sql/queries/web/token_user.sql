-- Who holds this bearer token: only an unrevoked token of an enabled account.
select u.id, u.username, u.role, t.id as token_id, t.last_used_at < now() - interval '1 minute'
       or t.last_used_at is null as stale
  from api_token t
  join app_user u on u.id = t.user_id
 where t.token_hash = %(token_hash)s
   and t.revoked_at is null
   and not u.disabled
