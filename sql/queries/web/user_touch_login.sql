update app_user set last_login_at = now() where id = %(user_id)s
