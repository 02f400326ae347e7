insert into api_token (user_id, token_hash, prefix, label)
values (%(user_id)s, %(token_hash)s, %(prefix)s, %(label)s)
returning id, prefix, created_at
