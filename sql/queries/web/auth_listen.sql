-- Hear every change to accounts and API tokens (migration 0101), for web/token_cache.py.
listen landdb_auth
