-- Who holds this session cookie: only a live session of an enabled account.
select u.id, u.username, u.role, s.csrf_token, s.id as session_id
  from web_session s
  join app_user u on u.id = s.user_id
 where s.token_hash = %(token_hash)s
   and s.ended_at is null
   and s.expires_at > now()
   and not u.disabled
