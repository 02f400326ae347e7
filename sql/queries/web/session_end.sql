update web_session set ended_at = now() where token_hash = %(token_hash)s and ended_at is null
