-- Disable an account; its sessions end and its tokens are revoked in the same transaction (user_revoke_all).
update app_user
   set disabled = true, disabled_at = now(), version = version + 1, updated_at = now()
 where username = %(username)s
returning id, username, role, disabled
