select id, username, role, password_hash, disabled, version
  from app_user
 where username = %(username)s
