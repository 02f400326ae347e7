update app_user
   set password_hash = %(password_hash)s, version = version + 1, updated_at = now()
 where id = %(user_id)s
