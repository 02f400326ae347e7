-- Accounts with their live tokens and sessions (never a secret or a hash).
select u.id, u.username, u.role, u.disabled, u.created_at, u.created_by, u.disabled_at, u.last_login_at,
       (select count(*) from api_token t where t.user_id = u.id and t.revoked_at is null) as tokens,
       (select count(*) from web_session s
         where s.user_id = u.id and s.ended_at is null and s.expires_at > now()) as sessions
  from app_user u
 order by u.username
