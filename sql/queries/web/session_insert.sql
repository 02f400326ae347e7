insert into web_session (token_hash, user_id, csrf_token, address, expires_at)
values (%(token_hash)s, %(user_id)s, %(csrf_token)s, %(address)s, now() + make_interval(secs => %(seconds)s))
