-- When a token was last used (kept to the minute: one write a minute, not one per request).
update api_token set last_used_at = now() where id = %(id)s
