-- The SCRAM verifier (not the password) of a role, for pgbouncer's auth_file (landdb/pgbouncer.py); superuser only.
select rolpassword from pg_authid where rolname = %(role)s
